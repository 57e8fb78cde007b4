/// <reference types="office-js" />
import type { SheetResult } from "../domain/check";
import { SETTINGS_EVENT, toStored } from "../domain/settings";
import type { Lang } from "../report/format";
import { checkWorkbook } from "../excel/read";
import { recheckSheetResults, watchProgrammingSheets, withEventsOff } from "../excel/live";
import { requirementSetSupported } from "../excel/host";
import {
  loadSettings,
  rulesOf,
  saveSettings as saveStoredSettings,
  serializeSettings,
  settingsOf,
} from "../excel/settings";
import type { PaneHost, PaneSettings } from "./controller";

/** The pane's host over Office.js: every action is one Excel.run. */
export function excelPaneHost(lang: Lang): PaneHost {
  return {
    check: (scope, settings) => Excel.run(async (ctx) => (await checkWorkbook(ctx, scope, toStored(settings))).sheets),
    // What writes to the workbook comes from chunks of its own, loaded when first asked for.
    mark: async (results: readonly SheetResult[], l: Lang) => {
      const { applyMarks } = await import("../excel/marks");
      return Excel.run((ctx) => withEventsOff(ctx, (c) => applyMarks(c, results, { lang: l })));
    },
    clear: async () => {
      const { clearMarks } = await import("../excel/marks");
      return Excel.run((ctx) => withEventsOff(ctx, (c) => clearMarks(c)));
    },
    report: async (results, l) => {
      const { writeCopilReport } = await import("../excel/report");
      return Excel.run((ctx) => withEventsOff(ctx, async (c) => (await writeCopilReport(c, results, l)).sheetName));
    },
    writeSynthesis,
    writeSimulations,
    writeAgenda,
    setStatus,
    watch: async (changed) => {
      // The watch needs a context that outlives one Excel.run.
      const context = new Excel.RequestContext();
      const w = await watchProgrammingSheets(context, changed);
      return () => w.stop();
    },
    recheck: (sheet, settings) => Excel.run((ctx) => recheckSheetResults(ctx, sheet, toStored(settings))),
    select,
    loadSettings: () => loadPaneSettings(lang),
    saveSettings,
    readOnly,
    onVisibilityChange,
  };
}

const writeSynthesis: PaneHost["writeSynthesis"] = async (results, settings, l) => {
  const { writeSynthesisSheet } = await import("../excel/synthesis-sheet");
  return Excel.run((ctx) =>
    withEventsOff(
      ctx,
      async (c) => (await writeSynthesisSheet(c, results, l, { overrides: settings.categories ?? [] })).sheetName,
    ),
  );
};

/** One simulation sheet per sheet with a FSE budget, in one Excel.run. */
const writeSimulations: PaneHost["writeSimulations"] = async (results, rules, l) => {
  const [{ writeOptimiserSheet }, { optimiseEnvelope }] = await Promise.all([
    import("../excel/optimiser-sheet"),
    import("../domain/optimiser"),
  ]);
  return Excel.run((ctx) =>
    withEventsOff(ctx, async (c) => {
      const names: string[] = [];
      for (const s of results) {
        if (s.budget.fse === undefined) continue;
        names.push((await writeOptimiserSheet(c, s, optimiseEnvelope(s, rules), l)).sheetName);
      }
      return names;
    }),
  );
};

/** The COPIL agenda as of today. */
const writeAgenda: PaneHost["writeAgenda"] = async (results, l) => {
  const [{ writeCopilAgendaSheet }, { copilAgenda }] = await Promise.all([
    import("../excel/copil-sheet"),
    import("../domain/copil"),
  ]);
  return Excel.run((ctx) =>
    withEventsOff(
      ctx,
      async (c) =>
        (await writeCopilAgendaSheet(c, copilAgenda(results, { today: new Date().toISOString().slice(0, 10) }), l))
          .sheetName,
    ),
  );
};

/** The vote status written in the Statut COPIL column of the table that holds the line (when the check found one). */
const setStatus: PaneHost["setStatus"] = async (results, sheet, row, text) => {
  const { setVoteStatus } = await import("../excel/copil-sheet");
  return Excel.run(async (ctx) => {
    const s = results.find((x) => x.sheet.name === sheet);
    const table = s?.tables.find(
      (tb) => tb.table.columns.some((c) => c.role === "status") && tb.lines.some((l) => l.line.row === row),
    )?.table;
    return (await setVoteStatus(ctx, sheet, row, text, table ?? null)).address;
  });
};

const select: PaneHost["select"] = (sheet, cell) =>
  Excel.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem(sheet);
    ws.activate();
    ws.getRange(cell).select();
    await ctx.sync();
  });

/** The workbook's settings as the pane edits them. */
const loadPaneSettings = (lang: Lang): Promise<PaneSettings> =>
  Excel.run(async (ctx) => {
    const { settings } = await loadSettings(ctx, lang);
    const s = settingsOf(settings);
    return {
      rules: rulesOf(settings),
      aliases: settings.aliases,
      profile: s.profile ?? null,
      procurement: s.procurement,
      categories: s.categories,
      columns: s.columns,
      structures: s.structures,
    };
  });

const saveSettings: PaneHost["saveSettings"] = (s) =>
  Excel.run(async (ctx) => {
    const stored = toStored(s);
    await saveStoredSettings(ctx, stored);
    // The functions read the new thresholds, then every formula is recalculated.
    window.dispatchEvent(new CustomEvent(SETTINGS_EVENT, { detail: serializeSettings(stored) }));
    ctx.workbook.application.calculate(Excel.CalculationType.full);
    await ctx.sync();
  });

/** A workbook opened read-only: Excel refuses every write (AccessDenied), not because a sheet is protected. */
function readOnly(): boolean {
  try {
    return String(Office.context.document?.mode) === String(Office.DocumentMode?.ReadOnly ?? "readOnly");
  } catch {
    return false;
  }
}

/** The pane shown or hidden (closed) while the shared runtime keeps its page: SharedRuntime 1.1. */
function onVisibilityChange(listener: (visible: boolean) => void): void {
  const addin = typeof Office !== "undefined" ? Office.addin : undefined;
  if (!addin || typeof addin.onVisibilityModeChanged !== "function" || !requirementSetSupported("SharedRuntime", "1.1"))
    return;
  addin
    .onVisibilityModeChanged((message) => listener(String(message.visibilityMode) !== "Hidden"))
    .catch(() => undefined);
}
