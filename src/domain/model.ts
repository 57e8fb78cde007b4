import type { FinancerId } from "./financers";
import type { Finding } from "./findings";
import type { Cents } from "./money";
import type { LineData } from "./lines";
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

/** Where a table's lines keep their cells: shared by every line of the table. */
export interface LineLayout {
  /** 0-based sheet columns of Dépenses totales, %FSE and Total opération; -1 when absent. */
  totalCost: number;
  fseRate: number;
  totalOperation: number;
  /** Financer and 0-based sheet column of each entry of `Line.financerAmounts`. */
  financers: readonly FinancerId[];
  financerColumns: readonly number[];
}

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
  /** Amount of each financer column, in column order (0 when blank or unreadable). */
  financerAmounts: Cents[];
  /** Sum of every readable financer cell. */
  sumOfFinancers: Cents;
  /** False when a financer cell could not be read. */
  financersComplete: boolean;
  /** Sum of the FSE columns. */
  fse: Cents;
  /** False when an FSE cell could not be read, or the table has no FSE column. */
  fseComplete: boolean;
  /** Sheet column of the FSE cell that holds the amount (the first FSE column otherwise); -1 without one. */
  fseCol: number;
  /** The printed %FSE as a fraction (0.4985), when there is one. */
  printedRate: number | null;
  printedTotalOperation: Cents | null;
  /** Host given by a column of the sheet, when there is one. */
  hostOverride: Host | null;
  /** Free text of a status column (COPIL vote), when there is one. */
  status: string | null;
  layout: LineLayout;
  /** Findings raised while reading the row (invalid cells…). */
  findings: readonly Finding[];
}


/** The line's amounts per financer (columns of one financer summed). */
export function lineByFinancer(line: Line): Partial<Record<FinancerId, Cents>> {
  const out: Partial<Record<FinancerId, Cents>> = {};
  const ids = line.layout.financers;
  for (let i = 0; i < ids.length; i++) out[ids[i]] = (out[ids[i]] ?? 0) + line.financerAmounts[i];
  return out;
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
  /** The operation lines, column by column. */
  data: LineData;
  /** The operation lines as objects (built on first use, once the table is read). */
  readonly lines: readonly Line[];
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
