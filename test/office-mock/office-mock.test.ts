/// <reference types="office-js" />
import { describe, expect, it, vi } from "vitest";
import { syntheticProgramming } from "../../scripts/workbook-writer";
import { applyMarks, clearMarks } from "../../src/excel/marks";
import { checkWorkbook } from "../../src/excel/read";
import { writeCopilReport } from "../../src/excel/report";
import { defaultSettings, loadSettings, saveSettings } from "../../src/excel/settings";
import { analyseWorkbook } from "../../src/sheet/workbook";
import { errorCode, errorWords } from "../../src/taskpane/errors";
import { ERROR_MESSAGES, officeMock, type OfficeMock } from "./index";

/** What a sync (or an adapter call) rejected with. */
async function failure(
  p: Promise<unknown>,
): Promise<{ name: string; code: string; message: string; debugInfo?: { errorLocation?: string } }> {
  try {
    await p;
  } catch (e) {
    return e as { name: string; code: string; message: string };
  }
  throw new Error("expected a failure");
}

const VALUES = [
  ["Action", "Montant"],
  ["A", 10],
  ["B", 20],
];

function small(extra: Parameters<typeof officeMock>[0] = {}): OfficeMock {
  return officeMock({
    sheets: [{ name: "Prog 2019", values: VALUES, row: 2, col: 1, merges: ["B3:C3"] }, "Notes"],
    ...extra,
  });
}

/** A programming of 20 lines with findings, its grid seeded in the workbook. */
function programming(extra: Parameters<typeof officeMock>[0] = {}) {
  const grid = syntheticProgramming(20).grid;
  const rect = grid.values.map((r) => r.map((v) => (v === null || v === undefined ? "" : v)));
  const width = Math.max(...rect.map((r) => r.length));
  for (const r of rect) while (r.length < width) r.push("");
  const mock = officeMock({ sheets: [{ name: grid.name, values: rect }], ...extra });
  return { mock, grid, results: analyseWorkbook([grid]).sheets };
}

describe("proxies, as Office.js hands them out", () => {
  it("a property is read after load and sync, or once set; otherwise reading it throws PropertyNotLoaded at once", async () => {
    const { context } = small();
    const ws = context.workbook.worksheets.getItem("Prog 2019");
    expect(() => ws.name).toThrow(
      /The property 'name' is not available. Before reading the property's value, call the load method/,
    );
    ws.load("name");
    expect(() => ws.name).toThrow(/not available/);
    await context.sync();
    expect(ws.name).toBe("Prog 2019");
    const r = ws.getRange("B3");
    r.values = [["x"]];
    expect(r.values).toEqual([["x"]]);
    expect(() => r.numberFormat).toThrow(
      expect.objectContaining({
        code: "PropertyNotLoaded",
        // An asymmetric matcher is typed `any`.
        debugInfo: expect.objectContaining({ errorLocation: "Range.numberFormat" }) as unknown,
      }),
    );
  });

  it("writes and loads are queued and run at sync, in order; the used range, its address and merged areas as Excel gives them", async () => {
    const mock = small();
    const { context } = mock;
    const ws = context.workbook.worksheets.getItem("prog 2019"); // names without case, as Excel
    ws.getRange("C4").values = [[15]];
    const used = ws.getUsedRangeOrNullObject(true);
    used.load("address,rowIndex,columnIndex,rowCount,columnCount,values,numberFormat");
    const merged = ws.getRange().getMergedAreasOrNullObject();
    merged.load("address");
    expect(mock.sheet("Prog 2019")!.valuesOf({ r0: 3, c0: 2, r1: 3, c1: 2 })).toEqual([[10]]);
    await context.sync();
    expect(mock.syncs()).toBe(1);
    expect(used.address).toBe("'Prog 2019'!B3:C5");
    expect([used.rowIndex, used.columnIndex, used.rowCount, used.columnCount]).toEqual([2, 1, 3, 2]);
    expect(used.values).toEqual([
      ["Action", "Montant"],
      ["A", 15],
      ["B", 20],
    ]);
    expect(used.numberFormat).toEqual([
      ["General", "General"],
      ["General", "General"],
      ["General", "General"],
    ]);
    expect(merged.isNullObject).toBe(false);
    expect(merged.address).toBe("'Prog 2019'!B3:C3");
    expect(mock.sheet("Prog 2019")!.ranges.C4).toEqual({
      address: "C4",
      values: [[15]],
      format: { font: {}, fill: {} },
    });
    // A write beyond the used range widens it.
    ws.getRange("E7").values = [["x"]];
    const wider = ws.getUsedRangeOrNullObject(true);
    wider.load("address");
    await context.sync();
    expect(wider.address).toBe("'Prog 2019'!B3:E7");
  });

  it("*OrNullObject: isNullObject after the next sync, no load needed; getItem of a missing sheet fails the batch that uses it with ItemNotFound", async () => {
    const mock = small();
    const { context } = mock;
    const none = context.workbook.worksheets.getItemOrNullObject("Absente");
    const empty = context.workbook.worksheets.getItem("Notes").getUsedRangeOrNullObject(true);
    expect(() => none.isNullObject).toThrow(/isNullObject/);
    await context.sync();
    expect(none.isNullObject).toBe(true);
    expect(empty.isNullObject).toBe(true);
    const missing = context.workbook.worksheets.getItem("Absente");
    missing.getRange("A1").values = [["x"]];
    const e = await failure(context.sync());
    expect(e).toBeInstanceOf(mock.officeExtension.Error);
    expect(e).toMatchObject({
      name: "RichApi.Error",
      code: "ItemNotFound",
      message: "The requested resource doesn't exist.",
      debugInfo: { errorLocation: "WorksheetCollection.getItem" },
    });
    expect(mock.looked("Notes")).toBeDefined();
    expect(mock.looked("Prog 2019")).toBeUndefined();
  });

  it("a failing command: those queued before it have run, the rest are dropped, nothing the batch loaded is delivered", async () => {
    const mock = small();
    const { context } = mock;
    const ws = context.workbook.worksheets.getItem("Prog 2019");
    ws.getRange("B4").values = [["avant"]];
    const name = ws.load("name");
    context.workbook.worksheets.getItem("Absente").getRange("A1").values = [["x"]];
    ws.getRange("B5").values = [["après"]];
    expect((await failure(context.sync())).code).toBe("ItemNotFound");
    expect(mock.sheet("Prog 2019")!.valuesOf({ r0: 3, c0: 1, r1: 4, c1: 1 })).toEqual([["avant"], ["B"]]);
    expect(() => name.name).toThrow(/not available/);
    // The next batch starts afresh.
    ws.load("name");
    await context.sync();
    expect(ws.name).toBe("Prog 2019");
  });
});

