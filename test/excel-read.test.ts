/// <reference types="office-js" />
import * as path from "path";
import { OfficeMockObject } from "office-addin-mock";
import { describe, expect, it, vi } from "vitest";
import { syntheticProgramming } from "../scripts/workbook-writer";
import { readWorkbook } from "../src/cli/xlsx";
import { checkWorkbook, readProgrammingSheets } from "../src/excel/read";
import { areasOfAddress } from "../src/excel/host";
import { defaultSettings } from "../src/excel/settings";
import type { CellValue, SheetGrid } from "../src/sheet/grid";
import { analyseWorkbook } from "../src/sheet/workbook";
import { columnLetters } from "../src/domain/address";

const FIXTURES = path.resolve(__dirname, "../../shared/fixtures");

/** What Excel's range.values gives: a rectangle, "" for blank cells. */
function rectangle(values: readonly (readonly CellValue[])[]): (string | number | boolean)[][] {
  const width = Math.max(0, ...values.map((r) => r.length));
  return values.map((r) => Array.from({ length: width }, (_, c) => (r[c] === null || r[c] === undefined ? "" : (r[c] as string | number | boolean))));
}

interface SeededSheet {
  name: string;
  values: (string | number | boolean)[][];
  /** 0-based top-left of the used range. */
  row?: number;
  col?: number;
  merges?: readonly string[];
}

/**
 * An office-addin-mock workbook. office-addin-mock 4.0.0 models properties
 * and load()/sync() only: collections, getUsedRangeOrNullObject,
 * getRangeByIndexes, getMergedAreasOrNullObject and isNullObject are seeded
 * as functions and plain fields.
 */
function workbookMock(sheets: readonly SeededSheet[], active = 0): Excel.RequestContext {
  const worksheets: Record<string, unknown> = {};
  sheets.forEach((s, i) => {
    const rows = s.values.length;
    const cols = rows ? s.values[0].length : 0;
    const r0 = s.row ?? 0;
    const c0 = s.col ?? 0;
    const quoted = `'${s.name.replace(/'/g, "''")}'`;
    worksheets[`s${i}`] = {
      name: s.name,
      used: {
        values: s.values,
        address: rows ? `${quoted}!${columnLetters(c0)}${r0 + 1}:${columnLetters(c0 + cols - 1)}${r0 + rows}` : "",
        rowIndex: r0,
        columnIndex: c0,
        rowCount: rows,
        columnCount: cols,
      },
      whole: { merged: { address: (s.merges ?? []).map((m) => `${quoted}!${m}`).join(",") }, getMergedAreasOrNullObject(this: any) { return this.merged; } },
      getUsedRangeOrNullObject(this: any) { return this.used; },
      getRange(this: any) { return this.whole; },
      getRangeByIndexes(this: any, row: number, col: number, n: number, m: number) {
        const key = `b${row}_${col}_${n}_${m}`;
        if (!this[key]) {
          this.addMock(key);
          this[key].populate({ values: s.values.slice(row - r0, row - r0 + n).map((r) => r.slice(col - c0, col - c0 + m)) });
        }
        return this[key];
      },
    };
  });
  const context: any = new OfficeMockObject({
    workbook: {
      worksheets: {
        ...worksheets,
        getActiveWorksheet(this: any): unknown { return this[`s${active}`]; },
        load(this: any) { for (const s of this.items) s.load("name"); return this; },
      },
    },
  });
  const ws = context.workbook.worksheets;
  ws.items = sheets.map((_, i) => ws[`s${i}`]);
  sheets.forEach((s, i) => {
    ws[`s${i}`].used.isNullObject = s.values.length === 0;
    ws[`s${i}`].whole.merged.isNullObject = !(s.merges ?? []).length;
  });
  return context as Excel.RequestContext;
}

async function fixture(year: number): Promise<SheetGrid> {
  return (await readWorkbook(path.join(FIXTURES, `programmation-${year}.xlsx`)))[0];
}
const seeded = (g: SheetGrid, extra: Partial<SeededSheet> = {}): SeededSheet => ({ name: g.name, values: rectangle(g.values), merges: g.merges, ...extra });

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
    const cells = r.sheets[0].tables[0].checks.allFindingLists().flat().map((f) => f.cell);
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
    const codes = r.sheets[0].tables[0].checks.allFindingLists().flat().filter((f) => f.code === "INVALID_AMOUNT").map((f) => `${f.cell}:${f.data.reason}`);
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
      workbookMock([seeded(g), { name: "Rapport COPIL", values: [["x"]] }, { name: "Rapport COPIL (2)", values: [["x"]] }, { name: "Rapport COPIL 2", values: [["x"]] }]),
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
    const letters60 = sixty.sheets[0].tables.flatMap((t) => t.lines).filter((l) => l.classification === "lettre_de_commande").length;
    expect(letters60).toBeLessThan(9);
    expect(sixty.grids).toHaveLength(1);
  });
});

describe("areasOfAddress", () => {
  it("splits RangeAreas addresses, quoted sheet names included", () => {
    expect(areasOfAddress("'Prog, 2019'!$A$2:$E$2, 'Prog, 2019'!F2:L2,Sheet1!P3")).toEqual(["A2:E2", "F2:L2", "P3"]);
    expect(areasOfAddress("")).toEqual([]);
  });
});
