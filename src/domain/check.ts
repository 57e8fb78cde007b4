import { FINANCER_IDS, type FinancerId } from "./financers";
import { finding, type Finding } from "./findings";
import { hostProjectOf, suggestHost } from "./hosts";
import type { Host, Line, ProgrammingSheet, SummaryRow, Table } from "./model";
import type { Cents } from "./money";
import { rateDiffExceeds, roundedRate } from "./rates";
import {
  capHolds,
  classify,
  floorHolds,
  fseShortfall,
  maxFseAllowed,
  minTotalCostForProject,
  type Classification,
  type RuleSet,
} from "./rules";
import { alignSummaryRow, slotsOf, type Alignment, type Expected, type Slot } from "./summary";

export type FinancerAmounts = Partial<Record<FinancerId, Cents>>;

export interface Suggestions {
  /** Largest FSE the cap allows on this total cost. */
  maxFseCents: Cents | null;
  /** FSE missing to reach the floor. */
  shortfallCents: Cents | null;
  /** The smallest total cost of a project (floor ÷ cap), when the line is below it. */
  minTotalCostCents: Cents | null;
}

export interface LineResult {
  line: Line;
  /** 0-based index of the table in its sheet. */
  tableIndex: number;
  /** FSE of the line, or null when an FSE cell is unreadable or there is no FSE column. */
  fse: Cents | null;
  /** FSE ÷ Dépenses totales rounded to 4 decimals. */
  fseRate: number | null;
  floorHolds: boolean | null;
  capHolds: boolean | null;
  /** null when the line cannot be classified (unreadable or missing amounts). */
  classification: Classification | null;
  host: Host | null;
  hostSource: "column" | "suggested" | null;
  suggestions: Suggestions | null;
  findings: Finding[];
}

export interface Totals {
  lineCount: number;
  totalCost: Cents;
  totalOperation: Cents;
  fse: Cents;
  byFinancer: FinancerAmounts;
  fseRate: number | null;
}

export interface SummaryCheck {
  row: number;
  kind: SummaryRow["kind"];
  /** Which lines the printed figures were found to cover. */
  basis: "table" | "cumulative" | "sheet";
}

export interface TableResult {
  table: Table;
  lines: LineResult[];
  totals: Totals;
  summaryChecks: SummaryCheck[];
  findings: Finding[];
}

export interface HostGroup {
  host: Host;
  /** The host project's own line, when the sheet has it. */
  hostLine: LineResult | null;
  letters: LineResult[];
  lettersTotalCost: Cents;
  lettersFse: Cents;
  /** The host's total cost including its order letters. */
  totalCost: Cents;
  fse: Cents;
}

export interface Split {
  projects: LineResult[];
  hosts: HostGroup[];
  undetermined: LineResult[];
}

export interface SheetResult {
  sheet: ProgrammingSheet;
  tables: TableResult[];
  totals: Totals;
  /** Budget per financer from the BUDGET rows (financers with a printed budget only). */
  budget: FinancerAmounts;
  /** Budget − programmed, per financer with a budget (negative: over-programmed). */
  underProgramming: FinancerAmounts;
  split: Split;
  findings: Finding[];
}

export function emptyTotals(): Totals {
  return { lineCount: 0, totalCost: 0, totalOperation: 0, fse: 0, byFinancer: {}, fseRate: null };
}

export function addTotals(into: Totals, t: Totals): void {
  into.lineCount += t.lineCount;
  into.totalCost += t.totalCost;
  into.totalOperation += t.totalOperation;
  into.fse += t.fse;
  for (const id of FINANCER_IDS) {
    const v = t.byFinancer[id];
    if (v !== undefined) into.byFinancer[id] = (into.byFinancer[id] ?? 0) + v;
  }
  into.fseRate = roundedRate(into.fse, into.totalCost);
}

