/**
 * Why a file cannot be read, in the user's words: what is wrong, which part
 * of the file, and what to do about it. French first, English second.
 */
import type { UnreadableReason } from "../domain/unreadable";
import type { Lang } from "./format";
import { word } from "./words/lookup";
import { TYPOGRAPHY } from "./words/typography";
import { CONTENT_TYPE, DAMAGE, FILE_TYPE, UNREADABLE, type UnreadableView } from "./words/unreadable";

/** The facts the reader gives with a reason (see src/cli/read/errors.ts); messages fall back to `detail` without them. */
interface Facts {
  kind: string;
  [key: string]: unknown;
}

export interface UnreadableInfo {
  reason: UnreadableReason;
  part: string | null;
  detail: string;
  facts?: Facts | null;
}

/**
 * A name read from the file (sheet, part, cell) as the message prints it:
 * control characters escaped, invisible format characters (bidi overrides…)
 * removed, cut with "…" beyond 80 characters; it can never forge a line.
 */
function clean(text: string): string {
  const s = text
    .replace(/\p{Cf}/gu, "")
    .replace(/[\p{Cc}\u2028\u2029]|\p{Cs}/gu, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
  const chars = Array.from(s);
  return chars.length > 80 ? `${chars.slice(0, 79).join("")}…` : s;
}

const ODS_PARTS = /^(content\.xml|styles\.xml|meta\.xml|settings\.xml|mimetype|META-INF\/)/i;

function kindOfWorkbook(part: string | null): string {
  return part && ODS_PARTS.test(part) ? ".ods" : ".xlsx";
}

function num(v: unknown): number {
  return typeof v === "number" ? v : NaN;
}

function str(v: unknown): string {
  return typeof v === "string" ? clean(v) : "";
}

const has = <T extends object>(table: T, key: string): key is Extract<keyof T, string> =>
  Object.prototype.hasOwnProperty.call(table, key);

/** What the messages are written from: the file's texts cleaned, the figures as given. */
function viewOf(e: UnreadableInfo): UnreadableView {
  const f = e.facts ?? null;
  return {
    part: clean(e.part ?? ""),
    hasPart: Boolean(e.part),
    detail: clean(e.detail),
    workbook: kindOfWorkbook(e.part),
    what: str(f?.what),
    root: str(f?.root),
    sheet: str(f?.sheet),
    hasSheet: Boolean(f?.sheet),
    cell: str(f?.cell),
    address: str(f?.address),
    encoding: str(f?.encoding),
    index: num(f?.index),
    count: num(f?.count),
    declared: num(f?.declared),
    method: num(f?.method),
    limit: num(f?.limit),
    size: num(f?.size),
  };
}

/** What is damaged, for reason "corrupt". */
function damage(e: UnreadableInfo, x: UnreadableView, lang: Lang): string {
  const kind = e.facts?.kind;
  return word(DAMAGE[typeof kind === "string" && kind !== "other" && has(DAMAGE, kind) ? kind : "other"], lang)(x);
}

/**
 * The message for a file that cannot be read (no final period; the caller
 * prints it after the file name).
 */
export function unreadableMessage(e: UnreadableInfo, lang: Lang): string {
  return word(TYPOGRAPHY.punctuation, lang)(message(e, lang));
}

function message(e: UnreadableInfo, lang: Lang): string {
  const f = e.facts ?? null;
  const x = viewOf(e);
  switch (e.reason) {
    case "missing":
      return word(UNREADABLE.missing, lang);
    case "encrypted":
    case "xlsb":
      return word(UNREADABLE[e.reason], lang)(x);
    case "not_a_file": {
      const type = str(f?.type);
      return word(UNREADABLE.not_a_file, lang)(
        x,
        word(FILE_TYPE[type !== "other" && has(FILE_TYPE, type) ? type : "other"], lang),
      );
    }
    case "xls":
      return e.part === null ? word(UNREADABLE.xlsOrEncrypted, lang) : word(UNREADABLE.xls, lang)(x);
    case "not_a_workbook": {
      const type = str(f?.type);
      return word(UNREADABLE.not_a_workbook, lang)(x, has(CONTENT_TYPE, type) ? word(CONTENT_TYPE[type], lang) : "");
    }
    case "corrupt":
      return word(UNREADABLE.corrupt, lang)(x, damage(e, x, lang));
    case "too_large":
      if (f?.kind === "total_size") return word(UNREADABLE.totalSize, lang)(x);
      return word(typeof f?.size === "number" ? UNREADABLE.partSize : UNREADABLE.partSizeFound, lang)(x);
    case "too_many_cells":
      return word(f?.kind === "text" ? UNREADABLE.tooMuchText : UNREADABLE.tooManyCells, lang)(x);
  }
  return x.detail;
}
