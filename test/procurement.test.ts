import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";
import type { SheetResult } from "../src/domain/check";
import { asCents, type Cents } from "../src/domain/money";
import {
  DEFAULT_PROCUREMENT_SETTINGS,
  makeProcurementSettings,
  procurementOf,
  thresholdChangeInYear,
  thresholdForYear,
  thresholdOn,
} from "../src/domain/procurement";
import { readWorkbook } from "../src/cli/read";
import { formatIsoDate, procurementMessage, procurementText } from "../src/report/procurement";
import { analyseSheet, analyseWorkbook } from "../src/sheet/workbook";
import { balanced, sheet } from "./helpers";

const FIXTURE = path.resolve(__dirname, "../../shared/fixtures/programmation-2015.xlsx");

/** A sheet of the given year whose lines carry no FSE: every line is an order letter. */
function letters(year: number, rows: [string, number][]): SheetResult {
  return analyseSheet(
    sheet(
      rows.map(([operator, total], i) => balanced(`Action ${i + 1}`, operator, total, 0)),
      { name: `Programmation ${year}`, title: `Programmation PLIE ${year}` },
    ),
  );
}

describe("procurement settings and thresholds", () => {
  it("defaults: 3 quotes, 40 000 € HT, 60 000 € HT for supplies and services from 1 April 2026", () => {
    expect(DEFAULT_PROCUREMENT_SETTINGS).toEqual({
      quotes: 3,
      thresholdCents: 4_000_000,
      servicesThresholdCents: 6_000_000,
      servicesFrom: "2026-04-01",
      ownNames: ["PLIE"],
    });
    expect(makeProcurementSettings()).toEqual(DEFAULT_PROCUREMENT_SETTINGS);
  });

  it("refuses settings that cannot be", () => {
    expect(() => makeProcurementSettings({ quotes: 4 as 3 })).toThrow(RangeError);
    expect(() => makeProcurementSettings({ thresholdCents: asCents(0) })).toThrow(RangeError);
    expect(() => makeProcurementSettings({ servicesThresholdCents: 1.5 as Cents })).toThrow(RangeError);
    expect(() => makeProcurementSettings({ servicesFrom: "2026-02-30" })).toThrow(RangeError);
    expect(() => makeProcurementSettings({ servicesFrom: "1/4/2026" })).toThrow(RangeError);
  });

  it("gives the threshold on a date", () => {
    expect(thresholdOn("2020-01-01")).toBe(4_000_000);
    expect(thresholdOn("2026-03-31")).toBe(4_000_000);
    expect(thresholdOn("2026-04-01")).toBe(6_000_000);
    expect(thresholdOn("2030-12-31")).toBe(6_000_000);
    expect(() => thresholdOn("2026-13-01")).toThrow(RangeError);
  });

  it("gives a yearly programming the threshold in force on 1 January, and says when it changes", () => {
    expect(thresholdForYear(2015)).toBe(4_000_000);
    expect(thresholdForYear(2025)).toBe(4_000_000);
    expect(thresholdForYear(2026)).toBe(4_000_000);
    expect(thresholdForYear(2027)).toBe(6_000_000);
    expect(thresholdForYear(null)).toBe(4_000_000);
    expect(thresholdChangeInYear(2026)).toEqual({ on: "2026-04-01", thresholdCents: 6_000_000 });
    expect(thresholdChangeInYear(2025)).toBeNull();
    expect(thresholdChangeInYear(2027)).toBeNull();
    const fromJanuary = makeProcurementSettings({ servicesFrom: "2026-01-01" });
    expect(thresholdForYear(2026, fromJanuary)).toBe(6_000_000);
    expect(thresholdChangeInYear(2026, fromJanuary)).toBeNull();
  });

  it("writes dates in words", () => {
    expect(formatIsoDate("2026-04-01", "fr")).toBe("1er avril 2026");
    expect(formatIsoDate("2026-04-15", "fr")).toBe("15 avril 2026");
    expect(formatIsoDate("2026-04-01", "en")).toBe("1 April 2026");
  });
});

