/**
 * Number formats: the built-in ids of SpreadsheetML mapped to their codes,
 * which formats show dates, and Excel serial dates as ISO text.
 */

/** Built-in number formats (ECMA-376 part 1, 18.8.30), as Excel shows them in an English locale. */
const BUILT_IN: Record<number, string> = {
  0: "General",
  1: "0",
  2: "0.00",
  3: "#,##0",
  4: "#,##0.00",
  5: '"$"#,##0_);\\("$"#,##0\\)',
  6: '"$"#,##0_);[Red]\\("$"#,##0\\)',
  7: '"$"#,##0.00_);\\("$"#,##0.00\\)',
  8: '"$"#,##0.00_);[Red]\\("$"#,##0.00\\)',
  9: "0%",
  10: "0.00%",
  11: "0.00E+00",
  12: "# ?/?",
  13: "# ??/??",
  14: "mm-dd-yy",
  15: "d-mmm-yy",
  16: "d-mmm",
  17: "mmm-yy",
  18: "h:mm AM/PM",
  19: "h:mm:ss AM/PM",
  20: "h:mm",
  21: "h:mm:ss",
  22: "m/d/yy h:mm",
  37: "#,##0 ;(#,##0)",
  38: "#,##0 ;[Red](#,##0)",
  39: "#,##0.00;(#,##0.00)",
  40: "#,##0.00;[Red](#,##0.00)",
  41: '_(* #,##0_);_(* \\(#,##0\\);_(* "-"_);_(@_)',
  42: '_("$"* #,##0_);_("$"* \\(#,##0\\);_("$"* "-"_);_(@_)',
  43: '_(* #,##0.00_);_(* \\(#,##0.00\\);_(* "-"??_);_(@_)',
  44: '_("$"* #,##0.00_);_("$"* \\(#,##0.00\\);_("$"* "-"??_);_(@_)',
  45: "mm:ss",
  46: "[h]:mm:ss",
  47: "mmss.0",
  48: "##0.0E+0",
  49: "@",
};

/** Ids of locale-dependent built-in date formats (East Asian calendars), without a fixed code. */
const LOCALE_DATE_IDS = new Set([27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** The code of a built-in number format id, or null when the id has none (General). */
export function builtInFormat(id: number): string | null {
  const code = BUILT_IN[id];
  if (code !== undefined) return id === 0 ? null : code;
  return LOCALE_DATE_IDS.has(id) ? "yyyy-mm-dd" : null;
}

/**
 * True when a format shows a date: it has a day or year part, or a month
 * (an `m` not beside hours or seconds), outside quoted text, escapes,
 * padding and fill characters, and `[…]` sections (colours, locales,
 * elapsed time). A time-only format (`h:mm`, `[h]:mm:ss`) is not a date.
 */
export function isDateFormat(code: string | null): boolean {
  if (!code) return false;
  const s = code.replace(/"[^"]*"|\\.|_.|\*.|\[[^\]]*\]/g, "").toLowerCase();
  if (/[dy]/.test(s.replace(/general/g, ""))) return true;
  if (s.indexOf("m") < 0) return false;
  // A month when an `m` is not part of a time (after h, or before s).
  return !/[hs]/.test(s);
}

/** The ISO date (YYYY-MM-DD) of an Excel serial date, or null when it is no date. */
export function serialToIsoDate(serial: number, date1904: boolean): string | null {
  const ms = Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86400000);
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  if (!Number.isFinite(ms) || Number.isNaN(y) || y < 1 || y > 9999) return null;
  return d.toISOString().slice(0, 10);
}
