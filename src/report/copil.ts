import type { AgendaLine, AgendaTotals, CopilAgenda, VoteStatus } from "../domain/copil";
import { FINANCER_IDS, type FinancerId } from "../domain/financers";
import { centsToEuros, ZERO_CENTS, type Cents } from "../domain/money";
import { aligned, formatEuros, formatRate, type Lang } from "./format";
import { findingJson } from "./json";
import { colon, financerLabel, financerName, quote } from "./labels";
import { findingMessage } from "./messages";
import { safeName } from "./safe-text";
import { AGENDA_REASON, COPIL, VOTE_STATE } from "./words/copil";
import { counted, word } from "./words/lookup";
import { COUNTED, HOST, SEVERITY } from "./words/report";
import { TYPOGRAPHY } from "./words/typography";

/** `14 mars 2019`, `1er juin 2019` (fr) or `14 March 2019` (en), from `YYYY-MM-DD`; `mars 2019` from `YYYY-MM`. */
export function formatIsoDate(iso: string, lang: Lang = "fr"): string {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(iso);
  const year = m?.[1];
  if (!m || year === undefined) return iso;
  const month = word(TYPOGRAPHY.months, lang)[Number(m[2]) - 1];
  if (month === undefined) return iso;
  if (m[3] === undefined) return `${month} ${year}`;
  return word(TYPOGRAPHY.date, lang)(Number(m[3]), month, year);
}

/** A vote status in words: `à voter (14 mars 2019)`. */
export function voteStatusText(s: VoteStatus, lang: Lang = "fr"): string {
  const when = s.date ?? s.month;
  return `${word(VOTE_STATE[s.state], lang)}${when ? ` (${formatIsoDate(when, lang)})` : ""}`;
}

export function agendaTitle(a: CopilAgenda, lang: Lang = "fr"): string {
  return a.date ? `${word(COPIL.prepare, lang)} ${formatIsoDate(a.date, lang)}` : word(COPIL.prepareNext, lang);
}

function classificationWord(l: AgendaLine, lang: Lang): string {
  return l.classification ? word(COPIL[l.classification], lang) : word(COPIL.unclassified, lang);
}

function lineText(l: AgendaLine, lang: Lang): string[] {
  const name = [l.action, l.operation, l.operator]
    .filter((s) => s !== "")
    .map(safeName)
    .join(" — ");
  const out = [
    `  ${word(COPIL.sheet, lang)} ${quote(safeName(l.sheet), lang)}, ${word(COPIL.row, lang)} ${l.row}${colon(lang)} ${name}`,
  ];
  const host = l.classification === "lettre_de_commande" && l.host ? ` → ${word(HOST[l.host], lang)}` : "";
  const fse = financerLabel("fse", lang);
  out.push(
    `    ${classificationWord(l, lang)}${host}, ${word(COPIL.totalCost, lang)} ${l.totalCost === null ? "—" : formatEuros(l.totalCost, lang)}, ` +
      `${fse} ${l.fse === null ? "—" : formatEuros(l.fse, lang)} (${formatRate(l.fseRate, lang)})`,
  );
  const status = l.status
    ? `${quote(safeName(l.status.text), lang)}, ${voteStatusText(l.status, lang)}`
    : word(AGENDA_REASON.no_status, lang);
  const reason = l.reason === "overdue" ? ` — ${word(AGENDA_REASON.overdue, lang)}` : "";
  out.push(`    ${word(COPIL.status, lang)}${colon(lang)} ${status}${reason}`);
  if (l.findings.length === 0) out.push(`    ${word(COPIL.noFinding, lang)}`);
  for (const f of l.findings) {
    out.push(
      `    [${word(SEVERITY[f.severity], lang)}] ${f.cell ?? "—"} ${f.code}${colon(lang)} ${findingMessage(f, lang)}`,
    );
  }
  return out;
}

function countsText(t: AgendaTotals, lang: Lang): string {
  const parts = [
    counted(COUNTED.operation, t.lineCount, lang),
    counted(COUNTED.project, t.projects, lang),
    counted(COUNTED.letter, t.letters, lang),
  ];
  if (t.undetermined) parts.push(counted(COUNTED.undetermined, t.undetermined, lang));
  return parts.join(", ");
}

