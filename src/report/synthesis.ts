import type { Category } from "../domain/categories";
import { addCents, centsToEuros, ZERO_CENTS, type Cents } from "../domain/money";
import type { Synthesis } from "../domain/synthesis";
import { UNKNOWN_YEAR } from "../domain/totals";
import { aligned, formatEuros, formatRate, type Lang } from "./format";
import { colon, financerName } from "./labels";
import { word } from "./words/lookup";
import { REPORT } from "./words/report";
import { CATEGORY, SYNTHESIS } from "./words/synthesis";

/** The catalogue's categories of expense, under the name callers index (`CATEGORY_LABELS[c].fr`). */
export { CATEGORY as CATEGORY_LABELS };

export function categoryLabel(c: Category, lang: Lang): string {
  return word(CATEGORY[c], lang);
}

const yearLabel = (y: string) => (y === UNKNOWN_YEAR ? "?" : y);

/** A signed amount: +1 234,00 € / −1 234,00 €. */
function signedEuros(c: Cents, lang: Lang): string {
  return c > 0 ? `+${formatEuros(c, lang)}` : formatEuros(c, lang);
}

function signedRate(r: number | null, lang: Lang): string {
  if (r === null) return "—";
  return r > 0 ? `+${formatRate(r, lang)}` : formatRate(r, lang);
}

/** A category × year table's rows: one per category, then the total, each as its label, the amount of each year and the sum. */
export function categoryRowsText(
  s: Synthesis,
  amounts: Record<Category, Record<string, Cents>>,
  lang: Lang,
): string[][] {
  const rows: string[][] = [];
  const totals: Record<string, Cents> = {};
  let all = ZERO_CENTS;
  for (const c of s.categories) {
    const row = amounts[c];
    let sum = ZERO_CENTS;
    for (const y of s.years) {
      const v = row[y] ?? ZERO_CENTS;
      sum = addCents(sum, v);
      totals[y] = addCents(totals[y] ?? ZERO_CENTS, v);
    }
    all = addCents(all, sum);
    rows.push([
      categoryLabel(c, lang),
      ...s.years.map((y) => formatEuros(row[y] ?? ZERO_CENTS, lang)),
      formatEuros(sum, lang),
    ]);
  }
  rows.push([
    word(REPORT.total, lang),
    ...s.years.map((y) => formatEuros(totals[y] ?? ZERO_CENTS, lang)),
    formatEuros(all, lang),
  ]);
  return rows;
}

function categoryTable(
  s: Synthesis,
  amounts: Record<Category, Record<string, Cents>>,
  lang: Lang,
  extra: string[][] = [],
): string[] {
  const rows: string[][] = [[word(SYNTHESIS.category, lang), ...s.years.map(yearLabel), word(REPORT.total, lang)]];
  for (const r of categoryRowsText(s, amounts, lang)) rows.push(r);
  for (const r of extra) rows.push(r);
  return aligned(rows, (i) => i > 0);
}

/** The synthesis in words: categories × years (cost, then FSE), and the financers' changes from year to year. */
export function synthesisText(s: Synthesis, lang: Lang): string {
  const out: string[] = [];
  out.push(`== ${word(SYNTHESIS.categoryTitle, lang)} ==`);
  out.push(...categoryTable(s, s.byCategoryAndYear, lang));
  out.push("");
  out.push(`== ${word(SYNTHESIS.fseTitle, lang)} ==`);
  const shares = [
    word(REPORT.fseShare, lang),
    ...s.years.map((y) => formatRate(s.financers.fseShareByYear[y] ?? null, lang)),
    formatRate(s.financers.fseShare, lang),
  ];
  out.push(...categoryTable(s, s.fseByCategoryAndYear, lang, [shares]));

  const changed = s.years.filter((y) => y !== UNKNOWN_YEAR).slice(1);
  if (changed.length) {
    out.push("");
    out.push(`== ${word(SYNTHESIS.changeTitle, lang)} ==`);
    const head = [
      word(REPORT.financer, lang),
      ...changed.map((y) => {
        const first = s.financers.financers.map((id) => s.changeByFinancerAndYear[id]?.[y]).find((c) => c);
        return first ? `${y} ${word(SYNTHESIS.versus, lang)} ${first.previousYear}` : y;
      }),
    ];
    const rows: string[][] = [head];
    for (const id of s.financers.financers) {
      rows.push([
        financerName(id, s.financers.headers, lang),
        ...changed.map((y) => {
          const c = s.changeByFinancerAndYear[id]?.[y];
          return c ? `${signedEuros(c.cents, lang)} (${signedRate(c.rate, lang)})` : "—";
        }),
      ]);
    }
    out.push(...aligned(rows, (i) => i > 0));
  }
  if (changed.length) {
    out.push("");
    out.push(`== ${word(SYNTHESIS.categoryChangeTitle, lang)} ==`);
    const rows: string[][] = [[word(SYNTHESIS.category, lang), ...changed.map((y) => y)]];
    for (const c of s.categories) {
      rows.push([
        categoryLabel(c, lang),
        ...changed.map((y) => {
          const ch = s.changeByCategoryAndYear[c][y];
          return ch ? `${signedEuros(ch.cents, lang)} (${signedRate(ch.rate, lang)})` : "—";
        }),
      ]);
    }
    out.push(...aligned(rows, (i) => i > 0));
  }
  out.push("");
  out.push(`${word(REPORT.totalCost, lang)}${colon(lang)} ${formatEuros(s.financers.totalCost, lang)}`);
  return out.join("\n");
}