/** Checks one operation line against the rules. */
export function checkLine(line: Line, tableIndex: number, rules: RuleSet, hasTotalCostColumn = true): LineResult {
  const findings = line.findings.slice();
  const total = line.totalCost;
  const fse = line.fseComplete ? line.fse : null;
  let floorOk: boolean | null = null;
  let capOk: boolean | null = null;
  let classification: Classification | null = null;
  let suggestions: Suggestions | null = null;
  let fseRate: number | null = null;

  if (total !== null && fse !== null) {
    floorOk = floorHolds(fse, rules);
    capOk = capHolds(fse, total, rules);
    classification = classify(fse, total, rules);
    fseRate = roundedRate(fse, total);
    if (!floorOk || !capOk) {
      const minTotal = minTotalCostForProject(rules);
      suggestions = {
        maxFseCents: capOk ? null : maxFseAllowed(total, rules),
        shortfallCents: floorOk ? null : fseShortfall(fse, rules),
        minTotalCostCents: total < minTotal ? minTotal : null,
      };
    }
    if (!floorOk) {
      findings.push(
        finding("FSE_BELOW_FLOOR", line.fseCell, line.row, {
          fseCents: fse,
          floorCents: rules.floorCents,
          strict: rules.floorStrict ? 1 : 0,
          shortfallCents: fseShortfall(fse, rules),
          totalCostCents: total,
          minTotalCostCents: minTotalCostForProject(rules),
        }),
      );
    }
    if (!capOk) {
      const max = maxFseAllowed(total, rules);
      findings.push(
        finding("FSE_RATE_ABOVE_CAP", line.fseCell, line.row, {
          fseCents: fse,
          totalCostCents: total,
          rate: fseRate,
          capRate: rules.capBasisPoints / 10000,
          maxFseCents: max,
          excessCents: fse - max,
        }),
      );
    }
  }
  if (total !== null && line.financersComplete && line.sumOfFinancers !== total) {
    findings.push(
      finding("UNBALANCED", line.totalCostCell, line.row, {
        totalCostCents: total,
        sumOfFinancersCents: line.sumOfFinancers,
        gapCents: total - line.sumOfFinancers,
      }),
    );
  }
  if (total !== null && line.printedTotalOperation !== null && line.printedTotalOperation !== total) {
    findings.push(
      finding("TOTAL_MISMATCH", line.totalOperationCell, line.row, {
        totalOperationCents: line.printedTotalOperation,
        totalCostCents: total,
        gapCents: line.printedTotalOperation - total,
      }),
    );
  }
  if (total !== null && total > 0 && fse !== null && line.printedRate !== null) {
    if (rateDiffExceeds(line.printedRate, fse, total, rules.printedRateTolerance)) {
      findings.push(
        finding("PRINTED_RATE_MISMATCH", line.printedRateCell, line.row, {
          printedRate: line.printedRate.mantissa / 10 ** line.printedRate.scale,
          rate: fseRate,
          tolerance: rules.printedRateTolerance.mantissa / 10 ** rules.printedRateTolerance.scale,
        }),
      );
    }
  }
  if (!hasTotalCostColumn) {
    // The table-level finding says it once; no per-line noise.
    for (let i = findings.length - 1; i >= 0; i--) if (findings[i].code === "MISSING_TOTAL_COST") findings.splice(i, 1);
  }
  let host: Host | null = null;
  let hostSource: LineResult["hostSource"] = null;
  if (classification === "lettre_de_commande") {
    if (line.hostOverride) {
      host = line.hostOverride;
      hostSource = "column";
    } else {
      host = suggestHost(line.action, line.operation);
      hostSource = "suggested";
    }
  }
  return { line, tableIndex, fse, fseRate, floorHolds: floorOk, capHolds: capOk, classification, host, hostSource, suggestions, findings };
}

function tableTotals(table: Table): { totals: Totals; columnSums: Cents[]; objectifs: number } {
  const t = emptyTotals();
  const financerCols = table.columns.filter((c) => c.role === "financer");
  for (const c of financerCols) t.byFinancer[c.financer!] = 0;
  const columnSums = new Array<number>(financerCols.length).fill(0);
  let objectifs = 0;
  for (const line of table.lines) {
    t.lineCount++;
    if (line.totalCost !== null) t.totalCost += line.totalCost;
    t.totalOperation += line.printedTotalOperation ?? line.totalCost ?? 0;
    t.fse += line.fse;
    for (let i = 0; i < financerCols.length; i++) {
      const v = line.financerAmounts[i];
      if (v !== 0) {
        columnSums[i] += v;
        const id = financerCols[i].financer!;
        t.byFinancer[id] = (t.byFinancer[id] ?? 0) + v;
      }
    }
    if (typeof line.objectifs === "number") objectifs += line.objectifs;
  }
  t.fseRate = roundedRate(t.fse, t.totalCost);
  return { totals: t, columnSums, objectifs };
}

interface Basis {
  totals: Totals;
  columnSums: Cents[];
  objectifs: number;
}

function expectedOf(slots: readonly Slot[], table: Table, b: Basis): Expected {
  const financerCols = table.columns.filter((c) => c.role === "financer");
  const money = slots.map((s) => {
    if (s.kind !== "money") return null;
    if (s.financer) return b.columnSums[financerCols.findIndex((c) => c.index === s.col)] ?? null;
    const col = table.columns.find((c) => c.index === s.col)!;
    return col.role === "totalCost" ? b.totals.totalCost : b.totals.totalOperation;
  });
  return { money, fse: b.totals.fse, totalCost: b.totals.totalCost, count: b.objectifs };
}

