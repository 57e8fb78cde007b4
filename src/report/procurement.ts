import type { OwnLine, ProcurementFinding, ProcurementResult } from "../domain/procurement";
import { centsToEuros } from "../domain/money";
import { formatEuros, type Lang } from "./format";
import { colon, quote } from "./labels";
import { safeName } from "./safe-text";
import { counted, word } from "./words/lookup";
import { eur, type Fig } from "./words/figures";
import { PROCUREMENT, PROCUREMENT_FINDINGS } from "./words/procurement";
import { COUNTED, HOST, SEVERITY } from "./words/report";
import { TYPOGRAPHY } from "./words/typography";

/** 1er avril 2026 (fr), 1 April 2026 (en), from YYYY-MM-DD. */
export function formatIsoDate(iso: string, lang: Lang = "fr"): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const [, year, mm, day] = m ?? [];
  if (year === undefined || mm === undefined || day === undefined) return iso;
  const month = word(TYPOGRAPHY.months, lang)[Number(mm) - 1] ?? mm;
  return word(TYPOGRAPHY.date, lang)(Number(day), month, year);
}

function laterThreshold(d: Fig, lang: Lang): string {
  if (typeof d.laterThresholdCents !== "number" || typeof d.thresholdChangesOn !== "string") return "";
  const on = formatIsoDate(d.thresholdChangesOn, lang);
  const later = eur(d.laterThresholdCents, lang);
  const below = typeof d.amountCents === "number" && d.amountCents < d.laterThresholdCents;
  return word(below ? PROCUREMENT.laterBelow : PROCUREMENT.laterChanges, lang)(on, later);
}

/** A procurement warning in words. */
export function procurementMessage(f: ProcurementFinding, lang: Lang = "fr"): string {
  return word(PROCUREMENT_FINDINGS[f.code], lang)(f.data, laterThreshold(f.data, lang));
}

/**
 * A short text block: per sheet, each order letter with its amount HT and the
 * quotes to request (or the procedure it needs), then the warnings.
 */
export function procurementText(result: ProcurementResult, lang: Lang = "fr"): string {
  const out: string[] = [];
  const sheets: string[] = [];
  for (const l of result.letters) if (!sheets.includes(l.sheet)) sheets.push(l.sheet);
  const quotes = result.settings.quotes;
  if (sheets.length === 0) {
    out.push(word(PROCUREMENT.noLetter, lang));
    ownLinesText(result, lang, out);
    return out.join("\n") + "\n";
  }
  for (const name of sheets) {
    const letters = result.letters.filter((l) => l.sheet === name);
    const first = letters[0];
    if (first === undefined) continue;
    const year = first.year;
    const threshold = formatEuros(first.thresholdCents, lang);
    const where = `${safeName(name)}${year !== null ? ` (${year})` : ""}`;
    out.push(
      word(PROCUREMENT.sheetTitle, lang)(where, counted(COUNTED.letter, letters.length, lang), threshold, quotes),
    );
    for (const l of letters) {
      const who = `${safeName(l.operator) || "—"} — ${quote(safeName(l.operation) || "—", lang)}`;
      const host = l.host ? ` [${word(HOST[l.host], lang)}]` : "";
      const need = l.aboveThreshold
        ? word(PROCUREMENT.aboveThreshold, lang)
        : word(PROCUREMENT.quotesToRequest, lang)(l.quotes);
      const amount = `${formatEuros(l.amountCents, lang)} ${word(PROCUREMENT.exclVat, lang)}`;
      out.push(`  ${word(PROCUREMENT.row, lang)} ${l.row}  ${who}${host}${colon(lang)} ${amount} — ${need}`);
    }
    const warnings = result.warnings.filter((w) => w.sheet === name);
    for (const w of warnings) {
      out.push(`  ${word(SEVERITY[w.severity], lang)} (${w.cell ?? "—"})${colon(lang)} ${procurementMessage(w, lang)}`);
    }
  }
  ownLinesText(result, lang, out);
  return out.join("\n") + "\n";
}

/** The structure's own failing lines: under their host project, with no quotes (the structure is not its own supplier). */
function ownLinesText(result: ProcurementResult, lang: Lang, out: string[]): void {
  if (result.ownLines.length === 0) return;
  out.push(word(PROCUREMENT.ownLinesTitle, lang)(result.ownLines.length));
  for (const l of result.ownLines) {
    const who = `${safeName(l.operator) || "—"} — ${quote(safeName(l.operation) || "—", lang)}`;
    const host = l.host ? ` [${word(HOST[l.host], lang)}]` : "";
    out.push(
      `  ${safeName(l.sheet)}, ${word(PROCUREMENT.row, lang)} ${l.row}  ${who}${host}${colon(lang)} ${formatEuros(l.amountCents, lang)}`,
    );
  }
}

/** What an order letter and a line of the structure share, in the JSON. */
const lineJson = (l: OwnLine) => ({
  sheet: l.sheet,
  year: l.year,
  row: l.row,
  operator: l.operator,
  operation: l.operation,
  host: l.host,
  amount: centsToEuros(l.amountCents),
});

/** JSON of the procurement result: letters in euros, warnings with their words. */
export function procurementJson(result: ProcurementResult, lang: Lang = "fr") {
  return {
    quotes: result.settings.quotes,
    letters: result.letters.map((l) => ({
      ...lineJson(l),
      threshold: centsToEuros(l.thresholdCents),
      aboveThreshold: l.aboveThreshold,
      quotes: l.quotes,
    })),
    ownLines: result.ownLines.map(lineJson),
    warnings: result.warnings.map((f) => ({
      code: f.code,
      severity: f.severity,
      sheet: f.sheet,
      cell: f.cell,
      row: f.row,
      message: procurementMessage(f, lang),
    })),
  };
}
