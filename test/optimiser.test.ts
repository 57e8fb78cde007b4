import * as path from "path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { SheetResult } from "../src/domain/check";
import { optimiseEnvelope, shareByWeight, type Optimisation, type OptimisedLine } from "../src/domain/optimiser";
import { asCents } from "../src/domain/money";
import { DEFAULT_RULES, capHolds, floorHolds, makeRules } from "../src/domain/rules";
import { readWorkbook } from "../src/cli/read";
import { analyseSheet, analyseWorkbook } from "../src/sheet/workbook";
import { optimisationJson, optimisationText } from "../src/report/optimiser";
import type { CellValue } from "../src/sheet/grid";
import { op, sheet } from "./helpers";

const FIXTURE_2019 = path.resolve(__dirname, "../../shared/fixtures/programmation-2019.xlsx");

const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);
const byRow = (o: Optimisation, row: number): OptimisedLine => {
  const l = o.lines.find((x) => x.row === row);
  if (!l) throw new Error(`no line at row ${row}`);
  return l;
};

/** Invariants every proposal keeps: bounds, rules, balanced plan, exact sums. */
function expectSound(o: Optimisation, s: SheetResult): void {
  expect(o.status).toBe("ok");
  for (const l of o.lines) {
    expect(Number.isSafeInteger(l.proposedFse)).toBe(true);
    expect(Number.isSafeInteger(l.autofinancementAfter)).toBe(true);
    if (l.fixed) {
      expect(l.proposedFse).toBe(l.fse);
      continue;
    }
    const p = l.proposedFse!;
    expect(p).toBeGreaterThanOrEqual(l.lo!);
    expect(p).toBeLessThanOrEqual(l.hi!);
    expect(floorHolds(p, DEFAULT_RULES)).toBe(true);
    expect(capHolds(p, l.totalCost!, DEFAULT_RULES)).toBe(true);
    expect(l.autofinancementAfter).toBeGreaterThanOrEqual(0);
    // The plan stays balanced: co-financing + proposed FSE + autofinancement = total cost.
    expect(l.cofinancing + p + l.autofinancementAfter!).toBe(l.totalCost);
  }
  expect(o.proposed).toBe(sum(o.lines.map((l) => l.proposedFse!)));
  expect(o.proposedProjects).toBe(sum(o.lines.filter((l) => !l.fixed).map((l) => l.proposedFse!)));
  expect(o.programmed).toBe(sum(o.lines.map((l) => l.fse)));
  expect(o.programmed).toBe(s.totals.fse);
  expect(o.unused).toBe(o.envelope! - o.proposed!);
  expect(o.proposedProjects!).toBeLessThanOrEqual(o.available!);
}

