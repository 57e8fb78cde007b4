/**
 * OpenDocument spreadsheets (.ods, LibreOffice Calc): the tables of
 * content.xml, streamed. Repeated rows and cells are expanded only where
 * they hold content (a sheet ends with a row repeated a million times and
 * a cell repeated to the last column: those are never expanded), and every
 * expanded cell is counted in the budget. Spanned cells are merged areas;
 * covered cells are empty; a formula without a value is its text `=…`.
 */
import { columnLetters } from "../../domain/address";
import type { CellValue, SheetGrid } from "../../sheet/grid";
import { fail } from "./errors";
import { chargeCells, chargeChars, GridBuilder, keepText, type Budget } from "./grid";
import { scanPart, type PartLimits } from "./part";
import { attr, attributes, decodeText, localName, type XmlHandler } from "./xml";
import type { ZipArchive } from "./zip";

const NS: Record<string, string> = {
  "urn:oasis:names:tc:opendocument:xmlns:office:1.0": "office",
  "urn:oasis:names:tc:opendocument:xmlns:table:1.0": "table",
  "urn:oasis:names:tc:opendocument:xmlns:text:1.0": "text",
  "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0": "calcext",
};

/** The largest sheet LibreOffice makes: 1 048 576 rows, 16 384 columns. */
const MAX_ROWS = 1048576;
const MAX_COLS = 16384;
/** Percentage cells are given this number format, so rates are told from amounts. */
const ODS_PERCENT_FORMAT = "0%";
const TIME_FORMAT = "[hh]:mm:ss";

/** Element and attribute names with the prefixes the file binds to the ODF namespaces. */
function namesWith(p: Record<string, string>) {
  const o = p.office ?? "office";
  const t = p.table ?? "table";
  const x = p.text ?? "text";
  const c = p.calcext ?? "calcext";
  return {
    spreadsheet: `${o}:spreadsheet`,
    annotation: `${o}:annotation`,
    valueType: `${o}:value-type`,
    value: `${o}:value`,
    dateValue: `${o}:date-value`,
    timeValue: `${o}:time-value`,
    booleanValue: `${o}:boolean-value`,
    stringValue: `${o}:string-value`,
    calcValueType: `${c}:value-type`,
    table: `${t}:table`,
    tableName: `${t}:name`,
    row: `${t}:table-row`,
    cell: `${t}:table-cell`,
    covered: `${t}:covered-table-cell`,
    rowsRepeated: `${t}:number-rows-repeated`,
    colsRepeated: `${t}:number-columns-repeated`,
    colsSpanned: `${t}:number-columns-spanned`,
    rowsSpanned: `${t}:number-rows-spanned`,
    formula: `${t}:formula`,
    p: `${x}:p`,
    h: `${x}:h`,
    s: `${x}:s`,
    sCount: `${x}:c`,
    tab: `${x}:tab`,
    lineBreak: `${x}:line-break`,
  };
}

type Names = ReturnType<typeof namesWith>;

/** `PT12H30M00S` (an ODF time) as a fraction of a day; null when it is not one. */
function durationToDays(v: string): number | null {
  const m = /^(-)?P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(v.trim());
  if (!m) return null;
  const days = Number(m[2] ?? 0) + Number(m[3] ?? 0) / 24 + Number(m[4] ?? 0) / 1440 + Number(m[5] ?? 0) / 86400;
  return m[1] ? -days : days;
}

function count(v: string | null, part: string, what: string): number {
  if (v === null) return 1;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1)
    fail("corrupt", part, `${what}="${v}" is not a positive whole number`, {
      kind: "xml_malformed",
      what: `${what}="${v}"`,
    });
  return n;
}

class ContentHandler implements XmlHandler {
  wantText = false;
  readonly grids: SheetGrid[] = [];
  private n: Names = namesWith({});
  private depth = 0;
  private spreadsheetDepth = -1;
  private tableDepth = -1;
  private grid: GridBuilder | null = null;
  /** Logical index of the next row of the table (repeats counted). */
  private rowIndex = 0;
  // The open row.
  private inRow = false;
  private rowRepeat = 1;
  private cells: CellValue[] = [];
  private formats: (string | undefined)[] | null = null;
  private col = 0;
  private pendingEmpty = 0;
  private spans: { col: number; cols: number; rows: number }[] = [];
  // The open cell.
  private cellDepth = -1;
  private cellAttrs = "";
  private covered = false;
  private buf = "";
  private paragraphs = 0;
  private paragraphDepth = -1;
  private annotationDepth = -1;

  constructor(
    private readonly part: string,
    private readonly budget: Budget,
  ) {}

  private get sheet(): string {
    return this.grid?.name ?? "";
  }

