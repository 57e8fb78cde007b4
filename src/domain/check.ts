import { FINANCER_IDS, financerHeaderKey, printedFinancerName, type FinancerId } from "./financers";
import { finding, type FigureValue, type Finding, type Severity } from "./findings";
import { hostProjectOf, suggestHost } from "./hosts";
import { a1 } from "./address";
import { FINANCERS_COMPLETE, FSE_COMPLETE, LineData } from "./lines";
import type {
  Boundary,
  Column,
  Host,
  Line,
  PrintedCell,
  ProgrammingSheet,
  RunningSums,
  SummaryRow,
  Table,
} from "./model";
import { at } from "./arrays";
import { addCents, negCents, subCents, ZERO_CENTS, type Cents } from "./money";
import { rateDiffExceeds, roundedRate } from "./rates";
import {
  capHolds,
  floorHolds,
  fseShortfall,
  maxFseAllowed,
  minTotalCostForProject,
  type Classification,
  type RuleSet,
} from "./rules";
import { alignSummaryRow, slotsOf, type Alignment, type Expected, type Slot } from "./summary";

export type FinancerAmounts = Partial<Record<FinancerId, Cents>>;

export interface Suggestions {
  /** Largest FSE the cap allows on this total cost. */
  maxFseCents: Cents | null;
  /** FSE missing to reach the floor. */
  shortfallCents: Cents | null;
  /** The smallest total cost of a project (floor ÷ cap), when the line is below it. */
  minTotalCostCents: Cents | null;
}

export interface LineResult {
  line: Line;
  /** 0-based index of the table in its sheet. */
  tableIndex: number;
  /** FSE of the line, or null when an FSE cell is unreadable or there is no FSE column. */
  fse: Cents | null;
  /** FSE ÷ Dépenses totales rounded to 4 decimals. */
  fseRate: number | null;
  floorHolds: boolean | null;
  capHolds: boolean | null;
  /** null when the line cannot be classified (unreadable or missing amounts). */
  classification: Classification | null;
  host: Host | null;
  hostSource: "column" | "suggested" | null;
  suggestions: Suggestions | null;
  findings: readonly Finding[];
}

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

export interface SummaryCheck {
  row: number;
  kind: SummaryRow["kind"];
  /** Which lines the printed figures were found to cover: the table, the tables so far, the sheet, or a range of lines (a sub-total). */
  basis: "table" | "cumulative" | "sheet" | "range";
  /** First and last row of the lines a sub-total covers. */
  fromRow?: number;
  toRow?: number;
}

export interface TableResult {
  table: Table;
  /** The checks of every line, column by column. */
  checks: LineChecks;
  /** The checked lines as objects (built on first use). */
  readonly lines: readonly LineResult[];
  totals: Totals;
  summaryChecks: SummaryCheck[];
  findings: Finding[];
}

/** A line of a sheet: its table, its index in the table, its sheet row. */
export interface LineRef {
  table: number;
  index: number;
  row: number;
}

export interface HostGroup {
  host: Host;
  /** The host project's own line, when the sheet has it. */
  hostLine: LineRef | null;
  letters: LineRef[];
  lettersTotalCost: Cents;
  lettersFse: Cents;
  /** The host's total cost including its order letters. */
  totalCost: Cents;
  fse: Cents;
}

export interface Split {
  projects: LineRef[];
  hosts: HostGroup[];
  undetermined: LineRef[];
}

