/// <reference types="office-js" />
import type { ColumnMapping } from "../domain/columns";
import { makeAliasTable, type AliasTable } from "../domain/financers";
import type { RuleSet } from "../domain/rules";
import {
  DEFAULT_SETTINGS as DEFAULTS,
  parseSettings as readSettings,
  SETTINGS_KEY,
  toStored,
  type Settings,
  type StoredSettings,
} from "../domain/settings";
import type { Lang } from "../report/format";
import { settingsProblemMessage } from "../report/settings";

export { SETTINGS_KEY };

/**
 * The product settings kept in the workbook, in their stored shape: FSE
 * floor (euros), cap (a fraction of the total cost), strict floor, and the
 * user's financer aliases. Stored as one JSON value in the workbook's custom
 * settings (Excel.SettingCollection) under SETTINGS_KEY; reading and writing
 * them is src/domain/settings.
 */
export type ProductSettings = StoredSettings;

export function defaultSettings(): ProductSettings {
  return toStored(DEFAULTS);
}

export interface LoadedSettings {
  settings: ProductSettings;
  /** What could not be read, in words; each unreadable field keeps its default. */
  problems: string[];
}

/** The JSON text of the settings; a value that does not read is written as its default. */
export function serializeSettings(s: ProductSettings): string {
  return JSON.stringify(toStored(settingsOf(s)));
}

/**
 * Settings from their JSON text (or the stored object). Never throws: what
 * cannot be read keeps its default and is listed in `problems`.
 */
export function parseSettings(text: unknown, lang: Lang = "fr"): LoadedSettings {
  const r = readSettings(text);
  return { settings: toStored(r.settings), problems: r.problems.map((p) => settingsProblemMessage(p, lang)) };
}

/** The in-memory settings (invalid values fall back to the defaults). */
export function settingsOf(s: ProductSettings): Settings {
  return readSettings(s).settings;
}

/** The rule set of the settings (invalid values fall back to the defaults). */
export function rulesOf(s: ProductSettings): RuleSet {
  return { ...settingsOf(s).rules };
}

/** The user's column roles of the settings (none when absent or unreadable). */
export function columnsOf(s: ProductSettings): readonly ColumnMapping[] {
  return settingsOf(s).columns ?? [];
}

/** What the parser and the rules take from the settings: rules, aliases and the user's column roles. */
export function analyseOptionsOf(s: ProductSettings): {
  rules: RuleSet;
  aliases: AliasTable;
  columns: readonly ColumnMapping[];
} {
  const settings = settingsOf(s);
  return { rules: { ...settings.rules }, aliases: makeAliasTable(settings.aliases), columns: settings.columns ?? [] };
}

/** Writes the settings into the workbook (one JSON value). One sync. */
export async function saveSettings(context: Excel.RequestContext, s: ProductSettings): Promise<void> {
  context.workbook.settings.add(SETTINGS_KEY, serializeSettings(s));
  await context.sync();
}

/**
 * The ExcelApi requirement set the workbook's settings need
 * (`Workbook.settings`, `SettingCollection.getItemOrNullObject`).
 */
export const SETTINGS_API_VERSION = "1.4";

/**
 * The settings value saved in the workbook, as stored (JSON text, or
 * whatever another writer left there), or null when none was saved. The one
 * reader of the saved settings: the pane (loadSettings) and the custom
 * functions at start-up (src/functions/runtime) both go through it. One sync.
 */
export async function readSettingsValue(context: Excel.RequestContext): Promise<unknown> {
  const item = context.workbook.settings.getItemOrNullObject(SETTINGS_KEY);
  item.load("value");
  await context.sync();
  return item.isNullObject ? null : item.value;
}

/**
 * Reads the settings from the workbook: defaults when none were saved;
 * defaults for the unreadable fields, with the problems, when the saved
 * value is damaged. One sync.
 */
export async function loadSettings(context: Excel.RequestContext, lang: Lang = "fr"): Promise<LoadedSettings> {
  const value = await readSettingsValue(context);
  if (value === null) return { settings: defaultSettings(), problems: [] };
  return parseSettings(value, lang);
}
