/// <reference types="office-js" />
import * as path from "path";
import { officeMock } from "./office-mock";
import { describe, expect, it, vi } from "vitest";
import { syntheticProgramming } from "../scripts/workbook-writer";
import { readWorkbook } from "../src/cli/read";
import { freeReportName, writeCopilReport } from "../src/excel/report";
import { analyseWorkbook } from "../src/sheet/workbook";

const FIXTURES = path.resolve(__dirname, "../../shared/fixtures");

async function results(years: number[]) {
  const grids = [];
  for (const y of years) grids.push(...(await readWorkbook(path.join(FIXTURES, `programmation-${y}.xlsx`))));
  return analyseWorkbook(grids);
}

describe("writeCopilReport", () => {
  it("writes the split, findings, financers and the financer × year table as numbers, with a chart, in 2 syncs", async () => {
    const r = await results([2015, 2019]);
    const { context, charts, added } = officeMock({ sheets: ["Programmation 2015", "Programmation 2019"] });
    const sync = vi.spyOn(context, "sync");
    const out = await writeCopilReport(context, r, "fr");
    expect(sync).toHaveBeenCalledTimes(2);
    expect(out.sheetName).toBe("Rapport COPIL");
    const sheet = added()[0];
    expect(sheet.name).toBe("Rapport COPIL");
    expect(sheet.activated).toBe(true);
    const range = sheet.ranges[out.address];
    const values = range.values as (string | number)[][];
    const formats = range.numberFormat as string[][];
    expect(values).toEqual(out.values);
    expect(values.every((row) => row.length === values[0].length)).toBe(true);
    expect(formats.length).toBe(values.length);
    const find = (label: string, from = 0) => values.findIndex((row, i) => i >= from && row[0] === label);

    // Sheets and split.
    const s2019 = values.findIndex((row) => row[0] === "Feuille Programmation 2019 — année 2019");
    expect(s2019).toBeGreaterThan(0);
    expect(values[s2019 + 1][0]).toBe("13 opérations, 13 projets, 0 lettre de commande, 0 non classée");
    const s2015 = values.findIndex((row) => row[0] === "Feuille Programmation 2015 — année 2015");
    expect(values[s2015 + 1][0]).toBe("17 opérations, 8 projets, 9 lettres de commande, 0 non classée");
    const hostRows = values.filter((row) => String(row[0]).startsWith("Lettres de commande rattachées à"));
    expect(hostRows.length).toBeGreaterThan(0);
    expect(hostRows.every((row) => typeof row[4] === "number" && typeof row[5] === "number")).toBe(true);
    // A line: row number, then euros as numbers with the euro format.
    const firstLine = values.findIndex((row, i) => i > s2019 && row[0] === 4);
    expect(values[firstLine].slice(1, 3)).toEqual(["422B", "OS3 Service PLIE (Partie Animation)"]);
    expect(values[firstLine][4]).toBe(290727.2);
    expect(values[firstLine][5]).toBe(129103.56);
    expect(formats[firstLine][4]).toBe("#,##0.00 €");
    expect(formats[firstLine][6]).toBe("0.00 %");
    expect(formats[firstLine][2]).toBe("@");

    // Findings of 2015: cell, code, message.
    const l5 = values.findIndex((row, i) => i > s2015 && i < s2019 && row[0] === "L5");
    expect(values[l5].slice(1, 3)).toEqual(["erreur", "FSE_RATE_ABOVE_CAP"]);
    expect(String(values[l5][3])).toMatch(/^Taux FSE de /);

    // Financers of 2019 against budget.
    const fse2019 = values.findIndex(
      (row, i) => i > s2019 && row[0] === "FSE - CD21 + FSE" && typeof row[2] === "number",
    );
    expect(values[fse2019].slice(1, 4)).toEqual([557250.11, 600000, 42749.89]);
    expect(formats[fse2019].slice(1, 4)).toEqual(["#,##0.00 €", "#,##0.00 €", "#,##0.00 €"]);

    // Financers × years, and the chart on that block.
    const cross = find("Financeurs × années");
    expect(values[cross + 1].slice(0, 4)).toEqual(["Financeur", "2015", "2019", "Total"]);
    const fseCross = find("FSE", cross);
    expect(values[fseCross].slice(1, 4)).toEqual([577616.22, 557250.11, 1134866.33]);
    const share = find("Part FSE", cross);
    expect(formats[share][1]).toBe("0.00 %");
    expect(charts).toHaveLength(1);
    const lastFinancer = share - 2; // then "Coût total", then "Part FSE"
    expect(charts[0]).toMatchObject({
      type: "ColumnStacked",
      seriesBy: "Rows",
      source: `A${cross + 2}:C${lastFinancer + 1}`,
      title: { text: "Financements par financeur et par année" },
    });
    expect(out.chartSource).toBe(charts[0].source);
  });

  it("never writes over an existing sheet: Rapport COPIL (2), (3)…", async () => {
    const r = await results([2019]);
    const { context, added } = officeMock({ sheets: ["Programmation 2019", "Rapport COPIL", "rapport copil (2)"] });
    const out = await writeCopilReport(context, r);
    expect(out.sheetName).toBe("Rapport COPIL (3)");
    expect(added().map((s) => s.name)).toEqual(["Rapport COPIL (3)"]);
    const again = await writeCopilReport(context, r);
    expect(again.sheetName).toBe("Rapport COPIL (4)");
    expect(freeReportName([])).toBe("Rapport COPIL");
  });

  it("the sync count does not grow from 20 to 2 000 lines", async () => {
    const counts: number[] = [];
    for (const n of [20, 2000]) {
      const r = analyseWorkbook([syntheticProgramming(n).grid]);
      const { context, added } = officeMock({ sheets: ["Programmation 2019"] });
      const sync = vi.spyOn(context, "sync");
      const out = await writeCopilReport(context, r, "en");
      counts.push(sync.mock.calls.length);
      expect(out.values.length).toBeGreaterThan(n);
      expect(added()[0].ranges[out.address].values).toBe(out.values);
      expect(out.numberFormats.flat()).toContain("€#,##0.00");
    }
    expect(counts).toEqual([2, 2]);
  });
});
