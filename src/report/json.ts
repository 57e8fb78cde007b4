import type { HostGroup, LineResult, SheetResult, TableResult, Totals } from "../domain/check";
import type { FinancerId } from "../domain/financers";
import type { Finding, FigureValue } from "../domain/findings";
import { lineByFinancer } from "../domain/model";
import type { Cents } from "../domain/money";
import type { RuleSet } from "../domain/rules";
import type { FinancerYearTable } from "../domain/totals";
import type { Lang } from "./format";
import { findingMessage } from "./messages";

/** Euros as a JSON number with 2 decimals, from cents (exact: cents / 100). */
const euros = (c: Cents): number => c / 100;
const eurosOrNull = (c: Cents | null | undefined): number | null => (c === null || c === undefined ? null : c / 100);

function amounts(m: Partial<Record<FinancerId, Cents>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(m)) if (v !== undefined) out[k] = euros(v);
  return out;
}

/** Figures of a finding in euros: `fseCents` becomes `fse`. */
function figures(data: Record<string, FigureValue>): Record<string, FigureValue> {
  const out: Record<string, FigureValue> = {};
  for (const [k, v] of Object.entries(data)) {
    if (k.endsWith("Cents")) out[k.slice(0, -5)] = typeof v === "number" ? euros(v) : v;
    else out[k] = v;
  }
  return out;
}

export function findingJson(f: Finding, lang: Lang) {
  return { code: f.code, severity: f.severity, cell: f.cell, row: f.row, message: findingMessage(f, lang), figures: figures(f.data) };
}

function totalsJson(t: Totals) {
  return {
    lineCount: t.lineCount,
    totalCost: euros(t.totalCost),
    totalOperation: euros(t.totalOperation),
    fse: euros(t.fse),
    fseRate: t.fseRate,
    byFinancer: amounts(t.byFinancer),
  };
}

function lineJson(l: LineResult, lang: Lang) {
  const line = l.line;
  return {
    row: line.row,
    action: line.action,
    operation: line.operation,
    operator: line.operator,
    objectifs: line.objectifs,
    totalCost: eurosOrNull(line.totalCost),
    fse: eurosOrNull(l.fse),
    fseRate: l.fseRate,
    sumOfFinancers: euros(line.sumOfFinancers),
    balanceGap: line.totalCost === null ? null : euros(line.totalCost - line.sumOfFinancers),
    byFinancer: amounts(lineByFinancer(line)),
    classification: l.classification,
    host: l.host,
    hostSource: l.hostSource,
    suggestions: l.suggestions && {
      maxFse: eurosOrNull(l.suggestions.maxFseCents),
      fseShortfall: eurosOrNull(l.suggestions.shortfallCents),
      minTotalCost: eurosOrNull(l.suggestions.minTotalCostCents),
    },
    status: line.status,
    findings: l.findings.map((f) => findingJson(f, lang)),
  };
}

function tableJson(t: TableResult, lang: Lang) {
  return {
    index: t.table.index,
    kind: t.table.kind,
    headerRow: t.table.headerRow,
    columns: t.table.columns
      .filter((c) => c.role !== "other" || c.header !== "")
      .map((c) => ({ column: c.index, header: c.header, role: c.role, financer: c.financer })),
    lines: t.lines.map((l) => lineJson(l, lang)),
    totals: totalsJson(t.totals),
    summaryRows: t.summaryChecks,
    findings: t.findings.map((f) => findingJson(f, lang)),
  };
}

function hostJson(g: HostGroup) {
  return {
    host: g.host,
    hostRow: g.hostLine?.line.row ?? null,
    letters: g.letters.map((l) => l.line.row),
    lettersTotalCost: euros(g.lettersTotalCost),
    lettersFse: euros(g.lettersFse),
    totalCost: euros(g.totalCost),
    fse: euros(g.fse),
  };
}

export function sheetJson(s: SheetResult, lang: Lang) {
  const lines = s.tables.flatMap((t) => t.lines);
  return {
    sheet: s.sheet.name,
    year: s.sheet.year,
    yearSource: s.sheet.yearSource,
    counts: {
      lines: lines.length,
      projet: lines.filter((l) => l.classification === "projet").length,
      lettre_de_commande: lines.filter((l) => l.classification === "lettre_de_commande").length,
      undetermined: lines.filter((l) => l.classification === null).length,
    },
    tables: s.tables.map((t) => tableJson(t, lang)),
    totals: totalsJson(s.totals),
    budget: amounts(s.budget),
    underProgramming: amounts(s.underProgramming),
    split: {
      projects: s.split.projects.map((l) => l.line.row),
      hosts: s.split.hosts.map(hostJson),
      undetermined: s.split.undetermined.map((l) => l.line.row),
    },
    findings: s.findings.map((f) => findingJson(f, lang)),
  };
}

export function crossJson(c: FinancerYearTable) {
  const byFinancerAndYear: Record<string, Record<string, number>> = {};
  for (const id of c.financers) {
    byFinancerAndYear[id] = {};
    for (const y of c.years) byFinancerAndYear[id][y] = euros(c.byFinancerAndYear[id]![y]);
  }
  const totalCostByYear: Record<string, number> = {};
  for (const y of c.years) totalCostByYear[y] = euros(c.totalCostByYear[y]);
  return { byFinancerAndYear, totalCostByYear, fseShareByYear: c.fseShareByYear, fseShare: c.fseShare };
}

export function rulesJson(r: RuleSet) {
  return { floor: euros(r.floorCents), floorStrict: r.floorStrict, cap: r.capBasisPoints / 10000 };
}