export interface SheetResult {
  sheet: ProgrammingSheet;
  /** Each financer's header as printed in the sheet (two headers joined by " + "), for the reports. */
  financerHeaders: Partial<Record<FinancerId, string>>;
  tables: TableResult[];
  totals: Totals;
  /** Budget per financer from the BUDGET rows (financers with a printed budget only). */
  budget: FinancerAmounts;
  /** Budget − programmed, per financer with a budget (negative: over-programmed). */
  underProgramming: FinancerAmounts;
  split: Split;
  findings: Finding[];
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

const HOSTS: readonly Host[] = ["animation", "assistance"];
const CLASSES: readonly Classification[] = ["projet", "lettre_de_commande"];

/** Bits of `LineChecks.failures`: the rules a line breaks. */
const BELOW_FLOOR = 1;
const ABOVE_CAP = 2;
const UNBALANCED_PLAN = 4;
const TOTAL_DIFFERS = 8;
const RATE_DIFFERS = 16;
const ABOVE_REQUEST = 32;

/**
 * The checks of a table's lines, column by column (see LineData): the
 * classification, the host and the rules each line breaks, as small integers.
 * A line's findings are built from these and the line's figures when asked
 * for, so checking 100 000 lines allocates no object per line.
 */
export class LineChecks {
  readonly count: number;
  /** -1: not classified; else an index in CLASSES. */
  readonly classification: Int8Array;
  /** -1 unknown, 0 fails, 1 holds. */
  readonly floor: Int8Array;
  readonly cap: Int8Array;
  /** -1 none; else an index in HOSTS. */
  readonly host: Int8Array;
  readonly hostFromColumn: Uint8Array;
  /** Rules broken, as bits (BELOW_FLOOR…). */
  readonly failures: Uint8Array;

  constructor(
    readonly data: LineData,
    readonly rules: RuleSet,
    /** Whether the table has a Dépenses totales column (else a blank one is not reported per line). */
    readonly hasTotalCostColumn: boolean,
  ) {
    const n = (this.count = data.count);
    this.classification = new Int8Array(n);
    this.floor = new Int8Array(n);
    this.cap = new Int8Array(n);
    this.host = new Int8Array(n);
    this.hostFromColumn = new Uint8Array(n);
    this.failures = new Uint8Array(n);
  }

  /** Line i's findings: those of its reading, then the rules it breaks, with their figures. */
  findingsAt(i: number): readonly Finding[] {
    const d = this.data;
    let read = d.findingsOf(i);
    if (!this.hasTotalCostColumn && read.length) read = read.filter((f) => f.code !== "MISSING_TOTAL_COST");
    const bits = this.failures[i];
    if (!bits) return read;
    const out = read.slice();
    const rules = this.rules;
    const row = d.rowOf(i);
    const layout = d.layout;
    const totalCost = d.totalCostOf(i);
    const fse = d.fseOf(i);
    // Every rule but the FSE requested needs the total cost (see checkAt).
    if (totalCost !== null && bits & (BELOW_FLOOR | ABOVE_CAP)) {
      const fseCell = cellAt(row, d.fseColOf(i));
      if (bits & BELOW_FLOOR) {
        out.push(
          finding("FSE_BELOW_FLOOR", fseCell, row, {
            fseCents: fse,
            floorCents: rules.floorCents,
            strict: rules.floorStrict ? 1 : 0,
            shortfallCents: fseShortfall(fse, rules),
            totalCostCents: totalCost,
            minTotalCostCents: minTotalCostForProject(rules),
          }),
        );
      }
      if (bits & ABOVE_CAP) {
        const max = maxFseAllowed(totalCost, rules);
        out.push(
          finding("FSE_RATE_ABOVE_CAP", fseCell, row, {
            fseCents: fse,
            totalCostCents: totalCost,
            rate: roundedRate(fse, totalCost),
            capRate: rules.capBasisPoints / 10000,
            maxFseCents: max,
            excessCents: subCents(fse, max),
          }),
        );
      }
    }
    if (totalCost !== null && bits & UNBALANCED_PLAN) {
      const sum = d.sumOfFinancersOf(i);
      out.push(
        finding("UNBALANCED", cellAt(row, layout.totalCost), row, {
          totalCostCents: totalCost,
          sumOfFinancersCents: sum,
          gapCents: subCents(totalCost, sum),
        }),
      );
    }
    const printed = d.printedTotalOperationOf(i);
    if (totalCost !== null && printed !== null && bits & TOTAL_DIFFERS) {
      out.push(
        finding("TOTAL_MISMATCH", cellAt(row, layout.totalOperation), row, {
          totalOperationCents: printed,
          totalCostCents: totalCost,
          gapCents: subCents(printed, totalCost),
        }),
      );
    }
    const requested = d.fseRequestedOf(i);
    if (requested !== null && bits & ABOVE_REQUEST) {
      out.push(
        finding("FSE_ABOVE_REQUEST", cellAt(row, d.fseColOf(i)), row, {
          fseCents: fse,
          requestedCents: requested,
          excessCents: subCents(fse, requested),
        }),
      );
    }
    const printedRate = d.printedRateOf(i);
    if (totalCost !== null && printedRate !== null && bits & RATE_DIFFERS) {
      out.push(
        finding("PRINTED_RATE_MISMATCH", cellAt(row, layout.fseRate), row, {
          printedRate,
          rate: roundedRate(fse, totalCost),
          tolerance: rules.printedRateTolerance.mantissa / 10 ** rules.printedRateTolerance.scale,
        }),
      );
    }
    return out;
  }

