import type { SheetResult, TableResult } from "./check";
import type { LineResult } from "./line-checks";
import { FINANCER_IDS, type FinancerId } from "./financers";
import type { Finding, FindingCode } from "./findings";
import { lineByFinancer, type Host } from "./model";
import { addCents, ZERO_CENTS, type Cents } from "./money";
import type { Classification } from "./rules";
import { normalizeLabel } from "./text";
import { commonHeaders } from "./totals";

/**
 * COPIL votes. The programming is voted 3 to 5 times a year by the COPIL;
 * each line's status (a `Statut COPIL` column, or the colour legend under the
 * sheet) says whether it was voted, is to be voted at a given COPIL, or still
 * has to be submitted. Dates are ISO strings, compared as strings.
 */

export type VoteState = "voted" | "to_vote" | "to_submit" | "unknown";

export interface VoteStatus {
  state: VoteState;
  /** `YYYY-MM-DD` when the text gives a day, else null. */
  date: string | null;
  /** `YYYY-MM` when the text gives a month (with or without a day), else null. */
  month: string | null;
  /** True when the text names the board (`CA`, conseil d'administration) too. */
  board: boolean;
  /** The text as given. */
  text: string;
}

const MONTHS: readonly [RegExp, number][] = [
  [/^janv?(ier)?$/, 1],
  [/^fevr?(ier)?$/, 2],
  [/^mars$/, 3],
  [/^avr(il)?$/, 4],
  [/^mai$/, 5],
  [/^juin$/, 6],
  [/^juil(let)?$/, 7],
  [/^aout$/, 8],
  [/^sept?(embre)?$/, 9],
  [/^oct(obre)?$/, 10],
  [/^nov(embre)?$/, 11],
  [/^dec(embre)?$/, 12],
];
const MONTH_WORD =
  "janvier|janv|jan|fevrier|fevr|fev|mars|avril|avr|mai|juin|juillet|juil|aout|septembre|sept|sep|octobre|oct|novembre|nov|decembre|dec";

function monthOf(word: string): number | null {
  for (const [re, m] of MONTHS) if (re.test(word)) return m;
  return null;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, "0");

/** A two-digit year is read in 2000–2069, else 1970–1999. */
function fullYear(y: string): number {
  const n = Number(y);
  if (y.length === 4) return n;
  return n < 70 ? 2000 + n : 1900 + n;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return null;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

interface DateParts {
  date: string | null;
  month: string | null;
}

const NAMED_DAY = new RegExp(`\\b(1er|\\d{1,2}) (${MONTH_WORD})\\.?(?: (\\d{4}|\\d{2}))?\\b`);
const ISO = /\b(\d{4})-(\d{1,2})-(\d{1,2})\b/;
const NUMERIC = /\b(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{4}|\d{2}))?\b/;
const NAMED_MONTH = new RegExp(`\\b(${MONTH_WORD})\\.?(?: (\\d{4}))?\\b`);

/** The first date of a normalised text: day month-name year, ISO, dd/mm/yy(yy), dd-mm-yyyy, or a month alone. */
function findDate(n: string, year: number | null): DateParts {
  let m = NAMED_DAY.exec(n);
  if (m) {
    const month = monthOf(m[2] ?? "");
    const y = m[3] ? fullYear(m[3]) : year;
    if (month !== null && y !== null) {
      const date = isoDate(y, month, m[1] === "1er" ? 1 : Number(m[1]));
      return { date, month: date ? date.slice(0, 7) : `${pad(y, 4)}-${pad(month)}` };
    }
  }
  m = ISO.exec(n);
  if (m) {
    const date = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
    if (date) return { date, month: date.slice(0, 7) };
  }
  m = NUMERIC.exec(n);
  if (m) {
    const y = m[3] ? fullYear(m[3]) : year;
    if (y !== null) {
      const date = isoDate(y, Number(m[2]), Number(m[1]));
      if (date) return { date, month: date.slice(0, 7) };
    }
  }
  m = NAMED_MONTH.exec(n);
  if (m) {
    const month = monthOf(m[1] ?? "");
    const y = m[2] ? Number(m[2]) : year;
    if (month !== null && y !== null) return { date: null, month: `${pad(y, 4)}-${pad(month)}` };
  }
  return { date: null, month: null };
}

// On normalised text (lower case, no accents): "voté" reads "vote", "à voter" reads "a voter".
const SUBMIT = /\b(a )?faire (re)?voter\b|\ba soumettre\b|\b(non|pas( encore)?) (vote|valide|approuve)e?s?\b/;
const TO_VOTE = /\b(a (re)?voter|voter|a valider|a approuver|soumis au vote)\b/;
const VOTED = /\b(vote|valide|approuve|adopte)e?s?\b/;

