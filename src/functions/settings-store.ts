import { makeAliasTable, type AliasTable } from "../domain/financers";
import { makeRules } from "../domain/rules";
import {
  DEFAULT_SETTINGS,
  parseSettings as readSettings,
  type Settings,
  type SettingsReading,
} from "../domain/settings";
import { settingsLoadFailedMessage, settingsProblemMessage } from "../report/settings";

export { DEFAULT_SETTINGS, serializeSettings, type Settings } from "../domain/settings";

/*
 * The workbook's settings, shared by the custom functions and the task pane:
 * the FSE thresholds, the user's own financer aliases and column roles. The pane saves them
 * in the workbook, then calls `setSettings`; at start-up src/functions/runtime
 * calls `loadSettings` once, with the Excel adapter's reader, after Office.onReady. The functions read
 * `currentSettings()` on every call, so a recalculation follows the settings.
 * Reading and writing them is src/domain/settings; the words, src/report/settings.
 */

/** Settings read from stored data, with what could not be read (in French, for the user). */
export interface ParsedSettings {
  settings: Settings;
  problems: string[];
}

/** What a load of the workbook's settings did. */
export interface LoadResult extends ParsedSettings {
  /** Whether the workbook's settings were put in force (false: none saved, the loader failed, or newer settings were set meanwhile). */
  applied: boolean;
}

type Listener = (settings: Settings) => void;

let current: Settings = DEFAULT_SETTINGS;
/** Bumped on every change: a load that started before a change does not overwrite it. */
let version = 0;
/** What the last load could not do, in words; cleared when settings are set. */
let notices: readonly string[] = [];
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
  const rules = Object.freeze(makeRules(settings.rules));
  const aliases = Object.freeze(settings.aliases.map((a) => Object.freeze({ header: a.header, financer: a.financer })));
  const next: Settings = { rules, aliases };
  // The user's column roles: the functions that read a table follow them too.
  if (settings.columns && settings.columns.length)
    next.columns = Object.freeze(settings.columns.map((c) => Object.freeze({ header: c.header, role: c.role })));
  current = Object.freeze(next);
  version++;
  notices = [];
  notify(current);
}

/** Back to the defaults (and subscribers notified). */
export function resetSettings(): void {
  current = DEFAULT_SETTINGS;
  version++;
  notices = [];
  notify(current);
}

/**
 * Why the settings in force may not be the workbook's, in words (French):
 * the workbook's settings could not be read (a damaged value, a failed read,
 * an Excel without the API they need). Empty when they were read, or set
 * since. The functions may add it to their messages.
 */
export function settingsNotices(): readonly string[] {
  return notices;
}

/** Records why the workbook's settings could not be put in force (replaces the previous notices). */
export function noteSettingsProblems(problems: readonly string[]): void {
  notices = Object.freeze(problems.slice());
}

/**
 * The part of the settings the custom functions read (rules, aliases, column
 * roles) as one comparable text: two settings with the same key give the
 * same results, so a change of the other parts needs no recalculation.
 */
export function functionInputsKey(settings: Settings): string {
  const r = settings.rules;
  return JSON.stringify([
    [r.floorCents, r.capBasisPoints, r.floorStrict],
    settings.aliases.map((a) => [a.header, a.financer]),
    (settings.columns ?? []).map((c) => [c.header, c.role]),
  ]);
}

/**
 * Loads the workbook's settings once at start-up. The loader may give the
 * stored object or its JSON text (null or undefined: none saved); unreadable parts keep their defaults and are
 * listed in `problems`. A loader that fails leaves the settings as they are.
 * Settings set while the loader runs are newer: they are kept. The problems
 * are kept as the notices (settingsNotices).
 */
export async function loadSettings(loader: () => Promise<unknown>): Promise<LoadResult> {
  const started = version;
  let stored: unknown;
  try {
    stored = await loader();
  } catch (e) {
    const problems = [settingsLoadFailedMessage(e)];
    if (version === started) noteSettingsProblems(problems);
    return { settings: current, problems, applied: false };
  }
  if (stored === null || stored === undefined || stored === "")
    return { settings: current, problems: [], applied: false };
  const parsed = inWords(readSettings(stored));
  const applied = version === started;
  if (applied) {
    setSettings(parsed.settings);
    noteSettingsProblems(parsed.problems);
  }
  return { settings: current, problems: parsed.problems, applied };
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

/** Settings from their JSON text; never throws: bad parts keep their defaults and are listed. */
export function parseSettings(json: string): ParsedSettings {
  return inWords(readSettings(json));
}

function inWords(r: SettingsReading): ParsedSettings {
  return { settings: r.settings, problems: r.problems.map((p) => settingsProblemMessage(p)) };
}
