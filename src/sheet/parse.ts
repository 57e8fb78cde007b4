import { a1 } from "../domain/address";
import { DEFAULT_ALIASES, type AliasTable, type FinancerId } from "../domain/financers";
import { finding, type Finding } from "../domain/findings";
import type { Column, Host, Line, PrintedCell, ProgrammingSheet, SummaryKind, SummaryRow, Table } from "../domain/model";
import { normalizeLabel } from "../domain/text";
import { readAmount, readPrinted, readRate } from "./amounts";
import { cellText, isBlank, type CellValue, type SheetGrid } from "./grid";
import { buildColumns, findMerge, isHeaderRow, parseMerges } from "./headers";

export interface ParseOptions {
  aliases?: AliasTable;
}

/** Grid positions (relative to the grid, -1 when absent) of a table's columns. */
interface Layout {
  action: number;
  operation: number;
  operator: number;
  objectifs: number;
  totalCost: number;
  fseRate: number;
  totalOperation: number;
  host: number;
  status: number;
  financers: { c: number; id: FinancerId; fse: boolean }[];
  /** Every column that holds money (total cost, financers, total opération). */
  amounts: number[];
  /** First column that holds money: summary labels stand before it. */
  firstAmount: number;
  /** Columns without a header between the first and last labelled ones. */
  unlabelled: number[];
}

function layoutOf(columns: readonly Column[], colOffset: number): Layout {
  const L: Layout = {
    action: -1, operation: -1, operator: -1, objectifs: -1, totalCost: -1, fseRate: -1,
    totalOperation: -1, host: -1, status: -1, financers: [], amounts: [], firstAmount: -1, unlabelled: [],
  };
  let lastLabelled = -1;
  for (const col of columns) {
    const c = col.index - colOffset;
    if (col.headerSource !== "none") lastLabelled = c;
    switch (col.role) {
      case "financer":
        L.financers.push({ c, id: col.financer!, fse: col.financer === "fse" });
        L.amounts.push(c);
        break;
      case "totalCost":
      case "totalOperation":
        L[col.role] = c;
        L.amounts.push(c);
        break;
      case "other":
        break;
      default:
        L[col.role] = c;
    }
  }
  L.firstAmount = L.amounts.length ? Math.min(...L.amounts) : columns.length;
  for (const col of columns) {
    const c = col.index - colOffset;
    if (col.headerSource === "none" && c > L.firstAmount && c < lastLabelled) L.unlabelled.push(c);
  }
  return L;
}

const SUMMARY_LABEL = /^\s*(total|budget|sous[\s-]*prog|sur[\s-]*prog|reste)/i;

function summaryKindOf(label: string): SummaryKind | null {
  const n = normalizeLabel(label);
  if (n.startsWith("total")) return "total";
  if (n.startsWith("budget")) return "budget";
  if (/^(sous[ -]?programmation|reste a programmer)/.test(n)) return "under_programming";
  if (/^sur[ -]?programmation/.test(n)) return "over_programming";
  return null;
}

function hostOf(text: string): Host | null {
  const n = normalizeLabel(text);
  if (n.startsWith("anim") || n.includes("422b")) return "animation";
  if (n.startsWith("assist") || n.includes("422d")) return "assistance";
  return null;
}

function yearIn(text: string): number | null {
  const m = /(?:^|[^0-9])((?:19|20)\d{2})(?![0-9])/.exec(text);
  return m ? Number(m[1]) : null;
}

/**
 * Reads one sheet's grid into programming tables: header rows, operation
 * lines, summary rows. Nothing here judges the figures; see domain/check.
 */
