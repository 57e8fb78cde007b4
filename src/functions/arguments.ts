import { FINANCER_IDS, isFinancerId, type AliasTable, type FinancerId } from "../domain/financers";
import { centsFromNumber, parseEuroText, ZERO_CENTS, type Cents } from "../domain/money";
import { normalizeLabel } from "../domain/text";
import { LANGS, word } from "../report/words/lookup";
import { FINANCER } from "../report/words/report";
import { isBlank, isErrorValue, type CellValue, type SheetGrid } from "../sheet/grid";

/**
 * Reading the arguments of the custom functions: amounts (numbers or French
 * text) into integer cents, ranges into grids, financer names into ids. A bad
 * argument throws the #VALUE! error of Excel with a French message that names
 * the value.
 */

/** Excel's #VALUE! code. */
const INVALID_VALUE = "#VALUE!";

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
    throw invalidValue(
      `${what}${colon}${quoted(text)} n'est pas un montant${p.reason === "too_large" ? " (trop grand)" : ""}.`,
    );
  }
  if (typeof v === "string") {
    if (isErrorValue(v)) throw invalidValue(`${what}${colon}valeur d'erreur ${quoted(text)} au lieu d'un montant.`);
    const p = parseEuroText(v);
    if (p.ok) return { cents: p.cents, subCent: p.subCent, text };
    if (p.reason === "percent") throw invalidValue(`${what}${colon}${quoted(text)} est un taux, pas un montant.`);
    if (p.reason === "ambiguous") throw invalidValue(`${what}${colon}${ambiguousMessage(text)}`);
    throw invalidValue(
      `${what}${colon}${quoted(text)} n'est pas un montant${p.reason === "too_large" ? " (trop grand)" : ""}.`,
    );
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
  return readAmountArg(v, what) ?? { cents: ZERO_CENTS, subCent: false, text: "" };
}

/**
 * An amount that must not be negative: the functions that compute with it
 * (TAUX_FSE, STATUT, FSE_MAX, MANQUE_PLANCHER, ECART) give no figure from a
 * negative amount; VERIFIER reports it as a finding instead.
 */
export function nonNegative(a: AmountArg, what: string): AmountArg {
  if (a.cents < 0)
    throw invalidValue(
      `${what}${colon}${quoted(a.text)} est un montant négatif (un montant du plan de financement est positif ou nul).`,
    );
  return a;
}

/** The message of a text amount whose dot may be a decimal point or a thousands separator (`25.43`). */
function ambiguousMessage(text: string): string {
  return `${quoted(text)} est ambigu${colon}le point peut séparer les centimes ou les milliers. Écrivez les centimes après une virgule (25,43) et les milliers sans point ou avec une espace (25 430), ou donnez un nombre.`;
}

/**
 * Calls `visit` on each cell of a one-row or one-column range, in order (a
 * single value or a flat list too). Nothing is copied: a whole column
 * (1 048 576 cells) costs one visit per cell.
 */
function forEachCellOfVector(range: unknown, what: string, visit: (v: unknown) => void): void {
  if (!Array.isArray(range)) {
    visit(range);
    return;
  }
  const list: readonly unknown[] = range;
  // A range as Excel gives it is an array of rows; anything else is a flat list.
  let width = 0;
  for (let r = 0; r < list.length; r++) {
    const row = list[r];
    if (!Array.isArray(row)) {
      for (let i = 0; i < list.length; i++) visit(list[i]);
      return;
    }
    if (row.length > width) width = row.length;
  }
  if (list.length > 1 && width > 1) {
    throw invalidValue(
      `${what}${colon}une seule ligne ou une seule colonne attendue (plage de ${list.length} lignes × ${width} colonnes).`,
    );
  }
  const matrix = list as readonly (readonly unknown[])[];
  const [firstRow] = matrix;
  if (matrix.length === 1 && firstRow !== undefined) {
    for (let c = 0; c < firstRow.length; c++) visit(firstRow[c]);
  } else {
    for (const row of matrix) visit(row[0]);
  }
}