export interface SynthesisJson {
  byFinancerAndYear: Record<string, Record<string, number>>;
  changeByFinancerAndYear: Record<string, Record<string, number | null>>;
  changeRateByFinancerAndYear: Record<string, Record<string, number | null>>;
  totalCostByYear: Record<string, number>;
  fseShareByYear: Record<string, number | null>;
  byCategoryAndYear: Record<Category, Record<string, number>>;
  fseByCategoryAndYear: Record<Category, Record<string, number>>;
  changeByCategoryAndYear: Record<Category, Record<string, number | null>>;
  fseShareByCategoryAndYear: Record<Category, Record<string, number | null>>;
}

const euros = centsToEuros;

function categoryEuros(
  s: Synthesis,
  amounts: Record<Category, Record<string, Cents>>,
): Record<Category, Record<string, number>> {
  const out = {} as Record<Category, Record<string, number>>;
  for (const c of s.categories) {
    const row: Record<string, number> = (out[c] = {});
    for (const y of s.years) row[y] = euros(amounts[c][y] ?? ZERO_CENTS);
  }
  return out;
}

/** The synthesis as JSON data: euros as numbers, rates fractions (0.4986). */
export function synthesisJson(s: Synthesis): SynthesisJson {
  const f = s.financers;
  const byFinancerAndYear: Record<string, Record<string, number>> = {};
  const changeByFinancerAndYear: Record<string, Record<string, number | null>> = {};
  const changeRateByFinancerAndYear: Record<string, Record<string, number | null>> = {};
  for (const id of f.financers) {
    const amounts: Record<string, number> = (byFinancerAndYear[id] = {});
    const changes: Record<string, number | null> = (changeByFinancerAndYear[id] = {});
    const rates: Record<string, number | null> = (changeRateByFinancerAndYear[id] = {});
    for (const y of s.years) {
      amounts[y] = euros(f.byFinancerAndYear[id]?.[y] ?? ZERO_CENTS);
      const c = s.changeByFinancerAndYear[id]?.[y];
      changes[y] = c ? euros(c.cents) : null;
      rates[y] = c ? c.rate : null;
    }
  }
  const totalCostByYear: Record<string, number> = {};
  for (const y of s.years) totalCostByYear[y] = euros(f.totalCostByYear[y] ?? ZERO_CENTS);
  return {
    byFinancerAndYear,
    changeByFinancerAndYear,
    changeRateByFinancerAndYear,
    totalCostByYear,
    fseShareByYear: { ...f.fseShareByYear },
    byCategoryAndYear: categoryEuros(s, s.byCategoryAndYear),
    fseByCategoryAndYear: categoryEuros(s, s.fseByCategoryAndYear),
    changeByCategoryAndYear: Object.fromEntries(
      s.categories.map((c) => [
        c,
        Object.fromEntries(
          s.years.map((y) => {
            const ch = s.changeByCategoryAndYear[c][y];
            return [y, ch ? euros(ch.cents) : null];
          }),
        ),
      ]),
    ) as Record<Category, Record<string, number | null>>,
    fseShareByCategoryAndYear: Object.fromEntries(
      s.categories.map((c) => [c, { ...s.fseShareByCategoryAndYear[c] }]),
    ) as Record<Category, Record<string, number | null>>,
  };
}