export function parseSheet(grid: SheetGrid, options: ParseOptions = {}): ProgrammingSheet {
  const aliases = options.aliases ?? DEFAULT_ALIASES;
  const rows = grid.values;
  const rowOffset = grid.origin?.row ?? 0;
  const colOffset = grid.origin?.col ?? 0;
  const merges = parseMerges(grid.merges);
  const sheetFindings: Finding[] = [];
  const tables: Table[] = [];
  const titleTexts: string[] = [];

  let table: Table | null = null;
  let L: Layout | null = null;
  let inSummary = false;
  let runningTotal = 0;
  let noAmountRow = -1; // grid row of the last ROW_WITHOUT_AMOUNTS finding
  const reportedUnlabelled = new Set<number>();

  const cellAt = (r: number, c: number): CellValue => rows[r]?.[c];
  const mergedTextFor = (sheetRow: number) => (sheetCol: number): string | null => {
    const m = findMerge(merges, sheetRow, sheetCol);
    if (!m || (m.top === sheetRow && m.left === sheetCol)) return null;
    const t = cellText(cellAt(m.top - 1 - rowOffset, m.left - colOffset));
    return t === "" ? null : t;
  };

  /** True when `next` is a header row: the current row is then its group-header row. */
  const isGroupRowOf = (next: readonly CellValue[] | undefined): boolean => {
    if (!next) return false;
    let n = 0;
    for (const v of next) if (typeof v === "number" && ++n > 1) return false;
    return isHeaderRow(next, aliases);
  };

  const startTable = (columns: Column[], headerRow: number | null, findings: Finding[]): void => {
    table = { index: tables.length, kind: tables.length === 0 ? "main" : "other", headerRow, columns, lines: [], summaryRows: [], findings };
    tables.push(table);
    L = layoutOf(columns, colOffset);
    inSummary = false;
    runningTotal = 0;
    reportedUnlabelled.clear();
  };

  for (let r = 0; r < rows.length; r++) {
    const cells = rows[r] ?? [];
    const sheetRow = r + rowOffset + 1;
    let numbers = 0;
    let blank = true;
    for (let c = 0; c < cells.length; c++) {
      const v = cells[c];
      if (typeof v === "number") numbers++;
      if (blank && !isBlank(v)) blank = false;
    }
    if (blank) continue;

    if (numbers < 2 && isHeaderRow(cells, aliases)) {
      const groupCells = r > 0 && !isBlank(rows[r - 1]?.find((v) => !isBlank(v))) ? rows[r - 1] : null;
      const built = buildColumns({ cells, groupCells, mergedText: mergedTextFor(sheetRow), colOffset }, aliases);
      const findings: Finding[] = [];
      for (const d of built.duplicates) findings.push(finding("DUPLICATE_COLUMN", a1(sheetRow, d.index), sheetRow, { header: d.header }));
      for (const u of built.unknown) findings.push(finding("UNKNOWN_COLUMN", a1(sheetRow, u.index), sheetRow, { header: u.header }));
      if (!built.columns.some((c) => c.role === "totalCost")) findings.push(finding("NO_TOTAL_COST_COLUMN", null, sheetRow, {}));
      if (!built.columns.some((c) => c.financer === "fse")) findings.push(finding("NO_FSE_COLUMN", null, sheetRow, {}));
      // The row above was the group header, not a line without amounts.
      if (table && noAmountRow === r - 1) {
        const t: Table = table;
        t.findings = t.findings.filter((f) => !(f.code === "ROW_WITHOUT_AMOUNTS" && f.row === sheetRow - 1));
      }
      startTable(built.columns, sheetRow, findings);
      continue;
    }

    if (!table || !L) {
      for (const v of cells) if (typeof v === "string" && v.trim()) titleTexts.push(v);
      continue;
    }
    const t: Table = table;
    const lay: Layout = L;

    // The row's label: the first text before the money columns.
    let label = "";
    for (let c = 0; c < lay.firstAmount && c < cells.length; c++) {
      const v = cells[c];
      if (typeof v === "string" && v.trim() !== "") {
        label = v.trim();
        break;
      }
    }
    let hasAmount = false;
    let hasNumber = false;
    for (const c of lay.amounts) {
      const v = cells[c];
      if (!isBlank(v)) {
        hasAmount = true;
        if (typeof v === "number") {
          hasNumber = true;
          break;
        }
      }
    }
    if (!hasNumber && isGroupRowOf(rows[r + 1])) continue;
    const operatorText = lay.operator >= 0 ? cellText(cells[lay.operator]) : "";
    const kind = label && operatorText === "" && SUMMARY_LABEL.test(label) ? summaryKindOf(label) : null;
    if (kind) {
      t.summaryRows.push(readSummaryRow(cells, sheetRow, kind, label, false, lay, colOffset));
      inSummary = true;
      continue;
    }
    if (!hasAmount) {
      const descriptive = [lay.action, lay.operation, lay.operator].some((c) => c >= 0 && !isBlank(cells[c]));
      if (!inSummary && descriptive) {
        t.findings.push(finding("ROW_WITHOUT_AMOUNTS", a1(sheetRow, (lay.operation >= 0 ? lay.operation : 0) + colOffset), sheetRow, { text: label }));
        noAmountRow = r;
      }
      continue;
    }
    const named = [lay.action, lay.operation, lay.operator].some((c) => c >= 0 && !isBlank(cells[c]));
    if (!named && !label && t.lines.length > 0 && lay.totalCost >= 0 && !inSummary) {
      // A totals row without a label: its Dépenses totales equals the running sum.
      const probe: Finding[] = [];
      const tc = readAmount(cells[lay.totalCost], "", sheetRow, probe);
      if (tc !== null && tc !== undefined && tc === runningTotal) {
        t.summaryRows.push(readSummaryRow(cells, sheetRow, "total", "", true, lay, colOffset));
        t.findings.push(finding("UNLABELLED_TOTAL_ROW", a1(sheetRow, lay.totalCost + colOffset), sheetRow, {}));
        inSummary = true;
        continue;
      }
    }
    if (inSummary) {
      // Lines after a table's summary rows, without a header of their own:
      // a second table that uses the previous header's columns.
      startTable(t.columns, null, []);
    }
    const current: Table = table;
    const line = readLine(cells, sheetRow, lay, colOffset);
    if (!named) line.findings.push(finding("UNNAMED_OPERATION", a1(sheetRow, (lay.operation >= 0 ? lay.operation : 0) + colOffset), sheetRow, {}));
    for (const c of lay.unlabelled) {
      if (!reportedUnlabelled.has(c) && !isBlank(cells[c])) {
        reportedUnlabelled.add(c);
        current.findings.push(finding("UNLABELLED_COLUMN", a1(sheetRow, c + colOffset), sheetRow, { text: cellText(cells[c]) }));
      }
    }
    if (line.totalCost !== null) runningTotal += line.totalCost;
    current.lines.push(line);
  }

  for (const t of tables) {
    if (t.index > 0 && t.lines.some((l) => /clause/i.test(l.operation))) t.kind = "clauses";
  }

  let year: number | null = null;
  let yearSource: ProgrammingSheet["yearSource"] = null;
  const titled = titleTexts.find((s) => /programmation/i.test(s) && yearIn(s) !== null) ?? titleTexts.find((s) => yearIn(s) !== null);
  if (titled) {
    year = yearIn(titled);
    yearSource = "title";
  } else if (yearIn(grid.name) !== null) {
    year = yearIn(grid.name);
    yearSource = "sheet_name";
  }
  if (tables.length === 0) sheetFindings.push(finding("NO_TABLE", null, null, {}));
  else if (year === null) sheetFindings.push(finding("YEAR_UNKNOWN", null, null, {}));

  return { name: grid.name, year, yearSource, tables, findings: sheetFindings };
}

