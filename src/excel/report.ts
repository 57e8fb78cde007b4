/// <reference types="office-js" />
import { allFindings, resultAt, type LineRef, type SheetResult } from "../domain/check";
import { FINANCER_IDS } from "../domain/financers";
import type { Cents } from "../domain/money";
import { financerYearTable, UNKNOWN_YEAR } from "../domain/totals";
import type { Lang } from "../report/format";
import { count, financerName, HOST_LABELS, SEVERITY_LABELS, w } from "../report/labels";
import { findingMessage } from "../report/messages";
import { columnLetters } from "../domain/address";
import { REPORT_SHEET_NAME, isReportSheetName } from "./host";

export { REPORT_SHEET_NAME, isReportSheetName };

/** Number formats of the report: euros and rates, French or English. */
export const REPORT_FORMATS: Record<Lang, { euros: string; rate: string; text: string; general: string }> = {
  fr: { euros: "#,##0.00 €", rate: "0.00 %", text: "@", general: "General" },
  en: { euros: "€#,##0.00", rate: "0.00%", text: "@", general: "General" },
};

type Kind = "euros" | "rate" | "text" | "general";
type Cell = { v: string | number; k: Kind } | null;

/** The report's own words (the rest comes from src/report/labels). */
const R = {
  title: { fr: "Rapport COPIL — vérification de la programmation FSE", en: "COPIL report — ESF programming check" },
  line: { fr: "Ligne", en: "Row" },
  action: { fr: "Action", en: "Action" },
  operation: { fr: "Opération", en: "Operation" },
  operator: { fr: "Opérateur", en: "Operator" },
  // Not "Dépenses totales": the report must never look like a programming table.
  cost: { fr: "Coût total", en: "Total cost" },
  fse: { fr: "FSE", en: "ESF" },
  rate: { fr: "Taux FSE", en: "ESF rate" },
  status: { fr: "Classement", en: "Classification" },
  projet: { fr: "projet", en: "project" },
  letter: { fr: "lettre de commande", en: "order letter" },
  undetermined: { fr: "non classée", en: "not classified" },
  cell: { fr: "Cellule", en: "Cell" },
  severity: { fr: "Gravité", en: "Severity" },
  code: { fr: "Code", en: "Code" },
  message: { fr: "Message", en: "Message" },
  chart: { fr: "Financements par financeur et par année", en: "Funding per financer and year" },
} as const;
const r = (k: keyof typeof R, lang: Lang): string => R[k][lang];

const euros = (c: Cents | null | undefined): Cell => (typeof c === "number" && c === c ? { v: c / 100, k: "euros" } : null);
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