/**
 * The amounts of a one-row or one-column range; blank cells are left out
 * (they count as 0), so a whole column costs nothing per empty cell. With
 * `nonNegative`, a negative amount is #VALUE!.
 */
export function amountsOf(range: unknown, what: string, options: { nonNegative?: boolean } = {}): AmountArg[] {
  const out: AmountArg[] = [];
  forEachCellOfVector(range, what, (v) => {
    if (v === "" || v === null || v === undefined) return;
    const a = readAmountArg(v, what);
    if (a === null) return;
    out.push(options.nonNegative ? nonNegative(a, what) : a);
  });
  return out;
}

/** A cell with nothing in it (null, undefined, empty or blank text). */
function blankCell(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "string" && isBlank(v));
}

/**
 * True when a row (an array, or a lone value) holds nothing. The loop that
 * trims a whole column's 20 million empty cells: empty text, null and
 * undefined are told by identity before anything else.
 */
function blankRow(row: unknown): boolean {
  if (!Array.isArray(row)) return blankCell(row);
  for (let c = 0; c < row.length; c++) {
    const v: unknown = row[c];
    if (v === "" || v === null || v === undefined) continue;
    if (typeof v === "string" && isBlank(v)) continue;
    return false;
  }
  return true;
}

/** A value the parser reads as it is (no conversion needed). */
function plainCell(v: unknown): boolean {
  return v === null || v === undefined || typeof v === "string" || typeof v === "number" || typeof v === "boolean";
}

/** The grid's row for a row with nothing in it: the parser reads it as it reads a row of empty cells. */
const EMPTY_ROW: readonly CellValue[] = Object.freeze([]);

/**
 * A range's values as a sheet grid for the parser. Excel gives a whole
 * column (`A:T`) as 1 048 576 rows, nearly all empty: the trailing empty
 * rows are cut off first, an empty row inside is one shared empty row, and
 * the width is one past the last column holding something (one look at each
 * cell, nothing allocated per empty cell). A row holding something is used
 * as it is when it is a plain row of the grid's width, or wider by empty
 * cells only; else it is copied (padded to the width, values that are not
 * plain cells shown as text). The parser never writes to the grid.
 */
export function gridOf(range: unknown, what: string): SheetGrid {
  if (!Array.isArray(range) || range.length === 0)
    throw invalidValue(`${what}${colon}une plage de cellules est attendue.`);
  const rows = range as readonly unknown[];
  let height = rows.length;
  while (height > 0 && blankRow(rows[height - 1])) height--;
  const values = new Array<readonly CellValue[]>(height);
  let width = 0;
  for (let r = 0; r < height; r++) {
    const row = rows[r];
    if (blankRow(row)) {
      values[r] = EMPTY_ROW;
      continue;
    }
    if (!Array.isArray(row)) {
      if (width === 0) width = 1;
      continue;
    }
    for (let c = row.length - 1; c >= width; c--) {
      if (!blankCell(row[c])) {
        width = c + 1;
        break;
      }
    }
  }
  for (let r = 0; r < height; r++) {
    if (values[r] === EMPTY_ROW) continue;
    const row = rows[r];
    values[r] =
      Array.isArray(row) && row.length >= width && row.length <= width + SLACK_COLUMNS && plainRow(row, width)
        ? (row as CellValue[])
        : rowOf(row, width);
  }
  return { name: "", values };
}

/** Empty cells a row may have past the grid's width and still be used as it is (`A:T` with 16 columns used). */
const SLACK_COLUMNS = 64;

/** True when the first `width` cells of a row are plain cells. */
function plainRow(row: readonly unknown[], width: number): boolean {
  for (let c = 0; c < width; c++) if (!plainCell(row[c])) return false;
  return true;
}

/** A row of the grid, `width` cells wide, from a range's row (or a lone value). */
function rowOf(row: unknown, width: number): CellValue[] {
  const cells: readonly unknown[] = Array.isArray(row) ? row : [row];
  const out = new Array<CellValue>(width);
  for (let c = 0; c < width; c++) out[c] = cellValueOf(cells[c]);
  return out;
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
    if (LANGS.some((lang) => normalizeLabel(word(FINANCER[id], lang)) === n)) return id;
  }
  return null;
}
