import { FINANCER_IDS, type FinancerId } from "./financers";
import { finding, type Finding } from "./findings";
import type { Table } from "./model";
import { addCents, negCents, subCents, ZERO_CENTS, type Cents } from "./money";
import { printedByFinancer, type SummaryCheck } from "./summary-rows";
import { addTotals, emptyTotals, type FinancerAmounts, type Totals } from "./table-totals";

/**
 * Budget: the BUDGET rows of a sheet summed per financer, compared with what
 * the sheet programs; the printed SOUS PROGRAMMATION rows checked against
 * budget − programmed.
 */

/** What the budget checks read of a checked table, and where they write. */
interface BudgetTable {
  table: Table;
  totals: Totals;
  summaryChecks: SummaryCheck[];
  findings: Finding[];
}

type Headers = Partial<Record<FinancerId, string>>;

/** The budget of a sheet's tables (in sheet order): the BUDGET rows, then the printed SOUS PROGRAMMATION rows. */
export function checkSheetBudget(
  tables: readonly BudgetTable[],
  sheetTotals: Totals,
  headers: Headers,
): { budget: FinancerAmounts; underProgramming: FinancerAmounts } {
  const result = checkBudget(tables, sheetTotals, headers);
  checkUnderProgrammingRows(tables, sheetTotals, result.budget, headers);
  return result;
}

/**
 * The sheet's budget per financer (every BUDGET row summed) and budget −
 * programmed; a financer over or under its budget is a finding of the first
 * table with a BUDGET row.
 */
function checkBudget(
  tables: readonly BudgetTable[],
  sheetTotals: Totals,
  headers: Headers,
): { budget: FinancerAmounts; underProgramming: FinancerAmounts } {
  const { budget, budgetTable, budgetCells } = budgetRows(tables);
  const underProgramming: FinancerAmounts = {};
  for (const id of FINANCER_IDS) {
    const b = budget[id];
    if (b === undefined || budgetTable === null) continue;
    const programmed = sheetTotals.byFinancer[id] ?? ZERO_CENTS;
    underProgramming[id] = subCents(b, programmed);
    const cell = budgetCells.get(id) ?? null;
    const row = cell === null ? null : rowOfCell(cell);
    if (programmed > b) {
      budgetTable.findings.push(
        finding("OVER_PROGRAMMED", cell, row, {
          financer: id,
          financerHeader: headers[id] ?? null,
          budgetCents: b,
          programmedCents: programmed,
          excessCents: subCents(programmed, b),
        }),
      );
    } else if (programmed < b) {
      budgetTable.findings.push(
        finding("UNDER_PROGRAMMED", cell, row, {
          financer: id,
          financerHeader: headers[id] ?? null,
          budgetCents: b,
          programmedCents: programmed,
          remainingCents: subCents(b, programmed),
        }),
      );
    }
  }
  return { budget, underProgramming };
}

/** Every BUDGET row of the sheet summed per financer, with the first table that has one and each financer's first budget cell. */
function budgetRows(tables: readonly BudgetTable[]): {
  budget: FinancerAmounts;
  budgetTable: BudgetTable | null;
  budgetCells: Map<FinancerId, string>;
} {
  const budget: FinancerAmounts = {};
  let budgetTable: BudgetTable | null = null;
  const budgetCells = new Map<FinancerId, string>();
  for (const tr of tables) {
    for (const row of tr.table.summaryRows) {
      if (row.kind !== "budget") continue;
      budgetTable ??= tr;
      for (const [id, v] of printedByFinancer(row, tr.table)) {
        budget[id] = addCents(budget[id] ?? ZERO_CENTS, v.cents);
        if (!budgetCells.has(id)) budgetCells.set(id, v.cell);
      }
      tr.summaryChecks.push({ row: row.row, kind: row.kind, basis: "sheet" });
    }
  }
  return { budget, budgetTable, budgetCells };
}

/** The 1-based row of an A1 address. */
function rowOfCell(cell: string): number | null {
  const m = /\d+$/.exec(cell);
  return m ? Number(m[0]) : null;
}

/**
 * Printed SOUS PROGRAMMATION (and over-programming) rows: budget − programmed,
 * over whichever tables the row covers (the whole sheet, the tables so far,
 * or its own). `tables` are in sheet order.
 */
function checkUnderProgrammingRows(
  tables: readonly BudgetTable[],
  sheetTotals: Totals,
  budget: FinancerAmounts,
  headers: Headers,
): void {
  for (const tr of tables) {
    for (const row of tr.table.summaryRows) {
      if (row.kind !== "under_programming" && row.kind !== "over_programming") continue;
      const under = row.kind === "under_programming";
      const soFar = emptyTotals();
      for (const t of tables.slice(0, tr.table.index + 1)) addTotals(soFar, t.totals);
      const candidates = [sheetTotals, soFar, tr.totals];
      for (const [id, printed] of printedByFinancer(row, tr.table)) {
        const b = budget[id];
        if (b === undefined) continue;
        /** What the row should print against these totals: budget − programmed, negated for an over-programming row. */
        const expected = (c: Totals): Cents => {
          const left = subCents(b, c.byFinancer[id] ?? ZERO_CENTS);
          return under ? left : negCents(left);
        };
        if (!candidates.some((c) => expected(c) === printed.cents)) {
          tr.findings.push(
            finding("UNDER_PROGRAMMING_MISMATCH", printed.cell, row.row, {
              financer: id,
              financerHeader: headers[id] ?? null,
              printedCents: printed.cents,
              computedCents: expected(sheetTotals),
            }),
          );
        }
      }
      tr.summaryChecks.push({ row: row.row, kind: row.kind, basis: "sheet" });
    }
  }
}
