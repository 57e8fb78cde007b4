import type { SettingsProblem } from "../domain/settings";
import type { Lang } from "./format";
import { quote } from "./labels";
import { word } from "./words/lookup";
import { SETTINGS, SETTINGS_PROBLEMS } from "./words/settings";

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

/** A problem met while reading the workbook's settings, in words (French first). */
export function settingsProblemMessage(p: SettingsProblem, lang: Lang = "fr"): string {
  return word(SETTINGS_PROBLEMS[p.field], lang)(shown(p.value, lang), (p.index ?? 0) + 1);
}

/** The workbook's settings could not be fetched at all: the settings in force are kept. */
export function settingsLoadFailedMessage(error: unknown, lang: Lang = "fr"): string {
  const why = error instanceof Error ? error.message : String(error);
  return word(SETTINGS.loadFailed, lang)(why);
}
