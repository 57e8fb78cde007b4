/// <reference types="office-js" />
import { allFindings, resultAt, type SheetResult } from "../domain/check";
import type { LineRef } from "../domain/split";
import { FINANCER_IDS } from "../domain/financers";
import { centsToEuros, ZERO_CENTS, type Cents } from "../domain/money";
import { financerYearTable, UNKNOWN_YEAR } from "../domain/totals";
import type { Lang } from "../report/format";
import { financerName } from "../report/labels";
import { counted, word } from "../report/words/lookup";
import { COUNTED, HOST, REPORT, SEVERITY } from "../report/words/report";
import { NUMBER_FORMAT, REPORT_SHEET } from "../report/words/sheets";
import { findingMessage } from "../report/messages";
import { columnLetters } from "../domain/address";
import { REPORT_SHEET_NAME } from "./host";

type Kind = "euros" | "rate" | "text" | "general";
type Cell = { v: string | number; k: Kind } | null;

const euros = (c: Cents | null | undefined): Cell =>
  typeof c === "number" && c === c ? { v: centsToEuros(c), k: "euros" } : null;
const rate = (x: number | null | undefined): Cell => (typeof x === "number" ? { v: x, k: "rate" } : null);
const text = (s: string): Cell => (s === "" ? null : { v: s, k: "text" });
const num = (n: number): Cell => ({ v: n, k: "general" });

export interface ReportResult {
  /** Name of the new sheet. */
  sheetName: string;
  /** Address written (A1:…). */
  address: string;
  /** Source of the chart: the financer × year block with its header row and labels. */
  chartSource: string | null;
  /** The values written, row by row (euros as numbers). */
  values: (string | number)[][];
  numberFormats: string[][];
}

/** The first free name among "Rapport COPIL", "Rapport COPIL (2)", … */
export function freeReportName(existing: readonly string[]): string {
  const taken = new Set(existing.map((n) => n.toLowerCase()));
  if (!taken.has(REPORT_SHEET_NAME.toLowerCase())) return REPORT_SHEET_NAME;
  for (let i = 2; ; i++) {
    const name = `${REPORT_SHEET_NAME} (${i})`;
    if (!taken.has(name.toLowerCase())) return name;
  }
}

interface Layout {
  rows: Cell[][];
  bold: number[];
  chart: { firstRow: number; lastRow: number; lastCol: number } | null;
}

/** Rows being laid out: plain rows, bold headings and blank separators. */
class Rows {
  readonly rows: Cell[][] = [];
  readonly bold: number[] = [];
  push(...cells: Cell[]): void {
    this.rows.push(cells);
  }
  heading(...cells: Cell[]): void {
    this.bold.push(this.rows.length);
    this.rows.push(cells);
  }
  blank(): void {
    this.rows.push([]);
  }
}

/** The report's rows (0-based), its bold rows and the chart's block. */
function reportLayout(sheets: readonly SheetResult[], lang: Lang): Layout {
  const out = new Rows();
  out.heading(text(word(REPORT_SHEET.title, lang)));
  for (const s of sheets) {
    out.blank();
    const year = s.sheet.year === null ? word(REPORT.unknownYear, lang) : `${word(REPORT.year, lang)} ${s.sheet.year}`;
    out.heading(text(`${word(REPORT.sheet, lang)} ${s.sheet.name} — ${year}`));
    const split = s.split;
    const letters = split.hosts.reduce((a, g) => a + g.letters.length, 0);
    out.push(
      text(
        `${counted(COUNTED.operation, s.totals.lineCount, lang)}, ${counted(COUNTED.project, split.projects.length, lang)}, ${counted(COUNTED.letter, letters, lang)}, ${counted(COUNTED.undetermined, split.undetermined.length, lang)}`,
      ),
    );
    splitRows(out, s, lang);
    findingRows(out, s, lang);
    financerRows(out, s, lang);
  }
  const chart = crossRows(out, sheets, lang);
  return { rows: out.rows, bold: out.bold, chart };
}

