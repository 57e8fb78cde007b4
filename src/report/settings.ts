import { CATEGORIES } from "../domain/categories";
import { COLUMN_ROLE_WORDS } from "../domain/columns";
import { DEFAULT_PROCUREMENT_SETTINGS } from "../domain/procurement";
import { knownProfiles } from "../domain/profiles";
import { FINANCER_IDS } from "../domain/financers";
import { DEFAULT_RULES } from "../domain/rules";
import type { SettingsProblem } from "../domain/settings";
import { formatEuros, formatRate, type Lang } from "./format";
import { quote } from "./labels";

/** A refused value as the user may recognise it (long values are cut). */
function shown(v: unknown, lang: Lang): string {
  let s: string;
  try {
    s = typeof v === "string" ? v : (JSON.stringify(v) ?? String(v));
  } catch {
    s = String(v);
  }
  return quote(s.length > 60 ? `${s.slice(0, 59)}…` : s, lang);
}

const ids = FINANCER_IDS.join(", ");
const profileIds = knownProfiles().map((k) => k.id).join(", ");
const roleWords = COLUMN_ROLE_WORDS.join(", ");
const ownName = DEFAULT_PROCUREMENT_SETTINGS.ownNames.join(", ");

/** A problem met while reading the workbook's settings, in words (French first). */
export function settingsProblemMessage(p: SettingsProblem, lang: Lang = "fr"): string {
  const v = shown(p.value, lang);
  if (lang === "en") {
    switch (p.field) {
      case "json": return "Unreadable workbook settings (invalid JSON): defaults used.";
      case "shape": return "Unreadable workbook settings (an object was expected): defaults used.";
      case "floor": return `Invalid ESF floor ${v} (a non-negative amount in euros, at most two decimals): ${formatEuros(DEFAULT_RULES.floorCents, "en")} kept.`;
      case "cap": return `Invalid ESF cap ${v} (a fraction in (0, 1] or a rate such as ${quote("60%", "en")}, to a hundredth of a point): ${formatRate(DEFAULT_RULES.capBasisPoints / 10000, "en")} kept.`;
      case "strictFloor": return `Invalid strict floor ${v} (true or false expected): inclusive floor kept.`;
      case "aliases": return `Invalid alias list ${v} (a list was expected): ignored.`;
      case "alias": return `Alias ${(p.index ?? 0) + 1} ${v} ignored: a header text and a financer id (${ids}) are expected.`;
      case "profile": return `Unknown rule profile ${v} (known: ${profileIds}): ignored.`;
      case "quotes": return `Invalid number of quotes ${v} (2 or 3 expected): 3 kept.`;
      case "procurementThreshold": return `Invalid procurement threshold ${v} (a positive amount in euros): ${formatEuros(DEFAULT_PROCUREMENT_SETTINGS.thresholdCents, "en")} kept.`;
      case "servicesThreshold": return `Invalid services threshold ${v} (a positive amount in euros): ${formatEuros(DEFAULT_PROCUREMENT_SETTINGS.servicesThresholdCents, "en")} kept.`;
      case "categories": return `Invalid category list ${v} (a list was expected): ignored.`;
      case "category": return `Category rule ${(p.index ?? 0) + 1} ${v} ignored: a text and a category (${CATEGORIES.join(", ")}) are expected.`;
      case "columns": return `Invalid list of column roles ${v} (a list was expected): ignored.`;
      case "column": return `Column role ${(p.index ?? 0) + 1} ${v} ignored: a header text and a role (a financer id: ${ids}; or ${roleWords}) are expected.`;
      case "structures": return `Invalid list of the structure's names ${v} (a list was expected): ${quote(ownName, "en")} alone kept.`;
      case "structure": return `Structure name ${(p.index ?? 0) + 1} ${v} ignored: a non-blank text is expected.`;
    }
  }
  switch (p.field) {
    case "json": return "Paramètres du classeur illisibles (JSON invalide) : valeurs par défaut utilisées.";
    case "shape": return "Paramètres du classeur illisibles (objet attendu) : valeurs par défaut utilisées.";
    case "floor": return `Plancher FSE ${v} invalide (montant positif ou nul en euros, au plus deux décimales) : ${formatEuros(DEFAULT_RULES.floorCents, "fr")} gardé.`;
    case "cap": return `Plafond FSE ${v} invalide (fraction entre 0 et 1 ou taux comme ${quote("60\u00a0%", "fr")}, au centième de point) : ${formatRate(DEFAULT_RULES.capBasisPoints / 10000, "fr")} gardé.`;
    case "strictFloor": return `Plancher strict ${v} invalide (vrai ou faux attendu) : plancher inclus gardé.`;
    case "aliases": return `Liste d'alias ${v} invalide (liste attendue) : ignorée.`;
    case "alias": return `Alias ${(p.index ?? 0) + 1} ${v} ignoré : un texte d'en-tête et un identifiant de financeur (${ids}) sont attendus.`;
    case "profile": return `Profil de règles ${v} inconnu (connus : ${profileIds}) : ignoré.`;
    case "quotes": return `Nombre de devis ${v} invalide (2 ou 3 attendu) : 3 gardé.`;
    case "procurementThreshold": return `Seuil de commande publique ${v} invalide (montant positif en euros) : ${formatEuros(DEFAULT_PROCUREMENT_SETTINGS.thresholdCents, "fr")} gardé.`;
    case "servicesThreshold": return `Seuil des services ${v} invalide (montant positif en euros) : ${formatEuros(DEFAULT_PROCUREMENT_SETTINGS.servicesThresholdCents, "fr")} gardé.`;
    case "categories": return `Liste de catégories ${v} invalide (liste attendue) : ignorée.`;
    case "category": return `Règle de catégorie ${(p.index ?? 0) + 1} ${v} ignorée : un texte et une catégorie (${CATEGORIES.join(", ")}) sont attendus.`;
    case "columns": return `Liste des rôles de colonnes ${v} invalide (liste attendue) : ignorée.`;
    case "column": return `Rôle de colonne ${(p.index ?? 0) + 1} ${v} ignoré : un texte d'en-tête et un rôle (un identifiant de financeur : ${ids} ; ou ${roleWords}) sont attendus.`;
    case "structures": return `Liste des noms de la structure ${v} invalide (liste attendue) : ${quote(ownName, "fr")} seul gardé.`;
    case "structure": return `Nom de la structure ${(p.index ?? 0) + 1} ${v} ignoré : un texte non vide est attendu.`;
  }
}

/** The workbook's settings could not be fetched at all: the settings in force are kept. */
export function settingsLoadFailedMessage(error: unknown, lang: Lang = "fr"): string {
  const why = error instanceof Error ? error.message : String(error);
  return lang === "en"
    ? `Workbook settings could not be read (${why}): settings in force kept.`
    : `Paramètres du classeur illisibles (${why}) : valeurs en vigueur conservées.`;
}
