import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkLine } from "../src/domain/line-checks";
import type { Line, LineLayout } from "../src/domain/model";
import { addCents, asCents, ONE_CENT, subCents, ZERO_CENTS, type Cents } from "../src/domain/money";
import {
  DEFAULT_RULES,
  capHolds,
  classify,
  floorHolds,
  fseShortfall,
  makeRules,
  maxFseAllowed,
  minTotalCostForProject,
  parseCap,
} from "../src/domain/rules";

const euros = (e: number): Cents => asCents(Math.round(e * 100));

const LAYOUT: LineLayout = {
  totalCost: 4,
  fseRate: 9,
  totalOperation: 17,
  fseRequested: -1,
  financers: ["fse", "autofinancement"],
  financerColumns: [12, 16],
};

function line(total: number | null, fseAmount: number, extra: Partial<Line> = {}): Line {
  const totalCost = total === null ? null : asCents(total);
  const fse = asCents(fseAmount);
  return {
    row: 7,
    action: "422C",
    operation: "Portage de Référents",
    operator: "X",
    objectifs: null,
    totalCost,
    financerAmounts: [fse, subCents(totalCost ?? ZERO_CENTS, fse)],
    sumOfFinancers: totalCost ?? ZERO_CENTS,
    financersComplete: true,
    fse,
    fseComplete: true,
    fseCol: 12,
    printedRate: null,
    printedTotalOperation: null,
    fseRequested: null,
    hostOverride: null,
    status: null,
    layout: LAYOUT,
    findings: [],
    ...extra,
  };
}

describe("floor", () => {
  it("holds at exactly 20 000,00 € by default, not when strict", () => {
    expect(floorHolds(euros(20000), DEFAULT_RULES)).toBe(true);
    expect(floorHolds(euros(19999.99), DEFAULT_RULES)).toBe(false);
    const strict = makeRules({ floorStrict: true });
    expect(floorHolds(euros(20000), strict)).toBe(false);
    expect(floorHolds(euros(20000.01), strict)).toBe(true);
    expect(fseShortfall(euros(19999.99), DEFAULT_RULES)).toBe(1);
    expect(fseShortfall(euros(20000), strict)).toBe(1);
  });
});

describe("cap", () => {
  it("holds at exactly 50,00 %", () => {
    expect(capHolds(euros(20000), euros(40000), DEFAULT_RULES)).toBe(true);
    expect(capHolds(euros(20000), euros(40000.8), DEFAULT_RULES)).toBe(true);
  });

  it("breaks on 24 645 € of 49 289 € although it rounds to 50,00 %", () => {
    expect(capHolds(euros(24645), euros(49289), DEFAULT_RULES)).toBe(false);
    expect(maxFseAllowed(euros(49289), DEFAULT_RULES)).toBe(euros(24644.5));
  });

  it("holds on 25 168,18 € of 50 336,37 €", () => {
    expect(capHolds(euros(25168.18), euros(50336.37), DEFAULT_RULES)).toBe(true);
    expect(classify(euros(25168.18), euros(50336.37), DEFAULT_RULES)).toBe("projet");
  });

  it("breaks on 17 965 € of 35 922 € (50,01 %)", () => {
    expect(capHolds(euros(17965), euros(35922), DEFAULT_RULES)).toBe(false);
  });

  it("follows another cap (60 %) and very large amounts exactly", () => {
    const r = makeRules({ capBasisPoints: 6000 });
    expect(capHolds(euros(60000), euros(100000), r)).toBe(true);
    expect(capHolds(euros(60000.01), euros(100000), r)).toBe(false);
    expect(capHolds(asCents(4e15), asCents(8e15), DEFAULT_RULES)).toBe(true);
    expect(capHolds(asCents(4e15 + 1), asCents(8e15), DEFAULT_RULES)).toBe(false);
  });

  it("gives the largest FSE allowed: it holds and one cent more breaks (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e12 }), fc.integer({ min: 1, max: 10000 }), (t, bp) => {
        const r = makeRules({ capBasisPoints: bp });
        const total = asCents(t);
        const max = maxFseAllowed(total, r);
        return capHolds(max, total, r) && !capHolds(addCents(max, ONE_CENT), total, r);
      }),
    );
  });
});

