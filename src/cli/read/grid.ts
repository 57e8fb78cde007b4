/**
 * Builds the grid of one sheet (rows of cell values, number formats,
 * merged areas) within a budget shared by the whole workbook: every slot
 * of the grid (each row, and each column of a row up to its last cell) and
 * every character of text kept is counted before it is allocated, so a
 * file cannot make the reader, or the parser after it, go through more
 * cells than the budget (far-away cells on many rows, ODS repeats).
 */
import type { CellValue, SheetGrid } from "../../sheet/grid";
import { fail } from "./errors";

export interface Budget {
  /** Grid slots allocated so far (rows + columns of each row up to its last cell) and the most allowed. */
  cells: number;
  maxCells: number;
  /** Characters of text kept (shared strings, inline strings) and the most allowed. */
  chars: number;
  maxChars: number;
  /** Short texts already kept, so that a text repeated in many cells is kept (and counted) once. */
  pool: Map<string, string>;
}

/** One empty row, shared by every row without a cell (grids are read-only). */
const EMPTY_ROW: CellValue[] = [];
Object.freeze(EMPTY_ROW);
/** The same empty row, as a row of number formats. */
const NO_FORMATS = EMPTY_ROW as (string | undefined)[];

export function chargeCells(budget: Budget, n: number, sheet: string, part: string | null): void {
  const after = budget.cells + n;
  if (after > budget.maxCells) {
    fail(
      "too_many_cells",
      part,
      `sheet "${sheet}" spans more than ${budget.maxCells} cells (rows × columns up to its last cell)`,
      {
        kind: "cells",
        sheet,
        cells: after,
        limit: budget.maxCells,
      },
    );
  }
  budget.cells = after;
}

export function chargeChars(budget: Budget, n: number, sheet: string | null, part: string | null): void {
  const after = budget.chars + n;
  if (after > budget.maxChars) {
    fail("too_many_cells", part, `more than ${budget.maxChars} characters of text`, {
      kind: "text",
      sheet,
      chars: after,
      limit: budget.maxChars,
    });
  }
  budget.chars = after;
}

/** Texts up to this length are pooled (operators, action codes, statuses repeat from line to line). */
const POOLED = 64;

/**
 * A copy of a string that does not keep alive the (much longer) chunk of
 * XML it was sliced from: V8 keeps a substring of 13 characters or more as
 * a view on its parent, so a kept cell text would keep its whole chunk.
 */
export function detach(s: string): string {
  return s.length < 13 ? s : (" " + s).slice(1);
}

/** The text of a cell as kept: pooled when short, counted in the budget when new. */
export function keepText(budget: Budget, s: string, sheet: string | null, part: string | null): string {
  if (s.length <= POOLED) {
    const known = budget.pool.get(s);
    if (known !== undefined) return known;
    chargeChars(budget, s.length + 8, sheet, part);
    const kept = detach(s);
    budget.pool.set(kept, kept);
    return kept;
  }
  chargeChars(budget, s.length + 8, sheet, part);
  return detach(s);
}

export class GridBuilder {
  private readonly values: CellValue[][] = [];
  private formats: (string | undefined)[][] | null = null;
  private readonly merges: string[] = [];

  constructor(
    readonly name: string,
    private readonly budget: Budget,
    private readonly part: string | null,
  ) {}

  /** Rows so far (up to the last row with a cell). */
  get rowCount(): number {
    return this.values.length;
  }

  private growRows(row: number): void {
    const values = this.values;
    if (row < values.length) return;
    chargeCells(this.budget, row + 1 - values.length, this.name, this.part);
    while (values.length <= row) values.push(EMPTY_ROW);
  }

  /** Sets one cell (0-based row and column); `format` is its number format when not General. */
  set(row: number, col: number, value: CellValue, format: string | null): void {
    if (row >= this.values.length) this.growRows(row);
    // The row exists once grown (EMPTY_ROW until it has a cell).
    let r = this.values[row] ?? EMPTY_ROW;
    if (col >= r.length) {
      chargeCells(this.budget, col + 1 - r.length, this.name, this.part);
      if (r === EMPTY_ROW) {
        r = [];
        this.values[row] = r;
      }
      while (r.length < col) r.push(null);
      r.push(value);
    } else {
      r[col] = value;
    }
    if (format !== null) this.setFormat(row, col, format);
  }

  private setFormat(row: number, col: number, format: string): void {
    const formats = (this.formats ??= []);
    while (formats.length <= row) formats.push(NO_FORMATS);
    let f = formats[row] ?? NO_FORMATS;
    if (f === NO_FORMATS) {
      f = [];
      formats[row] = f;
    }
    while (f.length < col) f.push(undefined);
    f[col] = format;
  }

  /**
   * Puts a whole row `count` times from `row` on (ODS repeated rows): the
   * copies share one array. The caller has counted them in the budget
   * (each copy's row and cells); the empty rows before them are counted here.
   */
  putRows(row: number, cells: CellValue[], formats: (string | undefined)[] | null, count: number): void {
    this.growRows(row - 1);
    const values = this.values;
    if (values.length !== row) throw new Error("rows out of order");
    for (let k = 0; k < count; k++) values.push(cells);
    if (formats) {
      const all = (this.formats ??= []);
      while (all.length < row) all.push(NO_FORMATS);
      for (let k = 0; k < count; k++) all.push(formats);
    }
  }

  merge(ref: string): void {
    chargeCells(this.budget, 1, this.name, this.part);
    this.merges.push(ref);
  }

  build(): SheetGrid {
    const grid: SheetGrid = { name: this.name, values: this.values, merges: this.merges };
    if (this.formats) grid.numberFormats = this.formats;
    return grid;
  }
}
