import { a1 } from "../domain/address";
import type { ColumnMapping } from "../domain/columns";
import { DEFAULT_ALIASES, type AliasTable, type FinancerId } from "../domain/financers";
import { finding, type Finding } from "../domain/findings";
import { FINANCERS_COMPLETE, FSE_COMPLETE, LineData, withLazyLines, type LineSource } from "../domain/lines";
import type { Column, Host, LineLayout, PrintedCell, ProgrammingSheet, SummaryKind, SummaryRow, Table } from "../domain/model";
import { normalizeLabel } from "../domain/text";
import { pend, readAmount, readPrinted, readRate, takeFindings } from "./amounts";
import { cellText, isBlank, trimmed, type CellValue, type SheetGrid } from "./grid";
import { buildColumns, findMerge, isHeaderRow, parseMerges } from "./headers";

export interface ParseOptions {
  aliases?: AliasTable;
  /** The user's roles for columns the parser cannot tell (by header). */
  columns?: readonly ColumnMapping[];
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
  /** Grid positions of the financer columns, their financers, and which are FSE. */
  financerCols: number[];
  financerIsFse: boolean[];
  hasFse: boolean;
  /** Sheet position of the grid's first column. */
  colOffset: number;
  /** What every line of the table shares. */
  lineLayout: LineLayout;
  /** Every column that holds money (total cost, financers, total opération). */
  amounts: number[];
  /** First column that holds money: summary labels stand before it. */
  firstAmount: number;
  /** Columns without a header between the first and last labelled ones. */
  unlabelled: number[];
}