/** The report's rows (0-based), its bold rows and the chart's block. */
export function reportLayout(sheets: readonly SheetResult[], lang: Lang): Layout {
  const rows: Cell[][] = [];
  const bold: number[] = [];
  const push = (...cells: Cell[]): void => void rows.push(cells);
  const heading = (...cells: Cell[]): void => {
    bold.push(rows.length);
    rows.push(cells);
  };
  const blank = (): void => void rows.push([]);
  const classLabel = (c: string | null): string => (c === "projet" ? r("projet", lang) : c === "lettre_de_commande" ? r("letter", lang) : r("undetermined", lang));
  heading(text(r("title", lang)));

  for (const s of sheets) {
    blank();
    const year = s.sheet.year === null ? w("unknownYear", lang) : `${w("year", lang)} ${s.sheet.year}`;
    heading(text(`${w("sheet", lang)} ${s.sheet.name} — ${year}`));
    const split = s.split;
    const letters = split.hosts.reduce((a, g) => a + g.letters.length, 0);
    push(text(`${count(s.totals.lineCount, "operation", lang)}, ${count(split.projects.length, "project", lang)}, ${count(letters, "letter", lang)}, ${count(split.undetermined.length, "undetermined", lang)}`));

    // The split: projects, then order letters under their host with the host's total.
    blank();
    heading(text(w("split", lang)));
    heading(text(r("line", lang)), text(r("action", lang)), text(r("operation", lang)), text(r("operator", lang)), text(r("cost", lang)), text(r("fse", lang)), text(r("rate", lang)), text(r("status", lang)));
    const lineRow = (ref: LineRef): void => {
      const l = resultAt(s, ref);
      push(num(l.line.row), text(l.line.action), text(l.line.operation), text(l.line.operator), euros(l.line.totalCost), euros(l.fse), rate(l.fseRate), text(classLabel(l.classification)));
    };
    for (const ref of split.projects) lineRow(ref);
    for (const g of split.hosts) {
      const hostLine = g.hostLine ? `${w("hostLine", lang)} ${g.hostLine.row}` : w("noHostLine", lang);
      const share = g.totalCost > 0 ? Math.round((g.fse * 10000) / g.totalCost) / 10000 : null;
      heading(text(`${w("lettersUnder", lang)} ${HOST_LABELS[g.host][lang]}`), null, text(hostLine), text(w("hostTotal", lang)), euros(g.totalCost), euros(g.fse), rate(share), null);
      for (const ref of g.letters) lineRow(ref);
    }
    for (const ref of split.undetermined) lineRow(ref);

    // Findings.
    blank();
    heading(text(w("findings", lang)));
    const findings = allFindings(s);
    if (findings.length === 0) push(text(w("noFinding", lang)));
    else {
      heading(text(r("cell", lang)), text(r("severity", lang)), text(r("code", lang)), text(r("message", lang)));
      for (const f of findings) push(text(f.cell ?? ""), text(SEVERITY_LABELS[f.severity][lang]), text(f.code), text(findingMessage(f, lang)));
    }

    // Funding per financer against budget.
    blank();
    heading(text(w("financersTitle", lang)));
    heading(text(w("financer", lang)), text(w("programmed", lang)), text(w("budget", lang)), text(w("under", lang)));
    for (const id of FINANCER_IDS) {
      const programmed = s.totals.byFinancer[id];
      if (programmed === undefined && s.budget[id] === undefined) continue;
      push(text(financerName(id, s.financerHeaders, lang)), euros(programmed ?? 0), euros(s.budget[id]), euros(s.underProgramming[id]));
    }
    push(text(w("total", lang)), euros(s.totals.totalCost), null, null);
  }

  // Financers × years over every sheet, and the chart's block.
  const cross = financerYearTable(sheets);
  let chart: Layout["chart"] = null;
  blank();
  heading(text(w("crossTitle", lang)));
  const yearLabel = (y: string): string => (y === UNKNOWN_YEAR ? w("unknownYear", lang) : y);
  const header = rows.length;
  heading(text(w("financer", lang)), ...cross.years.map((y) => text(yearLabel(y))), text(w("total", lang)));
  for (const id of cross.financers) {
    push(text(financerName(id, cross.headers, lang)), ...cross.years.map((y) => euros(cross.byFinancerAndYear[id]![y])), euros(cross.totalByFinancer[id]));
  }
  if (cross.financers.length && cross.years.length) chart = { firstRow: header, lastRow: rows.length - 1, lastCol: cross.years.length };
  push(text(r("cost", lang)), ...cross.years.map((y) => euros(cross.totalCostByYear[y])), euros(cross.totalCost));
  push(text(w("fseShare", lang)), ...cross.years.map((y) => rate(cross.fseShareByYear[y])), rate(cross.fseShare));
  return { rows, bold, chart };
}

/**
 * Writes the COPIL report on a NEW sheet ("Rapport COPIL", or "Rapport COPIL
 * (2)"… when the name is taken; an existing sheet is never written over):
 * per sheet, the split (projects; order letters under their host with the
 * host's total), the findings (cell, code, message), the funding per financer
 * against budget with the under-programming; then the financer × year table
 * and a stacked column chart of it. Figures are Excel numbers (euros = cents
 * / 100) with euro and percent number formats; text cells are formatted as
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
  const f = REPORT_FORMATS[lang];
  const width = layout.rows.reduce((m, row) => Math.max(m, row.length), 1);
  const values: (string | number)[][] = [];
  const numberFormats: string[][] = [];
  for (const row of layout.rows) {
    const v: (string | number)[] = [];
    const nf: string[] = [];
    for (let c = 0; c < width; c++) {
      const cell = row[c] ?? null;
      v.push(cell ? cell.v : "");
      nf.push(cell ? f[cell.k] : f.general);
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
    chart.title.text = r("chart", lang);
    chart.setPosition(`A${values.length + 3}`, `H${values.length + 22}`);
  }
  ws.activate();
  await context.sync();
  return { sheetName, address, chartSource, values, numberFormats };
}