describe("optimiser: programmation 2019", () => {
  let s: SheetResult;
  let o: Optimisation;
  beforeAll(async () => {
    const wb = analyseWorkbook(await readWorkbook(FIXTURE_2019));
    s = wb.sheets[0];
    o = optimiseEnvelope(s, DEFAULT_RULES);
  });

  it("takes the envelope from the BUDGET row and counts both tables", () => {
    expect(o.envelopeSource).toBe("budget");
    expect(o.envelope).toBe(60_000_000);
    expect(o.programmed).toBe(55_725_011);
    expect(o.fixed).toBe(0);
    expect(o.lines).toHaveLength(13);
    expect(new Set(o.lines.map((l) => l.tableIndex))).toEqual(new Set([0, 1]));
    expect(o.lettersToProjects).toEqual([]);
  });

  it("proposes every project at its maximum: 569 501,11 €, 30 498,89 € unused", () => {
    // Why: every 2019 line is a project, so nothing is fixed and the 13 lines
    // share 600 000 €. Their maximums add up to 569 501,11 € (Σ hi), below the
    // envelope, so each project gets its hi and 30 498,89 € stay unused.
    // Only five lines can take more FSE, because only they have
    // autofinancement to give back: Longvic +0,40 €, IRFA chargé de mission
    // +354 €, APSALC +1 749 €, CESAM +739,60 €, Amis Mots +9 408 € (12 251 €
    // in all), each up to its 50 % cap. Quetigny, IRFA référents and ARIQ BTP
    // already stand at their cap; IFPA and MILO at their cap and at what their
    // co-financing leaves (no autofinancement). 422B (animation), 422D
    // (assistance) and the clauses line have no autofinancement: their
    // co-financing fixes their FSE at its current amount, below the cap
    // (e.g. 422B: 129 103,56 € where the cap would allow 145 363,60 €).
    expect(o.status).toBe("ok");
    expect(o.sumHi).toBe(56_950_111);
    expect(o.proposed).toBe(56_950_111);
    expect(o.unused).toBe(3_049_889);
    expect(o.infeasible).toBeNull();
    const expected: [number, string, number, number, string, number, number][] = [
      // row, action, fse, proposed, limited by, autofinancement before, after
      [4, "422B", 12_910_356, 12_910_356, "cofinancing", 0, 0],
      [5, "422D", 6_576_455, 6_576_455, "cofinancing", 0, 0],
      [6, "OS1-422C", 2_217_000, 2_217_000, "cap", 2_217_000, 2_217_000],
      [7, "OS1-422C", 2_000_000, 2_000_040, "cap", 2_000_080, 2_000_040],
      [8, "OS1-422C", 2_268_000, 2_268_000, "both", 0, 0],
      [9, "OS1-422C", 6_210_000, 6_210_000, "cap", 517_500, 517_500],
      [10, "OS1-422C", 2_433_600, 2_469_000, "cap", 205_750, 170_350],
      [11, "OS1-422C", 5_940_000, 6_114_900, "cap", 2_638_800, 2_463_900],
      [12, "OS1-422C", 4_169_900, 4_243_860, "cap", 427_605, 353_645],
      [13, "OS1-422C", 2_543_800, 2_543_800, "both", 0, 0],
      [14, "OS1-422C", 2_618_400, 3_559_200, "cap", 4_500_000, 3_559_200],
      [15, "322C", 3_425_000, 3_425_000, "cap", 1_137_000, 1_137_000],
      [21, "322D", 2_412_500, 2_412_500, "cofinancing", 0, 0],
    ];
    expect(
      o.lines.map((l) => [
        l.row,
        l.action,
        l.fse,
        l.proposedFse,
        l.limitedBy,
        l.autofinancementBefore,
        l.autofinancementAfter,
      ]),
    ).toEqual(expected);
    for (const l of o.lines) {
      expect(l.lo).toBe(2_000_000);
      expect(l.proposedFse).toBe(l.hi);
    }
    expect(sum(o.lines.map((l) => l.proposedFse! - l.fse))).toBe(1_225_100);
    expectSound(o, s);
  });

  it("names the lines blocked by their co-financing (hi = current FSE, no autofinancement)", () => {
    const blocked = o.lines.filter((l) => l.limitedBy !== "cap" && l.hi === l.fse).map((l) => l.action + "@" + l.row);
    expect(blocked).toEqual(["422B@4", "422D@5", "OS1-422C@8", "OS1-422C@13", "322D@21"]);
    const b = byRow(o, 4);
    expect(b.cofinancing).toBe(16_162_364); // Dijon Métropole 95 335,64 + Région 66 288
    expect(b.hi).toBe(b.fse);
    expect(b.totalCost! - b.cofinancing).toBe(12_910_356);
  });

  it("explains the result in French and English, and gives the JSON shape", () => {
    const fr = optimisationText(o, s.sheet.name, "fr");
    expect(fr).toContain("600\u202f000,00\u00a0€");
    expect(fr).toContain("569\u202f501,11\u00a0€");
    expect(fr).toContain("30\u202f498,89\u00a0€");
    expect(fr).toMatch(/Limités par leur cofinancement[^\n]*L4, L5, L8, L13, L21/);
    expect(fr).toMatch(/À leur plafond[^\n]*L6, L7, L8, L9, L10, L11, L12, L13, L14, L15/);
    expect(fr).toContain("Enveloppe non utilisée");
    const en = optimisationText(o, s.sheet.name, "en");
    expect(en).toContain("€569,501.11");
    expect(en).toContain("Unused envelope");
    const j = optimisationJson(o, s.sheet.name);
    expect(j.envelope).toBe(600000);
    expect(j.programmed).toBe(557250.11);
    expect(j.proposed).toBe(569501.11);
    expect(j.unused).toBe(30498.89);
    expect(j.lines[3]).toMatchObject({
      sheet: s.sheet.name,
      row: 7,
      fse: 20000,
      proposedFse: 20000.4,
      autofinancementAfter: 20000.4,
    });
    expect(JSON.parse(JSON.stringify(j))).toEqual(j);
  });

  it("with a smaller envelope, shares exactly what is available", () => {
    // 560 000 €: 2 749,89 € above the current programming, shared among the
    // five lines that have room, in proportion to that room (12 251 € in all).
    const t = optimiseEnvelope(s, DEFAULT_RULES, asCents(56_000_000));
    expect(t.envelopeSource).toBe("argument");
    expect(t.proposed).toBe(56_000_000);
    expect(t.unused).toBe(0);
    expectSound(t, s);
    expect(t.lines.filter((l) => l.proposedFse !== l.fse).map((l) => l.row)).toEqual([7, 10, 11, 12, 14]);
    expect(optimiseEnvelope(s, DEFAULT_RULES, asCents(56_000_000))).toEqual(t);
  });
});