  /** Every line's findings, in line order. */
  allFindingLists(): (readonly Finding[])[] {
    const out: (readonly Finding[])[] = [];
    for (let i = 0; i < this.count; i++) {
      if (this.failures[i] !== 0 || this.data.findings.has(i)) {
        const f = this.findingsAt(i);
        if (f.length) out.push(f);
      }
    }
    return out;
  }

  classificationOf(i: number): Classification | null {
    const c = this.classification[i];
    return c === undefined || c < 0 ? null : (CLASSES[c] ?? null);
  }

  hostOf(i: number): Host | null {
    const h = this.host[i];
    return h === undefined || h < 0 ? null : (HOSTS[h] ?? null);
  }

  hostSourceOf(i: number): LineResult["hostSource"] {
    return this.hostOf(i) === null ? null : this.hostFromColumn[i] ? "column" : "suggested";
  }

  /** FSE ÷ Dépenses totales rounded to 4 decimals, when both are known. */
  fseRateOf(i: number): number | null {
    const d = this.data;
    const total = d.totalCostOf(i);
    if (total === null || (d.flagsOf(i) & FSE_COMPLETE) === 0) return null;
    return roundedRate(d.fseOf(i), total);
  }

  /** Line i's result as an object. */
  result(line: Line, i: number, tableIndex: number): LineResult {
    const classification = this.classificationOf(i);
    return {
      line,
      tableIndex,
      fse: line.fseComplete ? line.fse : null,
      fseRate: this.fseRateOf(i),
      floorHolds: tri(this.floor[i]),
      capHolds: tri(this.cap[i]),
      classification,
      host: this.hostOf(i),
      hostSource: this.hostSourceOf(i),
      suggestions:
        classification === "lettre_de_commande"
          ? suggestionsFor(line.totalCost, line.fseComplete ? line.fse : null, this.rules)
          : null,
      findings: this.findingsAt(i),
    };
  }
}

/** -1 unknown, 0 false, 1 true. */
function tri(v: number | undefined): boolean | null {
  return v === undefined || v < 0 ? null : v === 1;
}

/** The fixes a failing line needs: largest FSE the cap allows, FSE missing to the floor, minimum total cost. */
export function suggestionsFor(totalCost: Cents | null, fse: Cents | null, rules: RuleSet): Suggestions | null {
  if (totalCost === null || fse === null) return null;
  const floorOk = floorHolds(fse, rules);
  const capOk = capHolds(fse, totalCost, rules);
  if (floorOk && capOk) return null;
  const minTotal = minTotalCostForProject(rules);
  return {
    maxFseCents: capOk ? null : maxFseAllowed(totalCost, rules),
    shortfallCents: floorOk ? null : fseShortfall(fse, rules),
    minTotalCostCents: totalCost < minTotal ? minTotal : null,
  };
}

const cellAt = (row: number, col: number): string | null => (col >= 0 ? a1(row, col) : null);

/**
 * Checks line i of a table against the rules and writes the result in `out`.
 * The hot path of the checker: it allocates nothing.
 */
export function checkAt(d: LineData, i: number, rules: RuleSet, out: LineChecks): void {
  const totalCost = d.totalCostOf(i);
  const flags = d.flagsOf(i);
  const fseKnown = (flags & FSE_COMPLETE) !== 0;
  const fse = d.fseOf(i);
  let bits = 0;
  let cls = -1;
  let floor = -1;
  let cap = -1;
  let host = -1;
  if (totalCost !== null && fseKnown) {
    const floorOk = floorHolds(fse, rules);
    const capOk = capHolds(fse, totalCost, rules);
    floor = floorOk ? 1 : 0;
    cap = capOk ? 1 : 0;
    if (floorOk && capOk) {
      cls = 0;
    } else {
      cls = 1;
      if (!floorOk) bits |= BELOW_FLOOR;
      if (!capOk) bits |= ABOVE_CAP;
      // Where the order letter goes: the sheet's column, or a suggestion.
      const override = d.hostOverride.size ? d.hostOverride.get(i) : undefined;
      host = HOSTS.indexOf(override ?? suggestHost(d.action(i), d.operation(i)));
      if (override) out.hostFromColumn[i] = 1;
    }
  }
  if (totalCost !== null && (flags & FINANCERS_COMPLETE) !== 0 && d.sumOfFinancersOf(i) !== totalCost) {
    bits |= UNBALANCED_PLAN;
  }
  const printedTotal = d.printedTotalOperationOf(i);
  if (totalCost !== null && printedTotal !== null && printedTotal !== totalCost) bits |= TOTAL_DIFFERS;
  const requested = d.fseRequestedOf(i);
  if (fseKnown && requested !== null && fse > requested) bits |= ABOVE_REQUEST;
  const printedRate = d.printedRateOf(i);
  if (totalCost !== null && totalCost > 0 && fseKnown && printedRate !== null) {
    if (rateDiffExceeds(printedRate, fse, totalCost, rules.printedRateTolerance)) bits |= RATE_DIFFERS;
  }
  out.classification[i] = cls;
  out.floor[i] = floor;
  out.cap[i] = cap;
  out.host[i] = host;
  out.failures[i] = bits;
}

/** Checks one operation line on its own (the custom functions' way in). */
export function checkLine(line: Line, tableIndex: number, rules: RuleSet, hasTotalCostColumn = true): LineResult {
  const d = LineData.of(line.layout, [line]);
  const checks = new LineChecks(d, rules, hasTotalCostColumn);
  checkAt(d, 0, rules, checks);
  return checks.result(line, 0, tableIndex);
}

/** Checks every line of a table. */
export function checkLines(table: Table, rules: RuleSet): LineChecks {
  const d = table.data;
  const checks = new LineChecks(
    d,
    rules,
    table.columns.some((c) => c.role === "totalCost"),
  );
  for (let i = 0; i < d.count; i++) checkAt(d, i, rules, checks);
  return checks;
}

/** A table's result; its `lines` objects are built on first use. */
function tableResult(
  table: Table,
  checks: LineChecks,
  totals: Totals,
  summaryChecks: SummaryCheck[],
  findings: Finding[],
): TableResult {
  let lines: LineResult[] | null = null;
  return {
    table,
    checks,
    get lines(): LineResult[] {
      return (lines ??= table.lines.map((l, i) => checks.result(l, i, table.index)));
    },
    totals,
    summaryChecks,
    findings,
  };
}

function tableTotals(table: Table): { totals: Totals; columnSums: Cents[]; objectifs: number } {
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
function addColumnSums(
  byFinancer: FinancerAmounts,
  financerCols: readonly Column[],
  columnSums: readonly Cents[],
): void {
  for (let k = 0; k < columnSums.length; k++) {
    const id = at(financerCols, k).financer;
    if (id) byFinancer[id] = addCents(byFinancer[id] ?? ZERO_CENTS, at(columnSums, k));
  }
}

interface Basis {
  totals: Totals;
  columnSums: Cents[];
  objectifs: number;
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
function printedByFinancer(row: SummaryRow, table: Table): Map<FinancerId, { cents: Cents; cell: string }> {
  const out = new Map<FinancerId, { cents: Cents; cell: string }>();
  for (const p of row.cells) {
    const col = table.columns.find((c) => c.index === p.col);
    if (!col || col.role !== "financer" || !col.financer || p.cents === null) continue;
    const prev = out.get(col.financer);
    out.set(col.financer, { cents: addCents(prev?.cents ?? ZERO_CENTS, p.cents), cell: prev?.cell ?? p.cell });
  }
  return out;
}

/** Checks a parsed sheet: every line, every printed summary row, the budget. */
export function checkSheet(sheet: ProgrammingSheet, rules: RuleSet): SheetResult {
  const tables: TableResult[] = [];
  const sheetTotals = emptyTotals();
  const cumulative: Basis = { totals: emptyTotals(), columnSums: [], objectifs: 0 };
  const bases: Basis[] = [];
  let cumulativeIds = "";
  for (const table of sheet.tables) {
    const checks = checkLines(table, rules);
    const own = tableTotals(table);
    bases.push(own);
    addTotals(cumulative.totals, own.totals);
    // Cumulative column sums only make sense when the tables share a layout.
    const ids = table.columns
      .filter((c) => c.role === "financer")
      .map((c) => c.financer)
      .join(",");
    const sameLayout = table.index > 0 && ids === cumulativeIds;
    cumulativeIds = ids;
    cumulative.columnSums = sameLayout
      ? cumulative.columnSums.map((v, i) => addCents(v, at(own.columnSums, i)))
      : own.columnSums.slice();
    cumulative.objectifs += own.objectifs;
    addTotals(sheetTotals, own.totals);
    const findings = table.findings.slice();
    const summaryChecks: SummaryCheck[] = [];
    const slots = slotsOf(table.columns);
    for (const row of table.summaryRows) {
      // A printed figure that is a formula without a value is said so, and compared with nothing.
      let cells = row.cells;
      if (cells.some(isFormulaText)) {
        for (const p of cells)
          if (isFormulaText(p)) findings.push(finding("FORMULA_WITHOUT_VALUE", p.cell, row.row, { formula: p.text }));
        cells = cells.filter((p) => !isFormulaText(p));
        row.cells = cells;
      }
      if (row.kind === "subtotal") {
        const r = checkSubtotal(table, row, cells, slots);
        summaryChecks.push(r.check);
        for (const f of r.findings) findings.push(f);
        continue;
      }
      if (row.kind !== "total") continue;
      const eOwn = expectedOf(slots, table, own);
      const aOwn = alignSummaryRow(cells, slots, eOwn);
      let chosen = { al: aOwn, e: eOwn, basis: "table" as SummaryCheck["basis"] };
      if (sameLayout) {
        const cum: Basis = {
          totals: { ...cumulative.totals, byFinancer: { ...cumulative.totals.byFinancer } },
          columnSums: cumulative.columnSums.slice(),
          objectifs: cumulative.objectifs,
        };
        const eCum = expectedOf(slots, table, cum);
        const aCum = alignSummaryRow(cells, slots, eCum);
        if (aCum.score > aOwn.score) chosen = { al: aCum, e: eCum, basis: "cumulative" };
      }
      summaryChecks.push({ row: row.row, kind: row.kind, basis: chosen.basis });
      for (const f of totalRowFindings(row, slots, chosen.al, chosen.e, { basis: chosen.basis, kind: row.kind }))
        findings.push(f);
    }
    tables.push(tableResult(table, checks, own.totals, summaryChecks, findings));
  }

  const headers = financerHeadersOf(sheet);
  // Budget: every BUDGET row of the sheet, summed per financer.
  const budget: FinancerAmounts = {};
  let budgetTable: TableResult | null = null;
  const budgetCells = new Map<FinancerId, string>();
  for (const tr of tables) {
    for (const row of tr.table.summaryRows) {
      if (row.kind !== "budget") continue;
      budgetTable ??= tr;
      for (const [id, v] of printedByFinancer(row, tr.table)) {
        budget[id] = addCents(budget[id] ?? ZERO_CENTS, v.cents);
        if (!budgetCells.has(id)) budgetCells.set(id, v.cell);
      }
      tr.summaryChecks.push({ row: row.row, kind: row.kind, basis: "sheet" });
    }
  }
  const underProgramming: FinancerAmounts = {};
  for (const id of FINANCER_IDS) {
    const b = budget[id];
    if (b === undefined || budgetTable === null) continue;
    const programmed = sheetTotals.byFinancer[id] ?? ZERO_CENTS;
    underProgramming[id] = subCents(b, programmed);
    const cell = budgetCells.get(id) ?? null;
    const row = cell === null ? null : rowOfCell(cell);
    if (programmed > b) {
      budgetTable.findings.push(
        finding("OVER_PROGRAMMED", cell, row, {
          financer: id,
          financerHeader: headers[id] ?? null,
          budgetCents: b,
          programmedCents: programmed,
          excessCents: subCents(programmed, b),
        }),
      );
    } else if (programmed < b) {
      budgetTable.findings.push(
        finding("UNDER_PROGRAMMED", cell, row, {
          financer: id,
          financerHeader: headers[id] ?? null,
          budgetCents: b,
          programmedCents: programmed,
          remainingCents: subCents(b, programmed),
        }),
      );
    }
  }
  // Printed SOUS PROGRAMMATION rows: budget − programmed, over whichever
  // tables the row covers (the whole sheet, the tables so far, or its own).
  for (const tr of tables) {
    for (const row of tr.table.summaryRows) {
      if (row.kind !== "under_programming" && row.kind !== "over_programming") continue;
      const under = row.kind === "under_programming";
      const soFar = emptyTotals();
      for (const base of bases.slice(0, tr.table.index + 1)) addTotals(soFar, base.totals);
      const candidates = [sheetTotals, soFar, tr.totals];
      for (const [id, printed] of printedByFinancer(row, tr.table)) {
        const b = budget[id];
        if (b === undefined) continue;
        /** What the row should print against these totals: budget − programmed, negated for an over-programming row. */
        const expected = (c: Totals): Cents => {
          const left = subCents(b, c.byFinancer[id] ?? ZERO_CENTS);
          return under ? left : negCents(left);
        };
        const ok = candidates.some((c) => expected(c) === printed.cents);
        if (!ok) {
          tr.findings.push(
            finding("UNDER_PROGRAMMING_MISMATCH", printed.cell, row.row, {
              financer: id,
              financerHeader: headers[id] ?? null,
              printedCents: printed.cents,
              computedCents: expected(sheetTotals),
            }),
          );
        }
      }
      tr.summaryChecks.push({ row: row.row, kind: row.kind, basis: "sheet" });
    }
  }

  let split: Split | null = null;
  return {
    sheet,
    financerHeaders: headers,
    tables,
    totals: sheetTotals,
    budget,
    underProgramming,
    get split(): Split {
      return (split ??= splitOf(tables));
    },
    findings: sheet.findings.slice(),
  };
}

/** The 1-based row of an A1 address. */
function rowOfCell(cell: string): number | null {
  const m = /\d+$/.exec(cell);
  return m ? Number(m[0]) : null;
}

/** Each financer's printed header in a sheet; different headers of one financer (their amounts added) joined by " + ". */
export function financerHeadersOf(sheet: ProgrammingSheet): Partial<Record<FinancerId, string>> {
  const seen = new Map<FinancerId, { keys: string[]; headers: string[] }>();
  for (const t of sheet.tables) {
    for (const c of t.columns) {
      if (c.role !== "financer" || !c.financer) continue;
      let s = seen.get(c.financer);
      if (!s) seen.set(c.financer, (s = { keys: [], headers: [] }));
      const key = financerHeaderKey(c.header);
      if (!s.keys.includes(key)) {
        s.keys.push(key);
        s.headers.push(printedFinancerName(c.header));
      }
    }
  }
  const out: Partial<Record<FinancerId, string>> = {};
  for (const id of FINANCER_IDS) {
    const s = seen.get(id);
    if (s) out[id] = s.headers.join(" + ");
  }
  return out;
}

/** Projects, then order letters under their host project (the host's total includes them). */
export function splitOf(tables: readonly TableResult[]): Split {
  const projects: LineRef[] = [];
  const undetermined: LineRef[] = [];
  const groups = new Map<Host, HostGroup>();
  const group = (h: Host): HostGroup => {
    let g = groups.get(h);
    if (!g) {
      g = {
        host: h,
        hostLine: null,
        letters: [],
        lettersTotalCost: ZERO_CENTS,
        lettersFse: ZERO_CENTS,
        totalCost: ZERO_CENTS,
        fse: ZERO_CENTS,
      };
      groups.set(h, g);
    }
    return g;
  };
  const hostFigures = new Map<Host, { totalCost: Cents; fse: Cents }>();
  for (const t of tables) {
    const d = t.table.data;
    const c = t.checks;
    for (let i = 0; i < c.count; i++) {
      const ref: LineRef = { table: t.table.index, index: i, row: d.rowOf(i) };
      const cls = c.classification[i];
      const host = c.hostOf(i);
      if (cls === 0) {
        projects.push(ref);
        if (hostFigures.size < 2) {
          const h = hostProjectOf(d.action(i), d.operation(i));
          if (h && !hostFigures.has(h)) {
            group(h).hostLine = ref;
            hostFigures.set(h, { totalCost: d.totalCostOf(i) ?? ZERO_CENTS, fse: d.fseOf(i) });
          }
        }
      } else if (cls === 1 && host !== null) {
        const g = group(host);
        g.letters.push(ref);
        g.lettersTotalCost = addCents(g.lettersTotalCost, d.totalCostOf(i) ?? ZERO_CENTS);
        g.lettersFse = addCents(g.lettersFse, d.fseOf(i));
      } else {
        undetermined.push(ref);
      }
    }
  }
  const hosts: HostGroup[] = [];
  for (const h of HOSTS) {
    const g = groups.get(h);
    if (!g) continue;
    const own = hostFigures.get(h);
    g.totalCost = addCents(own?.totalCost ?? ZERO_CENTS, g.lettersTotalCost);
    g.fse = addCents(own?.fse ?? ZERO_CENTS, g.lettersFse);
    hosts.push(g);
  }
  return { projects, hosts, undetermined };
}

/** The checked line a reference points at. */
export function resultAt(s: SheetResult, ref: LineRef): LineResult {
  return at(at(s.tables, ref.table).lines, ref.index);
}

/**
 * Every finding of a sheet in sheet order (as `allFindings` sorts them), one
 * at a time: a line's findings are built when visited and not kept, so a
 * 100 000-line sheet never holds them all.
 */
export function forEachFinding(s: SheetResult, visit: (f: Finding) => void): void {
  const few: Finding[] = s.findings.slice();
  for (const t of s.tables) for (const f of t.findings) few.push(f);
  few.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  let k = 0;
  for (const t of s.tables) {
    const c = t.checks;
    const d = t.table.data;
    for (let i = 0; i < c.count; i++) {
      if (c.failures[i] === 0 && !d.findings.has(i)) continue;
      const list = c.findingsAt(i);
      if (list.length === 0) continue;
      const row = d.rowOf(i);
      for (let f = few[k]; f !== undefined && (f.row ?? 0) <= row; f = few[++k]) visit(f);
      for (const f of list) visit(f);
    }
  }
  for (let f = few[k]; f !== undefined; f = few[++k]) visit(f);
}

/** How many findings of each severity a sheet has (none kept). */
export function countFindings(s: SheetResult): Record<Severity, number> {
  const out: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  forEachFinding(s, (f) => out[f.severity]++);
  return out;
}

/** Every finding of a sheet: sheet, tables, lines, in sheet order. */
export function allFindings(s: SheetResult): Finding[] {
  const out = s.findings.slice();
  for (const t of s.tables) {
    for (const f of t.findings) out.push(f); // a loop: a table may hold one finding per row
    for (const list of t.checks.allFindingLists()) for (const f of list) out.push(f);
  }
  return out.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
}
