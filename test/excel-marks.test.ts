/// <reference types="office-js" />
import * as path from "path";
import { describe, expect, it, vi } from "vitest";
import { syntheticProgramming } from "../scripts/workbook-writer";
import { readWorkbook } from "../src/cli/read";
import { allFindings, type SheetResult } from "../src/domain/check";
import { applyMarks, clearMarks, MARK_FILLS, MARKS_KEY, markTargets } from "../src/excel/marks";
import { analyseWorkbook } from "../src/sheet/workbook";
import { analyseOptionsOf, defaultSettings } from "../src/excel/settings";
import { FONDATION_ROLE, FONDATION_ROWS, FONDATION_SHEET_NAME } from "./column-roles-sample";
import { FILL_PROPERTIES, officeMock, type Fill } from "./office-mock";
import { readJson } from "./report-json";

const FIXTURES = path.resolve(__dirname, "../../shared/fixtures");

const FILL_PROPS = FILL_PROPERTIES.join(",");

/**
 * A workbook with cell fills (`fills`) and notes (`notes`, the live map) by
 * `Sheet!A1`, and custom settings (`settings`, the live map). `api.notes =
 * false` plays an Excel without notes (ExcelApi 1.18 missing: Excel 2021,
 * 2024 LTSC), where a batch that uses `worksheet.notes` fails at sync;
 * `api.notesUsedWithout` counts those uses.
 */
function workbookMock(
  sheetNames: readonly string[],
  fills: Record<string, Partial<Fill>> = {},
  notes: Record<string, string> = {},
) {
  const mock = officeMock({ sheets: sheetNames, fills, notes });
  const api = {
    set notes(on: boolean) {
      if (on) mock.supply("ExcelApi 1.18");
      else mock.lack("ExcelApi 1.18");
    },
    get notesUsedWithout(): number {
      return mock.usedWithout.filter((member) => member === "Worksheet.notes").length;
    },
  };
  return { ...mock, api };
}

/** The fills and notes of cells, read as an add-in would (outside the counted syncs). */
async function snapshot(
  context: Excel.RequestContext,
  notes: Map<string, string>,
  sheet: string,
  cells: readonly string[],
) {
  const ws = context.workbook.worksheets.getItem(sheet);
  const fills = cells.map((c) => {
    const f = ws.getRange(c).format.fill;
    f.load(FILL_PROPS);
    return f;
  });
  await context.sync();
  return cells.map((c, i) => {
    const f = fills[i];
    return {
      cell: c,
      fill: {
        color: f.color,
        pattern: f.pattern,
        patternColor: f.patternColor,
        tintAndShade: f.tintAndShade,
        patternTintAndShade: f.patternTintAndShade,
      },
      note: notes.get(`${sheet}!${c}`) ?? null,
    };
  });
}

async function results2015(): Promise<SheetResult[]> {
  return analyseWorkbook(await readWorkbook(path.join(FIXTURES, "programmation-2015.xlsx"))).sheets;
}

const SHEET = "Programmation 2015";
const FAILING_2015 = ["L5", "L6", "M11", "M12", "M14", "M15", "L16", "M17", "L19", "E21"];

