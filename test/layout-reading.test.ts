import { describe, expect, it } from "vitest";
import { allFindings } from "../src/domain/check";
import { makeProcurementSettings, procurementOf } from "../src/domain/procurement";
import { financerYearTable } from "../src/domain/totals";
import { sheetJson } from "../src/report/json";
import { findingMessage } from "../src/report/messages";
import { sheetText } from "../src/report/text";
import type { CellValue } from "../src/sheet/grid";
import { analyseSheets, analyseWorkbook } from "../src/sheet/workbook";

const HEAD: CellValue[] = [
  "Action",
  "Opération",
  "Opérateur",
  "Dépenses totales",
  "FSE",
  "Département",
  "Autofinancement",
];

function grid(rows: CellValue[][], name = "Programmation 2023") {
  return { name, values: [["Programmation PLIE 2023"], [], HEAD, ...rows] };
}

describe("sub-totals in the reports", () => {
  const rows: CellValue[][] = [
    ["422C", "Référents", "Mission locale", 60000, 30000, 20000, 10000], // row 4
    ["422D", "Atelier", "CESAM", 80000, 36000, 24000, 20000], // row 5
    ["Sous-total Axe 1", null, null, 140000, 66000, 44000, 30000], // row 6
    ["322D", "Prospection", "IRFA", 100000, 45000, 40000, 15000], // row 7
    ["Sous-total Axe 2", null, null, 100000, 45000, 40000, 14000], // row 8: autofinancement 1 000 € short
    ["TOTAL GÉNÉRAL", null, null, 240000, 111000, 84000, 45000], // row 9
  ];

  it("says which rows each sub-total covers, and never counts it", () => {
    const s = analyseSheets(grid(rows))[0];
    const j = sheetJson(s, "fr");
    expect(j.counts.lines).toBe(3);
    expect(j.totals).toMatchObject({
      lineCount: 3,
      totalCost: 240000,
      fse: 111000,
      byFinancer: { fse: 111000, conseil_departemental: 84000, autofinancement: 45000 },
    });
    expect(j.tables[0].summaryRows).toEqual([
      { row: 6, kind: "subtotal", basis: "range", fromRow: 4, toRow: 5 },
      { row: 8, kind: "subtotal", basis: "range", fromRow: 7, toRow: 7 },
      { row: 9, kind: "total", basis: "table" },
    ]);
    const bad = allFindings(s).filter((f) => f.severity === "error");
    expect(bad.map((f) => [f.code, f.cell, f.data.printedCents, f.data.computedCents])).toEqual([
      ["TOTAL_ROW_MISMATCH", "G8", 1400000, 1500000],
    ]);
    expect(findingMessage(bad[0], "fr")).toBe(
      "Sous-total des lignes 7 à 7, colonne « Autofinancement » : imprimé 14\u202f000,00\u00a0€, calculé 15\u202f000,00\u00a0€ (écart -1\u202f000,00\u00a0€).",
    );
    expect(findingMessage(bad[0], "en")).toBe(
      "Sub-total of rows 7 to 7, column “Autofinancement”: printed €14,000.00, computed €15,000.00 (difference -€1,000.00).",
    );
  });

  it("says so when a printed total is a formula the file holds without its value", () => {
    const withFormula = rows.slice(0, 2).concat([["TOTAL", null, null, "=SUM(D4:D5)", 66000, 44000, 30000]]);
    const s = analyseSheets(grid(withFormula))[0];
    expect(allFindings(s).map((f) => [f.code, f.cell, f.data.formula ?? null])).toEqual([
      ["FORMULA_WITHOUT_VALUE", "D6", "=SUM(D4:D5)"],
    ]);
  });
});

describe("FSE requested beside the FSE granted", () => {
  const head: CellValue[] = [
    "Action",
    "Opération",
    "Opérateur",
    "Coût total",
    "FSE sollicité",
    "FSE retenu",
    "Ville de Besançon",
  ];
  const s = analyseSheets({
    name: "Prog 2023",
    values: [
      head,
      ["422C", "Référents", "Mission locale", 100000, 50000, 45000, 55000], // row 2
      ["422D", "Atelier", "CESAM", 60000, 25000, 30000, 30000], // row 3: granted above the request
    ],
  })[0];

  it("counts the granted FSE, shows the requested one, and never adds it", () => {
    const j = sheetJson(s, "fr");
    expect(j.tables[0].lines.toJSON().map((l) => [l.row, l.fse, l.fseRequested, l.sumOfFinancers])).toEqual([
      [2, 45000, 50000, 100000],
      [3, 30000, 25000, 60000],
    ]);
    expect(j.totals).toMatchObject({
      fse: 75000,
      fseRequested: 75000,
      totalCost: 160000,
      byFinancer: { fse: 75000, ville: 85000 },
    });
    expect(allFindings(s).map((f) => [f.code, f.cell, f.data.excessCents ?? null])).toEqual([
      ["FSE_ABOVE_REQUEST", "F3", 500000],
    ]);
    const text = sheetText(s, "fr");
    expect(text).toContain("Ville de Besançon");
    expect(text).toMatch(
      /FSE sollicité \(non additionné\) +75\u202f000,00\u00a0€ +écart programmé − sollicité 0,00\u00a0€/,
    );
  });
});