  open(name: string, src: string, from: number, to: number, self: boolean): void {
    const n = this.n;
    const attrs = this.tableDepth >= 0 || this.depth === 0 || name === n.table ? src.slice(from, to) : "";
    if (this.depth === 0) this.bindPrefixes(attrs);
    if (this.cellDepth >= 0) this.openInCell(name, attrs, self);
    else if (this.tableDepth >= 0) {
      if (name === n.row) this.openRow(attrs, self);
      else if ((name === n.cell || name === n.covered) && this.inRow) this.openCell(name, attrs, self);
    } else if (name === n.table && this.spreadsheetDepth >= 0 && this.depth === this.spreadsheetDepth + 1) {
      const sheetName = attr(attrs, 0, attrs.length, n.tableName, this.part) ?? `Sheet${this.grids.length + 1}`;
      this.grid = new GridBuilder(sheetName, this.budget, this.part);
      this.rowIndex = 0;
      if (self) this.endTable();
      else this.tableDepth = this.depth;
    } else if (name === n.spreadsheet && !self) this.spreadsheetDepth = this.depth;
    if (!self) this.depth++;
  }

  private bindPrefixes(attrs: string): void {
    const prefixes: Record<string, string> = {};
    for (const [k, v] of attributes(attrs, 0, attrs.length, this.part)) {
      const canonical = NS[v];
      if (canonical && k.startsWith("xmlns:")) prefixes[canonical] = k.slice(6);
    }
    this.n = namesWith(prefixes);
  }

  close(name: string): void {
    this.depth--;
    const n = this.n;
    if (this.cellDepth >= 0) {
      if (this.depth === this.cellDepth) this.endCell();
      else this.closeInCell(name);
    } else if (this.tableDepth >= 0) {
      if (this.depth === this.tableDepth) this.endTable();
      else if (name === n.row && this.inRow) this.endRow();
    } else if (this.depth === this.spreadsheetDepth) this.spreadsheetDepth = -1;
  }

  text(t: string, cdata: boolean): void {
    if (this.paragraphDepth >= 0 && this.annotationDepth < 0) this.buf += cdata ? t : decodeText(t, this.part);
  }

  // -- rows ------------------------------------------------------------------

  private openRow(attrs: string, self: boolean): void {
    this.rowRepeat = count(
      attr(attrs, 0, attrs.length, this.n.rowsRepeated, this.part),
      this.part,
      this.n.rowsRepeated,
    );
    this.cells = [];
    this.formats = null;
    this.col = 0;
    this.pendingEmpty = 0;
    this.spans = [];
    this.inRow = true;
    if (self) this.endRow();
  }

  private endRow(): void {
    this.inRow = false;
    const grid = this.grid!;
    const repeat = this.rowRepeat;
    if (this.cells.length > 0) {
      if (this.rowIndex + repeat > MAX_ROWS) {
        fail("corrupt", this.part, `table "${this.sheet}" has content beyond row ${MAX_ROWS}`, {
          kind: "bad_address",
          sheet: this.sheet,
          address: `row ${this.rowIndex + repeat}`,
        });
      }
      // The row's cells were counted as they were put; each further copy is counted here.
      chargeCells(this.budget, 1, this.sheet, this.part);
      if (repeat > 1) chargeCells(this.budget, (repeat - 1) * (this.cells.length + 1), this.sheet, this.part);
      grid.putRows(this.rowIndex, this.cells, this.formats, repeat);
    }
    for (const s of this.spans) {
      for (let k = 0; k < repeat; k++) {
        const top = this.rowIndex + k;
        grid.merge(`${columnLetters(s.col)}${top + 1}:${columnLetters(s.col + s.cols - 1)}${top + s.rows}`);
      }
    }
    this.rowIndex += repeat;
  }

  // -- cells -----------------------------------------------------------------

  private openCell(name: string, attrs: string, self: boolean): void {
    this.cellAttrs = attrs;
    this.covered = name === this.n.covered;
    this.buf = "";
    this.paragraphs = 0;
    this.paragraphDepth = -1;
    this.annotationDepth = -1;
    if (self) this.endCell();
    else this.cellDepth = this.depth;
  }

  private openInCell(name: string, attrs: string, self: boolean): void {
    const n = this.n;
    if (this.annotationDepth >= 0) return;
    if (name === n.annotation) {
      if (!self) this.annotationDepth = this.depth;
      return;
    }
    if (this.paragraphDepth < 0) {
      if (name === n.p || name === n.h) {
        if (this.paragraphs++ > 0) this.buf += "\n";
        if (!self) {
          this.paragraphDepth = this.depth;
          this.wantText = true;
        }
      }
      return;
    }
    if (name === n.s) {
      const c = count(attr(attrs, 0, attrs.length, n.sCount, this.part), this.part, n.sCount);
      chargeChars(this.budget, c, this.sheet, this.part);
      this.buf += " ".repeat(c);
    } else if (name === n.tab) this.buf += "\t";
    else if (name === n.lineBreak) this.buf += "\n";
  }

  private closeInCell(name: string): void {
    if (this.annotationDepth >= 0) {
      if (this.depth === this.annotationDepth) this.annotationDepth = -1;
      return;
    }
    if (this.depth === this.paragraphDepth && (name === this.n.p || name === this.n.h)) {
      this.paragraphDepth = -1;
      this.wantText = false;
    }
  }