/** The split: projects, then order letters under their host with the host's total, then the lines not classified. */
function splitRows(out: Rows, s: SheetResult, lang: Lang): void {
  const classLabel = (c: string | null): string =>
    c === "projet"
      ? word(REPORT_SHEET.projet, lang)
      : c === "lettre_de_commande"
        ? word(REPORT_SHEET.letter, lang)
        : word(REPORT_SHEET.undetermined, lang);
  out.blank();
  out.heading(text(word(REPORT.split, lang)));
  out.heading(
    text(word(REPORT_SHEET.line, lang)),
    text(word(REPORT_SHEET.action, lang)),
    text(word(REPORT_SHEET.operation, lang)),
    text(word(REPORT_SHEET.operator, lang)),
    text(word(REPORT_SHEET.cost, lang)),
    text(word(REPORT_SHEET.fse, lang)),
    text(word(REPORT_SHEET.rate, lang)),
    text(word(REPORT_SHEET.status, lang)),
  );
  const lineRow = (ref: LineRef): void => {
    const l = resultAt(s, ref);
    out.push(
      num(l.line.row),
      text(l.line.action),
      text(l.line.operation),
      text(l.line.operator),
      euros(l.line.totalCost),
      euros(l.fse),
      rate(l.fseRate),
      text(classLabel(l.classification)),
    );
  };
  const split = s.split;
  for (const ref of split.projects) lineRow(ref);
  for (const g of split.hosts) {
    const hostLine = g.hostLine ? `${word(REPORT.hostLine, lang)} ${g.hostLine.row}` : word(REPORT.noHostLine, lang);
    const share = g.totalCost > 0 ? Math.round((g.fse * 10000) / g.totalCost) / 10000 : null;
    out.heading(
      text(`${word(REPORT.lettersUnder, lang)} ${word(HOST[g.host], lang)}`),
      null,
      text(hostLine),
      text(word(REPORT.hostTotal, lang)),
      euros(g.totalCost),
      euros(g.fse),
      rate(share),
      null,
    );
    for (const ref of g.letters) lineRow(ref);
  }
  for (const ref of split.undetermined) lineRow(ref);
}

/** The sheet's findings: cell, severity, code and message. */
function findingRows(out: Rows, s: SheetResult, lang: Lang): void {
  out.blank();
  out.heading(text(word(REPORT.findings, lang)));
  const findings = allFindings(s);
  if (findings.length === 0) {
    out.push(text(word(REPORT.noFinding, lang)));
    return;
  }
  out.heading(
    text(word(REPORT_SHEET.cell, lang)),
    text(word(REPORT_SHEET.severity, lang)),
    text(word(REPORT_SHEET.code, lang)),
    text(word(REPORT_SHEET.message, lang)),
  );
  for (const f of findings)
    out.push(text(f.cell ?? ""), text(word(SEVERITY[f.severity], lang)), text(f.code), text(findingMessage(f, lang)));
}

/** Funding per financer against budget, with the under-programming. */
function financerRows(out: Rows, s: SheetResult, lang: Lang): void {
  out.blank();
  out.heading(text(word(REPORT.financersTitle, lang)));
  out.heading(
    text(word(REPORT.financer, lang)),
    text(word(REPORT.programmed, lang)),
    text(word(REPORT.budget, lang)),
    text(word(REPORT.under, lang)),
  );
  for (const id of FINANCER_IDS) {
    const programmed = s.totals.byFinancer[id];
    if (programmed === undefined && s.budget[id] === undefined) continue;
    out.push(
      text(financerName(id, s.financerHeaders, lang)),
      euros(programmed ?? ZERO_CENTS),
      euros(s.budget[id]),
      euros(s.underProgramming[id]),
    );
  }
  out.push(text(word(REPORT.total, lang)), euros(s.totals.totalCost), null, null);
}

