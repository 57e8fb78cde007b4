import type { SheetResult } from "./check";
import { FINANCER_IDS, financerHeaderKey, type FinancerId } from "./financers";
import { addCents, sumCents, ZERO_CENTS, type Cents } from "./money";
import { roundedRate } from "./rates";

/** Key of a sheet without a known year in the financer × year table. */
export const UNKNOWN_YEAR = "?";

export interface FinancerYearTable {
  /** Years in ascending order (UNKNOWN_YEAR last). */
  years: string[];
  /** Financers with at least one column in the sheets, in canonical order. */
  financers: FinancerId[];
  /** Cents per financer and year. */
  byFinancerAndYear: Partial<Record<FinancerId, Record<string, Cents>>>;
  totalCostByYear: Record<string, Cents>;
  fseShareByYear: Record<string, number | null>;
  totalByFinancer: Partial<Record<FinancerId, Cents>>;
  totalCost: Cents;
  fseShare: number | null;
  /** A financer's printed header when every sheet prints the same one (else its canonical label is used). */
  headers: Partial<Record<FinancerId, string>>;
}

/** Totals per financer and year over every operation line of every table of every sheet. */
export function financerYearTable(sheets: readonly SheetResult[]): FinancerYearTable {
  const byFinancerAndYear: Partial<Record<FinancerId, Record<string, Cents>>> = {};
  const totalCostByYear: Record<string, Cents> = {};
  const fseByYear: Record<string, Cents> = {};
  const yearSet = new Set<string>();
  for (const s of sheets) {
    if (s.tables.length === 0) continue;
    const y = s.sheet.year === null ? UNKNOWN_YEAR : String(s.sheet.year);
    yearSet.add(y);
    totalCostByYear[y] = addCents(totalCostByYear[y] ?? ZERO_CENTS, s.totals.totalCost);
    fseByYear[y] = addCents(fseByYear[y] ?? ZERO_CENTS, s.totals.fse);
    for (const id of FINANCER_IDS) {
      const v = s.totals.byFinancer[id];
      if (v === undefined) continue;
      const row = (byFinancerAndYear[id] ??= {});
      row[y] = addCents(row[y] ?? ZERO_CENTS, v);
    }
  }
  const years = [...yearSet].sort((a, b) => (a === UNKNOWN_YEAR ? 1 : b === UNKNOWN_YEAR ? -1 : a.localeCompare(b)));
  const financers = FINANCER_IDS.filter((id) => byFinancerAndYear[id] !== undefined);
  const totalByFinancer: Partial<Record<FinancerId, Cents>> = {};
  for (const id of financers) {
    const row = (byFinancerAndYear[id] ??= {});
    for (const y of years) row[y] ??= ZERO_CENTS;
    totalByFinancer[id] = sumCents(years.map((y) => row[y] ?? ZERO_CENTS));
  }
  const fseShareByYear: Record<string, number | null> = {};
  for (const y of years) fseShareByYear[y] = roundedRate(fseByYear[y] ?? ZERO_CENTS, totalCostByYear[y] ?? ZERO_CENTS);
  const totalCost = sumCents(years.map((y) => totalCostByYear[y] ?? ZERO_CENTS));
  const fse = sumCents(years.map((y) => fseByYear[y] ?? ZERO_CENTS));
  return {
    years,
    financers,
    byFinancerAndYear,
    totalCostByYear,
    fseShareByYear,
    totalByFinancer,
    totalCost,
    fseShare: roundedRate(fse, totalCost),
    headers: commonHeaders(sheets),
  };
}

/** Each financer's header where all the sheets print the same one (a single header per sheet). */
export function commonHeaders(sheets: readonly SheetResult[]): Partial<Record<FinancerId, string>> {
  const out: Partial<Record<FinancerId, string>> = {};
  const differs = new Set<FinancerId>();
  for (const s of sheets) {
    for (const id of FINANCER_IDS) {
      const h = s.financerHeaders[id];
      if (h === undefined || differs.has(id)) continue;
      const prev = out[id];
      if (prev === undefined) out[id] = h;
      else if (financerHeaderKey(prev) !== financerHeaderKey(h)) {
        differs.add(id);
        delete out[id];
      }
    }
  }
  return out;
}