describe("requirement sets", () => {
  it("isSetSupported answers from the sets missing, their later versions missing too", () => {
    const { office } = officeMock({ missing: ["ExcelApi 1.18"] });
    const is = office.context.requirements.isSetSupported;
    expect([
      is("ExcelApi", "1.17"),
      is("ExcelApi", "1.18"),
      is("ExcelApi", "1.19"),
      is("SharedRuntime", "1.1"),
    ]).toEqual([true, false, false, true]);
  });

  it("notes on an Excel without ExcelApi 1.18: handed out all the same, and the whole batch fails at sync with ApiNotFound, none of it run", async () => {
    const mock = officeMock({ sheets: ["Prog"], missing: ["ExcelApi 1.18"] });
    const { context } = mock;
    const ws = context.workbook.worksheets.getItem("Prog");
    ws.getRange("A1").format.fill.color = "#FDE7E9";
    ws.notes.add("A1", "Vérification FSE");
    const e = await failure(context.sync());
    expect(e).toMatchObject({
      code: "ApiNotFound",
      message: ERROR_MESSAGES.ApiNotFound,
      debugInfo: { errorLocation: "Worksheet.notes" },
    });
    expect(mock.usedWithout).toEqual(["Worksheet.notes"]);
    expect(mock.notes.size).toBe(0);
    expect(mock.sheet("Prog")!.fillOf("A1").color).toBe("#FFFFFF");
    // Once the host offers the set, the same batch runs.
    mock.supply("ExcelApi 1.18");
    ws.notes.add("A1", "Vérification FSE");
    await context.sync();
    expect([...mock.notes]).toEqual([["Prog!A1", "Vérification FSE"]]);
  });

  it("through the adapter: marks with notes forced on that Excel fail with ApiNotFound; asking the host, they are fills only", async () => {
    const { mock, grid, results } = programming({ missing: ["ExcelApi 1.18"] });
    expect((await failure(applyMarks(mock.context, results, { notes: true }))).code).toBe("ApiNotFound");
    expect(mock.notes.size).toBe(0);
    // The uses of the notes API, all in the refused batch.
    const uses = mock.usedWithout.length;
    expect(uses).toBeGreaterThan(0);
    expect(new Set(mock.usedWithout)).toEqual(new Set(["Worksheet.notes"]));
    const summary = await mock.withGlobals(() => applyMarks(mock.context, results));
    expect(summary.notes).toBe(0);
    expect(summary.cells).toBeGreaterThan(3);
    expect(mock.sheet(grid.name)!.fills.size).toBe(summary.cells);
    expect(mock.usedWithout).toHaveLength(uses);
  });
});

