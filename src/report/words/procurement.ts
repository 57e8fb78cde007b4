import type { ProcurementCode } from "../../domain/procurement";
import { eur, list, txt, type Fig } from "./figures";
import type { Entry } from "./lookup";

/**
 * The procurement warnings in words, from their figures; `later` is what the
 * services threshold of a later date changes (PROCUREMENT.laterBelow or
 * laterChanges), or "".
 */
export const PROCUREMENT_FINDINGS = {
  LETTER_ABOVE_THRESHOLD: {
    fr: (d: Fig, later: string) =>
      `Lettre de commande de ${eur(d.amountCents, "fr")} HT à ${txt(d.operator)} : au moins égale au seuil de ${eur(d.thresholdCents, "fr")} HT (art. R2122-8 du Code de la commande publique). ` +
      `Des devis ne suffisent pas : l'achat demande publicité et mise en concurrence.` +
      later,
    en: (d: Fig, later: string) =>
      `Order letter of ${eur(d.amountCents, "en")} excl. VAT to ${txt(d.operator)}: at or above the ${eur(d.thresholdCents, "en")} excl. VAT threshold (art. R2122-8, French public procurement code). ` +
      `Quotes are not enough: the purchase needs advertising and competition.` +
      later,
  },
  SUPPLIER_SPLIT_ABOVE_THRESHOLD: {
    fr: (d: Fig) =>
      `${txt(d.operator)} reçoit ${txt(d.letterCount)} lettres de commande sous le seuil (lignes ${list(d.rows)}) qui totalisent ${eur(d.sumCents, "fr")} HT, au moins le seuil de ${eur(d.thresholdCents, "fr")} HT : ` +
      `un même besoin ne peut pas être découpé en petites lettres, ni confié toujours au même fournisseur. Vérifiez qu'il s'agit de besoins distincts, sinon mettez-les en concurrence ensemble.`,
    en: (d: Fig) =>
      `${txt(d.operator)} receives ${txt(d.letterCount)} order letters below the threshold (rows ${list(d.rows)}) totalling ${eur(d.sumCents, "en")} excl. VAT, at or above the ${eur(d.thresholdCents, "en")} excl. VAT threshold: ` +
      `one need may not be split into small letters, nor always given to the same supplier. Check that the needs are distinct; otherwise put them out to competition together.`,
  },
} satisfies Record<ProcurementCode, Entry<(d: Fig, later: string) => string>>;

/** The order letters' block of the report. */
export const PROCUREMENT = {
  /** A letter above the threshold that a later services threshold would let through (`on` a date, `later` an amount). */
  laterBelow: {
    fr: (on: string, later: string) =>
      ` Signée à partir du ${on}, elle serait sous le seuil de ${later} HT des fournitures et services.`,
    en: (on: string, later: string) =>
      ` Signed on or after ${on}, it would be below the ${later} excl. VAT threshold for supplies and services.`,
  },
  laterChanges: {
    fr: (on: string, later: string) => ` Le seuil passe à ${later} HT le ${on}.`,
    en: (on: string, later: string) => ` The threshold becomes ${later} excl. VAT on ${on}.`,
  },
  noLetter: {
    fr: "Lettres de commande et commande publique : aucune lettre de commande.",
    en: "Order letters and public procurement: no order letter.",
  },
  /** A sheet's heading: `where` its name (and year), `letters` their count in words, `threshold` an amount. */
  sheetTitle: {
    fr: (where: string, letters: string, threshold: string, quotes: number) =>
      `Lettres de commande et commande publique — ${where}\u00a0: ${letters}, seuil ${threshold} HT, ${quotes} devis par lettre`,
    en: (where: string, letters: string, threshold: string, quotes: number) =>
      `Order letters and public procurement — ${where}: ${letters}, threshold ${threshold} excl. VAT, ${quotes} quotes per letter`,
  },
  aboveThreshold: {
    fr: "au moins le seuil : publicité et mise en concurrence",
    en: "at or above the threshold: advertising and competition",
  },
  quotesToRequest: {
    fr: (quotes: number) => `${quotes} devis à demander`,
    en: (quotes: number) => `${quotes} quotes to request`,
  },
  exclVat: { fr: "HT", en: "excl. VAT" },
  row: { fr: "ligne", en: "row" },
  ownLinesTitle: {
    fr: (n: number) =>
      `Lignes de la structure elle-même (${n})\u00a0: rattachées à leur projet hôte, sans devis ni règle de commande publique`,
    en: (n: number) =>
      `The structure's own lines (${n}): under their host project, with no quotes and no procurement rule`,
  },
} satisfies Record<string, Entry<unknown>>;