/**
 * Reads a vote status, e.g. `voté au COPIL du 14 mars 2019`, `voté au copil
 * et CA de décembre 2018`, `voté au COPIL du 13/06/19`, `à voter au COPIL du
 * 14 mars 2019`, `Voter au COPIL du 27-01-2015`, `à faire voter`. Case,
 * accents and dashes do not matter. `year` completes a date printed without
 * its year (`14 mars`, `13/06`).
 *
 * - `voté …` (validé, approuvé, adopté) → voted;
 * - `à voter …`, `voter au COPIL du …` (à valider, à approuver) → to_vote;
 * - `à faire voter`, `à soumettre`, `non voté` → to_submit, or to_vote when
 *   the text names the COPIL's date;
 * - anything else, or words of both kinds (`voté … à voter …`) → unknown.
 */
export function parseVoteStatus(text: string, year?: number | null): VoteStatus {
  const n = normalizeLabel(text ?? "");
  const { date, month } = findDate(n, year ?? null);
  const board = /\bca\b|conseil d'administration/.test(n);
  let state: VoteState = "unknown";
  if (SUBMIT.test(n)) {
    state = date !== null ? "to_vote" : "to_submit";
  } else {
    const toVote = TO_VOTE.test(n);
    const voted = VOTED.test(n.replace(new RegExp(TO_VOTE.source, "g"), " "));
    if (toVote && !voted) state = "to_vote";
    else if (voted && !toVote) state = "voted";
  }
  return { state, date, month, board, text };
}

// ---------------------------------------------------------------------------
// The agenda of a COPIL

/** Why a line is on the agenda. */
export type AgendaReason =
  /** `à voter` at the agenda's date (or its month, or without a date). */
  | "to_vote"
  /** `à voter` at an earlier COPIL and still not voted. */
  | "overdue"
  /** `à faire voter`: to be put on an agenda. */
  | "to_submit"
  /** Blank status in a table with a status column. */
  | "no_status"
  /** A status that reads as none of the above. */
  | "unreadable_status";

export interface AgendaLine {
  sheet: string;
  year: number | null;
  /** 0-based table of the sheet and line of the table. */
  table: number;
  index: number;
  row: number;
  action: string;
  operation: string;
  operator: string;
  totalCost: Cents | null;
  /** Null when an FSE cell is unreadable or there is no FSE column. */
  fse: Cents | null;
  fseRate: number | null;
  classification: Classification | null;
  host: Host | null;
  byFinancer: Partial<Record<FinancerId, Cents>>;
  /** The status as read, null when the cell is blank. */
  status: VoteStatus | null;
  reason: AgendaReason;
  findingCodes: FindingCode[];
  findings: readonly Finding[];
}

export interface AgendaTotals {
  lineCount: number;
  projects: number;
  letters: number;
  undetermined: number;
  totalCost: Cents;
  fse: Cents;
  byFinancer: Partial<Record<FinancerId, Cents>>;
}

export interface CopilAgenda {
  /** The COPIL's date, null when none is given nor found. */
  date: string | null;
  dateSource: "option" | "next" | "earliest" | "none";
  /** Every `à voter` date found in the sheets, sorted. */
  dates: string[];
  /** Lines to vote at that COPIL, in sheet order. */
  toVote: AgendaLine[];
  /** Lines to decide on: to submit, without status, unreadable status, overdue. */
  toDecide: AgendaLine[];
  /** Lines already voted at that date (count). */
  alreadyVoted: number;
  totals: { toVote: AgendaTotals; toDecide: AgendaTotals; all: AgendaTotals };
  /** Financers' printed headers, where the sheets agree. */
  financerHeaders: Partial<Record<FinancerId, string>>;
}

export interface AgendaOptions {
  /** ISO date of the COPIL to prepare. */
  date?: string;
  /** ISO date of the day: without `date`, the next `à voter` date on or after it. */
  today?: string;
}

function emptyAgendaTotals(): AgendaTotals {
  return {
    lineCount: 0,
    projects: 0,
    letters: 0,
    undetermined: 0,
    totalCost: ZERO_CENTS,
    fse: ZERO_CENTS,
    byFinancer: {},
  };
}

function addLine(t: AgendaTotals, l: AgendaLine): void {
  t.lineCount++;
  if (l.classification === "projet") t.projects++;
  else if (l.classification === "lettre_de_commande") t.letters++;
  else t.undetermined++;
  t.totalCost = addCents(t.totalCost, l.totalCost ?? ZERO_CENTS);
  t.fse = addCents(t.fse, l.fse ?? ZERO_CENTS);
  for (const id of FINANCER_IDS) {
    const v = l.byFinancer[id];
    if (v !== undefined) t.byFinancer[id] = addCents(t.byFinancer[id] ?? ZERO_CENTS, v);
  }
}

