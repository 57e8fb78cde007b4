/**
 * Writes programming workbooks (.xlsx) from a plain description of their
 * rows, and generates synthetic programming sheets of any size.
 *
 * A sheet is described row by row: each row is an array of cell values by
 * 0-based column (holes and null are empty cells, nothing is written there),
 * plus the merged areas. Cells are written where the description puts them,
 * so a printed row whose figures stand one column left of their header (as
 * the 2019 TOTAL row) is reproduced as printed.
 *
 * The same description gives the grid the checker reads (`gridOf`), so a
 * sheet can be checked in memory or written to disk and read back.
 */
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { columnLetters } from "../src/domain/address";
import { at } from "../src/domain/arrays";
import { asCents, centsToEuros } from "../src/domain/money";
import type { CellValue, SheetGrid } from "../src/sheet/grid";

// ---------------------------------------------------------------------------
// Description of a sheet

/** Amounts: euros with cents, as the programming prints them. */
export const MONEY_FORMAT = "#,##0.00 €";
/** Rates (%FSE): a fraction shown as a percentage. */
export const RATE_FORMAT = "0.00%";
/** Objectifs (participants or FTE). */
export const COUNT_FORMAT = "0.0#";

/** A cell with a number format or other details; plain values are enough for most cells. */
export interface CellSpec {
  value: string | number | boolean | null;
  /** Number format (for a number); the row kind gives the default. */
  numFmt?: string;
  /** Bold text (summary and header rows are bold anyway). */
  bold?: boolean;
  /** Background colour, ARGB (`FFFFC7CE`), e.g. for a vote legend. */
  fill?: string;
  /** A note (comment) on the cell. */
  note?: string;
}

export type SheetCell = CellValue | CellSpec;

/**
 * What a row is; it gives the row's default look:
 * - `title`: bold, large;
 * - `group`: the group-header row (bold, shaded, centred);
 * - `header`: the column-header row (bold, shaded, bordered, wrapped, 45 pt high);
 * - `operation`: an operation line (bordered; numbers as amounts unless the
 *   sheet gives their column another format);
 * - `summary`: TOTAL / BUDGET / SOUS PROGRAMMATION rows (bold, bordered; numbers as amounts);
 * - `footer`: date and legend rows (plain);
 * - `blank`: an empty row.
 */
export type RowKind = "title" | "group" | "header" | "operation" | "summary" | "footer" | "blank";

export interface SheetRow {
  kind: RowKind;
  /** Cells by 0-based column. */
  cells: readonly SheetCell[];
  /** Row height in points. */
  height?: number;
}

export interface SheetSpec {
  name: string;
  /** rows[i] is sheet row i + 1. */
  rows: readonly SheetRow[];
  /** Merged areas in A1 form (`A2:E2`). */
  merges?: readonly string[];
  /** Column widths, by 0-based column. */
  columnWidths?: readonly number[];
  /** Number format of the numbers of operation rows, by 0-based column (default: amounts). */
  numberFormats?: Readonly<Record<number, string>>;
  /** Frozen panes: rows above and columns left of the scrolling area. */
  freeze?: { rows: number; columns: number };
  /** Landscape page, fitted to the page width. */
  landscape?: boolean;
}

export interface WriteOptions {
  /** Creation and modification date of the workbook (fixed dates keep the output stable). */
  date?: Date;
  creator?: string;
}

// ---------------------------------------------------------------------------
// Cell helpers

export function isCellSpec(c: SheetCell): c is CellSpec {
  return typeof c === "object" && c !== null;
}

/** The plain value of a described cell. */
export function valueOf(c: SheetCell): CellValue {
  return isCellSpec(c) ? c.value : c;
}

/** An amount in euros (a number with two decimals at most). */
export function money(euros: number): CellSpec {
  return { value: euros, numFmt: MONEY_FORMAT };
}

/** An amount given in integer cents. */
export function moneyCents(cents: number): CellSpec {
  return { value: euros(cents), numFmt: MONEY_FORMAT };
}

/** A rate as a fraction (0.4441 for 44,41 %). */
export function rate(fraction: number): CellSpec {
  return { value: fraction, numFmt: RATE_FORMAT };
}

/** A count (Objectifs). */
export function count(n: number): CellSpec {
  return { value: n, numFmt: COUNT_FORMAT };
}

