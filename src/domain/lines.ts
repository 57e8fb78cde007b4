import { at } from "./arrays";
import type { Finding } from "./findings";
import type { Host, Line, LineLayout, RunningSums } from "./model";
import { addCents, centsAt, optionalCentsAt, ZERO_CENTS, type Cents } from "./money";

const NONE: readonly Finding[] = Object.freeze([]);

/** Bits of `LineData.flags`. */
export const FINANCERS_COMPLETE = 1;
export const FSE_COMPLETE = 2;

/**
 * Where a table's lines were read from: their words and per-column amounts
 * are read again from there when asked for (the sheet's grid stays in memory
 * anyway), so the checks keep only the figures they use.
 */
export interface LineSource {
  action(at: number): string;
  operation(at: number): string;
  operator(at: number): string;
  objectifs(at: number): number | string | null;
  /** Amount of each financer column (0 when blank or unreadable). */
  financerAmounts(at: number): Cents[];
}

/**
 * The operation lines of a table, column by column. A programming can hold
 * 100 000 lines: one object per line would spend more time in the garbage
 * collector than in the checks, so the figures live in typed arrays (cents
 * are integers, exact in a Float64Array; NaN stands for "no value") and
 * `Line` objects are built only when asked for. The typed arrays are the
 * storage; read them through the accessors (`totalCostOf(i)`…), which give
 * cents as `Cents` and a value that is not there as null.
 */
export class LineData {
  count = 0;
  private capacity: number;
  /** Number of financer columns. */
  readonly width: number;
  /** 1-based sheet row, and where the source keeps the line. */
  row: Int32Array;
  at: Int32Array;
  totalCost: Float64Array;
  sumOfFinancers: Float64Array;
  fse: Float64Array;
  fseCol: Int32Array;
  printedRate: Float64Array;
  printedTotalOperation: Float64Array;
  /** FSE requested (NaN: none). */
  fseRequested: Float64Array;
  flags: Uint8Array;
  /** Sum of each financer column over the lines, and of Objectifs. */
  readonly columnSums: Cents[] = [];
  objectifsSum = 0;
  /** Running sums of the lines read so far (for sub-totals): Dépenses totales, Total opération (or Dépenses totales), FSE. */
  totalCostSum: Cents = ZERO_CENTS;
  totalOperationSum: Cents = ZERO_CENTS;
  fseSum: Cents = ZERO_CENTS;
  /** Rarely present: kept by line index. */
  readonly hostOverride = new Map<number, Host>();
  readonly status = new Map<number, string>();
  readonly findings = new Map<number, readonly Finding[]>();

  constructor(
    readonly layout: LineLayout,
    readonly source: LineSource,
    capacity = 16,
  ) {
    this.width = layout.financers.length;
    for (let k = 0; k < this.width; k++) this.columnSums.push(ZERO_CENTS);
    this.capacity = Math.max(1, capacity);
    const c = this.capacity;
    this.row = new Int32Array(c);
    this.at = new Int32Array(c);
    this.totalCost = new Float64Array(c);
    this.sumOfFinancers = new Float64Array(c);
    this.fse = new Float64Array(c);
    this.fseCol = new Int32Array(c);
    this.printedRate = new Float64Array(c);
    this.printedTotalOperation = new Float64Array(c);
    this.fseRequested = new Float64Array(c);
    this.flags = new Uint8Array(c);
  }

  /** What the lines read so far add up to. */
  sums(): RunningSums {
    return {
      lines: this.count,
      totalCost: this.totalCostSum,
      totalOperation: this.totalOperationSum,
      fse: this.fseSum,
      columnSums: this.columnSums.slice(),
      objectifs: this.objectifsSum,
    };
  }

  /** Adds line i's figures to the running sums (once its cells are read). */
  addToSums(i: number): void {
    const tc = this.totalCostOf(i);
    if (tc !== null) this.totalCostSum = addCents(this.totalCostSum, tc);
    this.totalOperationSum = addCents(this.totalOperationSum, this.printedTotalOperationOf(i) ?? tc ?? ZERO_CENTS);
    this.fseSum = addCents(this.fseSum, this.fseOf(i));
  }

  /** Adds an amount of financer column k (0 ≤ k < width) to that column's sum. */
  addToColumn(k: number, cents: Cents): void {
    // Per cell of the parser: a direct read, not the generic `at` (its call site would see every kind of array).
    const sums = this.columnSums;
    const v = sums[k];
    if (v === undefined) throw new RangeError(`internal error: no financer column ${k} (${this.width} columns)`);
    sums[k] = addCents(v, cents);
  }

  /** 1-based sheet row of line i. */
  rowOf(i: number): number {
    return int(this.row, i);
  }

  /** Where the source keeps line i. */
  sourceIndexOf(i: number): number {
    return int(this.at, i);
  }

  /** Bits of line i (FINANCERS_COMPLETE, FSE_COMPLETE). */
  flagsOf(i: number): number {
    const v = this.flags[i];
    if (v === undefined) throw outOfRange(i, this.count);
    return v;
  }

  /** Sheet column of line i's FSE cell (-1 without one). */
  fseColOf(i: number): number {
    return int(this.fseCol, i);
  }

  /** Dépenses totales of line i; null when blank or unreadable. */
  totalCostOf(i: number): Cents | null {
    return optionalCentsAt(this.totalCost, i);
  }

