import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allFindings } from "../src/domain/check";
import { FINANCER_IDS } from "../src/domain/financers";
import { lineByFinancer } from "../src/domain/model";
import { financerYearTable } from "../src/domain/totals";
import { sheetJson } from "../src/report/json";
import { sheetText } from "../src/report/text";
import type { CellValue } from "../src/sheet/grid";
import { analyseSheet } from "../src/sheet/workbook";
import { HEADER, op, sheet, totalRow } from "./helpers";

const WORDS = [
  ...(HEADER as string[]),
  "TOTAL APRES RÉPARTITION DES FINANCEMENTS :",
  "BUDGET disponible par les financeurs",
  "SOUS PROGRAMMATION POUR UN MONTANT DE :",
  "Programmation PLIE 2019",
  "Détail Opérations",
  "Collectivité - Grand Dijon",
  "ETAT",
  "Autofinancement",
  "1 158 459,58 €",
  "49,85%",
  "#REF!",
  "#DIV/0!",
  "voté au COPIL du 14 mars 2019",
  "422B",
  "",
  "   ",
  "Total",
  "Projet de rattachement",
  "animation",
];

const cell: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constantFrom(...WORDS),
  fc.string({ maxLength: 12 }),
  fc.double({ noNaN: false }),
  fc.integer({ min: -1e9, max: 1e9 }).map((c) => c / 100),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
);

describe("properties", () => {
  it("random grids never throw, and every total is the sum of its lines", () => {
    let runsWithLines = 0;
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 16 }), { maxLength: 30 }), fc.boolean(), (rows, withHeader) => {
        const grid = withHeader ? sheet(rows) : { name: "Feuil1", values: rows };
        const s = analyseSheet(grid);
        if (s.tables.some((t) => t.lines.length > 0)) runsWithLines++;
        for (const t of s.tables) {
          for (const id of FINANCER_IDS) {
            const sum = t.lines.reduce((a, l) => a + (lineByFinancer(l.line)[id] ?? 0), 0);
            if (t.totals.byFinancer[id] !== undefined || sum !== 0) expect(t.totals.byFinancer[id]).toBe(sum);
          }
          for (const l of t.lines) {
            expect(Number.isSafeInteger(l.line.sumOfFinancers)).toBe(true);
            if (l.classification !== null) expect(l.fse).not.toBeNull();
          }
        }
        // Renderers never throw either.
        sheetText(s, "fr");
        sheetJson(s, "en");
        financerYearTable([s]);
        for (const f of allFindings(s)) expect(typeof f.code).toBe("string");
      }),
      { numRuns: 400 },
    );
    // The generator does reach operation lines, not only empty sheets.
    expect(runsWithLines).toBeGreaterThan(100);
  });

  it("cent sums are exact: printed totals of the exact sums always reconcile", () => {
    const line = fc.record({
      total: fc.integer({ min: 0, max: 5e8 }),
      fseShare: fc.integer({ min: 0, max: 100 }),
      cdShare: fc.integer({ min: 0, max: 100 }),
    });
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 60 }), (ls) => {
        let total = 0n;
        let fse = 0n;
        let cd = 0n;
        let dm = 0n;
        const rows: CellValue[][] = ls.map((l, i) => {
          const f = Math.floor((l.total * l.fseShare) / 100);
          const c = Math.floor(((l.total - f) * l.cdShare) / 100);
          const d = l.total - f - c;
          total += BigInt(l.total);
          fse += BigInt(f);
          cd += BigInt(c);
          dm += BigInt(d);
          return op("422C", `Op ${i}`, "X", l.total / 100, { fse2: f / 100, cd: c / 100, dm: d / 100 });
        });
        rows.push(
          totalRow({
            4: Number(total) / 100,
            5: Number(cd) / 100,
            6: Number(dm) / 100,
            8: Number(fse) / 100,
            11: Number(total) / 100,
          }),
        );
        const s = analyseSheet(sheet(rows));
        expect(BigInt(s.totals.totalCost)).toBe(total);
        expect(BigInt(s.totals.byFinancer.fse!)).toBe(fse);
        expect(BigInt(s.totals.byFinancer.conseil_departemental!)).toBe(cd);
        expect(BigInt(s.totals.byFinancer.dijon_metropole!)).toBe(dm);
        const bad = allFindings(s).filter((x) =>
          ["TOTAL_ROW_MISMATCH", "UNBALANCED", "INVALID_AMOUNT", "SUB_CENT_AMOUNT"].includes(x.code),
        );
        expect(bad).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
