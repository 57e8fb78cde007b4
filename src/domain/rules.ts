import { addCents, asCents, maxCents, ONE_CENT, subCents, ZERO_CENTS, type Cents } from "./money";
import { decimalFromString, type Decimal } from "./rates";

/**
 * The FSE rule set. All thresholds are local choices: the defaults are the
 * PLIE's 2015–2019 rules (floor 20 000 € inclusive, cap 50 %).
 */
export interface RuleSet {
  /** FSE floor of a project, in cents. */
  floorCents: Cents;
  /** When true the floor is strict: FSE must be above it. */
  floorStrict: boolean;
  /** FSE cap as a rate in basis points of the total cost (5000 = 50,00 %). */
  capBasisPoints: number;
  /** Tolerance between the printed %FSE and the computed rate (0,005 = 0,5 point). */
  printedRateTolerance: Decimal;
}

export const DEFAULT_RULES: Readonly<RuleSet> = Object.freeze({
  floorCents: asCents(2_000_000),
  floorStrict: false,
  capBasisPoints: 5000,
  printedRateTolerance: { mantissa: 5, scale: 3 },
});

export function makeRules(overrides: Partial<RuleSet> = {}): RuleSet {
  const r: RuleSet = { ...DEFAULT_RULES, ...overrides };
  if (!Number.isSafeInteger(r.floorCents) || r.floorCents < 0)
    throw new RangeError("floor must be a non-negative amount in cents");
  if (!Number.isInteger(r.capBasisPoints) || r.capBasisPoints <= 0 || r.capBasisPoints > 10000) {
    throw new RangeError("cap must be above 0 % and at most 100 %");
  }
  return r;
}

/**
 * Reads a cap written by a user: `50`, `50 %`, `49,5`, `0.6` (a fraction when
 * at most 1). Returns basis points, or null when it is not a rate in (0, 100 %].
 */
export function parseCap(text: string): number | null {
  const s = text.trim().replace(/\s*%$/, "");
  const d = decimalFromString(s);
  if (!d || d.mantissa <= 0) return null;
  const value = d.mantissa / 10 ** d.scale;
  // basis points = value × 100 (percent) or value × 10000 (fraction), exactly.
  const shift = value <= 1 && !text.includes("%") ? 4 : 2;
  if (d.scale > shift) {
    const div = 10 ** (d.scale - shift);
    if (d.mantissa % div !== 0) return null;
    return check(d.mantissa / div);
  }
  return check(d.mantissa * 10 ** (shift - d.scale));
  function check(bp: number): number | null {
    return Number.isInteger(bp) && bp > 0 && bp <= 10000 ? bp : null;
  }
}

function mulFits(a: number, b: number): boolean {
  return Number.isSafeInteger(a * b);
}

/** Floor: FSE ≥ floor (or > floor when strict). */
export function floorHolds(fse: Cents, rules: RuleSet): boolean {
  return rules.floorStrict ? fse > rules.floorCents : fse >= rules.floorCents;
}

/** Cap: FSE × 10 000 ≤ total × cap (basis points), in integers. */
export function capHolds(fse: Cents, total: Cents, rules: RuleSet): boolean {
  if (mulFits(fse, 10000) && mulFits(total, rules.capBasisPoints)) {
    return fse * 10000 <= total * rules.capBasisPoints;
  }
  return BigInt(fse) * 10000n <= BigInt(total) * BigInt(rules.capBasisPoints);
}

/** The largest FSE the cap allows on this total cost (rounded down to the cent). */
export function maxFseAllowed(total: Cents, rules: RuleSet): Cents {
  if (total <= 0) return ZERO_CENTS;
  if (mulFits(total, rules.capBasisPoints)) return asCents(Math.floor((total * rules.capBasisPoints) / 10000));
  return asCents(Number((BigInt(total) * BigInt(rules.capBasisPoints)) / 10000n));
}

/** The smallest FSE amount that meets the floor. */
export function minFseForFloor(rules: RuleSet): Cents {
  return rules.floorStrict ? addCents(rules.floorCents, ONE_CENT) : rules.floorCents;
}

/** FSE missing to reach the floor (0 when it is met). */
export function fseShortfall(fse: Cents, rules: RuleSet): Cents {
  return maxCents(ZERO_CENTS, subCents(minFseForFloor(rules), fse));
}

/** The smallest total cost on which the cap allows the floor: 40 000 € by default. */
export function minTotalCostForProject(rules: RuleSet): Cents {
  const need = minFseForFloor(rules);
  return asCents(Math.ceil((need * 10000) / rules.capBasisPoints));
}

export type Classification = "projet" | "lettre_de_commande";

export function classify(fse: Cents, total: Cents, rules: RuleSet): Classification {
  return floorHolds(fse, rules) && capHolds(fse, total, rules) ? "projet" : "lettre_de_commande";
}