describe("the 40 000 € minimum total cost", () => {
  it("is floor ÷ cap", () => {
    expect(minTotalCostForProject(DEFAULT_RULES)).toBe(euros(40000));
    expect(minTotalCostForProject(makeRules({ capBasisPoints: 6000 }))).toBe(3333334);
    expect(minTotalCostForProject(makeRules({ floorCents: euros(10000) }))).toBe(euros(20000));
  });
});

describe("parseCap", () => {
  it.each([
    ["50", 5000],
    ["50 %", 5000],
    ["50%", 5000],
    ["49,5", 4950],
    ["0.6", 6000],
    ["0,5", 5000],
    ["1", 10000],
    ["1 %", 100],
    ["100", 10000],
  ])("%s → %d basis points", (s, bp) => expect(parseCap(s)).toBe(bp));
  it.each([["0"], ["-5"], ["101"], ["abc"], ["49,555"]])("refuses %s", (s) => expect(parseCap(s)).toBeNull());
});

describe("makeRules", () => {
  it("refuses impossible thresholds", () => {
    expect(() => makeRules({ capBasisPoints: 0 })).toThrow(RangeError);
    expect(() => makeRules({ floorCents: asCents(-1) })).toThrow(RangeError);
  });
});

describe("checkLine", () => {
  it("classifies and explains a line over the cap, with its fixes", () => {
    const r = checkLine(line(euros(49289), euros(24645)), 0, DEFAULT_RULES);
    expect(r.classification).toBe("lettre_de_commande");
    expect(r.fseRate).toBe(0.5);
    expect(r.findings.map((f) => [f.code, f.cell])).toEqual([["FSE_RATE_ABOVE_CAP", "M7"]]);
    expect(r.findings[0].data).toMatchObject({ maxFseCents: 2464450, excessCents: 50, capRate: 0.5 });
    expect(r.suggestions).toEqual({ maxFseCents: 2464450, shortfallCents: null, minTotalCostCents: null });
    expect(r.host).toBe("assistance");
    expect(r.hostSource).toBe("suggested");
  });

  it("suggests the floor shortfall and the 40 000 € minimum on a small line", () => {
    const r = checkLine(line(euros(30000), 0), 0, DEFAULT_RULES);
    expect(r.findings.map((f) => f.code)).toEqual(["FSE_BELOW_FLOOR"]);
    expect(r.suggestions).toEqual({ maxFseCents: null, shortfallCents: euros(20000), minTotalCostCents: euros(40000) });
  });

  it("a project at both boundaries has no finding", () => {
    const r = checkLine(line(euros(40000), euros(20000)), 0, DEFAULT_RULES);
    expect(r.classification).toBe("projet");
    expect(r.findings).toEqual([]);
    expect(r.host).toBeNull();
  });

  it("flags unbalanced plans, Total opération and printed rates", () => {
    const r = checkLine(
      line(euros(100000), euros(40000), {
        sumOfFinancers: euros(88314.92),
        printedTotalOperation: euros(100000.01),
        printedRate: 0.46,
      }),
      0,
      DEFAULT_RULES,
    );
    expect(r.findings.map((f) => [f.code, f.cell])).toEqual([
      ["UNBALANCED", "E7"],
      ["TOTAL_MISMATCH", "R7"],
      ["PRINTED_RATE_MISMATCH", "J7"],
    ]);
    expect(r.findings[0].data.gapCents).toBe(euros(11685.08));
    expect(r.findings[1].data.gapCents).toBe(1);
    expect(r.classification).toBe("projet");
  });

  it("does not classify a line whose FSE cannot be read", () => {
    const r = checkLine(line(euros(100000), 0, { fseComplete: false, financersComplete: false }), 0, DEFAULT_RULES);
    expect(r.classification).toBeNull();
    expect(r.fse).toBeNull();
    expect(r.findings).toEqual([]);
  });

  it("takes the host from the sheet's column when there is one", () => {
    const r = checkLine(line(euros(30000), 0, { hostOverride: "animation" }), 0, DEFAULT_RULES);
    expect([r.host, r.hostSource]).toEqual(["animation", "column"]);
  });
});