describe("procurement: the 2015 programming", () => {
  let sheets: SheetResult[];
  beforeAll(async () => {
    sheets = analyseWorkbook(await readWorkbook(FIXTURE)).sheets;
    expect(sheets).toHaveLength(1);
  });

  it("lists its 7 order letters with their amounts HT, quotes and threshold; the PLIE's own 2 lines are no letters", () => {
    const r = procurementOf(sheets);
    expect(r.ownLines.map((l) => [l.row, l.operator, l.amountCents, l.host, l.cell])).toEqual([
      [5, "PLIE", 3_454_269, "animation", "E5"],
      [6, "PLIE", 4_967_721, "assistance", "E6"],
    ]);
    expect(r.letters.map((l) => [l.row, l.operator, l.amountCents, l.aboveThreshold])).toEqual([
      [11, "IFPA", 4_427_500, true],
      [12, "IRFA", 16_551_375, true],
      [14, "APSALC", 5_175_000, true],
      [15, "CESAM", 6_589_500, true],
      [16, "CESAM", 3_000_000, false],
      [17, "ARIQ BTP", 7_375_426, true],
      [19, "APSALC", 3_765_316, false],
    ]);
    for (const l of r.letters) {
      expect(l.sheet).toBe("Programmation 2015");
      expect(l.year).toBe(2015);
      expect(l.quotes).toBe(3);
      expect(l.thresholdCents).toBe(4_000_000);
      expect(l.cell).toBe(`E${l.row}`);
    }
    expect(r.letters.find((l) => l.row === 17)!.operation).toBe("Accomp. Clauses Insertion");
    expect(r.letters.find((l) => l.row === 12)!.host).toBe("assistance");
  });

  it("warns on each letter at or above 40 000 € HT, with its cell, amount and threshold", () => {
    const r = procurementOf(sheets);
    const above = r.warnings.filter((w) => w.code === "LETTER_ABOVE_THRESHOLD");
    expect(above.map((w) => w.row)).toEqual([11, 12, 14, 15, 17]);
    const irfa = above.find((w) => w.row === 12)!;
    expect(irfa).toMatchObject({ severity: "warning", sheet: "Programmation 2015", cell: "E12" });
    expect(irfa.data).toMatchObject({
      operator: "IRFA",
      amountCents: 16_551_375,
      thresholdCents: 4_000_000,
      excessCents: 12_551_375,
      laterThresholdCents: null,
    });
    expect(procurementMessage(irfa, "fr")).toContain("165\u202f513,75\u00a0€ HT");
    expect(procurementMessage(irfa, "en")).toContain("€165,513.75 excl. VAT");
  });

  it("APSALC has two letters (rows 14 and 19): the one above has its own warning, the one below alone is no split", () => {
    const r = procurementOf(sheets);
    expect(r.warnings.filter((w) => w.code === "SUPPLIER_SPLIT_ABOVE_THRESHOLD")).toEqual([]);
    const apsalc = r.repeatSuppliers.find((s) => s.supplierKey === "apsalc")!;
    expect(apsalc).toMatchObject({
      supplier: "APSALC",
      year: 2015,
      rows: [14, 19],
      totalCents: 5_175_000 + 3_765_316,
      belowThresholdTotalCents: 3_765_316,
    });
    expect(r.repeatSuppliers.map((s) => s.rows)).toEqual([
      [14, 19],
      [15, 16],
    ]);
  });

  it("with a 80 000 € threshold, letters each below it are added per supplier", () => {
    const r = procurementOf(sheets, makeProcurementSettings({ thresholdCents: asCents(8_000_000), quotes: 2 }));
    expect(r.letters.filter((l) => l.aboveThreshold).map((l) => l.row)).toEqual([12]);
    const split = r.warnings.filter((w) => w.code === "SUPPLIER_SPLIT_ABOVE_THRESHOLD");
    expect(split.map((w) => [w.row, w.cell, w.data.rows, w.data.sumCents])).toEqual([
      [14, "E14", "14, 19", 5_175_000 + 3_765_316],
      [15, "E15", "15, 16", 6_589_500 + 3_000_000],
    ]);
    expect(r.letters.every((l) => l.quotes === 2)).toBe(true);
  });

  it("prints each letter with its quotes to request", () => {
    const fr = procurementText(procurementOf(sheets), "fr");
    expect(fr).toContain("Programmation 2015 (2015)");
    expect(fr).toContain("7 lettres de commande, seuil 40\u202f000,00\u00a0€ HT, 3 devis par lettre");
    expect(fr).toContain(
      "Lignes de la structure elle-même (2)\u00a0: rattachées à leur projet hôte, sans devis ni règle de commande publique",
    );
    expect(fr).toMatch(
      /Programmation 2015, ligne 6 {2}PLIE — «\u00a0.*\u00a0» \[Assistance, accompagnement et formation aux participants\]\u00a0: 49\u202f677,21\u00a0€\n/,
    );
    expect(fr).toMatch(/ligne 19 {2}APSALC — «\u00a0Enveloppe souple.*37\u202f653,16\u00a0€ HT — 3 devis à demander/);
    expect(fr).toMatch(
      /ligne 12 {2}IRFA .*165\u202f513,75\u00a0€ HT — au moins le seuil : publicité et mise en concurrence/,
    );
    const en = procurementText(procurementOf(sheets, makeProcurementSettings({ quotes: 2 })), "en");
    expect(en).toContain("7 order letters, threshold €40,000.00 excl. VAT, 2 quotes per letter");
    expect(en).toContain("2 quotes to request");
  });
});

