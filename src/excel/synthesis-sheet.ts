/// <reference types="office-js" />
import { SYNTHESIS_SHEET_NAME, isSynthesisSheetName } from "./host";
import { columnLetters } from "../domain/address";
import type { Category } from "../domain/categories";
import type { SheetResult } from "../domain/check";
import { centsToEuros, sumCents, ZERO_CENTS, type Cents } from "../domain/money";
import { synthesis, type Synthesis, type SynthesisOptions } from "../domain/synthesis";
import { UNKNOWN_YEAR } from "../domain/totals";
import type { Lang } from "../report/format";
import { financerLabel, financerName } from "../report/labels";
import { word } from "../report/words/lookup";
import { REPORT } from "../report/words/report";
import { NUMBER_FORMAT } from "../report/words/sheets";
import { SYNTHESIS_SHEET } from "../report/words/synthesis-sheet";
import { categoryLabel } from "../report/synthesis";

/** Base name of the synthesis sheets: "Synthèse", "Synthèse (2)", … (in every language). */

/**
 * The first name among `base`, `base (2)`, `base (3)`… that no sheet has.
 * Excel compares sheet names without case, so the comparison ignores case.
 */
export function freeSheetName(base: string, existing: readonly string[]): string {
  const taken = new Set(existing.map((n) => n.toLowerCase()));
  if (!taken.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const name = `${base} (${i})`;
    if (!taken.has(name.toLowerCase())) return name;
  }
}

/** Whether `name` is `base` or `base (n)`. */

type CellKind = "euros" | "rate" | "text" | "general" | "signedEuros" | "signedRate";
export type SheetCell = { v: string | number; k: CellKind } | null;

/** The number format of each kind of cell. */
function formatOf(k: CellKind, lang: Lang): string {
  return word(NUMBER_FORMAT[k], lang);
}

export const eurosCell = (c: Cents | null | undefined, k: "euros" | "signedEuros" = "euros"): SheetCell =>
  typeof c === "number" && c === c ? { v: centsToEuros(c), k } : null;
export const rateCell = (x: number | null | undefined, k: "rate" | "signedRate" = "rate"): SheetCell =>
  typeof x === "number" && x === x ? { v: x, k } : null;
export const textCell = (s: string): SheetCell => (s === "" ? null : { v: s, k: "text" });
export const numberCell = (n: number): SheetCell => ({ v: n, k: "general" });

/** Rows of cells as a rectangle of values and number formats (one 2-D write each). */
function rectangleOf(
  rows: readonly (readonly SheetCell[])[],
  lang: Lang,
): { values: (string | number)[][]; numberFormats: string[][]; width: number } {
  const width = rows.reduce((m, row) => Math.max(m, row.length), 1);
  const values: (string | number)[][] = [];
  const numberFormats: string[][] = [];
  for (const row of rows) {
    const v: (string | number)[] = [];
    const nf: string[] = [];
    for (let c = 0; c < width; c++) {
      const cell = row[c] ?? null;
      v.push(cell ? cell.v : "");
      nf.push(formatOf(cell ? cell.k : "general", lang));
    }
    values.push(v);
    numberFormats.push(nf);
  }
  return { values, numberFormats, width };
}

interface SynthesisLayout {
  rows: SheetCell[][];
  bold: number[];
  /** 0-based rows of the category × year block (header row to last category), and its last column. */
  chart: { firstRow: number; lastRow: number; lastCol: number } | null;
}

/** Rows of a sheet being laid out, with the rows to set in bold (headings). */
export function layoutBuilder() {
  const rows: SheetCell[][] = [];
  const bold: number[] = [];
  return {
    rows,
    bold,
    push: (...cells: SheetCell[]): void => void rows.push(cells),
    heading: (...cells: SheetCell[]): void => {
      bold.push(rows.length);
      rows.push(cells);
    },
    blank: (): void => void rows.push([]),
  };
}