describe("Excel's errors the pane puts in words, at sync", () => {
  it("a protected sheet: reading works, every write fails with AccessDenied; marking it fails so, and nothing is marked", async () => {
    const { mock, grid, results } = programming();
    mock.protect(grid.name);
    const grids = await checkWorkbook(mock.context, "active");
    expect(grids.sheets[0].totals.lineCount).toBe(20);
    const e = await failure(applyMarks(mock.context, results));
    expect(e).toMatchObject({ code: "AccessDenied", message: "You cannot perform the requested operation." });
    expect(mock.sheet(grid.name)!.fills.size).toBe(0);
    expect(mock.notes.size).toBe(0);
    mock.protect(grid.name, false);
    expect((await applyMarks(mock.context, results)).cells).toBeGreaterThan(3);
    expect((await clearMarks(mock.context)).restored).toBeGreaterThan(3);
  });

  it("a workbook open read-only: Workbook.readOnly says it; the COPIL report and the settings fail with AccessDenied, reading works", async () => {
    const { mock, results } = programming({ readOnly: true });
    const wb = mock.context.workbook;
    wb.load("readOnly");
    await mock.context.sync();
    expect(wb.readOnly).toBe(true);
    expect(mock.office.context.document.mode).toBe(mock.office.DocumentMode.ReadOnly);
    const e = await failure(
      writeCopilReport(mock.context, { sheets: results, skipped: [] } as unknown as Parameters<
        typeof writeCopilReport
      >[1]),
    );
    expect(e.code).toBe("AccessDenied");
    expect(mock.added()).toEqual([]);
    expect((await failure(saveSettings(mock.context, defaultSettings()))).code).toBe("AccessDenied");
    expect(await loadSettings(mock.context)).toEqual({ settings: defaultSettings(), problems: [] });
  });

  it("a cell being edited: every round trip fails with InvalidOperationInCellEditMode; Excel.run with delayForCellEdit waits for the user", async () => {
    const { mock } = programming({ cellEditMode: true });
    const e = await failure(mock.excel.run((c) => checkWorkbook(c, "active")));
    expect(e).toMatchObject({
      code: "InvalidOperationInCellEditMode",
      message: ERROR_MESSAGES.InvalidOperationInCellEditMode,
    });
    expect(e.message).toMatch(/^Excel is in cell-editing mode/);
    // A sync with nothing queued makes no round trip: it does not fail.
    await mock.context.sync();
    const checked = await mock.excel.run({ delayForCellEdit: true }, (c) => checkWorkbook(c, "active"));
    expect(checked.sheets[0].totals.lineCount).toBe(20);
    mock.setCellEditMode();
    expect((await failure(saveSettings(mock.context, defaultSettings()))).code).toBe("InvalidOperationInCellEditMode");
  });

  it("each of them is one the pane puts in words (not its 'Échec : message' for errors it does not know)", async () => {
    const words = async (
      extra: Parameters<typeof officeMock>[0],
      run: (m: OfficeMock, results: ReturnType<typeof programming>["results"]) => Promise<unknown>,
    ) => {
      const { mock, results } = programming(extra);
      const e = await failure(mock.withGlobals(() => run(mock, results)));
      const readOnly = mock.office.context.document.mode === mock.office.DocumentMode.ReadOnly;
      return { code: errorCode(e), fr: errorWords(e, "fr", readOnly), en: errorWords(e, "en", readOnly) };
    };
    const seen = [
      await words({}, (m, r) => {
        m.protect(0);
        return applyMarks(m.context, r);
      }),
      await words({ readOnly: true }, (m, r) => applyMarks(m.context, r)),
      await words({ cellEditMode: true }, (m) => m.excel.run((c) => checkWorkbook(c, "active"))),
      await words({ missing: ["ExcelApi 1.18"] }, (m, r) => applyMarks(m.context, r, { notes: true })),
      await words({}, (m) =>
        m.excel.run((c) =>
          checkWorkbook(c, "active")
            .then(() => c.workbook.worksheets.getItem("Absente").load("name"))
            .then(() => c.sync()),
        ),
      ),
    ];
    expect(seen.map((s) => s.code)).toEqual([
      "AccessDenied",
      "AccessDenied",
      "InvalidOperationInCellEditMode",
      "ApiNotFound",
      "ItemNotFound",
    ]);
    for (const s of seen) {
      expect(s.fr).not.toMatch(/^Échec/);
      expect(s.en).not.toMatch(/^Failed/);
    }
    // A protected sheet and a read-only workbook are told apart.
    expect(seen[0].fr).not.toBe(seen[1].fr);
  });

  it("failNextSync and failOn: a chosen error, a code with Microsoft's message or an Error as is", async () => {
    const mock = small();
    const { context } = mock;
    mock.failNextSync("GeneralException");
    context.workbook.worksheets.getItem("Notes").getRange("A1").values = [["x"]];
    expect(await failure(context.sync())).toMatchObject({
      code: "GeneralException",
      message: ERROR_MESSAGES.GeneralException,
    });
    expect(mock.sheet("Notes")!.ranges).toEqual({});
    mock.failOn("Application.calculate", new Error("calcul impossible"));
    context.workbook.application.calculate("Full" as Excel.CalculationType);
    expect((await failure(context.sync())).message).toBe("calcul impossible");
    mock.failOn("Application.calculate", null);
    context.workbook.application.calculate("Full" as Excel.CalculationType);
    await context.sync();
    expect(mock.calculations).toEqual(["Full"]);
  });
});

