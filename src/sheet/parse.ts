import { a1 } from "../domain/address";
import type { ColumnMapping } from "../domain/columns";
import { DEFAULT_ALIASES, type AliasTable, type FinancerId } from "../domain/financers";
import { finding, type Finding, type FigureValue } from "../domain/findings";
import { FINANCERS_COMPLETE, FSE_COMPLETE, LineData, withLazyLines, type LineSource } from "../domain/lines";
import type {
  Boundary,
  Column,
  Host,
  LineLayout,
  PrintedCell,
  ProgrammingSheet,
  SummaryKind,
  SummaryRow,
  Table,
} from "../domain/model";
import { wholeCentsOf } from "../domain/money";
import { normalizeLabel } from "../domain/text";
import { pend, readAmount, readPrinted, readRate, takeFindings } from "./amounts";
import { cellText, isBlank, isPercentFormat, trimmed, type CellValue, type SheetGrid } from "./grid";
import {
  buildColumns,
  findMerge,
  HeaderReader,
  isHeaderRow,
  meaningfulCells,
  mergedFinancerFindings,
  parseMerges,
  rowOf,
} from "./headers";
import { sheetYear, yearOfHeader } from "./year";

export interface ParseOptions {
  aliases?: AliasTable;
  /** The user's roles for columns the parser cannot tell (by header). */
  columns?: readonly ColumnMapping[];
  /**
   * For a sheet that shows several years side by side: the year whose
   * columns to read (the first year when absent; `yearBlocks` lists them).
   */
  yearBlock?: number;
}

/** Grid positions (relative to the grid, -1 when absent) of a table's columns. */
interface Layout {
  action: number;
  operation: number;
  operator: number;
  objectifs: number;
  totalCost: number;
  fseRate: number;
  fseRequested: number;
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
  /** Every column that holds money (total cost, financers, total opération, FSE requested). */
  amounts: number[];
  /** First column that holds money: summary labels stand before it. */
  firstAmount: number;
  /** Columns without a header between the first and last labelled ones. */
  unlabelled: number[];
  /** Columns left out on purpose (another year's money, the user's `ignorer`): their printed totals too. */
  ignored: Set<number>;
}

type SingleRole =
  | "action"
  | "operation"
  | "operator"
  | "objectifs"
  | "totalCost"
  | "fseRate"
  | "fseRequested"
  | "totalOperation"
  | "host"
  | "status";

function layoutOf(columns: readonly Column[], colOffset: number): Layout {
  const financers: FinancerId[] = [];
  const L: Layout = {
    action: -1,
    operation: -1,
    operator: -1,
    objectifs: -1,
    totalCost: -1,
    fseRate: -1,
    fseRequested: -1,
    totalOperation: -1,
    host: -1,
    status: -1,
    financerCols: [],
    financerIsFse: [],
    hasFse: false,
    colOffset,
    lineLayout: {
      totalCost: -1,
      fseRate: -1,
      totalOperation: -1,
      fseRequested: -1,
      financers: [],
      financerColumns: [],
    },
    amounts: [],
    firstAmount: -1,
    unlabelled: [],
    ignored: new Set<number>(),
  };
  let lastLabelled = -1;
  for (const col of columns) {
    const c = col.index - colOffset;
    if (col.headerSource !== "none") lastLabelled = c;
    switch (col.role) {
      case "financer":
        L.financerCols.push(c);
        L.financerIsFse.push(col.financer === "fse");
        financers.push(col.financer as FinancerId);
        L.amounts.push(c);
        break;
      case "totalCost":
      case "totalOperation":
      case "fseRequested":
        L[col.role] = c;
        L.amounts.push(c);
        break;
      case "ignored":
        L.ignored.add(c);
        break;
      case "other":
      case "rate":
        break;
      default:
        L[col.role as SingleRole] = c;
    }
  }
  let first = columns.length;
  for (const c of L.amounts) if (c < first) first = c;
  L.firstAmount = first;
  L.hasFse = L.financerIsFse.includes(true);
  const sheetCol = (c: number) => (c >= 0 ? c + colOffset : -1);
  L.lineLayout = {
    totalCost: sheetCol(L.totalCost),
    fseRate: sheetCol(L.fseRate),
    totalOperation: sheetCol(L.totalOperation),
    fseRequested: sheetCol(L.fseRequested),
    financers,
    financerColumns: L.financerCols.map((c) => c + colOffset),
  };
  for (const col of columns) {
    const c = col.index - colOffset;
    if (col.headerSource === "none" && c > L.firstAmount && c < lastLabelled) L.unlabelled.push(c);
  }
  return L;
}