function readLine(cells: readonly CellValue[], row: number, L: Layout, colOffset: number): Line {
  const findings: Finding[] = [];
  const text = (c: number) => (c >= 0 ? cellText(cells[c]) : "");
  let totalCost: number | null = null;
  let totalCostCell: string | null = null;
  if (L.totalCost >= 0) {
    totalCostCell = a1(row, L.totalCost + colOffset);
    const v = readAmount(cells[L.totalCost], totalCostCell, row, findings);
    if (v === null) findings.push(finding("MISSING_TOTAL_COST", totalCostCell, row, {}));
    totalCost = v ?? null;
  }
  const byFinancer: Partial<Record<FinancerId, number>> = {};
  let sum = 0;
  let fse = 0;
  let complete = true;
  let fseComplete = L.financers.some((f) => f.fse);
  let fseCell: string | null = null;
  const financerAmounts: number[] = new Array(L.financers.length).fill(0);
  for (let i = 0; i < L.financers.length; i++) {
    const f = L.financers[i];
    const v = cells[f.c];
    if (v === null || v === undefined || v === "") {
      if (f.fse && fseCell === null) fseCell = a1(row, f.c + colOffset);
      continue;
    }
    const addr = a1(row, f.c + colOffset);
    const cents = readAmount(v, addr, row, findings);
    if (cents === undefined) {
      complete = false;
      if (f.fse) fseComplete = false;
      continue;
    }
    if (cents === null) continue;
    financerAmounts[i] = cents;
    byFinancer[f.id] = (byFinancer[f.id] ?? 0) + cents;
    sum += cents;
    if (f.fse) {
      fse += cents;
      if (cents !== 0 || fseCell === null) fseCell = addr;
    }
  }
  let printedRate = null;
  let printedRateCell: string | null = null;
  if (L.fseRate >= 0) {
    printedRateCell = a1(row, L.fseRate + colOffset);
    printedRate = readRate(cells[L.fseRate], printedRateCell, row, findings) ?? null;
  }
  let printedTotalOperation: number | null = null;
  let totalOperationCell: string | null = null;
  if (L.totalOperation >= 0) {
    totalOperationCell = a1(row, L.totalOperation + colOffset);
    printedTotalOperation = readAmount(cells[L.totalOperation], totalOperationCell, row, findings) ?? null;
  }
  let hostOverride: Host | null = null;
  if (L.host >= 0 && !isBlank(cells[L.host])) {
    hostOverride = hostOf(text(L.host));
    if (!hostOverride) findings.push(finding("INVALID_HOST", a1(row, L.host + colOffset), row, { text: text(L.host) }));
  }
  const obj = L.objectifs >= 0 ? cells[L.objectifs] : null;
  return {
    row,
    action: text(L.action),
    operation: text(L.operation),
    operator: text(L.operator),
    objectifs: typeof obj === "number" ? obj : isBlank(obj) ? null : cellText(obj),
    totalCost,
    totalCostCell,
    byFinancer,
    financerAmounts,
    sumOfFinancers: sum,
    financersComplete: complete,
    fse,
    fseComplete,
    fseCell,
    printedRate,
    printedRateCell,
    printedTotalOperation,
    totalOperationCell,
    hostOverride,
    status: L.status >= 0 && !isBlank(cells[L.status]) ? text(L.status) : null,
    findings,
  };
}

function readSummaryRow(
  cells: readonly CellValue[],
  row: number,
  kind: SummaryKind,
  label: string,
  unlabelled: boolean,
  L: Layout,
  colOffset: number,
): SummaryRow {
  const printed: PrintedCell[] = [];
  let labelSeen = unlabelled;
  for (let c = 0; c < cells.length; c++) {
    const v = cells[c];
    if (isBlank(v)) continue;
    if (!labelSeen) {
      if (c < L.firstAmount && typeof v === "string") {
        labelSeen = true;
        continue;
      }
    }
    if (c < L.firstAmount && typeof v === "string") continue;
    const p = readPrinted(v);
    printed.push({ col: c + colOffset, cell: a1(row, c + colOffset), ...p, text: cellText(v) });
  }
  return { row, kind, label, unlabelled, cells: printed };
}
