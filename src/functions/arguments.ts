import { FINANCER_IDS, FINANCER_LABELS, isFinancerId, type AliasTable, type FinancerId } from "../domain/financers";
import { centsFromNumber, parseEuroText, type Cents } from "../domain/money";
import { normalizeLabel } from "../domain/text";
import { isBlank, isErrorValue, type CellValue, type SheetGrid } from "../sheet/grid";

/**
 * Reading the arguments of the custom functions: amounts (numbers or French
 * text) into integer cents, ranges into grids, financer names into ids. A bad
 * argument throws the #VALUE! error of Excel with a French message that names
 * the value.
 */

/** Excel's #VALUE! code. */
export const INVALID_VALUE = "#VALUE!";

/** The error thrown when the custom functions runtime is absent (tests, Node): code and message, like CustomFunctions.Error. */
export class FunctionArgumentError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "FunctionArgumentError";
  }
}

interface RuntimeErrors {
  Error: new (code: never, message?: string) => unknown;
  ErrorCode: { invalidValue: string };
}

/**
 * The #VALUE! error with a message: `CustomFunctions.Error` in Excel (looked
 * up when thrown, so this module loads without the runtime), else a
 * FunctionArgumentError carrying the same code and message.
 */
export function invalidValue(message: string): unknown {
  const runtime = (globalThis as { CustomFunctions?: Partial<RuntimeErrors> }).CustomFunctions;
  if (runtime && typeof runtime.Error === "function" && runtime.ErrorCode) {
    return new runtime.Error(runtime.ErrorCode.invalidValue as never, message);
  }
  return new FunctionArgumentError(INVALID_VALUE, message);
}

/** An amount read from an argument: cents, and whether digits past the cent were rounded. */
export interface AmountArg {
  cents: Cents;
  subCent: boolean;
  /** The value as the user wrote it (for messages). */
  text: string;
}

/** French puts a no-break space before a colon. */
export const colon = "\u00a0: ";

/** User text in French quotes. */
export const quoted = (text: string): string => `«\u00a0${text}\u00a0»`;

function shown(v: unknown): string {
  if (typeof v === "boolean") return v ? "VRAI" : "FAUX";
  if (typeof v === "string") return v.trim();
  if (typeof v === "number") return String(v).replace(".", ",");
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/** Blank: an omitted argument, an empty cell or empty text. */
export function isBlankArg(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "string" && isBlank(v));
}

/**
 * Reads an amount argument: a number, or text such as `1 234,56 €`. Returns
 * null when blank; throws #VALUE! (naming `what` and the value) otherwise.
 */
export function readAmountArg(v: unknown, what: string): AmountArg | null {
  if (isBlankArg(v)) return null;
  const text = shown(v);
  if (typeof v === "number") {
    const p = centsFromNumber(v);
    if (p.ok) return { cents: p.cents, subCent: p.subCent, text };
    throw invalidValue(`${what}${colon}${quoted(text)} n'est pas un montant${p.reason === "too_large" ? " (trop grand)" : ""}.`);
  }
  if (typeof v === "string") {
    if (isErrorValue(v)) throw invalidValue(`${what}${colon}valeur d'erreur ${quoted(text)} au lieu d'un montant.`);
    const p = parseEuroText(v);
    if (p.ok) return { cents: p.cents, subCent: p.subCent, text };
    if (p.reason === "percent") throw invalidValue(`${what}${colon}${quoted(text)} est un taux, pas un montant.`);
    throw invalidValue(`${what}${colon}${quoted(text)} n'est pas un montant${p.reason === "too_large" ? " (trop grand)" : ""}.`);
  }
  if (typeof v === "boolean") throw invalidValue(`${what}${colon}valeur logique ${text} au lieu d'un montant.`);
  throw invalidValue(`${what}${colon}${quoted(text)} n'est pas un montant.`);
}

/** An amount argument that must be given. */
export function requiredAmount(v: unknown, what: string): AmountArg {
  const a = readAmountArg(v, what);
  if (a === null) throw invalidValue(`${what}${colon}montant manquant (cellule vide).`);
  return a;
}

/** An amount argument where blank means 0 (an FSE cell left empty in the sheet). */
export function amountOrZero(v: unknown, what: string): AmountArg {
  return readAmountArg(v, what) ?? { cents: 0, subCent: false, text: "" };
}

/** The cells of a one-row or one-column range, in order. */
export function vectorOf(range: unknown, what: string): unknown[] {
  if (!Array.isArray(range)) return [range];
  const rows = range as unknown[];
  if (rows.length === 0) return [];
  if (!rows.every((r) => Array.isArray(r))) return rows;
  const matrix = rows as unknown[][];
  const width = matrix.reduce((m, r) => Math.max(m, r.length), 0);
  if (matrix.length > 1 && width > 1) {
    throw invalidValue(`${what}${colon}une seule ligne ou une seule colonne attendue (plage de ${matrix.length} lignes × ${width} colonnes).`);
  }
  return matrix.length === 1 ? Array.from(matrix[0]) : matrix.map((r) => r[0]);
}

/** The amounts of a one-row or one-column range (blank cells: 0). */
export function amountsOf(range: unknown, what: string): AmountArg[] {
  return vectorOf(range, what).map((v) => amountOrZero(v, what));
}

/** A range's values as a sheet grid for the parser (rows padded to the same width). */
export function gridOf(range: unknown, what: string): SheetGrid {
  if (!Array.isArray(range) || range.length === 0) throw invalidValue(`${what}${colon}une plage de cellules est attendue.`);
  const rows = (range as unknown[]).map((r) => (Array.isArray(r) ? Array.from(r as unknown[]) : [r]));
  const width = rows.reduce((m, r) => Math.max(m, r.length), 0);
  const values: CellValue[][] = rows.map((r) => {
    const out: CellValue[] = new Array(width);
    for (let c = 0; c < width; c++) out[c] = cellValueOf(r[c]);
    return out;
  });
  return { name: "", values };
}

function cellValueOf(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  return shown(v);
}

/** The text of a text argument; throws #VALUE! when blank or not text. */
export function requiredText(v: unknown, what: string): string {
  if (isBlankArg(v)) throw invalidValue(`${what}${colon}valeur manquante (cellule vide).`);
  if (typeof v !== "string") throw invalidValue(`${what}${colon}texte attendu, pas ${quoted(shown(v))}.`);
  return v.trim();
}

/**
 * The financer named by the user: a canonical id (`dijon_metropole`), a
 * column header or name the alias table knows (`Grand Dijon`, `FSE`), or a
 * label (`Produit des actions`, `State`). Null when none matches.
 */
export function resolveFinancer(text: string, aliases: AliasTable): FinancerId | null {
  const n = normalizeLabel(text);
  if (n === "") return null;
  const asId = n.replace(/[\s-]+/g, "_");
  if (isFinancerId(asId)) return asId;
  const matched = aliases.match(text);
  if (matched) return matched;
  for (const id of FINANCER_IDS) {
    const l = FINANCER_LABELS[id];
    if (normalizeLabel(l.fr) === n || normalizeLabel(l.en) === n) return id;
  }
  return null;
}