const SUMMARY_LABEL = /^\s*(total|budget|sous[\s-]*(prog|tot)|sur[\s-]*prog|reste|s\s*\/\s*t)/i;

/** SUMMARY_LABEL, with a cheap look at the first letter first (the parser asks on every row). */
function mayBeSummaryLabel(text: string): boolean {
  const code = text.charCodeAt(0);
  const lower = code | 0x20; // lower case for ASCII letters
  if (code >= 0x30 && code <= 0x39) return false; // a digit: an action code
  if (lower >= 0x61 && lower <= 0x7a && lower !== 0x74 && lower !== 0x62 && lower !== 0x73 && lower !== 0x72)
    return false; // not t b s r
  return SUMMARY_LABEL.test(text);
}

const SUBTOTAL =
  /^(sous[ -]?(total|totaux)|s ?\/ ?t(otal|otaux)?\b|total (partiel|intermediaire|axe|os ?\d|objectif|mesure|volet|sous|priorite|dispositif|thematique|section|groupe|bloc)\b)/;

export function summaryKindOf(label: string): SummaryKind | null {
  const n = normalizeLabel(label);
  if (SUBTOTAL.test(n)) return "subtotal";
  if (n.startsWith("total")) return "total";
  if (n.startsWith("budget")) return "budget";
  if (/^(sous[ -]?programmation|reste a programmer)/.test(n)) return "under_programming";
  if (/^sur[ -]?programmation/.test(n)) return "over_programming";
  return null;
}

/** Labels of a section that may have a single line (`Axe 2`, `Ensemble OS1`): a row equal to that line is its sub-total. */
const SECTION_WORDS = /^(ensemble|axe|os ?\d|objectif|mesure|volet|sous|total|cumul|somme|section)\b/;

function hostOf(text: string): Host | null {
  const n = normalizeLabel(text);
  if (n.startsWith("anim") || n.includes("422b")) return "animation";
  if (n.startsWith("assist") || n.includes("422d")) return "assistance";
  return null;
}

const EMPTY: readonly CellValue[] = Object.freeze([]);
/** How many earlier boundaries a row is compared with when looking for a sub-total (the table's start always). */
const RECENT_BOUNDARIES = 8;
/** Rows looked at below a header to tell rate columns by their values. */
const RATE_SAMPLE_ROWS = 5000;

/**
 * Reads one sheet's grid into programming tables: header rows, operation
 * lines, summary rows. Nothing here judges the figures; see domain/check.
 */
