/// <reference types="office-js" />
import * as path from "path";
import { describe, expect, it, vi } from "vitest";
import { syntheticProgramming } from "../scripts/workbook-writer";
import { readWorkbook } from "../src/cli/read";
import { checkWorkbook, readProgrammingSheets } from "../src/excel/read";
import { areasOfAddress } from "../src/excel/host";
import { defaultSettings } from "../src/excel/settings";
import type { CellValue, SheetGrid } from "../src/sheet/grid";
import { analyseWorkbook } from "../src/sheet/workbook";
import { allFindings } from "../src/domain/check";
import {
  FONDATION_CENTS,
  FONDATION_COL,
  FONDATION_ROLE,
  FONDATION_SHEET_NAME,
  fondationRectangle,
} from "./column-roles-sample";
import { GROUP, HEADER, op } from "./helpers";
import { officeMock, type SheetSeed } from "./office-mock";

const FIXTURES = path.resolve(__dirname, "../../shared/fixtures");

/** What Excel's range.values gives: a rectangle, "" for blank cells. */
function rectangle(values: readonly (readonly CellValue[])[]): (string | number | boolean)[][] {
  const width = Math.max(0, ...values.map((r) => r.length));
  return values.map((r) => Array.from({ length: width }, (_, c) => (r[c] === null || r[c] === undefined ? "" : r[c])));
}

/** A sheet as Excel holds it: values from its 0-based top-left (row, col), merged areas, number formats. */
type SeededSheet = SheetSeed & { values: (string | number | boolean)[][] };

/** "General" for every cell, as Excel gives an unformatted range's numberFormat. */
const general = (values: readonly (readonly unknown[])[]): string[][] => values.map((r) => r.map(() => "General"));

/** The workbook of those sheets, the `active`-th one active. */
function workbookMock(sheets: readonly SeededSheet[], active = 0): Excel.RequestContext {
  return officeMock({ sheets, active }).context;
}

async function fixture(year: number): Promise<SheetGrid> {
  return (await readWorkbook(path.join(FIXTURES, `programmation-${year}.xlsx`)))[0];
}
const seeded = (g: SheetGrid, extra: Partial<SeededSheet> = {}): SeededSheet => ({
  name: g.name,
  values: rectangle(g.values),
  merges: g.merges,
  ...extra,
});

describe("readProgrammingSheets", () => {
  it("reads the 2019 fixture as Excel gives it: 13 operations, FSE 557 250,11 €", async () => {
    const g = await fixture(2019);
    const context = workbookMock([seeded(g)]);
    const sync = vi.spyOn(context, "sync");
    const grids = await readProgrammingSheets(context, "active");
    expect(sync).toHaveBeenCalledTimes(2);
    expect(grids).toHaveLength(1);
    expect(grids[0].name).toBe("Programmation 2019");
    expect(grids[0].origin).toEqual({ row: 0, col: 0 });
    expect(grids[0].merges).toEqual(["A2:E2", "F2:L2", "M2:O2", "A19:E19", "F19:L19", "M19:O19"]);
    const r = analyseWorkbook(grids);
    expect(r.sheets[0].totals.lineCount).toBe(13);
    expect(r.sheets[0].totals.fse).toBe(55725011);
    expect(r.sheets[0].budget.fse).toBe(60000000);
    expect(r.sheets[0].underProgramming.fse).toBe(4274989);
  });

  it("keeps the used range's origin, so findings carry sheet addresses", async () => {
    const g = await fixture(2015);
    // The same table starting at C4 instead of A1.
    const context = workbookMock([seeded(g, { row: 3, col: 2, merges: [] })]);
    const grids = await readProgrammingSheets(context, "active");
    expect(grids[0].origin).toEqual({ row: 3, col: 2 });
    const r = analyseWorkbook(grids);
    const cells = r.sheets[0].tables[0].checks
      .allFindingLists()
      .flat()
      .map((f) => f.cell);
    // L5 in the fixture is two columns right and three rows down here.
    expect(cells).toContain("N8");
    expect(cells).not.toContain("L5");
  });

  it("converts error values, booleans and blanks as range.values gives them", async () => {
    const g = await fixture(2019);
    const values = rectangle(g.values);
    values[4][11] = "#REF!";
    values[5][11] = true;
    const grids = await readProgrammingSheets(workbookMock([seeded(g, { values })]), "active");
    expect(grids[0].values[4][11]).toBe("#REF!");
    const r = analyseWorkbook(grids);
    const codes = r.sheets[0].tables[0].checks
      .allFindingLists()
      .flat()
      .filter((f) => f.code === "INVALID_AMOUNT")
      .map((f) => `${f.cell}:${f.data.reason}`);
    expect(codes).toEqual(["L5:error_value", "L6:boolean"]);
  });

  it("reads every sheet in 3 syncs (≤ S + 2), and the count does not grow from 20 to 2 000 lines", async () => {
    const counts: number[] = [];
    for (const n of [20, 2000]) {
      const a = syntheticProgramming(n, { year: 2019 }).grid;
      const b = syntheticProgramming(n, { year: 2020, seed: 7 }).grid;
      const context = workbookMock([
        seeded({ ...a, name: "Programmation 2019" }),
        seeded({ ...b, name: "Programmation 2020" }),
        { name: "Notes", values: [["voté au COPIL du 14 mars 2019"]] },
        { name: "Vide", values: [] },
      ]);
      const sync = vi.spyOn(context, "sync");
      const grids = await readProgrammingSheets(context, "all");
      counts.push(sync.mock.calls.length);
      expect(grids.map((x) => x.name)).toEqual(["Programmation 2019", "Programmation 2020", "Notes", "Vide"]);
      const r = analyseWorkbook(grids);
      expect(r.sheets.map((s) => s.totals.lineCount)).toEqual([n, n]);
      expect(r.skipped).toEqual(["Notes", "Vide"]);
    }
    expect(counts).toEqual([3, 3]);
    expect(counts[1]).toBeLessThanOrEqual(4 + 2);
  });

  it("fetches a huge used range in row blocks, and the grid is the same", async () => {
    const g = syntheticProgramming(2000).grid;
    const whole = await readProgrammingSheets(workbookMock([seeded(g)]), "active");
    const context = workbookMock([seeded(g)]);
    const sync = vi.spyOn(context, "sync");
    const blocks = await readProgrammingSheets(context, "active", { maxCellsPerSync: 10_000 });
    expect(blocks[0].values).toEqual(whole[0].values);
    // 1 sync for the shape, then ceil(2 012 rows × 16 / 10 000) value syncs.
    const rows = whole[0].values.length;
    const cols = whole[0].values[0].length;
    const perBlock = Math.floor(10_000 / cols);
    expect(sync).toHaveBeenCalledTimes(1 + Math.ceil(rows / perBlock));
  });

  it("leaves out the report sheets it wrote", async () => {
    const g = await fixture(2019);
    const grids = await readProgrammingSheets(
      workbookMock([
        seeded(g),
        { name: "Rapport COPIL", values: [["x"]] },
        { name: "Rapport COPIL (2)", values: [["x"]] },
        { name: "Rapport COPIL 2", values: [["x"]] },
      ]),
      "all",
    );
    expect(grids.map((x) => x.name)).toEqual(["Programmation 2019", "Rapport COPIL 2"]);
  });
});

