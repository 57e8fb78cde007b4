import { describe, expect, it } from "vitest";
import { allFindings, type SheetResult } from "../src/domain/check";
import { makeAliasTable } from "../src/domain/financers";
import { findingMessage } from "../src/report/messages";
import { analyseSheet, analyseWorkbook } from "../src/sheet/workbook";
import { HEADER, balanced, op, sheet, totalRow } from "./helpers";

/** Findings as [code, cell] pairs, for compact assertions. */
const codes = (s: SheetResult, ...only: string[]) =>
  allFindings(s)
    .filter((f) => only.length === 0 || only.includes(f.code))
    .map((f) => [f.code, f.cell]);

const line = (s: SheetResult, row: number) => s.tables.flatMap((t) => t.lines).find((l) => l.line.row === row)!;

/** Every case keeps a good line (row 4) and a line over the cap (row 5): the rest of the sheet is still checked. */
const GOOD = balanced("Portage de Référents", "MILO", 50876, 25438);
const OVER = balanced("Portage de Référents", "APSALC", 51750, 36519.6);

function expectRestChecked(s: SheetResult, good = 4, over = 5) {
  expect(line(s, good).classification).toBe("projet");
  expect(line(s, over).classification).toBe("lettre_de_commande");
  expect(line(s, over).findings.map((f) => f.code)).toContain("FSE_RATE_ABOVE_CAP");
}

