/// <reference types="office-js" />
import type { CellValue, SheetGrid } from "../sheet/grid";
import { analyseWorkbook, type WorkbookResult } from "../sheet/workbook";
import { areasOfAddress, excelApiSupported, isAddinSheetName, rangeStart } from "./host";
import { analyseOptionsOf, defaultSettings, type ProductSettings } from "./settings";

export type WhichSheets = "active" | "all";

export interface ReadOptions {
  /**
   * Most cells whose values (and number formats) are fetched in one round
   * trip. A used range above it is fetched in row blocks, so that no
   * response grows past what Excel on the web accepts; a programming of
   * 2 000 lines × 17 columns is 34 000 cells, one round trip.
   */
  maxCellsPerSync?: number;
  /** Read merged areas (ExcelApi 1.13); default: when the host supports them. */
  merges?: boolean;
}

/** Each cell comes with its value and its number format (about twice the bytes of the values alone). */
const DEFAULT_MAX_CELLS_PER_SYNC = 100_000;

interface Pending {
  sheet: Excel.Worksheet;
  used: Excel.Range;
  merged: Excel.RangeAreas | null;
}

interface Block {
  sheet: number;
  /** Row offset in the used range, and row count. */
  first: number;
  count: number;
  range: Excel.Range;
}

/**
 * Reads programming sheets as grids of cell values, with round trips that do
 * not depend on the number of lines:
 *
 * - "active": 1 sync for the sheet's name, used range and merged areas,
 *   then 1 for the values: 2 in all;
 * - "all": 1 sync for the sheet names, 1 for every sheet's used range and
 *   merged areas, 1 for every sheet's values: 3 in all (≤ S + 2 for S ≥ 1
 *   sheets). The sheets the add-in writes (report, synthesis, simulation) are left out.
 *
 * Values are read from `getUsedRangeOrNullObject(true)` (cells with values
 * only: a formatted empty area does not widen the grid), with each cell's
 * number format (`Range.numberFormat`, loaded with the values, same round
 * trip) so that percent-formatted rate columns are told from amounts; the grid's origin is
 * the used range's top-left cell, so finding addresses are sheet addresses.
 * Above `maxCellsPerSync` cells the values come in row blocks (one more round
 * trip per further block of cells, never per line).
 */
export async function readProgrammingSheets(
  context: Excel.RequestContext,
  which: WhichSheets,
  options: ReadOptions = {},
): Promise<SheetGrid[]> {
  const maxCells = Math.max(1, options.maxCellsPerSync ?? DEFAULT_MAX_CELLS_PER_SYNC);
  const withMerges = options.merges ?? excelApiSupported("1.13");
  const pending = await readShapes(context, which, withMerges);
  const blocks = valueBlocks(pending, maxCells);
  for (const b of blocks) {
    for (const block of b) block.range.load("values,numberFormat");
    // One round trip per block of at most maxCells cells, on purpose: a large range read in one request can exceed the payload limit.
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
  }
  const { valuesOf, formatsOf } = rowsBySheet(blocks);
  return pending.map((p, k) => gridOf(p, valuesOf.get(k), formatsOf.get(k)));
}

/**
 * The sheets to read with their used range and merged areas loaded: the
 * active one (1 sync), or every sheet but the add-in's own (1 sync for the
 * names, 1 for the shapes when there is a sheet to read).
 */
async function readShapes(context: Excel.RequestContext, which: WhichSheets, withMerges: boolean): Promise<Pending[]> {
  const queueShape = (sheet: Excel.Worksheet): Pending => {
    const used = sheet.getUsedRangeOrNullObject(true);
    used.load("address,rowIndex,columnIndex,rowCount,columnCount");
    let merged: Excel.RangeAreas | null = null;
    if (withMerges) {
      merged = sheet.getRange().getMergedAreasOrNullObject();
      merged.load("address");
    }
    return { sheet, used, merged };
  };
  if (which === "active") {
    const sheet = context.workbook.worksheets.getActiveWorksheet();
    sheet.load("name");
    const pending = [queueShape(sheet)];
    await context.sync();
    return pending;
  }
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  await context.sync();
  const pending = sheets.items.filter((s) => !isAddinSheetName(s.name)).map(queueShape);
  if (pending.length) await context.sync();
  return pending;
}