function totalRowFindings(row: SummaryRow, slots: readonly Slot[], al: Alignment, e: Expected, basis: SummaryCheck["basis"]): Finding[] {
  const out: Finding[] = [];
  let shiftReported = false;
  for (const p of al.placements) {
    const slot = slots[p.from];
    if (p.to > p.from) {
      out.push(
        finding("SUMMARY_CELLS_COMBINED", p.cell.cell, row.row, {
          columns: slots.slice(p.from, p.to + 1).map((s) => s.header).join(" + "),
          printedCents: p.cell.cents,
        }),
      );
    }
    if (!shiftReported && p.cell.col !== slot.col) {
      shiftReported = true;
      out.push(
        finding("SUMMARY_ROW_SHIFTED", p.cell.cell, row.row, {
          header: slot.header,
          offset: p.cell.col - slot.col,
        }),
      );
    }
    if (!p.matches && slot.kind === "money") {
      const computed = e.money[p.from];
      out.push(
        finding("TOTAL_ROW_MISMATCH", p.cell.cell, row.row, {
          column: slot.header,
          printedCents: p.cell.cents,
          printedText: p.cell.cents === null ? p.cell.text : null,
          computedCents: computed,
          differenceCents: p.cell.cents !== null && computed !== null ? p.cell.cents - computed : null,
          basis,
        }),
      );
    } else if (!p.matches && slot.kind === "rate") {
      out.push(
        finding("TOTAL_ROW_MISMATCH", p.cell.cell, row.row, {
          column: slot.header,
          printedRate: p.cell.rate ? p.cell.rate.mantissa / 10 ** p.cell.rate.scale : null,
          printedText: p.cell.rate ? null : p.cell.text,
          computedRate: roundedRate(e.fse, e.totalCost),
          basis,
        }),
      );
    }
  }
  for (const u of al.unplaced) {
    if (u.cents === 0) continue;
    out.push(finding("SUMMARY_CELL_UNMATCHED", u.cell, row.row, { text: u.text }));
  }
  return out;
}

/** Per financer, the printed cells of a row summed over that financer's columns. */
function printedByFinancer(row: SummaryRow, table: Table): Map<FinancerId, { cents: Cents; cell: string }> {
  const out = new Map<FinancerId, { cents: Cents; cell: string }>();
  for (const p of row.cells) {
    const col = table.columns.find((c) => c.index === p.col);
    if (!col || col.role !== "financer" || p.cents === null) continue;
    const prev = out.get(col.financer!);
    out.set(col.financer!, { cents: (prev?.cents ?? 0) + p.cents, cell: prev?.cell ?? p.cell });
  }
  return out;
}