describe("applyMarks / clearMarks", () => {
  it("marks the 2015 fixture's failing cells with a colour and a note in words, in 2 syncs", async () => {
    const results = await results2015();
    expect(markTargets(results).map((t) => t.cell)).toEqual(FAILING_2015);
    const { context, notes, settings } = workbookMock([SHEET]);
    const sync = vi.spyOn(context, "sync");
    const summary = await applyMarks(context, results);
    expect(sync).toHaveBeenCalledTimes(2);
    expect(summary).toMatchObject({ cells: 10, notes: 10, bySeverity: { error: 10, warning: 0, info: 0 } });
    sync.mockRestore();
    const after = await snapshot(context, notes, SHEET, FAILING_2015);
    for (const a of after) expect(a.fill.color).toBe(MARK_FILLS.error);
    expect(after[0].note).toMatch(
      /^Vérification FSE\n• Erreur \(FSE_RATE_ABOVE_CAP\)\u00a0: Taux FSE de .* au-dessus du plafond de 50,00/,
    );
    expect(after[6].note).toContain("FSE_BELOW_FLOOR");
    expect(after[9].note).toContain("Ligne TOTAL");
    expect(settings.has(MARKS_KEY)).toBe(true);
  });

  it("clear restores the original fills and notes exactly, in 2 syncs", async () => {
    const results = await results2015();
    const fills = {
      [`${SHEET}!L5`]: { color: "#FFFF00", pattern: "Solid" },
      [`${SHEET}!L6`]: {
        color: "#C6EFCE",
        pattern: "Gray25",
        patternColor: "#006100",
        tintAndShade: 0.4,
        patternTintAndShade: -0.25,
      },
    };
    const { context, notes, settings } = workbookMock([SHEET], fills, {
      [`${SHEET}!M11`]: "voté au COPIL du 14 mars",
      [`${SHEET}!A1`]: "titre",
    });
    const cells = [...FAILING_2015, "A1", "B2"];
    const before = await snapshot(context, notes, SHEET, cells);
    const sync = vi.spyOn(context, "sync");
    await applyMarks(context, results);
    expect(sync).toHaveBeenCalledTimes(2);
    // The user's own note is kept, the findings follow it.
    expect(notes.get(`${SHEET}!M11`)).toMatch(/^voté au COPIL du 14 mars\n\nVérification FSE\n/);
    sync.mockClear();
    const cleared = await clearMarks(context);
    expect(sync).toHaveBeenCalledTimes(2);
    expect(cleared.restored).toBe(10);
    sync.mockRestore();
    expect(await snapshot(context, notes, SHEET, cells)).toEqual(before);
    expect([...notes.entries()].sort()).toEqual([
      [`${SHEET}!A1`, "titre"],
      [`${SHEET}!M11`, "voté au COPIL du 14 mars"],
    ]);
    expect(settings.has(MARKS_KEY)).toBe(false);
  });

  it("marking twice keeps the first originals and restores cells that became clean", async () => {
    const results = await results2015();
    const { context, notes } = workbookMock([SHEET], { [`${SHEET}!L5`]: { color: "#FFFF00", pattern: "Solid" } });
    const before = await snapshot(context, notes, SHEET, FAILING_2015);
    await applyMarks(context, results);
    // Second run: only the first two cells still have findings.
    const fewer = results.map((s) => ({
      ...s,
      tables: [],
      findings: allFindings(s).filter((f) => f.cell === "L5" || f.cell === "L6"),
    })) as unknown as SheetResult[];
    const summary = await applyMarks(context, fewer);
    expect(summary.cells).toBe(2);
    expect(summary.restored).toBe(8);
    const mid = await snapshot(context, notes, SHEET, FAILING_2015);
    expect(mid.slice(2)).toEqual(before.slice(2));
    expect(mid[0].fill.color).toBe(MARK_FILLS.error);
    await clearMarks(context);
    expect(await snapshot(context, notes, SHEET, FAILING_2015)).toEqual(before);
  });

  it("clear without marks does nothing (1 sync)", async () => {
    const { context } = workbookMock([SHEET]);
    const sync = vi.spyOn(context, "sync");
    expect(await clearMarks(context)).toEqual({ restored: 0, notesLeft: [] });
    expect(sync).toHaveBeenCalledTimes(1);
  });

  it("the sync count does not grow from 20 to 2 000 lines", async () => {
    const counts: number[] = [];
    for (const n of [20, 2000]) {
      const grid = syntheticProgramming(n).grid;
      const results = analyseWorkbook([grid]).sheets;
      const targets = markTargets(results);
      expect(targets.length).toBeGreaterThan(n === 20 ? 3 : 300);
      const { context, notes } = workbookMock([grid.name]);
      const cells = targets.map((t) => t.cell);
      const before = await snapshot(context, notes, grid.name, cells);
      const sync = vi.spyOn(context, "sync");
      await applyMarks(context, results);
      const marks = sync.mock.calls.length;
      sync.mockClear();
      await clearMarks(context);
      counts.push(marks, sync.mock.calls.length);
      sync.mockRestore();
      expect(await snapshot(context, notes, grid.name, cells)).toEqual(before);
      expect(notes.size).toBe(0);
    }
    expect(counts).toEqual([2, 2, 2, 2]);
  });

  it("without the notes API, colours only", async () => {
    const results = await results2015();
    const { context, notes } = workbookMock([SHEET]);
    const summary = await applyMarks(context, results, { notes: false });
    expect(summary.notes).toBe(0);
    expect(notes.size).toBe(0);
  });
});

