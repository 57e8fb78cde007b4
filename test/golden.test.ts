import * as fs from "fs";
import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";
import { allFindings, type SheetResult } from "../src/domain/check";
import { FINANCER_IDS } from "../src/domain/financers";
import { financerYearTable } from "../src/domain/totals";
import { readWorkbook } from "../src/cli/read";
import { analyseWorkbook } from "../src/sheet/workbook";
import { jsonText, sheetJson } from "../src/report/json";
import { centsFromNumber, type Cents } from "../src/domain/money";
import { readJson, type JsonSheet } from "./report-json";

const FIXTURES = path.resolve(__dirname, "../../shared/fixtures");

interface ExpectedLine {
  row: number;
  table: "main" | "clauses";
  action: string;
  operation: string;
  operator: string;
  totalCost: number;
  fse: number;
  fseRate: number;
  sumOfFinancers: number;
  balanceGap: number;
  classification: string;
  violationCodes: string[];
  violations: { code: string; excess?: number; shortfall?: number }[];
}

const RULE_CODES = new Set([
  "FSE_BELOW_FLOOR",
  "FSE_RATE_ABOVE_CAP",
  "UNBALANCED",
  "TOTAL_MISMATCH",
  "PRINTED_RATE_MISMATCH",
]);
/** Exact cents of a figure in euros of the expected files. */
function cents(euros: number): Cents {
  const c = centsFromNumber(euros);
  if (!c.ok || c.subCent) throw new Error(`not a whole number of cents: ${euros}`);
  return c.cents;
}

interface ExpectedTotals {
  lineCount: number;
  totalCost: number;
  fseRate: number;
  byFinancer: Record<string, number>;
}

/** expected-YEAR.json of the shared fixtures. */
interface Expected {
  lines: ExpectedLine[];
  totals: { main: ExpectedTotals; all: ExpectedTotals; clauses: ExpectedTotals };
  underProgramming: { perFinancer: Record<string, { budget: number; underProgrammingAll: number }> };
  printedTotalDiscrepancies: { field: string; printed: number; computed: number }[];
  summary: { projet: number; lettre_de_commande: number; violationCounts: Record<string, number> };
}

