import { a1 } from "./address";
import { resultAt, type SheetResult } from "./check";
import type { FigureValue, Severity } from "./findings";
import type { Host } from "./model";
import { asCents, subCents, sumCents, type Cents } from "./money";
import { containsWord, normalizeLabel } from "./text";

/**
 * Order letters (lettres de commande) and public procurement.
 *
 * An operation that is not an FSE project is bought by CREATIV' from its
 * operator under an order letter. Under article R2122-8 of the Code de la
 * commande publique a purchase whose estimated value is *below* the threshold
 * (40 000 € HT from 1 January 2020; 60 000 € HT for supplies and services
 * from 1 April 2026) needs no advertising nor competition. At or above it,
 * requesting quotes is not enough: the purchase needs advertising and
 * competition. Splitting one need into small letters, or always picking the
 * same supplier, is not allowed.
 *
 * Choices made here:
 *
 * - The amount of a letter is the line's `Dépenses totales`, taken as HT.
 *   The sheet does not say whether it includes VAT; when it does, the HT
 *   value is lower, so reading it as HT can only raise more warnings, never
 *   fewer.
 * - "Below the threshold" is strict, as in the text: a letter of exactly
 *   40 000,00 € HT is at the threshold and is reported (`aboveThreshold`
 *   means "at or above").
 * - A yearly programming uses the threshold in force on 1 January of its
 *   year: 40 000 € for 2026 (the services threshold only from 1 April), the
 *   services threshold from 2027. The lower figure covers the letters signed
 *   in early 2026; the result says when the threshold changes during the
 *   year. `thresholdOn` gives the threshold on a given date.
 * - Years before 2020 are checked with the same settings (the earlier
 *   thresholds, 25 000 € HT from 1 October 2015 and 15 000 € HT before, are
 *   not modelled): the check serves today's practice; lower `thresholdCents`
 *   to review an old year under its own rules.
 * - Quotes: `quotes` (3 by default) is requested for every letter. Three is
 *   the stricter of the PLIE's "2 or 3" and the number an FSE control
 *   usually expects as proof that the price was compared; set 2 to follow
 *   the lighter practice.
 * - Splitting: one supplier is the operator text normalised (case, accents,
 *   dashes, spaces). Within one sheet (one year's programming), the
 *   supplier's letters that are each below the threshold are added up; when
 *   there are two or more and their sum is at or above the threshold,
 *   `SUPPLIER_SPLIT_ABOVE_THRESHOLD` is raised. A letter at or above the
 *   threshold has its own `LETTER_ABOVE_THRESHOLD` and is not added again.
 *   Two sheets of the same year are not added together: they are usually
 *   two versions of the programming (amended at a COPIL), and adding them
 *   would count each letter twice.
 * - A line without an operator has no supplier: it is listed, but never
 *   grouped.
 */

/** Procurement warning codes, defined here; words in src/report/procurement.ts. */
const PROCUREMENT_SEVERITY = {
  LETTER_ABOVE_THRESHOLD: "warning",
  SUPPLIER_SPLIT_ABOVE_THRESHOLD: "warning",
} as const satisfies Record<string, Severity>;

export type ProcurementCode = keyof typeof PROCUREMENT_SEVERITY;

/** A procurement warning: the shape of a Finding, with the sheet it belongs to. */
export interface ProcurementFinding {
  code: ProcurementCode;
  severity: Severity;
  /** The sheet's name (a result may cover several sheets). */
  sheet: string;
  /** A1 address of the letter's Dépenses totales (the first letter's for a split). */
  cell: string | null;
  row: number | null;
  /** Figures; money in integer cents in fields ending with `Cents`. */
  data: Record<string, FigureValue>;
}

export interface ProcurementSettings {
  /** Quotes to request for each order letter. */
  quotes: 2 | 3;
  /** Threshold below which a purchase needs no advertising nor competition (cents, HT). */
  thresholdCents: Cents;
  /** Threshold for supplies and services from `servicesFrom` (cents, HT). */
  servicesThresholdCents: Cents;
  /** ISO date (YYYY-MM-DD) from which `servicesThresholdCents` applies. */
  servicesFrom: string;
  /**
   * Names of the structure itself (the PLIE, its association): a line whose
   * operator is one of them is the structure's own work, not a purchase, so
   * it gets no quotes and no procurement warning.
   */
  ownNames: readonly string[];
}

