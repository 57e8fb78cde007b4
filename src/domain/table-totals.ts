import { at } from "./arrays";
import { FINANCER_IDS, type FinancerId } from "./financers";
import type { Column, Table } from "./model";
import { addCents, ZERO_CENTS, type Cents } from "./money";
import { roundedRate } from "./rates";

/** What a table's (or a sheet's) lines add up to. */

export type FinancerAmounts = Partial<Record<FinancerId, Cents>>;

export interface Totals {
  lineCount: number;
  totalCost: Cents;
  totalOperation: Cents;
  fse: Cents;
  byFinancer: FinancerAmounts;
  fseRate: number | null;
  /** FSE requested, when a table has that column (shown beside the FSE, never added to it). */
  fseRequested?: Cents;
}

export function emptyTotals(): Totals {
  return {
    lineCount: 0,
    totalCost: ZERO_CENTS,
    totalOperation: ZERO_CENTS,
    fse: ZERO_CENTS,
    byFinancer: {},
    fseRate: null,
  };
}

export function addTotals(into: Totals, t: Totals): void {
  into.lineCount += t.lineCount;
  into.totalCost = addCents(into.totalCost, t.totalCost);
  into.totalOperation = addCents(into.totalOperation, t.totalOperation);
  into.fse = addCents(into.fse, t.fse);
  if (t.fseRequested !== undefined) into.fseRequested = addCents(into.fseRequested ?? ZERO_CENTS, t.fseRequested);
  for (const id of FINANCER_IDS) {
    const v = t.byFinancer[id];
    if (v !== undefined) into.byFinancer[id] = addCents(into.byFinancer[id] ?? ZERO_CENTS, v);
  }
  into.fseRate = roundedRate(into.fse, into.totalCost);
}

/** A table's totals with its per-column sums and Objectifs: what its printed summary rows are compared with. */
export interface Basis {
  totals: Totals;
  columnSums: Cents[];
  objectifs: number;
}

/** What the lines of a table add up to. */
export function tableTotals(table: Table): Basis {
  const t = emptyTotals();
  const financerCols = table.columns.filter((c) => c.role === "financer");
  const d = table.data;
  let totalCost = ZERO_CENTS;
  let totalOperation = ZERO_CENTS;
  let fse = ZERO_CENTS;
  let requested = ZERO_CENTS;
  for (let i = 0; i < d.count; i++) {
    const tc = d.totalCostOf(i);
    if (tc !== null) totalCost = addCents(totalCost, tc);
    totalOperation = addCents(totalOperation, d.printedTotalOperationOf(i) ?? tc ?? ZERO_CENTS);
    fse = addCents(fse, d.fseOf(i));
    const rq = d.fseRequestedOf(i);
    if (rq !== null) requested = addCents(requested, rq);
  }
  if (d.layout.fseRequested >= 0) t.fseRequested = requested;
  const columnSums = d.columnSums.slice();
  addColumnSums(t.byFinancer, financerCols, columnSums);
  t.lineCount = d.count;
  t.totalCost = totalCost;
  t.totalOperation = totalOperation;
  t.fse = fse;
  t.fseRate = roundedRate(fse, totalCost);
  return { totals: t, columnSums, objectifs: d.objectifsSum };
}

/** Adds each financer column's sum (in column order) to its financer's amount. */
export function addColumnSums(
  byFinancer: FinancerAmounts,
  financerCols: readonly Column[],
  columnSums: readonly Cents[],
): void {
  for (let k = 0; k < columnSums.length; k++) {
    const id = at(financerCols, k).financer;
    if (id) byFinancer[id] = addCents(byFinancer[id] ?? ZERO_CENTS, at(columnSums, k));
  }
}