for (const year of [2015, 2019]) {
  describe(`golden: programmation ${year}`, () => {
    const expected = readJson<Expected>(fs.readFileSync(path.join(FIXTURES, `expected-${year}.json`), "utf8"));
    const source = readJson<{ source: { titleRow: number } }>(
      fs.readFileSync(path.join(FIXTURES, `programmation-${year}.json`), "utf8"),
    );
    const titleRow = source.source.titleRow;
    const sheetRow = (r: number) => r - titleRow + 1;
    let sheet: SheetResult;

    beforeAll(async () => {
      const grids = await readWorkbook(path.join(FIXTURES, `programmation-${year}.xlsx`));
      const wb = analyseWorkbook(grids);
      expect(wb.sheets).toHaveLength(1);
      sheet = wb.sheets[0];
    });

    it("finds the year and the tables", () => {
      expect(sheet.sheet.year).toBe(year);
      expect(sheet.sheet.yearSource).toBe("title");
      const clauses = expected.lines.filter((l: ExpectedLine) => l.table === "clauses").length;
      expect(sheet.tables.map((t) => t.table.kind)).toEqual(clauses ? ["main", "clauses"] : ["main"]);
    });

    it("reads every operation line with its figures, classification and rule codes", () => {
      const lines = sheet.tables.flatMap((t) => t.lines);
      expect(lines.map((l) => l.line.row)).toEqual(expected.lines.map((l: ExpectedLine) => sheetRow(l.row)));
      for (const [i, e] of expected.lines.entries()) {
        const l = lines[i];
        const ctx = `row ${sheetRow(e.row)}`;
        expect(l.line.action, ctx).toBe(e.action);
        expect(l.line.operation, ctx).toBe(e.operation);
        expect(l.line.operator, ctx).toBe(e.operator);
        expect(l.line.totalCost, ctx).toBe(cents(e.totalCost));
        expect(l.fse, ctx).toBe(cents(e.fse));
        expect(l.fseRate, ctx).toBe(e.fseRate);
        expect(l.line.sumOfFinancers, ctx).toBe(cents(e.sumOfFinancers));
        expect(l.classification, ctx).toBe(e.classification);
        expect(sheet.tables[l.tableIndex].table.kind, ctx).toBe(e.table);
        const codes = l.findings
          .map((f) => f.code)
          .filter((c) => RULE_CODES.has(c))
          .sort();
        expect(codes, ctx).toEqual([...e.violationCodes].sort());
        for (const v of e.violations) {
          const f = l.findings.find((x) => x.code === v.code)!;
          if (v.code === "FSE_RATE_ABOVE_CAP") expect(f.data.excessCents, ctx).toBe(cents(v.excess!));
          if (v.code === "FSE_BELOW_FLOOR") expect(f.data.shortfallCents, ctx).toBe(cents(v.shortfall!));
        }
      }
    });

    it("totals every financer per table and for the sheet, to the cent", () => {
      for (const [basis, totals] of [
        ["main", sheet.tables.find((t) => t.table.kind === "main")!.totals],
        ["all", sheet.totals],
      ] as const) {
        const e = expected.totals[basis];
        expect(totals.lineCount, basis).toBe(e.lineCount);
        expect(totals.totalCost, basis).toBe(cents(e.totalCost));
        expect(totals.fseRate, basis).toBe(e.fseRate);
        for (const id of FINANCER_IDS) {
          if (e.byFinancer[id] === undefined) continue;
          expect(totals.byFinancer[id], `${basis} ${id}`).toBe(cents(e.byFinancer[id]));
        }
      }
      const clauses = sheet.tables.find((t) => t.table.kind === "clauses");
      if (clauses) {
        for (const id of Object.keys(expected.totals.clauses.byFinancer)) {
          expect(clauses.totals.byFinancer[id as "fse"], `clauses ${id}`).toBe(
            cents(expected.totals.clauses.byFinancer[id]),
          );
        }
      }
    });

    it("compares the budget with the programmed amounts of both tables", () => {
      for (const [id, e] of Object.entries(expected.underProgramming.perFinancer)) {
        expect(sheet.budget[id as "fse"], id).toBe(cents(e.budget));
        expect(sheet.underProgramming[id as "fse"], id).toBe(cents(e.underProgrammingAll));
      }
    });

    it("flags exactly the printed totals that disagree with the lines", () => {
      const mismatches = allFindings(sheet).filter((f) => f.code === "TOTAL_ROW_MISMATCH");
      const expectedCells = expected.printedTotalDiscrepancies
        .filter((d) => d.field.startsWith("totalCost"))
        .map((d) => ({ printed: cents(d.printed), computed: cents(d.computed) }));
      expect(mismatches.map((f) => ({ printed: f.data.printedCents, computed: f.data.computedCents }))).toEqual(
        expectedCells,
      );
      expect(allFindings(sheet).filter((f) => f.code === "UNDER_PROGRAMMING_MISMATCH")).toEqual([]);
    });

    it("counts projects and order letters as the report does", () => {
      const lines = sheet.tables.flatMap((t) => t.lines);
      expect(lines.filter((l) => l.classification === "projet").length).toBe(expected.summary.projet);
      expect(lines.filter((l) => l.classification === "lettre_de_commande").length).toBe(
        expected.summary.lettre_de_commande,
      );
      const counts: Record<string, number> = {};
      for (const f of allFindings(sheet)) if (RULE_CODES.has(f.code)) counts[f.code] = (counts[f.code] ?? 0) + 1;
      expect(counts).toEqual(expected.summary.violationCounts);
    });

    it("gives the JSON shape the checker prints", () => {
      const j = readJson<JsonSheet>(jsonText(sheetJson(sheet, "fr")));
      expect(j.year).toBe(year);
      const first = j.tables[0].lines[0];
      expect(Object.keys(first)).toEqual(
        expect.arrayContaining([
          "row",
          "action",
          "operation",
          "operator",
          "totalCost",
          "fse",
          "fseRate",
          "classification",
          "host",
          "findings",
        ]),
      );
      expect(first.row).toBe(4);
      expect(first.totalCost).toBe(expected.lines[0].totalCost);
      expect(j.totals.byFinancer.fse).toBe(expected.totals.all.byFinancer.fse);
      expect(j.underProgramming.fse).toBe(expected.underProgramming.perFinancer.fse.underProgrammingAll);
      const cross = financerYearTable([sheet]);
      expect(cross.byFinancerAndYear.fse![String(year)]).toBe(cents(expected.totals.all.byFinancer.fse));
    });
  });
}

describe("golden: shifted TOTAL row of 2019", () => {
  it("places the shifted cells under their columns and says so once", async () => {
    const wb = analyseWorkbook(await readWorkbook(path.join(FIXTURES, "programmation-2019.xlsx")));
    const f = allFindings(wb.sheets[0]);
    const shifted = f.filter((x) => x.code === "SUMMARY_ROW_SHIFTED");
    expect(shifted.map((x) => [x.cell, x.data.offset])).toEqual([["M16", -1]]);
    const combined = f.filter((x) => x.code === "SUMMARY_CELLS_COMBINED").map((x) => x.cell);
    expect(combined).toEqual(["L16", "L23"]);
    expect(f.filter((x) => x.severity === "error")).toEqual([]);
    const checks = wb.sheets[0].tables.map((t) =>
      t.summaryChecks.filter((c) => c.kind === "total").map((c) => c.basis),
    );
    expect(checks).toEqual([["table"], ["cumulative"]]);
  });
});
