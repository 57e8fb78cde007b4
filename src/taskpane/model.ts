import { resultAt, type SheetResult } from "../domain/check";
import type { LineRef } from "../domain/split";
import { FINANCER_IDS } from "../domain/financers";
import type { Finding, Severity } from "../domain/findings";
import { subCents, ZERO_CENTS, type Cents } from "../domain/money";
import { financerYearTable, UNKNOWN_YEAR } from "../domain/totals";
import { formatEuros, formatRate, type Lang } from "../report/format";
import { HOST_LABELS, SEVERITY_LABELS, TABLE_KIND_LABELS, financerName } from "../report/labels";
import { findingMessage } from "../report/messages";

/** What the task pane shows after a check: words and figures ready to print (and the cents the charts draw). */
export interface PaneModel {
  counts: PaneCounts;
  /** The sheets checked, each with its year ("?" when unknown), in order, each sheet once per year. */
  checked: { sheet: string; year: string }[];
  /** Every finding, in sheet order. */
  findings: PaneFinding[];
  /** The findings grouped by line (operation), by table and by sheet. */
  groups: FindingGroup[];
  sheets: PaneSheet[];
  cross: {
    years: string[];
    rows: { financer: string; values: string[]; total: string }[];
    totalCost: string[];
    fseShare: string[];
  };
  /** The FSE envelope of each checked sheet with a FSE budget: programmed against budget. */
  envelope: EnvelopeBar[];
}

interface PaneCounts extends Record<Severity, number> {
  sheets: number;
  lines: number;
  projects: number;
  letters: number;
  undetermined: number;
  /** Distinct sheet rows that carry at least one error (sheet-level errors have no row and are not counted). */
  blockingRows: number;
}

export interface PaneFinding {
  sheet: string;
  /** A1 address, or null for a sheet-level finding. */
  cell: string | null;
  /** 1-based sheet row, when the finding belongs to a row. */
  row: number | null;
  severity: Severity;
  severityLabel: string;
  code: string;
  message: string;
}

/** Findings of one operation line, of one table (printed totals, budget), or of the sheet (columns, year). */
export interface FindingGroup {
  /** Unique in the model: used for element ids. */
  id: string;
  kind: "line" | "table" | "sheet";
  sheet: string;
  /** The line's row (line groups), else null. */
  row: number | null;
  /** The operation (action — name — operator), the table's kind, or the sheet's name: sheet text, shown as text. */
  label: string;
  /** A table's findings above its lines (header, columns) or below them (printed totals, budget). */
  part?: "head" | "totals";
  findings: PaneFinding[];
  counts: Record<Severity, number>;
}

export interface PaneLine {
  row: number;
  label: string;
  totalCost: string;
  fse: string;
  rate: string;
}

interface PaneFinancer {
  financer: string;
  programmed: string;
  budget: string;
  under: string;
  over: boolean;
  programmedCents: Cents;
  budgetCents: Cents | null;
}

export interface PaneSheet {
  name: string;
  year: string;
  projects: PaneLine[];
  hosts: { label: string; hostRow: number | null; total: string; fse: string; letters: PaneLine[] }[];
  financers: PaneFinancer[];
  totalCost: string;
  fseShare: string;
  /** The FSE requested, when the sheet has that column: shown beside the FSE, never added (null otherwise). */
  fseRequested: string | null;
}

interface EnvelopeBar {
  sheet: string;
  year: string;
  programmedCents: Cents;
  budgetCents: Cents;
  programmed: string;
  budget: string;
  /** Budget − programmed (negative: over the envelope). */
  rest: string;
  over: boolean;
  /** Programmed ÷ budget. */
  share: string;
}

function lineLabel(action: string, operation: string, operator: string): string {
  return [action, operation, operator].filter((x) => x !== "").join(" — ");
}

function paneLine(s: SheetResult, ref: LineRef, lang: Lang): PaneLine {
  const l = resultAt(s, ref);
  return {
    row: ref.row,
    label: lineLabel(l.line.action, l.line.operation, l.line.operator),
    totalCost: l.line.totalCost === null ? "—" : formatEuros(l.line.totalCost, lang),
    fse: l.fse === null ? "—" : formatEuros(l.fse, lang),
    rate: formatRate(l.fseRate, lang),
  };
}