/**
 * Three projects (grid rows 4–6) and, optionally, two order letters:
 * - A: 100 000 €, FSE 40 000, Dijon Métropole 20 000, auto 40 000 → hi 50 000 (cap)
 * - B: 60 000 €, FSE 25 000, Dijon Métropole 30 000, auto 5 000 → hi 30 000 (cap and co-financing)
 * - C: 80 000 €, FSE 22 000, Département 45 000, auto 13 000 → hi 35 000 (co-financing)
 * Σ lo = 60 000 €, Σ current = 87 000 €, Σ hi = 115 000 €.
 */
function threeProjects(withLetters = false): SheetResult {
  const rows: CellValue[][] = [
    op("OS1-422C", "Référents", "A", 100000, { fse2: 40000, dm: 20000, auto: 40000 }),
    op("OS1-422C", "Référents", "B", 60000, { fse2: 25000, dm: 30000, auto: 5000 }),
    op("OS1-422C", "Référents", "C", 80000, { fse2: 22000, cd: 45000, auto: 13000 }),
  ];
  if (withLetters) {
    rows.push(op("422D", "Remobilisation", "D", 60000, { fse2: 15000, dm: 30000, auto: 15000 }));
    rows.push(op("422D", "Relooking", "E", 30000, { fse2: 10000, auto: 20000 }));
  }
  return analyseSheet(sheet(rows));
}

