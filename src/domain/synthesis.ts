import { CATEGORIES, categoryFinder, type Category, type CategoryOverride } from "./categories";
import type { SheetResult } from "./check";
import type { FinancerId } from "./financers";
import { addCents, subCents, ZERO_CENTS, type Cents } from "./money";
import { roundedRate } from "./rates";
import { financerYearTable, UNKNOWN_YEAR, type FinancerYearTable } from "./totals";

/** A financer's change from the previous year of the table. */
export interface YearChange {
  /** The year compared with (the previous one present, not necessarily year − 1). */
  previousYear: string;
  /** Amount of the year − amount of the previous year. */
  cents: Cents;
  /** The change ÷ the previous amount (4 decimals); null when the previous amount is 0. */
  rate: number | null;
}

/** The line of an operation and its category. */
export interface CategorisedLine {
  sheet: string;
  year: string;
  /** 0-based table of the sheet, and 1-based sheet row. */
  table: number;
  row: number;
  action: string;
  operation: string;
  category: Category;
  /** Dépenses totales; null when blank or unreadable. */
  totalCost: Cents | null;
  fse: Cents;
}

export interface Synthesis {
  /** Years in ascending order (UNKNOWN_YEAR last). */
  years: string[];
  /** The financer × year table, with the FSE share per year. */
  financers: FinancerYearTable;
  /**
   * Per financer and year, the change from the previous year present;
   * null for the first year and for UNKNOWN_YEAR.
   */
  changeByFinancerAndYear: Partial<Record<FinancerId, Record<string, YearChange | null>>>;
  /** The five categories, always all of them, in CATEGORIES order. */
  categories: readonly Category[];
  /** Dépenses totales per category and year (0 when none). */
  byCategoryAndYear: Record<Category, Record<string, Cents>>;
  /** FSE per category and year (0 when none). */
  fseByCategoryAndYear: Record<Category, Record<string, Cents>>;
  /** Per category and year, the change of its Dépenses totales from the previous year present. */
  changeByCategoryAndYear: Record<Category, Record<string, YearChange | null>>;
  /** Per category and year, FSE ÷ Dépenses totales (null without cost). */
  fseShareByCategoryAndYear: Record<Category, Record<string, number | null>>;
  /** Operation lines per category and year. */
  lineCountByCategoryAndYear: Record<Category, Record<string, number>>;
  totalByCategory: Record<Category, Cents>;
  fseByCategory: Record<Category, Cents>;
  /** Dépenses totales per year over every category (equals financers.totalCostByYear). */
  totalCostByYear: Record<string, Cents>;
}

export interface SynthesisOptions {
  /** The user's category rules, tried before the built-in ones. */
  overrides?: readonly CategoryOverride[];
}

const yearOf = (s: SheetResult) => (s.sheet.year === null ? UNKNOWN_YEAR : String(s.sheet.year));

function perCategory<T>(make: () => T): Record<Category, T> {
  const out = {} as Record<Category, T>;
  for (const c of CATEGORIES) out[c] = make();
  return out;
}

/** Per financer and year, the change from the previous year present. */
function yearChanges(table: FinancerYearTable): Partial<Record<FinancerId, Record<string, YearChange | null>>> {
  const out: Partial<Record<FinancerId, Record<string, YearChange | null>>> = {};
  for (const id of table.financers) out[id] = changesOf(table.years, table.byFinancerAndYear[id] ?? {});
  return out;
}

/** Per year, the change from the previous year present (null for the first one and UNKNOWN_YEAR). */
function changesOf(
  years: readonly string[],
  values: Readonly<Record<string, Cents>>,
): Record<string, YearChange | null> {
  const known = years.filter((y) => y !== UNKNOWN_YEAR);
  const row: Record<string, YearChange | null> = {};
  for (const y of years) row[y] = null;
  let previousYear: string | null = null;
  for (const y of known) {
    if (previousYear !== null) {
      const prev = values[previousYear] ?? ZERO_CENTS;
      const cents = subCents(values[y] ?? ZERO_CENTS, prev);
      row[y] = { previousYear, cents, rate: prev > 0 ? roundedRate(cents, prev) : null };
    }
    previousYear = y;
  }
  return row;
}

