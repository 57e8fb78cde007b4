import type { Cents } from "../domain/money";

export type Lang = "fr" | "en";

const NNBSP = "\u202f"; // French thousands separator (as Intl fr-FR prints it)
const NBSP = "\u00a0";

function group(digits: string, sep: string): string {
  let out = "";
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += sep;
    out += digits[i];
  }
  return out;
}

/** 1 234 567,89 € (fr) or €1,234,567.89 (en), from integer cents, without floats. */
export function formatEuros(cents: Cents, lang: Lang = "fr"): string {
  const neg = cents < 0;
  const abs = Math.abs(cents);
  const euros = String(Math.floor(abs / 100));
  const cc = String(abs % 100).padStart(2, "0");
  if (lang === "en") return `${neg ? "-" : ""}€${group(euros, ",")}.${cc}`;
  return `${neg ? "-" : ""}${group(euros, NNBSP)},${cc}${NBSP}€`;
}

/** 49,85 % (fr) or 49.85% (en) from a fraction. */
export function formatRate(rate: number | null, lang: Lang = "fr", decimals = 2): string {
  if (rate === null) return "—";
  const pct = (Math.round(rate * 10 ** (decimals + 2)) / 10 ** decimals).toFixed(decimals);
  return lang === "en" ? `${pct}%` : `${pct.replace(".", ",")}${NBSP}%`;
}

