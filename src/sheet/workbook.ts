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

/** Grid → tables → findings and totals, for one sheet. */
export function analyseSheet(grid: SheetGrid, options: AnalyseOptions = {}): SheetResult {
  const sheet = parseSheet(grid, { aliases: options.aliases ?? DEFAULT_ALIASES, columns: options.columns });
  return checkSheet(sheet, options.rules ?? DEFAULT_RULES);
}

/** Every sheet of a workbook; sheets without a table are listed as skipped. */
export function analyseWorkbook(grids: readonly SheetGrid[], options: AnalyseOptions = {}): WorkbookResult {
  const sheets: SheetResult[] = [];
  const skipped: string[] = [];
  for (const g of grids) {
    const r = analyseSheet(g, options);
    if (r.sheet.tables.length === 0) skipped.push(g.name);
    else sheets.push(r);
  }
  return { sheets, skipped };
}


