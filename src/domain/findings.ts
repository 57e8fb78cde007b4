/**
 * Findings are data: a stable code, a severity, the cell and the figures.
 * Words come from src/report. Money figures are integer cents in fields whose
 * name ends with `Cents`; rates are plain numbers.
 */
const FINDING_SEVERITY = {
  // Operation lines
  FSE_BELOW_FLOOR: "error",
  FSE_RATE_ABOVE_CAP: "error",
  UNBALANCED: "error",
  TOTAL_MISMATCH: "error",
  PRINTED_RATE_MISMATCH: "error",
  INVALID_AMOUNT: "error",
  AMBIGUOUS_AMOUNT: "error",
  FORMULA_WITHOUT_VALUE: "error",
  NEGATIVE_AMOUNT: "error",
  MISSING_TOTAL_COST: "error",
  SUB_CENT_AMOUNT: "warning",
  INVALID_RATE: "warning",
  INVALID_HOST: "warning",
  UNNAMED_OPERATION: "warning",
  ROW_WITHOUT_AMOUNTS: "info",
  FSE_ABOVE_REQUEST: "warning",
  LINE_EQUALS_SUM_ABOVE: "warning",
  // Tables
  TOTAL_ROW_MISMATCH: "error",
  OVER_PROGRAMMED: "error",
  UNDER_PROGRAMMED: "info",
  UNDER_PROGRAMMING_MISMATCH: "warning",
  SUMMARY_ROW_SHIFTED: "warning",
  SUMMARY_CELLS_COMBINED: "info",
  SUMMARY_CELL_UNMATCHED: "warning",
  UNLABELLED_TOTAL_ROW: "info",
  SUBTOTAL_BY_FIGURES: "warning",
  // Columns and sheets
  NO_TOTAL_COST_COLUMN: "error",
  NO_FSE_COLUMN: "error",
  DUPLICATE_COLUMN: "warning",
  UNKNOWN_COLUMN: "warning",
  UNLABELLED_COLUMN: "warning",
  COLUMN_READ_AS_RATE: "warning",
  FSE_FROM_REQUEST: "warning",
  FINANCER_COLUMNS_MERGED: "warning",
  YEAR_UNKNOWN: "warning",
  YEAR_CONFLICT: "warning",
  YEARS_SIDE_BY_SIDE: "info",
  YEARS_MIXED: "error",
  NO_TABLE: "info",
} as const;

export type FindingCode = keyof typeof FINDING_SEVERITY;
export type Severity = "error" | "warning" | "info";
export type FigureValue = number | string | null;

export interface Finding {
  code: FindingCode;
  severity: Severity;
  /** A1 address in the sheet, or null for a sheet-level finding. */
  cell: string | null;
  /** 1-based sheet row, when the finding belongs to a row. */
  row: number | null;
  /** The figures behind the finding. */
  data: Record<string, FigureValue>;
}

export function finding(
  code: FindingCode,
  cell: string | null,
  row: number | null,
  data: Record<string, FigureValue> = {},
): Finding {
  return { code, severity: FINDING_SEVERITY[code], cell, row, data };
}
