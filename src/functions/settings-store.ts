import { FINANCER_IDS, isFinancerId, makeAliasTable, type AliasTable, type UserAlias } from "../domain/financers";
import { centsFromNumber, centsToEuros, parseEuroText, type Cents } from "../domain/money";
import { DEFAULT_RULES, parseCap, type RuleSet } from "../domain/rules";
import { formatEuros, formatRate } from "../report/format";

/**
 * The workbook's settings, shared by the custom functions and the task pane:
 * the FSE thresholds and the user's own financer aliases. The pane saves them
 * in the workbook, then calls `setSettings`; at start-up the Excel adapter
 * calls `loadSettings` once with a loader. The functions read
 * `currentSettings()` on every call, so a recalculation follows the settings.
 */
export interface Settings {
  rules: Readonly<RuleSet>;
  aliases: readonly UserAlias[];
}

/** The settings as stored in the workbook (JSON): floor in euros, cap as a fraction. */
export interface StoredSettings {
  floor: number;
  cap: number;
  strictFloor: boolean;
  aliases: { header: string; financer: string }[];
}

/** Settings read from stored data, with what could not be read (in French, for the user). */
export interface ParsedSettings {
  settings: Settings;
  problems: string[];
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({ rules: DEFAULT_RULES, aliases: Object.freeze([]) as readonly UserAlias[] });

type Listener = (settings: Settings) => void;

let current: Settings = DEFAULT_SETTINGS;
/** Bumped on every change: a load that started before a change does not overwrite it. */
let version = 0;
const listeners = new Set<Listener>();
const aliasTables = new WeakMap<Settings, AliasTable>();

/** The settings in force (defaults until the workbook's are loaded or set). */
export function currentSettings(): Settings {
  return current;
}

/** The alias table of a settings object: the user's aliases first, then the built-in ones. */
export function aliasTableOf(settings: Settings): AliasTable {
  let t = aliasTables.get(settings);
  if (!t) {
    t = makeAliasTable(settings.aliases);
    aliasTables.set(settings, t);
  }
  return t;
}

/**
 * Replaces the settings (the pane calls it after saving them) and notifies
 * the subscribers. Throws a RangeError when the rules are out of range.
 */
export function setSettings(settings: Settings): void {
  const rules = Object.freeze({ ...settings.rules });
  checkRules(rules);
  const aliases = Object.freeze(settings.aliases.map((a) => Object.freeze({ header: a.header, financer: a.financer })));
  current = Object.freeze({ rules, aliases });
  version++;
  notify(current);
}

/** Back to the defaults (and subscribers notified). */
export function resetSettings(): void {
  current = DEFAULT_SETTINGS;
  version++;
  notify(current);
}

/**
 * Loads the workbook's settings once at start-up. The loader may give the
 * stored object or its JSON text; unreadable parts keep their defaults and are
 * listed in `problems`. A loader that fails leaves the settings as they are.
 * Settings set while the loader runs are newer: they are kept.
 */
export async function loadSettings(loader: () => Promise<StoredSettings | string | null | undefined>): Promise<ParsedSettings> {
  const started = version;
  let stored: unknown;
  try {
    stored = await loader();
  } catch (e) {
    return { settings: current, problems: [`Paramètres du classeur illisibles (${e instanceof Error ? e.message : String(e)}) : valeurs en vigueur conservées.`] };
  }
  if (stored === null || stored === undefined || stored === "") return { settings: current, problems: [] };
  const parsed = typeof stored === "string" ? parseSettings(stored) : settingsFromStored(stored);
  if (version === started) setSettings(parsed.settings);
  return { settings: current, problems: parsed.problems };
}

/** Calls `listener` after every change of the settings; returns the unsubscribe function. */
export function onSettingsChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

function notify(settings: Settings): void {
  const errors: unknown[] = [];
  for (const l of [...listeners]) {
    try {
      l(settings);
    } catch (e) {
      errors.push(e);
    }
  }
  // Every subscriber heard of the change; then the first failure is reported.
  if (errors.length) throw errors[0];
}

function checkRules(r: RuleSet): void {
  if (!Number.isSafeInteger(r.floorCents) || r.floorCents < 0) throw new RangeError("floor must be a non-negative amount in cents");
  if (!Number.isInteger(r.capBasisPoints) || r.capBasisPoints <= 0 || r.capBasisPoints > 10000) {
    throw new RangeError("cap must be above 0 % and at most 100 %");
  }
}

/** The stored form of settings (pure). */
export function toStored(settings: Settings): StoredSettings {
  return {
    floor: centsToEuros(settings.rules.floorCents),
    cap: settings.rules.capBasisPoints / 10000,
    strictFloor: settings.rules.floorStrict,
    aliases: settings.aliases.map((a) => ({ header: a.header, financer: a.financer })),
  };
}

/** Settings as JSON, for the workbook (pure). */
export function serializeSettings(settings: Settings): string {
  return JSON.stringify(toStored(settings));
}

/** Settings from their JSON text; never throws: bad parts keep their defaults and are listed. */
export function parseSettings(json: string): ParsedSettings {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return { settings: DEFAULT_SETTINGS, problems: ["Paramètres illisibles (JSON invalide) : valeurs par défaut."] };
  }
  return settingsFromStored(data);
}