/** Financers × years over every sheet; the chart's block (null without financers or years). */
function crossRows(out: Rows, sheets: readonly SheetResult[], lang: Lang): Layout["chart"] {
  const cross = financerYearTable(sheets);
  let chart: Layout["chart"] = null;
  out.blank();
  out.heading(text(word(REPORT.crossTitle, lang)));
  const yearLabel = (y: string): string => (y === UNKNOWN_YEAR ? word(REPORT.unknownYear, lang) : y);
  const header = out.rows.length;
  out.heading(
    text(word(REPORT.financer, lang)),
    ...cross.years.map((y) => text(yearLabel(y))),
    text(word(REPORT.total, lang)),
  );
  for (const id of cross.financers) {
    out.push(
      text(financerName(id, cross.headers, lang)),
      ...cross.years.map((y) => euros(cross.byFinancerAndYear[id]?.[y] ?? ZERO_CENTS)),
      euros(cross.totalByFinancer[id]),
    );
  }
  if (cross.financers.length && cross.years.length)
    chart = { firstRow: header, lastRow: out.rows.length - 1, lastCol: cross.years.length };
  out.push(
    text(word(REPORT_SHEET.cost, lang)),
    ...cross.years.map((y) => euros(cross.totalCostByYear[y])),
    euros(cross.totalCost),
  );
  out.push(
    text(word(REPORT.fseShare, lang)),
    ...cross.years.map((y) => rate(cross.fseShareByYear[y])),
    rate(cross.fseShare),
  );
  return chart;
}

/**
 * Writes the COPIL report on a NEW sheet ("Rapport COPIL", or "Rapport COPIL
 * (2)"… when the name is taken; an existing sheet is never written over):
 * per sheet, the split (projects; order letters under their host with the
 * host's total), the findings (cell, code, message), the funding per financer
 * against budget with the under-programming; then the financer × year table
 * and a stacked column chart of it. Figures are Excel numbers (euros, from
 * `centsToEuros`) with euro and percent number formats; text cells are formatted as
 * text first, so an operation name never becomes a formula. The sheet is
 * written as one 2-D block. Two syncs: the sheet names, then every write.
 */
export async function writeCopilReport(
  context: Excel.RequestContext,
  results: readonly SheetResult[] | { sheets: readonly SheetResult[] },
  lang: Lang = "fr",
): Promise<ReportResult> {
  const sheets = "sheets" in results ? results.sheets : results;
  const layout = reportLayout(sheets, lang);
  const width = layout.rows.reduce((m, row) => Math.max(m, row.length), 1);
  const values: (string | number)[][] = [];
  const numberFormats: string[][] = [];
  for (const row of layout.rows) {
    const v: (string | number)[] = [];
    const nf: string[] = [];
    for (let c = 0; c < width; c++) {
      const cell = row[c] ?? null;
      v.push(cell ? cell.v : "");
      nf.push(word(NUMBER_FORMAT[cell ? cell.k : "general"], lang));
    }
    values.push(v);
    numberFormats.push(nf);
  }
  const lastCol = columnLetters(width - 1);
  const address = `A1:${lastCol}${values.length}`;

  // Round trip 1: which names are taken.
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name");
  await context.sync();
  const sheetName = freeReportName(worksheets.items.map((s) => s.name));

  // Round trip 2: the sheet, its cells, its chart.
  const ws = worksheets.add(sheetName);
  const range = ws.getRange(address);
  range.numberFormat = numberFormats;
  range.values = values;
  for (const row of layout.bold) ws.getRange(`A${row + 1}:${lastCol}${row + 1}`).format.font.bold = true;
  ws.getRange("A:A").format.columnWidth = 110;
  ws.getRange(`C:${lastCol}`).format.columnWidth = 90;
  let chartSource: string | null = null;
  if (layout.chart) {
    const c = layout.chart;
    chartSource = `A${c.firstRow + 1}:${columnLetters(c.lastCol)}${c.lastRow + 1}`;
    const chart = ws.charts.add("ColumnStacked", ws.getRange(chartSource), "Rows");
    chart.title.text = word(REPORT_SHEET.chart, lang);
    chart.setPosition(`A${values.length + 3}`, `H${values.length + 22}`);
  }
  ws.activate();
  await context.sync();
  return { sheetName, address, chartSource, values, numberFormats };
}
