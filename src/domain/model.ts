import type { FinancerId } from "./financers";
import type { Finding } from "./findings";
import type { Cents } from "./money";
import type { Decimal } from "./rates";

/** What a column of a programming table holds. */
export type ColumnRole =
  | "action"
  | "operation"
  | "operator"
  | "objectifs"
  | "totalCost"
  | "financer"
  | "fseRate"
  | "totalOperation"
  | "host"
  | "status"
  | "other";

export interface Column {
  /** 0-based sheet column. */
  index: number;
  /** The header text as printed (or taken from the group row / a merged cell). */
  header: string;
  role: ColumnRole;
  financer: FinancerId | null;
  headerSource: "header" | "group" | "merge" | "none";
}

export type Host = "animation" | "assistance";

/** One operation row of a table, as read from the sheet. */
export interface Line {
  /** 1-based sheet row. */
  row: number;
  action: string;
  operation: string;
  operator: string;
  objectifs: number | string | null;
  /** Dépenses totales; null when blank or unreadable (a finding says which). */
  totalCost: Cents | null;
  /** Address of the Dépenses totales cell. */
  totalCostCell: string | null;
  /** Amount per financer (valid cells only; blank cells count as nothing). */
  byFinancer: Partial<Record<FinancerId, Cents>>;
  /** Amount of each financer column of the table, in column order (0 when blank or unreadable). */
  financerAmounts: Cents[];
  /** Sum of every valid financer cell. */
  sumOfFinancers: Cents;
  /** False when a financer cell could not be read. */
  financersComplete: boolean;
  /** Sum of the FSE columns. */
  fse: Cents;
  /** False when an FSE cell could not be read, or the table has no FSE column. */
  fseComplete: boolean;
  /** Address of the FSE cell that holds the amount (the first FSE column otherwise). */
  fseCell: string | null;
  printedRate: Decimal | null;
  printedRateCell: string | null;
  printedTotalOperation: Cents | null;
  totalOperationCell: string | null;
  /** Host given by a column of the sheet, when there is one. */
  hostOverride: Host | null;
  /** Free text of a status column (COPIL vote), when there is one. */
  status: string | null;
  /** Findings raised while reading the row (invalid cells…). */
  findings: Finding[];
}

export type SummaryKind = "total" | "budget" | "under_programming" | "over_programming";

/** One printed cell of a summary row. */
export interface PrintedCell {
  col: number;
  cell: string;
  /** The value as an amount, when it reads as one. */
  cents: Cents | null;
  /** The value as a rate, when it reads as one (a number or a percent text). */
  rate: Decimal | null;
  /** The raw number (for counts such as Objectifs). */
  number: number | null;
  text: string;
}

export interface SummaryRow {
  row: number;
  kind: SummaryKind;
  label: string;
  /** True when the row has no label and was recognised by its figures. */
  unlabelled: boolean;
  cells: PrintedCell[];
}

export type TableKind = "main" | "clauses" | "other";

export interface Table {
  /** 0-based position in the sheet. */
  index: number;
  kind: TableKind;
  /** 1-based row of its column-header row; null when it uses the previous table's header. */
  headerRow: number | null;
  columns: Column[];
  lines: Line[];
  summaryRows: SummaryRow[];
  /** Findings raised while reading the table's header and rows. */
  findings: Finding[];
}

export interface ProgrammingSheet {
  name: string;
  year: number | null;
  yearSource: "title" | "sheet_name" | null;
  tables: Table[];
  findings: Finding[];
}