/** Adds cents to a per-year amount (0 when the year has none yet). */
function addTo(byYear: Record<string, Cents>, year: string, c: Cents): void {
  byYear[year] = addCents(byYear[year] ?? ZERO_CENTS, c);
}

/**
 * The synthesis of several checked sheets (one or more files): the financer
 * × year table with its year-to-year changes, and the Dépenses totales and
 * FSE of each category of expense per year, over every operation line of
 * every table. A line without a readable Dépenses totales adds nothing to the
 * cost (as in the sheet's totals) but its FSE still counts.
 */
export function synthesis(sheets: readonly SheetResult[], options: SynthesisOptions = {}): Synthesis {
  const financers = financerYearTable(sheets);
  const years = financers.years;
  const find = categoryFinder(options.overrides);
  const byCategoryAndYear = perCategory<Record<string, Cents>>(() => ({}));
  const fseByCategoryAndYear = perCategory<Record<string, Cents>>(() => ({}));
  const lineCountByCategoryAndYear = perCategory<Record<string, number>>(() => ({}));
  for (const c of CATEGORIES) {
    for (const y of years) {
      byCategoryAndYear[c][y] = ZERO_CENTS;
      fseByCategoryAndYear[c][y] = ZERO_CENTS;
      lineCountByCategoryAndYear[c][y] = 0;
    }
  }
  for (const s of sheets) {
    if (s.tables.length === 0) continue;
    const y = yearOf(s);
    for (const t of s.tables) {
      const d = t.table.data;
      for (let i = 0; i < d.count; i++) {
        const c = find(d.action(i), d.operation(i));
        const tc = d.totalCostOf(i);
        if (tc !== null) addTo(byCategoryAndYear[c], y, tc);
        addTo(fseByCategoryAndYear[c], y, d.fseOf(i));
        const counts = lineCountByCategoryAndYear[c];
        counts[y] = (counts[y] ?? 0) + 1;
      }
    }
  }
  const totalByCategory = perCategory<Cents>(() => ZERO_CENTS);
  const fseByCategory = perCategory<Cents>(() => ZERO_CENTS);
  const totalCostByYear: Record<string, Cents> = {};
  for (const y of years) totalCostByYear[y] = ZERO_CENTS;
  for (const c of CATEGORIES) {
    for (const y of years) {
      const cost = byCategoryAndYear[c][y] ?? ZERO_CENTS;
      totalByCategory[c] = addCents(totalByCategory[c], cost);
      fseByCategory[c] = addCents(fseByCategory[c], fseByCategoryAndYear[c][y] ?? ZERO_CENTS);
      addTo(totalCostByYear, y, cost);
    }
  }
  return {
    years,
    financers,
    changeByFinancerAndYear: yearChanges(financers),
    changeByCategoryAndYear: perCategoryOf((c) => changesOf(years, byCategoryAndYear[c])),
    fseShareByCategoryAndYear: perCategoryOf((c) =>
      Object.fromEntries(
        years.map((y) => [
          y,
          roundedRate(fseByCategoryAndYear[c][y] ?? ZERO_CENTS, byCategoryAndYear[c][y] ?? ZERO_CENTS),
        ]),
      ),
    ),
    categories: CATEGORIES,
    byCategoryAndYear,
    fseByCategoryAndYear,
    lineCountByCategoryAndYear,
    totalByCategory,
    fseByCategory,
    totalCostByYear,
  };
}

function perCategoryOf<T>(make: (c: Category) => T): Record<Category, T> {
  const out = {} as Record<Category, T>;
  for (const c of CATEGORIES) out[c] = make(c);
  return out;
}

/** Every operation line of the sheets with its category, in sheet order. */
export function categorisedLines(sheets: readonly SheetResult[], options: SynthesisOptions = {}): CategorisedLine[] {
  const find = categoryFinder(options.overrides);
  const out: CategorisedLine[] = [];
  for (const s of sheets) {
    const y = yearOf(s);
    for (const t of s.tables) {
      const d = t.table.data;
      for (let i = 0; i < d.count; i++) {
        const action = d.action(i);
        const operation = d.operation(i);
        out.push({
          sheet: s.sheet.name,
          year: y,
          table: t.table.index,
          row: d.rowOf(i),
          action,
          operation,
          category: find(action, operation),
          totalCost: d.totalCostOf(i),
          fse: d.fseOf(i),
        });
      }
    }
  }
  return out;
}