describe("an Excel without notes (ExcelApi 1.18 absent: Excel 2021, 2024 LTSC)", () => {
  const FILLS = {
    [`${SHEET}!L5`]: { color: "#FFFF00", pattern: "Solid" },
    [`${SHEET}!L6`]: {
      color: "#C6EFCE",
      pattern: "Gray25",
      patternColor: "#006100",
      tintAndShade: 0.4,
      patternTintAndShade: -0.25,
    },
  };
  const USER_NOTES = { [`${SHEET}!M11`]: "voté au COPIL du 14 mars", [`${SHEET}!A1`]: "titre" };
  const ORIGINAL_NOTES = [
    [`${SHEET}!A1`, "titre"],
    [`${SHEET}!M11`, "voté au COPIL du 14 mars"],
  ];
  const LEFT = FAILING_2015.map((c) => `${SHEET}!${c}`);

  it("marks written with notes (Microsoft 365), cleared without notes: fills restored, notes left and named, in 2 syncs; cleared again with notes: as before", async () => {
    const results = await results2015();
    // Without Office.js the adapter takes every set as supported; inside withGlobals the mock's Office answers.
    const { context, notes, settings, api, withGlobals } = workbookMock([SHEET], FILLS, USER_NOTES);
    const cells = [...FAILING_2015, "A1", "B2"];
    const before = await snapshot(context, notes, SHEET, cells);
    await applyMarks(context, results);
    expect(notes.size).toBe(11);

    // Opened on Excel 2021: the host says it has no ExcelApi 1.18.
    api.notes = false;
    const sync = vi.spyOn(context, "sync");
    let cleared: Awaited<ReturnType<typeof clearMarks>> | null = null;
    await withGlobals(async () => {
      cleared = await clearMarks(context);
    });
    expect(sync).toHaveBeenCalledTimes(2);
    expect(api.notesUsedWithout).toBe(0);
    expect(cleared).toEqual({ restored: 0, notesLeft: LEFT });
    sync.mockRestore();
    const mid = await snapshot(context, notes, SHEET, cells);
    // Every fill is back; the marks' notes are still on their cells (the user's own note first).
    expect(mid.map((m) => m.fill)).toEqual(before.map((b) => b.fill));
    expect(notes.size).toBe(11);
    expect(notes.get(`${SHEET}!M11`)).toMatch(/^voté au COPIL du 14 mars\n\nVérification FSE\n/);
    expect(notes.get(`${SHEET}!L5`)).toMatch(/^Vérification FSE\n/);
    // The record keeps those cells, their fills marked as restored.
    const kept = readJson<{ cells: { cell: string; fillRestored?: boolean }[] }>(settings.get(MARKS_KEY) as string);
    expect(kept.cells.map((c: { cell: string; fillRestored?: boolean }) => [c.cell, c.fillRestored])).toEqual(
      FAILING_2015.map((c) => [c, true]),
    );

    // Clearing again there changes nothing and says the same.
    expect(await clearMarks(context, { notes: false })).toEqual({ restored: 0, notesLeft: LEFT });
    expect(api.notesUsedWithout).toBe(0);

    // Back on Microsoft 365: the notes are put back; the fills are not touched again.
    api.notes = true;
    const sync2 = vi.spyOn(context, "sync");
    expect(await clearMarks(context)).toEqual({ restored: 10, notesLeft: [] });
    expect(sync2).toHaveBeenCalledTimes(2);
    sync2.mockRestore();
    expect(await snapshot(context, notes, SHEET, cells)).toEqual(before);
    expect([...notes.entries()].sort()).toEqual(ORIGINAL_NOTES);
    expect(settings.has(MARKS_KEY)).toBe(false);
  });

  it("marks written and cleared without notes: colours only, everything restored, 2 syncs each", async () => {
    const results = await results2015();
    // Without Office.js the adapter takes every set as supported; inside withGlobals the mock's Office answers.
    const { context, notes, settings, api, withGlobals } = workbookMock([SHEET], FILLS, USER_NOTES);
    const cells = [...FAILING_2015, "A1", "B2"];
    const before = await snapshot(context, notes, SHEET, cells);
    api.notes = false;
    await withGlobals(async () => {
      const sync = vi.spyOn(context, "sync");
      const summary = await applyMarks(context, results);
      expect(summary).toMatchObject({ cells: 10, notes: 0, notesLeft: [] });
      expect(sync).toHaveBeenCalledTimes(2);
      sync.mockClear();
      expect(await clearMarks(context)).toEqual({ restored: 10, notesLeft: [] });
      expect(sync).toHaveBeenCalledTimes(2);
      sync.mockRestore();
    });
    expect(api.notesUsedWithout).toBe(0);
    expect(await snapshot(context, notes, SHEET, cells)).toEqual(before);
    expect([...notes.entries()].sort()).toEqual(ORIGINAL_NOTES);
    expect(settings.has(MARKS_KEY)).toBe(false);
  });

  it("marking again without notes restores the cells now clean and names the notes left; a cell whose fill was changed meanwhile keeps the new fill as its original", async () => {
    const results = await results2015();
    const { context, notes, api } = workbookMock([SHEET], FILLS, USER_NOTES);
    const cells = [...FAILING_2015, "A1", "B2"];
    const before = await snapshot(context, notes, SHEET, cells);
    await applyMarks(context, results);
    api.notes = false;
    await clearMarks(context, { notes: false });
    // The user fills L6 green after that clear, then marks again on Excel 2021: L5 and L6 still fail.
    const l6 = context.workbook.worksheets.getItem(SHEET).getRange("L6").format.fill;
    l6.color = "#00FF00";
    l6.pattern = "Solid";
    const fewer = results.map((s) => ({
      ...s,
      tables: [],
      findings: allFindings(s).filter((f) => f.cell === "L5" || f.cell === "L6"),
    })) as unknown as SheetResult[];
    const summary = await applyMarks(context, fewer, { notes: false });
    expect(summary).toMatchObject({ cells: 2, notes: 0, restored: 8, notesLeft: LEFT.slice(2) });
    expect(api.notesUsedWithout).toBe(0);
    // Back on Microsoft 365, cleared: every note as it was, L6 with the user's green.
    api.notes = true;
    expect(await clearMarks(context)).toEqual({ restored: 10, notesLeft: [] });
    const after = await snapshot(context, notes, SHEET, cells);
    expect(after[1].fill).toMatchObject({ color: "#00FF00", pattern: "Solid" });
    expect(after.filter((_, i) => i !== 1)).toEqual(before.filter((_, i) => i !== 1));
    expect([...notes.entries()].sort()).toEqual(ORIGINAL_NOTES);
  });
});

describe("marks follow the column roles of the settings", () => {
  it("an unknown header and the lines it unbalances are marked; once the role is saved, none of them", () => {
    const grid = { name: FONDATION_SHEET_NAME, values: FONDATION_ROWS };
    const before = analyseWorkbook([grid], analyseOptionsOf(defaultSettings())).sheets;
    expect(markTargets(before).map((t) => [t.cell, t.severity])).toEqual([
      ["M3", "warning"],
      ["E4", "error"],
      ["E5", "error"],
    ]);
    const after = analyseWorkbook([grid], analyseOptionsOf({ ...defaultSettings(), columns: [FONDATION_ROLE] })).sheets;
    expect(markTargets(after)).toEqual([]);
  });
});