/** Values to fetch: whole used ranges, or row blocks of big ones, packed into round trips of at most `maxCells` cells. */
function valueBlocks(pending: readonly Pending[], maxCells: number): Block[][] {
  const blocks: Block[][] = [];
  let batch: Block[] = [];
  let batchCells = 0;
  pending.forEach((p, k) => {
    if (p.used.isNullObject) return;
    const rows = p.used.rowCount;
    const cols = p.used.columnCount;
    const rowsPerBlock = Math.max(1, Math.floor(maxCells / Math.max(1, cols)));
    for (let first = 0; first < rows; first += rowsPerBlock) {
      const count = Math.min(rowsPerBlock, rows - first);
      if (batch.length && batchCells + count * cols > maxCells) {
        blocks.push(batch);
        batch = [];
        batchCells = 0;
      }
      const range =
        count === rows ? p.used : p.sheet.getRangeByIndexes(p.used.rowIndex + first, p.used.columnIndex, count, cols);
      batch.push({ sheet: k, first, count, range });
      batchCells += count * cols;
    }
  });
  if (batch.length) blocks.push(batch);
  return blocks;
}

/** The blocks' values and number formats put together, row by row, per sheet (by its index among those read). */
function rowsBySheet(blocks: readonly (readonly Block[])[]): {
  valuesOf: Map<number, CellValue[][]>;
  formatsOf: Map<number, (string | null)[][]>;
} {
  const valuesOf = new Map<number, CellValue[][]>();
  const formatsOf = new Map<number, (string | null)[][]>();
  for (const b of blocks) {
    for (const block of b) {
      const rows = valuesOf.get(block.sheet) ?? [];
      const formats = formatsOf.get(block.sheet) ?? [];
      const v = block.range.values as CellValue[][];
      const f = block.range.numberFormat as unknown[][] | undefined;
      for (let i = 0; i < block.count; i++) {
        rows[block.first + i] = v[i] ?? [];
        formats[block.first + i] = formatRow(f?.[i]);
      }
      valuesOf.set(block.sheet, rows);
      formatsOf.set(block.sheet, formats);
    }
  }
  return { valuesOf, formatsOf };
}

/** A sheet's grid: its values and formats, its origin (the used range's top-left cell) and merged areas. */
function gridOf(p: Pending, values: CellValue[][] | undefined, formats: (string | null)[][] | undefined): SheetGrid {
  const name = p.sheet.name;
  if (p.used.isNullObject) return { name, values: [] };
  const start =
    typeof p.used.rowIndex === "number" && typeof p.used.columnIndex === "number"
      ? { row: p.used.rowIndex, col: p.used.columnIndex }
      : rangeStart(p.used.address);
  const grid: SheetGrid = { name, values: values ?? [] };
  if (formats) grid.numberFormats = formats;
  if (start) grid.origin = start;
  if (p.merged && !p.merged.isNullObject && typeof p.merged.address === "string")
    grid.merges = areasOfAddress(p.merged.address);
  return grid;
}

/** One row of `Range.numberFormat` as the grid keeps it: format codes, null where there is none. */
export function formatRow(row: unknown): (string | null)[] {
  if (!Array.isArray(row)) return [];
  const cells: readonly unknown[] = row;
  const out = new Array<string | null>(cells.length);
  for (let c = 0; c < cells.length; c++) {
    const v = cells[c];
    out[c] = typeof v === "string" ? v : null;
  }
  return out;
}

/** The sheets read and their analysis with the settings' rules, aliases and column roles. */
export interface CheckedWorkbook extends WorkbookResult {
  grids: SheetGrid[];
}

/** Reads the active sheet or every sheet, and checks them with the settings (defaults when omitted): rules, aliases, the user's column roles. */
export async function checkWorkbook(
  context: Excel.RequestContext,
  which: WhichSheets,
  settings: ProductSettings = defaultSettings(),
  options: ReadOptions = {},
): Promise<CheckedWorkbook> {
  const grids = await readProgrammingSheets(context, which, options);
  const result = analyseWorkbook(grids, analyseOptionsOf(settings));
  return { ...result, grids };
}
