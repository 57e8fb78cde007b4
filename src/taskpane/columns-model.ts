import type { SheetResult } from "../domain/check";
import { allFindings } from "../domain/check";
import { columnKey, type ColumnMapping, type ColumnRoleChoice, type ColumnRoleWord } from "../domain/columns";
import { FINANCER_IDS } from "../domain/financers";
import type { Finding } from "../domain/findings";
import type { Lang } from "../report/format";
import { financerLabel } from "../report/labels";
import { t, type UiKey } from "./strings";

/**
 * The column panel's content: the headers a check did not understand
 * (UNKNOWN_COLUMN) or guessed at (COLUMN_READ_AS_RATE, FSE_FROM_REQUEST,
 * FINANCER_COLUMNS_MERGED), and every header whose role is already saved,
 * each header once (matched as the parser matches them: case, accents and
 * spaces do not count).
 */

/** Why a header is in the panel. */
export type ColumnReason = "unknown" | "rate" | "request" | "merged" | "saved";

export interface ColumnEntry {
  /** The header as printed (the first one met). */
  header: string;
  /** The key it is matched by. */
  key: string;
  /** The role saved for it, or null. */
  role: ColumnRoleChoice | null;
  reasons: ColumnReason[];
  /** Where the check met it: `Sheet!G3`. */
  places: string[];
}

const REASON_OF: Partial<Record<Finding["code"], ColumnReason>> = {
  UNKNOWN_COLUMN: "unknown",
  COLUMN_READ_AS_RATE: "rate",
  FSE_FROM_REQUEST: "request",
  FINANCER_COLUMNS_MERGED: "merged",
};

const REASON_WORDS: Record<ColumnReason, UiKey> = {
  unknown: "reasonUnknown",
  rate: "reasonRate",
  request: "reasonRequest",
  merged: "reasonMerged",
  saved: "reasonSaved",
};

export function reasonWords(reason: ColumnReason, lang: Lang): string {
  return t(REASON_WORDS[reason], lang);
}

/** 0-based column of an A1 address (`G3` → 6), or -1. */
function columnOfCell(cell: string | null): number {
  const letters = cell ? /^\$?([A-Z]{1,3})\$?\d+$/i.exec(cell)?.[1] : undefined;
  if (letters === undefined) return -1;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/**
 * The header a finding is about: its `header` figure, else the header of the
 * table column at its cell (FINANCER_COLUMNS_MERGED names both columns in
 * one text; its cell is the second column's header).
 */
export function headerOfFinding(s: SheetResult, f: Finding): string | null {
  const col = columnOfCell(f.cell);
  if (col >= 0 && f.code === "FINANCER_COLUMNS_MERGED") {
    const h = headerAtColumn(s, col, f.row);
    if (h) return h;
  }
  const h = f.data.header;
  if (typeof h === "string" && h.trim() !== "") return h.trim();
  return col >= 0 ? headerAtColumn(s, col, f.row) : null;
}

/** The header of the column at `col` in the table whose header row is the nearest above `row`. */
function headerAtColumn(s: SheetResult, col: number, row: number | null): string | null {
  let best: string | null = null;
  let bestRow = -1;
  for (const table of s.sheet.tables) {
    const headerRow = table.headerRow ?? 0;
    if (row !== null && headerRow > row) continue;
    for (const c of table.columns) {
      if (c.index === col && c.header.trim() !== "" && headerRow >= bestRow) {
        best = c.header.trim();
        bestRow = headerRow;
      }
    }
  }
  return best;
}

/** The panel's entries: headers from the findings (in their order), then the saved roles not met. */
export function columnEntries(
  results: readonly SheetResult[] | null,
  saved: readonly ColumnMapping[] = [],
): ColumnEntry[] {
  const savedRole = new Map<string, ColumnRoleChoice>();
  for (const m of saved) {
    const k = columnKey(m.header);
    if (k !== "") savedRole.set(k, m.role);
  }
  const entries = new Map<string, ColumnEntry>();
  const add = (header: string, reason: ColumnReason, place: string | null): void => {
    const key = columnKey(header);
    if (key === "") return;
    let e = entries.get(key);
    if (!e) entries.set(key, (e = { header, key, role: savedRole.get(key) ?? null, reasons: [], places: [] }));
    if (!e.reasons.includes(reason)) e.reasons.push(reason);
    if (place !== null && !e.places.includes(place)) e.places.push(place);
  };
  for (const s of results ?? []) {
    for (const f of allFindings(s)) {
      const reason = REASON_OF[f.code];
      if (!reason) continue;
      const header = headerOfFinding(s, f);
      if (header) add(header, reason, f.cell ? `${s.sheet.name}!${f.cell}` : s.sheet.name);
    }
  }
  for (const m of saved) add(m.header, "saved", null);
  return Array.from(entries.values());
}

/**
 * The saved roles after the user's choices: each entry's choice (null: no
 * role, the mapping is removed), the other saved roles kept in their order.
 */
export function mergeColumnChoices(
  saved: readonly ColumnMapping[],
  choices: readonly { header: string; role: ColumnRoleChoice | null }[],
): ColumnMapping[] {
  const chosen = new Map<string, { header: string; role: ColumnRoleChoice | null }>();
  for (const c of choices) chosen.set(columnKey(c.header), c);
  const out: ColumnMapping[] = [];
  const done = new Set<string>();
  for (const m of saved) {
    const k = columnKey(m.header);
    if (done.has(k)) continue;
    done.add(k);
    const c = chosen.get(k);
    if (!c) out.push({ header: m.header, role: m.role });
    else if (c.role !== null) out.push({ header: m.header, role: c.role });
  }
  for (const [k, c] of chosen) {
    if (done.has(k) || c.role === null) continue;
    done.add(k);
    out.push({ header: c.header, role: c.role });
  }
  return out;
}

export interface RoleOption {
  value: ColumnRoleChoice | "";
  label: string;
}

const WORD_LABELS: Record<ColumnRoleWord, UiKey> = {
  depenses_totales: "roleTotalCost",
  taux_fse: "roleFseRate",
  total_operation: "roleTotalOperation",
  fse_sollicite: "roleFseRequested",
  ignorer: "roleIgnore",
};

/** The roles offered for a column: the financers by their label, then the other roles. */
export function roleOptions(lang: Lang): { unset: RoleOption; financers: RoleOption[]; others: RoleOption[] } {
  return {
    unset: { value: "", label: t("roleUnset", lang) },
    financers: FINANCER_IDS.map((id) => ({ value: id, label: financerLabel(id, lang) })),
    others: (Object.keys(WORD_LABELS) as ColumnRoleWord[]).map((w) => ({ value: w, label: t(WORD_LABELS[w], lang) })),
  };
}
