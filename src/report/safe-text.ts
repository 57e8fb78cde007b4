/**
 * User text (sheet and file names, operations, operators, headers, cell
 * texts) as the text reports print it: it can never forge a report line nor
 * hide or reorder what follows it.
 *
 * - control characters (C0, DEL, C1) and the line and paragraph separators
 *   are shown escaped: `\n`, `\r`, `\t`, `\u001b`, `\u2028`; so are lone
 *   surrogates;
 * - invisible format characters (Unicode category Cf: bidi embeddings,
 *   overrides and isolates U+202A–U+202E and U+2066–U+2069, marks such as
 *   U+200E, zero-width characters, the soft hyphen, U+FEFF…) are removed;
 * - with a limit, a longer text is cut with "…" (counted in characters, a
 *   surrogate pair never split).
 *
 * The JSON report keeps the data as it is (JSON escaping suffices); its
 * `message` fields carry the safe text.
 */

/** Longest user text printed in full by the text reports (characters). */
export const SAFE_TEXT_MAX = 80;
/** Longest list of user texts (headers, rows, years) printed in full in a message (characters). */
export const SAFE_LIST_MAX = 4 * SAFE_TEXT_MAX;

const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

// Cf: format characters (removed). Cc, Zl, Zp and lone surrogates (escaped).
const REMOVED = /^\p{Cf}$/u;
const ESCAPED = /^(?:[\p{Cc}\u2028\u2029]|\p{Cs})$/u;
const UNSAFE = /[\p{Cf}\p{Cc}\u2028\u2029]|\p{Cs}/u;

function escapeChar(ch: string): string {
  return NAMED[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

/** What a report prints as text: cell values and the figures of findings. */
export type Printable = string | number | boolean | null | undefined;

/**
 * The text safe to print on one report line: controls escaped, invisible
 * format characters removed, and cut with "…" beyond `max` characters (no
 * cut when `max` is omitted or not finite). A cut never splits an escape
 * (`\u001b`) nor a character outside the BMP.
 */
export function safeText(value: Printable, max?: number): string {
  const s = value === null || value === undefined ? "" : String(value);
  const limit = max !== undefined && Number.isFinite(max) ? Math.max(1, Math.floor(max)) : Infinity;
  if (!UNSAFE.test(s)) return limit === Infinity ? s : cut(s, limit);
  let out = "";
  let count = 0; // characters in `out`
  let room = -1; // length of `out` when one more character (the "…") still fits
  for (const ch of s) {
    // `for…of` walks code points: a pair is one `ch`, a lone surrogate too.
    if (REMOVED.test(ch)) continue;
    const piece = ESCAPED.test(ch) ? escapeChar(ch) : ch;
    const n = piece === ch ? 1 : piece.length;
    if (room < 0 && count + n > limit - 1) room = out.length;
    if (count + n > limit) return out.slice(0, room) + "…";
    out += piece;
    count += n;
  }
  return out;
}

/** A name as the text report prints it: safe, and cut at `SAFE_TEXT_MAX` characters. */
export function safeName(value: Printable): string {
  return safeText(value, SAFE_TEXT_MAX);
}

/** Cuts `s` to at most `max` characters (code points), the last one being "…". */
function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  const limit = Math.max(1, Math.floor(max));
  let count = 0;
  let i = 0;
  while (i < s.length) {
    const cp = s.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    if (count === limit - 1) {
      // Room for the ellipsis only: cut here unless the rest is this one character.
      return i + width >= s.length ? s : s.slice(0, i) + "…";
    }
    count++;
    i += width;
  }
  return s;
}
