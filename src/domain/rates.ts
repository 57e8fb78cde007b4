import type { Cents } from "./money";

/** An exact decimal: mantissa / 10^scale (0.4985 is { mantissa: 4985, scale: 4 }). */
export interface Decimal {
  mantissa: number;
  scale: number;
}

const PLAIN = /^([+-]?)(\d*)(?:[.,](\d*))?(?:e([+-]?\d+))?$/i;
const SPACES = /[\s\u00a0\u202f\u2009\u2007]/g;

/** Exact decimal of a plain decimal string (`0.4985`, `49,85`, `1e-3`). */
export function decimalFromString(text: string): Decimal | null {
  const m = PLAIN.exec(text.replace(SPACES, ""));
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) return null;
  let digits = (m[2] || "0") + (m[3] ?? "");
  let scale = (m[3] ?? "").length - (m[4] ? Number(m[4]) : 0);
  if (scale < 0) {
    digits += "0".repeat(-scale);
    scale = 0;
  }
  digits = digits.replace(/^0+(?=\d)/, "");
  // Drop trailing zeros of the fraction to keep mantissas small.
  while (scale > 0 && digits.length > 1 && digits.endsWith("0")) {
    digits = digits.slice(0, -1);
    scale--;
  }
  if (digits.length > 15 || scale > 20) return null;
  const mantissa = Number(digits);
  return { mantissa: m[1] === "-" ? -mantissa : mantissa, scale };
}

export function decimalFromNumber(v: number): Decimal | null {
  if (!Number.isFinite(v)) return null;
  return decimalFromString(String(v));
}

/** A rate written as text: `49,85%`, `49.85 %` or a fraction `0,4985`. */
export function decimalRateFromText(text: string): Decimal | null {
  const s = text.replace(SPACES, "");
  if (s.endsWith("%")) {
    const d = decimalFromString(s.slice(0, -1));
    return d ? { mantissa: d.mantissa, scale: d.scale + 2 } : null;
  }
  return decimalFromString(s);
}

const POW10_NUMBERS = Array.from({ length: 23 }, (_, k) => 10 ** k);

/** 10^k, from the table when k is in it. */
function pow10(k: number): number {
  return POW10_NUMBERS[k] ?? 10 ** k;
}

export function decimalToNumber(d: Decimal): number {
  return d.mantissa / pow10(d.scale);
}

const POW10 = (k: number): bigint => 10n ** BigInt(k);

/**
 * True when |printed − fse ÷ total| > tolerance, compared exactly. `printed`
 * is a fraction as read from a cell (its shortest decimal form is what the
 * sheet shows) or an exact decimal. `total` must be positive.
 */
export function rateDiffExceeds(printed: number | Decimal, fse: Cents, total: Cents, tolerance: Decimal): boolean {
  // Fast path: when the float difference is far from the tolerance, it decides.
  const p = typeof printed === "number" ? printed : decimalToNumber(printed);
  const diff = Math.abs(p - fse / total);
  const tol = decimalToNumber(tolerance);
  if (Math.abs(diff - tol) > 1e-9) return diff > tol;
  const d = typeof printed === "number" ? decimalFromNumber(printed) : printed;
  if (!d) return diff > tol;
  // |P/10^p − f/t| > T/10^q  ⇔  |P·t·10^q − f·10^(p+q)| > T·t·10^p
  const P = BigInt(d.mantissa);
  const T = BigInt(tolerance.mantissa);
  const t = BigInt(total);
  const f = BigInt(fse);
  let lhs = P * t * POW10(tolerance.scale) - f * POW10(d.scale + tolerance.scale);
  if (lhs < 0n) lhs = -lhs;
  return lhs > T * t * POW10(d.scale);
}

/** fse ÷ total rounded half-up to `decimals` decimals, as a number (0.4985). */
export function roundedRate(fse: Cents, total: Cents, decimals = 4): number | null {
  if (total <= 0) return null;
  const scale = pow10(decimals);
  const twice = 2 * fse * scale + total;
  if (twice <= Number.MAX_SAFE_INTEGER && twice >= -Number.MAX_SAFE_INTEGER) {
    let q = Math.floor(twice / (2 * total));
    // The float quotient may round up to the next integer: confirm in integers.
    if (q * 2 * total > twice) q--;
    return q / scale;
  }
  const q = (2n * BigInt(fse) * BigInt(scale) + BigInt(total)) / (2n * BigInt(total));
  return Number(q) / scale;
}
