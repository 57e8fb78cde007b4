/// <reference types="office-js" />
import type { SheetResult } from "../domain/check";
import type { Lang } from "../report/format";
import { applyMarks, clearMarks } from "../excel/marks";
import { checkWorkbook } from "../excel/read";
import { writeCopilReport } from "../excel/report";
import { loadSettings, rulesOf, saveSettings, serializeSettings, type ProductSettings } from "../excel/settings";
import type { PaneHost, PaneSettings } from "./controller";

/**
 * Event the pane dispatches on its window after saving the settings: with a
 * shared runtime the custom functions run in the same page and listen to it
 * (see src/functions/runtime.ts); its detail is the settings' JSON.
 */
export const SETTINGS_EVENT = "plie:settings";

export function storedOf(s: PaneSettings): ProductSettings {
  return { floor: s.rules.floorCents / 100, cap: s.rules.capBasisPoints / 10000, strictFloor: s.rules.floorStrict, aliases: s.aliases.slice() };
}

/** The pane's host over Office.js: every action is one Excel.run. */
export function excelPaneHost(lang: Lang): PaneHost {
  return {
    check: (scope, settings) => Excel.run(async (ctx) => (await checkWorkbook(ctx, scope, storedOf(settings))).sheets),
    mark: (results: readonly SheetResult[], l: Lang) => Excel.run(async (ctx) => void (await applyMarks(ctx, results, { lang: l }))),
    clear: () => Excel.run(async (ctx) => void (await clearMarks(ctx))),
    report: (results, l) => Excel.run(async (ctx) => (await writeCopilReport(ctx, results, l)).sheetName),
    select: (sheet, cell) =>
      Excel.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem(sheet);
        ws.activate();
        ws.getRange(cell).select();
        await ctx.sync();
      }),
    loadSettings: () =>
      Excel.run(async (ctx) => {
        const { settings } = await loadSettings(ctx, lang);
        return { rules: rulesOf(settings), aliases: settings.aliases };
      }),
    saveSettings: (s) =>
      Excel.run(async (ctx) => {
        const stored = storedOf(s);
        await saveSettings(ctx, stored);
        // The functions read the new thresholds, then every formula is recalculated.
        window.dispatchEvent(new CustomEvent(SETTINGS_EVENT, { detail: serializeSettings(stored) }));
        ctx.workbook.application.calculate(Excel.CalculationType.full);
        await ctx.sync();
      }),
  };
}
