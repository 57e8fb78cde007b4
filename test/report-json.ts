/**
 * The JSON report of plie-check (src/report/json.ts, src/cli/main.ts), as the
 * tests read it: amounts in euros, years and financers as keys. Only what
 * the tests look at is typed; `parseReport` and `readJson` give parsed JSON
 * a type instead of `any`. Parts that only some runs write (the optimiser,
 * the synthesis, an error) are typed as present: a test that reads one
 * expects it, and one that expects it absent says so with `toBeUndefined()`.
 */

/** Parsed JSON, typed by the caller: what the test expects it to hold. */
export function readJson<T>(text: string): T {
  return JSON.parse(text) as T;
}

/** Euros by key (a financer, a year, a category). */
type Euros = Record<string, number>;
/** Euros, or null (no previous year), by key and year. */
type ByYear<V = number> = Record<string, Record<string, V>>;

interface JsonFinding {
  code: string;
  severity: string;
  cell: string;
  row: number;
  message: string;
  figures: Record<string, string | number | boolean | null>;
}

interface JsonLine {
  row: number;
  action: string;
  operation: string;
  operator: string;
  totalCost: number | null;
  fse: number | null;
  classification: string | null;
  host: string | null;
  findings: JsonFinding[];
}

interface JsonTotals {
  lineCount: number;
  totalCost: number;
  fse: number;
  fseRate: number | null;
  byFinancer: Euros;
}

interface JsonTable {
  columns: { column: number; header: string; role: string; financer?: string }[];
  lines: JsonLine[];
  totals: JsonTotals;
  findings: JsonFinding[];
}

interface JsonOptimiser {
  envelope: number;
  proposed: number;
  lines: { row: number; operator: string }[];
}

export interface JsonSheet {
  sheet: string;
  year: number | null;
  counts: { lines: number; projet: number; lettre_de_commande: number; undetermined: number };
  tables: JsonTable[];
  totals: JsonTotals;
  budget: Euros;
  underProgramming: Euros;
  split: { hosts: { host: string; letters: number[]; totalCost: number }[] };
  optimiser: JsonOptimiser;
}

interface JsonLetter {
  row: number;
  operator: string;
  operation: string;
  amount: number;
  quotes: number;
  aboveThreshold: boolean;
}

interface JsonProcurement {
  quotes: number;
  letters: JsonLetter[];
  ownLines: { row: number; operator: string; host: string }[];
  warnings: { code: string; cell: string }[];
}

interface JsonFile {
  file: string;
  sheets: JsonSheet[];
  skippedSheets: string[];
  procurement: JsonProcurement;
  error: { code: string; message: string };
}

export interface JsonReport {
  rules: { floor: number; floorStrict: boolean; cap: number };
  files: JsonFile[];
  byFinancerAndYear: ByYear;
  totalCostByYear: Euros;
  fseShareByYear: Euros;
  synthese: {
    byFinancerAndYear: ByYear;
    byCategoryAndYear: ByYear;
    changeByFinancerAndYear: ByYear<number | null>;
    changeByCategoryAndYear: ByYear<number | null>;
    fseShareByCategoryAndYear: ByYear;
  };
  /** A usage error, before any file is read. */
  error: { code: string; message: string };
}

/** plie-check's JSON report. */
export function parseReport(text: string): JsonReport {
  return readJson<JsonReport>(text);
}
