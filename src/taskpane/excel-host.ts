/// <reference types="office-js" />
import type { SheetResult } from "../domain/check";
import { SETTINGS_EVENT, toStored } from "../domain/settings";
import type { Lang } from "../report/format";
import { applyMarks, clearMarks } from "../excel/marks";
import { checkWorkbook } from "../excel/read";
import { writeCopilReport } from "../excel/report";
import { loadSettings, rulesOf, saveSettings, serializeSettings } from "../excel/settings";
import type { PaneHost } from "./controller";


/** The pane's host over Office.js: every action is one Excel.run. */
export function excelPaneHost(lang: Lang): PaneHost {
  return {
    check: (scope, settings) => Excel.run(async (ctx) => (await checkWorkbook(ctx, scope, toStored(settings))).sheets),
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
        return { rules: rulesOf(settings), aliases: settings.aliases, profile: settings.profile ?? null };
      }),
    saveSettings: (s) =>
      Excel.run(async (ctx) => {
        const stored = toStored(s);
        await saveSettings(ctx, stored);
        // The functions read the new thresholds, then every formula is recalculated.
        window.dispatchEvent(new CustomEvent(SETTINGS_EVENT, { detail: serializeSettings(stored) }));
        ctx.workbook.application.calculate(Excel.CalculationType.full);
        await ctx.sync();
      }),
  };
}
