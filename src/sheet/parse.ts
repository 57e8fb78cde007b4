import { a1 } from "../domain/address";
import { at } from "../domain/arrays";
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
import { addCents, subCents, wholeCentsOf, ZERO_CENTS, type Cents } from "../domain/money";
import { normalizeLabel } from "../domain/text";
import { IGNORED_FINDINGS, PendingFindings, readAmount, readPrinted, readRate, type FindingSink } from "./amounts";
import { cellText, isBlank, isPercentFormat, trimmed, type CellValue, type SheetGrid } from "./grid";
import {
  buildColumns,
  findMerge,
  HeaderReader,
  isHeaderRow,
  MAX_HEADER_LENGTH,
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

function summaryKindOf(label: string): SummaryKind | null {
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
  return new SheetParser(grid, options).parse();
}

/** A header found at a row: `lower` is the second header row when there is one. */
interface HeaderAt {
  lower: readonly CellValue[] | null;
}

/** What one column's values below a header look like, to tell a rate column from an amount column. */
interface RateSample {
  /** Position of the column in the header's columns, and in the grid. */
  index: number;
  col: number;
  numbers: number;
  percent: number;
  unit: number;
  fraction: boolean;
}

/** What the table's Dépenses totales look like in the rows sampled for rates. */
interface CostSample {
  costs: number;
  big: number;
  small: number;
}

/**
 * One parse of one sheet: the state its rows share while they are read top
 * to bottom, and the findings of the cells read (taken row by row).
 */
class SheetParser {
  private readonly reader: HeaderReader;
  private readonly rows: readonly (readonly CellValue[])[];
  private readonly formats: SheetGrid["numberFormats"];
  private readonly rowOffset: number;
  private readonly colOffset: number;
  private readonly merges: ReturnType<typeof parseMerges>;
  private readonly sink = new PendingFindings();
  private readonly tables: Table[] = [];
  private readonly titleTexts: string[] = [];
  private readonly yearsSeen = new Set<number>();
  private blockYear: number | null = null;
  private table: Table | null = null;
  private L: Layout | null = null;
  private inSummary = false;
  /** Grid row of the last ROW_WITHOUT_AMOUNTS finding. */
  private noAmountRow = -1;
  private readonly reportedUnlabelled = new Set<number>();

  constructor(
    private readonly grid: SheetGrid,
    private readonly options: ParseOptions,
  ) {
    this.reader = new HeaderReader(options.aliases ?? DEFAULT_ALIASES, options.columns ?? []);
    this.rows = grid.values;
    this.formats = grid.numberFormats;
    this.rowOffset = grid.origin?.row ?? 0;
    this.colOffset = grid.origin?.col ?? 0;
    this.merges = parseMerges(grid.merges);
  }

  parse(): ProgrammingSheet {
    const rows = this.rows;
    for (let r = 0; r < rows.length; r++) r = this.readRow(r);
    for (const t of this.tables) {
      if (t.index > 0 && t.lines.some((l) => /clause/i.test(l.operation))) t.kind = "clauses";
    }
    return this.sheet();
  }

  /** The sheet read: its tables, its year and the sheet's own findings. */
  private sheet(): ProgrammingSheet {
    const findings: Finding[] = [];
    let year: number | null = null;
    let yearSource: ProgrammingSheet["yearSource"] = null;
    if (this.tables.length === 0) findings.push(finding("NO_TABLE", null, null, {}));
    else if (this.blockYear !== null) {
      year = this.blockYear;
      yearSource = "columns";
    } else {
      const found = sheetYear(this.titleTexts, this.grid.name);
      year = found.year;
      yearSource = found.source;
      for (const f of found.findings) findings.push(f);
    }
    const sheet: ProgrammingSheet = { name: this.grid.name, year, yearSource, tables: this.tables, findings };
    if (this.yearsSeen.size > 1) sheet.yearBlocks = [...this.yearsSeen];
    return sheet;
  }

  /** Reads grid row r; returns the last grid row read (the row below too for a two-row header). */
  private readRow(r: number): number {
    const cells = this.rows[r] ?? EMPTY;
    const sheetRow = r + this.rowOffset + 1;
    if (this.readFastLine(cells, r, sheetRow)) return r;
    const numbers = numbersOf(cells);
    if (numbers === BLANK_ROW) return r;
    if (numbers < 2) {
      const header = this.headerAt(r);
      if (header) return this.readHeader(header, cells, r, sheetRow);
    }
    const t = this.table;
    const lay = this.L;
    if (!t || !lay) {
      for (const v of cells) if (typeof v === "string" && v.trim()) this.titleTexts.push(v);
      return r;
    }
    this.readBodyRow(t, lay, cells, r, sheetRow);
    return r;
  }

  /**
   * Fast path: inside a table body, a named row with a number as Dépenses
   * totales is an operation line, unless its label says TOTAL, BUDGET… or
   * its Dépenses totales is the sum of the lines above (a sub-total?).
   */
  private readFastLine(cells: readonly CellValue[], r: number, sheetRow: number): boolean {
    const t = this.table;
    const lay = this.L;
    if (t === null || lay === null || this.inSummary || lay.totalCost < 0) return false;
    const tv = cells[lay.totalCost];
    if (typeof tv !== "number") return false;
    if (!(hasText(cells, lay.action) || hasText(cells, lay.operation) || hasText(cells, lay.operator))) return false;
    const summaryLike = summaryLabelColumn(cells, lay.firstAmount) >= 0 && !isOperationRow(cells, lay);
    if (summaryLike) return false;
    const tc = wholeCentsOf(tv);
    if (tc !== null && t.data.count > 0 && rangeWithTotal(t, tc, 1) !== null) return false;
    this.addLine(t, lay, cells, r, sheetRow);
    return true;
  }

  /** A header row (and the one below it, `lower`): a new table starts. Returns the last grid row read. */
  private readHeader(header: HeaderAt, cells: readonly CellValue[], r: number, sheetRow: number): number {
    const { lower } = header;
    const rows = this.rows;
    const above = r > 0 ? rows[r - 1] : undefined;
    const groupCells = above !== undefined && isGroupRow(above) ? above : null;
    const built = buildColumns(
      {
        cells,
        row: sheetRow,
        lower,
        groupCells,
        mergedText: (sr, sc) => this.mergedText(sr, sc),
        colOffset: this.colOffset,
      },
      this.reader,
    );
    const findings = built.findings;
    const dataStart = lower ? r + 2 : r + 1;
    const years = this.applyYearBlocks(built.columns, built.contexts, sheetRow, findings);
    for (const y of years) this.yearsSeen.add(y);
    this.ratesByValues(built.columns, dataStart, findings);
    requestedAlone(built.columns, sheetRow, findings);
    for (const f of mergedFinancerFindings(built.columns, sheetRow)) findings.push(f);
    if (!built.columns.some((c) => c.role === "totalCost"))
      findings.push(finding("NO_TOTAL_COST_COLUMN", null, sheetRow, {}));
    if (!built.columns.some((c) => c.financer === "fse")) findings.push(finding("NO_FSE_COLUMN", null, sheetRow, {}));
    // The row above was the group header, not a line without amounts.
    const previous = this.table;
    if (previous && this.noAmountRow === r - 1) {
      previous.findings = previous.findings.filter(
        (f) => !(f.code === "ROW_WITHOUT_AMOUNTS" && f.row === sheetRow - 1),
      );
    }
    this.startTable(built.columns, sheetRow, findings, r);
    return lower ? r + 1 : r;
  }

  /** A row of a table's body: an operation line, a summary row, or a row that closes a section. */
  private readBodyRow(t: Table, lay: Layout, cells: readonly CellValue[], r: number, sheetRow: number): void {
    // The row's label: the first text before the money columns.
    const lc = labelColumn(cells, lay.firstAmount);
    const label = lc >= 0 ? trimmed(cells[lc] as string) : "";
    const amounts = amountsOf(cells, lay);
    if (amounts !== NUMBER_AMOUNT && this.isGroupRowOf(this.rows[r + 1])) return;
    const operationRow = isOperationRow(cells, lay);
    const slc = operationRow ? -1 : summaryLabelColumn(cells, lay.firstAmount);
    const summaryLabel = slc >= 0 ? trimmed(cells[slc] as string) : "";
    const kind = slc >= 0 ? summaryKindOf(summaryLabel) : null;
    if (kind) {
      this.summaryRow(t, lay, cells, sheetRow, kind, summaryLabel, false);
      if (kind === "subtotal") t.boundaries.push({ row: sheetRow, kind: "subtotal", sums: t.data.sums() });
      else this.inSummary = true;
      return;
    }
    const named = hasText(cells, lay.action) || hasText(cells, lay.operation) || hasText(cells, lay.operator);
    const operationCol = (lay.operation >= 0 ? lay.operation : 0) + this.colOffset;
    if (amounts === NO_AMOUNT) {
      if (!this.inSummary && named) {
        t.findings.push(finding("ROW_WITHOUT_AMOUNTS", a1(sheetRow, operationCol), sheetRow, { text: label }));
        t.boundaries.push({ row: sheetRow, kind: "section", sums: t.data.sums() });
        this.noAmountRow = r;
      }
      return;
    }
    if (!this.inSummary && t.data.count > 0 && lay.totalCost >= 0) {
      if (this.readTotalByFigures(t, lay, cells, sheetRow, label, named, operationRow)) return;
    }
    if (this.inSummary) {
      // Lines after a table's summary rows, without a header of their own:
      // a second table that uses the previous header's columns.
      this.startTable(t.columns, null, [], r);
    }
    const current = this.table ?? t;
    if (!named) this.sink.add("UNNAMED_OPERATION", sheetRow, operationCol, {});
    this.addLine(current, lay, cells, r, sheetRow);
  }

  /**
   * A row whose Dépenses totales is the sum of the lines above: a sub-total
   * or total, never silently an operation. Returns true when the row was
   * read as a summary row.
   */
  private readTotalByFigures(
    t: Table,
    lay: Layout,
    cells: readonly CellValue[],
    sheetRow: number,
    label: string,
    named: boolean,
    operationRow: boolean,
  ): boolean {
    const costCol = lay.totalCost + this.colOffset;
    // Read again with the line if it is one: its findings are reported then.
    const tc = readAmount(cells[lay.totalCost], sheetRow, costCol, IGNORED_FINDINGS);
    if (typeof tc !== "number") return false;
    const costCell = a1(sheetRow, costCol);
    if (!named && !label) {
      const from = rangeWithTotal(t, tc, 1);
      if (from && from.sums.lines === 0) {
        this.summaryRow(t, lay, cells, sheetRow, "total", "", true);
        t.findings.push(finding("UNLABELLED_TOTAL_ROW", costCell, sheetRow, {}));
        this.inSummary = true;
        return true;
      }
      if (from) {
        this.summaryRow(t, lay, cells, sheetRow, "subtotal", "", true);
        t.findings.push(finding("SUBTOTAL_BY_FIGURES", costCell, sheetRow, { text: "", ...rangeRows(t, from) }));
        t.boundaries.push({ row: sheetRow, kind: "subtotal", sums: t.data.sums() });
        return true;
      }
    } else if (!operationRow) {
      // A label of a section (`Ensemble Axe 1`) with the lines' Dépenses totales is their sub-total, even with
      // a figure wrong (then a finding at that cell); any other label must match every column.
      const section = SECTION_WORDS.test(normalizeLabel(label));
      const from = rangeWithTotal(t, tc, section ? 1 : 2);
      if (from && (section || financersEqualSums(t, lay, cells, from))) {
        this.summaryRow(t, lay, cells, sheetRow, "subtotal", label, false);
        t.findings.push(finding("SUBTOTAL_BY_FIGURES", costCell, sheetRow, { text: label, ...rangeRows(t, from) }));
        t.boundaries.push({ row: sheetRow, kind: "subtotal", sums: t.data.sums() });
        return true;
      }
    } else {
      const from = rangeWithTotal(t, tc, 2);
      if (from && financersEqualSums(t, lay, cells, from))
        this.sink.add("LINE_EQUALS_SUM_ABOVE", sheetRow, costCol, rangeRows(t, from));
    }
    return false;
  }

  private startTable(columns: Column[], headerRow: number | null, findings: Finding[], r: number): void {
    const rows = this.rows;
    const lay = layoutOf(columns, this.colOffset);
    this.L = lay;
    // Room for the rows below, up to 4 096 lines at first (it grows): a whole column
    // passed to a function has a million rows, most of them empty.
    const data = new LineData(lay.lineLayout, gridSource(rows, lay), Math.min(4096, Math.max(16, rows.length - r)));
    const boundaries: Boundary[] = [{ row: headerRow ?? r + this.rowOffset + 1, kind: "start", sums: data.sums() }];
    const tables = this.tables;
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
    this.table = t;
    this.inSummary = false;
    this.reportedUnlabelled.clear();
  }

  /** Reads an operation row into the current table. */
  private addLine(t: Table, lay: Layout, cells: readonly CellValue[], r: number, sheetRow: number): void {
    const data = t.data;
    const i = readLine(cells, r, sheetRow, lay, data, this.sink);
    data.addToSums(i);
    for (const c of lay.unlabelled) {
      if (!this.reportedUnlabelled.has(c) && !isBlank(cells[c])) {
        this.reportedUnlabelled.add(c);
        t.findings.push(
          finding("UNLABELLED_COLUMN", a1(sheetRow, c + this.colOffset), sheetRow, { text: cellText(cells[c]) }),
        );
      }
    }
  }

  /** The summary row's record, with the table's sums at that point. */
  private summaryRow(
    t: Table,
    lay: Layout,
    cells: readonly CellValue[],
    sheetRow: number,
    kind: SummaryKind,
    label: string,
    unlabelled: boolean,
  ): SummaryRow {
    const row = readSummaryRow(cells, sheetRow, kind, label, unlabelled, lay, this.colOffset);
    row.sums = t.data.sums();
    t.summaryRows.push(row);
    return row;
  }

  /** The text of the merged area over a sheet cell, when the cell is inside one but not its top-left cell. */
  private mergedText(sheetRow: number, sheetCol: number): string | null {
    if (this.merges.length === 0) return null;
    const m = findMerge(this.merges, sheetRow, sheetCol);
    if (!m || (m.top === sheetRow && m.left === sheetCol)) return null;
    const t = cellText(this.rows[m.top - 1 - this.rowOffset]?.[m.left - this.colOffset]);
    return t === "" ? null : t;
  }

  private formatAt(r: number, c: number): string | null | undefined {
    return this.formats?.[r]?.[c];
  }

  /** True when `next` is a header row: the current row is then its group-header row. */
  private isGroupRowOf(next: readonly CellValue[] | undefined): boolean {
    if (!next) return false;
    let n = 0;
    for (const v of next) if (typeof v === "number" && ++n > 1) return false;
    return isHeaderRow(next, this.reader);
  }

  // ---- header rows -------------------------------------------------------

  /**
   * The header at grid row `at`, if it starts one: the row itself, or the
   * row and the one below it read together (a two-row header). `lower` is
   * the second header row when there is one.
   */
  private headerAt(r: number): HeaderAt | null {
    const reader = this.reader;
    const cells = this.rows[r] ?? EMPTY;
    const next = this.rows[r + 1];
    const alone = isHeaderRow(cells, reader);
    const lowerCandidate = next !== undefined && textOnly(next) && !isHeaderRow(next, reader) ? next : null;
    if (lowerCandidate) {
      const composed = this.composeRows(cells, lowerCandidate, r);
      if (
        (alone || isHeaderRow(composed, reader)) &&
        meaningfulCells(composed, reader) > meaningfulCells(cells, reader)
      )
        return { lower: lowerCandidate };
      if (alone && this.unitsRow(cells, lowerCandidate)) return { lower: lowerCandidate };
    }
    return alone ? { lower: null } : null;
  }

  /**
   * A row under the header that only qualifies its money columns (`en €`,
   * `HT`, `TTC`): part of the header, not a line with unreadable amounts.
   */
  private unitsRow(upper: readonly CellValue[], lower: readonly CellValue[]): boolean {
    let any = false;
    for (let c = 0; c < lower.length; c++) {
      const v = lower[c];
      if (isBlank(v)) continue;
      const head = cellText(upper[c]);
      const reading = head === "" ? null : this.reader.read(head);
      if (!reading || !(isMoney(reading) || reading.role === "rate")) return false;
      if (typeof v !== "string" || readAmountSilently(v) !== null) return false;
      any = true;
    }
    return any;
  }

  /** The two header rows as one, the way buildColumns reads them (for detection only). */
  private composeRows(upper: readonly CellValue[], lower: readonly CellValue[], r: number): CellValue[] {
    const width = Math.max(upper.length, lower.length);
    const out: CellValue[] = new Array<CellValue>(width);
    const upperRow = r + this.rowOffset + 1;
    let left = "";
    for (let c = 0; c < width; c++) {
      const sheetCol = c + this.colOffset;
      let up = cellText(upper[c]);
      if (up === "") up = this.mergedText(upperRow, sheetCol) ?? "";
      if (up !== "") left = up;
      const low = this.mergedText(upperRow + 1, sheetCol) !== null ? "" : cellText(lower[c]);
      // A text longer than MAX_HEADER_LENGTH counts for nothing in the
      // detection (isHeaderRow, meaningfulCells): it is not read.
      if (low === "") out[c] = up;
      else if (low.length > MAX_HEADER_LENGTH) out[c] = low;
      else if (this.reader.read(low)) out[c] = low;
      else {
        const base = up !== "" ? up : left;
        const both = base === "" ? "" : `${base} ${low}`;
        out[c] = both !== "" && both.length <= MAX_HEADER_LENGTH && this.reader.read(both) ? both : low;
      }
    }
    return out;
  }

  // ---- years side by side --------------------------------------------------

  /**
   * Years side by side: when the money columns' headers (or their groups)
   * carry two or more years, only the columns of one year are read (the
   * year asked for, else the first); the others are left out, never added.
   * Each year needs its own Dépenses totales column, else the years are
   * mixed (an error). Returns the years seen.
   */
  private applyYearBlocks(
    columns: Column[],
    contexts: readonly string[],
    headerRow: number,
    findings: Finding[],
  ): number[] {
    const intended = this.intendedColumns(columns);
    const yearOf = intended.map((c, i) => (isMoney(c) ? yearOfColumn(c, contexts[i]) : null));
    const years: number[] = [];
    for (const y of yearOf) if (y !== null && !years.includes(y)) years.push(y);
    if (years.length < 2) return years;
    const own = years.filter((y) => intended.some((c, i) => c.role === "totalCost" && yearOf[i] === y));
    const split = own.length === years.length;
    const keep = this.keptYear(years, split);
    const spans = yearSpans(years, yearOf);
    keepYearColumns(columns, intended, (i) => blockOfColumn(i, yearOf, spans, split ? null : keep) === keep);
    keepNearestDescriptive(columns, intended, at(spans, years.indexOf(keep)).lo);
    // Those columns were reported as duplicates: they are the other years' own.
    for (let k = findings.length - 1; k >= 0; k--) {
      const f = at(findings, k);
      if (f.code === "DUPLICATE_COLUMN" && f.row === headerRow) findings.splice(k, 1);
    }
    const list = years.join(", ");
    if (split) {
      this.blockYear = keep;
      findings.push(finding("YEARS_SIDE_BY_SIDE", null, headerRow, { years: list, year: keep }));
      return years;
    }
    const firstOther = columns.findIndex((c, i) => c.role === "ignored" && yearOf[i] !== null && yearOf[i] !== keep);
    const cell = columns[firstOther]?.headerCell ?? null;
    findings.push(finding("YEARS_MIXED", cell, headerRow, { years: list, year: keep }));
    return [];
  }

  /** What each column's header says, before duplicates were set aside: each year has its own. */
  private intendedColumns(columns: readonly Column[]): Column[] {
    return columns.map((c) => {
      if (c.role !== "other" || c.header === "") return c;
      const reading = this.reader.read(c.header);
      return reading ? { ...c, role: reading.role, financer: reading.financer } : c;
    });
  }

  /**
   * The year whose columns are read: the one asked for, else the year of the
   * sheet's title when some year lacks its own Dépenses totales, else the first.
   */
  private keptYear(years: readonly number[], split: boolean): number {
    const asked = this.options.yearBlock;
    if (asked !== undefined && years.includes(asked)) return asked;
    const titled = sheetYear(this.titleTexts, this.grid.name).year;
    if (titled !== null && years.includes(titled) && !split) return titled;
    return at(years, 0);
  }

  /**
   * Columns read as money whose values are rates: all percent-formatted (or
   * percent text), or all within [0; 1] with some fraction while the table's
   * Dépenses totales are in thousands. A rate is never summed as euros.
   */
  private ratesByValues(columns: Column[], dataStart: number, findings: Finding[]): void {
    const samples: RateSample[] = [];
    columns.forEach((c, index) => {
      if (c.role === "financer" || c.role === "totalOperation")
        samples.push({ index, col: c.index - this.colOffset, numbers: 0, percent: 0, unit: 0, fraction: false });
    });
    if (samples.length === 0) return;
    const costCol = columns.find((c) => c.role === "totalCost");
    const costs = this.sampleRates(samples, costCol ? costCol.index - this.colOffset : -1, dataStart);
    let hasFseRate = columns.some((c) => c.role === "fseRate");
    for (const s of samples) {
      if (s.numbers === 0) continue;
      let reason: string | null = null;
      if (s.percent === s.numbers) reason = "percent_format";
      else if (s.unit === s.numbers && s.fraction && costs.big > 0 && costs.small === 0 && costs.big * 2 >= costs.costs)
        reason = "fractions";
      if (!reason) continue;
      const col = at(columns, s.index);
      const fse = col.financer === "fse" || /\b(fse|esf)\b/.test(normalizeLabel(col.header));
      const role = fse && !hasFseRate ? "fseRate" : "rate";
      if (role === "fseRate") hasFseRate = true;
      columns[s.index] = { ...col, role, financer: null };
      findings.push(
        finding("COLUMN_READ_AS_RATE", col.headerCell ?? null, rowOf(col.headerCell, 0) || null, {
          header: col.header,
          reason,
        }),
      );
    }
  }

  /** Counts the candidates' values in the rows below the header, up to the table's end; returns the costs seen. */
  private sampleRates(samples: readonly RateSample[], costAt: number, dataStart: number): CostSample {
    const rows = this.rows;
    const costs: CostSample = { costs: 0, big: 0, small: 0 };
    const end = Math.min(rows.length, dataStart + RATE_SAMPLE_ROWS);
    for (let gr = dataStart; gr < end; gr++) {
      const cells = rows[gr];
      if (!cells || cells.length === 0) continue;
      const first = labelColumn(cells, Infinity);
      if (first >= 0 && mayBeSummaryLabel(cells[first] as string)) break;
      if (textOnly(cells) && isHeaderRow(cells, this.reader)) break;
      if (costAt >= 0) {
        const cv = cells[costAt];
        if (typeof cv === "number") {
          costs.costs++;
          if (Math.abs(cv) >= 1000) costs.big++;
          else if (cv !== 0 && Math.abs(cv) <= 1) costs.small++;
        }
      }
      for (const s of samples) {
        const v = cells[s.col];
        if (typeof v === "number") {
          s.numbers++;
          if (isPercentFormat(this.formatAt(gr, s.col))) s.percent++;
          if (v >= 0 && v <= 1) {
            s.unit++;
            if (v > 0 && v < 1) s.fraction = true;
          }
        } else if (typeof v === "string" && /%\s*$/.test(v) && !isBlank(v)) {
          s.numbers++;
          s.percent++;
        }
      }
    }
    return costs;
  }
}

/** `numbersOf` for a row without any value. */
const BLANK_ROW = -1;

/** How many numbers a row holds (2 when two or more), or BLANK_ROW when it holds nothing. */
function numbersOf(cells: readonly CellValue[]): number {
  let numbers = 0;
  let blank = true;
  for (const v of cells) {
    if (typeof v === "number") {
      blank = false;
      if (++numbers > 1) break; // an operation row: no header, not blank
    } else if (blank && !isBlank(v)) {
      blank = false;
    }
  }
  return blank ? BLANK_ROW : numbers;
}

/** What a row holds in the money columns: nothing, text only, or a number. */
const NO_AMOUNT = 0;
const TEXT_AMOUNT = 1;
const NUMBER_AMOUNT = 2;

function amountsOf(cells: readonly CellValue[], lay: Layout): number {
  let found = NO_AMOUNT;
  for (const c of lay.amounts) {
    const v = cells[c];
    if (!isBlank(v)) {
      if (typeof v === "number") return NUMBER_AMOUNT;
      found = TEXT_AMOUNT;
    }
  }
  return found;
}

/**
 * The most recent boundary since which the table's lines add up to `tc`
 * cents of Dépenses totales over at least `minLines` lines, or null. Only
 * the table's start and the last few boundaries are tried.
 */
function rangeWithTotal(t: Table, tc: Cents, minLines: number): Boundary | null {
  const d = t.data;
  const b = t.boundaries;
  for (let k = b.length - 1; k >= 0; k = k === b.length - RECENT_BOUNDARIES ? 0 : k - 1) {
    const bk = at(b, k);
    const s = bk.sums;
    if (d.count - s.lines >= minLines && subCents(d.totalCostSum, s.totalCost) === tc) return bk;
    if (k === 0) break;
  }
  return null;
}

/** True when every financer cell of the row equals that column's sum since the boundary. */
function financersEqualSums(t: Table, lay: Layout, cells: readonly CellValue[], from: Boundary): boolean {
  const d = t.data;
  let nonZero = false;
  for (let k = 0; k < lay.financerCols.length; k++) {
    const v = cells[at(lay.financerCols, k)];
    const cents = typeof v === "number" ? wholeCentsOf(v) : isBlank(v) ? ZERO_CENTS : null;
    if (cents === null || cents !== subCents(at(d.columnSums, k), at(from.sums.columnSums, k))) return false;
    if (cents !== 0) nonZero = true;
  }
  return nonZero || lay.financerCols.length === 0;
}

/** Rows of the lines a range covers. */
function rangeRows(t: Table, from: Boundary): Record<string, FigureValue> {
  return { fromRow: t.data.rowOf(from.sums.lines), toRow: t.data.rowOf(t.data.count - 1) };
}

/** The year a money column's header, or else its group, carries. */
function yearOfColumn(c: Column, context: string | undefined): number | null {
  return yearOfHeader(c.header) ?? (context === undefined ? null : yearOfHeader(context));
}

interface YearSpan {
  y: number;
  lo: number;
  hi: number;
}

/** Each year's span of columns. */
function yearSpans(years: readonly number[], yearOf: readonly (number | null)[]): YearSpan[] {
  return years.map((y) => {
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
}

/**
 * The year a money column belongs to: its own, else (years mixed in one
 * table, `mixedYear` given) the table's own, else the span around it or the
 * nearest span on its left.
 */
function blockOfColumn(
  i: number,
  yearOf: readonly (number | null)[],
  spans: readonly YearSpan[],
  mixedYear: number | null,
): number {
  const own = yearOf[i];
  if (typeof own === "number") return own;
  if (mixedYear !== null) return mixedYear;
  const inside = spans.find((s) => i >= s.lo && i <= s.hi);
  if (inside) return inside.y;
  let left: YearSpan | undefined;
  for (const s of spans) if (s.hi < i && (!left || s.hi > left.hi)) left = s;
  return (left ?? at(spans, 0)).y;
}

/** The kept year's money columns are read (its first Dépenses totales, %FSE… counts); the others' are ignored. */
function keepYearColumns(columns: Column[], intended: readonly Column[], kept: (i: number) => boolean): void {
  const seen = new Set<string>();
  intended.forEach((c, i) => {
    if (!isMoney(c)) return;
    if (!kept(i)) columns[i] = { ...at(columns, i), role: "ignored", financer: null };
    else if (c.role !== "financer") {
      columns[i] = seen.has(c.role) ? { ...at(columns, i), role: "other" } : c;
      seen.add(c.role);
    } else columns[i] = c;
  });
}

/** Descriptive columns met more than once: those nearest to the left of the kept year's columns are read. */
function keepNearestDescriptive(columns: Column[], intended: readonly Column[], keptFrom: number): void {
  for (const role of ["action", "operation", "operator", "objectifs", "host", "status"] as const) {
    const same = intended.map((c, i) => (c.role === role ? i : -1)).filter((i) => i >= 0);
    if (same.length < 2) continue;
    const before = same.filter((i) => i < keptFrom);
    const chosen = before.length ? before[before.length - 1] : same[0];
    for (const i of same) columns[i] = i === chosen ? at(intended, i) : { ...at(columns, i), role: "ignored" };
  }
}

/** An `FSE sollicité` column without any other FSE column gives the lines' FSE (said so). */
function requestedAlone(columns: Column[], headerRow: number, findings: Finding[]): void {
  const i = columns.findIndex((c) => c.role === "fseRequested");
  const col = columns[i];
  if (!col || columns.some((c) => c.financer === "fse")) return;
  columns[i] = { ...col, role: "financer", financer: "fse" };
  findings.push(
    finding("FSE_FROM_REQUEST", col.headerCell ?? null, rowOf(col.headerCell, headerRow), { header: col.header }),
  );
}

/** The cents a text reads as, or null; no finding (a header's words are no amount). */
function readAmountSilently(text: string): Cents | null {
  const v = readAmount(text, 1, 0, IGNORED_FINDINGS);
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
/** The table's lines read again from the grid, for their words and per-column amounts. */
function gridSource(rows: readonly (readonly CellValue[])[], L: Layout): LineSource {
  const objectifs = (k: number) => {
    const v = L.objectifs >= 0 ? rows[k]?.[L.objectifs] : null;
    return typeof v === "number" ? v : isBlank(v) ? null : cellText(v);
  };
  return {
    action: (k) => textAt(rows[k] ?? EMPTY, L.action),
    operation: (k) => textAt(rows[k] ?? EMPTY, L.operation),
    operator: (k) => textAt(rows[k] ?? EMPTY, L.operator),
    objectifs,
    financerAmounts: (k) => {
      const cells = rows[k] ?? EMPTY;
      const out: Cents[] = [];
      for (const c of L.financerCols) {
        const v = cells[c];
        // Already reported when the line was read.
        const cents = isBlank(v) ? null : readAmount(v, 1, 0, IGNORED_FINDINGS);
        out.push(typeof cents === "number" ? cents : ZERO_CENTS);
      }
      return out;
    },
  };
}

/**
 * Reads one operation row (grid row `at`) into the table's columns; the hot
 * path of the parser, so a clean row allocates nothing. The findings of its
 * cells (and those the caller added for the row) go with the line.
 */
function readLine(
  cells: readonly CellValue[],
  gridRow: number,
  row: number,
  L: Layout,
  d: LineData,
  sink: FindingSink,
): number {
  const i = d.add();
  const off = L.colOffset;
  d.row[i] = row;
  d.at[i] = gridRow;
  let totalCost = NaN;
  if (L.totalCost >= 0) {
    const v = readAmount(cells[L.totalCost], row, L.totalCost + off, sink);
    if (v === null) sink.add("MISSING_TOTAL_COST", row, L.totalCost + off, {});
    if (typeof v === "number") totalCost = v;
  }
  d.totalCost[i] = totalCost;
  readFinancers(cells, row, L, d, i, sink);
  let printedRate: number | null | undefined = null;
  if (L.fseRate >= 0) printedRate = readRate(cells[L.fseRate], row, L.fseRate + off, sink);
  d.printedRate[i] = typeof printedRate === "number" ? printedRate : NaN;
  let printedTotalOperation: Cents | null | undefined = null;
  if (L.totalOperation >= 0)
    printedTotalOperation = readAmount(cells[L.totalOperation], row, L.totalOperation + off, sink);
  d.printedTotalOperation[i] = typeof printedTotalOperation === "number" ? printedTotalOperation : NaN;
  let requested: Cents | null | undefined = null;
  if (L.fseRequested >= 0) requested = readAmount(cells[L.fseRequested], row, L.fseRequested + off, sink);
  d.fseRequested[i] = typeof requested === "number" ? requested : NaN;
  if (L.host >= 0 && hasText(cells, L.host)) {
    const hostOverride: Host | null = hostOf(textAt(cells, L.host));
    if (hostOverride) d.hostOverride.set(i, hostOverride);
    else sink.add("INVALID_HOST", row, L.host + off, { text: textAt(cells, L.host) });
  }
  if (L.status >= 0 && hasText(cells, L.status)) d.status.set(i, textAt(cells, L.status));
  if (L.objectifs >= 0) {
    const obj = cells[L.objectifs];
    if (typeof obj === "number") d.objectifsSum += obj;
  }
  const found = sink.take();
  if (found.length) d.findings.set(i, found);
  return i;
}

/** Reads line i's financer cells: their sum, the FSE, where the FSE is, whether every cell read. */
function readFinancers(
  cells: readonly CellValue[],
  row: number,
  L: Layout,
  d: LineData,
  i: number,
  sink: FindingSink,
): void {
  const off = L.colOffset;
  let sum = ZERO_CENTS;
  let fse = ZERO_CENTS;
  let complete = true;
  let fseComplete = L.hasFse;
  let fseCol = -1;
  let k = -1;
  for (const c of L.financerCols) {
    k++;
    const isFse = L.financerIsFse[k] === true;
    const v = cells[c];
    if (v === null || v === undefined || v === "") {
      if (isFse && fseCol < 0) fseCol = c + off;
      continue;
    }
    const cents = readAmount(v, row, c + off, sink);
    if (cents === undefined) {
      complete = false;
      if (isFse) fseComplete = false;
      continue;
    }
    if (cents === null) {
      if (isFse && fseCol < 0) fseCol = c + off;
      continue;
    }
    d.addToColumn(k, cents);
    sum = addCents(sum, cents);
    if (isFse) {
      fse = addCents(fse, cents);
      if (cents !== 0 || fseCol < 0) fseCol = c + off;
    }
  }
  d.sumOfFinancers[i] = sum;
  d.fse[i] = fse;
  d.fseCol[i] = fseCol;
  d.flags[i] = (complete ? FINANCERS_COMPLETE : 0) | (fseComplete ? FSE_COMPLETE : 0);
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