/** Checks a parsed sheet: every line, every printed summary row, the budget. */
export function checkSheet(sheet: ProgrammingSheet, rules: RuleSet): SheetResult {
  const tables: TableResult[] = [];
  const sheetTotals = emptyTotals();
  const cumulative: Basis = { totals: emptyTotals(), columnSums: [], objectifs: 0 };
  const bases: Basis[] = [];
  let cumulativeIds = "";
  for (const table of sheet.tables) {
    const hasTotalCost = table.columns.some((c) => c.role === "totalCost");
    const lines = table.lines.map((l) => checkLine(l, table.index, rules, hasTotalCost));
    const own = tableTotals(table);
    bases.push(own);
    addTotals(cumulative.totals, own.totals);
    // Cumulative column sums only make sense when the tables share a layout.
    const ids = table.columns.filter((c) => c.role === "financer").map((c) => c.financer).join(",");
    const sameLayout = table.index > 0 && ids === cumulativeIds;
    cumulativeIds = ids;
    cumulative.columnSums = sameLayout ? cumulative.columnSums.map((v, i) => v + own.columnSums[i]) : own.columnSums.slice();
    cumulative.objectifs += own.objectifs;
    addTotals(sheetTotals, own.totals);
    const findings = table.findings.slice();
    const summaryChecks: SummaryCheck[] = [];
    const slots = slotsOf(table.columns);
    for (const row of table.summaryRows) {
      if (row.kind !== "total") continue;
      const eOwn = expectedOf(slots, table, own);
      const aOwn = alignSummaryRow(row.cells, slots, eOwn);
      let chosen = { al: aOwn, e: eOwn, basis: "table" as SummaryCheck["basis"] };
      if (sameLayout) {
        const cum: Basis = { totals: { ...cumulative.totals, byFinancer: { ...cumulative.totals.byFinancer } }, columnSums: cumulative.columnSums.slice(), objectifs: cumulative.objectifs };
        const eCum = expectedOf(slots, table, cum);
        const aCum = alignSummaryRow(row.cells, slots, eCum);
        if (aCum.score > aOwn.score) chosen = { al: aCum, e: eCum, basis: "cumulative" };
      }
      summaryChecks.push({ row: row.row, kind: row.kind, basis: chosen.basis });
      findings.push(...totalRowFindings(row, slots, chosen.al, chosen.e, chosen.basis));
    }
    tables.push({ table, lines, totals: own.totals, summaryChecks, findings });
  }

  // Budget: every BUDGET row of the sheet, summed per financer.
  const budget: FinancerAmounts = {};
  let budgetTable: TableResult | null = null;
  const budgetCells = new Map<FinancerId, string>();
  for (const tr of tables) {
    for (const row of tr.table.summaryRows) {
      if (row.kind !== "budget") continue;
      budgetTable ??= tr;
      for (const [id, v] of printedByFinancer(row, tr.table)) {
        budget[id] = (budget[id] ?? 0) + v.cents;
        if (!budgetCells.has(id)) budgetCells.set(id, v.cell);
      }
      tr.summaryChecks.push({ row: row.row, kind: row.kind, basis: "sheet" });
    }
  }
  const underProgramming: FinancerAmounts = {};
  for (const id of FINANCER_IDS) {
    const b = budget[id];
    if (b === undefined) continue;
    const programmed = sheetTotals.byFinancer[id] ?? 0;
    underProgramming[id] = b - programmed;
    const cell = budgetCells.get(id) ?? null;
    const row = cell ? Number(/\d+$/.exec(cell)![0]) : null;
    if (programmed > b) {
      budgetTable!.findings.push(finding("OVER_PROGRAMMED", cell, row, { financer: id, budgetCents: b, programmedCents: programmed, excessCents: programmed - b }));
    } else if (programmed < b) {
      budgetTable!.findings.push(finding("UNDER_PROGRAMMED", cell, row, { financer: id, budgetCents: b, programmedCents: programmed, remainingCents: b - programmed }));
    }
  }
  // Printed SOUS PROGRAMMATION rows: budget − programmed, over whichever
  // tables the row covers (the whole sheet, the tables so far, or its own).
  for (const tr of tables) {
    for (const row of tr.table.summaryRows) {
      if (row.kind !== "under_programming" && row.kind !== "over_programming") continue;
      const sign = row.kind === "under_programming" ? 1 : -1;
      const soFar = emptyTotals();
      for (let k = 0; k <= tr.table.index; k++) addTotals(soFar, bases[k].totals);
      const candidates = [sheetTotals, soFar, tr.totals];
      for (const [id, printed] of printedByFinancer(row, tr.table)) {
        const b = budget[id];
        if (b === undefined) continue;
        const ok = candidates.some((c) => sign * (b - (c.byFinancer[id] ?? 0)) === printed.cents);
        if (!ok) {
          tr.findings.push(
            finding("UNDER_PROGRAMMING_MISMATCH", printed.cell, row.row, {
              financer: id,
              printedCents: printed.cents,
              computedCents: sign * (b - (sheetTotals.byFinancer[id] ?? 0)),
            }),
          );
        }
      }
      tr.summaryChecks.push({ row: row.row, kind: row.kind, basis: "sheet" });
    }
  }

  return { sheet, tables, totals: sheetTotals, budget, underProgramming, split: splitOf(tables), findings: sheet.findings.slice() };
}

/** Projects, then order letters under their host project (the host's total includes them). */
export function splitOf(tables: readonly TableResult[]): Split {
  const projects: LineResult[] = [];
  const undetermined: LineResult[] = [];
  const groups = new Map<Host, HostGroup>();
  const group = (h: Host): HostGroup => {
    let g = groups.get(h);
    if (!g) {
      g = { host: h, hostLine: null, letters: [], lettersTotalCost: 0, lettersFse: 0, totalCost: 0, fse: 0 };
      groups.set(h, g);
    }
    return g;
  };
  for (const t of tables) {
    for (const l of t.lines) {
      if (l.classification === "projet") {
        projects.push(l);
        const h = hostProjectOf(l.line.action, l.line.operation);
        if (h && !group(h).hostLine) group(h).hostLine = l;
      } else if (l.classification === "lettre_de_commande") {
        const g = group(l.host!);
        g.letters.push(l);
        g.lettersTotalCost += l.line.totalCost ?? 0;
        g.lettersFse += l.fse ?? 0;
      } else {
        undetermined.push(l);
      }
    }
  }
  const hosts: HostGroup[] = [];
  for (const h of ["animation", "assistance"] as const) {
    const g = groups.get(h);
    if (!g) continue;
    g.totalCost = (g.hostLine?.line.totalCost ?? 0) + g.lettersTotalCost;
    g.fse = (g.hostLine?.fse ?? 0) + g.lettersFse;
    hosts.push(g);
  }
  return { projects, hosts, undetermined };
}

/** Every finding of a sheet: sheet, tables, lines, in sheet order. */
export function allFindings(s: SheetResult): Finding[] {
  const out = s.findings.slice();
  for (const t of s.tables) {
    out.push(...t.findings);
    for (const l of t.lines) out.push(...l.findings);
  }
  return out.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
}
