import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addCents,
  asCents,
  centsAt,
  centsFromDecimalString,
  centsFromNumber,
  centsToEuros,
  maxCents,
  minCents,
  negCents,
  optionalCentsAt,
  parseEuroText,
  splitEuros,
  subCents,
  sumCents,
  ZERO_CENTS,
} from "../src/domain/money";
import { decimalFromNumber, decimalRateFromText, rateDiffExceeds, roundedRate } from "../src/domain/rates";
import { formatEuros, formatRate } from "../src/report/format";

const ok = (cents: number, subCent = false) => ({ ok: true, cents, subCent });

describe("parseEuroText", () => {
  it.each([
    ["1 158 459,58 €", 115845958],
    ["1\u202f158\u202f459,58\u00a0€", 115845958],
    ["1\u00a0158\u00a0459,58 €", 115845958],
    ["12 011,000 €", 1201100],
    ["0,00 €", 0],
    ["20 000", 2000000],
    ["25.000 €", 2500000],
    ["100.000,00 €", 10000000],
    ["1,158,459.58", 115845958],
    ["1.158.459,58", 115845958],
    ["1.158.459", 115845900],
    ["-250,5 €", -25050],
    ["−1 000,00 €", -100000],
    ["(1 000,00)", -100000],
    ["EUR 12,30", 1230],
    ["12,30 EUR", 1230],
    [",50", 50],
  ])("%s → %d cents", (text, cents) => {
    expect(parseEuroText(text)).toEqual(ok(cents));
  });

  it("rounds a third decimal half up and says so", () => {
    expect(parseEuroText("12 011,005 €")).toEqual(ok(1201101, true));
    expect(parseEuroText("12 011,004 €")).toEqual(ok(1201100, true));
    expect(parseEuroText("-0,005")).toEqual(ok(-1, true));
  });

  it.each([["49,85%"], ["abc"], [""], ["1,2,3"], ["1.2.3"], ["12 a"], ["#REF!"], ["€"], ["--5"]])(
    "refuses %s",
    (text) => {
      expect(parseEuroText(text).ok).toBe(false);
    },
  );

  it("never guesses a dot that may be a decimal point or a thousands separator", () => {
    expect(parseEuroText("25.43")).toEqual({ ok: false, reason: "ambiguous", asDecimal: 2543 });
    expect(parseEuroText("20000.5")).toEqual({ ok: false, reason: "ambiguous", asDecimal: 2000050 });
    expect(parseEuroText("1158459.58 €")).toEqual({ ok: false, reason: "ambiguous", asDecimal: 115845958 });
    expect(parseEuroText("-0.5")).toEqual({ ok: false, reason: "ambiguous", asDecimal: -50 });
    expect(parseEuroText("1234.567").ok).toBe(false);
  });

  it("tells a percent from garbage", () => {
    expect(parseEuroText("49,85 %")).toEqual({ ok: false, reason: "percent" });
    expect(parseEuroText("n/a")).toEqual({ ok: false, reason: "not_a_number" });
  });
});

describe("centsFromNumber", () => {
  it.each([
    [179408.51, 17940851],
    [40000.8, 4000080],
    [0.1 + 0.2, 30],
    [1158459.58, 115845958],
    [-0.01, -1],
    [0, 0],
    [-0, 0],
    [99999999999.99, 9999999999999],
  ])("%d → %d cents", (v, c) => {
    expect(centsFromNumber(v)).toEqual(ok(c));
  });

  it("reports sub-cent values with the rounded cents", () => {
    expect(centsFromNumber(12011.005)).toEqual(ok(1201101, true));
    expect(centsFromNumber(0.001)).toEqual(ok(0, true));
    expect(centsFromNumber(1e10 + 0.001)).toEqual(ok(1e12, true));
    expect(centsFromNumber(1e-9)).toEqual(ok(0)); // float noise, not a sub-cent amount
    expect(centsFromNumber(0.004)).toEqual(ok(0, true));
  });

  it("refuses non-finite numbers", () => {
    expect(centsFromNumber(NaN).ok).toBe(false);
    expect(centsFromNumber(Infinity).ok).toBe(false);
  });

  it("reads exponent forms exactly", () => {
    expect(centsFromDecimalString("1.5e3")).toEqual(ok(150000));
    expect(centsFromDecimalString("1e21")).toEqual({ ok: false, reason: "too_large" });
  });

  it("is exact on every value with two decimals (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (c) => {
        const r = centsFromNumber(c / 100);
        return r.ok && r.cents === c && !r.subCent;
      }),
      { numRuns: 5000 },
    );
  });

  it("reads the French text of any cent amount back to the same cents (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (c) => {
        const fr = parseEuroText(formatEuros(asCents(c), "fr"));
        // English text below 1 000 (`€123.45`) has a lone dot: never guessed, and its decimal reading is the amount.
        const en = parseEuroText(formatEuros(asCents(c), "en").replace("€", ""));
        const enRight = en.ok
          ? en.cents === c
          : en.reason === "ambiguous" && en.asDecimal === c && Math.abs(c) < 100000;
        return fr.ok && fr.cents === c && enRight;
      }),
      { numRuns: 3000 },
    );
  });

  it("sums cents exactly where float sums drift (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1e10 }), { maxLength: 200 }), (cs) => {
        const fromNumbers = cs.map((c) => {
          const r = centsFromNumber(c / 100);
          if (!r.ok) throw new Error(`not read back: ${c}`);
          return r.cents;
        });
        const s = sumCents(fromNumbers);
        const exact = cs.reduce((a, b) => BigInt(a) + BigInt(b), 0n);
        return BigInt(s) === exact;
      }),
    );
  });
});