describe("two years side by side", () => {
  const values: CellValue[][] = [
    ["Programmation pluriannuelle"],
    [null, null, null, 2023, null, 2024],
    ["Action", "Opération", "Opérateur", "Dépenses totales", "FSE", "Dépenses totales", "FSE"],
    ["422C", "Référents", "Mission locale", 100000, 50000, 120000, 60000],
    ["422D", "Atelier", "CESAM", 50000, 30000, 40000, 20000],
  ];

  it("gives one result per year, and the financer × year table keeps them apart", () => {
    const r = analyseWorkbook([{ name: "Prog", values }]);
    expect(
      r.sheets.map((s) => [s.sheet.name, s.sheet.year, s.sheet.yearSource, s.totals.totalCost, s.totals.fse]),
    ).toEqual([
      ["Prog", 2023, "columns", 15000000, 8000000],
      ["Prog", 2024, "columns", 16000000, 8000000],
    ]);
    // 2023: the Atelier's FSE is 60 % (above the cap); 2024: 50 %.
    expect(r.sheets.map((s) => s.split.projects.map((p) => p.row))).toEqual([[4], [4, 5]]);
    const cross = financerYearTable(r.sheets);
    expect(cross.years).toEqual(["2023", "2024"]);
    expect(cross.byFinancerAndYear.fse).toEqual({ "2023": 8000000, "2024": 8000000 });
    expect(
      r.sheets.every((s) =>
        allFindings(s).some((f) => f.code === "YEARS_SIDE_BY_SIDE" && f.data.years === "2023, 2024"),
      ),
    ).toBe(true);
  });
});

describe("the structure's own names", () => {
  it("takes the user's names beside PLIE, for any case and accents", () => {
    const s = analyseSheets(
      grid([
        ["422B", "Animation", "CREATIV'", 30000, 15000, 10000, 5000], // a failing line of the structure
        ["422D", "Atelier", "Association Élan", 30000, 15000, 10000, 5000],
        ["422D", "Relooking", "PLIE du Grand Dijon", 20000, 10000, 10000, 0],
      ]),
    )[0];
    const settings = makeProcurementSettings({ ownNames: ["creativ'"] });
    expect(settings.ownNames).toEqual(["PLIE", "creativ'"]);
    const p = procurementOf([s], settings);
    expect(p.ownLines.map((l) => [l.row, l.operator])).toEqual([
      [4, "CREATIV'"],
      [6, "PLIE du Grand Dijon"],
    ]);
    expect(p.letters.map((l) => [l.row, l.operator, l.quotes])).toEqual([[5, "Association Élan", 3]]);
    expect(procurementOf([s]).letters.map((l) => l.row)).toEqual([4, 5]);
  });
});

describe("rows around a header", () => {
  it("reads a row of units under the money columns as part of the header, not as a line", () => {
    const s = analyseSheets({
      name: "Prog 2023",
      values: [
        HEAD,
        [null, null, null, "en €", "en € HT", "€", "€"],
        ["422C", "Référents", "Mission locale", 60000, 30000, 20000, 10000],
      ],
    })[0];
    expect(s.tables[0].table.data.count).toBe(1);
    expect(allFindings(s).map((f) => f.code)).toEqual([]);
    expect(s.tables[0].table.columns.map((c) => c.header).slice(3)).toEqual([
      "Dépenses totales en €",
      "FSE en € HT",
      "Département €",
      "Autofinancement €",
    ]);
  });

  it("needs every column to call a labelled row a sub-total when its label names no section", () => {
    const lines: CellValue[][] = [
      [null, "Atelier A", null, 20000, 10000, 5000, 5000], // row 4
      [null, "Atelier B", null, 20000, 10000, 6000, 4000], // row 5
      [null, "Atelier C", null, 40000, 20000, 10000, 10000], // row 6: the same cost as A + B, other financers: an operation
      [null, "Atelier D", null, 80000, 40000, 21000, 19000], // row 7: A + B + C in every column: their sub-total
    ];
    const s = analyseSheets(grid(lines))[0];
    expect(s.tables[0].table.data.count).toBe(3);
    expect(
      allFindings(s)
        .filter((f) => f.code === "SUBTOTAL_BY_FIGURES")
        .map((f) => [f.cell, f.data.fromRow, f.data.toRow]),
    ).toEqual([["D7", 4, 6]]);
  });
});

describe("a summary label anywhere before the money columns", () => {
  it("reads `Sous-total OS1` beside an objective code as a sub-total, and `OS1` beside an operation as a line", () => {
    const s = analyseSheets(
      grid([
        ["OS1", "Atelier A", null, 40000, 20000, 10000, 10000], // row 4: a line (its action cell names an objective)
        ["OS1", "Atelier B", null, 40000, 20000, 10000, 10000], // row 5: the same figures as row 4, still a line
        ["OS1", "Sous-total OS1", null, 80000, 40000, 20000, 20000], // row 6
      ]),
    )[0];
    expect(s.tables[0].table.data.count).toBe(2);
    expect(s.tables[0].table.summaryRows.map((r) => [r.row, r.kind, r.label])).toEqual([
      [6, "subtotal", "Sous-total OS1"],
    ]);
    expect(allFindings(s).map((f) => f.code)).toEqual([]);
  });
});

describe("the add-in's own sheets", () => {
  it("are never read as a programming, even saved in the workbook plie-check reads", () => {
    const values: CellValue[][] = [HEAD, ["422C", "Référents", "Mission locale", 60000, 30000, 20000, 10000]];
    const r = analyseWorkbook([
      { name: "Programmation 2023", values },
      { name: "Rapport COPIL", values },
      { name: "Ordre du jour COPIL (2)", values },
      { name: "Synthèse", values },
      { name: "Simulation FSE (3)", values },
    ]);
    expect(r.sheets.map((s) => s.sheet.name)).toEqual(["Programmation 2023"]);
    expect(r.skipped).toEqual(["Rapport COPIL", "Ordre du jour COPIL (2)", "Synthèse", "Simulation FSE (3)"]);
  });
});
