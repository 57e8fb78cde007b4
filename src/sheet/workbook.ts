import { isAddinSheetName } from "../domain/addin-sheets";
import { at } from "../domain/arrays";
import type { ColumnMapping } from "../domain/columns";
import { checkSheet, type SheetResult } from "../domain/check";
import { DEFAULT_ALIASES, type AliasTable } from "../domain/financers";
import { DEFAULT_RULES, type RuleSet } from "../domain/rules";
import type { SheetGrid } from "./grid";
import { parseSheet } from "./parse";

export interface AnalyseOptions {
  rules?: RuleSet;
  aliases?: AliasTable;
  /** The user's roles for columns the parser cannot tell (by header). */
  columns?: readonly ColumnMapping[];
}

export interface WorkbookResult {
  /** Sheets holding at least one programming table. */
  sheets: SheetResult[];
  /** Sheets without a programming table (names only). */
  skipped: string[];
}

/**
 * Grid → tables → findings and totals, for one sheet. A sheet that shows
 * several years side by side gives its first year here (see analyseSheets).
 */
export function analyseSheet(grid: SheetGrid, options: AnalyseOptions = {}): SheetResult {
  return at(analyseSheets(grid, options), 0);
}

/**
 * Every result of one sheet: one, or one per year for a sheet that shows
 * several years side by side (each with its own columns; never one year's
 * amounts added to another's).
 */
export function analyseSheets(grid: SheetGrid, options: AnalyseOptions = {}): SheetResult[] {
  const parse = { aliases: options.aliases ?? DEFAULT_ALIASES, columns: options.columns };
  const rules = options.rules ?? DEFAULT_RULES;
  // The add-in's own sheets (its COPIL report, synthesis…) are no programming: a sheet without a table.
  if (isAddinSheetName(grid.name))
    return [checkSheet({ name: grid.name, year: null, yearSource: null, tables: [], findings: [] }, rules)];
  const first = parseSheet(grid, parse);
  const out = [checkSheet(first, rules)];
  for (const y of first.yearBlocks ?? []) {
    if (y === first.year) continue;
    out.push(checkSheet(parseSheet(grid, { ...parse, yearBlock: y }), rules));
  }
  return out;
}

/** Every sheet of a workbook; sheets without a table are listed as skipped. */
export function analyseWorkbook(grids: readonly SheetGrid[], options: AnalyseOptions = {}): WorkbookResult {
  const sheets: SheetResult[] = [];
  const skipped: string[] = [];
  for (const g of grids) {
    for (const r of analyseSheets(g, options)) {
      if (r.sheet.tables.length === 0) skipped.push(g.name);
      else sheets.push(r);
    }
  }
  return { sheets, skipped };
}
