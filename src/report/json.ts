import type { SheetResult, TableResult } from "../domain/check";
import { suggestionsFor } from "../domain/line-checks";
import type { HostGroup } from "../domain/split";
import type { Totals } from "../domain/table-totals";
import type { FinancerId } from "../domain/financers";
import type { Finding, FigureValue } from "../domain/findings";
import { FSE_COMPLETE } from "../domain/lines";
import { addCents, asCents, centsToEuros, subCents, ZERO_CENTS, type Cents } from "../domain/money";
import type { RuleSet } from "../domain/rules";
import type { FinancerYearTable } from "../domain/totals";
import type { Lang } from "./format";
import { findingMessage } from "./messages";

/** Euros as a JSON number with 2 decimals, from cents. */
const euros = centsToEuros;
const eurosOrNull = (c: Cents | null | undefined): number | null =>
  c === null || c === undefined ? null : centsToEuros(c);

function amounts(m: Partial<Record<FinancerId, Cents>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(m)) if (v !== undefined) out[k] = euros(v);
  return out;
}

/** Figures of a finding in euros: `fseCents` becomes `fse`. */
function figures(data: Record<string, FigureValue>): Record<string, FigureValue> {
  const out: Record<string, FigureValue> = {};
  for (const [k, v] of Object.entries(data)) {
    // A figure named `…Cents` holds whole cents (src/domain/findings.ts).
    if (k.endsWith("Cents")) out[k.slice(0, -5)] = typeof v === "number" ? euros(asCents(v)) : v;
    else out[k] = v;
  }
  return out;
}

export function findingJson(f: Finding, lang: Lang) {
  return {
    code: f.code,
    severity: f.severity,
    cell: f.cell,
    row: f.row,
    message: findingMessage(f, lang),
    figures: figures(f.data),
  };
}

function totalsJson(t: Totals) {
  return {
    lineCount: t.lineCount,
    totalCost: euros(t.totalCost),
    totalOperation: euros(t.totalOperation),
    fse: euros(t.fse),
    fseRate: t.fseRate,
    byFinancer: amounts(t.byFinancer),
    ...(t.fseRequested !== undefined ? { fseRequested: euros(t.fseRequested) } : {}),
  };
}

/** One line of the JSON report, read from the table's columns (no line objects kept). */
function lineJsonAt(t: TableResult, i: number, lang: Lang) {
  const d = t.table.data;
  const c = t.checks;
  const at = d.sourceIndexOf(i);
  const totalCost = d.totalCostOf(i);
  const fse = (d.flagsOf(i) & FSE_COMPLETE) !== 0 ? d.fseOf(i) : null;
  const sum = d.sumOfFinancersOf(i);
  const classification = c.classificationOf(i);
  const suggestions = classification === "lettre_de_commande" ? suggestionsFor(totalCost, fse, c.rules) : null;
  const findings = c.findingsAt(i);
  return {
    row: d.rowOf(i),
    action: d.source.action(at),
    operation: d.source.operation(at),
    operator: d.source.operator(at),
    objectifs: d.source.objectifs(at),
    totalCost: eurosOrNull(totalCost),
    fse: eurosOrNull(fse),
    ...(d.layout.fseRequested >= 0 ? { fseRequested: eurosOrNull(d.fseRequestedOf(i)) } : {}),
    fseRate: c.fseRateOf(i),
    sumOfFinancers: euros(sum),
    balanceGap: totalCost === null ? null : euros(subCents(totalCost, sum)),
    byFinancer: nonZeroByFinancer(d.layout.financers, d.source.financerAmounts(at)),
    classification,
    host: c.hostOf(i),
    hostSource: c.hostSourceOf(i),
    suggestions: suggestions && {
      maxFse: eurosOrNull(suggestions.maxFseCents),
      fseShortfall: eurosOrNull(suggestions.shortfallCents),
      minTotalCost: eurosOrNull(suggestions.minTotalCostCents),
    },
    status: d.status.get(i) ?? null,
    findings: findings.length ? findings.map((f) => findingJson(f, lang)) : NO_FINDINGS,
  };
}

const NO_FINDINGS: never[] = [];

/**
 * A line's amounts per financer in euros, zero amounts left out; two columns
 * of one financer are added in cents, then given in euros once.
 */
function nonZeroByFinancer(ids: readonly FinancerId[], amounts: readonly Cents[]): Record<string, number> {
  const cents: Partial<Record<FinancerId, Cents>> = {};
  ids.forEach((id, k) => {
    const v = amounts[k] ?? ZERO_CENTS;
    if (v !== 0) cents[id] = addCents(cents[id] ?? ZERO_CENTS, v);
  });
  const out: Record<string, number> = {};
  for (const [id, v] of Object.entries(cents)) out[id] = euros(v);
  return out;
}

