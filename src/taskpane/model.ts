import { allFindings, resultAt, type LineRef, type SheetResult } from "../domain/check";
import { FINANCER_IDS } from "../domain/financers";
import type { Severity } from "../domain/findings";
import { financerYearTable, UNKNOWN_YEAR } from "../domain/totals";
import { formatEuros, formatRate, type Lang } from "../report/format";
import { HOST_LABELS, SEVERITY_LABELS, financerName } from "../report/labels";
import { findingMessage } from "../report/messages";

/** What the task pane shows after a check: words and figures ready to print, nothing else. */
export interface PaneModel {
  counts: { sheets: number; lines: number; projects: number; letters: number; undetermined: number } & Record<Severity, number>;
  findings: PaneFinding[];
  sheets: PaneSheet[];
  cross: { years: string[]; rows: { financer: string; values: string[]; total: string }[]; totalCost: string[]; fseShare: string[] };
}

export interface PaneFinding {
  sheet: string;
  /** A1 address, or null for a sheet-level finding. */
  cell: string | null;
  severity: Severity;
  severityLabel: string;
  code: string;
  message: string;
}

export interface PaneLine {
  row: number;
  label: string;
  totalCost: string;
  fse: string;
  rate: string;
}

export interface PaneSheet {
  name: string;
  year: string;
  projects: PaneLine[];
  hosts: { label: string; hostRow: number | null; total: string; fse: string; letters: PaneLine[] }[];
  financers: { financer: string; programmed: string; budget: string; under: string; over: boolean }[];
  totalCost: string;
  fseShare: string;
  /** The FSE requested, when the sheet has that column: shown beside the FSE, never added (null otherwise). */
  fseRequested: string | null;
}

function paneLine(s: SheetResult, ref: LineRef, lang: Lang): PaneLine {
  const l = resultAt(s, ref);
  const label = [l.line.action, l.line.operation, l.line.operator].filter((x) => x !== "").join(" — ");
  return {
    row: ref.row,
    label,
    totalCost: l.line.totalCost === null ? "—" : formatEuros(l.line.totalCost, lang),
    fse: l.fse === null ? "—" : formatEuros(l.fse, lang),
    rate: formatRate(l.fseRate, lang),
  };
}

/** The pane's view of checked sheets. */
export function paneModel(sheets: readonly SheetResult[], lang: Lang): PaneModel {
  const findings: PaneFinding[] = [];
  let lines = 0;
  let projects = 0;
  let letters = 0;
  let undetermined = 0;
  for (const s of sheets) {
    for (const f of allFindings(s)) {
      findings.push({
        sheet: s.sheet.name,
        cell: f.cell,
        severity: f.severity,
        severityLabel: SEVERITY_LABELS[f.severity][lang],
        code: f.code,
        message: findingMessage(f, lang),
      });
    }
    lines += s.totals.lineCount;
    projects += s.split.projects.length;
    undetermined += s.split.undetermined.length;
    for (const g of s.split.hosts) letters += g.letters.length;
  }
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) bySeverity[f.severity]++;
  const cross = financerYearTable(sheets);
  const yearLabel = (y: string) => (y === UNKNOWN_YEAR ? "?" : y);
  return {
    counts: { sheets: sheets.length, lines, projects, letters, undetermined, ...bySeverity },
    findings,
    sheets: sheets.map((s) => ({
      name: s.sheet.name,
      year: s.sheet.year === null ? "?" : String(s.sheet.year),
      projects: s.split.projects.map((r) => paneLine(s, r, lang)),
      hosts: s.split.hosts.map((g) => ({
        label: HOST_LABELS[g.host][lang],
        hostRow: g.hostLine?.row ?? null,
        total: formatEuros(g.totalCost, lang),
        fse: formatEuros(g.fse, lang),
        letters: g.letters.map((r) => paneLine(s, r, lang)),
      })),
      financers: FINANCER_IDS.filter((id) => s.totals.byFinancer[id] !== undefined).map((id) => {
        const under = s.underProgramming[id];
        const budget = s.budget[id];
        return {
          financer: financerName(id, s.financerHeaders, lang),
          programmed: formatEuros(s.totals.byFinancer[id]!, lang),
          budget: budget === undefined ? "—" : formatEuros(budget, lang),
          under: under === undefined ? "—" : formatEuros(under, lang),
          over: under !== undefined && under < 0,
        };
      }),
      totalCost: formatEuros(s.totals.totalCost, lang),
      fseShare: formatRate(s.totals.fseRate, lang),
      fseRequested: s.totals.fseRequested === undefined ? null : formatEuros(s.totals.fseRequested, lang),
    })),
    cross: {
      years: cross.years.map(yearLabel),
      rows: cross.financers.map((id) => ({
        financer: financerName(id, cross.headers, lang),
        values: cross.years.map((y) => formatEuros(cross.byFinancerAndYear[id]![y], lang)),
        total: formatEuros(cross.totalByFinancer[id]!, lang),
      })),
      totalCost: cross.years.map((y) => formatEuros(cross.totalCostByYear[y], lang)),
      fseShare: cross.years.map((y) => formatRate(cross.fseShareByYear[y], lang)),
    },
  };
}
