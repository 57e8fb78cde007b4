import { finding, type Finding } from "../domain/findings";
import { centsFromNumber, parseEuroText, wholeCentsOf, type Cents } from "../domain/money";
import { decimalFromNumber, decimalRateFromText, type Decimal } from "../domain/rates";
import { isErrorValue, type CellValue } from "./grid";

/**
 * Reads an amount cell. Returns cents, null for a blank cell, or undefined
 * when the cell holds something else (a finding on the cell says why).
 * Never a silent zero.
 */
export function readAmount(v: CellValue, cell: string, row: number, out: Finding[]): Cents | null | undefined {
  if (typeof v === "number") {
    let cents = wholeCentsOf(v);
    if (cents === null) {
      const p = centsFromNumber(v);
      if (!p.ok) {
        out.push(finding("INVALID_AMOUNT", cell, row, { text: String(v), reason: p.reason }));
        return undefined;
      }
      cents = p.cents;
      if (p.subCent) out.push(finding("SUB_CENT_AMOUNT", cell, row, { text: String(v), roundedCents: cents }));
    }
    if (cents < 0) out.push(finding("NEGATIVE_AMOUNT", cell, row, { amountCents: cents }));
    return cents;
  }
  if (v === null || v === undefined) return null;
  if (typeof v === "boolean") {
    out.push(finding("INVALID_AMOUNT", cell, row, { text: v ? "VRAI" : "FAUX", reason: "boolean" }));
    return undefined;
  }
  const text = v.trim();
  if (text === "") return null;
  if (isErrorValue(text)) {
    out.push(finding("INVALID_AMOUNT", cell, row, { text, reason: "error_value" }));
    return undefined;
  }
  const p = parseEuroText(text);
  if (!p.ok) {
    out.push(finding("INVALID_AMOUNT", cell, row, { text, reason: p.reason }));
    return undefined;
  }
  if (p.subCent) out.push(finding("SUB_CENT_AMOUNT", cell, row, { text, roundedCents: p.cents }));
  if (p.cents < 0) out.push(finding("NEGATIVE_AMOUNT", cell, row, { amountCents: p.cents }));
  return p.cents;
}

/**
 * Reads a printed %FSE: a fraction (0.4985), percent points (49.85) or a
 * percent text (`49,85%`). Returns null for a blank cell, undefined when
 * unreadable (with a finding).
 */
export function readRate(v: CellValue, cell: string, row: number, out: Finding[]): Decimal | null | undefined {
  if (v === null || v === undefined || (typeof v === "string" && v.trim() === "")) return null;
  let d: Decimal | null = null;
  if (typeof v === "number") {
    d = decimalFromNumber(v);
    // Percent points written as a number (49.85 for 49,85 %).
    if (d && v > 1 && v <= 100) d = { mantissa: d.mantissa, scale: d.scale + 2 };
  } else if (typeof v === "string" && !isErrorValue(v)) {
    d = decimalRateFromText(v);
  }
  if (!d) {
    out.push(finding("INVALID_RATE", cell, row, { text: String(v) }));
    return undefined;
  }
  return d;
}

/** Reads a printed summary cell without raising findings. */
export function readPrinted(v: CellValue): { cents: Cents | null; rate: Decimal | null; number: number | null } {
  if (typeof v === "number") {
    const p = centsFromNumber(v);
    return { cents: p.ok ? p.cents : null, rate: decimalFromNumber(v), number: v };
  }
  if (typeof v === "string") {
    const t = v.trim();
    if (t.endsWith("%")) return { cents: null, rate: decimalRateFromText(t), number: null };
    const p = parseEuroText(t);
    return { cents: p.ok ? p.cents : null, rate: null, number: p.ok ? p.cents / 100 : null };
  }
  return { cents: null, rate: null, number: null };
}
