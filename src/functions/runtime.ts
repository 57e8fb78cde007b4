/// <reference types="office-js" />
import { SETTINGS_EVENT } from "../domain/settings";
import { excelApiSupported, type OfficeRequirements } from "../excel/host";
import { readSettingsValue, SETTINGS_API_VERSION } from "../excel/settings";
import type { Lang } from "../report/format";
import { word } from "../report/words/lookup";
import { SETTINGS } from "../report/words/settings";
import {
  currentSettings,
  functionInputsKey,
  loadSettings,
  noteSettingsProblems,
  parseSettings,
  setSettings,
} from "./settings-store";

/**
 * The custom functions' link with the workbook, in the shared runtime.
 *
 * - At start-up the workbook's settings are read once Office.js is ready:
 *   in Excel, office.js defines `Excel` after this script has loaded (it
 *   loads the host's library first), so the read waits for `Office.onReady`.
 *   They are read with the Excel adapter's reader (src/excel/settings, the
 *   one the task pane uses). When what the functions read of them (rules,
 *   aliases, column roles) differs from what the functions used so far (the
 *   defaults at open), every formula is recalculated once, so that cells
 *   computed before the read follow the workbook's settings; with the
 *   defaults, nothing is recalculated.
 * - The task pane's saves reach the functions through a window event (the
 *   pane then recalculates).
 *
 * An Excel without the API the settings need (ExcelApi 1.4) keeps the
 * defaults, and the reason is kept with the settings (settingsNotices).
 */

/** What the start-up reads of `Office`. */
interface OfficeGlobal extends OfficeRequirements {
  onReady(): Promise<{ host: unknown } | null | undefined>;
  HostType?: { Excel?: unknown };
}

/** What the start-up uses of `Excel`. */
interface ExcelGlobal {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  CalculationType?: { full?: unknown };
}

/** Where the start-up finds `Office` and `Excel` (the page's globals; a test's stand-ins). */
export interface RuntimeGlobals {
  Office?: OfficeGlobal;
  Excel?: ExcelGlobal;
}

/** What the start-up did. */
export interface StartupReport {
  /** Whether the workbook's settings were put in force. */
  loaded: boolean;
  /** Whether the formulas were recalculated (once) because the settings differ from those used so far. */
  recalculated: boolean;
  /** What could not be done, in words (also kept as the settings' notices). */
  problems: string[];
}

/** The settings cannot be read: this Excel lacks the API they need. */
export function settingsApiMissingMessage(lang: Lang = "fr"): string {
  return word(SETTINGS.apiMissing, lang)(SETTINGS_API_VERSION);
}

/** The settings were read but the recalculation that applies them failed. */
function recalculationFailedMessage(error: unknown, lang: Lang = "fr"): string {
  const why = error instanceof Error ? error.message : String(error);
  return word(SETTINGS.recalculationFailed, lang)(why);
}

/**
 * Reads the workbook's settings once Office.js is ready and puts them in
 * force; recalculates every formula once when what the functions read of
 * them changed. Outside Office (no `Office`, or a host other than Excel)
 * nothing is read. Never throws: what fails is in `problems`.
 * Round trips: one read (one sync), plus one recalculation (one sync) when
 * the settings differ.
 */
export async function applyWorkbookSettingsAtOpen(globals: RuntimeGlobals = globalThis): Promise<StartupReport> {
  const nothing: StartupReport = { loaded: false, recalculated: false, problems: [] };
  const office = globals.Office;
  if (!office || typeof office.onReady !== "function") return nothing;
  let info: { host: unknown } | null | undefined;
  try {
    info = await office.onReady();
  } catch {
    return nothing;
  }
  if (!info || info.host !== (office.HostType?.Excel ?? "Excel")) return nothing;

  // `Excel` is looked up now, after onReady: it did not exist when this script loaded.
  const excel = globals.Excel;
  if (!excel || typeof excel.run !== "function" || !excelApiSupported(SETTINGS_API_VERSION, office)) {
    const problems = [settingsApiMissingMessage()];
    noteSettingsProblems(problems);
    return { ...nothing, problems };
  }

  const before = functionInputsKey(currentSettings());
  const loaded = await loadSettings(() => excel.run((context) => readSettingsValue(context)));
  const report: StartupReport = { loaded: loaded.applied, recalculated: false, problems: loaded.problems.slice() };
  if (!loaded.applied || functionInputsKey(loaded.settings) === before) return report;
  try {
    await excel.run(async (context) => {
      context.workbook.application.calculate((excel.CalculationType?.full ?? "Full") as Excel.CalculationType);
      await context.sync();
    });
    report.recalculated = true;
  } catch (e) {
    report.problems.push(recalculationFailedMessage(e));
    noteSettingsProblems(report.problems);
  }
  return report;
}

/** Called once when the functions' script loads: listens to the pane's saves and reads the workbook's settings. */
export function connectSettings(): void {
  if (typeof window !== "undefined" && typeof window.addEventListener === "function") {
    window.addEventListener(SETTINGS_EVENT, (e) => {
      const detail = (e as CustomEvent<unknown>).detail;
      if (typeof detail === "string") setSettings(parseSettings(detail).settings);
    });
  }
  void applyWorkbookSettingsAtOpen().then((report) => {
    for (const p of report.problems) if (typeof console !== "undefined") console.warn(`PLIE : ${p}`);
  });
}
