import type { FigureValue } from "../domain/findings";
import type { OwnLine, ProcurementCode, ProcurementFinding, ProcurementResult } from "../domain/procurement";
import { formatEuros, type Lang } from "./format";
import { HOST_LABELS, SEVERITY_LABELS, colon, count, quote } from "./labels";
import { SAFE_LIST_MAX, safeName, safeText } from "./safe-text";

type Fig = Record<string, FigureValue>;

const eur = (v: FigureValue, lang: Lang): string => (typeof v === "number" ? formatEuros(v, lang) : "—");
/** User text in a message (an operator): safe to print, cut with "…" when very long. */
const txt = (v: FigureValue): string => safeName(v);
/** A list the domain joined (rows): safe, with more room before the cut. */
const list = (v: FigureValue): string => safeText(v, SAFE_LIST_MAX);

const MONTHS: Record<Lang, readonly string[]> = {
  fr: ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
  en: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
};

/** 1er avril 2026 (fr), 1 April 2026 (en), from YYYY-MM-DD. */
export function formatIsoDate(iso: string, lang: Lang = "fr"): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const day = Number(m[3]);
  const month = MONTHS[lang][Number(m[2]) - 1] ?? m[2];
  return lang === "fr" ? `${day === 1 ? "1er" : day} ${month} ${m[1]}` : `${day} ${month} ${m[1]}`;
}

function laterThreshold(d: Fig, lang: Lang): string {
  if (typeof d.laterThresholdCents !== "number" || typeof d.thresholdChangesOn !== "string") return "";
  const on = formatIsoDate(d.thresholdChangesOn, lang);
  const later = eur(d.laterThresholdCents, lang);
  if (typeof d.amountCents === "number" && d.amountCents < d.laterThresholdCents) {
    return lang === "fr"
      ? ` Signée à partir du ${on}, elle serait sous le seuil de ${later} HT des fournitures et services.`
      : ` Signed on or after ${on}, it would be below the ${later} excl. VAT threshold for supplies and services.`;
  }
  return lang === "fr" ? ` Le seuil passe à ${later} HT le ${on}.` : ` The threshold becomes ${later} excl. VAT on ${on}.`;
}

const FR: Record<ProcurementCode, (d: Fig) => string> = {
  LETTER_ABOVE_THRESHOLD: (d) =>
    `Lettre de commande de ${eur(d.amountCents, "fr")} HT à ${txt(d.operator)} : au moins égale au seuil de ${eur(d.thresholdCents, "fr")} HT (art. R2122-8 du Code de la commande publique). ` +
    `Des devis ne suffisent pas : l'achat demande publicité et mise en concurrence.` +
    laterThreshold(d, "fr"),
  SUPPLIER_SPLIT_ABOVE_THRESHOLD: (d) =>
    `${txt(d.operator)} reçoit ${txt(d.letterCount)} lettres de commande sous le seuil (lignes ${list(d.rows)}) qui totalisent ${eur(d.sumCents, "fr")} HT, au moins le seuil de ${eur(d.thresholdCents, "fr")} HT : ` +
    `un même besoin ne peut pas être découpé en petites lettres, ni confié toujours au même fournisseur. Vérifiez qu'il s'agit de besoins distincts, sinon mettez-les en concurrence ensemble.`,
};

const EN: Record<ProcurementCode, (d: Fig) => string> = {
  LETTER_ABOVE_THRESHOLD: (d) =>
    `Order letter of ${eur(d.amountCents, "en")} excl. VAT to ${txt(d.operator)}: at or above the ${eur(d.thresholdCents, "en")} excl. VAT threshold (art. R2122-8, French public procurement code). ` +
    `Quotes are not enough: the purchase needs advertising and competition.` +
    laterThreshold(d, "en"),
  SUPPLIER_SPLIT_ABOVE_THRESHOLD: (d) =>
    `${txt(d.operator)} receives ${txt(d.letterCount)} order letters below the threshold (rows ${list(d.rows)}) totalling ${eur(d.sumCents, "en")} excl. VAT, at or above the ${eur(d.thresholdCents, "en")} excl. VAT threshold: ` +
    `one need may not be split into small letters, nor always given to the same supplier. Check that the needs are distinct; otherwise put them out to competition together.`,
};

/** A procurement warning in words. */
export function procurementMessage(f: ProcurementFinding, lang: Lang = "fr"): string {
  return (lang === "en" ? EN : FR)[f.code](f.data);
}

