import { at } from "./arrays";
import { checkSheetBudget } from "./budget";
import { FINANCER_IDS, financerHeaderKey, printedFinancerName, type FinancerId } from "./financers";
import type { Finding, Severity } from "./findings";
import { checkLines, type LineChecks, type LineResult } from "./line-checks";
import type { ProgrammingSheet, Table } from "./model";
import type { RuleSet } from "./rules";
import { splitOf, type LineRef, type Split } from "./split";
import { addToCumulative, checkSummaryRows, emptyCumulative, type SummaryCheck } from "./summary-rows";
import { addTotals, emptyTotals, tableTotals, type FinancerAmounts, type Totals } from "./table-totals";

/**
 * The check of a sheet, composed of the line checks (line-checks.ts), the
 * summary rows (summary-rows.ts), the budget (budget.ts) and the split view
 * (split.ts); and the helpers that read its result.
 */

export interface TableResult {
  table: Table;
  /** The checks of every line, column by column. */
  checks: LineChecks;
  /** The checked lines as objects (built on first use). */
  readonly lines: readonly LineResult[];
  totals: Totals;
  summaryChecks: SummaryCheck[];
  findings: Finding[];
}

export interface SheetResult {
  sheet: ProgrammingSheet;
  /** Each financer's header as printed in the sheet (two headers joined by " + "), for the reports. */
  financerHeaders: Partial<Record<FinancerId, string>>;
  tables: TableResult[];
  totals: Totals;
  /** Budget per financer from the BUDGET rows (financers with a printed budget only). */
  budget: FinancerAmounts;
  /** Budget − programmed, per financer with a budget (negative: over-programmed). */
  underProgramming: FinancerAmounts;
  split: Split;
  findings: Finding[];
}

/** Checks a parsed sheet: every line, every printed summary row, the budget. */
export function checkSheet(sheet: ProgrammingSheet, rules: RuleSet): SheetResult {
  const { tables, sheetTotals } = checkTables(sheet, rules);
  const headers = financerHeadersOf(sheet);
  const { budget, underProgramming } = checkSheetBudget(tables, sheetTotals, headers);
  let split: Split | null = null;
  return {
    sheet,
    financerHeaders: headers,
    tables,
    totals: sheetTotals,
    budget,
    underProgramming,
    get split(): Split {
      return (split ??= splitOf(tables));
    },
    findings: sheet.findings.slice(),
  };
}

/** Checks each table's lines and printed summary rows, and adds up the sheet's totals. */
function checkTables(sheet: ProgrammingSheet, rules: RuleSet): { tables: TableResult[]; sheetTotals: Totals } {
  const tables: TableResult[] = [];
  const sheetTotals = emptyTotals();
  const cumulative = emptyCumulative();
  for (const table of sheet.tables) {
    const checks = checkLines(table, rules);
    const own = tableTotals(table);
    const sameLayout = addToCumulative(cumulative, table, own);
    addTotals(sheetTotals, own.totals);
    const { summaryChecks, findings } = checkSummaryRows(table, own, sameLayout ? cumulative.basis : null);
    tables.push(tableResult(table, checks, own.totals, summaryChecks, findings));
  }
  return { tables, sheetTotals };
}

/** A table's result; its `lines` objects are built on first use. */
function tableResult(
  table: Table,
  checks: LineChecks,
  totals: Totals,
  summaryChecks: SummaryCheck[],
  findings: Finding[],
): TableResult {
  let lines: LineResult[] | null = null;
  return {
    table,
    checks,
    get lines(): LineResult[] {
      return (lines ??= table.lines.map((l, i) => checks.result(l, i, table.index)));
    },
    totals,
    summaryChecks,
    findings,
  };
}

/** Each financer's printed header in a sheet; different headers of one financer (their amounts added) joined by " + ". */
function financerHeadersOf(sheet: ProgrammingSheet): Partial<Record<FinancerId, string>> {
  const seen = new Map<FinancerId, { keys: string[]; headers: string[] }>();
  for (const t of sheet.tables) {
    for (const c of t.columns) {
      if (c.role !== "financer" || !c.financer) continue;
      let s = seen.get(c.financer);
      if (!s) seen.set(c.financer, (s = { keys: [], headers: [] }));
      const key = financerHeaderKey(c.header);
      if (!s.keys.includes(key)) {
        s.keys.push(key);
        s.headers.push(printedFinancerName(c.header));
      }
    }
  }
  const out: Partial<Record<FinancerId, string>> = {};
  for (const id of FINANCER_IDS) {
    const s = seen.get(id);
    if (s) out[id] = s.headers.join(" + ");
  }
  return out;
}

/** The checked line a reference points at. */
export function resultAt(s: SheetResult, ref: LineRef): LineResult {
  return at(at(s.tables, ref.table).lines, ref.index);
}

/**
 * Every finding of a sheet in sheet order (as `allFindings` sorts them), one
 * at a time: a line's findings are built when visited and not kept, so a
 * 100 000-line sheet never holds them all.
 */
export function forEachFinding(s: SheetResult, visit: (f: Finding) => void): void {
  const few: Finding[] = s.findings.slice();
  for (const t of s.tables) for (const f of t.findings) few.push(f);
  few.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  let k = 0;
  for (const t of s.tables) {
    const c = t.checks;
    const d = t.table.data;
    for (let i = 0; i < c.count; i++) {
      if (c.failures[i] === 0 && !d.findings.has(i)) continue;
      const list = c.findingsAt(i);
      if (list.length === 0) continue;
      const row = d.rowOf(i);
      for (let f = few[k]; f !== undefined && (f.row ?? 0) <= row; f = few[++k]) visit(f);
      for (const f of list) visit(f);
    }
  }
  for (let f = few[k]; f !== undefined; f = few[++k]) visit(f);
}

/** How many findings of each severity a sheet has (none kept). */
export function countFindings(s: SheetResult): Record<Severity, number> {
  const out: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  forEachFinding(s, (f) => out[f.severity]++);
  return out;
}

/** Every finding of a sheet: sheet, tables, lines, in sheet order. */
export function allFindings(s: SheetResult): Finding[] {
  const out = s.findings.slice();
  for (const t of s.tables) {
    for (const f of t.findings) out.push(f); // a loop: a table may hold one finding per row
    for (const list of t.checks.allFindingLists()) for (const f of list) out.push(f);
  }
  return out.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
}