/** Financers present in any of the totals, in the programming's order. */
function financersOf(ts: readonly AgendaTotals[]): FinancerId[] {
  return FINANCER_IDS.filter((id) => ts.some((t) => t.byFinancer[id] !== undefined));
}

function totalsTable(a: CopilAgenda, lang: Lang): string[] {
  const cols: [string, AgendaTotals][] = [
    [word(COPIL.toVote, lang), a.totals.toVote],
    [word(COPIL.toDecide, lang), a.totals.toDecide],
    [word(COPIL.all, lang), a.totals.all],
  ];
  const money = (c: Cents | undefined) => formatEuros(c ?? ZERO_CENTS, lang);
  const rows: string[][] = [["", ...cols.map((c) => c[0])]];
  for (const id of financersOf(cols.map((c) => c[1])))
    rows.push([financerName(id, a.financerHeaders, lang), ...cols.map((c) => money(c[1].byFinancer[id]))]);
  rows.push([word(COPIL.totalCost, lang), ...cols.map((c) => money(c[1].totalCost))]);
  return aligned(rows, (i) => i > 0);
}

/** The text block to prepare a COPIL: the lines to vote, the lines to decide, with their checks, then totals per financer. */
export function copilAgendaText(a: CopilAgenda, lang: Lang = "fr"): string {
  const out: string[] = [`== ${agendaTitle(a, lang)} ==`];
  if (a.dates.length)
    out.push(`${word(COPIL.otherDates, lang)}${colon(lang)} ${a.dates.map((d) => formatIsoDate(d, lang)).join(", ")}`);
  if (a.date && a.alreadyVoted)
    out.push(`${counted(COUNTED.operation, a.alreadyVoted, lang)} ${word(COPIL.alreadyVoted, lang)}`);
  for (const [key, lines, totals] of [
    ["toVote", a.toVote, a.totals.toVote],
    ["toDecide", a.toDecide, a.totals.toDecide],
  ] as const) {
    out.push("");
    out.push(`${word(COPIL[key], lang)}${colon(lang)} ${countsText(totals, lang)}`);
    if (lines.length === 0) out.push(`  ${word(COPIL.none, lang)}`);
    for (const l of lines) out.push(...lineText(l, lang));
  }
  out.push("");
  out.push(`${word(COPIL.totals, lang)}${colon(lang)}`);
  out.push(...totalsTable(a, lang));
  return out.join("\n") + "\n";
}

const euros = centsToEuros;

function amounts(m: Partial<Record<FinancerId, Cents>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const id of FINANCER_IDS) {
    const v = m[id];
    if (v !== undefined) out[id] = euros(v);
  }
  return out;
}

function totalsJson(t: AgendaTotals) {
  return {
    lineCount: t.lineCount,
    projects: t.projects,
    letters: t.letters,
    undetermined: t.undetermined,
    totalCost: euros(t.totalCost),
    fse: euros(t.fse),
    byFinancer: amounts(t.byFinancer),
  };
}

function lineJson(l: AgendaLine, lang: Lang) {
  return {
    sheet: l.sheet,
    year: l.year,
    row: l.row,
    action: l.action,
    operation: l.operation,
    operator: l.operator,
    totalCost: l.totalCost === null ? null : euros(l.totalCost),
    fse: l.fse === null ? null : euros(l.fse),
    fseRate: l.fseRate,
    classification: l.classification,
    host: l.host,
    byFinancer: amounts(l.byFinancer),
    status: l.status && {
      text: l.status.text,
      state: l.status.state,
      date: l.status.date,
      month: l.status.month,
      board: l.status.board,
    },
    reason: l.reason,
    findings: l.findings.map((f) => findingJson(f, lang)),
  };
}

/** The agenda as JSON: euros as numbers with 2 decimals, like `plie-check --json`. */
export function copilAgendaJson(a: CopilAgenda, lang: Lang = "fr") {
  return {
    date: a.date,
    dateSource: a.dateSource,
    title: agendaTitle(a, lang),
    dates: a.dates,
    alreadyVoted: a.alreadyVoted,
    toVote: a.toVote.map((l) => lineJson(l, lang)),
    toDecide: a.toDecide.map((l) => lineJson(l, lang)),
    totals: {
      toVote: totalsJson(a.totals.toVote),
      toDecide: totalsJson(a.totals.toDecide),
      all: totalsJson(a.totals.all),
    },
  };
}
