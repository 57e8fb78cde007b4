/// <reference types="office-js" />
import { columnLetters } from "../domain/address";
import type { AgendaLine, AgendaTotals, CopilAgenda } from "../domain/copil";
import { FINANCER_IDS, type FinancerId } from "../domain/financers";
import type { Column, Table } from "../domain/model";
import { ZERO_CENTS } from "../domain/money";
import { agendaTitle, formatIsoDate, voteStatusText } from "../report/copil";
import type { Lang } from "../report/format";
import { colon, financerName } from "../report/labels";
import { findingMessage } from "../report/messages";
import { AGENDA_REASON, COPIL } from "../report/words/copil";
import { COPIL_SHEET } from "../report/words/copil-sheet";
import { counted, word } from "../report/words/lookup";
import { COUNTED, HOST, SEVERITY } from "../report/words/report";
import { COPIL_AGENDA_SHEET_NAME, isAddinSheetName, isNumberedSheetName } from "./host";
import {
  eurosCell,
  layoutBuilder,
  numberCell,
  rateCell,
  textCell,
  writeNewSheet,
  type LayoutBuilder,
  type SheetCell,
} from "./synthesis-sheet";

export { COPIL_AGENDA_SHEET_NAME };

/** Whether a sheet name is one of the agenda sheets: "Ordre du jour COPIL", "Ordre du jour COPIL (2)", … */
export function isCopilAgendaSheetName(name: string): boolean {
  return isNumberedSheetName(COPIL_AGENDA_SHEET_NAME, name);
}

interface CopilAgendaLayout {
  rows: SheetCell[][];
  /** 0-based bold rows. */
  bold: number[];
  /** 0-based row of each line on the sheet: lines to vote, then lines to decide. */
  lineRows: number[];
}

function classificationText(l: AgendaLine, lang: Lang): string {
  if (l.classification === null) return word(COPIL.unclassified, lang);
  const kind = word(COPIL[l.classification], lang);
  return l.classification === "lettre_de_commande" && l.host ? `${kind} → ${word(HOST[l.host], lang)}` : kind;
}

function readingText(l: AgendaLine, lang: Lang): string {
  const read = l.status ? voteStatusText(l.status, lang) : word(AGENDA_REASON.no_status, lang);
  return l.reason === "overdue" ? `${read} — ${word(AGENDA_REASON.overdue, lang)}` : read;
}

function findingsText(l: AgendaLine, lang: Lang): string {
  if (l.findings.length === 0) return word(COPIL.noFinding, lang);
  return l.findings
    .map(
      (f) =>
        `[${word(SEVERITY[f.severity], lang)}] ${f.cell ? `${f.cell} ` : ""}${f.code}${colon(lang)} ${findingMessage(f, lang)}`,
    )
    .join(" ; ");
}

function countsText(t: AgendaTotals, lang: Lang): string {
  const parts = [
    counted(COUNTED.operation, t.lineCount, lang),
    counted(COUNTED.project, t.projects, lang),
    counted(COUNTED.letter, t.letters, lang),
  ];
  if (t.undetermined) parts.push(counted(COUNTED.undetermined, t.undetermined, lang));
  return parts.join(", ");
}

/** The agenda sheet's rows (0-based), its bold rows and where each line is. */
function copilAgendaLayout(agenda: CopilAgenda, lang: Lang = "fr"): CopilAgendaLayout {
  const b = layoutBuilder();
  const lineRows: number[] = [];
  titleRows(b, agenda, lang);
  for (const [key, lines, totals] of [
    ["toVote", agenda.toVote, agenda.totals.toVote],
    ["toDecide", agenda.toDecide, agenda.totals.toDecide],
  ] as const) {
    b.blank();
    b.heading(textCell(`${word(COPIL[key], lang)}${colon(lang)} ${countsText(totals, lang)}`));
    if (lines.length === 0) b.push(textCell(word(COPIL.none, lang)));
    else agendaLineRows(b, lines, lineRows, lang);
  }
  totalRows(b, agenda, lang);
  return { rows: b.rows, bold: b.bold, lineRows };
}