export const DEFAULT_PROCUREMENT_SETTINGS: Readonly<ProcurementSettings> = Object.freeze({
  quotes: 3,
  thresholdCents: asCents(4_000_000),
  servicesThresholdCents: asCents(6_000_000),
  servicesFrom: "2026-04-01",
  ownNames: Object.freeze(["PLIE"]),
});

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** Settings with defaults; throws a RangeError on a value that cannot be a setting. */
export function makeProcurementSettings(overrides: Partial<ProcurementSettings> = {}): ProcurementSettings {
  const s: ProcurementSettings = { ...DEFAULT_PROCUREMENT_SETTINGS, ...overrides };
  if (s.quotes !== 2 && s.quotes !== 3) throw new RangeError("quotes must be 2 or 3");
  for (const v of [s.thresholdCents, s.servicesThresholdCents]) {
    if (!Number.isSafeInteger(v) || v <= 0) throw new RangeError("thresholds must be positive amounts in cents");
  }
  if (!isIsoDate(s.servicesFrom)) throw new RangeError("servicesFrom must be a date written YYYY-MM-DD");
  // "PLIE" is always one of the structure's names; the user's are added to it.
  const names: string[] = [...DEFAULT_PROCUREMENT_SETTINGS.ownNames];
  for (const n of s.ownNames) {
    const t = n.trim();
    if (t !== "" && !names.some((m) => normalizeLabel(m) === normalizeLabel(t))) names.push(t);
  }
  s.ownNames = names;
  return s;
}

/** The threshold in force on a date (ISO YYYY-MM-DD). */
export function thresholdOn(date: string, settings: ProcurementSettings = DEFAULT_PROCUREMENT_SETTINGS): Cents {
  if (!isIsoDate(date)) throw new RangeError("date must be written YYYY-MM-DD");
  return date >= settings.servicesFrom ? settings.servicesThresholdCents : settings.thresholdCents;
}

/**
 * The threshold used for a yearly programming: the one in force on 1 January
 * of the year. A sheet without a year gets the base threshold (the lower one
 * by default, so no letter is let through).
 */
export function thresholdForYear(
  year: number | null,
  settings: ProcurementSettings = DEFAULT_PROCUREMENT_SETTINGS,
): Cents {
  if (year === null || !Number.isInteger(year) || year < 1 || year > 9999) return settings.thresholdCents;
  return thresholdOn(`${String(year).padStart(4, "0")}-01-01`, settings);
}

/** The change of threshold during a year (2026 by default: 60 000 € from 1 April), or null. */
export function thresholdChangeInYear(
  year: number | null,
  settings: ProcurementSettings = DEFAULT_PROCUREMENT_SETTINGS,
): { on: string; thresholdCents: Cents } | null {
  if (year === null) return null;
  const changeYear = Number(settings.servicesFrom.slice(0, 4));
  if (year !== changeYear || settings.servicesFrom.endsWith("-01-01")) return null;
  if (settings.servicesThresholdCents === settings.thresholdCents) return null;
  return { on: settings.servicesFrom, thresholdCents: settings.servicesThresholdCents };
}

interface OrderLetter {
  sheet: string;
  year: number | null;
  row: number;
  /** The operator as printed: the supplier of the letter. */
  operator: string;
  /** The operator normalised (case, accents, spaces): the key grouping one supplier's letters; "" when blank. */
  supplierKey: string;
  operation: string;
  action: string;
  /** Host project the letter is folded into. */
  host: Host | null;
  /** The letter's amount: the line's Dépenses totales, taken as HT. */
  amountCents: Cents;
  /** A1 address of the Dépenses totales cell. */
  cell: string | null;
  /** Quotes to request. */
  quotes: 2 | 3;
  /** Threshold applied (the one in force on 1 January of the year). */
  thresholdCents: Cents;
  /** At or above the threshold: quotes are not enough, advertising and competition are needed. */
  aboveThreshold: boolean;
}

/** One supplier's letters in one sheet. */
interface SupplierLetters {
  sheet: string;
  year: number | null;
  /** The operator as printed on its first letter. */
  supplier: string;
  supplierKey: string;
  rows: number[];
  totalCents: Cents;
  /** Sum of the letters that are each below the threshold. */
  belowThresholdTotalCents: Cents;
}

/**
 * A failing line of the structure itself (operator `PLIE` or one of its own
 * names): folded into its host project like an order letter, but the
 * structure is not its own supplier: no quotes, no procurement warning.
 */
export interface OwnLine {
  sheet: string;
  year: number | null;
  row: number;
  operator: string;
  operation: string;
  action: string;
  host: Host | null;
  amountCents: Cents;
  cell: string | null;
}

export interface ProcurementResult {
  settings: ProcurementSettings;
  /** Every order letter, sheet by sheet, in row order. */
  letters: OrderLetter[];
  /** The structure's own failing lines (not letters: no quotes, no warning). */
  ownLines: OwnLine[];
  /** Suppliers with two letters or more in a sheet. */
  repeatSuppliers: SupplierLetters[];
  warnings: ProcurementFinding[];
}

function warning(
  code: ProcurementCode,
  sheet: string,
  cell: string | null,
  row: number | null,
  data: Record<string, FigureValue>,
): ProcurementFinding {
  return { code, severity: PROCUREMENT_SEVERITY[code], sheet, cell, row, data };
}

