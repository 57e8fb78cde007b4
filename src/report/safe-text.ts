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
const REMOVED = /\p{Cf}/gu;
const ESCAPED = /[\p{Cc}\u2028\u2029]|\p{Cs}/gu;
const UNSAFE = /[\p{Cf}\p{Cc}\u2028\u2029]|\p{Cs}/u;

function escapeChar(ch: string): string {
  return NAMED[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

/**
 * The text safe to print on one report line: controls escaped, invisible
 * format characters removed, and cut with "…" beyond `max` characters
 * (no cut when `max` is omitted or not finite).
 */
export function safeText(value: unknown, max?: number): string {
  let s = value === null || value === undefined ? "" : String(value);
  if (UNSAFE.test(s)) s = s.replace(REMOVED, "").replace(ESCAPED, escapeChar);
  return max !== undefined && Number.isFinite(max) ? cut(s, max) : s;
}

/** A name as the text report prints it: safe, and cut at `SAFE_TEXT_MAX` characters. */
export function safeName(value: unknown): string {
  return safeText(value, SAFE_TEXT_MAX);
}

/** Cuts `s` to at most `max` characters (code points), the last one being "…". */
export function cut(s: string, max: number): string {
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
