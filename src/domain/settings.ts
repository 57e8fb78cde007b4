import { isColumnRoleChoice, type ColumnMapping } from "./columns";
import { isFinancerId, type UserAlias } from "./financers";
import { centsFromNumber, centsToEuros, parseEuroText, type Cents } from "./money";
import { isCategory, type CategoryOverride } from "./categories";
import { DEFAULT_PROCUREMENT_SETTINGS, type ProcurementSettings } from "./procurement";
import { profileById } from "./profiles";
import { DEFAULT_RULES, parseCap, type RuleSet } from "./rules";
import { normalizeLabel } from "./text";

/**
 * The workbook's settings: the FSE thresholds and the user's own financer
 * aliases. In memory they are a rule set and a list of aliases; in the
 * workbook they are one JSON value, under SETTINGS_KEY, of this shape:
 *
 *   {"floor": 20000, "cap": 0.5, "strictFloor": false,
 *    "aliases": [{"header": "Fondation Solidarité", "financer": "fonds_prives"}],
 *    "columns": [{"header": "Fondation X", "role": "fonds_prives"}],
 *    "structures": ["Association Le Relais"]}
 *
 * Reading never throws: what cannot be read keeps its default and is listed
 * as a problem (data; src/report puts it in words).
 */
export interface Settings {
  rules: Readonly<RuleSet>;
  aliases: readonly UserAlias[];
  /** The named rule profile the thresholds came from (see profiles.ts), when one was chosen. */
  profile?: string | null;
  /** Quotes and public-procurement thresholds for order letters (defaults when absent). */
  procurement?: Readonly<ProcurementSettings>;
  /** The user's categories of expense, tried before the built-in ones. */
  categories?: readonly CategoryOverride[];
  /** The user's roles for columns the parser cannot tell (or tells wrong), by header. */
  columns?: readonly ColumnMapping[];
  /**
   * The structure's own names beside "PLIE" (always one of them): a line
   * whose operator is one of them is its own work, not a purchase.
   */
  structures?: readonly string[];
}

/** The settings as stored: floor in euros (at most 2 decimals), cap as a fraction in (0, 1]. */
export interface StoredSettings {
  floor: number;
  cap: number;
  /** When true the FSE must be above the floor, not merely equal to it. */
  strictFloor: boolean;
  aliases: UserAlias[];
  /** Id of the rule profile chosen for the workbook (left out when none). */
  profile?: string;
  /** Quotes per order letter (2 or 3) and the thresholds in euros HT (left out when the defaults). */
  quotes?: 2 | 3;
  procurementThreshold?: number;
  servicesThreshold?: number;
  /** The user's categories: [{"match": text, "category": id}] (left out when none). */
  categories?: CategoryOverride[];
  /** The user's column roles: [{"header": text, "role": a financer id or a role word}] (left out when none). */
  columns?: ColumnMapping[];
  /** The structure's own names beside "PLIE" (left out when none). */
  structures?: string[];
}

/** The key of the settings in the workbook's custom settings. */
export const SETTINGS_KEY = "plie.settings";

/**
 * Event the task pane dispatches on its window after saving the settings:
 * with a shared runtime the custom functions run in the same page and listen
 * to it. Its detail is the settings' JSON.
 */
export const SETTINGS_EVENT = "plie:settings";

/**
 * What could not be read: `json` (the text is not JSON), `shape` (not an
 * object), a field whose value is refused, or `alias`, `category`, `column`,
 * `structure` (the entry at `index` of its list). `value` is the value refused.
 */
export type SettingsField =
  | "json"
  | "shape"
  | "floor"
  | "cap"
  | "strictFloor"
  | "aliases"
  | "alias"
  | "profile"
  | "quotes"
  | "procurementThreshold"
  | "servicesThreshold"
  | "categories"
  | "category"
  | "columns"
  | "column"
  | "structures"
  | "structure";

export interface SettingsProblem {
  field: SettingsField;
  index?: number;
  value?: unknown;
}

/** Settings read, with what could not be read (each unreadable part keeps its default). */
export interface SettingsReading {
  settings: Settings;
  problems: SettingsProblem[];
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  rules: DEFAULT_RULES,
  aliases: Object.freeze([]),
});