  /** The value of the open cell and its number format (null for General). */
  private cellValue(): [CellValue, string | null] {
    const n = this.n;
    const a = this.cellAttrs;
    const part = this.part;
    if (this.covered) return [null, null];
    const text = this.paragraphs > 0 ? this.buf : null;
    const type = attr(a, 0, a.length, n.valueType, part);
    const formula = attr(a, 0, a.length, n.formula, part);
    if (attr(a, 0, a.length, n.calcValueType, part) === "error") return [text ?? "#VALUE!", null];
    switch (type) {
      case "float":
      case "currency":
      case "percentage": {
        const raw = attr(a, 0, a.length, n.value, part);
        const num = raw === null || raw.trim() === "" ? NaN : Number(raw);
        if (!Number.isFinite(num)) return [text, null];
        return [num, type === "percentage" ? ODS_PERCENT_FORMAT : null];
      }
      case "date": {
        const raw = attr(a, 0, a.length, n.dateValue, part);
        if (raw && /^-?\d{4}-\d{2}-\d{2}/.test(raw)) return [raw.slice(0, 10), null];
        return [text, null];
      }
      case "time": {
        const raw = attr(a, 0, a.length, n.timeValue, part);
        const days = raw === null ? null : durationToDays(raw);
        return days === null ? [text, null] : [days, TIME_FORMAT];
      }
      case "boolean": {
        const raw = attr(a, 0, a.length, n.booleanValue, part);
        if (raw === "true" || raw === "1") return [true, null];
        if (raw === "false" || raw === "0") return [false, null];
        return [text, null];
      }
      case "string":
        return [attr(a, 0, a.length, n.stringValue, part) ?? text ?? "", null];
      default:
        if (formula !== null) return [`=${formula.replace(/^[a-z]+:=/, "").replace(/^=/, "")}`, null];
        return [text === "" ? null : text, null];
    }
  }

  private endCell(): void {
    this.cellDepth = -1;
    this.wantText = false;
    const a = this.cellAttrs;
    const n = this.n;
    const part = this.part;
    const repeat = count(attr(a, 0, a.length, n.colsRepeated, part), part, n.colsRepeated);
    if (!this.covered) {
      const cols = count(attr(a, 0, a.length, n.colsSpanned, part), part, n.colsSpanned);
      const rows = count(attr(a, 0, a.length, n.rowsSpanned, part), part, n.rowsSpanned);
      if (cols > 1 || rows > 1) {
        for (let k = 0; k < repeat; k++) this.spans.push({ col: this.col + this.pendingEmpty + k, cols, rows });
        chargeCells(this.budget, repeat, this.sheet, part);
      }
    }
    const [read, format] = this.cellValue();
    let value = read;
    if (value === null) {
      this.pendingEmpty += repeat;
      return;
    }
    const start = this.col + this.pendingEmpty;
    if (start + repeat > MAX_COLS) {
      fail("corrupt", part, `table "${this.sheet}" has content beyond column ${MAX_COLS}`, {
        kind: "bad_address",
        sheet: this.sheet,
        address: `column ${start + repeat}`,
      });
    }
    // Count before expanding: the empty cells before this one, and its copies.
    chargeCells(this.budget, this.pendingEmpty + repeat, this.sheet, part);
    if (typeof value === "string") value = keepText(this.budget, value, this.sheet, part);
    const cells = this.cells;
    for (let k = 0; k < this.pendingEmpty; k++) cells.push(null);
    for (let k = 0; k < repeat; k++) cells.push(value);
    if (format !== null) {
      const f = (this.formats ??= []);
      while (f.length < start) f.push(undefined);
      for (let k = 0; k < repeat; k++) f[start + k] = format;
    }
    this.col = start + repeat;
    this.pendingEmpty = 0;
  }

  private endTable(): void {
    this.tableDepth = -1;
    this.grids.push(this.grid!.build());
    this.grid = null;
  }
}

export async function readOds(zip: ZipArchive, limits: PartLimits, budget: Budget): Promise<SheetGrid[]> {
  // A password-protected document lists its encrypted parts in the manifest.
  const manifest = zip.get("META-INF/manifest.xml");
  if (manifest) {
    let encrypted = false;
    await scanPart(
      zip,
      manifest,
      {
        wantText: false,
        open(name) {
          if (localName(name) === "encryption-data") encrypted = true;
        },
        text() {},
        close() {},
      },
      limits,
    );
    if (encrypted) fail("encrypted", "content.xml", "password-protected OpenDocument spreadsheet");
  }
  const content = zip.get("content.xml");
  if (!content) fail("corrupt", "content.xml", "part content.xml missing", { kind: "part_missing", from: null });
  const handler = new ContentHandler(content.name, budget);
  const root = await scanPart(zip, content, handler, limits);
  if (localName(root) !== "document-content")
    fail("corrupt", content.name, `<${root}> where document content was expected`, { kind: "xml_unexpected", root });
  return handler.grids;
}