export function parseSheet(grid: SheetGrid, options: ParseOptions = {}): ProgrammingSheet {
  const reader = new HeaderReader(options.aliases ?? DEFAULT_ALIASES, options.columns ?? []);
  const rows = grid.values;
  const formats = grid.numberFormats;
  const rowOffset = grid.origin?.row ?? 0;
  const colOffset = grid.origin?.col ?? 0;
  const merges = parseMerges(grid.merges);
  const sheetFindings: Finding[] = [];
  const tables: Table[] = [];
  const titleTexts: string[] = [];
  const yearsSeen = new Set<number>();
  let blockYear: number | null = null;

  let table: Table | null = null;
  let L: Layout | null = null;
  let inSummary = false;
  let noAmountRow = -1; // grid row of the last ROW_WITHOUT_AMOUNTS finding
  const reportedUnlabelled = new Set<number>();

  const cellAt = (r: number, c: number): CellValue => rows[r]?.[c];
  const mergedText = (sheetRow: number, sheetCol: number): string | null => {
    if (merges.length === 0) return null;
    const m = findMerge(merges, sheetRow, sheetCol);
    if (!m || (m.top === sheetRow && m.left === sheetCol)) return null;
    const t = cellText(cellAt(m.top - 1 - rowOffset, m.left - colOffset));
    return t === "" ? null : t;
  };
  const formatAt = (r: number, c: number): string | null | undefined => formats?.[r]?.[c];

  /** True when `next` is a header row: the current row is then its group-header row. */
  const isGroupRowOf = (next: readonly CellValue[] | undefined): boolean => {
    if (!next) return false;
    let n = 0;
    for (const v of next) if (typeof v === "number" && ++n > 1) return false;
    return isHeaderRow(next, reader);
  };

  let r = 0;
  const startTable = (columns: Column[], headerRow: number | null, findings: Finding[]): void => {
    L = layoutOf(columns, colOffset);
    // Room for the rows below, up to 4 096 lines at first (it grows): a whole column
    // passed to a function has a million rows, most of them empty.
    const data = new LineData(L.lineLayout, gridSource(rows, L), Math.min(4096, Math.max(16, rows.length - r)));
    const boundaries: Boundary[] = [{ row: headerRow ?? r + rowOffset + 1, kind: "start", sums: data.sums() }];
    const t: Table = withLazyLines({
      index: tables.length,
      kind: tables.length === 0 ? "main" : "other",
      headerRow,
      columns,
      data,
      summaryRows: [],
      boundaries,
      findings,
    });
    tables.push(t);
    table = t;
    inSummary = false;
    reportedUnlabelled.clear();
  };

  /** Reads an operation row into the current table. */
  const addLine = (t: Table, lay: Layout, cells: readonly CellValue[], sheetRow: number): void => {
    const data = t.data;
    const i = readLine(cells, r, sheetRow, lay, data);
    data.addToSums(i);
    for (let k = 0; k < lay.unlabelled.length; k++) {
      const c = lay.unlabelled[k];
      if (!reportedUnlabelled.has(c) && !isBlank(cells[c])) {
        reportedUnlabelled.add(c);
        t.findings.push(
          finding("UNLABELLED_COLUMN", a1(sheetRow, c + colOffset), sheetRow, { text: cellText(cells[c]) }),
        );
      }
    }
  };

  /** The summary row's record, with the table's sums at that point. */
  const summaryRow = (
    t: Table,
    lay: Layout,
    cells: readonly CellValue[],
    sheetRow: number,
    kind: SummaryKind,
    label: string,
    unlabelled: boolean,
  ): SummaryRow => {
    const row = readSummaryRow(cells, sheetRow, kind, label, unlabelled, lay, colOffset);
    row.sums = t.data.sums();
    t.summaryRows.push(row);
    return row;
  };

  /**
   * The most recent boundary since which the table's lines add up to `tc`
   * cents of Dépenses totales over at least `minLines` lines, or null. Only
   * the table's start and the last few boundaries are tried.
   */
  const rangeWithTotal = (t: Table, tc: number, minLines: number): Boundary | null => {
    const d = t.data;
    const b = t.boundaries;
    for (let k = b.length - 1; k >= 0; k = k === b.length - RECENT_BOUNDARIES ? 0 : k - 1) {
      const s = b[k].sums;
      if (d.count - s.lines >= minLines && d.totalCostSum - s.totalCost === tc) return b[k];
      if (k === 0) break;
    }
    return null;
  };

  /** True when every financer cell of the row equals that column's sum since the boundary. */
  const financersEqualSums = (t: Table, lay: Layout, cells: readonly CellValue[], from: Boundary): boolean => {
    const d = t.data;
    let nonZero = false;
    for (let k = 0; k < lay.financerCols.length; k++) {
      const v = cells[lay.financerCols[k]];
      const cents = typeof v === "number" ? wholeCentsOf(v) : isBlank(v) ? 0 : null;
      if (cents === null || cents !== d.columnSums[k] - from.sums.columnSums[k]) return false;
      if (cents !== 0) nonZero = true;
    }
    return nonZero || lay.financerCols.length === 0;
  };

  /** Rows of the lines a range covers. */
  const rangeRows = (t: Table, from: Boundary): Record<string, FigureValue> => ({
    fromRow: t.data.row[from.sums.lines],
    toRow: t.data.row[t.data.count - 1],
  });

  for (r = 0; r < rows.length; r++) {
    const cells = rows[r] ?? EMPTY;
    const sheetRow = r + rowOffset + 1;
    // Fast path: inside a table body, a named row with a number as Dépenses
    // totales is an operation line, unless its label says TOTAL, BUDGET… or
    // its Dépenses totales is the sum of the lines above (a sub-total?).
    const curT = table as Table | null;
    const curL = L as Layout | null;
    if (curT !== null && curL !== null && !inSummary && curL.totalCost >= 0) {
      const tv = cells[curL.totalCost];
      if (
        typeof tv === "number" &&
        (hasText(cells, curL.action) || hasText(cells, curL.operation) || hasText(cells, curL.operator))
      ) {
        const summaryLike = summaryLabelColumn(cells, curL.firstAmount) >= 0 && !isOperationRow(cells, curL);
        const tc = wholeCentsOf(tv);
        if (!summaryLike && (tc === null || curT.data.count === 0 || rangeWithTotal(curT, tc, 1) === null)) {
          addLine(curT, curL, cells, sheetRow);
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

    if (numbers < 2) {
      const header = headerAt(r);
      if (header) {
        const { lower } = header;
        const groupCells = r > 0 && isGroupRow(rows[r - 1]) ? (rows[r - 1] ?? null) : null;
        const built = buildColumns({ cells, row: sheetRow, lower, groupCells, mergedText, colOffset }, reader);
        const findings = built.findings;
        const dataStart = lower ? r + 2 : r + 1;
        const years = applyYearBlocks(built.columns, built.contexts, sheetRow, findings);
        for (const y of years) yearsSeen.add(y);
        ratesByValues(built.columns, dataStart, findings);
        requestedAlone(built.columns, sheetRow, findings);
        for (const f of mergedFinancerFindings(built.columns, sheetRow)) findings.push(f);
        if (!built.columns.some((c) => c.role === "totalCost"))
          findings.push(finding("NO_TOTAL_COST_COLUMN", null, sheetRow, {}));
        if (!built.columns.some((c) => c.financer === "fse"))
          findings.push(finding("NO_FSE_COLUMN", null, sheetRow, {}));
        // The row above was the group header, not a line without amounts.
        if (table && noAmountRow === r - 1) {
          const t: Table = table;
          t.findings = t.findings.filter((f) => !(f.code === "ROW_WITHOUT_AMOUNTS" && f.row === sheetRow - 1));
        }
        startTable(built.columns, sheetRow, findings);
        if (lower) r++;
        continue;
      }
    }

    if (!table || !L) {
      for (const v of cells) if (typeof v === "string" && v.trim()) titleTexts.push(v);
      continue;
    }
    const t: Table = table;
    const lay: Layout = L;

    // The row's label: the first text before the money columns.
    const lc = labelColumn(cells, lay.firstAmount);
    const label = lc >= 0 ? trimmed(cells[lc] as string) : "";
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
    const operationRow = isOperationRow(cells, lay);
    const slc = operationRow ? -1 : summaryLabelColumn(cells, lay.firstAmount);
    const summaryLabel = slc >= 0 ? trimmed(cells[slc] as string) : "";
    const kind = slc >= 0 ? summaryKindOf(summaryLabel) : null;
    if (kind) {
      summaryRow(t, lay, cells, sheetRow, kind, summaryLabel, false);
      if (kind === "subtotal") t.boundaries.push({ row: sheetRow, kind: "subtotal", sums: t.data.sums() });
      else inSummary = true;
      continue;
    }
    const named = hasText(cells, lay.action) || hasText(cells, lay.operation) || hasText(cells, lay.operator);
    if (!hasAmount) {
      if (!inSummary && named) {
        t.findings.push(
          finding("ROW_WITHOUT_AMOUNTS", a1(sheetRow, (lay.operation >= 0 ? lay.operation : 0) + colOffset), sheetRow, {
            text: label,
          }),
        );
        t.boundaries.push({ row: sheetRow, kind: "section", sums: t.data.sums() });
        noAmountRow = r;
      }
      continue;
    }
    if (!inSummary && t.data.count > 0 && lay.totalCost >= 0) {
      // A row whose Dépenses totales is the sum of the lines above: a
      // sub-total or total, never silently an operation.
      const tc = readAmount(cells[lay.totalCost], sheetRow, lay.totalCost + colOffset);
      takeFindings();
      if (typeof tc === "number") {
        const costCell = a1(sheetRow, lay.totalCost + colOffset);
        if (!named && !label) {
          const from = rangeWithTotal(t, tc, 1);
          if (from && from.sums.lines === 0) {
            summaryRow(t, lay, cells, sheetRow, "total", "", true);
            t.findings.push(finding("UNLABELLED_TOTAL_ROW", costCell, sheetRow, {}));
            inSummary = true;
            continue;
          }
          if (from) {
            summaryRow(t, lay, cells, sheetRow, "subtotal", "", true);
            t.findings.push(finding("SUBTOTAL_BY_FIGURES", costCell, sheetRow, { text: "", ...rangeRows(t, from) }));
            t.boundaries.push({ row: sheetRow, kind: "subtotal", sums: t.data.sums() });
            continue;
          }
        } else if (!operationRow) {
          // A label of a section (`Ensemble Axe 1`) with the lines' Dépenses totales is their sub-total, even with
          // a figure wrong (then a finding at that cell); any other label must match every column.
          const section = SECTION_WORDS.test(normalizeLabel(label));
          const from = rangeWithTotal(t, tc, section ? 1 : 2);
          if (from && (section || financersEqualSums(t, lay, cells, from))) {
            summaryRow(t, lay, cells, sheetRow, "subtotal", label, false);
            t.findings.push(finding("SUBTOTAL_BY_FIGURES", costCell, sheetRow, { text: label, ...rangeRows(t, from) }));
            t.boundaries.push({ row: sheetRow, kind: "subtotal", sums: t.data.sums() });
            continue;
          }
        } else {
          const from = rangeWithTotal(t, tc, 2);
          if (from && financersEqualSums(t, lay, cells, from))
            pend("LINE_EQUALS_SUM_ABOVE", sheetRow, lay.totalCost + colOffset, rangeRows(t, from));
        }
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
  if (tables.length === 0) sheetFindings.push(finding("NO_TABLE", null, null, {}));
  else if (blockYear !== null) {
    year = blockYear;
    yearSource = "columns";
  } else {
    const found = sheetYear(titleTexts, grid.name);
    year = found.year;
    yearSource = found.source;
    for (const f of found.findings) sheetFindings.push(f);
  }
  const sheet: ProgrammingSheet = { name: grid.name, year, yearSource, tables, findings: sheetFindings };
  if (yearsSeen.size > 1) sheet.yearBlocks = [...yearsSeen];
  return sheet;

  // ---- header rows -------------------------------------------------------

  /**
   * The header at grid row `at`, if it starts one: the row itself, or the
   * row and the one below it read together (a two-row header). `lower` is
   * the second header row when there is one.
   */
  function headerAt(at: number): { lower: readonly CellValue[] | null } | null {
    const cells = rows[at] ?? EMPTY;
    const next = rows[at + 1];
    const alone = isHeaderRow(cells, reader);
    const lowerCandidate = next !== undefined && textOnly(next) && !isHeaderRow(next, reader) ? next : null;
    if (lowerCandidate) {
      const composed = composeRows(cells, lowerCandidate, at);
      if (
        (alone || isHeaderRow(composed, reader)) &&
        meaningfulCells(composed, reader) > meaningfulCells(cells, reader)
      )
        return { lower: lowerCandidate };
      if (alone && unitsRow(cells, lowerCandidate)) return { lower: lowerCandidate };
    }
    return alone ? { lower: null } : null;
  }

  /**
   * A row under the header that only qualifies its money columns (`en €`,
   * `HT`, `TTC`): part of the header, not a line with unreadable amounts.
   */
  function unitsRow(upper: readonly CellValue[], lower: readonly CellValue[]): boolean {
    let any = false;
    for (let c = 0; c < lower.length; c++) {
      const v = lower[c];
      if (isBlank(v)) continue;
      const head = cellText(upper[c]);
      const reading = head === "" ? null : reader.read(head);
      if (!reading || !(isMoney(reading) || reading.role === "rate")) return false;
      if (typeof v !== "string" || readAmountSilently(v) !== null) return false;
      any = true;
    }
    return any;
  }

  /** The two header rows as one, the way buildColumns reads them (for detection only). */
  function composeRows(upper: readonly CellValue[], lower: readonly CellValue[], at: number): CellValue[] {
    const width = Math.max(upper.length, lower.length);
    const out: CellValue[] = new Array<CellValue>(width);
    let left = "";
    for (let c = 0; c < width; c++) {
      let up = cellText(upper[c]);
      if (up === "") up = mergedText(at + rowOffset + 1, c + colOffset) ?? "";
      if (up !== "") left = up;
      const low = mergedText(at + rowOffset + 2, c + colOffset) !== null ? "" : cellText(lower[c]);
      if (low === "") out[c] = up;
      else if (reader.read(low)) out[c] = low;
      else {
        const base = up !== "" ? up : left;
        out[c] = base !== "" && reader.read(`${base} ${low}`) ? `${base} ${low}` : low;
      }
    }
    return out;
  }

  /**
   * Years side by side: when the money columns' headers (or their groups)
   * carry two or more years, only the columns of one year are read (the
   * year asked for, else the first); the others are left out, never added.
   * Each year needs its own Dépenses totales column, else the years are
   * mixed (an error). Returns the years seen.
   */
  function applyYearBlocks(
    columns: Column[],
    contexts: readonly string[],
    headerRow: number,
    findings: Finding[],
  ): number[] {
    // What each column's header says, before duplicates were set aside: each year has its own.
    const intended: Column[] = columns.map((c) => {
      if (c.role !== "other" || c.header === "") return c;
      const reading = reader.read(c.header);
      return reading ? { ...c, role: reading.role, financer: reading.financer } : c;
    });
    const yearOf: (number | null)[] = intended.map((c, i) =>
      isMoney(c) ? (yearOfHeader(c.header) ?? yearOfHeader(contexts[i])) : null,
    );
    const years: number[] = [];
    for (const y of yearOf) if (y !== null && !years.includes(y)) years.push(y);
    if (years.length < 2) return years;
    const own = years.filter((y) => intended.some((c, i) => c.role === "totalCost" && yearOf[i] === y));
    const titled = sheetYear(titleTexts, grid.name).year;
    const keep =
      options.yearBlock !== undefined && years.includes(options.yearBlock)
        ? options.yearBlock
        : titled !== null && years.includes(titled) && own.length < years.length
          ? titled
          : years[0];
    // Each year's span of columns; a money column without a year belongs to the span around it.
    const spans = years.map((y) => {
      let lo = Infinity;
      let hi = -Infinity;
      yearOf.forEach((v, i) => {
        if (v === y) {
          lo = Math.min(lo, i);
          hi = Math.max(hi, i);
        }
      });
      return { y, lo, hi };
    });
    const split = own.length === years.length;
    const blockOf = (i: number): number => {
      if (yearOf[i] !== null) return yearOf[i] as number;
      // Years mixed in one table: a column without a year is the table's own.
      if (!split) return keep;
      const inside = spans.find((s) => i >= s.lo && i <= s.hi);
      if (inside) return inside.y;
      let left: { y: number; hi: number } | undefined;
      for (const s of spans) if (s.hi < i && (!left || s.hi > left.hi)) left = s;
      return (left ?? spans[0]).y;
    };
    const keepSpan = spans.find((s) => s.y === keep)!;
    const seen = new Set<string>();
    intended.forEach((c, i) => {
      if (!isMoney(c)) return;
      if (blockOf(i) !== keep) columns[i] = { ...columns[i], role: "ignored", financer: null };
      else if (c.role !== "financer") {
        // The kept year's own Dépenses totales, %FSE…: its first one counts.
        columns[i] = seen.has(c.role) ? { ...columns[i], role: "other" } : c;
        seen.add(c.role);
      } else columns[i] = c;
    });
    // Descriptive columns: those nearest to the left of the kept year's columns.
    for (const role of ["action", "operation", "operator", "objectifs", "host", "status"] as const) {
      const same = intended.map((c, i) => (c.role === role ? i : -1)).filter((i) => i >= 0);
      if (same.length < 2) continue;
      const before = same.filter((i) => i < keepSpan.lo);
      const chosen = before.length ? before[before.length - 1] : same[0];
      for (const i of same) columns[i] = i === chosen ? intended[i] : { ...columns[i], role: "ignored" };
    }
    // Those columns were reported as duplicates: they are the other years' own.
    for (let k = findings.length - 1; k >= 0; k--)
      if (findings[k].code === "DUPLICATE_COLUMN" && findings[k].row === headerRow) findings.splice(k, 1);
    const list = years.join(", ");
    if (split) {
      blockYear = keep;
      findings.push(finding("YEARS_SIDE_BY_SIDE", null, headerRow, { years: list, year: keep }));
      return years;
    }
    const firstOther = columns.findIndex((c, i) => c.role === "ignored" && yearOf[i] !== null && yearOf[i] !== keep);
    const cell = firstOther >= 0 ? (columns[firstOther].headerCell ?? null) : null;
    findings.push(finding("YEARS_MIXED", cell, headerRow, { years: list, year: keep }));
    return [];
  }

  /**
   * Columns read as money whose values are rates: all percent-formatted (or
   * percent text), or all within [0; 1] with some fraction while the table's
   * Dépenses totales are in thousands. A rate is never summed as euros.
   */
  function ratesByValues(columns: Column[], dataStart: number, findings: Finding[]): void {
    const candidates = columns
      .map((c, i) => (c.role === "financer" || c.role === "totalOperation" ? i : -1))
      .filter((i) => i >= 0);
    if (candidates.length === 0) return;
    const costCol = columns.find((c) => c.role === "totalCost");
    const costAt = costCol ? costCol.index - colOffset : -1;
    const n = candidates.length;
    const numbers = new Int32Array(n);
    const percent = new Int32Array(n);
    const unit = new Int32Array(n);
    const fraction = new Uint8Array(n);
    let costs = 0;
    let bigCosts = 0;
    let smallCosts = 0;
    const end = Math.min(rows.length, dataStart + RATE_SAMPLE_ROWS);
    for (let at = dataStart; at < end; at++) {
      const cells = rows[at];
      if (!cells || cells.length === 0) continue;
      const first = labelColumn(cells, Infinity);
      if (first >= 0 && mayBeSummaryLabel(cells[first] as string)) break;
      if (textOnly(cells) && isHeaderRow(cells, reader)) break;
      if (costAt >= 0) {
        const cv = cells[costAt];
        if (typeof cv === "number") {
          costs++;
          if (Math.abs(cv) >= 1000) bigCosts++;
          else if (cv !== 0 && Math.abs(cv) <= 1) smallCosts++;
        }
      }
      for (let k = 0; k < n; k++) {
        const c = columns[candidates[k]].index - colOffset;
        const v = cells[c];
        if (typeof v === "number") {
          numbers[k]++;
          if (isPercentFormat(formatAt(at, c))) percent[k]++;
          if (v >= 0 && v <= 1) {
            unit[k]++;
            if (v > 0 && v < 1) fraction[k] = 1;
          }
        } else if (typeof v === "string" && /%\s*$/.test(v) && !isBlank(v)) {
          numbers[k]++;
          percent[k]++;
        }
      }
    }
    let hasFseRate = columns.some((c) => c.role === "fseRate");
    for (let k = 0; k < n; k++) {
      if (numbers[k] === 0) continue;
      let reason: string | null = null;
      if (percent[k] === numbers[k]) reason = "percent_format";
      else if (unit[k] === numbers[k] && fraction[k] && bigCosts > 0 && smallCosts === 0 && bigCosts * 2 >= costs)
        reason = "fractions";
      if (!reason) continue;
      const i = candidates[k];
      const col = columns[i];
      const fse = col.financer === "fse" || /\b(fse|esf)\b/.test(normalizeLabel(col.header));
      const role = fse && !hasFseRate ? "fseRate" : "rate";
      if (role === "fseRate") hasFseRate = true;
      columns[i] = { ...col, role, financer: null };
      findings.push(
        finding("COLUMN_READ_AS_RATE", col.headerCell ?? null, rowOf(col.headerCell, 0) || null, {
          header: col.header,
          reason,
        }),
      );
    }
  }

  /** An `FSE sollicité` column without any other FSE column gives the lines' FSE (said so). */
  function requestedAlone(columns: Column[], headerRow: number, findings: Finding[]): void {
    const i = columns.findIndex((c) => c.role === "fseRequested");
    if (i < 0 || columns.some((c) => c.financer === "fse")) return;
    const col = columns[i];
    columns[i] = { ...col, role: "financer", financer: "fse" };
    findings.push(
      finding("FSE_FROM_REQUEST", col.headerCell ?? null, rowOf(col.headerCell, headerRow), { header: col.header }),
    );
  }
}

/** The cents a text reads as, or null; no finding (a header's words are no amount). */
function readAmountSilently(text: string): number | null {
  const v = readAmount(text, 1, 0);
  takeFindings();
  return typeof v === "number" ? v : null;
}

function isMoney(c: Pick<Column, "role">): boolean {
  return (
    c.role === "financer" ||
    c.role === "totalCost" ||
    c.role === "totalOperation" ||
    c.role === "fseRequested" ||
    c.role === "fseRate"
  );
}

/** A row with text and no number (a header or group row). */
function textOnly(cells: readonly CellValue[] | undefined): boolean {
  if (!cells) return false;
  let text = false;
  for (const v of cells) {
    if (typeof v === "number") return false;
    if (!text && typeof v === "string" && !isBlank(v)) text = true;
  }
  return text;
}

/** A row above a header that can be its group row: texts, and years as numbers (`2022` over a year's columns). */
function isGroupRow(cells: readonly CellValue[] | undefined): boolean {
  if (!cells) return false;
  let any = false;
  for (const v of cells) {
    if (typeof v === "number") {
      if (!Number.isInteger(v) || v < 1990 || v > 2100) return false;
      any = true;
    } else if (!any && !isBlank(v)) any = true;
  }
  return any;
}

/** Grid column of the row's label: its first text before the money columns; -1 without one. */
function labelColumn(cells: readonly CellValue[], firstAmount: number): number {
  for (let c = 0; c < firstAmount && c < cells.length; c++) {
    const v = cells[c];
    if (typeof v === "string" && !isBlank(v)) return c;
  }
  return -1;
}

/** Grid column of the row's summary label (`TOTAL…`, `Sous-total…`, `BUDGET…`) before the money columns; -1 without one. */
function summaryLabelColumn(cells: readonly CellValue[], firstAmount: number): number {
  for (let c = 0; c < firstAmount && c < cells.length; c++) {
    const v = cells[c];
    if (typeof v === "string" && !isBlank(v) && mayBeSummaryLabel(v)) return c;
  }
  return -1;
}

/**
 * An operation, whatever its label says (`Budget formation`, `Total
 * insertion`): it has an operator, or an action code (`422B`), or an action
 * cell beside an operation name that is no summary label (`OS1`, `Atelier X`).
 */
function isOperationRow(cells: readonly CellValue[], L: Layout): boolean {
  if (hasText(cells, L.operator)) return true;
  if (L.action < 0 || !hasText(cells, L.action)) return false;
  if (isActionCode(textAt(cells, L.action))) return true;
  return hasText(cells, L.operation) && !mayBeSummaryLabel(textAt(cells, L.operation));
}

/**
 * An action code (`422B`, `OS1-422C`, `322D`), not a label in the action
 * column (`TOTAL`, `Sous-total`, `Axe 2`, `Ensemble OS1`).
 */
function isActionCode(text: string): boolean {
  if (mayBeSummaryLabel(text)) return false;
  const n = normalizeLabel(text);
  return !SECTION_WORDS.test(n) || /\d{2,}/.test(n);
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
    action: (at) => textAt(rows[at] ?? EMPTY, L.action),
    operation: (at) => textAt(rows[at] ?? EMPTY, L.operation),
    operator: (at) => textAt(rows[at] ?? EMPTY, L.operator),
    objectifs,
    financerAmounts: (at) => {
      const cells = rows[at] ?? EMPTY;
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
  let requested: number | null | undefined = null;
  if (L.fseRequested >= 0) requested = readAmount(cells[L.fseRequested], row, L.fseRequested + off);
  d.fseRequested[i] = typeof requested === "number" ? requested : NaN;
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
    if (L.ignored.has(c)) continue;
    const p = readPrinted(v);
    printed.push({ col: c + colOffset, cell: a1(row, c + colOffset), ...p, text: cellText(v) });
  }
  return { row, kind, label, unlabelled, cells: printed };
}
