import * as fs from "fs";
import ExcelJS from "exceljs";
import type { CellValue, SheetGrid } from "../sheet/grid";

export class UnreadableFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: "missing" | "encrypted_or_xls" | "not_xlsx" | "corrupt",
    readonly detail: string,
  ) {
    super(`${file}: ${reason} (${detail})`);
  }
}

/** A cell of exceljs as a grid value: formulas by their cached result, errors as text. */
export function gridValue(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object") {
    if ("error" in v) return String((v as ExcelJS.CellErrorValue).error);
    if ("richText" in v) return (v as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join("");
    if ("formula" in v || "sharedFormula" in v) {
      const f = v as ExcelJS.CellFormulaValue;
      if (f.result === undefined || f.result === null) return `=${f.formula ?? ""}`;
      return gridValue(f.result as ExcelJS.CellValue);
    }
    if ("text" in v) return String((v as ExcelJS.CellHyperlinkValue).text);
  }
  return String(v);
}

/** Every worksheet of a workbook as a grid (merged cells other than the top-left are blank, as in Excel). */
export function workbookGrids(wb: ExcelJS.Workbook): SheetGrid[] {
  const grids: SheetGrid[] = [];
  wb.eachSheet((ws) => {
    const values: CellValue[][] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: CellValue[] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        if (cell.type === ExcelJS.ValueType.Merge) return;
        cells[col - 1] = gridValue(cell.value);
      });
      values[rowNumber - 1] = cells;
    });
    for (let i = 0; i < values.length; i++) values[i] ??= [];
    grids.push({ name: ws.name, values, merges: mergesOf(ws) });
  });
  return grids;
}

/**
 * Merged areas of a worksheet in A1 form. `ws.model` would rebuild the model
 * of every row just for them, so the worksheet's own table of merges is read
 * when it is there (exceljs 4 keeps it as `_merges`: master address → range).
 */
function mergesOf(ws: ExcelJS.Worksheet): string[] {
  const own = (ws as unknown as { _merges?: Record<string, { range?: unknown }> })._merges;
  if (own && typeof own === "object") {
    const out: string[] = [];
    for (const m of Object.values(own)) if (m && typeof m.range === "string") out.push(m.range);
    if (out.length === Object.keys(own).length) return out;
  }
  return ((ws.model as unknown as { merges?: string[] }).merges ?? []).slice();
}


/** Reads an .xlsx file; throws UnreadableFileError with the reason when it cannot. */
export async function readWorkbook(file: string): Promise<SheetGrid[]> {
  let head: Buffer;
  try {
    const fd = fs.openSync(file, "r");
    head = Buffer.alloc(8);
    fs.readSync(fd, head, 0, 8, 0);
    fs.closeSync(fd);
  } catch (e) {
    throw new UnreadableFileError(file, "missing", (e as Error).message);
  }
  if (head.readUInt32BE(0) === 0xd0cf11e0) {
    throw new UnreadableFileError(file, "encrypted_or_xls", "OLE container");
  }
  if (head.readUInt16BE(0) !== 0x504b) {
    throw new UnreadableFileError(file, "not_xlsx", "no zip signature");
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(file);
  } catch (e) {
    throw new UnreadableFileError(file, "corrupt", (e as Error).message);
  }
  return workbookGrids(wb);
}
