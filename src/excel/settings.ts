/// <reference types="office-js" />
import { FINANCER_IDS, isFinancerId, makeAliasTable, type AliasTable, type UserAlias } from "../domain/financers";
import { wholeCentsOf } from "../domain/money";
import { makeRules, type RuleSet } from "../domain/rules";
import type { Lang } from "../report/format";

/**
 * The product settings kept in the workbook: FSE floor (euros), cap (a
 * fraction of the total cost), strict floor, and the user's financer aliases.
 * Stored as one JSON value in the workbook's custom settings
 * (Excel.SettingCollection) under SETTINGS_KEY, in this shape:
 *
 *   {"floor": 20000, "cap": 0.5, "strictFloor": false,
 *    "aliases": [{"header": "Fondation Solidarité", "financer": "fonds_prives"}]}
 */
export interface ProductSettings {
  /** FSE floor of a project, in euros (at most 2 decimals). */
  floor: number;
  /** FSE cap as a fraction of the total cost, in (0, 1]. */
  cap: number;
  /** When true the FSE must be above the floor, not merely equal to it. */
  strictFloor: boolean;
  aliases: UserAlias[];
}

export const SETTINGS_KEY = "plie.settings";

export const DEFAULT_SETTINGS: Readonly<ProductSettings> = Object.freeze({
  floor: 20000,
  cap: 0.5,
  strictFloor: false,
  aliases: [] as UserAlias[],
});

export function defaultSettings(): ProductSettings {
  return { ...DEFAULT_SETTINGS, aliases: [] };
}

export interface LoadedSettings {
  settings: ProductSettings;
  /** What could not be read; each unreadable field keeps its default. */
  problems: string[];
}

/** The JSON text of the settings (the shape documented on ProductSettings). */
export function serializeSettings(s: ProductSettings): string {
  return JSON.stringify({
    floor: s.floor,
    cap: s.cap,
    strictFloor: s.strictFloor,
    aliases: s.aliases.map((a) => ({ header: a.header, financer: a.financer })),
  });
}

const PROBLEMS = {
  json: { fr: "Réglages illisibles (JSON invalide) : valeurs par défaut utilisées.", en: "Unreadable settings (invalid JSON): defaults used." },
  shape: { fr: "Réglages illisibles (objet attendu) : valeurs par défaut utilisées.", en: "Unreadable settings (an object was expected): defaults used." },
  floor: { fr: "Plancher FSE invalide (montant positif en euros, au plus deux décimales) : 20 000 € utilisé.", en: "Invalid ESF floor (a non-negative amount in euros, at most two decimals): 20,000 € used." },
  cap: { fr: "Plafond FSE invalide (fraction entre 0 et 1, au centième de point) : 50 % utilisé.", en: "Invalid ESF cap (a fraction in (0, 1], to a hundredth of a point): 50% used." },
  strictFloor: { fr: "Plancher strict invalide (vrai ou faux attendu) : plancher inclus utilisé.", en: "Invalid strict floor (true or false expected): inclusive floor used." },
  aliases: { fr: "Liste d'alias invalide : ignorée.", en: "Invalid alias list: ignored." },
} as const;

function aliasProblem(i: number, lang: Lang): string {
  return lang === "en"
    ? `Alias ${i + 1} ignored: a header text and a financer id (${FINANCER_IDS.join(", ")}) are expected.`
    : `Alias ${i + 1} ignoré : un texte d'en-tête et un identifiant de financeur (${FINANCER_IDS.join(", ")}) sont attendus.`;
}

const floorCentsOf = (floor: unknown): number | null =>
  typeof floor === "number" && Number.isFinite(floor) && floor >= 0 ? wholeCentsOf(floor) : null;

function capBasisPointsOf(cap: unknown): number | null {
  if (typeof cap !== "number" || !Number.isFinite(cap) || cap <= 0 || cap > 1) return null;
  const bp = Math.round(cap * 10000);
  return Math.abs(cap * 10000 - bp) <= 1e-6 && bp > 0 ? bp : null;
}

/**
 * Settings from their JSON text. Never throws: what cannot be read keeps its
 * default and is listed in `problems`.
 */
export function parseSettings(text: unknown, lang: Lang = "fr"): LoadedSettings {
  const settings = defaultSettings();
  const problems: string[] = [];
  let data: unknown = text;
  if (typeof text === "string") {
    try {
      data = JSON.parse(text);
    } catch {
      return { settings, problems: [PROBLEMS.json[lang]] };
    }
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) return { settings, problems: [PROBLEMS.shape[lang]] };
  const o = data as Record<string, unknown>;
  if ("floor" in o) {
    if (floorCentsOf(o.floor) !== null) settings.floor = o.floor as number;
    else problems.push(PROBLEMS.floor[lang]);
  }
  if ("cap" in o) {
    if (capBasisPointsOf(o.cap) !== null) settings.cap = o.cap as number;
    else problems.push(PROBLEMS.cap[lang]);
  }
  if ("strictFloor" in o) {
    if (typeof o.strictFloor === "boolean") settings.strictFloor = o.strictFloor;
    else problems.push(PROBLEMS.strictFloor[lang]);
  }
  if ("aliases" in o) {
    if (!Array.isArray(o.aliases)) problems.push(PROBLEMS.aliases[lang]);
    else {
      o.aliases.forEach((a: unknown, i) => {
        const r = a as Record<string, unknown> | null;
        if (r && typeof r === "object" && typeof r.header === "string" && r.header.trim() !== "" && typeof r.financer === "string" && isFinancerId(r.financer)) {
          settings.aliases.push({ header: r.header, financer: r.financer });
        } else problems.push(aliasProblem(i, lang));
      });
    }
  }
  return { settings, problems };
}

/** The rule set of the settings (invalid values fall back to the defaults). */
export function rulesOf(s: ProductSettings): RuleSet {
  return makeRules({
    floorCents: floorCentsOf(s.floor) ?? 2_000_000,
    floorStrict: s.strictFloor === true,
    capBasisPoints: capBasisPointsOf(s.cap) ?? 5000,
  });
}

/** The alias table of the settings: the user's aliases first, then the built-in ones. */
export function aliasesOf(s: ProductSettings): AliasTable {
  return makeAliasTable(s.aliases);
}

/** Writes the settings into the workbook (one JSON value). One sync. */
export async function saveSettings(context: Excel.RequestContext, s: ProductSettings): Promise<void> {
  context.workbook.settings.add(SETTINGS_KEY, serializeSettings(s));
  await context.sync();
}

/**
 * Reads the settings from the workbook: defaults when none were saved;
 * defaults for the unreadable fields, with the problems, when the saved
 * value is damaged. One sync.
 */
export async function loadSettings(context: Excel.RequestContext, lang: Lang = "fr"): Promise<LoadedSettings> {
  const item = context.workbook.settings.getItemOrNullObject(SETTINGS_KEY);
  item.load("value");
  await context.sync();
  if (item.isNullObject) return { settings: defaultSettings(), problems: [] };
  return parseSettings(item.value, lang);
}