describe("checkWorkbook", () => {
  it("checks with the settings' rules and aliases", async () => {
    const g = await fixture(2015);
    const base = await checkWorkbook(workbookMock([seeded(g)]), "active");
    const lines = base.sheets[0].tables.flatMap((t) => t.lines);
    expect(lines.filter((l) => l.classification === "lettre_de_commande")).toHaveLength(9);
    // A 60 % cap (FSE+ 2021–2027 in Côte-d'Or) leaves fewer order letters.
    const sixty = await checkWorkbook(workbookMock([seeded(g)]), "active", { ...defaultSettings(), cap: 0.6 });
    const letters60 = sixty.sheets[0].tables
      .flatMap((t) => t.lines)
      .filter((l) => l.classification === "lettre_de_commande").length;
    expect(letters60).toBeLessThan(9);
    expect(sixty.grids).toHaveLength(1);
  });
});

describe("number formats, read with the values", () => {
  /** The sample with euro formats on the amounts and a percent format on %FSE (J). */
  function formatted(): { values: (string | number | boolean)[][]; formats: string[][] } {
    const values = fondationRectangle();
    const formats = general(values);
    for (let r = 3; r < values.length; r++) {
      for (let c = 4; c < values[r].length; c++) formats[r][c] = c === 9 ? "0.00%" : '#,##0.00\\ "€"';
    }
    return { values, formats };
  }

  it("each cell's numberFormat comes with its value in the same round trip: still 2 syncs for the active sheet", async () => {
    const { values, formats } = formatted();
    const context = workbookMock([{ name: FONDATION_SHEET_NAME, values, formats }]);
    const sync = vi.spyOn(context, "sync");
    const grids = await readProgrammingSheets(context, "active");
    expect(sync).toHaveBeenCalledTimes(2);
    expect(grids[0].values).toEqual(values);
    expect(grids[0].numberFormats).toEqual(formats);
    expect(grids[0].numberFormats![3]![9]).toBe("0.00%");
    expect(grids[0].numberFormats![0]![0]).toBe("General");
  });

  it("every sheet: 3 syncs, each grid with its own formats", async () => {
    const { values, formats } = formatted();
    const context = workbookMock([
      { name: FONDATION_SHEET_NAME, values, formats },
      { name: "Notes", values: [["x", 0.5]], formats: [["@", "0%"]] },
    ]);
    const sync = vi.spyOn(context, "sync");
    const grids = await readProgrammingSheets(context, "all");
    expect(sync).toHaveBeenCalledTimes(3);
    expect(grids.map((g) => g.numberFormats)).toEqual([formats, [["@", "0%"]]]);
  });

  it("row blocks: the formats are put together like the values, and the sync count is the values' own", async () => {
    const g = syntheticProgramming(2000).grid;
    const values = rectangle(g.values);
    const formats = general(values).map((r, i) => r.map((f, c) => (i > 2 && c === 4 ? "#,##0.00" : f)));
    const context = workbookMock([{ name: g.name, values, formats }]);
    const sync = vi.spyOn(context, "sync");
    const blocks = await readProgrammingSheets(context, "active", { maxCellsPerSync: 10_000 });
    expect(blocks[0].values).toEqual(values);
    expect(blocks[0].numberFormats).toEqual(formats);
    const perBlock = Math.floor(10_000 / values[0].length);
    expect(sync).toHaveBeenCalledTimes(1 + Math.ceil(values.length / perBlock));
  });

  it("a financer column formatted as percent is a rate in the pane as in the CLI, never money", async () => {
    // M "Région": 10 % and 120 % of the cost, formatted as percentages (120 % is outside [0; 1]: only the format tells).
    const rows = [
      ["Programmation PLIE 2021"],
      GROUP,
      [...HEADER, "Région"],
      [...op("OS1-422C", "Atelier", "Alpha", 60000, { fse2: 25000, dm: 35000 }), 0.1],
      [...op("OS1-422C", "Chantier", "Beta", 40000, { fse2: 20000, dm: 20000 }), 1.2],
    ];
    const values = rectangle(rows);
    const formats = general(values);
    formats[3][FONDATION_COL] = "0%";
    formats[4][FONDATION_COL] = "0%";
    const grids = await readProgrammingSheets(
      workbookMock([{ name: "Programmation 2021", values, formats }]),
      "active",
    );
    const withFormats = analyseWorkbook(grids).sheets[0];
    const rate = allFindings(withFormats).filter((f) => f.code === "COLUMN_READ_AS_RATE");
    expect(rate.map((f) => [f.cell, f.data.reason])).toEqual([["M3", "percent_format"]]);
    expect(withFormats.totals.byFinancer.conseil_regional ?? 0).toBe(0);
    expect(allFindings(withFormats).filter((f) => f.code === "UNBALANCED")).toEqual([]);
    // The same values without their formats: 0,10 € and 1,20 € of Région.
    const bare = analyseWorkbook([{ ...grids[0], numberFormats: undefined }]).sheets[0];
    expect(bare.totals.byFinancer.conseil_regional).toBe(130);
  });
});

