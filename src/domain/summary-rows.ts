import { at } from "./arrays";
import type { FinancerId } from "./financers";
import { finding, type FigureValue, type Finding } from "./findings";
import type { Boundary, PrintedCell, RunningSums, SummaryRow, Table } from "./model";
import { addCents, subCents, ZERO_CENTS, type Cents } from "./money";
import { roundedRate } from "./rates";
import { alignSummaryRow, slotsOf, type Alignment, type Expected, type Slot } from "./summary";
import { addColumnSums, addTotals, emptyTotals, type Basis } from "./table-totals";

/**
 * Summary rows: the printed TOTAL and sub-total rows of a table compared
 * with the lines they cover (the table, the tables so far, or a range of
 * lines), shifted cells and one figure printed for two columns recognised.
 */

export interface SummaryCheck {
  row: number;
  kind: SummaryRow["kind"];
  /** Which lines the printed figures were found to cover: the table, the tables so far, the sheet, or a range of lines (a sub-total). */
  basis: "table" | "cumulative" | "sheet" | "range";
  /** First and last row of the lines a sub-total covers. */
  fromRow?: number;
  toRow?: number;
}

/** What the tables of a sheet add up to so far, for a TOTAL row that covers them all. */
export interface Cumulative {
  basis: Basis;
  /** The financer columns of the last table added. */
  ids: string;
}

export function emptyCumulative(): Cumulative {
  return { basis: { totals: emptyTotals(), columnSums: [], objectifs: 0 }, ids: "" };
}

/**
 * Adds a table's own sums to what the tables so far add up to. Cumulative
 * column sums only make sense when the tables share a layout: returns
 * whether this table has the same financer columns as the one before it.
 */
export function addToCumulative(cumulative: Cumulative, table: Table, own: Basis): boolean {
  const c = cumulative.basis;
  addTotals(c.totals, own.totals);
  const ids = table.columns
    .filter((col) => col.role === "financer")
    .map((col) => col.financer)
    .join(",");
  const sameLayout = table.index > 0 && ids === cumulative.ids;
  cumulative.ids = ids;
  c.columnSums = sameLayout ? c.columnSums.map((v, i) => addCents(v, at(own.columnSums, i))) : own.columnSums.slice();
  c.objectifs += own.objectifs;
  return sameLayout;
}

/**
 * Checks a table's printed TOTAL and sub-total rows; a TOTAL row is compared
 * with the table's own sums and, when given, with the tables so far
 * (`cumulative`), whichever its figures match best. The table's reading
 * findings come first.
 */
export function checkSummaryRows(
  table: Table,
  own: Basis,
  cumulative: Basis | null,
): { summaryChecks: SummaryCheck[]; findings: Finding[] } {
  const findings = table.findings.slice();
  const summaryChecks: SummaryCheck[] = [];
  const slots = slotsOf(table.columns);
  for (const row of table.summaryRows) {
    const cells = valuedCells(row, findings);
    if (row.kind === "subtotal") {
      const r = checkSubtotal(table, row, cells, slots);
      summaryChecks.push(r.check);
      for (const f of r.findings) findings.push(f);
    } else if (row.kind === "total") {
      const r = checkTotalRow(table, row, cells, slots, own, cumulative);
      summaryChecks.push(r.check);
      for (const f of r.findings) findings.push(f);
    }
  }
  return { summaryChecks, findings };
}

/**
 * The printed cells of a summary row that hold a value: a printed figure that
 * is a formula without a value is said so (in `findings`), left out of the
 * row, and compared with nothing.
 */
function valuedCells(row: SummaryRow, findings: Finding[]): readonly PrintedCell[] {
  const cells = row.cells;
  if (!cells.some(isFormulaText)) return cells;
  for (const p of cells) {
    if (isFormulaText(p)) findings.push(finding("FORMULA_WITHOUT_VALUE", p.cell, row.row, { formula: p.text }));
  }
  row.cells = cells.filter((p) => !isFormulaText(p));
  return row.cells;
}

/** Checks a TOTAL row against the table's own sums, or the tables so far when those match better. */
function checkTotalRow(
  table: Table,
  row: SummaryRow,
  cells: readonly PrintedCell[],
  slots: readonly Slot[],
  own: Basis,
  cumulative: Basis | null,
): { check: SummaryCheck; findings: Finding[] } {
  const eOwn = expectedOf(slots, table, own);
  const aOwn = alignSummaryRow(cells, slots, eOwn);
  let chosen = { al: aOwn, e: eOwn, basis: "table" as SummaryCheck["basis"] };
  if (cumulative) {
    const eCum = expectedOf(slots, table, cumulative);
    const aCum = alignSummaryRow(cells, slots, eCum);
    if (aCum.score > aOwn.score) chosen = { al: aCum, e: eCum, basis: "cumulative" };
  }
  return {
    check: { row: row.row, kind: row.kind, basis: chosen.basis },
    findings: totalRowFindings(row, slots, chosen.al, chosen.e, { basis: chosen.basis, kind: row.kind }),
  };
}

function expectedOf(slots: readonly Slot[], table: Table, b: Basis): Expected {
  const financerCols = table.columns.filter((c) => c.role === "financer");
  const money = slots.map((s) => {
    if (s.kind !== "money") return null;
    if (s.financer) return b.columnSums[financerCols.findIndex((c) => c.index === s.col)] ?? null;
    const col = table.columns.find((c) => c.index === s.col);
    return col?.role === "totalCost" ? b.totals.totalCost : b.totals.totalOperation;
  });
  return { money, fse: b.totals.fse, totalCost: b.totals.totalCost, count: b.objectifs };
}