/** The stored form of settings. */
export function toStored(settings: Settings): StoredSettings {
  const stored: StoredSettings = {
    floor: centsToEuros(settings.rules.floorCents),
    cap: settings.rules.capBasisPoints / 10000,
    strictFloor: settings.rules.floorStrict,
    aliases: settings.aliases.map((a) => ({ header: a.header, financer: a.financer })),
  };
  if (settings.profile) stored.profile = settings.profile;
  const p = settings.procurement;
  if (p && p.quotes !== DEFAULT_PROCUREMENT_SETTINGS.quotes) stored.quotes = p.quotes;
  if (p && p.thresholdCents !== DEFAULT_PROCUREMENT_SETTINGS.thresholdCents)
    stored.procurementThreshold = centsToEuros(p.thresholdCents);
  if (p && p.servicesThresholdCents !== DEFAULT_PROCUREMENT_SETTINGS.servicesThresholdCents)
    stored.servicesThreshold = centsToEuros(p.servicesThresholdCents);
  if (settings.categories && settings.categories.length)
    stored.categories = settings.categories.map((c) => ({ match: c.match, category: c.category }));
  if (settings.columns && settings.columns.length)
    stored.columns = settings.columns.map((c) => ({ header: c.header, role: c.role }));
  if (settings.structures && settings.structures.length) stored.structures = settings.structures.slice();
  return stored;
}

/**
 * The structure's own names: "PLIE" (the default of the procurement
 * settings) and the user's, each name once (case, accents and spaces do not
 * make two names).
 */
export function ownNamesOf(settings: Pick<Settings, "structures">): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (name: string): void => {
    const key = normalizeLabel(name);
    if (key === "" || seen.has(key)) return;
    seen.add(key);
    out.push(name.trim());
  };
  for (const name of DEFAULT_PROCUREMENT_SETTINGS.ownNames) add(name);
  for (const name of settings.structures ?? []) add(name);
  return out;
}

/** The procurement settings in force: the stored ones (or the defaults) with the structure's own names. */
export function procurementSettingsOf(settings: Pick<Settings, "procurement" | "structures">): ProcurementSettings {
  return { ...(settings.procurement ?? DEFAULT_PROCUREMENT_SETTINGS), ownNames: ownNamesOf(settings) };
}

/** Settings as JSON text, for the workbook. */
export function serializeSettings(settings: Settings): string {
  return JSON.stringify(toStored(settings));
}

/** Settings from their JSON text, or from the stored object itself. Never throws. */
export function parseSettings(input: unknown): SettingsReading {
  if (typeof input !== "string") return fromStored(input);
  let data: unknown;
  try {
    data = JSON.parse(input);
  } catch {
    return { settings: DEFAULT_SETTINGS, problems: [{ field: "json" }] };
  }
  return fromStored(data);
}

/**
 * Settings from stored data of any shape. Never throws. The floor may also
 * be euro text ("20 000,00 €"); the cap a fraction (0.6) or rate text ("60 %").
 */