/** The rows being laid out and the functions that add them. */
export type LayoutBuilder = ReturnType<typeof layoutBuilder>;

/** The synthesis sheet's rows (0-based), its bold rows and the chart's block. */
function synthesisLayout(syn: Synthesis, lang: Lang): SynthesisLayout {
  const b = layoutBuilder();
  b.heading(textCell(word(SYNTHESIS_SHEET.title, lang)));
  financerRows(b, syn, lang);
  // The years compared with the one before: every year present but the first, the unknown year left out.
  const changed = syn.years.filter((y) => y !== UNKNOWN_YEAR).slice(1);
  if (changed.length && syn.financers.financers.length) financerChangeRows(b, syn, changed, lang);
  // Categories × years: total cost (the chart's block), then FSE.
  const cost = categoryBlock(b, syn, lang, {
    title: word(SYNTHESIS_SHEET.categoryTitle, lang),
    amounts: syn.byCategoryAndYear,
    totals: syn.totalByCategory,
    withShare: false,
  });
  categoryBlock(b, syn, lang, {
    title: word(SYNTHESIS_SHEET.fseTitle, lang),
    amounts: syn.fseByCategoryAndYear,
    totals: syn.fseByCategory,
    withShare: true,
  });
  if (changed.length) categoryChangeRows(b, syn, changed, lang);
  lineCountRows(b, syn, lang);
  const chart = syn.years.length ? { firstRow: cost.header, lastRow: cost.last, lastCol: syn.years.length } : null;
  return { rows: b.rows, bold: b.bold, chart };
}

/** A year as a column header: the year, or the words for lines without one. */
function yearLabel(y: string, lang: Lang): string {
  return y === UNKNOWN_YEAR ? word(REPORT.unknownYear, lang) : y;
}

/** Financers × years, with the total cost and the FSE share. */
function financerRows({ push, heading, blank }: LayoutBuilder, syn: Synthesis, lang: Lang): void {
  const f = syn.financers;
  blank();
  heading(textCell(word(SYNTHESIS_SHEET.financers, lang)));
  heading(
    textCell(word(REPORT.financer, lang)),
    ...syn.years.map((y) => textCell(yearLabel(y, lang))),
    textCell(word(REPORT.total, lang)),
  );
  for (const id of f.financers)
    push(
      textCell(financerName(id, f.headers, lang)),
      ...syn.years.map((y) => eurosCell(f.byFinancerAndYear[id]![y])),
      eurosCell(f.totalByFinancer[id]),
    );
  push(
    textCell(word(SYNTHESIS_SHEET.cost, lang)),
    ...syn.years.map((y) => eurosCell(f.totalCostByYear[y])),
    eurosCell(f.totalCost),
  );
  push(
    textCell(word(REPORT.fseShare, lang)),
    ...syn.years.map((y) => rateCell(f.fseShareByYear[y])),
    rateCell(f.fseShare),
  );
}

/** Each financer's change from one year to the next present: amount, then rate. */
function financerChangeRows(
  { push, heading, blank }: LayoutBuilder,
  syn: Synthesis,
  changed: readonly string[],
  lang: Lang,
): void {
  blank();
  heading(textCell(word(SYNTHESIS_SHEET.changeTitle, lang)));
  const previousOf = (y: string): string => {
    const known = syn.years.filter((x) => x !== UNKNOWN_YEAR);
    return known[known.indexOf(y) - 1] ?? "";
  };
  heading(
    textCell(word(REPORT.financer, lang)),
    ...changed.flatMap((y) => {
      const span = `${y} ${word(SYNTHESIS_SHEET.versus, lang)} ${previousOf(y)}`;
      return [
        textCell(`${span} (${word(SYNTHESIS_SHEET.change, lang)})`),
        textCell(`${span} (${word(SYNTHESIS_SHEET.changeRate, lang)})`),
      ];
    }),
  );
  for (const id of syn.financers.financers) {
    push(
      textCell(financerLabel(id, lang)),
      ...changed.flatMap((y) => {
        const c = syn.changeByFinancerAndYear[id]?.[y] ?? null;
        return c ? [eurosCell(c.cents, "signedEuros"), rateCell(c.rate, "signedRate")] : [null, null];
      }),
    );
  }
}