function totalsOf(lines: readonly AgendaLine[]): AgendaTotals {
  const t = emptyAgendaTotals();
  for (const l of lines) addLine(t, l);
  return t;
}

const hasStatusColumn = (t: TableResult): boolean => t.table.columns.some((c) => c.role === "status");

interface Candidate {
  s: SheetResult;
  t: TableResult;
  i: number;
  status: VoteStatus | null;
}

/** Every line of a table with a status column, or with a status, and its status read. */
function candidates(sheets: readonly SheetResult[]): Candidate[] {
  const out: Candidate[] = [];
  for (const s of sheets) {
    for (const t of s.tables) {
      const d = t.table.data;
      const withColumn = hasStatusColumn(t);
      if (!withColumn && d.status.size === 0) continue;
      for (let i = 0; i < d.count; i++) {
        const text = d.status.get(i);
        if (text === undefined && !withColumn) continue;
        out.push({
          s,
          t,
          i,
          status: text === undefined || text.trim() === "" ? null : parseVoteStatus(text, s.sheet.year),
        });
      }
    }
  }
  return out;
}

function agendaLine(c: Candidate, reason: AgendaReason): AgendaLine {
  const d = c.t.table.data;
  const r: LineResult = c.t.checks.result(d.line(c.i), c.i, c.t.table.index);
  const l = r.line;
  const byFinancer = lineByFinancer(l);
  for (const id of FINANCER_IDS) if (byFinancer[id] === 0) delete byFinancer[id];
  return {
    sheet: c.s.sheet.name,
    year: c.s.sheet.year,
    table: c.t.table.index,
    index: c.i,
    row: l.row,
    action: l.action,
    operation: l.operation,
    operator: l.operator,
    totalCost: l.totalCost,
    fse: r.fse,
    fseRate: r.fseRate,
    classification: r.classification,
    host: r.host,
    byFinancer,
    status: c.status,
    reason,
    findingCodes: r.findings.map((f) => f.code),
    findings: r.findings,
  };
}

/**
 * The COPIL to prepare: the lines to vote at `options.date`; without it, at
 * the earliest `à voter` date on or after `options.today`, else the earliest
 * one. Lines `à voter` with the same month but no day, or with no date at
 * all, are on it too; lines `à voter` at an earlier date are overdue. Lines
 * to submit, without a status (in a table with a status column) or with an
 * unreadable one are to decide. Voted lines, and lines to vote later, are not
 * listed.
 */
/** True when a status's date, or its month when it has no day, comes before the COPIL's date. */
function isBefore(statusDate: string | null, statusMonth: string | null, date: string): boolean {
  if (statusDate !== null) return statusDate < date;
  return statusMonth !== null && statusMonth < date.slice(0, 7);
}

export function copilAgenda(sheets: readonly SheetResult[], options: AgendaOptions = {}): CopilAgenda {
  const all = candidates(sheets);
  const voteDates = new Set<string>();
  for (const c of all) if (c.status?.state === "to_vote" && c.status.date !== null) voteDates.add(c.status.date);
  const dates = Array.from(voteDates).sort();
  let date: string | null = null;
  let dateSource: CopilAgenda["dateSource"] = "none";
  if (options.date) {
    date = options.date;
    dateSource = "option";
  } else if (dates.length) {
    const today = options.today;
    const next = today ? dates.find((d) => d >= today) : undefined;
    if (next !== undefined) {
      date = next;
      dateSource = "next";
    } else {
      date = dates[0] ?? null;
      dateSource = "earliest";
    }
  }
  const month = date ? date.slice(0, 7) : null;
  const toVote: AgendaLine[] = [];
  const toDecide: AgendaLine[] = [];
  let alreadyVoted = 0;
  for (const c of all) {
    const st = c.status;
    if (st === null) {
      toDecide.push(agendaLine(c, "no_status"));
      continue;
    }
    switch (st.state) {
      case "voted":
        if (date !== null && (st.date === date || (st.date === null && st.month === month))) alreadyVoted++;
        break;
      case "to_vote": {
        if (date === null || (st.date === null && (st.month === null || st.month === month)) || st.date === date) {
          toVote.push(agendaLine(c, "to_vote"));
        } else if (isBefore(st.date, st.month, date)) {
          toDecide.push(agendaLine(c, "overdue"));
        }
        break;
      }
      case "to_submit":
        toDecide.push(agendaLine(c, "to_submit"));
        break;
      default:
        toDecide.push(agendaLine(c, "unreadable_status"));
    }
  }
  const allLines = toVote.concat(toDecide);
  return {
    date,
    dateSource,
    dates,
    toVote,
    toDecide,
    alreadyVoted,
    totals: { toVote: totalsOf(toVote), toDecide: totalsOf(toDecide), all: totalsOf(allLines) },
    financerHeaders: commonHeaders(sheets),
  };
}