/**
 * A short text block: per sheet, each order letter with its amount HT and the
 * quotes to request (or the procedure it needs), then the warnings.
 */
export function procurementText(result: ProcurementResult, lang: Lang = "fr"): string {
  const fr = lang === "fr";
  const out: string[] = [];
  const sheets: string[] = [];
  for (const l of result.letters) if (!sheets.includes(l.sheet)) sheets.push(l.sheet);
  const quotes = result.settings.quotes;
  if (sheets.length === 0) {
    out.push(fr ? "Lettres de commande et commande publique : aucune lettre de commande." : "Order letters and public procurement: no order letter.");
    ownLinesText(result, lang, out);
    return out.join("\n") + "\n";
  }
  for (const name of sheets) {
    const letters = result.letters.filter((l) => l.sheet === name);
    const year = letters[0].year;
    const threshold = eur(letters[0].thresholdCents, lang);
    const title = fr
      ? `Lettres de commande et commande publique — ${safeName(name)}${year !== null ? ` (${year})` : ""}${colon(lang)} ${count(letters.length, "letter", lang)}, seuil ${threshold} HT, ${quotes} devis par lettre`
      : `Order letters and public procurement — ${safeName(name)}${year !== null ? ` (${year})` : ""}${colon(lang)} ${count(letters.length, "letter", lang)}, threshold ${threshold} excl. VAT, ${quotes} quotes per letter`;
    out.push(title);
    for (const l of letters) {
      const who = `${safeName(l.operator) || "—"} — ${quote(safeName(l.operation) || "—", lang)}`;
      const host = l.host ? ` [${HOST_LABELS[l.host][lang]}]` : "";
      const need = l.aboveThreshold
        ? fr
          ? `au moins le seuil : publicité et mise en concurrence`
          : `at or above the threshold: advertising and competition`
        : fr
          ? `${l.quotes} devis à demander`
          : `${l.quotes} quotes to request`;
      const amount = `${eur(l.amountCents, lang)} ${fr ? "HT" : "excl. VAT"}`;
      out.push(`  ${fr ? "ligne" : "row"} ${l.row}  ${who}${host}${colon(lang)} ${amount} — ${need}`);
    }
    const warnings = result.warnings.filter((w) => w.sheet === name);
    for (const w of warnings) {
      out.push(`  ${SEVERITY_LABELS[w.severity][lang]} (${w.cell ?? "—"})${colon(lang)} ${procurementMessage(w, lang)}`);
    }
  }
  ownLinesText(result, lang, out);
  return out.join("\n") + "\n";
}

/** The structure's own failing lines: under their host project, with no quotes (the structure is not its own supplier). */
function ownLinesText(result: ProcurementResult, lang: Lang, out: string[]): void {
  if (result.ownLines.length === 0) return;
  const fr = lang === "fr";
  out.push(
    fr
      ? `Lignes de la structure elle-même (${result.ownLines.length})${colon(lang)} rattachées à leur projet hôte, sans devis ni règle de commande publique`
      : `The structure's own lines (${result.ownLines.length}): under their host project, with no quotes and no procurement rule`,
  );
  for (const l of result.ownLines) {
    const who = `${safeName(l.operator) || "—"} — ${quote(safeName(l.operation) || "—", lang)}`;
    const host = l.host ? ` [${HOST_LABELS[l.host][lang]}]` : "";
    out.push(`  ${safeName(l.sheet)}, ${fr ? "ligne" : "row"} ${l.row}  ${who}${host}${colon(lang)} ${eur(l.amountCents, lang)}`);
  }
}

/** What an order letter and a line of the structure share, in the JSON. */
const lineJson = (l: OwnLine) => ({ sheet: l.sheet, year: l.year, row: l.row, operator: l.operator, operation: l.operation, host: l.host, amount: l.amountCents / 100 });

/** JSON of the procurement result: letters in euros, warnings with their words. */
export function procurementJson(result: ProcurementResult, lang: Lang = "fr") {
  return {
    quotes: result.settings.quotes,
    letters: result.letters.map((l) => ({
      ...lineJson(l),
      threshold: l.thresholdCents / 100,
      aboveThreshold: l.aboveThreshold,
      quotes: l.quotes,
    })),
    ownLines: result.ownLines.map(lineJson),
    warnings: result.warnings.map((f) => ({ code: f.code, severity: f.severity, sheet: f.sheet, cell: f.cell, row: f.row, message: procurementMessage(f, lang) })),
  };
}
