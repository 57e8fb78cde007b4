/// <reference types="office-js" />
import * as path from "path";
import { officeMock } from "./office-mock";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { syntheticProgramming } from "../scripts/workbook-writer";
import { readWorkbook } from "../src/cli/read";
import type { SheetResult } from "../src/domain/check";
import { freeSheetName, isSynthesisSheetName, writeSynthesisSheet } from "../src/excel/synthesis-sheet";
import { analyseSheet, analyseWorkbook } from "../src/sheet/workbook";

const FIXTURES = path.resolve(__dirname, "../../shared/fixtures");

async function results(years: number[]): Promise<SheetResult[]> {
  const grids = [];
  for (const y of years) grids.push(...(await readWorkbook(path.join(FIXTURES, `programmation-${y}.xlsx`))));
  return analyseWorkbook(grids).sheets;
}

describe("writeSynthesisSheet", () => {
  let sheets: SheetResult[];
  beforeAll(async () => {
    sheets = await results([2015, 2019]);
  });

  it("writes financer × year with changes and category × year blocks as numbers, and a stacked column chart, in 2 syncs", async () => {
    const { context, charts, added } = officeMock({ sheets: ["Programmation 2015", "Programmation 2019"] });
    const sync = vi.spyOn(context, "sync");
    const out = await writeSynthesisSheet(context, sheets, "fr");
    expect(sync).toHaveBeenCalledTimes(2);
    expect(out.sheetName).toBe("Synthèse");
    const sheet = added()[0];
    expect(sheet.name).toBe("Synthèse");
    expect(sheet.activated).toBe(true);
    const range = sheet.ranges[out.address];
    const values = range.values as (string | number)[][];
    const formats = range.numberFormat as string[][];
    expect(values).toBe(out.values);
    expect(formats).toBe(out.numberFormats);
    expect(values[0]).toHaveLength(4); // label, 2015, 2019, total
    expect(out.address).toBe(`A1:D${values.length}`);
    expect(values.every((row) => row.length === values[0].length)).toBe(true);
    expect(formats.every((row) => row.length === values[0].length)).toBe(true);
    const find = (label: string, from = 0) => values.findIndex((row, i) => i >= from && row[0] === label);

    // Financers × years.
    const fin = find("Financements par financeur et par année");
    expect(values[fin + 1].slice(0, 4)).toEqual(["Financeur", "2015", "2019", "Total"]);
    const fse = find("FSE", fin);
    expect(values[fse].slice(1, 4)).toEqual([577616.22, 557250.11, 1134866.33]);
    expect(formats[fse].slice(1, 4)).toEqual(["#,##0.00 €", "#,##0.00 €", "#,##0.00 €"]);
    expect(formats[fse][0]).toBe("@");
    const share = find("Part FSE", fin);
    expect(typeof values[share][1]).toBe("number");
    expect(formats[share].slice(1, 4)).toEqual(["0.00 %", "0.00 %", "0.00 %"]);
    expect(values[find("Coût total", fin)].slice(1, 3).every((v) => typeof v === "number")).toBe(true);

    // Change from 2015 to 2019, in euros and as a rate (signed formats).
    const ch = find("Évolution par financeur d'une année à l'autre");
    expect(values[ch + 1].slice(0, 3)).toEqual([
      "Financeur",
      "2019 par rapport à 2015 (écart)",
      "2019 par rapport à 2015 (évolution)",
    ]);
    const fseChange = find("FSE", ch);
    expect(values[fseChange][1]).toBe(-20366.11);
    expect(values[fseChange][2]).toBeCloseTo(-20366.11 / 577616.22, 4);
    expect(formats[fseChange].slice(1, 3)).toEqual(["+#,##0.00 €;-#,##0.00 €;0.00 €", "+0.00 %;-0.00 %;0.00 %"]);

    // Each category's change from 2015 to 2019.
    const cch = find("Évolution par poste de dépenses d'une année à l'autre");
    const actions = find("Actions pour les participants", cch);
    expect(values[actions][1]).toBe(-194859.59);
    expect(formats[actions][1]).toBe("+#,##0.00 €;-#,##0.00 €;0.00 €");

    // Categories × years (total cost): animation 179 408,51 € in 2015, 290 727,20 € in 2019.
    const cat = find("Coût total par grand poste de dépenses et par année");
    expect(values[cat + 1].slice(0, 4)).toEqual(["Poste de dépenses", "2015", "2019", "Total"]);
    const animation = find("Animation du PLIE", cat);
    expect(animation).toBe(cat + 2);
    expect(values[animation].slice(1, 4)).toEqual([179408.51, 290727.2, 470135.71]);
    expect(formats[animation][1]).toBe("#,##0.00 €");
    const labels = values.slice(cat + 2, cat + 7).map((row) => row[0]);
    expect(labels).toEqual([
      "Animation du PLIE",
      "Projet d'assistance aux personnes",
      "Clauses PLIE-Facilitateurs",
      "Portage de référents + poste de chargé(e) de mission",
      "Actions pour les participants",
    ]);
    const catTotal = find("Total", cat);
    expect(catTotal).toBe(cat + 7);
    // The categories add up to the financer table's total cost.
    expect(values[catTotal].slice(1, 4)).toEqual(values[find("Coût total", fin)].slice(1, 4));

    // FSE per category: adds up to the FSE of each year.
    const fseCat = find("FSE par grand poste de dépenses et par année");
    const fseCatTotal = find("Total", fseCat + 2);
    expect(values[fseCatTotal].slice(1, 4)).toEqual([577616.22, 557250.11, 1134866.33]);

    // The chart: stacked columns of the category × year block (header row and labels, no total column).
    expect(charts).toHaveLength(1);
    expect(charts[0]).toMatchObject({
      type: "ColumnStacked",
      seriesBy: "Rows",
      source: `A${cat + 2}:C${cat + 7}`,
      title: { text: "Coût total par grand poste de dépenses et par année" },
    });
    expect(out.chartSource).toBe(charts[0].source);
    expect(charts[0].position![0]).toBe(`A${values.length + 3}`);
  });

  it("is never read back as a programming table", async () => {
    const { context } = officeMock();
    const out = await writeSynthesisSheet(context, sheets, "fr");
    expect(analyseSheet({ name: out.sheetName, values: out.values }).tables).toEqual([]);
  });

  it("never writes over an existing sheet: a second call makes Synthèse (2)", async () => {
    const { context, added } = officeMock({ sheets: ["Programmation 2019", "Programmation 2015"] });
    const first = await writeSynthesisSheet(context, sheets);
    const second = await writeSynthesisSheet(context, sheets);
    expect([first.sheetName, second.sheetName]).toEqual(["Synthèse", "Synthèse (2)"]);
    expect(added().map((s) => s.name)).toEqual(["Synthèse", "Synthèse (2)"]);
    const { context: c2 } = officeMock({ sheets: ["synthèse", "Synthèse (2)"] });
    expect((await writeSynthesisSheet(c2, sheets)).sheetName).toBe("Synthèse (3)");
    expect(freeSheetName("Synthèse", [])).toBe("Synthèse");
    expect(isSynthesisSheetName("Synthèse (12)")).toBe(true);
    expect(isSynthesisSheetName("Synthèse 2019")).toBe(false);
  });

  it("speaks English with English formats; the sync count does not grow from 20 to 2 000 lines", async () => {
    const counts: number[] = [];
    for (const n of [20, 2000]) {
      const r = analyseWorkbook([syntheticProgramming(n).grid]);
      const { context, charts } = officeMock({ sheets: ["Programmation 2019"] });
      const sync = vi.spyOn(context, "sync");
      const out = await writeSynthesisSheet(context, r, "en");
      counts.push(sync.mock.calls.length);
      expect(out.values[0][0]).toBe("Multi-year summary of the ESF programming");
      expect(out.numberFormats.flat()).toContain("€#,##0.00");
      expect(charts[0].type).toBe("ColumnStacked");
      // One year: no change block.
      expect(out.values.some((row) => row[0] === "Change per financer from year to year")).toBe(false);
    }
    expect(counts).toEqual([2, 2]);
  });
});