/** What a summary row's findings say of the lines it covers. */
interface Coverage {
  basis: SummaryCheck["basis"];
  kind: SummaryRow["kind"];
  fromRow?: number;
  toRow?: number;
}

function totalRowFindings(
  row: SummaryRow,
  slots: readonly Slot[],
  al: Alignment,
  e: Expected,
  cov: Coverage,
): Finding[] {
  const out: Finding[] = [];
  let shiftReported = false;
  const range: Record<string, FigureValue> =
    cov.kind === "subtotal" ? { kind: "subtotal", fromRow: cov.fromRow ?? null, toRow: cov.toRow ?? null } : {};
  for (const p of al.placements) {
    const slot = at(slots, p.from);
    if (p.to > p.from) {
      out.push(
        finding("SUMMARY_CELLS_COMBINED", p.cell.cell, row.row, {
          columns: slots
            .slice(p.from, p.to + 1)
            .map((s) => s.header)
            .join(" + "),
          printedCents: p.cell.cents,
        }),
      );
    }
    if (!shiftReported && p.cell.col !== slot.col) {
      shiftReported = true;
      out.push(
        finding("SUMMARY_ROW_SHIFTED", p.cell.cell, row.row, {
          header: slot.header,
          offset: p.cell.col - slot.col,
        }),
      );
    }
    if (!p.matches && slot.kind === "money") {
      const computed = e.money[p.from] ?? null;
      out.push(
        finding("TOTAL_ROW_MISMATCH", p.cell.cell, row.row, {
          column: slot.header,
          printedCents: p.cell.cents,
          printedText: p.cell.cents === null ? p.cell.text : null,
          computedCents: computed,
          differenceCents: p.cell.cents !== null && computed !== null ? subCents(p.cell.cents, computed) : null,
          basis: cov.basis,
          ...range,
        }),
      );
    } else if (!p.matches && slot.kind === "rate") {
      out.push(
        finding("TOTAL_ROW_MISMATCH", p.cell.cell, row.row, {
          column: slot.header,
          printedRate: p.cell.rate ? p.cell.rate.mantissa / 10 ** p.cell.rate.scale : null,
          printedText: p.cell.rate ? null : p.cell.text,
          computedRate: roundedRate(e.fse, e.totalCost),
          basis: cov.basis,
          ...range,
        }),
      );
    }
  }
  for (const u of al.unplaced) {
    if (u.cents === 0) continue;
    out.push(finding("SUMMARY_CELL_UNMATCHED", u.cell, row.row, { text: u.text }));
  }
  return out;
}

/** A summary cell holding a formula without a value (`=SUM(…)` in a file saved without recalculation). */
function isFormulaText(p: PrintedCell): boolean {
  return p.cents === null && p.text.length > 1 && p.text.charCodeAt(0) === 61;
}

/** What the lines between two points of a table add up to. */
function basisBetween(from: RunningSums, to: RunningSums, table: Table): Basis {
  const financerCols = table.columns.filter((c) => c.role === "financer");
  const columnSums = to.columnSums.map((v, k) => subCents(v, from.columnSums[k] ?? ZERO_CENTS));
  const totals = emptyTotals();
  totals.lineCount = to.lines - from.lines;
  totals.totalCost = subCents(to.totalCost, from.totalCost);
  totals.totalOperation = subCents(to.totalOperation, from.totalOperation);
  totals.fse = subCents(to.fse, from.fse);
  addColumnSums(totals.byFinancer, financerCols, columnSums);
  totals.fseRate = roundedRate(totals.fse, totals.totalCost);
  return { totals, columnSums, objectifs: to.objectifs - from.objectifs };
}

/**
 * Checks a sub-total against the lines since each boundary before it (the
 * table's start, a previous sub-total, a section title): the range its
 * figures match best is the one it covers; at equal match, the shortest.
 */
function checkSubtotal(
  table: Table,
  row: SummaryRow,
  cells: readonly PrintedCell[],
  slots: readonly Slot[],
): { check: SummaryCheck; findings: Finding[] } {
  const sums = row.sums;
  const d = table.data;
  let best: { al: Alignment; e: Expected; from: Boundary } | null = null;
  for (let k = table.boundaries.length - 1; k >= 0 && sums; k--) {
    const b = at(table.boundaries, k);
    if (b.sums.lines >= sums.lines) continue;
    const e = expectedOf(slots, table, basisBetween(b.sums, sums, table));
    const al = alignSummaryRow(cells, slots, e);
    if (!best || al.score > best.al.score) best = { al, e, from: b };
  }
  if (!best || !sums) return { check: { row: row.row, kind: row.kind, basis: "range" }, findings: [] };
  const fromRow = d.rowOf(best.from.sums.lines);
  const toRow = d.rowOf(sums.lines - 1);
  const cov: Coverage = { basis: "range", kind: "subtotal", fromRow, toRow };
  return {
    check: { row: row.row, kind: row.kind, basis: "range", fromRow, toRow },
    findings: totalRowFindings(row, slots, best.al, best.e, cov),
  };
}

/** Per financer, the printed cells of a row summed over that financer's columns. */
export function printedByFinancer(row: SummaryRow, table: Table): Map<FinancerId, { cents: Cents; cell: string }> {
  const out = new Map<FinancerId, { cents: Cents; cell: string }>();
  for (const p of row.cells) {
    const col = table.columns.find((c) => c.index === p.col);
    if (!col || col.role !== "financer" || !col.financer || p.cents === null) continue;
    const prev = out.get(col.financer);
    out.set(col.financer, { cents: addCents(prev?.cents ?? ZERO_CENTS, p.cents), cell: prev?.cell ?? p.cell });
  }
  return out;
}