/** One category × year block: its title, amounts and totals, and whether the FSE share row follows. */
interface CategoryBlock {
  title: string;
  amounts: Record<Category, Record<string, Cents>>;
  totals: Record<Category, Cents>;
  withShare: boolean;
}

/** Categories × years with a total row (and the FSE share); returns the 0-based header row and last category row. */
function categoryBlock(
  { rows, push, heading, blank }: LayoutBuilder,
  syn: Synthesis,
  lang: Lang,
  { title, amounts, totals, withShare }: CategoryBlock,
): { header: number; last: number } {
  const f = syn.financers;
  blank();
  heading(textCell(title));
  const header = rows.length;
  heading(
    textCell(word(SYNTHESIS_SHEET.category, lang)),
    ...syn.years.map((y) => textCell(yearLabel(y, lang))),
    textCell(word(REPORT.total, lang)),
  );
  for (const c of syn.categories)
    push(textCell(categoryLabel(c, lang)), ...syn.years.map((y) => eurosCell(amounts[c][y])), eurosCell(totals[c]));
  const last = rows.length - 1;
  const byYear = syn.years.map((y) => sumCents(syn.categories.map((c) => amounts[c][y] ?? ZERO_CENTS)));
  heading(textCell(word(REPORT.total, lang)), ...byYear.map((c) => eurosCell(c)), eurosCell(sumCents(byYear)));
  if (withShare)
    push(
      textCell(word(REPORT.fseShare, lang)),
      ...syn.years.map((y) => rateCell(f.fseShareByYear[y])),
      rateCell(f.fseShare),
    );
  return { header, last };
}

/** Each category's change from one year to the next present: amount, then rate. */
function categoryChangeRows(
  { push, heading, blank }: LayoutBuilder,
  syn: Synthesis,
  changed: readonly string[],
  lang: Lang,
): void {
  blank();
  heading(textCell(word(SYNTHESIS_SHEET.categoryChangeTitle, lang)));
  heading(
    textCell(word(SYNTHESIS_SHEET.category, lang)),
    ...changed.flatMap((y) => [
      textCell(`${y} (${word(SYNTHESIS_SHEET.change, lang)})`),
      textCell(`${y} (${word(SYNTHESIS_SHEET.changeRate, lang)})`),
    ]),
  );
  for (const c of syn.categories) {
    push(
      textCell(categoryLabel(c, lang)),
      ...changed.flatMap((y) => {
        const ch = syn.changeByCategoryAndYear[c][y];
        return ch ? [eurosCell(ch.cents, "signedEuros"), rateCell(ch.rate, "signedRate")] : [null, null];
      }),
    );
  }
}

/** Operations per category and year. */
function lineCountRows({ push, heading, blank }: LayoutBuilder, syn: Synthesis, lang: Lang): void {
  blank();
  heading(textCell(word(SYNTHESIS_SHEET.lines, lang)), ...syn.years.map((y) => textCell(yearLabel(y, lang))));
  for (const c of syn.categories)
    push(
      textCell(categoryLabel(c, lang)),
      ...syn.years.map((y) => numberCell(syn.lineCountByCategoryAndYear[c][y] ?? 0)),
    );
}

export interface SynthesisSheetResult {
  /** Name of the new sheet. */
  sheetName: string;
  /** Address written (A1:…). */
  address: string;
  /** Source of the stacked column chart: the category × year block (cost), header row and labels included, without the total column. */
  chartSource: string | null;
  /** The values written, row by row (euros as numbers). */
  values: (string | number)[][];
  numberFormats: string[][];
}