export function fromStored(data: unknown): SettingsReading {
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    return { settings: DEFAULT_SETTINGS, problems: [{ field: "shape", value: data }] };
  }
  const o = data as Record<string, unknown>;
  const problems: SettingsProblem[] = [];
  const rules: RuleSet = { ...DEFAULT_RULES };

  if (o.floor !== undefined) {
    const floor = floorCentsOf(o.floor);
    if (floor === null) problems.push({ field: "floor", value: o.floor });
    else rules.floorCents = floor;
  }
  if (o.cap !== undefined) {
    const cap = capBasisPointsOf(o.cap);
    if (cap === null) problems.push({ field: "cap", value: o.cap });
    else rules.capBasisPoints = cap;
  }
  if (o.strictFloor !== undefined) {
    if (typeof o.strictFloor === "boolean") rules.floorStrict = o.strictFloor;
    else problems.push({ field: "strictFloor", value: o.strictFloor });
  }

  const aliases: UserAlias[] = [];
  if (o.aliases !== undefined) {
    if (!Array.isArray(o.aliases)) problems.push({ field: "aliases", value: o.aliases });
    else {
      o.aliases.forEach((a: unknown, index) => {
        const alias = aliasOf(a);
        if (alias) aliases.push(alias);
        else problems.push({ field: "alias", index, value: a });
      });
    }
  }
  let profile: string | null = null;
  if (o.profile !== undefined) {
    if (typeof o.profile === "string" && profileById(o.profile).profile) profile = o.profile;
    else problems.push({ field: "profile", value: o.profile });
  }
  const settings: Settings = { rules: Object.freeze(rules), aliases: Object.freeze(aliases) };
  if (profile) settings.profile = profile;

  const procurement: ProcurementSettings = { ...DEFAULT_PROCUREMENT_SETTINGS };
  let procurementSet = false;
  if (o.quotes !== undefined) {
    if (o.quotes === 2 || o.quotes === 3) {
      procurement.quotes = o.quotes;
      procurementSet = true;
    } else problems.push({ field: "quotes", value: o.quotes });
  }
  for (const [field, key] of [
    ["procurementThreshold", "thresholdCents"],
    ["servicesThreshold", "servicesThresholdCents"],
  ] as const) {
    if (o[field] === undefined) continue;
    const cents = floorCentsOf(o[field]);
    if (cents === null || cents === 0) problems.push({ field, value: o[field] });
    else {
      procurement[key] = cents;
      procurementSet = true;
    }
  }
  if (o.categories !== undefined) {
    if (!Array.isArray(o.categories)) problems.push({ field: "categories", value: o.categories });
    else {
      const categories: CategoryOverride[] = [];
      o.categories.forEach((c: unknown, index) => {
        const r = c as Record<string, unknown> | null;
        if (
          r &&
          typeof r === "object" &&
          typeof r.match === "string" &&
          r.match.trim() !== "" &&
          typeof r.category === "string" &&
          isCategory(r.category)
        ) {
          categories.push({ match: r.match.trim(), category: r.category });
        } else problems.push({ field: "category", index, value: c });
      });
      if (categories.length) settings.categories = Object.freeze(categories);
    }
  }

  if (o.columns !== undefined) {
    if (!Array.isArray(o.columns)) problems.push({ field: "columns", value: o.columns });
    else {
      const columns: ColumnMapping[] = [];
      o.columns.forEach((c: unknown, index) => {
        const mapping = columnMappingOf(c);
        if (mapping) columns.push(Object.freeze(mapping));
        else problems.push({ field: "column", index, value: c });
      });
      if (columns.length) settings.columns = Object.freeze(columns);
    }
  }

  if (o.structures !== undefined) {
    if (!Array.isArray(o.structures)) problems.push({ field: "structures", value: o.structures });
    else {
      const structures: string[] = [];
      o.structures.forEach((name: unknown, index) => {
        if (typeof name === "string" && name.trim() !== "") structures.push(name.trim());
        else problems.push({ field: "structure", index, value: name });
      });
      if (structures.length) {
        settings.structures = Object.freeze(structures);
        procurement.ownNames = Object.freeze(ownNamesOf(settings));
        procurementSet = true;
      }
    }
  }
  if (procurementSet) settings.procurement = Object.freeze(procurement);
  return { settings: Object.freeze(settings), problems };
}

/** Whole cents, not negative: a number or euro text. */
function floorCentsOf(v: unknown): Cents | null {
  const p = typeof v === "number" ? centsFromNumber(v) : typeof v === "string" ? parseEuroText(v) : null;
  if (!p || !p.ok || p.subCent || p.cents < 0) return null;
  return p.cents;
}

/** Basis points in (0, 10000]: a number is a fraction; text may also be a rate ("60 %"). */
function capBasisPointsOf(v: unknown): number | null {
  if (typeof v === "number") return Number.isFinite(v) && v > 0 && v <= 1 ? parseCap(String(v)) : null;
  return typeof v === "string" ? parseCap(v) : null;
}

/** `{"header": text, "role": role}`; the role is read without case or surrounding spaces. */
function columnMappingOf(c: unknown): ColumnMapping | null {
  if (typeof c !== "object" || c === null || Array.isArray(c)) return null;
  const { header, role } = c as Record<string, unknown>;
  if (typeof header !== "string" || header.trim() === "" || typeof role !== "string") return null;
  const r = role.trim().toLowerCase();
  return isColumnRoleChoice(r) ? { header: header.trim(), role: r } : null;
}

function aliasOf(a: unknown): UserAlias | null {
  if (typeof a !== "object" || a === null) return null;
  const { header, financer } = a as Record<string, unknown>;
  if (typeof header !== "string" || header.trim() === "" || typeof financer !== "string") return null;
  const id = financer.trim().toLowerCase();
  return isFinancerId(id) ? { header: header.trim(), financer: id } : null;
}