describe("bad input: each case gives a clear finding and the rest is still checked", () => {
  it("1. text in an amount cell", () => {
    const s = analyseSheet(sheet([GOOD, OVER, op("422C", "Atelier", "X", 45000, { fse2: "à définir", dm: 25000 })]));
    expect(codes(s, "INVALID_AMOUNT")).toEqual([["I6"]].map(() => ["INVALID_AMOUNT", "I6"]));
    const f = allFindings(s).find((x) => x.code === "INVALID_AMOUNT")!;
    expect(findingMessage(f)).toBe("Montant illisible : « à définir » n'est pas un montant.");
    expect(line(s, 6).classification).toBeNull();
    expect(line(s, 6).fse).toBeNull();
    expectRestChecked(s);
  });

  it("2. #REF! in Dépenses totales", () => {
    const s = analyseSheet(
      sheet([GOOD, OVER, op("422C", "Atelier", "X", "#REF!", { fse2: 20000, dm: 25000, totalOp: 45000 })]),
    );
    expect(codes(s, "INVALID_AMOUNT", "MISSING_TOTAL_COST")).toEqual([["INVALID_AMOUNT", "E6"]]);
    expect(findingMessage(allFindings(s).find((x) => x.code === "INVALID_AMOUNT")!)).toContain(
      "valeur d'erreur « #REF! »",
    );
    expect(line(s, 6).classification).toBeNull();
    expectRestChecked(s);
  });

  it("3. a negative amount", () => {
    const s = analyseSheet(
      sheet([GOOD, OVER, op("422C", "Atelier", "X", 45000, { fse2: 22500, dm: 25000, auto: -2500 })]),
    );
    expect(codes(s, "NEGATIVE_AMOUNT")).toEqual([["NEGATIVE_AMOUNT", "K6"]]);
    expect(allFindings(s).find((x) => x.code === "NEGATIVE_AMOUNT")!.data.amountCents).toBe(-250000);
    expect(line(s, 6).line.sumOfFinancers).toBe(4500000); // kept, not dropped
    expectRestChecked(s);
  });

  it("4. empty rows inside a table", () => {
    const s = analyseSheet(sheet([GOOD, [], [null, "", "  "], OVER, totalRow({ 4: 102626 })]));
    expect(s.tables).toHaveLength(1);
    expect(s.tables[0].lines.map((l) => l.line.row)).toEqual([4, 7]);
    expect(codes(s, "TOTAL_ROW_MISMATCH")).toEqual([]);
    expectRestChecked(s, 4, 7);
  });

  it("5. no Dépenses totales column", () => {
    const header = HEADER.map((h) => (h === "Dépenses totales" ? "" : h));
    const s = analyseSheet(sheet([GOOD, OVER], { header }));
    expect(codes(s, "NO_TOTAL_COST_COLUMN")).toEqual([["NO_TOTAL_COST_COLUMN", null]]);
    expect(codes(s, "MISSING_TOTAL_COST")).toEqual([]);
    expect(s.tables[0].lines.map((l) => l.classification)).toEqual([null, null]);
    // Financer totals are still there.
    expect(s.totals.byFinancer.fse).toBe(2543800 + 3651960);
  });

  it("6. no FSE column", () => {
    const header = HEADER.map((h) => (h === "FSE - CD21" || h === "Etat - FSE" ? "Contrat de ville" : h));
    const s = analyseSheet(sheet([GOOD, op("422C", "Atelier", "X", 45000, { dm: 20000 })], { header }));
    expect(codes(s, "NO_FSE_COLUMN")).toEqual([["NO_FSE_COLUMN", null]]);
    expect(line(s, 4).classification).toBeNull();
    expect(codes(s, "UNBALANCED")).toEqual([["UNBALANCED", "E5"]]);
  });

  it("7. duplicate headers", () => {
    const header = [...HEADER];
    header[12] = "Dépenses totales";
    const s = analyseSheet(sheet([GOOD, OVER], { header }));
    expect(codes(s, "DUPLICATE_COLUMN")).toEqual([["DUPLICATE_COLUMN", "M3"]]);
    expectRestChecked(s);
  });

  it("8. merged header cells: one FSE label over two columns", () => {
    const header = [...HEADER];
    header[7] = "Etat - FSE";
    header[8] = "";
    const rows = [op("422C", "Portage", "X", 50000, { fse1: 10000, fse2: 15000, dm: 25000 })];
    const merged = analyseSheet(sheet(rows, { header, merges: ["H3:I3"] }));
    expect(line(merged, 4).fse).toBe(2500000);
    expect(allFindings(merged)).toEqual([]);
    // Without the merge information, the unlabelled column is reported, never silently counted.
    const unmerged = analyseSheet(sheet(rows, { header }));
    expect(codes(unmerged, "UNLABELLED_COLUMN", "UNBALANCED")).toEqual([
      ["UNLABELLED_COLUMN", "I4"],
      ["UNBALANCED", "E4"],
    ]);
  });

  it("9. amounts with three decimals", () => {
    const s = analyseSheet(
      sheet([GOOD, OVER, op("422C", "Atelier", "X", "45 000,000 €", { fse2: 22500.005, dm: "22 499,995 €" })]),
    );
    expect(codes(s, "SUB_CENT_AMOUNT")).toEqual([
      ["SUB_CENT_AMOUNT", "G6"],
      ["SUB_CENT_AMOUNT", "I6"],
    ]);
    expect(line(s, 6).line.totalCost).toBe(4500000);
    expect(line(s, 6).fse).toBe(2250001);
    expectRestChecked(s);
  });

  it("10. percent as text: read in %FSE, refused as an amount", () => {
    const s = analyseSheet(
      sheet([
        op("422C", "Portage", "X", 50000, { fse2: 25000, dm: 25000, rate: "50,00 %" }),
        OVER,
        op("422C", "Atelier", "Y", 45000, { fse2: "50%", dm: 22500 }),
        op("422C", "Atelier", "Z", 45000, { fse2: 20000, dm: 25000, rate: "48,85%" }),
      ]),
    );
    expect(line(s, 4).line.printedRate).toBe(0.5);
    expect(codes(s, "INVALID_AMOUNT", "PRINTED_RATE_MISMATCH")).toEqual([
      ["INVALID_AMOUNT", "I6"],
      ["PRINTED_RATE_MISMATCH", "J7"],
    ]);
    expect(allFindings(s).find((f) => f.code === "INVALID_AMOUNT")!.data.reason).toBe("percent");
    expectRestChecked(s);
  });

  it("11. a totals row without a label", () => {
    const s = analyseSheet(
      sheet([GOOD, OVER, [null, null, null, null, 102626, null, 40668.4, null, 61957.59, null, null, 102626]]),
    );
    expect(codes(s, "UNLABELLED_TOTAL_ROW", "TOTAL_ROW_MISMATCH")).toEqual([
      ["UNLABELLED_TOTAL_ROW", "E6"],
      ["TOTAL_ROW_MISMATCH", "I6"],
    ]);
    const mismatch = allFindings(s).find((f) => f.code === "TOTAL_ROW_MISMATCH")!;
    expect(mismatch.data).toMatchObject({ printedCents: 6195759, computedCents: 6195760, differenceCents: -1 });
    expect(s.tables[0].lines).toHaveLength(2);
    expectRestChecked(s);
  });

  it("12. a sheet with no table", () => {
    const notes = { name: "Notes", values: [["Compte rendu du COPIL"], ["voté le 14 mars 2019"]] };
    const wb = analyseWorkbook([notes, sheet([GOOD, OVER])]);
    expect(wb.skipped).toEqual(["Notes"]);
    expect(wb.sheets).toHaveLength(1);
    const alone = analyseSheet(notes);
    expect(codes(alone)).toEqual([["NO_TABLE", null]]);
    expect(findingMessage(alone.findings[0])).toContain("Aucun tableau de programmation");
  });

  it("13. an empty workbook and an empty sheet", () => {
    expect(analyseWorkbook([])).toEqual({ sheets: [], skipped: [] });
    const wb = analyseWorkbook([{ name: "Feuil1", values: [] }]);
    expect(wb.skipped).toEqual(["Feuil1"]);
  });

  it("14. a boolean and an error value among financers", () => {
    const s = analyseSheet(
      sheet([GOOD, OVER, op("422C", "Atelier", "X", 45000, { fse2: 22500, dm: true, cd: "#N/A" })]),
    );
    expect(codes(s, "INVALID_AMOUNT")).toEqual([
      ["INVALID_AMOUNT", "F6"],
      ["INVALID_AMOUNT", "G6"],
    ]);
    // The FSE is readable: the line is classified, but the balance is not judged on unreadable cells.
    expect(line(s, 6).classification).toBe("projet");
    expect(codes(s, "UNBALANCED")).toEqual([]);
    expectRestChecked(s);
  });

  it("15. an unknown column holding money, then the alias that fixes it", () => {
    const header = [...HEADER];
    header[5] = "Fondation Solidarité";
    const rows = [op("422C", "Portage", "X", 50000, { cd: 5000, dm: 20000, fse2: 25000 })];
    const s = analyseSheet(sheet(rows, { header }));
    expect(codes(s, "UNKNOWN_COLUMN", "UNBALANCED")).toEqual([
      ["UNKNOWN_COLUMN", "F3"],
      ["UNBALANCED", "E4"],
    ]);
    const fixed = analyseSheet(sheet(rows, { header }), {
      aliases: makeAliasTable([{ header: "fondation solidarite", financer: "fonds_prives" }]),
    });
    expect(allFindings(fixed)).toEqual([]);
    expect(fixed.totals.byFinancer.fonds_prives).toBe(500000);
  });

  it("16. a second table without its own header uses the previous columns", () => {
    const s = analyseSheet(
      sheet([
        GOOD,
        OVER,
        totalRow({ 4: 102626, 6: 40668.4, 8: 61957.6, 11: 102626 }),
        totalRow({ 5: 90000 }, "BUDGET disponible par les financeurs :"),
        op("322D", "OS2_Clauses PLIE facilitateur", "PLIE", 49469.73, { dm: 25344.73, fse1: 24125 }),
        totalRow({ 4: 152095.73 }),
      ]),
    );
    expect(s.tables.map((t) => [t.table.kind, t.table.headerRow, t.lines.length])).toEqual([
      ["main", 3, 2],
      ["clauses", null, 1],
    ]);
    expect(s.tables[1].summaryChecks.map((c) => c.basis)).toEqual(["cumulative"]);
    expect(codes(s, "TOTAL_ROW_MISMATCH")).toEqual([]);
    expect(line(s, 8).classification).toBe("projet");
  });

  it("17. a blank Dépenses totales", () => {
    const s = analyseSheet(
      sheet([GOOD, OVER, op("422C", "Atelier", "X", null, { fse2: 20000, dm: 25000, totalOp: null })]),
    );
    expect(codes(s, "MISSING_TOTAL_COST")).toEqual([["MISSING_TOTAL_COST", "E6"]]);
    expect(line(s, 6).classification).toBeNull();
    expectRestChecked(s);
  });

  it("18. every amount written as French text", () => {
    const s = analyseSheet(
      sheet([
        op("422C", "Portage", "X", "50 876,00 €", { fse2: "25\u202f438,00\u00a0€", dm: "25 438,00 €", rate: "50,00%" }),
        op("422C", "Portage", "Y", "51 750,00 €", { fse2: "36 519,60 €", dm: "15 230,40 €" }),
      ]),
    );
    expect(allFindings(s).map((f) => f.code)).toEqual(["FSE_RATE_ABOVE_CAP"]);
    expectRestChecked(s);
  });

  it("19. a used range that does not start at A1", () => {
    const g = sheet([GOOD, OVER]);
    const shifted = { ...g, values: g.values, origin: { row: 9, col: 2 } };
    const s = analyseSheet(shifted);
    expect(codes(s)).toEqual([["FSE_RATE_ABOVE_CAP", "K14"]]);
    expect(s.tables[0].lines.map((l) => l.line.row)).toEqual([13, 14]);
    expect(s.tables[0].table.headerRow).toBe(12);
  });

  it("20. an error value in the TOTAL row", () => {
    const s = analyseSheet(sheet([GOOD, OVER, totalRow({ 4: "#REF!", 6: 40668.4, 8: 61957.6, 11: 102626 })]));
    expect(codes(s, "TOTAL_ROW_MISMATCH")).toEqual([["TOTAL_ROW_MISMATCH", "E6"]]);
    expect(findingMessage(allFindings(s).find((f) => f.code === "TOTAL_ROW_MISMATCH")!)).toBe(
      "Ligne TOTAL, colonne « Dépenses totales » : imprimé « #REF! », calculé 102\u202f626,00\u00a0€.",
    );
  });

  it("21. a row with a name but no amount", () => {
    const s = analyseSheet(sheet([GOOD, ["", "OS1 — Parcours", ""], OVER]));
    expect(codes(s, "ROW_WITHOUT_AMOUNTS")).toEqual([["ROW_WITHOUT_AMOUNTS", "B5"]]);
    expectRestChecked(s, 4, 6);
  });

  it("22. no year anywhere", () => {
    const s = analyseSheet(sheet([GOOD], { name: "Prévisionnel", title: "Programmation PLIE" }));
    expect(s.sheet.year).toBeNull();
    expect(codes(s)).toEqual([["YEAR_UNKNOWN", null]]);
    const fromName = analyseSheet(sheet([GOOD], { name: "Prog 2021", title: "Programmation PLIE" }));
    expect([fromName.sheet.year, fromName.sheet.yearSource]).toEqual([2021, "sheet_name"]);
  });
});