const quoteValue = (v: unknown): string => `« ${typeof v === "string" ? v : JSON.stringify(v)} »`;

/** Settings from stored data of any shape; never throws. */
export function settingsFromStored(data: unknown): ParsedSettings {
  const problems: string[] = [];
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    return { settings: DEFAULT_SETTINGS, problems: ["Paramètres illisibles (objet attendu) : valeurs par défaut."] };
  }
  const o = data as Record<string, unknown>;
  const rules: RuleSet = { ...DEFAULT_RULES };

  if (o.floor !== undefined) {
    const floor = floorCentsOf(o.floor);
    if (floor === null) problems.push(`Plancher FSE ${quoteValue(o.floor)} illisible : ${formatEuros(DEFAULT_RULES.floorCents)} gardé.`);
    else rules.floorCents = floor;
  }
  if (o.cap !== undefined) {
    // A number is a fraction (0.6); text may also say "60 %".
    const cap = typeof o.cap === "number" ? (o.cap > 0 && o.cap <= 1 ? parseCap(String(o.cap)) : null) : typeof o.cap === "string" ? parseCap(o.cap) : null;
    if (cap === null) problems.push(`Plafond FSE ${quoteValue(o.cap)} illisible : ${formatRate(DEFAULT_RULES.capBasisPoints / 10000)} gardé.`);
    else rules.capBasisPoints = cap;
  }
  if (o.strictFloor !== undefined) {
    if (typeof o.strictFloor === "boolean") rules.floorStrict = o.strictFloor;
    else problems.push(`Plancher strict ${quoteValue(o.strictFloor)} illisible (vrai ou faux attendu) : plancher inclus gardé.`);
  }

  const aliases: UserAlias[] = [];
  if (o.aliases !== undefined) {
    if (!Array.isArray(o.aliases)) {
      problems.push(`Alias ${quoteValue(o.aliases)} illisibles (liste attendue) : ignorés.`);
    } else {
      for (const a of o.aliases as unknown[]) {
        const alias = aliasOf(a);
        if (alias) aliases.push(alias);
        else problems.push(`Alias ${quoteValue(a)} ignoré (attendu : un en-tête et un financeur parmi ${FINANCER_IDS.join(", ")}).`);
      }
    }
  }
  return { settings: Object.freeze({ rules: Object.freeze(rules), aliases: Object.freeze(aliases) }), problems };
}

function floorCentsOf(v: unknown): Cents | null {
  const p = typeof v === "number" ? centsFromNumber(v) : typeof v === "string" ? parseEuroText(v) : null;
  if (!p || !p.ok || p.subCent || p.cents < 0) return null;
  return p.cents;
}

function aliasOf(a: unknown): UserAlias | null {
  if (typeof a !== "object" || a === null) return null;
  const { header, financer } = a as Record<string, unknown>;
  if (typeof header !== "string" || header.trim() === "" || typeof financer !== "string") return null;
  const id = financer.trim().toLowerCase();
  return isFinancerId(id) ? { header: header.trim(), financer: id } : null;
}
