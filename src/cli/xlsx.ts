import * as fs from "fs";
import { Readable } from "stream";
import ExcelJS from "exceljs";
import { mergesOfSheetXml, readZipEntry } from "./zip";
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
      // No cached result, or one the streaming reader cannot give (an error): show the formula.
      if (f.result === undefined || f.result === null || (typeof f.result === "number" && !Number.isFinite(f.result))) {
        return `=${f.formula ?? ""}`;
      }
      return gridValue(f.result as ExcelJS.CellValue);
    }
    if ("text" in v) return String((v as ExcelJS.CellHyperlinkValue).text);
  }
  return String(v);
}

interface StreamedSheet {
  name: string;
  /** Position in the workbook's tabs. */
  order: number;
  grid: SheetGrid;
}

/**
 * Reads an .xlsx file into grids, one per worksheet, in tab order; throws
 * UnreadableFileError with the reason when it cannot. The workbook is read
 * with exceljs's streaming reader (rows as they come, no model of the whole
 * workbook kept): a large programming reads faster and in less memory.
 * Merged areas, which that reader skips, are read from the sheet's XML.
 */
export async function readWorkbook(file: string): Promise<SheetGrid[]> {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch (e) {
    throw new UnreadableFileError(file, "missing", (e as Error).message);
  }
  if (buf.length >= 4 && buf.readUInt32BE(0) === 0xd0cf11e0) {
    throw new UnreadableFileError(file, "encrypted_or_xls", "OLE container");
  }
  if (buf.length < 4 || buf.readUInt16BE(0) !== 0x504b) {
    throw new UnreadableFileError(file, "not_xlsx", "no zip signature");
  }
  if (!readZipEntry(buf, "xl/workbook.xml")) {
    throw new UnreadableFileError(file, "corrupt", "no readable xl/workbook.xml");
  }
  const sheets: StreamedSheet[] = [];
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buf]), {
      sharedStrings: "cache",
      hyperlinks: "ignore",
      styles: "cache", // number formats tell dates from amounts
      worksheets: "emit",
    });
    const book = reader as unknown as {
      parse(): AsyncIterable<{ eventType: string; value: unknown }>;
      model?: { sheets?: { name: string; rId: string }[] };
      workbookRels?: { Id: string; Target: string }[];
    };
    for await (const ev of book.parse()) {
      if (ev.eventType !== "worksheet") continue;
      const ws = ev.value as ExcelJS.Worksheet & AsyncIterable<ExcelJS.Row>;
      const values: CellValue[][] = [];
      for await (const row of ws) {
        const cells: CellValue[] = [];
        row.eachCell({ includeEmpty: false }, (cell, col) => {
          cells[col - 1] = gridValue(cell.value);
        });
        values[row.number - 1] = cells;
      }
      for (let i = 0; i < values.length; i++) values[i] ??= [];
      const tabs = book.model?.sheets ?? [];
      const order = tabs.findIndex((t) => t.name === ws.name);
      // The sheet's XML, through the workbook's relations: xl/worksheets/sheetN.xml.
      const target = order < 0 ? undefined : book.workbookRels?.find((r) => r.Id === tabs[order].rId)?.Target;
      const xml = target ? readZipEntry(buf, target.startsWith("/") ? target.slice(1) : `xl/${target}`) : null;
      const merges = xml ? mergesOfSheetXml(xml.toString("utf8")) : [];
      sheets.push({ name: ws.name, order: order < 0 ? tabs.length + sheets.length : order, grid: { name: ws.name, values, merges } });
    }
  } catch (e) {
    throw new UnreadableFileError(file, "corrupt", (e as Error).message);
  }
  return sheets.sort((a, b) => a.order - b.order).map((s) => s.grid);
}