/**
 * Writes the synthesis of the checked sheets on a NEW sheet ("Synthèse", or
 * "Synthèse (2)"… when the name is taken; an existing sheet is never written
 * over): funding per financer and year with the total cost and the FSE
 * share; each financer's change from one year to the next (amount and rate);
 * total cost and FSE per category of expense and year; operations per
 * category and year. Figures are Excel numbers (euros, from `centsToEuros`) with
 * euro and percent formats (signed for the changes); text cells are
 * formatted as text first. A stacked column chart (ColumnStacked, series by
 * rows) shows the total cost per category of expense (the series) and year
 * (the columns). The sheet is written as one 2-D block. Two syncs: the sheet
 * names, then every write.
 */
export async function writeSynthesisSheet(
  context: Excel.RequestContext,
  sheets: readonly SheetResult[] | { sheets: readonly SheetResult[] },
  lang: Lang = "fr",
  options: SynthesisOptions = {},
): Promise<SynthesisSheetResult> {
  const list = "sheets" in sheets ? sheets.sheets : sheets;
  const layout = synthesisLayout(synthesis(list, options), lang);
  const years = layout.chart ? layout.chart.lastCol : 0;
  const widths: [string, number][] = [["A", 220]];
  if (years > 0) widths.push([`B:${columnLetters(years + 1)}`, 110]);
  let chartSource: string | null = null;
  const written = await writeNewSheet(context, SYNTHESIS_SHEET_NAME, { ...layout, widths }, lang, (ws, rowCount) => {
    if (!layout.chart) return;
    const c = layout.chart;
    chartSource = `A${c.firstRow + 1}:${columnLetters(c.lastCol)}${c.lastRow + 1}`;
    const chart = ws.charts.add("ColumnStacked", ws.getRange(chartSource), "Rows");
    chart.title.text = word(SYNTHESIS_SHEET.chart, lang);
    chart.setPosition(`A${rowCount + 3}`, `F${rowCount + 22}`);
  });
  return { ...written, chartSource };
}

/** A sheet to write: its rows, the bold ones, and column widths (points) by column range. */
export interface SheetLayout {
  rows: SheetCell[][];
  bold: number[];
  widths: [string, number][];
}

/**
 * Writes a layout on a NEW sheet named `base` (or `base (2)`… when taken,
 * names compared without case; an existing sheet is never written over), as
 * one 2-D block of values with its number formats, then `more(ws)` (a chart…)
 * and activates it. Two syncs: the sheet names, then every write.
 */
export async function writeNewSheet(
  context: Excel.RequestContext,
  base: string,
  layout: SheetLayout,
  lang: Lang,
  more: (ws: Excel.Worksheet, rowCount: number) => void = () => undefined,
): Promise<{ sheetName: string; address: string; values: (string | number)[][]; numberFormats: string[][] }> {
  const { values, numberFormats, width } = rectangleOf(layout.rows, lang);
  const lastCol = columnLetters(width - 1);
  const address = `A1:${lastCol}${values.length}`;

  // Round trip 1: which names are taken.
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name");
  await context.sync();
  const sheetName = freeSheetName(
    base,
    worksheets.items.map((x) => x.name),
  );

  // Round trip 2: the sheet, its cells and what comes with them.
  const ws = worksheets.add(sheetName);
  const range = ws.getRange(address);
  range.numberFormat = numberFormats;
  range.values = values;
  for (const row of layout.bold) ws.getRange(`A${row + 1}:${lastCol}${row + 1}`).format.font.bold = true;
  for (const [cols, points] of layout.widths)
    ws.getRange(cols.includes(":") ? cols : `${cols}:${cols}`).format.columnWidth = points;
  more(ws, values.length);
  ws.activate();
  await context.sync();
  return { sheetName, address, values, numberFormats };
}

export { isSynthesisSheetName };