function layoutOf(columns: readonly Column[], colOffset: number): Layout {
  const financers: FinancerId[] = [];
  const L: Layout = {
    action: -1, operation: -1, operator: -1, objectifs: -1, totalCost: -1, fseRate: -1,
    totalOperation: -1, host: -1, status: -1, financerCols: [], financerIsFse: [], hasFse: false,
    colOffset, lineLayout: null as unknown as LineLayout, amounts: [], firstAmount: -1, unlabelled: [],
  };
  let lastLabelled = -1;
  for (const col of columns) {
    const c = col.index - colOffset;
    if (col.headerSource !== "none") lastLabelled = c;
    switch (col.role) {
      case "financer":
        L.financerCols.push(c);
        L.financerIsFse.push(col.financer === "fse");
        financers.push(col.financer!);
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
  L.hasFse = L.financerIsFse.includes(true);
  const sheetCol = (c: number) => (c >= 0 ? c + colOffset : -1);
  L.lineLayout = {
    totalCost: sheetCol(L.totalCost),
    fseRate: sheetCol(L.fseRate),
    totalOperation: sheetCol(L.totalOperation),
    financers,
    financerColumns: L.financerCols.map((c) => c + colOffset),
  };
  for (const col of columns) {
    const c = col.index - colOffset;
    if (col.headerSource === "none" && c > L.firstAmount && c < lastLabelled) L.unlabelled.push(c);
  }
  return L;
}

const SUMMARY_LABEL = /^\s*(total|budget|sous[\s-]*prog|sur[\s-]*prog|reste)/i;

/** SUMMARY_LABEL, with a cheap look at the first letter first (the parser asks on every row). */
function mayBeSummaryLabel(text: string): boolean {
  const code = text.charCodeAt(0);
  const lower = code | 0x20; // lower case for ASCII letters
  if (code >= 0x30 && code <= 0x39) return false; // a digit: an action code
  if (lower >= 0x61 && lower <= 0x7a && lower !== 0x74 && lower !== 0x62 && lower !== 0x73 && lower !== 0x72) return false; // not t b s r
  return SUMMARY_LABEL.test(text);
}

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

  let r = 0;
  const startTable = (columns: Column[], headerRow: number | null, findings: Finding[]): void => {
    L = layoutOf(columns, colOffset);
    const data = new LineData(L.lineLayout, gridSource(rows, L), Math.min(1 << 20, Math.max(16, rows.length - r)));
    const t: Table = withLazyLines({ index: tables.length, kind: tables.length === 0 ? "main" : "other", headerRow, columns, data, summaryRows: [], findings });
    tables.push(t);
    table = t;
    inSummary = false;
    runningTotal = 0;
    reportedUnlabelled.clear();
  };

  /** Reads an operation row into the current table. */
  const addLine = (t: Table, lay: Layout, cells: readonly CellValue[], sheetRow: number): void => {
    const data = t.data;
    const i = readLine(cells, r, sheetRow, lay, data);
    for (let k = 0; k < lay.unlabelled.length; k++) {
      const c = lay.unlabelled[k];
      if (!reportedUnlabelled.has(c) && !isBlank(cells[c])) {
        reportedUnlabelled.add(c);
        t.findings.push(finding("UNLABELLED_COLUMN", a1(sheetRow, c + colOffset), sheetRow, { text: cellText(cells[c]) }));
      }
    }
    const tc = data.totalCost[i];
    if (tc === tc) runningTotal += tc; // not NaN
  };

  for (r = 0; r < rows.length; r++) {
    const cells = rows[r] ?? [];
    const sheetRow = r + rowOffset + 1;
    // Fast path: inside a table body, a named row with a number as Dépenses
    // totales is an operation line (unless its label says TOTAL, BUDGET…).
    const curT = table as Table | null;
    const curL = L as Layout | null;
    if (curT !== null && curL !== null && !inSummary && curL.totalCost >= 0 && typeof cells[curL.totalCost] === "number") {
      const lay = curL;
      if (hasText(cells, lay.action) || hasText(cells, lay.operation) || hasText(cells, lay.operator)) {
        let first: CellValue = null;
        for (let c = 0; c < lay.firstAmount && c < cells.length; c++) {
          const v = cells[c];
          if (typeof v === "string" && !isBlank(v)) {
            first = v;
            break;
          }
        }
        if (typeof first !== "string" || !mayBeSummaryLabel(first) || hasText(cells, lay.operator)) {
          addLine(curT, lay, cells, sheetRow);
          continue;
        }
      }
    }
    let numbers = 0;
    let blank = true;
    for (let c = 0; c < cells.length; c++) {
      const v = cells[c];
      if (typeof v === "number") {
        blank = false;
        if (++numbers > 1) break; // an operation row: no header, not blank
      } else if (blank && !isBlank(v)) {
        blank = false;
      }
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
      if (typeof v === "string") {
        const text = trimmed(v);
        if (text !== "") {
          label = text;
          break;
        }
      }
    }
    let hasAmount = false;
    let hasNumber = false;
    for (let k = 0; k < lay.amounts.length; k++) {
      const v = cells[lay.amounts[k]];
      if (!isBlank(v)) {
        hasAmount = true;
        if (typeof v === "number") {
          hasNumber = true;
          break;
        }
      }
    }
    if (!hasNumber && isGroupRowOf(rows[r + 1])) continue;
    const kind = label && !hasText(cells, lay.operator) && mayBeSummaryLabel(label) ? summaryKindOf(label) : null;
    if (kind) {
      t.summaryRows.push(readSummaryRow(cells, sheetRow, kind, label, false, lay, colOffset));
      inSummary = true;
      continue;
    }
    const named = hasText(cells, lay.action) || hasText(cells, lay.operation) || hasText(cells, lay.operator);
    if (!hasAmount) {
      if (!inSummary && named) {
        t.findings.push(finding("ROW_WITHOUT_AMOUNTS", a1(sheetRow, (lay.operation >= 0 ? lay.operation : 0) + colOffset), sheetRow, { text: label }));
        noAmountRow = r;
      }
      continue;
    }
    if (!named && !label && t.data.count > 0 && lay.totalCost >= 0 && !inSummary) {
      // A totals row without a label: its Dépenses totales equals the running sum.
      const tc = readAmount(cells[lay.totalCost], sheetRow, lay.totalCost + colOffset);
      takeFindings();
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
    if (!named) pend("UNNAMED_OPERATION", sheetRow, (lay.operation >= 0 ? lay.operation : 0) + colOffset, {});
    addLine(current, lay, cells, sheetRow);
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

function hasText(cells: readonly CellValue[], c: number): boolean {
  return c >= 0 && !isBlank(cells[c]);
}

function textAt(cells: readonly CellValue[], c: number): string {
  if (c < 0) return "";
  const v = cells[c];
  if (typeof v === "string") return trimmed(v);
  return v === null || v === undefined ? "" : String(v);
}

/** The table's lines read again from the grid, for their words and per-column amounts. */
function gridSource(rows: readonly (readonly CellValue[])[], L: Layout): LineSource {
  const objectifs = (at: number) => {
    const v = L.objectifs >= 0 ? rows[at]?.[L.objectifs] : null;
    return typeof v === "number" ? v : isBlank(v) ? null : cellText(v);
  };
  return {
    action: (at) => textAt(rows[at] ?? [], L.action),
    operation: (at) => textAt(rows[at] ?? [], L.operation),
    operator: (at) => textAt(rows[at] ?? [], L.operator),
    objectifs,
    financerAmounts: (at) => {
      const cells = rows[at] ?? [];
      const out: number[] = [];
      for (const c of L.financerCols) {
        const v = cells[c];
        const cents = isBlank(v) ? null : readAmount(v, 1, 0);
        out.push(typeof cents === "number" ? cents : 0);
      }
      takeFindings(); // already reported when the line was read
      return out;
    },
  };
}

/**
 * Reads one operation row (grid row `at`) into the table's columns; the hot
 * path of the parser, so a clean row allocates nothing.
 */
function readLine(cells: readonly CellValue[], at: number, row: number, L: Layout, d: LineData): number {
  const i = d.add();
  const off = L.colOffset;
  d.row[i] = row;
  d.at[i] = at;
  let totalCost = NaN;
  if (L.totalCost >= 0) {
    const v = readAmount(cells[L.totalCost], row, L.totalCost + off);
    if (v === null) pend("MISSING_TOTAL_COST", row, L.totalCost + off, {});
    if (typeof v === "number") totalCost = v;
  }
  d.totalCost[i] = totalCost;
  const n = L.financerCols.length;
  const sums = d.columnSums;
  let sum = 0;
  let fse = 0;
  let complete = true;
  let fseComplete = L.hasFse;
  let fseCol = -1;
  for (let k = 0; k < n; k++) {
    const c = L.financerCols[k];
    const isFse = L.financerIsFse[k];
    const v = cells[c];
    if (v === null || v === undefined || v === "") {
      if (isFse && fseCol < 0) fseCol = c + off;
      continue;
    }
    const cents = readAmount(v, row, c + off);
    if (cents === undefined) {
      complete = false;
      if (isFse) fseComplete = false;
      continue;
    }
    if (cents === null) {
      if (isFse && fseCol < 0) fseCol = c + off;
      continue;
    }
    sums[k] += cents;
    sum += cents;
    if (isFse) {
      fse += cents;
      if (cents !== 0 || fseCol < 0) fseCol = c + off;
    }
  }
  d.sumOfFinancers[i] = sum;
  d.fse[i] = fse;
  d.fseCol[i] = fseCol;
  d.flags[i] = (complete ? FINANCERS_COMPLETE : 0) | (fseComplete ? FSE_COMPLETE : 0);
  let printedRate: number | null | undefined = null;
  if (L.fseRate >= 0) printedRate = readRate(cells[L.fseRate], row, L.fseRate + off);
  d.printedRate[i] = typeof printedRate === "number" ? printedRate : NaN;
  let printedTotalOperation: number | null | undefined = null;
  if (L.totalOperation >= 0) printedTotalOperation = readAmount(cells[L.totalOperation], row, L.totalOperation + off);
  d.printedTotalOperation[i] = typeof printedTotalOperation === "number" ? printedTotalOperation : NaN;
  if (L.host >= 0 && hasText(cells, L.host)) {
    const hostOverride: Host | null = hostOf(textAt(cells, L.host));
    if (hostOverride) d.hostOverride.set(i, hostOverride);
    else pend("INVALID_HOST", row, L.host + off, { text: textAt(cells, L.host) });
  }
  if (L.status >= 0 && hasText(cells, L.status)) d.status.set(i, textAt(cells, L.status));
  if (L.objectifs >= 0) {
    const obj = cells[L.objectifs];
    if (typeof obj === "number") d.objectifsSum += obj;
  }
  const found = takeFindings();
  if (found.length) d.findings.set(i, found);
  return i;
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
