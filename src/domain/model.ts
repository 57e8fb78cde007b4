import type { FinancerId } from "./financers";
import type { Finding } from "./findings";
import { at } from "./arrays";
import { addCents, ZERO_CENTS, type Cents } from "./money";
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
  /** FSE requested (sollicité, demandé): shown and compared with the FSE granted, never added. */
  | "fseRequested"
  /** Another rate (a financer's share): understood, never money. */
  | "rate"
  | "totalOperation"
  | "host"
  | "status"
  /** Left out on purpose: the user's mapping, or money of another year of a side-by-side sheet. */
  | "ignored"
  | "other";

export interface Column {
  /** 0-based sheet column. */
  index: number;
  /** The header text as printed (or taken from the group row / a merged cell). */
  header: string;
  role: ColumnRole;
  financer: FinancerId | null;
  headerSource: "header" | "group" | "merge" | "lower" | "none";
  /** A1 address of the cell that names the column (the lower cell of a two-row header); null without a header. */
  headerCell?: string | null;
}

export type Host = "animation" | "assistance";

/** Where a table's lines keep their cells: shared by every line of the table. */
export interface LineLayout {
  /** 0-based sheet columns of Dépenses totales, %FSE, Total opération and FSE requested; -1 when absent. */
  totalCost: number;
  fseRate: number;
  totalOperation: number;
  fseRequested: number;
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
  /** FSE requested, when the table has that column and the cell holds an amount. */
  fseRequested: Cents | null;
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
  for (let i = 0; i < ids.length; i++) {
    const id = at(ids, i);
    out[id] = addCents(out[id] ?? ZERO_CENTS, at(line.financerAmounts, i));
  }
  return out;
}

export type SummaryKind = "total" | "subtotal" | "budget" | "under_programming" | "over_programming";

/** What a table's lines add up to, from its first line to a given point. */
export interface RunningSums {
  /** Lines read so far. */
  lines: number;
  totalCost: Cents;
  /** Printed Total opération, or Dépenses totales where none is printed. */
  totalOperation: Cents;
  fse: Cents;
  /** Per financer column, in column order. */
  columnSums: Cents[];
  objectifs: number;
}

/**
 * A point of a table a sub-total may start from: the table's start, a
 * previous sub-total, a section-title row (a label without amounts).
 */
export interface Boundary {
  /** 1-based sheet row of the row that opens the range (the header row for the start). */
  row: number;
  kind: "start" | "subtotal" | "section";
  sums: RunningSums;
}

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
  /** The table's sums at this row (what the lines above it add up to). */
  sums?: RunningSums;
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
  /** Where sub-totals may start (the table's start first). */
  boundaries: Boundary[];
  /** Findings raised while reading the table's header and rows. */
  findings: Finding[];
}

export interface ProgrammingSheet {
  name: string;
  year: number | null;
  /** Where the year was read: the title block, the sheet's name, or the year of its columns (years side by side). */
  yearSource: "title" | "sheet_name" | "columns" | null;
  /** The years of a sheet that shows several side by side (each read as a result of its own); absent otherwise. */
  yearBlocks?: number[];
  tables: Table[];
  findings: Finding[];
}
