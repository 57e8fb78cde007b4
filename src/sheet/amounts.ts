import { a1 } from "../domain/address";
import { finding, type Finding, type FindingCode, type FigureValue } from "../domain/findings";
import { centsFromNumber, centsToEuros, parseEuroText, wholeCentsOf, type Cents } from "../domain/money";
import { decimalFromNumber, decimalRateFromText, decimalToNumber, type Decimal } from "../domain/rates";
import { isErrorValue, isUncalculatedFormula, type CellValue } from "./grid";

const NONE: readonly Finding[] = Object.freeze([]);

/**
 * Where the readers of one parse put the findings of the cells they read;
 * the row's reader takes them with `take()`. A clean cell adds nothing and a
 * clean row allocates nothing (`take()` then returns a shared empty array).
 */
export interface FindingSink {
  add(code: FindingCode, row: number, col: number, data: Record<string, FigureValue>): void;
  /** The findings added since the last call (a shared empty array when none). */
  take(): readonly Finding[];
}

/** The findings of one parse, kept until the row's reader takes them. */
export class PendingFindings implements FindingSink {
  private readonly pending: Finding[] = [];

  add(code: FindingCode, row: number, col: number, data: Record<string, FigureValue>): void {
    this.pending.push(finding(code, a1(row, col), row, data));
  }

  take(): readonly Finding[] {
    if (this.pending.length === 0) return NONE;
    const out = this.pending.slice();
    this.pending.length = 0;
    return out;
  }
}

/** A sink that keeps nothing: for cells read again whose findings were already reported (or are none). */
export const IGNORED_FINDINGS: FindingSink = Object.freeze({
  add(): void {
    // Already reported, or not a finding at all (a header's words).
  },
  take: (): readonly Finding[] => NONE,
});

/**
 * Reads an amount cell at (row, col). Returns cents, null for a blank cell, or
 * undefined when the cell holds something else (a finding in `sink` says why).
 * Never a silent zero.
 */
export function readAmount(v: CellValue, row: number, col: number, sink: FindingSink): Cents | null | undefined {
  if (typeof v === "number") {
    let cents = wholeCentsOf(v);
    if (cents === null) {
      const p = centsFromNumber(v);
      if (!p.ok) {
        sink.add("INVALID_AMOUNT", row, col, { text: String(v), reason: p.reason });
        return undefined;
      }
      cents = p.cents;
      if (p.subCent) sink.add("SUB_CENT_AMOUNT", row, col, { text: String(v), roundedCents: cents });
    }
    if (cents < 0) sink.add("NEGATIVE_AMOUNT", row, col, { amountCents: cents });
    return cents;
  }
  if (v === null || v === undefined) return null;
  if (typeof v === "boolean") {
    sink.add("INVALID_AMOUNT", row, col, { text: v ? "VRAI" : "FAUX", reason: "boolean" });
    return undefined;
  }
  const text = v.trim();
  if (text === "") return null;
  if (isErrorValue(text)) {
    sink.add("INVALID_AMOUNT", row, col, { text, reason: "error_value" });
    return undefined;
  }
  if (isUncalculatedFormula(text)) {
    sink.add("FORMULA_WITHOUT_VALUE", row, col, { formula: text });
    return undefined;
  }
  const p = parseEuroText(text);
  if (!p.ok) {
    if (p.reason === "ambiguous") sink.add("AMBIGUOUS_AMOUNT", row, col, { text, asDecimalCents: p.asDecimal });
    else sink.add("INVALID_AMOUNT", row, col, { text, reason: p.reason });
    return undefined;
  }
  if (p.subCent) sink.add("SUB_CENT_AMOUNT", row, col, { text, roundedCents: p.cents });
  if (p.cents < 0) sink.add("NEGATIVE_AMOUNT", row, col, { amountCents: p.cents });
  return p.cents;
}

/**
 * Reads a printed %FSE as a fraction: a number (0.4985), percent points
 * written as a number (49.85) or a percent text (`49,85%`). Returns null for a
 * blank cell, undefined when unreadable (with a finding in `sink`).
 */
export function readRate(v: CellValue, row: number, col: number, sink: FindingSink): number | null | undefined {
  if (typeof v === "number" && Number.isFinite(v)) {
    if (v <= 1 || v > 100) return v;
    // Percent points: 49.85 → exactly the double nearest to 0.4985.
    const d = decimalFromNumber(v);
    if (d) return decimalToNumber({ mantissa: d.mantissa, scale: d.scale + 2 });
  }
  if (v === null || v === undefined || (typeof v === "string" && v.trim() === "")) return null;
  const d = typeof v === "string" && !isErrorValue(v) ? decimalRateFromText(v) : null;
  if (!d) {
    sink.add("INVALID_RATE", row, col, { text: String(v) });
    return undefined;
  }
  return decimalToNumber(d);
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
    return { cents: p.ok ? p.cents : null, rate: null, number: p.ok ? centsToEuros(p.cents) : null };
  }
  return { cents: null, rate: null, number: null };
}