describe("the Office and Excel globals", () => {
  it("Excel.run hands out the one context and ends with a round trip of what is still queued, not counted as a sync", async () => {
    const mock = small();
    const sync = vi.spyOn(mock.context, "sync");
    const same = await mock.excel.run((c) => {
      c.workbook.worksheets.getItem("Notes").getRange("A1").values = [["fin"]];
      return Promise.resolve(c);
    });
    expect(same).toBe(mock.context);
    expect(new mock.excel.RequestContext()).toBe(mock.context);
    expect(sync).not.toHaveBeenCalled();
    expect(mock.syncs()).toBe(0);
    expect(mock.runs()).toBe(1);
    expect(mock.sheet("Notes")!.ranges.A1.values).toEqual([["fin"]]);
  });

  it("install puts Office, Excel and OfficeExtension on globalThis and takes them back; a late host library arrives", async () => {
    const g = globalThis as Record<string, unknown>;
    const mock = officeMock({ late: true, displayLanguage: "en-US" });
    let ready = false;
    const onReady = mock.office.onReady().then((info) => {
      ready = true;
      return info;
    });
    const uninstall = mock.install();
    try {
      expect((g.Office as typeof mock.office).context.displayLanguage).toBe("en-US");
      expect(g.Excel).toBeUndefined();
      await new Promise((r) => setTimeout(r, 5));
      expect(ready).toBe(false);
      mock.arrive();
      expect(await onReady).toEqual({ host: "Excel", platform: "PC" });
      expect(g.Excel).toBe(mock.excel);
      expect(mock.globals.Excel).toBe(mock.excel);
    } finally {
      uninstall();
    }
    expect(g.Office).toBeUndefined();
    expect(g.Excel).toBeUndefined();
    expect(g.OfficeExtension).toBeUndefined();
  });

  it("change events: a handler registered and removed at sync; change() raises it with the sheet's id", async () => {
    const mock = small();
    const seen: string[] = [];
    const reg = mock.context.workbook.worksheets.onChanged.add((args) => {
      seen.push(`${args.worksheetId} ${args.address}`);
      return Promise.resolve();
    });
    expect(mock.handlers).toHaveLength(0);
    await mock.context.sync();
    expect(mock.handlers).toHaveLength(1);
    mock.change(mock.sheet("Prog 2019")!.id, { address: "C4" });
    reg.remove();
    await mock.context.sync();
    mock.change("{S1}");
    expect(seen).toEqual(["{S1} C4"]);
  });

  it("the pane shown and hidden: Office.addin.onVisibilityModeChanged", async () => {
    const mock = officeMock();
    const modes: string[] = [];
    const off = await mock.office.addin.onVisibilityModeChanged((m) => void modes.push(m.visibilityMode));
    mock.setVisibility("Hidden");
    await mock.office.addin.showAsTaskpane();
    await off();
    mock.setVisibility("Hidden");
    expect(modes).toEqual(["Hidden", "Taskpane"]);
  });
});