/** The title, the other COPIL dates, the operations already voted. */
function titleRows({ push, heading }: LayoutBuilder, agenda: CopilAgenda, lang: Lang): void {
  heading(textCell(agendaTitle(agenda, lang)));
  if (agenda.dates.length)
    push(
      textCell(
        `${word(COPIL.otherDates, lang)}${colon(lang)} ${agenda.dates.map((d) => formatIsoDate(d, lang)).join(", ")}`,
      ),
    );
  if (agenda.date && agenda.alreadyVoted)
    push(textCell(`${counted(COUNTED.operation, agenda.alreadyVoted, lang)} ${word(COPIL.alreadyVoted, lang)}`));
}

/** A table of lines (to vote or to decide): its header, then one row per line, whose 0-based row goes to `lineRows`. */
function agendaLineRows(
  { rows, push, heading }: LayoutBuilder,
  lines: readonly AgendaLine[],
  lineRows: number[],
  lang: Lang,
): void {
  heading(
    ...(
      [
        "sheet",
        "row",
        "action",
        "operation",
        "operator",
        "classification",
        "cost",
        "fse",
        "rate",
        "status",
        "reading",
        "findings",
      ] as const
    ).map((k) => textCell(word(COPIL_SHEET[k], lang))),
  );
  for (const l of lines) {
    lineRows.push(rows.length);
    push(
      textCell(l.sheet),
      numberCell(l.row),
      textCell(l.action),
      textCell(l.operation),
      textCell(l.operator),
      textCell(classificationText(l, lang)),
      eurosCell(l.totalCost),
      eurosCell(l.fse),
      rateCell(l.fseRate),
      textCell(l.status?.text ?? ""),
      textCell(readingText(l, lang)),
      textCell(findingsText(l, lang)),
    );
  }
}

/** Totals per financer: to vote, to decide, both; then the total cost and the counts. */
function totalRows({ push, heading, blank }: LayoutBuilder, agenda: CopilAgenda, lang: Lang): void {
  blank();
  heading(textCell(word(COPIL.totals, lang)));
  const cols: AgendaTotals[] = [agenda.totals.toVote, agenda.totals.toDecide, agenda.totals.all];
  heading(
    textCell(word(COPIL_SHEET.financer, lang)),
    textCell(word(COPIL.toVote, lang)),
    textCell(word(COPIL.toDecide, lang)),
    textCell(word(COPIL.all, lang)),
  );
  const financers: FinancerId[] = FINANCER_IDS.filter((id) => cols.some((t) => t.byFinancer[id] !== undefined));
  for (const id of financers)
    push(
      textCell(financerName(id, agenda.financerHeaders, lang)),
      ...cols.map((t) => eurosCell(t.byFinancer[id] ?? ZERO_CENTS)),
    );
  heading(textCell(word(COPIL_SHEET.totalCost, lang)), ...cols.map((t) => eurosCell(t.totalCost)));
  push(textCell(word(COPIL_SHEET.lines, lang)), ...cols.map((t) => numberCell(t.lineCount)));
  push(textCell(word(COPIL_SHEET.projects, lang)), ...cols.map((t) => numberCell(t.projects)));
  push(textCell(word(COPIL_SHEET.letters, lang)), ...cols.map((t) => numberCell(t.letters)));
  if (cols.some((t) => t.undetermined))
    push(textCell(word(COPIL_SHEET.undetermined, lang)), ...cols.map((t) => numberCell(t.undetermined)));
}

export interface CopilAgendaSheetResult {
  /** Name of the new sheet. */
  sheetName: string;
  /** Address written (A1:…). */
  address: string;
  /** The values written, row by row (euros as numbers). */
  values: (string | number)[][];
  numberFormats: string[][];
  /** 1-based row of each agenda line on the new sheet: lines to vote, then lines to decide. */
  lineRows: number[];
}

/**
 * Writes the agenda of a COPIL on a NEW sheet ("Ordre du jour COPIL", or
 * "Ordre du jour COPIL (2)"… when the name is taken; an existing sheet is
 * never written over): the lines to vote, then the lines to decide (sheet,
 * row, action, operation, operator, classification and host, cost, FSE,
 * FSE rate, the status as written and as read, the findings in words), then
 * the totals per financer. Amounts are Excel numbers (euros, from `centsToEuros`)
 * with euro and percent formats; text cells are formatted as text first.
 * The sheet is written as one 2-D block. Two syncs: the sheet names, then
 * every write.
 */