describe("optimiser: generated sheets", () => {
  it("without a budget row nor an argument, says there is no envelope", () => {
    const s = threeProjects();
    const o = optimiseEnvelope(s, DEFAULT_RULES);
    expect(o.status).toBe("no_envelope");
    expect(o.envelope).toBeNull();
    expect(o.proposed).toBeNull();
    expect(o.lines.every((l) => l.proposedFse === null)).toBe(true);
    expect(optimisationText(o, "Programmation 2020", "fr")).toContain("Pas d'enveloppe");
  });

  it("an envelope above Σ hi: every project at hi, the rest reported unused", () => {
    const s = threeProjects();
    const o = optimiseEnvelope(s, DEFAULT_RULES, asCents(20_000_000));
    expectSound(o, s);
    expect(o.lines.map((l) => [l.hi, l.limitedBy])).toEqual([
      [5_000_000, "cap"],
      [3_000_000, "both"],
      [3_500_000, "cofinancing"],
    ]);
    expect(o.lines.map((l) => l.proposedFse)).toEqual([5_000_000, 3_000_000, 3_500_000]);
    expect(o.lines.map((l) => l.autofinancementAfter)).toEqual([3_000_000, 0, 0]);
    expect(o.proposed).toBe(11_500_000);
    expect(o.unused).toBe(8_500_000);
    expect(optimisationText(o, "Programmation 2020", "fr")).toContain("85\u202f000,00\u00a0€");
  });

  it("a tight envelope above the current FSE: exact total, shared by room, largest remainders", () => {
    // +13 000 € over rooms 10 000 / 5 000 / 13 000 (28 000): 4 642,857…, 2 321,428…,
    // 6 035,714…; the two cents left go to B (,857) then A (,714).
    const s = threeProjects();
    const o = optimiseEnvelope(s, DEFAULT_RULES, asCents(10_000_000));
    expectSound(o, s);
    expect(o.lines.map((l) => l.proposedFse)).toEqual([4_464_286, 2_732_143, 2_803_571]);
    expect(o.proposed).toBe(10_000_000);
    expect(o.unused).toBe(0);
    expect(optimiseEnvelope(s, DEFAULT_RULES, asCents(10_000_000))).toEqual(o);
  });

  it("a tight envelope below the current FSE: lines move down towards their floor", () => {
    // −17 000 € over rooms down 20 000 / 5 000 / 2 000 (27 000).
    const s = threeProjects();
    const o = optimiseEnvelope(s, DEFAULT_RULES, asCents(7_000_000));
    expectSound(o, s);
    expect(o.lines.map((l) => l.proposedFse)).toEqual([2_740_741, 2_185_185, 2_074_074]);
    expect(o.lines.map((l) => l.autofinancementAfter)).toEqual([5_259_259, 814_815, 1_425_926]);
    expect(o.proposed).toBe(7_000_000);
  });

  it("an envelope below Σ lo is infeasible, with its shortfall", () => {
    const s = threeProjects();
    const o = optimiseEnvelope(s, DEFAULT_RULES, asCents(5_000_000));
    expect(o.status).toBe("infeasible");
    expect(o.infeasible).toEqual({ shortfall: 1_000_000, sumLo: 6_000_000, available: 5_000_000 });
    expect(o.proposed).toBeNull();
    expect(o.lines.every((l) => l.proposedFse === null)).toBe(true);
    expect(optimisationText(o, "Programmation 2020", "fr")).toContain("manque 10\u202f000,00\u00a0€");
    expect(optimisationJson(o, "Programmation 2020").infeasible).toEqual({
      shortfall: 10000,
      sumLo: 60000,
      available: 50000,
    });
  });

  it("order letters keep their FSE, and say what they would need to become projects", () => {
    const s = threeProjects(true);
    const o = optimiseEnvelope(s, DEFAULT_RULES, asCents(15_000_000));
    expectSound(o, s);
    expect(o.fixed).toBe(2_500_000);
    expect(o.available).toBe(12_500_000);
    expect(o.proposed).toBe(2_500_000 + 11_500_000);
    expect(o.unused).toBe(1_000_000);
    expect(o.lines.slice(3).map((l) => [l.classification, l.fixed, l.proposedFse])).toEqual([
      ["lettre_de_commande", true, 1_500_000],
      ["lettre_de_commande", true, 1_000_000],
    ]);
    expect(o.lettersToProjects).toEqual([
      expect.objectContaining({
        kind: "fse_range",
        row: 7,
        lo: 2_000_000,
        hi: 3_000_000,
        limitedBy: "both",
        extraFseNeeded: 500_000,
        coveredByUnused: true,
        coveredWithProjectsAtFloor: true,
      }),
      expect.objectContaining({
        kind: "total_cost_missing",
        row: 8,
        totalCost: 3_000_000,
        minTotalCost: 4_000_000,
        missingTotalCost: 1_000_000,
      }),
    ]);
    const fr = optimisationText(o, "Programmation 2020", "fr");
    expect(fr).toContain("il manque 10\u202f000,00\u00a0€");
    expect(fr).toContain("l'enveloppe non utilisée le couvre");
    const j = optimisationJson(o, "Programmation 2020");
    expect(j.lettersToProjects[1]).toMatchObject({ sheet: "Programmation 2020", row: 8, missingTotalCost: 10000 });
    // A tighter envelope: the unused part no longer covers the letter, projects at their floor would.
    const t = optimiseEnvelope(s, DEFAULT_RULES, asCents(13_000_000));
    expect(t.lettersToProjects[0]).toMatchObject({ coveredByUnused: false, coveredWithProjectsAtFloor: true });
  });

  it("a project whose co-financing leaves less than the floor cannot stay a project", () => {
    // Unbalanced line: 40 000 € of cost, 20 000 € of FSE and 25 000 € from Dijon Métropole.
    const s = analyseSheet(sheet([op("OS1-422C", "Référents", "F", 40000, { fse2: 20000, dm: 25000 })]));
    const o = optimiseEnvelope(s, DEFAULT_RULES, asCents(10_000_000));
    expect(o.lines[0]).toMatchObject({
      classification: "projet",
      cannotStayProject: true,
      fixed: true,
      lo: 2_000_000,
      hi: 1_500_000,
      proposedFse: 2_000_000,
    });
    expect(optimisationText(o, "P", "fr")).toContain("Ne peuvent rester des projets");
  });

  it("follows the rule settings (floor 10 000 €, cap 60 %)", () => {
    const s = threeProjects();
    const rules = makeRules({ floorCents: asCents(1_000_000), capBasisPoints: 6000 });
    const o = optimiseEnvelope(s, rules, asCents(20_000_000));
    expect(o.lines.map((l) => [l.lo, l.hi])).toEqual([
      [1_000_000, 6_000_000],
      [1_000_000, 3_000_000],
      [1_000_000, 3_500_000],
    ]);
  });
});