const noCounts = (): Record<Severity, number> => ({ error: 0, warning: 0, info: 0 });

/** Adds a group of findings (none: no group) to the list shown. */
type AddGroup = (
  id: string,
  kind: FindingGroup["kind"],
  row: number | null,
  label: string,
  list: readonly Finding[],
  part?: FindingGroup["part"],
) => void;

/** One table of a checked sheet. */
type CheckedTable = SheetResult["tables"][number];

const byRow = (a: { row?: number | null }, b: { row?: number | null }): number => (a.row ?? 0) - (b.row ?? 0);

/**
 * A sheet's findings grouped: the sheet's own (columns, year) first, then
 * each table's lines in row order, each followed by its table's findings
 * (printed totals, budget rows). A line's findings are built one line at a
 * time from the checks' columns.
 */
function groupsOf(s: SheetResult, k: number, lang: Lang, out: FindingGroup[], flat: PaneFinding[]): void {
  const name = s.sheet.name;
  const mine: PaneFinding[] = [];
  const group = groupAdder(name, k, lang, out, mine);
  group("sheet", "sheet", null, name, s.findings.slice().sort(byRow));
  for (const t of s.tables) tableGroups(t, lang, group);
  // The flat list in sheet order, as the reports print it.
  mine.sort(byRow);
  for (const f of mine) flat.push(f);
}

/** Adds the groups of the `k`th sheet, named `name`, to `out`; each finding, in words, also to `mine`. */
function groupAdder(name: string, k: number, lang: Lang, out: FindingGroup[], mine: PaneFinding[]): AddGroup {
  const toPane = (f: Finding): PaneFinding => {
    const p: PaneFinding = {
      sheet: name,
      cell: f.cell,
      row: f.row ?? null,
      severity: f.severity,
      severityLabel: SEVERITY_LABELS[f.severity][lang],
      code: f.code,
      message: findingMessage(f, lang),
    };
    mine.push(p);
    return p;
  };
  return (id, kind, row, label, list, part) => {
    if (list.length === 0) return;
    const findings = list.map(toPane);
    const counts = noCounts();
    for (const f of findings) counts[f.severity]++;
    out.push({ id: `g${k}-${id}`, kind, sheet: name, row, label, findings, counts, ...(part ? { part } : {}) });
  };
}

/** A table's groups: its findings above its first line (header, columns), each line with findings, then its other findings. */
function tableGroups(t: CheckedTable, lang: Lang, group: AddGroup): void {
  const c = t.checks;
  const d = t.table.data;
  const kind = TABLE_KIND_LABELS[t.table.kind][lang];
  const firstRow = d.count ? d.rowOf(0) : Infinity;
  const tableFindings = t.findings.slice().sort(byRow);
  group(
    `t${t.table.index}-head`,
    "table",
    null,
    kind,
    tableFindings.filter((f) => (f.row ?? 0) < firstRow),
    "head",
  );
  for (let i = 0; i < c.count; i++) {
    if (c.failures[i] === 0 && !d.findings.has(i)) continue;
    const list = c.findingsAt(i);
    if (list.length === 0) continue;
    const row = d.rowOf(i);
    group(
      `t${t.table.index}-r${row}`,
      "line",
      row,
      lineLabel(d.action(i), d.operation(i), d.source.operator(d.sourceIndexOf(i))),
      list,
    );
  }
  group(
    `t${t.table.index}`,
    "table",
    null,
    kind,
    tableFindings.filter((f) => (f.row ?? 0) >= firstRow),
    "totals",
  );
}

/** The pane's view of checked sheets. */
export function paneModel(sheets: readonly SheetResult[], lang: Lang): PaneModel {
  const findings: PaneFinding[] = [];
  const groups: FindingGroup[] = [];
  let lines = 0;
  let projects = 0;
  let letters = 0;
  let undetermined = 0;
  sheets.forEach((s, k) => {
    groupsOf(s, k, lang, groups, findings);
    lines += s.totals.lineCount;
    projects += s.split.projects.length;
    undetermined += s.split.undetermined.length;
    for (const g of s.split.hosts) letters += g.letters.length;
  });
  const bySeverity = noCounts();
  const blocking = new Set<string>();
  for (const f of findings) {
    bySeverity[f.severity]++;
    if (f.severity === "error" && f.row !== null) blocking.add(`${f.sheet}\u0000${f.row}`);
  }
  return {
    counts: {
      sheets: sheets.length,
      lines,
      projects,
      letters,
      undetermined,
      ...bySeverity,
      blockingRows: blocking.size,
    },
    checked: sheets.map((s) => ({ sheet: s.sheet.name, year: yearOf(s) })),
    findings,
    groups,
    envelope: envelopeBars(sheets, lang),
    sheets: sheets.map((s) => paneSheet(s, lang)),
    cross: crossModel(sheets, lang),
  };
}

