import { isFinancerId, type FinancerId } from "./financers";
import { normalizeLabel } from "./text";

/**
 * The user's column mapping: what a column whose header the parser cannot
 * tell (or tells wrong) holds. Given on the command line (`--colonne
 * "HEADER=ROLE"`) or in the workbook's settings (the pane's column panel).
 *
 * Roles: a financer id, or one of the words below (French, as the users
 * write them).
 */
export const COLUMN_ROLE_WORDS = [
  "depenses_totales",
  "taux_fse",
  "total_operation",
  "fse_sollicite",
  "ignorer",
] as const;

export type ColumnRoleWord = (typeof COLUMN_ROLE_WORDS)[number];
export type ColumnRoleChoice = FinancerId | ColumnRoleWord;

export interface ColumnMapping {
  /** The header as printed (matched without case, accents or extra spaces). */
  header: string;
  role: ColumnRoleChoice;
}

export function isColumnRoleChoice(s: string): s is ColumnRoleChoice {
  return isFinancerId(s) || (COLUMN_ROLE_WORDS as readonly string[]).includes(s);
}

/**
 * Reads `HEADER=ROLE` (the last `=` separates them, so a header may hold
 * one). Null when the text has no header or no known role.
 */
export function parseColumnMapping(text: string): ColumnMapping | null {
  const eq = text.lastIndexOf("=");
  if (eq <= 0) return null;
  const header = text.slice(0, eq).trim();
  const role = text
    .slice(eq + 1)
    .trim()
    .toLowerCase();
  if (header === "" || !isColumnRoleChoice(role)) return null;
  return { header, role };
}

/** The key a header is matched by: normalised text (case, accents, spaces, dashes). */
export function columnKey(header: string): string {
  return normalizeLabel(header);
}

/** A lookup of the user's mapping by header; the last mapping of a header wins. */
export function columnMappingTable(mappings: readonly ColumnMapping[] = []): ReadonlyMap<string, ColumnRoleChoice> {
  const out = new Map<string, ColumnRoleChoice>();
  for (const m of mappings) {
    const k = columnKey(m.header);
    if (k !== "") out.set(k, m.role);
  }
  return out;
}