/**
 * An array written item by item: a 100 000-line report never holds all its
 * line objects at once (see `jsonText`).
 */
export class LazyArray<T> {
  constructor(
    readonly length: number,
    readonly item: (i: number) => T,
  ) {}

  toJSON(): T[] {
    return Array.from({ length: this.length }, (_, i) => this.item(i));
  }
}

/** JSON text of a report; `LazyArray`s are written item by item. */
export function jsonText(value: unknown): string {
  const parts: string[] = [];
  const emit = (v: unknown): void => {
    if (v instanceof LazyArray) {
      parts.push("[");
      for (let i = 0; i < v.length; i++) {
        if (i > 0) parts.push(",");
        parts.push(JSON.stringify(v.item(i)));
      }
      parts.push("]");
    } else if (Array.isArray(v)) {
      parts.push("[");
      v.forEach((x, i) => {
        if (i > 0) parts.push(",");
        emit(x === undefined ? null : x);
      });
      parts.push("]");
    } else if (v !== null && typeof v === "object" && !("toJSON" in v)) {
      parts.push("{");
      let first = true;
      for (const [k, x] of Object.entries(v)) {
        if (x === undefined) continue;
        if (!first) parts.push(",");
        first = false;
        parts.push(JSON.stringify(k), ":");
        emit(x);
      }
      parts.push("}");
    } else {
      parts.push(JSON.stringify(v) ?? "null");
    }
  };
  emit(value);
  return parts.join("");
}

function tableJson(t: TableResult, lang: Lang) {
  return {
    index: t.table.index,
    kind: t.table.kind,
    headerRow: t.table.headerRow,
    columns: t.table.columns
      .filter((c) => c.role !== "other" || c.header !== "")
      .map((c) => ({ column: c.index, header: c.header, role: c.role, financer: c.financer })),
    lines: new LazyArray(t.checks.count, (i) => lineJsonAt(t, i, lang)),
    totals: totalsJson(t.totals),
    summaryRows: t.summaryChecks,
    findings: t.findings.map((f) => findingJson(f, lang)),
  };
}

function hostJson(g: HostGroup) {
  return {
    host: g.host,
    hostRow: g.hostLine?.row ?? null,
    letters: g.letters.map((l) => l.row),
    lettersTotalCost: euros(g.lettersTotalCost),
    lettersFse: euros(g.lettersFse),
    totalCost: euros(g.totalCost),
    fse: euros(g.fse),
  };
}

export function sheetJson(s: SheetResult, lang: Lang) {
  const counts = { lines: 0, projet: 0, lettre_de_commande: 0, undetermined: 0 };
  for (const t of s.tables) {
    const c = t.checks;
    counts.lines += c.count;
    for (let i = 0; i < c.count; i++) {
      const k = c.classificationOf(i);
      counts[k ?? "undetermined"]++;
    }
  }
  return {
    sheet: s.sheet.name,
    year: s.sheet.year,
    yearSource: s.sheet.yearSource,
    counts,
    tables: s.tables.map((t) => tableJson(t, lang)),
    totals: totalsJson(s.totals),
    budget: amounts(s.budget),
    underProgramming: amounts(s.underProgramming),
    split: {
      projects: s.split.projects.map((l) => l.row),
      hosts: s.split.hosts.map(hostJson),
      undetermined: s.split.undetermined.map((l) => l.row),
    },
    findings: s.findings.map((f) => findingJson(f, lang)),
  };
}

export function crossJson(c: FinancerYearTable) {
  const byFinancerAndYear: Record<string, Record<string, number>> = {};
  for (const id of c.financers) {
    const row: Record<string, number> = (byFinancerAndYear[id] = {});
    for (const y of c.years) row[y] = euros(c.byFinancerAndYear[id]?.[y] ?? ZERO_CENTS);
  }
  const totalCostByYear: Record<string, number> = {};
  for (const y of c.years) totalCostByYear[y] = euros(c.totalCostByYear[y] ?? ZERO_CENTS);
  return { byFinancerAndYear, totalCostByYear, fseShareByYear: c.fseShareByYear, fseShare: c.fseShare };
}

export function rulesJson(r: RuleSet) {
  return { floor: euros(r.floorCents), floorStrict: r.floorStrict, cap: r.capBasisPoints / 10000 };
}