  sumOfFinancersOf(i: number): Cents {
    return centsAt(this.sumOfFinancers, i);
  }

  fseOf(i: number): Cents {
    return centsAt(this.fse, i);
  }

  /** The printed %FSE of line i as a fraction, when there is one. */
  printedRateOf(i: number): number | null {
    const v = this.printedRate[i];
    if (v === undefined) throw outOfRange(i, this.count);
    return v === v ? v : null;
  }

  printedTotalOperationOf(i: number): Cents | null {
    return optionalCentsAt(this.printedTotalOperation, i);
  }

  fseRequestedOf(i: number): Cents | null {
    return optionalCentsAt(this.fseRequested, i);
  }

  /** Makes room for one more line and returns its index. */
  add(): number {
    if (this.count === this.capacity) this.grow();
    return this.count++;
  }

  private grow(): void {
    const c = this.capacity * 2;
    const up = <T extends Float64Array | Int32Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(c);
      b.set(a);
      return b;
    };
    this.row = up(this.row);
    this.at = up(this.at);
    this.totalCost = up(this.totalCost);
    this.sumOfFinancers = up(this.sumOfFinancers);
    this.fse = up(this.fse);
    this.fseCol = up(this.fseCol);
    this.printedRate = up(this.printedRate);
    this.printedTotalOperation = up(this.printedTotalOperation);
    this.fseRequested = up(this.fseRequested);
    this.flags = up(this.flags);
    this.capacity = c;
  }

  action(i: number): string {
    return this.source.action(this.sourceIndexOf(i));
  }

  operation(i: number): string {
    return this.source.operation(this.sourceIndexOf(i));
  }

  findingsOf(i: number): readonly Finding[] {
    return this.findings.get(i) ?? NONE;
  }

  /** Line i as an object. */
  line(i: number): Line {
    const k = this.sourceIndexOf(i);
    const flags = this.flagsOf(i);
    return {
      row: this.rowOf(i),
      action: this.source.action(k),
      operation: this.source.operation(k),
      operator: this.source.operator(k),
      objectifs: this.source.objectifs(k),
      totalCost: this.totalCostOf(i),
      financerAmounts: this.source.financerAmounts(k),
      sumOfFinancers: this.sumOfFinancersOf(i),
      financersComplete: (flags & FINANCERS_COMPLETE) !== 0,
      fse: this.fseOf(i),
      fseComplete: (flags & FSE_COMPLETE) !== 0,
      fseCol: this.fseColOf(i),
      printedRate: this.printedRateOf(i),
      printedTotalOperation: this.printedTotalOperationOf(i),
      fseRequested: this.fseRequestedOf(i),
      hostOverride: this.hostOverride.get(i) ?? null,
      status: this.status.get(i) ?? null,
      layout: this.layout,
      findings: this.findingsOf(i),
    };
  }

  /** Every line as objects. */
  lines(): Line[] {
    const out: Line[] = [];
    for (let i = 0; i < this.count; i++) out.push(this.line(i));
    return out;
  }

  /** Column data from line objects (a line checked on its own, or tests). */
  static of(layout: LineLayout, lines: readonly Line[]): LineData {
    const source: LineSource = {
      action: (k) => at(lines, k).action,
      operation: (k) => at(lines, k).operation,
      operator: (k) => at(lines, k).operator,
      objectifs: (k) => at(lines, k).objectifs,
      financerAmounts: (k) => at(lines, k).financerAmounts.slice(),
    };
    const d = new LineData(layout, source, lines.length);
    lines.forEach((l, k) => {
      const i = d.add();
      d.row[i] = l.row;
      d.at[i] = k;
      d.totalCost[i] = l.totalCost ?? NaN;
      for (let c = 0; c < d.width; c++) d.addToColumn(c, l.financerAmounts[c] ?? ZERO_CENTS);
      if (typeof l.objectifs === "number") d.objectifsSum += l.objectifs;
      d.sumOfFinancers[i] = l.sumOfFinancers;
      d.fse[i] = l.fse;
      d.fseCol[i] = l.fseCol;
      d.flags[i] = (l.financersComplete ? FINANCERS_COMPLETE : 0) | (l.fseComplete ? FSE_COMPLETE : 0);
      d.printedRate[i] = l.printedRate ?? NaN;
      d.printedTotalOperation[i] = l.printedTotalOperation ?? NaN;
      d.fseRequested[i] = l.fseRequested ?? NaN;
      d.addToSums(i);
      if (l.hostOverride) d.hostOverride.set(i, l.hostOverride);
      if (l.status !== null) d.status.set(i, l.status);
      if (l.findings.length) d.findings.set(i, l.findings);
    });
    return d;
  }
}

function int(a: Int32Array, i: number): number {
  const v = a[i];
  if (v === undefined) throw outOfRange(i, a.length);
  return v;
}

function outOfRange(i: number, n: number): RangeError {
  return new RangeError(`internal error: no line ${i} (${n} lines)`);
}

/** Gives an object a `lines` property built from its `data` on first use. */
export function withLazyLines<T extends { data: LineData }>(t: T): T & { readonly lines: readonly Line[] } {
  let memo: Line[] | null = null;
  Object.defineProperty(t, "lines", { get: () => (memo ??= t.data.lines()), enumerable: false, configurable: true });
  return t as T & { readonly lines: readonly Line[] };
}