export async function writeCopilAgendaSheet(
  context: Excel.RequestContext,
  agenda: CopilAgenda,
  lang: Lang = "fr",
): Promise<CopilAgendaSheetResult> {
  const layout = copilAgendaLayout(agenda, lang);
  const written = await writeNewSheet(
    context,
    COPIL_AGENDA_SHEET_NAME,
    {
      ...layout,
      widths: [
        ["A", 140],
        ["B:L", 100],
      ],
    },
    lang,
  );
  return { ...written, lineRows: layout.lineRows.map((r) => r + 1) };
}

// ---------------------------------------------------------------------------
// Recording a vote in the programming sheet

/** A table, or just its columns: where its `Statut COPIL` column is. */
export type StatusColumnSource = Pick<Table, "columns"> & { data?: { count: number; row: ArrayLike<number> } };

/** 0-based sheet column of a table's status column (`Statut COPIL`), or null when it has none. */
export function statusColumnOf(table: Pick<Table, "columns"> | { columns: readonly Column[] }): number | null {
  const col = table.columns.find((c) => c.role === "status");
  return col ? col.index : null;
}

export interface VoteStatusWrite {
  sheetName: string;
  /** The one cell written, e.g. `M5`. */
  address: string;
  text: string;
}

/** Text that Excel would read as a formula or a number sign is kept as text by a leading apostrophe. */
const asCellText = (text: string): string => (/^[=+\-@]/.test(text) ? `'${text}` : text);

/**
 * Writes the vote status of ONE line (`voté au COPIL du 14 mars 2019`, `à
 * voter au COPIL du 13 juin 2019`…) into the `Statut COPIL` cell of that
 * line, in the programming sheet `sheetName`. The column is the status
 * column of `table` (a Table of that sheet, or the column's 0-based index);
 * without one the call is refused before anything is written. Given a Table,
 * `row` (1-based sheet row) must be one of its lines. Only that one cell's
 * value is written: no other value, no format. One sync.
 */
export async function setVoteStatus(
  context: Excel.RequestContext,
  sheetName: string,
  row: number,
  text: string,
  table?: StatusColumnSource | number | null,
): Promise<VoteStatusWrite> {
  if (isAddinSheetName(sheetName)) {
    throw new Error(
      `La feuille « ${sheetName} » est une feuille écrite par le complément, pas une programmation : le statut COPIL ne peut pas y être inscrit.`,
    );
  }
  let col: number | null;
  if (typeof table === "number") col = Number.isInteger(table) && table >= 0 ? table : null;
  else col = table ? statusColumnOf(table) : null;
  if (col === null) {
    throw new Error(
      `La feuille « ${sheetName} » n'a pas de colonne « Statut COPIL » : ajoutez cette colonne à l'en-tête du tableau pour y inscrire les votes.`,
    );
  }
  if (!Number.isInteger(row) || row < 1)
    throw new Error(`Ligne ${row} invalide : un numéro de ligne de la feuille est attendu (1, 2, 3…).`);
  if (typeof table === "object" && table?.data) {
    const d = table.data;
    let found = false;
    for (let i = 0; i < d.count && !found; i++) found = d.row[i] === row;
    if (!found)
      throw new Error(
        `La ligne ${row} de la feuille « ${sheetName} » n'est pas une opération du tableau : aucun statut n'y est inscrit.`,
      );
  }
  const value = (text ?? "").trim();
  const address = `${columnLetters(col)}${row}`;
  const range = context.workbook.worksheets.getItem(sheetName).getRange(address);
  range.values = [[asCellText(value)]];
  try {
    await context.sync();
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === "ItemNotFound")
      throw new Error(`La feuille « ${sheetName} » est introuvable : le statut COPIL n'a pas été inscrit.`);
    throw e;
  }
  return { sheetName, address, text: value };
}
