import { splitEuros, type Cents } from "../domain/money";
import { word, type Lang } from "./words/lookup";
import { TYPOGRAPHY } from "./words/typography";

export type { Lang } from "./words/lookup";

/** Digits in groups of three: 1 234 567 (fr, narrow no-break spaces) or 1,234,567 (en). */
export function groupDigits(digits: string, lang: Lang): string {
  const sep = word(TYPOGRAPHY.thousands, lang);
  let out = "";
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += sep;
    out += digits[i];
  }
  return out;
}

/** 1 234 567,89 € (fr) or €1,234,567.89 (en), from integer cents, without floats. */
export function formatEuros(cents: Cents, lang: Lang = "fr"): string {
  const parts = splitEuros(cents);
  const cc = String(parts.cents).padStart(2, "0");
  return word(TYPOGRAPHY.euros, lang)(parts.negative ? "-" : "", groupDigits(String(parts.euros), lang), cc);
}

/** 49,85 % (fr) or 49.85% (en) from a fraction. */
export function formatRate(rate: number | null, lang: Lang = "fr", decimals = 2): string {
  if (rate === null) return "—";
  const pct = (Math.round(rate * 10 ** (decimals + 2)) / 10 ** decimals).toFixed(decimals);
  return word(TYPOGRAPHY.rate, lang)(pct);
}

/** Rows aligned in columns, each indented by two spaces: text to the left, the columns that `rightAligned` names to the right. */
export function aligned(rows: readonly (readonly string[])[], rightAligned: (col: number) => boolean): string[] {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows.map(
    (r) =>
      "  " +
      r
        .map((c, i) => (rightAligned(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
        .join("  ")
        .trimEnd(),
  );
}
