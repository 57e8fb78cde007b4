import { a1 } from "./address";
import { finding, type Finding } from "./findings";
import { suggestHost } from "./hosts";
import { FINANCERS_COMPLETE, FSE_COMPLETE, LineData } from "./lines";
import type { Host, Line, Table } from "./model";
import { subCents, type Cents } from "./money";
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

/**
 * Line checks: each operation line against the FSE rules (floor, cap), its
 * financing plan, its printed Total opération, %FSE and FSE requested; the
 * classification (project or order letter) and the host of an order letter.
 */

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

export const HOSTS: readonly Host[] = ["animation", "assistance"];
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
function checkAt(d: LineData, i: number, rules: RuleSet, out: LineChecks): void {
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