describe("rates", () => {
  it("reads printed rates exactly", () => {
    expect(decimalFromNumber(0.4985)).toEqual({ mantissa: 4985, scale: 4 });
    expect(decimalRateFromText("49,85%")).toEqual({ mantissa: 4985, scale: 4 });
    expect(decimalRateFromText("49,85 %")).toEqual({ mantissa: 4985, scale: 4 });
    expect(decimalRateFromText("0,5")).toEqual({ mantissa: 5, scale: 1 });
    expect(decimalRateFromText("beaucoup")).toBeNull();
  });

  it("rounds FSE ÷ total half up to 4 decimals", () => {
    expect(roundedRate(asCents(8944200), asCents(17940851))).toBe(0.4985);
    expect(roundedRate(asCents(1), asCents(3))).toBe(0.3333);
    expect(roundedRate(asCents(2), asCents(3))).toBe(0.6667);
    expect(roundedRate(asCents(1), asCents(20000))).toBe(0.0001); // 0.00005 rounds up
    expect(roundedRate(asCents(5), asCents(0))).toBeNull();
  });

  it("compares a printed rate with the tolerance exactly at the boundary", () => {
    const tol = { mantissa: 5, scale: 3 };
    // 0.4985 printed against exactly 0.5035 and 0.5036
    expect(rateDiffExceeds({ mantissa: 4985, scale: 4 }, asCents(5035), asCents(10000), tol)).toBe(false);
    expect(rateDiffExceeds({ mantissa: 4985, scale: 4 }, asCents(5036), asCents(10000), tol)).toBe(true);
    expect(rateDiffExceeds({ mantissa: 4985, scale: 4 }, asCents(4935), asCents(10000), tol)).toBe(false);
    expect(rateDiffExceeds({ mantissa: 4985, scale: 4 }, asCents(4934), asCents(10000), tol)).toBe(true);
  });
});

describe("formatEuros", () => {
  it("prints French and English amounts from cents", () => {
    expect(formatEuros(asCents(123456789))).toBe("1\u202f234\u202f567,89\u00a0€");
    expect(formatEuros(asCents(123456789), "en")).toBe("€1,234,567.89");
    expect(formatEuros(asCents(-1))).toBe("-0,01\u00a0€");
    expect(formatEuros(asCents(0))).toBe("0,00\u00a0€");
    expect(formatEuros(asCents(100000))).toBe("1\u202f000,00\u00a0€");
  });

  it("agrees with Intl fr-FR on the digits and separators", () => {
    const intl = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" });
    for (const c of [0, 5, 99, 100000, 123456789, 2000000]) expect(formatEuros(asCents(c))).toBe(intl.format(c / 100));
  });

  it("prints rates", () => {
    expect(formatRate(0.4985)).toBe("49,85\u00a0%");
    expect(formatRate(0.5, "en")).toBe("50.00%");
    expect(formatRate(null)).toBe("—");
  });
});

describe("centsAt and optionalCentsAt", () => {
  it("read the cents of a column, NaN as no value, and refuse an index out of range", () => {
    const column = new Float64Array([125, NaN, -3]);
    expect(centsAt(column, 0)).toBe(125);
    expect(optionalCentsAt(column, 1)).toBeNull();
    expect(optionalCentsAt(column, 2)).toBe(-3);
    expect(() => centsAt(column, 3)).toThrow(RangeError);
    expect(() => optionalCentsAt(column, -1)).toThrow(RangeError);
  });
});

describe("the arithmetic of Cents", () => {
  /** Amounts whose sums of three stay safe integers. */
  const amount = fc.integer({ min: -(2 ** 50), max: 2 ** 50 }).map(asCents);

  it("asCents takes safe integers only", () => {
    expect(asCents(123456)).toBe(123456);
    expect(asCents(-1)).toBe(-1);
    for (const bad of [0.5, 1e-9, Number.NaN, Infinity, 2 ** 53, -(2 ** 53)])
      expect(() => asCents(bad), String(bad)).toThrow(RangeError);
  });

  it("adds, subtracts and negates exactly; zero is never -0", () => {
    fc.assert(
      fc.property(amount, amount, amount, (a, b, c) => {
        expect(addCents(addCents(a, b), c)).toBe(addCents(a, addCents(b, c)));
        expect(addCents(a, b)).toBe(addCents(b, a));
        expect(subCents(addCents(a, b), b)).toBe(a);
        expect(addCents(a, negCents(a))).toBe(0);
        expect(sumCents([a, b, c])).toBe(a + b + c);
        expect(minCents(a, b) + maxCents(a, b)).toBe(a + b);
      }),
    );
    expect(Object.is(negCents(ZERO_CENTS), 0)).toBe(true);
    expect(sumCents([])).toBe(0);
  });

  it("gives euros for JSON and cells, and the parts a printed amount shows", () => {
    expect(centsToEuros(asCents(115845958))).toBe(1158459.58);
    expect(centsToEuros(asCents(-5))).toBe(-0.05);
    expect(splitEuros(asCents(115845958))).toEqual({ negative: false, euros: 1158459, cents: 58 });
    expect(splitEuros(asCents(-105))).toEqual({ negative: true, euros: 1, cents: 5 });
    expect(splitEuros(ZERO_CENTS)).toEqual({ negative: false, euros: 0, cents: 0 });
    fc.assert(
      fc.property(amount, (a) => {
        const p = splitEuros(a);
        expect((p.negative ? -1 : 1) * (p.euros * 100 + p.cents)).toBe(a);
        expect(p.cents).toBeGreaterThanOrEqual(0);
        expect(p.cents).toBeLessThan(100);
        // Read back from its euros, through the reader of Excel's numbers.
        expect(centsFromNumber(centsToEuros(a))).toEqual({ ok: true, cents: a, subCent: false });
      }),
    );
  });
});
