import { CATEGORIES } from "../../domain/categories";
import { COLUMN_ROLE_WORDS } from "../../domain/columns";
import { FINANCER_IDS } from "../../domain/financers";
import { DEFAULT_PROCUREMENT_SETTINGS } from "../../domain/procurement";
import { knownProfiles } from "../../domain/profiles";
import { DEFAULT_RULES } from "../../domain/rules";
import type { SettingsField } from "../../domain/settings";
import { formatEuros, formatRate } from "../format";
import { quote } from "../labels";
import type { Entry } from "./lookup";

const ids = FINANCER_IDS.join(", ");
const profileIds = knownProfiles()
  .map((k) => k.id)
  .join(", ");
const roleWords = COLUMN_ROLE_WORDS.join(", ");
const ownName = DEFAULT_PROCUREMENT_SETTINGS.ownNames.join(", ");

/**
 * A problem met while reading the workbook's settings, for each field: `v`
 * the refused value as shown (quoted, cut), `n` the 1-based index of the
 * refused item of a list.
 */
export const SETTINGS_PROBLEMS = {
  json: {
    fr: () => "Paramètres du classeur illisibles (JSON invalide) : valeurs par défaut utilisées.",
    en: () => "Unreadable workbook settings (invalid JSON): defaults used.",
  },
  shape: {
    fr: () => "Paramètres du classeur illisibles (objet attendu) : valeurs par défaut utilisées.",
    en: () => "Unreadable workbook settings (an object was expected): defaults used.",
  },
  floor: {
    fr: (v: string) =>
      `Plancher FSE ${v} invalide (montant positif ou nul en euros, au plus deux décimales) : ${formatEuros(DEFAULT_RULES.floorCents, "fr")} gardé.`,
    en: (v: string) =>
      `Invalid ESF floor ${v} (a non-negative amount in euros, at most two decimals): ${formatEuros(DEFAULT_RULES.floorCents, "en")} kept.`,
  },
  cap: {
    fr: (v: string) =>
      `Plafond FSE ${v} invalide (fraction entre 0 et 1 ou taux comme ${quote("60\u00a0%", "fr")}, au centième de point) : ${formatRate(DEFAULT_RULES.capBasisPoints / 10000, "fr")} gardé.`,
    en: (v: string) =>
      `Invalid ESF cap ${v} (a fraction in (0, 1] or a rate such as ${quote("60%", "en")}, to a hundredth of a point): ${formatRate(DEFAULT_RULES.capBasisPoints / 10000, "en")} kept.`,
  },
  strictFloor: {
    fr: (v: string) => `Plancher strict ${v} invalide (vrai ou faux attendu) : plancher inclus gardé.`,
    en: (v: string) => `Invalid strict floor ${v} (true or false expected): inclusive floor kept.`,
  },
  aliases: {
    fr: (v: string) => `Liste d'alias ${v} invalide (liste attendue) : ignorée.`,
    en: (v: string) => `Invalid alias list ${v} (a list was expected): ignored.`,
  },
  alias: {
    fr: (v: string, n: number) =>
      `Alias ${n} ${v} ignoré : un texte d'en-tête et un identifiant de financeur (${ids}) sont attendus.`,
    en: (v: string, n: number) => `Alias ${n} ${v} ignored: a header text and a financer id (${ids}) are expected.`,
  },
  profile: {
    fr: (v: string) => `Profil de règles ${v} inconnu (connus : ${profileIds}) : ignoré.`,
    en: (v: string) => `Unknown rule profile ${v} (known: ${profileIds}): ignored.`,
  },
  quotes: {
    fr: (v: string) => `Nombre de devis ${v} invalide (2 ou 3 attendu) : 3 gardé.`,
    en: (v: string) => `Invalid number of quotes ${v} (2 or 3 expected): 3 kept.`,
  },
  procurementThreshold: {
    fr: (v: string) =>
      `Seuil de commande publique ${v} invalide (montant positif en euros) : ${formatEuros(DEFAULT_PROCUREMENT_SETTINGS.thresholdCents, "fr")} gardé.`,
    en: (v: string) =>
      `Invalid procurement threshold ${v} (a positive amount in euros): ${formatEuros(DEFAULT_PROCUREMENT_SETTINGS.thresholdCents, "en")} kept.`,
  },
  servicesThreshold: {
    fr: (v: string) =>
      `Seuil des services ${v} invalide (montant positif en euros) : ${formatEuros(DEFAULT_PROCUREMENT_SETTINGS.servicesThresholdCents, "fr")} gardé.`,
    en: (v: string) =>
      `Invalid services threshold ${v} (a positive amount in euros): ${formatEuros(DEFAULT_PROCUREMENT_SETTINGS.servicesThresholdCents, "en")} kept.`,
  },
  categories: {
    fr: (v: string) => `Liste de catégories ${v} invalide (liste attendue) : ignorée.`,
    en: (v: string) => `Invalid category list ${v} (a list was expected): ignored.`,
  },
  category: {
    fr: (v: string, n: number) =>
      `Règle de catégorie ${n} ${v} ignorée : un texte et une catégorie (${CATEGORIES.join(", ")}) sont attendus.`,
    en: (v: string, n: number) =>
      `Category rule ${n} ${v} ignored: a text and a category (${CATEGORIES.join(", ")}) are expected.`,
  },
  columns: {
    fr: (v: string) => `Liste des rôles de colonnes ${v} invalide (liste attendue) : ignorée.`,
    en: (v: string) => `Invalid list of column roles ${v} (a list was expected): ignored.`,
  },
  column: {
    fr: (v: string, n: number) =>
      `Rôle de colonne ${n} ${v} ignoré : un texte d'en-tête et un rôle (un identifiant de financeur : ${ids} ; ou ${roleWords}) sont attendus.`,
    en: (v: string, n: number) =>
      `Column role ${n} ${v} ignored: a header text and a role (a financer id: ${ids}; or ${roleWords}) are expected.`,
  },
  structures: {
    fr: (v: string) =>
      `Liste des noms de la structure ${v} invalide (liste attendue) : ${quote(ownName, "fr")} seul gardé.`,
    en: (v: string) =>
      `Invalid list of the structure's names ${v} (a list was expected): ${quote(ownName, "en")} alone kept.`,
  },
  structure: {
    fr: (v: string, n: number) => `Nom de la structure ${n} ${v} ignoré : un texte non vide est attendu.`,
    en: (v: string, n: number) => `Structure name ${n} ${v} ignored: a non-blank text is expected.`,
  },
} satisfies Record<SettingsField, Entry<(v: string, n: number) => string>>;

/** Reading the workbook's settings (`why` an error's message). */
export const SETTINGS = {
  /** The settings could not be fetched at all. */
  loadFailed: {
    fr: (why: string) => `Paramètres du classeur illisibles (${why}) : valeurs en vigueur conservées.`,
    en: (why: string) => `Workbook settings could not be read (${why}): settings in force kept.`,
  },
  /** At start-up, the functions cannot read the settings: this Excel lacks the API (`version`) they need. */
  apiMissing: {
    fr: (version: string) =>
      `Paramètres du classeur non lus : cet Excel n'offre pas ExcelApi ${version} ; les fonctions utilisent les paramètres par défaut.`,
    en: (version: string) =>
      `Workbook settings not read: this Excel does not offer ExcelApi ${version}; the functions use the default settings.`,
  },
  /** At start-up, the settings were read but the recalculation that applies them failed. */
  recalculationFailed: {
    fr: (why: string) =>
      `Paramètres du classeur lus, mais les formules n'ont pas pu être recalculées (${why}) : appuyez sur Ctrl+Alt+F9.`,
    en: (why: string) =>
      `Workbook settings read, but the formulas could not be recalculated (${why}): press Ctrl+Alt+F9.`,
  },
} satisfies Record<string, Entry<unknown>>;