describe("procurement: generated programmings", () => {
  it("warns when one supplier, however written, gets letters each below the threshold that add up above it", () => {
    const s = letters(2024, [
      ["Association Élan", 15_000],
      ["Autre fournisseur", 15_000],
      ["ASSOCIATION  ELAN ", 15_000],
      ["association élan", 12_000.5],
      ["Autre Fournisseur", 20_000],
    ]);
    const r = procurementOf([s]);
    expect(r.letters).toHaveLength(5);
    expect(r.letters.some((l) => l.aboveThreshold)).toBe(false);
    expect(r.warnings).toHaveLength(1);
    const w = r.warnings[0];
    expect(w).toMatchObject({ code: "SUPPLIER_SPLIT_ABOVE_THRESHOLD", severity: "warning", cell: "E4", row: 4 });
    expect(w.data).toMatchObject({
      operator: "Association Élan",
      rows: "4, 6, 7",
      letterCount: 3,
      sumCents: 4_200_050,
      thresholdCents: 4_000_000,
      excessCents: 200_050,
      year: 2024,
    });
    expect(procurementMessage(w, "fr")).toContain("lignes 4, 6, 7");
    expect(procurementMessage(w, "en")).toContain("rows 4, 6, 7");
    // "Autre fournisseur": 35 000 € in all, below the threshold.
    expect(r.repeatSuppliers.find((x) => x.supplierKey === "autre fournisseur")!.totalCents).toBe(3_500_000);
  });

  it("a letter of exactly the threshold is reported; one cent less is not", () => {
    const r = procurementOf([
      letters(2024, [
        ["A", 40_000],
        ["B", 39_999.99],
      ]),
    ]);
    expect(r.letters.map((l) => l.aboveThreshold)).toEqual([true, false]);
    expect(r.warnings.map((w) => w.code)).toEqual(["LETTER_ABOVE_THRESHOLD"]);
  });

  it("two letters exactly reaching the threshold together are a split", () => {
    const r = procurementOf([
      letters(2024, [
        ["A", 20_000],
        ["A", 20_000],
      ]),
    ]);
    expect(r.warnings.map((w) => [w.code, w.data.sumCents])).toEqual([["SUPPLIER_SPLIT_ABOVE_THRESHOLD", 4_000_000]]);
  });

  it("a blank operator is no supplier", () => {
    const r = procurementOf([
      letters(2024, [
        ["", 30_000],
        ["", 30_000],
      ]),
    ]);
    expect(r.letters).toHaveLength(2);
    expect(r.warnings).toEqual([]);
    expect(r.repeatSuppliers).toEqual([]);
  });

  it("letters are not added across sheets", () => {
    const r = procurementOf([letters(2024, [["A", 30_000]]), letters(2024, [["A", 30_000]])]);
    expect(r.warnings).toEqual([]);
  });

  it("2026 uses 40 000 € (in force on 1 January) and says 60 000 € applies from 1 April; 2027 uses 60 000 €", () => {
    const rows: [string, number][] = [
      ["A", 50_000],
      ["B", 70_000],
      ["C", 30_000],
      ["C", 25_000],
    ];
    const r26 = procurementOf([letters(2026, rows)]);
    expect(r26.letters.map((l) => [l.thresholdCents, l.aboveThreshold])).toEqual([
      [4_000_000, true],
      [4_000_000, true],
      [4_000_000, false],
      [4_000_000, false],
    ]);
    expect(r26.warnings.map((w) => [w.code, w.row])).toEqual([
      ["LETTER_ABOVE_THRESHOLD", 4],
      ["LETTER_ABOVE_THRESHOLD", 5],
      ["SUPPLIER_SPLIT_ABOVE_THRESHOLD", 6],
    ]);
    const a = r26.warnings[0];
    expect(a.data).toMatchObject({ laterThresholdCents: 6_000_000, thresholdChangesOn: "2026-04-01" });
    expect(procurementMessage(a, "fr")).toContain(
      "Signée à partir du 1er avril 2026, elle serait sous le seuil de 60\u202f000,00\u00a0€ HT",
    );
    expect(procurementMessage(r26.warnings[1], "fr")).toContain(
      "Le seuil passe à 60\u202f000,00\u00a0€ HT le 1er avril 2026.",
    );
    expect(procurementMessage(a, "en")).toContain("Signed on or after 1 April 2026");

    const r27 = procurementOf([letters(2027, rows)]);
    expect(r27.letters.map((l) => [l.thresholdCents, l.aboveThreshold])).toEqual([
      [6_000_000, false],
      [6_000_000, true],
      [6_000_000, false],
      [6_000_000, false],
    ]);
    expect(r27.warnings.map((w) => [w.code, w.row])).toEqual([["LETTER_ABOVE_THRESHOLD", 5]]);
    expect(r27.warnings[0].data.laterThresholdCents).toBeNull();
  });

  it("follows the quotes setting and says when there is no letter", () => {
    const s = letters(2024, [["A", 10_000]]);
    expect(procurementOf([s]).letters[0].quotes).toBe(3);
    expect(procurementOf([s], makeProcurementSettings({ quotes: 2 })).letters[0].quotes).toBe(2);
    expect(procurementText(procurementOf([s], makeProcurementSettings({ quotes: 2 })), "fr")).toContain(
      "2 devis à demander",
    );
    const projectOnly = analyseSheet(sheet([balanced("Projet", "X", 100_000, 50_000)]));
    const r = procurementOf([projectOnly]);
    expect(r.letters).toEqual([]);
    expect(procurementText(r, "fr")).toContain("aucune lettre de commande");
    expect(procurementText(r, "en")).toContain("no order letter");
  });
});