describe("optimiser: properties", () => {
  it("shareByWeight gives exactly the amount, never more than a weight", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1e9 }), { minLength: 1, maxLength: 30 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (weights, f) => {
          const total = sum(weights);
          const amount = Math.floor(total * f);
          const shares = shareByWeight(asCents(amount), weights.map(asCents));
          expect(sum(shares)).toBe(amount);
          shares.forEach((x, i) => {
            expect(Number.isInteger(x)).toBe(true);
            expect(x).toBeGreaterThanOrEqual(0);
            expect(x).toBeLessThanOrEqual(weights[i]);
          });
        },
      ),
    );
  });

  const lineArb = fc
    .record({
      total: fc.integer({ min: 1_000_000, max: 30_000_000 }),
      fseShare: fc.integer({ min: 0, max: 5000 }),
      cofinShare: fc.integer({ min: 0, max: 10000 }),
      cd: fc.boolean(),
    })
    .map(({ total, fseShare, cofinShare, cd }) => {
      const fse = Math.floor((total * fseShare) / 10000);
      const cofin = Math.floor(((total - fse) * cofinShare) / 10000);
      return { total, fse, cofin, auto: total - fse - cofin, cd };
    });

  it("random lines and envelopes: Σ proposed ≤ available, each within [lo, hi], integers, exact when tight", () => {
    fc.assert(
      fc.property(
        fc.array(lineArb, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 200_000_000 }),
        (ls, envelope) => {
          const e = (c: number) => c / 100;
          const grid = sheet(
            ls.map((l, i) =>
              op("OS1-422C", `Op ${i}`, `Op ${i}`, e(l.total), {
                fse2: e(l.fse),
                [l.cd ? "cd" : "dm"]: e(l.cofin),
                auto: e(l.auto),
              }),
            ),
          );
          const s = analyseSheet(grid);
          const o = optimiseEnvelope(s, DEFAULT_RULES, asCents(envelope));
          expect(o.lines).toHaveLength(ls.length);
          expect(o.programmed).toBe(sum(ls.map((l) => l.fse)));
          if (o.status === "infeasible") {
            expect(o.sumLo).toBeGreaterThan(o.available!);
            expect(o.infeasible!.shortfall).toBe(o.sumLo - o.available!);
            return;
          }
          expect(o.status).toBe("ok");
          expectSound(o, s);
          if (o.sumHi > o.available!) expect(o.proposedProjects).toBe(o.available);
          else expect(o.proposedProjects).toBe(o.sumHi);
          expect(optimiseEnvelope(s, DEFAULT_RULES, asCents(envelope))).toEqual(o);
        },
      ),
      { numRuns: 150 },
    );
  });
});
