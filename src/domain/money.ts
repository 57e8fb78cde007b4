/**
 * Money in integer cents. Every amount of the programming is held as a safe
 * integer number of euro cents; sums are integer additions, never float sums.
 *
 * `Cents` is a branded number: a plain number (euros, a rate, a count) is not
 * accepted where cents are expected. Cents come from the readers below, from
 * `asCents` for an integer proved to be cents, or from the arithmetic here;
 * euros leave only through `centsToEuros` and `splitEuros`.
 */
declare const CENTS: unique symbol;
export type Cents = number & { readonly [CENTS]: true };

/** Largest amount held exactly: every sum of cents stays a safe integer. */
export const MAX_CENTS = Number.MAX_SAFE_INTEGER as Cents;
export const ZERO_CENTS = 0 as Cents;
export const ONE_CENT = 1 as Cents;

/** Brands a safe integer as cents; anything else is a programming error. */
export function asCents(n: number): Cents {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not a whole number of cents: ${n}`);
  return n as Cents;
}

export function addCents(a: Cents, b: Cents): Cents {
  return (a + b) as Cents;
}

export function subCents(a: Cents, b: Cents): Cents {
  return (a - b) as Cents;
}

export function negCents(a: Cents): Cents {
  return (a === 0 ? 0 : 0 - a) as Cents;
}

export function minCents(a: Cents, b: Cents): Cents {
  return a < b ? a : b;
}

export function maxCents(a: Cents, b: Cents): Cents {
  return a > b ? a : b;
}

/** Result of reading a decimal amount: exact cents, or why it is not one. */
export type DecimalParse =
  | { ok: true; cents: Cents; subCent: boolean }
  | { ok: false; reason: "not_a_number" | "too_large" | "percent" }
  /** A dot that may be a decimal point or a thousands separator (`25.43`): `asDecimal` is the first reading. */
  | { ok: false; reason: "ambiguous"; asDecimal: Cents };

export function sumCents(values: readonly Cents[]): Cents {
  let s = 0;
  for (const v of values) s += v;
  return s as Cents;
}

/**
 * The cents held at index i of a column of cents (a Float64Array of whole
 * cents): the caller has proved i in range, so out of range is an internal error.
 */
export function centsAt(column: Float64Array, i: number): Cents {
  const v = column[i];
  if (v === undefined) throw new RangeError(`internal error: no cents at index ${i} of ${column.length}`);
  return v as Cents;
}

/** Like `centsAt`, for a column where NaN stands for "no value": null then. */
export function optionalCentsAt(column: Float64Array, i: number): Cents | null {
  const v = column[i];
  if (v === undefined) throw new RangeError(`internal error: no cents at index ${i} of ${column.length}`);
  return v === v ? (v as Cents) : null;
}

/** Euros as a number with at most 2 decimals, for JSON and Excel cells only (never summed). */
export function centsToEuros(c: Cents): number {
  return c / 100;
}

/** The parts a printed amount shows: sign, whole euros, and the cents (0–99). */
export function splitEuros(c: Cents): { negative: boolean; euros: number; cents: number } {
  const abs = Math.abs(c);
  return { negative: c < 0, euros: Math.floor(abs / 100), cents: abs % 100 };
}

/**
 * Exact cents of a decimal written with digits: sign, integer part and
 * fraction digits. Digits past the second decimal are rounded half away from
 * zero and reported as `subCent` when any of them is not zero.
 */
function centsFromDecimalParts(negative: boolean, intPart: string, fracPart: string): DecimalParse {
  const intDigits = intPart.replace(/^0+(?=\d)/, "") || "0";
  if (intDigits.length > 13) return { ok: false, reason: "too_large" };
  const frac2 = (fracPart + "00").slice(0, 2);
  let cents = Number(intDigits) * 100 + Number(frac2);
  const rest = fracPart.slice(2);
  let subCent = false;
  if (rest.length > 0 && /[1-9]/.test(rest)) {
    subCent = true;
    if (rest.charCodeAt(0) >= 53 /* '5' */) cents += 1;
  }
  if (cents > MAX_CENTS) return { ok: false, reason: "too_large" };
  return { ok: true, cents: (negative && cents !== 0 ? -cents : cents) as Cents, subCent };
}

const PLAIN_DECIMAL = /^([+-]?)(\d+)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

/**
 * Exact cents of a JavaScript number (an Excel cell value). The number's
 * shortest decimal form is what Excel shows, so it is read as text when the
 * quick integer path cannot prove the value holds whole cents.
 */
export function centsFromNumber(v: number): DecimalParse {
  if (!Number.isFinite(v)) return { ok: false, reason: "not_a_number" };
  const whole = wholeCentsOf(v);
  if (whole !== null) return { ok: true, cents: whole, subCent: false };
  return centsFromDecimalString(String(v));
}

/**
 * Cents of a number that holds whole cents, within float noise (the error of
 * v × 100 is below 1e-6 cent plus a few ulps); null otherwise.
 */
export function wholeCentsOf(v: number): Cents | null {
  const c = v * 100;
  const r = Math.round(c);
  if (Math.abs(c - r) <= 1e-6 + Math.abs(c) * 4.5e-16 && Math.abs(r) <= MAX_CENTS) return (r === 0 ? 0 : r) as Cents;
  return null;
}

/** Cents of a plain decimal string such as `-12.345` or `1.5e-7`. */
export function centsFromDecimalString(s: string): DecimalParse {
  const m = PLAIN_DECIMAL.exec(s);
  if (!m) return { ok: false, reason: "not_a_number" };
  let intPart = m[2] ?? "0";
  let fracPart = m[3] ?? "";
  const exp = m[4] ? Number(m[4]) : 0;
  if (exp !== 0) {
    const digits = intPart + fracPart;
    const point = intPart.length + exp;
    if (point < 0) {
      intPart = "0";
      fracPart = "0".repeat(-point) + digits;
    } else if (point > digits.length) {
      if (point > 30) return { ok: false, reason: "too_large" };
      intPart = digits + "0".repeat(point - digits.length);
      fracPart = "";
    } else {
      intPart = digits.slice(0, point) || "0";
      fracPart = digits.slice(point);
    }
  }
  return centsFromDecimalParts(m[1] === "-", intPart, fracPart);
}

/** Spaces that French number formats use as thousands separators. */
const SPACES = /[\s\u00a0\u202f\u2009\u2007]/g;

/**
 * Reads an amount written as text, in French or plain format:
 * `1 158 459,58 €`, `12 011,000 €`, `-250,5`, `1.158.459,58`, `25.000 €`
 * (French text groups thousands with dots, so this is 25 000 €), and the
 * English `1,158,459.58`. A dot that could be a decimal point as well as a
 * thousands separator (`25.43`, `1158459.58`) is never guessed: the result
 * is `ambiguous`. A percent sign makes it a rate, not an amount.
 */
export function parseEuroText(text: string): DecimalParse {
  let s = text.replace(SPACES, "");
  if (s.length === 0) return { ok: false, reason: "not_a_number" };
  if (s.includes("%")) return { ok: false, reason: "percent" };
  s = s.replace(/^(€|eur(os?)?)|(€|eur(os?)?)$/i, "");
  let negative = false;
  if (s.startsWith("(") && s.endsWith(")")) {
    negative = true;
    s = s.slice(1, -1);
  }
  if (s.startsWith("-") || s.startsWith("\u2212")) {
    negative = !negative;
    s = s.slice(1);
  } else if (s.startsWith("+")) {
    s = s.slice(1);
  }
  s = s.replace(/€/g, "");
  let intPart: string;
  let fracPart: string;
  const comma = s.indexOf(",");
  const dot = s.indexOf(".");
  if (comma >= 0 && dot > comma && /^\d{1,3}(,\d{3})+\.\d*$/.test(s)) {
    // English: commas group thousands, the dot separates the decimals.
    intPart = s.slice(0, dot).replace(/,/g, "");
    fracPart = s.slice(dot + 1);
  } else if (comma >= 0) {
    if (s.indexOf(",", comma + 1) >= 0) return { ok: false, reason: "not_a_number" };
    intPart = s.slice(0, comma);
    fracPart = s.slice(comma + 1);
    if (intPart.includes(".")) {
      if (!/^\d{1,3}(\.\d{3})+$/.test(intPart)) return { ok: false, reason: "not_a_number" };
      intPart = intPart.replace(/\./g, "");
    }
  } else if (dot >= 0) {
    if (/^\d{1,3}(\.\d{3})+$/.test(s)) {
      // Dots grouping thousands, as French text writes them: 25.000, 1.158.459.
      intPart = s.replace(/\./g, "");
      fracPart = "";
    } else if (s.indexOf(".", dot + 1) < 0 && /^\d*\.\d+$/.test(s)) {
      const asDecimal = centsFromDecimalParts(negative, s.slice(0, dot) || "0", s.slice(dot + 1));
      if (!asDecimal.ok) return asDecimal;
      return { ok: false, reason: "ambiguous", asDecimal: asDecimal.cents };
    } else {
      return { ok: false, reason: "not_a_number" };
    }
  } else {
    intPart = s;
    fracPart = "";
  }
  if (!/^\d*$/.test(intPart) || !/^\d*$/.test(fracPart) || intPart.length + fracPart.length === 0) {
    return { ok: false, reason: "not_a_number" };
  }
  return centsFromDecimalParts(negative, intPart || "0", fracPart);
}
