import type { Finding } from "./findings";
import type { Host, Line, LineLayout, RunningSums } from "./model";

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
  financerAmounts(at: number): number[];
}

/**
 * The operation lines of a table, column by column. A programming can hold
 * 100 000 lines: one object per line would spend more time in the garbage
 * collector than in the checks, so the figures live in typed arrays (cents
 * are integers, exact in a Float64Array; NaN stands for "no value") and
 * `Line` objects are built only when asked for.
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
  readonly columnSums: number[] = [];
  objectifsSum = 0;
  /** Running sums of the lines read so far (for sub-totals): Dépenses totales, Total opération (or Dépenses totales), FSE. */
  totalCostSum = 0;
  totalOperationSum = 0;
  fseSum = 0;
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
    for (let k = 0; k < this.width; k++) this.columnSums.push(0);
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
    const tc = this.totalCost[i];
    if (tc === tc) this.totalCostSum += tc;
    const printed = this.printedTotalOperation[i];
    this.totalOperationSum += printed === printed ? printed : tc === tc ? tc : 0;
    this.fseSum += this.fse[i];
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
    return this.source.action(this.at[i]);
  }

  operation(i: number): string {
    return this.source.operation(this.at[i]);
  }

  findingsOf(i: number): readonly Finding[] {
    return this.findings.get(i) ?? NONE;
  }

  /** Line i as an object. */
  line(i: number): Line {
    const at = this.at[i];
    return {
      row: this.row[i],
      action: this.source.action(at),
      operation: this.source.operation(at),
      operator: this.source.operator(at),
      objectifs: this.source.objectifs(at),
      totalCost: nan(this.totalCost[i]),
      financerAmounts: this.source.financerAmounts(at),
      sumOfFinancers: this.sumOfFinancers[i],
      financersComplete: (this.flags[i] & FINANCERS_COMPLETE) !== 0,
      fse: this.fse[i],
      fseComplete: (this.flags[i] & FSE_COMPLETE) !== 0,
      fseCol: this.fseCol[i],
      printedRate: nan(this.printedRate[i]),
      printedTotalOperation: nan(this.printedTotalOperation[i]),
      fseRequested: nan(this.fseRequested[i]),
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
      action: (at) => lines[at].action,
      operation: (at) => lines[at].operation,
      operator: (at) => lines[at].operator,
      objectifs: (at) => lines[at].objectifs,
      financerAmounts: (at) => lines[at].financerAmounts.slice(),
    };
    const d = new LineData(layout, source, lines.length);
    lines.forEach((l, at) => {
      const i = d.add();
      d.row[i] = l.row;
      d.at[i] = at;
      d.totalCost[i] = l.totalCost ?? NaN;
      for (let k = 0; k < d.width; k++) d.columnSums[k] += l.financerAmounts[k] ?? 0;
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

/** NaN stands for "no value". */
function nan(v: number): number | null {
  return v === v ? v : null;
}

/** Gives an object a `lines` property built from its `data` on first use. */
export function withLazyLines<T extends { data: LineData }>(t: T): T & { readonly lines: readonly Line[] } {
  let memo: Line[] | null = null;
  Object.defineProperty(t, "lines", { get: () => (memo ??= t.data.lines()), enumerable: false, configurable: true });
  return t as T & { readonly lines: readonly Line[] };
}