describe("the user's column roles in the workbook's settings", () => {
  it("checkWorkbook reads an unknown header with the role saved for it", async () => {
    const seededSample = (): SeededSheet => ({ name: FONDATION_SHEET_NAME, values: fondationRectangle() });
    const before = (await checkWorkbook(workbookMock([seededSample()]), "active")).sheets[0];
    expect(
      allFindings(before)
        .filter((f) => f.code === "UNKNOWN_COLUMN")
        .map((f) => [f.cell, f.data.header]),
    ).toEqual([["M3", "Fondation X"]]);
    expect(
      allFindings(before)
        .filter((f) => f.code === "UNBALANCED")
        .map((f) => f.row),
    ).toEqual([4, 5]);
    expect(before.totals.byFinancer.fonds_prives).toBeUndefined();

    const after = (
      await checkWorkbook(workbookMock([seededSample()]), "active", { ...defaultSettings(), columns: [FONDATION_ROLE] })
    ).sheets[0];
    expect(allFindings(after).filter((f) => f.code === "UNKNOWN_COLUMN" || f.code === "UNBALANCED")).toEqual([]);
    expect(after.totals.byFinancer.fonds_prives).toBe(FONDATION_CENTS.fondsPrives);
    expect(after.totals.fse).toBe(FONDATION_CENTS.fse);
    expect(after.totals.totalCost).toBe(FONDATION_CENTS.totalCost);
    expect(after.totals.byFinancer.dijon_metropole).toBe(FONDATION_CENTS.dijonMetropole);
    expect(after.totals.byFinancer.conseil_departemental).toBe(FONDATION_CENTS.departement);
    // "ignorer": not read, no finding; the lines stay unbalanced (its amounts are not counted).
    const ignored = (
      await checkWorkbook(workbookMock([seededSample()]), "active", {
        ...defaultSettings(),
        columns: [{ header: "fondation  x", role: "ignorer" }],
      })
    ).sheets[0];
    expect(allFindings(ignored).filter((f) => f.code === "UNKNOWN_COLUMN")).toEqual([]);
    expect(ignored.totals.byFinancer.fonds_prives).toBeUndefined();
    expect(
      allFindings(ignored)
        .filter((f) => f.code === "UNBALANCED")
        .map((f) => f.row),
    ).toEqual([4, 5]);
  });
});

describe("areasOfAddress", () => {
  it("splits RangeAreas addresses, quoted sheet names included", () => {
    expect(areasOfAddress("'Prog, 2019'!$A$2:$E$2, 'Prog, 2019'!F2:L2,Sheet1!P3")).toEqual(["A2:E2", "F2:L2", "P3"]);
    expect(areasOfAddress("")).toEqual([]);
  });
});