const yearOf = (s: SheetResult): string => (s.sheet.year === null ? "?" : String(s.sheet.year));

/** The FSE envelope of each sheet with a FSE budget. */
function envelopeBars(sheets: readonly SheetResult[], lang: Lang): EnvelopeBar[] {
  const envelope: EnvelopeBar[] = [];
  for (const s of sheets) {
    const budget = s.budget.fse;
    if (budget === undefined) continue;
    const programmed = s.totals.byFinancer.fse ?? ZERO_CENTS;
    envelope.push({
      sheet: s.sheet.name,
      year: yearOf(s),
      programmedCents: programmed,
      budgetCents: budget,
      programmed: formatEuros(programmed, lang),
      budget: formatEuros(budget, lang),
      rest: formatEuros(subCents(budget, programmed), lang),
      over: programmed > budget,
      share: budget > 0 ? formatRate(programmed / budget, lang, 1) : "—",
    });
  }
  return envelope;
}

/** A sheet's split (projects, letters under their host) and its funding per financer. */
function paneSheet(s: SheetResult, lang: Lang): PaneSheet {
  return {
    name: s.sheet.name,
    year: yearOf(s),
    projects: s.split.projects.map((r) => paneLine(s, r, lang)),
    hosts: s.split.hosts.map((g) => ({
      label: HOST_LABELS[g.host][lang],
      hostRow: g.hostLine?.row ?? null,
      total: formatEuros(g.totalCost, lang),
      fse: formatEuros(g.fse, lang),
      letters: g.letters.map((r) => paneLine(s, r, lang)),
    })),
    financers: paneFinancers(s, lang),
    totalCost: formatEuros(s.totals.totalCost, lang),
    fseShare: formatRate(s.totals.fseRate, lang),
    fseRequested: s.totals.fseRequested === undefined ? null : formatEuros(s.totals.fseRequested, lang),
  };
}

/** The financers the sheet programs, with budget and under-programming. */
function paneFinancers(s: SheetResult, lang: Lang): PaneFinancer[] {
  const out: PaneFinancer[] = [];
  for (const id of FINANCER_IDS) {
    const programmed = s.totals.byFinancer[id];
    if (programmed === undefined) continue;
    const under = s.underProgramming[id];
    const budget = s.budget[id];
    out.push({
      financer: financerName(id, s.financerHeaders, lang),
      programmed: formatEuros(programmed, lang),
      budget: budget === undefined ? "—" : formatEuros(budget, lang),
      under: under === undefined ? "—" : formatEuros(under, lang),
      over: under !== undefined && under < 0,
      programmedCents: programmed,
      budgetCents: budget ?? null,
    });
  }
  return out;
}

/** The financer × year table over the checked sheets. */
function crossModel(sheets: readonly SheetResult[], lang: Lang): PaneModel["cross"] {
  const cross = financerYearTable(sheets);
  const yearLabel = (y: string) => (y === UNKNOWN_YEAR ? "?" : y);
  return {
    years: cross.years.map(yearLabel),
    rows: cross.financers.map((id) => ({
      financer: financerName(id, cross.headers, lang),
      values: cross.years.map((y) => formatEuros(cross.byFinancerAndYear[id]?.[y] ?? ZERO_CENTS, lang)),
      total: formatEuros(cross.totalByFinancer[id] ?? ZERO_CENTS, lang),
    })),
    totalCost: cross.years.map((y) => formatEuros(cross.totalCostByYear[y] ?? ZERO_CENTS, lang)),
    fseShare: cross.years.map((y) => formatRate(cross.fseShareByYear[y] ?? null, lang)),
  };
}
