/**
 * A cell value as Excel's `range.values` or the file reader gives it:
 * numbers, strings (error values such as `#REF!` arrive as strings), booleans,
 * and empty cells as "" or null. Formulas arrive as their value; a formula
 * whose value a file does not hold (never recalculated) arrives as its text,
 * `=SUM(E5:E9)` (see `isUncalculatedFormula`).
 */
export type CellValue = string | number | boolean | null | undefined;

export interface SheetGrid {
  name: string;
  values: readonly (readonly CellValue[])[];
  /** 0-based sheet row and column of values[0][0] (a used range may not start at A1). */
  origin?: { row: number; col: number };
  /** Merged areas in A1 form (`P2:P3`), when the host can tell them. */
  merges?: readonly string[];
  /**
   * Number format of each cell (same shape as `values`), when the host can
   * tell it: Excel's `range.numberFormat`, a file's styles. Missing rows or
   * cells are `General`. Only read to tell rates (`0.00%`) from amounts.
   */
  numberFormats?: readonly (readonly (string | null | undefined)[] | null | undefined)[];
}

/**
 * True for a formula without a value: a file saved without recalculation
 * holds `=…` where the value should be. Excel itself always gives values.
 */
export function isUncalculatedFormula(v: CellValue): v is string {
  return typeof v === "string" && v.charCodeAt(0) === 61 /* = */ && v.length > 1;
}

/** True when a number format shows a percentage (`0.00%`, `0%`), outside quoted text. */
export function isPercentFormat(format: string | null | undefined): boolean {
  if (!format || format.indexOf("%") < 0) return false;
  return /%/.test(format.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, ""));
}

/** A printable ASCII character: certainly not white space. */
const solid = (code: number): boolean => code > 32 && code < 127;

export function isBlank(v: CellValue): boolean {
  if (typeof v === "string") return v.length === 0 || (!solid(v.charCodeAt(0)) && v.trim() === "");
  return v === null || v === undefined;
}

/** `s.trim()`, without the call when there is nothing to trim (the common case). */
export function trimmed(s: string): string {
  const n = s.length;
  if (n === 0 || (solid(s.charCodeAt(0)) && solid(s.charCodeAt(n - 1)))) return s;
  return s.trim();
}

const EXCEL_ERRORS =
  /^#(REF!|VALUE!|DIV\/0!|N\/A|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA|BUSY!|FIELD!|BLOCKED!|CONNECT!|UNKNOWN!|EXTERNAL!|PYTHON!)$/i;

export function isErrorValue(v: CellValue): boolean {
  return typeof v === "string" && EXCEL_ERRORS.test(v.trim());
}

export function cellText(v: CellValue): string {
  if (v === null || v === undefined) return "";
  return typeof v === "string" ? trimmed(v) : String(v);
}