/** True when an operator is the structure itself: one of its names, alone or as a word of the operator (`PLIE`, `PLIE du Grand Dijon`). */
function isOwnOperator(operator: string, ownNames: readonly string[]): boolean {
  const n = normalizeLabel(operator);
  if (n === "") return false;
  return ownNames.some((name) => containsWord(n, normalizeLabel(name)));
}

/** The order letters of checked sheets, the quotes to request and the procurement warnings. */
export function procurementOf(
  sheets: readonly SheetResult[],
  settings: ProcurementSettings = DEFAULT_PROCUREMENT_SETTINGS,
): ProcurementResult {
  const ownNames = settings.ownNames ?? DEFAULT_PROCUREMENT_SETTINGS.ownNames;
  const ownLines: OwnLine[] = [];
  const letters: OrderLetter[] = [];
  const repeatSuppliers: SupplierLetters[] = [];
  const warnings: ProcurementFinding[] = [];
  for (const s of sheets) {
    const sheetName = s.sheet.name;
    const year = s.sheet.year;
    const threshold = thresholdForYear(year, settings);
    const change = thresholdChangeInYear(year, settings);
    const refs = s.split.hosts.flatMap((h) => h.letters).sort((a, b) => a.row - b.row);
    const own: OrderLetter[] = [];
    const sheetWarnings: ProcurementFinding[] = [];
    for (const ref of refs) {
      const r = resultAt(s, ref);
      const line = r.line;
      if (line.totalCost === null) continue; // an order letter always has one
      const col = line.layout.totalCost;
      if (isOwnOperator(line.operator, ownNames)) {
        ownLines.push({
          sheet: sheetName,
          year,
          row: line.row,
          operator: line.operator,
          operation: line.operation,
          action: line.action,
          host: r.host,
          amountCents: line.totalCost,
          cell: col >= 0 ? a1(line.row, col) : null,
        });
        continue;
      }
      const letter: OrderLetter = {
        sheet: sheetName,
        year,
        row: line.row,
        operator: line.operator,
        supplierKey: normalizeLabel(line.operator),
        operation: line.operation,
        action: line.action,
        host: r.host,
        amountCents: line.totalCost,
        cell: col >= 0 ? a1(line.row, col) : null,
        quotes: settings.quotes,
        thresholdCents: threshold,
        aboveThreshold: line.totalCost >= threshold,
      };
      own.push(letter);
      if (letter.aboveThreshold) {
        sheetWarnings.push(
          warning("LETTER_ABOVE_THRESHOLD", sheetName, letter.cell, letter.row, {
            operator: letter.operator,
            operation: letter.operation,
            year,
            amountCents: letter.amountCents,
            thresholdCents: threshold,
            excessCents: subCents(letter.amountCents, threshold),
            laterThresholdCents: change ? change.thresholdCents : null,
            thresholdChangesOn: change ? change.on : null,
          }),
        );
      }
    }
    for (const l of own) letters.push(l); // a loop, not a spread: a sheet may hold 100 000s of letters

    // One supplier's letters in this sheet, in order of first appearance.
    const bySupplier = new Map<string, OrderLetter[]>();
    for (const l of own) {
      if (l.supplierKey === "") continue;
      const list = bySupplier.get(l.supplierKey);
      if (list) list.push(l);
      else bySupplier.set(l.supplierKey, [l]);
    }
    for (const [key, list] of bySupplier) {
      const first = list[0];
      if (list.length < 2 || first === undefined) continue;
      const below = list.filter((l) => !l.aboveThreshold);
      const belowSum = sumCents(below.map((l) => l.amountCents));
      repeatSuppliers.push({
        sheet: sheetName,
        year,
        supplier: first.operator,
        supplierKey: key,
        rows: list.map((l) => l.row),
        totalCents: sumCents(list.map((l) => l.amountCents)),
        belowThresholdTotalCents: belowSum,
      });
      const firstBelow = below[0];
      if (below.length >= 2 && firstBelow !== undefined && belowSum >= threshold) {
        sheetWarnings.push(
          warning("SUPPLIER_SPLIT_ABOVE_THRESHOLD", sheetName, firstBelow.cell, firstBelow.row, {
            operator: firstBelow.operator,
            year,
            rows: below.map((l) => l.row).join(", "),
            letterCount: below.length,
            sumCents: belowSum,
            thresholdCents: threshold,
            excessCents: subCents(belowSum, threshold),
          }),
        );
      }
    }
    for (const w of sheetWarnings.sort((a, b) => (a.row ?? 0) - (b.row ?? 0))) warnings.push(w);
  }
  return { settings, letters, ownLines, repeatSuppliers, warnings };
}