/** Euros of integer cents, as the nearest double (exact to the cent when printed). */
function euros(cents: number): number {
  return centsToEuros(asCents(cents));
}

/** 0-based column of column letters: A → 0, P → 15, AA → 26. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) throw new Error(`not a column: ${letters}`);
    n = n * 26 + (code - 64);
  }
  return n - 1;
}

export { columnLetters };

/** The repository root: the nearest folder above this file holding package.json. */
export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, "package.json"))) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${__dirname}`);
    dir = up;
  }
}

/** Cells by column letter (`{ A: "TOTAL…", E: money(…) }`) as an array by column. */
export function cellsAt(byLetter: Readonly<Record<string, SheetCell>>): SheetCell[] {
  const out: SheetCell[] = [];
  for (const [letters, v] of Object.entries(byLetter)) out[columnIndex(letters)] = v;
  return fillHoles(out);
}

/** Holes of a sparse array as null (blank cells). */
function fillHoles(cells: SheetCell[]): SheetCell[] {
  for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
  return cells;
}

// ---------------------------------------------------------------------------
// Building a sheet row by row

/** A labelled group of the group-header row, merged over `from`..`to` when `to` is given. */
export interface GroupLabel {
  from: string;
  to?: string;
  text: string;
}

export interface SheetBuilderOptions {
  columnWidths?: readonly number[];
  numberFormats?: Readonly<Record<number, string>>;
  freeze?: { rows: number; columns: number };
  landscape?: boolean;
}

/** Builds a SheetSpec row by row, keeping track of row numbers for merges. */
export class SheetBuilder {
  private readonly rows: SheetRow[] = [];
  private readonly merges: string[] = [];

  constructor(
    readonly name: string,
    private readonly options: SheetBuilderOptions = {},
  ) {}

  /** 1-based sheet row of the next row added. */
  get nextRow(): number {
    return this.rows.length + 1;
  }

  row(kind: RowKind, cells: readonly SheetCell[], height?: number): this {
    this.rows.push(height === undefined ? { kind, cells } : { kind, cells, height });
    return this;
  }

  title(cells: readonly SheetCell[]): this {
    return this.row("title", cells);
  }

  /** The group-header row; labels with a `to` column are merged over their range. */
  group(labels: readonly GroupLabel[]): this {
    const r = this.nextRow;
    const cells: SheetCell[] = [];
    for (const g of labels) {
      cells[columnIndex(g.from)] = g.text;
      if (g.to !== undefined && g.to !== g.from) this.merges.push(`${g.from}${r}:${g.to}${r}`);
    }
    return this.row("group", fillHoles(cells));
  }

  header(headers: readonly SheetCell[], height = 45): this {
    return this.row("header", headers, height);
  }

  operation(cells: readonly SheetCell[]): this {
    return this.row("operation", cells);
  }

  summary(cells: readonly SheetCell[]): this {
    return this.row("summary", cells);
  }

  footer(cells: readonly SheetCell[]): this {
    return this.row("footer", cells);
  }

  blank(): this {
    return this.row("blank", []);
  }

  /** Merges an area given in A1 form. */
  merge(range: string): this {
    this.merges.push(range);
    return this;
  }

  build(): SheetSpec {
    return { name: this.name, rows: this.rows, merges: this.merges, ...this.options };
  }
}

// ---------------------------------------------------------------------------
// Grid and workbook

/**
 * The grid the checker reads from a described sheet: the values by row and
 * column, empty cells as null, and the merged areas (as the exceljs adapter
 * of the CLI gives them: only the top-left cell of a merged area holds a value).
 */
export function gridOf(spec: SheetSpec): SheetGrid {
  const values = new Array<CellValue[]>(spec.rows.length);
  for (let r = 0; r < spec.rows.length; r++) {
    const cells = at(spec.rows, r).cells;
    const row = new Array<CellValue>(cells.length);
    for (let c = 0; c < cells.length; c++) {
      const v = cells[c];
      row[c] = v === undefined ? null : valueOf(v);
    }
    values[r] = row;
  }
  return { name: spec.name, values, merges: (spec.merges ?? []).slice() };
}

const GROUP_FILL = "FFD9E1F2";
const HEADER_FILL = "FFF2F2F2";
const THIN: Partial<ExcelJS.Border> = { style: "thin", color: { argb: "FF999999" } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

function solid(argb: string): ExcelJS.Fill {
  return { type: "pattern", pattern: "solid", fgColor: { argb } };
}

function styleOf(
  kind: RowKind,
  value: CellValue,
  col: number,
  spec: SheetSpec,
  cell: CellSpec | null,
): Partial<ExcelJS.Style> {
  const s: Partial<ExcelJS.Style> = {};
  switch (kind) {
    case "title":
      s.font = { bold: true, size: 14 };
      break;
    case "group":
      s.font = { bold: true };
      s.fill = solid(GROUP_FILL);
      s.alignment = { horizontal: "center" };
      break;
    case "header":
      s.font = { bold: true };
      s.fill = solid(HEADER_FILL);
      s.border = BORDER;
      s.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
      break;
    case "operation":
      s.border = BORDER;
      if (typeof value === "number") s.numFmt = spec.numberFormats?.[col] ?? MONEY_FORMAT;
      break;
    case "summary":
      s.font = { bold: true };
      s.border = BORDER;
      if (typeof value === "number") s.numFmt = MONEY_FORMAT;
      break;
    case "footer":
    case "blank":
      break;
  }
  if (cell) {
    if (cell.numFmt !== undefined) s.numFmt = cell.numFmt;
    if (cell.bold) s.font = { ...(s.font ?? {}), bold: true };
    if (cell.fill !== undefined) s.fill = solid(cell.fill);
  }
  return s;
}

/** Adds a described sheet to a workbook. */
export function addSheet(wb: ExcelJS.Workbook, spec: SheetSpec): ExcelJS.Worksheet {
  const views: Partial<ExcelJS.WorksheetView>[] = [];
  if (spec.freeze) {
    const { rows, columns } = spec.freeze;
    views.push({ state: "frozen", xSplit: columns, ySplit: rows, topLeftCell: `${columnLetters(columns)}${rows + 1}` });
  }
  const ws = wb.addWorksheet(spec.name, {
    views,
    pageSetup: spec.landscape
      ? { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 }
      : undefined,
  });
  if (spec.columnWidths) {
    spec.columnWidths.forEach((width, i) => {
      ws.getColumn(i + 1).width = width;
    });
  }
  for (let r = 0; r < spec.rows.length; r++) {
    const row = at(spec.rows, r);
    if (row.cells.length === 0 && row.height === undefined) continue;
    const xrow = ws.getRow(r + 1);
    if (row.height !== undefined) xrow.height = row.height;
    for (let c = 0; c < row.cells.length; c++) {
      const raw = row.cells[c];
      if (raw === undefined || raw === null) continue;
      const detail = isCellSpec(raw) ? raw : null;
      const value = valueOf(raw);
      if (value === null || value === undefined) continue;
      const cell = xrow.getCell(c + 1);
      cell.value = value;
      const style = styleOf(row.kind, value, c, spec, detail);
      if (style.font) cell.font = style.font;
      if (style.fill) cell.fill = style.fill;
      if (style.border) cell.border = style.border;
      if (style.alignment) cell.alignment = style.alignment;
      if (style.numFmt) cell.numFmt = style.numFmt;
      if (detail?.note) cell.note = detail.note;
    }
  }
  for (const m of spec.merges ?? []) ws.mergeCells(m);
  return ws;
}

/** A workbook holding the described sheets, in order. */
export function workbookOf(specs: readonly SheetSpec[], options: WriteOptions = {}): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  if (options.creator !== undefined) wb.creator = options.creator;
  if (options.date) {
    wb.created = options.date;
    wb.modified = options.date;
  }
  for (const s of specs) addSheet(wb, s);
  return wb;
}

/**
 * Writes the described sheets to an .xlsx file. With `options.date`, the
 * zip entries are dated too, so the same description gives the same bytes.
 */
export async function writeWorkbook(
  file: string,
  specs: readonly SheetSpec[],
  options: WriteOptions = {},
): Promise<void> {
  const buf = Buffer.from(await workbookOf(specs, options).xlsx.writeBuffer());
  if (options.date) stampZipEntries(buf, options.date);
  fs.writeFileSync(file, buf);
}

/**
 * Sets the modification date of every entry of a zip archive (local and
 * central directory headers), in place. The .xlsx zip writer dates entries
 * with the current time; a fixed date keeps generated files byte-identical.
 */
export function stampZipEntries(buf: Buffer, date: Date): void {
  const time = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1);
  const day =
    ((Math.max(1980, date.getUTCFullYear()) - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  // End of central directory: 22 bytes plus a comment of at most 65 535 bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error("not a zip archive");
  const entries = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let k = 0; k < entries; k++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error("unexpected zip central directory");
    buf.writeUInt16LE(time, p + 12);
    buf.writeUInt16LE(day, p + 14);
    const local = buf.readUInt32LE(p + 42);
    if (buf.readUInt32LE(local) !== 0x04034b50) throw new Error("unexpected zip local header");
    buf.writeUInt16LE(time, local + 10);
    buf.writeUInt16LE(day, local + 12);
    p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
}

// ---------------------------------------------------------------------------
// Synthetic programming sheets

/** A seeded linear congruential generator (Numerical Recipes constants): same seed, same sequence. */
export class Lcg {
  private state: number;

  constructor(seed = 1) {
    this.state = seed >>> 0;
  }

  /** Next value in [0, 1). */
  next(): number {
    this.state = (Math.imul(this.state, 1664525) + 1013904223) >>> 0;
    return this.state / 4294967296;
  }

  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return at(items, Math.floor(this.next() * items.length));
  }
}

/** The column headers of the 2019 main table (A..O); `Total opération` (P) is in the group row. */
export const HEADERS_2019 = [
  "Action",
  "OPERATIONS",
  "Opérateurs",
  "Objectifs",
  "Dépenses totales",
  "Collectivité - Conseil Départemental",
  "Collectivité - Dijon Métropole",
  "Collectivité - Conseil Régional",
  "Collectivité - Ville de Dijon",
  "AUTRE - Fonds privés / Publics",
  "Collectivité - Communes",
  "FSE - CD21",
  "Etat - FSE",
  "%FSE",
  "AUTRES - Autofinancement / App Nature",
] as const;

/** The group-header row of the 2019 sheet. */
export const GROUPS_2019: readonly GroupLabel[] = [
  { from: "A", to: "E", text: "Détail Opérations" },
  { from: "F", to: "L", text: "FINANCEURS PLIE (DIRECT)" },
  { from: "M", to: "O", text: "FINANCEURS AUTRES (INDIRECTS)" },
  { from: "P", text: "Total opération" },
];

/** Column widths of the 2019 sheet (A..Q). */
export const WIDTHS_2019: readonly number[] = [14, 44, 22, 10, ...new Array<number>(13).fill(17)];

/** Number formats of operation rows in the 2019 layout: Objectifs (D) and %FSE (N). */
export const NUMBER_FORMATS_2019: Readonly<Record<number, string>> = { 3: COUNT_FORMAT, 13: RATE_FORMAT };

// 0-based columns of the 2019 layout.
const COL = {
  action: 0,
  operation: 1,
  operator: 2,
  objectifs: 3,
  totalCost: 4,
  fseCd21: 11,
  fseEtat: 12,
  rate: 13,
  autofinancement: 14,
  totalOperation: 15,
} as const;
/** Financer columns that share the part of the cost FSE does not cover (F..K and O). */
const OTHER_FINANCER_COLS = [5, 6, 7, 8, 9, 10, 14] as const;
/** Financer columns, F..M and O, in the order of the BUDGET row. */
const FINANCER_COLS = [5, 6, 7, 8, 9, 10, 11, 12, 14] as const;

export type SyntheticKind = "valid" | "overCap" | "belowFloor" | "unbalanced";

export interface SyntheticOptions {
  seed?: number;
  year?: number;
  /** Shares of lines over the cap, below the floor and unbalanced (the rest are valid). */
  overCap?: number;
  belowFloor?: number;
  unbalanced?: number;
  /** Print the TOTAL row as in 2019: both FSE columns as one figure, the cells after it one column left. */
  combinedFseTotal?: boolean;
}

export interface SyntheticProgramming {
  spec: SheetSpec;
  grid: SheetGrid;
  /** Operation lines, and how many of each kind. */
  lineCount: number;
  counts: Record<SyntheticKind, number>;
  /** 1-based sheet rows of the first and last operation line. */
  firstLineRow: number;
  lastLineRow: number;
}

const ACTIONS = ["OS1-422C", "OS1-422C", "OS1-422C", "422D", "322C", "OS2-322D", "OS3-422B"];
const OPERATIONS = [
  "OS1_Portage de Référents",
  "OS1_Chargé de mission emploi PLIE",
  "OS1_estime de soi à destination des femmes",
  "OS1_Accomp. Clauses insertion",
  "OS1_Remobilisation des participants",
  "OS1_Atelier relooking",
  "OS2_Prospection entreprises",
  "OS3_Analyse de la pratique des référents",
];
const OPERATORS = [
  "Ville de QUETIGNY",
  "Ville de LONGVIC",
  "IFPA",
  "IRFA",
  "APSALC",
  "CESAM",
  "MILO",
  "AMIS MOTS",
  "ARIQ BTP",
  "PLIE",
];
const LEGEND = [
  "voté au COPIL du 14 mars 2019",
  "voté au COPIL du 13/06/19",
  "à voter au COPIL du 10 octobre 2019",
  "à faire voter",
];

/** fse ÷ total rounded to 4 decimals (the printed %FSE). */
function printedRate(fse: number, total: number): number {
  return total > 0 ? Math.round((fse * 10000) / total) / 10000 : 0;
}

/** Splits `cents` over `parts` random shares (whole cents, each ≥ 0, exact sum). */
function split(rng: Lcg, cents: number, parts: number): number[] {
  if (parts <= 1) return [cents];
  const cuts: number[] = [];
  for (let i = 0; i < parts - 1; i++) cuts.push(rng.int(0, cents));
  cuts.sort((a, b) => a - b);
  const out: number[] = [];
  let prev = 0;
  for (const c of cuts) {
    out.push(c - prev);
    prev = c;
  }
  out.push(cents - prev);
  return out;
}

/**
 * A synthetic programming sheet of `n` operation lines in the 2019 layout
 * (title, group-header row, column-header row, lines, TOTAL, BUDGET,
 * SOUS PROGRAMMATION, date and legend). Amounts are whole cents drawn from a
 * seeded generator: the same options give the same sheet. Most lines meet
 * the rules; some are over the 50 % cap (total ≥ 40 000 €), some below the
 * 20 000 € floor (total < 40 000 €), some have financers that do not add up
 * to the cost. The printed totals and the under-programming reconcile.
 */
export function syntheticProgramming(n: number, options: SyntheticOptions = {}): SyntheticProgramming {
  const rng = new Lcg(options.seed ?? 20191010);
  const year = options.year ?? 2019;
  const pOver = options.overCap ?? 0.08;
  const pBelow = options.belowFloor ?? 0.07;
  const pUnbalanced = options.unbalanced ?? 0.05;
  const counts: Record<SyntheticKind, number> = { valid: 0, overCap: 0, belowFloor: 0, unbalanced: 0 };

  const b = new SheetBuilder(`Programmation ${year}`, {
    columnWidths: WIDTHS_2019,
    numberFormats: NUMBER_FORMATS_2019,
    freeze: { rows: 3, columns: 3 },
    landscape: true,
  });
  b.title(cellsAt({ A: `Programmation PLIE ${year} (données synthétiques, ${n} lignes)`, M: "DOC 3 Bis" }));
  b.group(GROUPS_2019);
  b.header(HEADERS_2019);
  const firstLineRow = b.nextRow;

  // Column sums in cents (by 0-based column), total cost and objectifs.
  const sums = new Array<number>(16).fill(0);
  const sum = (c: number): number => at(sums, c);
  let totalCostSum = 0;
  let fseSum = 0;

  for (let i = 0; i < n; i++) {
    const u = rng.next();
    const kind: SyntheticKind =
      u < pOver
        ? "overCap"
        : u < pOver + pBelow
          ? "belowFloor"
          : u < pOver + pBelow + pUnbalanced
            ? "unbalanced"
            : "valid";
    counts[kind]++;
    let total: number;
    let fse: number;
    switch (kind) {
      case "overCap":
        total = rng.int(4_000_000, 20_000_000);
        fse = Math.floor(total / 2) + rng.int(1, Math.floor(total / 10));
        break;
      case "belowFloor":
        total = rng.int(500_000, 3_999_999);
        fse = rng.int(0, Math.floor(total / 2));
        break;
      default:
        total = rng.int(4_000_000, 30_000_000);
        fse = rng.int(2_000_000, Math.floor(total / 2));
    }
    const cells = new Array<CellValue>(16).fill(null);
    cells[COL.action] = rng.pick(ACTIONS);
    cells[COL.operation] = rng.pick(OPERATIONS);
    cells[COL.operator] = rng.pick(OPERATORS);
    cells[COL.objectifs] = rng.next() < 0.2 ? null : rng.int(1, 40) / (rng.next() < 0.3 ? 10 : 1);
    cells[COL.totalCost] = euros(total);

    // FSE: in one of the two FSE columns, sometimes in both.
    const amounts = new Map<number, number>();
    const v = rng.next();
    if (v < 0.1) {
      const halves = split(rng, fse, 2);
      amounts.set(COL.fseCd21, at(halves, 0));
      amounts.set(COL.fseEtat, at(halves, 1));
    } else {
      amounts.set(v < 0.55 ? COL.fseCd21 : COL.fseEtat, fse);
    }
    // The rest of the cost over one to three other financers.
    const parts = rng.int(1, 3);
    const chosen: number[] = [];
    while (chosen.length < parts) {
      const c = rng.pick(OTHER_FINANCER_COLS);
      if (!chosen.includes(c)) chosen.push(c);
    }
    const shares = split(rng, total - fse, parts);
    chosen.forEach((c, k) => amounts.set(c, (amounts.get(c) ?? 0) + at(shares, k)));
    if (kind === "unbalanced") {
      const c = at(chosen, 0);
      const gap = rng.int(1, 1_000_000);
      const cur = amounts.get(c)!;
      amounts.set(c, rng.next() < 0.5 || cur < gap ? cur + gap : cur - gap);
    }
    for (const [c, cents] of amounts) {
      cells[c] = euros(cents);
      sums[c] = sum(c) + cents;
    }
    cells[COL.rate] = printedRate(fse, total);
    cells[COL.totalOperation] = euros(total);
    totalCostSum += total;
    fseSum += fse;
    b.operation(cells);
  }
  const lastLineRow = b.nextRow - 1;

  // TOTAL row.
  const total: Record<string, SheetCell> = {
    A: "TOTAL APRES RÉPARTITION DES FINANCEMENTS :",
    E: moneyCents(totalCostSum),
  };
  for (const c of [5, 6, 7, 8, 9, 10]) total[columnLetters(c)] = moneyCents(sum(c));
  if (options.combinedFseTotal) {
    total.L = moneyCents(sum(COL.fseCd21) + sum(COL.fseEtat));
    total.M = rate(printedRate(fseSum, totalCostSum));
    total.N = moneyCents(sum(COL.autofinancement));
    total.O = moneyCents(totalCostSum);
  } else {
    total.L = moneyCents(sum(COL.fseCd21));
    total.M = moneyCents(sum(COL.fseEtat));
    total.N = rate(printedRate(fseSum, totalCostSum));
    total.O = moneyCents(sum(COL.autofinancement));
    total.P = moneyCents(totalCostSum);
  }
  b.summary(cellsAt(total));

  // BUDGET: every public financer's envelope above what is programmed; FSE
  // printed once, under the first FSE column, as in the real sheets.
  const budget: Record<string, SheetCell> = { A: "BUDGET disponible par les financeurs (CR,CG,GD, FSE) :" };
  const under: Record<string, SheetCell> = { A: "SOUS PROGRAMMATION POUR UN MONTANT DE :" };
  for (const c of FINANCER_COLS) {
    if (c === COL.fseEtat || c === COL.autofinancement) continue;
    const programmed = c === COL.fseCd21 ? sum(COL.fseCd21) + sum(COL.fseEtat) : sum(c);
    const envelope = Math.ceil((programmed + rng.int(0, 5_000_000)) / 100_000) * 100_000;
    budget[columnLetters(c)] = moneyCents(envelope);
    under[columnLetters(c)] = moneyCents(envelope - programmed);
  }
  b.summary(cellsAt(budget));
  b.summary(cellsAt(under));
  b.blank();
  b.footer(cellsAt({ A: `10/10/${year}` }));
  b.blank();
  for (const text of LEGEND) b.footer(cellsAt({ B: text }));

  const spec = b.build();
  return { spec, grid: gridOf(spec), lineCount: n, counts, firstLineRow, lastLineRow };
}
