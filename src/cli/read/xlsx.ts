/**
 * SpreadsheetML (.xlsx, .xlsm): the workbook part found through the
 * package's relations, its sheets in tab order through the workbook's
 * relations, shared strings, number formats, then each worksheet streamed
 * into a grid. Every part the workbook refers to must be there and whole.
 */
import { columnLetters } from "../../domain/address";
import type { CellValue, SheetGrid } from "../../sheet/grid";
import { fail } from "./errors";
import { builtInFormat, isDateFormat, serialToIsoDate } from "./formats";
import { chargeChars, detach, GridBuilder, keepText, type Budget } from "./grid";
import { scanPart, type PartLimits } from "./part";
import {
  ATTR,
  attr,
  attributes,
  attrValue,
  decodeText,
  localName,
  nextAttr,
  prefixedAttr,
  type XmlHandler,
} from "./xml";
import type { ZipArchive, ZipEntry } from "./zip";

/** Excel's largest sheet: 1 048 576 rows, 16 384 columns (XFD). */
const MAX_ROWS = 1048576;
const MAX_COLS = 16384;

export interface Relation {
  type: string;
  /** The part it points to, resolved (`xl/worksheets/sheet1.xml`), or the raw target when external. */
  target: string;
  external: boolean;
}

/** The relations part of a part: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`. */
function relsPartOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** A relation's target resolved against the folder of its source part. */
function resolveTarget(source: string, target: string): string {
  let t = target;
  try {
    t = decodeURIComponent(target);
  } catch {
    // A target with a stray `%` is taken as written.
  }
  t = t.replace(/\\/g, "/").replace(/[?#].*$/, "");
  const base = t.startsWith("/") ? [] : source.split("/").slice(0, -1);
  for (const seg of t.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") base.pop();
    else base.push(seg);
  }
  return base.join("/");
}

/** Ends of relationship types, transitional or strict. */
const REL = {
  officeDocument: "/officeDocument",
  worksheet: "/worksheet",
  sharedStrings: "/sharedStrings",
  styles: "/styles",
};

function isRel(type: string, kind: string): boolean {
  return type.endsWith(kind);
}

/** The relations of a part, by id; null when the part has no relations part. */
export async function readRelations(
  zip: ZipArchive,
  source: string,
  limits: PartLimits,
): Promise<Map<string, Relation> | null> {
  const relsName = relsPartOf(source);
  const entry = zip.get(relsName);
  if (!entry) return null;
  const part = entry.name;
  const rels = new Map<string, Relation>();
  const root = await scanPart(
    zip,
    entry,
    {
      wantText: false,
      open(name, src, from, to) {
        if (localName(name) !== "Relationship") return;
        const a = attributes(src, from, to, part);
        const id = a.get("Id");
        const target = a.get("Target");
        if (id === undefined || target === undefined) return;
        const external = a.get("TargetMode") === "External";
        rels.set(id, {
          type: a.get("Type") ?? "",
          target: external ? target : resolveTarget(source, target),
          external,
        });
      },
      text() {},
      close() {},
    },
    limits,
  );
  if (localName(root) !== "Relationships")
    fail("corrupt", part, `<${root}> where relations were expected`, { kind: "xml_unexpected", root });
  return rels;
}

/** A part the workbook refers to; a missing one is damage. */
function required(zip: ZipArchive, name: string, from: string | null): ZipEntry {
  const entry = zip.get(name);
  if (!entry)
    fail("corrupt", name, `part ${name} missing${from ? ` (referred to by ${from})` : ""}`, {
      kind: "part_missing",
      from,
    });
  return entry;
}

// ---------------------------------------------------------------------------
// Workbook

interface SheetRef {
  name: string;
  relId: string | null;
}

interface WorkbookInfo {
  sheets: SheetRef[];
  date1904: boolean;
}

async function readWorkbookPart(zip: ZipArchive, entry: ZipEntry, limits: PartLimits): Promise<WorkbookInfo> {
  const part = entry.name;
  const info: WorkbookInfo = { sheets: [], date1904: false };
  let depth = 0;
  let inSheets = false;
  const root = await scanPart(
    zip,
    entry,
    {
      wantText: false,
      open(name, src, from, to, self) {
        const local = localName(name);
        if (depth === 1 && local === "sheets") inSheets = !self;
        else if (inSheets && depth === 2 && local === "sheet") {
          info.sheets.push({
            name: attr(src, from, to, "name", part) ?? "",
            relId: prefixedAttr(src, from, to, "id", part),
          });
        } else if (depth === 1 && local === "workbookPr") {
          const v = attr(src, from, to, "date1904", part);
          info.date1904 = v === "1" || v === "true";
        }
        if (!self) depth++;
      },
      text() {},
      close(name) {
        depth--;
        if (depth === 1 && localName(name) === "sheets") inSheets = false;
      },
    },
    limits,
  );
  if (localName(root) !== "workbook")
    fail("not_a_workbook", part, `<${root}> where a workbook was expected`, { kind: "content", type: "other" });
  return info;
}

// ---------------------------------------------------------------------------
// Shared strings and rich text

/** Decodes `_xHHHH_` escapes of SpreadsheetML text (`_x000D_` is a carriage return, `_x005F_` an underscore). */
function unescapeX(s: string): string {
  if (s.indexOf("_x") < 0) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * Collects the text of a string item (`<si>` or `<is>`): its `<t>`, or the
 * `<t>` of its runs `<r>` joined, leaving out phonetic runs (`<rPh>`).
 */
class RichText {
  /** Inside the item. */
  active = false;
  private collecting = false;
  private phonetic = 0;
  private parts = "";
  private any = false;

  constructor(private readonly part: string) {}

  begin(): void {
    this.active = true;
    this.collecting = false;
    this.phonetic = 0;
    this.parts = "";
    this.any = false;
  }

  /** Returns true when the handler must now receive text. */
  open(local: string, self: boolean): boolean {
    if (local === "rPh") {
      if (!self) this.phonetic++;
    } else if (local === "t" && this.phonetic === 0) {
      this.any = true;
      this.collecting = !self;
    }
    return this.collecting;
  }

  text(t: string, cdata: boolean): void {
    if (this.collecting) this.parts += cdata ? t : decodeText(t, this.part);
  }

  close(local: string): void {
    if (local === "rPh") this.phonetic--;
    else if (local === "t") this.collecting = false;
  }

  /** The item's text (null when it had no `<t>` at all). */
  end(): string | null {
    this.active = false;
    this.collecting = false;
    return this.any ? detach(unescapeX(this.parts)) : null;
  }
}

async function readSharedStrings(
  zip: ZipArchive,
  entry: ZipEntry,
  limits: PartLimits,
  budget: Budget,
): Promise<string[]> {
  const part = entry.name;
  const strings: string[] = [];
  const rich = new RichText(part);
  const handler: XmlHandler = {
    wantText: false,
    open(name, src, from, to, self) {
      const local = localName(name);
      if (local === "si") {
        if (self) strings.push("");
        else rich.begin();
      } else if (rich.active) handler.wantText = rich.open(local, self);
    },
    text(t, cdata) {
      rich.text(t, cdata);
    },
    close(name) {
      const local = localName(name);
      if (local === "si" && rich.active) {
        const s = rich.end() ?? "";
        // Each string costs its characters and a slot.
        chargeChars(budget, s.length + 8, null, part);
        strings.push(s);
        handler.wantText = false;
      } else if (rich.active) {
        rich.close(local);
        handler.wantText = false;
      }
    },
  };
  const root = await scanPart(zip, entry, handler, limits);
  if (localName(root) !== "sst")
    fail("corrupt", part, `<${root}> where shared strings were expected`, { kind: "xml_unexpected", root });
  return strings;
}

// ---------------------------------------------------------------------------
// Styles: the number format of each cell style

interface CellStyle {
  /** The format code, null for General. */
  code: string | null;
  date: boolean;
}

async function readStyles(zip: ZipArchive, entry: ZipEntry, limits: PartLimits): Promise<CellStyle[]> {
  const part = entry.name;
  const custom = new Map<number, string>();
  const xfIds: number[] = [];
  let inNumFmts = false;
  let inCellXfs = false;
  let depth = 0;
  const root = await scanPart(
    zip,
    entry,
    {
      wantText: false,
      open(name, src, from, to, self) {
        const local = localName(name);
        if (depth === 1 && local === "numFmts") inNumFmts = !self;
        else if (depth === 1 && local === "cellXfs") inCellXfs = !self;
        else if (inNumFmts && depth === 2 && local === "numFmt") {
          const id = Number(attr(src, from, to, "numFmtId", part));
          const code = attr(src, from, to, "formatCode", part);
          if (Number.isInteger(id) && code !== null) custom.set(id, code);
        } else if (inCellXfs && depth === 2 && local === "xf") {
          const id = Number(attr(src, from, to, "numFmtId", part) ?? "0");
          xfIds.push(Number.isInteger(id) ? id : 0);
        }
        if (!self) depth++;
      },
      text() {},
      close(name) {
        depth--;
        if (depth === 1) {
          const local = localName(name);
          if (local === "numFmts") inNumFmts = false;
          else if (local === "cellXfs") inCellXfs = false;
        }
      },
    },
    limits,
  );
  if (localName(root) !== "styleSheet")
    fail("corrupt", part, `<${root}> where styles were expected`, { kind: "xml_unexpected", root });
  return xfIds.map((id) => {
    const c = custom.get(id);
    const code = c !== undefined ? (c === "General" || c === "general" ? null : c) : builtInFormat(id);
    return { code, date: isDateFormat(code) };
  });
}

// ---------------------------------------------------------------------------
// Worksheets

/** Sets the 0-based row and column of an A1 reference; false when it is not one. */
function parseRef(ref: string, out: { row: number; col: number }): boolean {
  return parseRefAt(ref, 0, ref.length, out);
}

function parseRefAt(ref: string, from: number, n: number, out: { row: number; col: number }): boolean {
  let i = from;
  let col = 0;
  while (i < n) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
    i++;
    if (i - from > 3) return false;
  }
  if (i === from || i === n) return false;
  let row = 0;
  for (; i < n; i++) {
    const c = ref.charCodeAt(i);
    if (c < 48 || c > 57) return false;
    row = row * 10 + (c - 48);
    if (row > MAX_ROWS) return false;
  }
  if (row < 1 || col > MAX_COLS) return false;
  out.row = row - 1;
  out.col = col - 1;
  return true;
}

/** A shared formula moved from its master cell to another cell (relative references shifted). */
function shiftFormula(formula: string, dRow: number, dCol: number): string {
  if (dRow === 0 && dCol === 0) return formula;
  // Every other part is outside quotes: a reference there moves, text in quotes stays.
  return formula
    .split('"')
    .map((part, k) =>
      k % 2 !== 0
        ? part
        : part.replace(
            /(?<![A-Za-z0-9_.])(\$?)([A-Za-z]{1,3})(\$?)([0-9]+)(?![0-9A-Za-z_(])/g,
            (m, cAbs: string, letters: string, rAbs: string, digits: string) => {
              const pos = { row: 0, col: 0 };
              if (!parseRef(letters + digits, pos)) return m;
              const col = cAbs ? pos.col : pos.col + dCol;
              const row = rAbs ? pos.row : pos.row + dRow;
              if (col < 0 || row < 0) return "#REF!";
              return `${cAbs}${columnLetters(col)}${rAbs}${row + 1}`;
            },
          ),
    )
    .join('"');
}

const TYPES = ["s", "str", "inlineStr", "n", "b", "e", "d"];

/** A cell's `t`, as one of the constant strings when it is a known type. */
function cellType(src: string, from: number, to: number, part: string): string {
  const len = to - from;
  for (const t of TYPES) if (t.length === len && src.startsWith(t, from)) return t;
  return attrValue(src.slice(from, to), part);
}

const NONE = 0;
const V = 1;
const F = 2;

interface SheetContext {
  name: string;
  strings: readonly string[] | null;
  styles: readonly CellStyle[];
  date1904: boolean;
  budget: Budget;
}

class WorksheetHandler implements XmlHandler {
  wantText = false;
  readonly grid: GridBuilder;
  private depth = 0;
  private sheetDataDepth = -1;
  private inMerges = false;
  private row = -1;
  private nextCol = 0;
  private readonly pos = { row: 0, col: 0 };
  // The open cell.
  private inCell = false;
  private cellRow = 0;
  private cellCol = 0;
  private cellType: string | null = null;
  private cellStyle = 0;
  private v: string | null = null;
  private f: string | null = null;
  private fShared: string | null = null;
  private fIsMaster = false;
  private collect = NONE;
  private buf = "";
  private inline: string | null = null;
  private readonly rich: RichText;
  private readonly masters = new Map<string, { formula: string; row: number; col: number }>();

  constructor(
    private readonly part: string,
    private readonly ctx: SheetContext,
  ) {
    this.grid = new GridBuilder(ctx.name, ctx.budget, part);
    this.rich = new RichText(part);
  }

  private bad(address: string): never {
    return fail("corrupt", this.part, `bad cell or row reference "${address}" in sheet "${this.ctx.name}"`, {
      kind: "bad_address",
      sheet: this.ctx.name,
      address,
    });
  }

  open(name: string, src: string, from: number, to: number, self: boolean): void {
    const local = localName(name);
    if (this.inCell) this.openInCell(local, src, from, to, self);
    else if (this.sheetDataDepth >= 0) {
      if (local === "c") this.openCell(src, from, to, self);
      else if (local === "row") {
        const r = attr(src, from, to, "r", this.part);
        if (r === null) this.row++;
        else {
          const n = Number(r);
          if (!Number.isInteger(n) || n < 1 || n > MAX_ROWS) this.bad(r);
          this.row = n - 1;
        }
        this.nextCol = 0;
      }
    } else if (local === "sheetData" && this.depth === 1) {
      if (!self) this.sheetDataDepth = this.depth;
    } else if (local === "mergeCells" && this.depth === 1) {
      this.inMerges = !self;
    } else if (this.inMerges && local === "mergeCell") {
      const ref = attr(src, from, to, "ref", this.part);
      if (ref) this.grid.merge(ref.toUpperCase());
    }
    if (!self) this.depth++;
  }

  private openCell(src: string, from: number, to: number, self: boolean): void {
    // One pass over the attributes, nothing allocated for the usual r, s and t.
    let hasRef = false;
    let type: string | null = null;
    let style = 0;
    for (let i = from; nextAttr(src, i, to, this.part); i = ATTR.next) {
      const len = ATTR.nameEnd - ATTR.name;
      if (len !== 1) continue;
      const c = src.charCodeAt(ATTR.name);
      const v = ATTR.value;
      const vEnd = ATTR.valueEnd;
      if (c === 114 /* r */) {
        if (!parseRefAt(src, v, vEnd, this.pos)) this.bad(src.slice(v, vEnd));
        hasRef = true;
      } else if (c === 116 /* t */) type = cellType(src, v, vEnd, this.part);
      else if (c === 115 /* s */) {
        style = 0;
        for (let k = v; k < vEnd; k++) {
          const d = src.charCodeAt(k) - 48;
          if (d < 0 || d > 9 || style > 1e9) {
            style = -1;
            break;
          }
          style = style * 10 + d;
        }
      }
    }
    if (!hasRef) {
      if (this.row < 0) this.row = 0;
      this.cellRow = this.row;
      this.cellCol = this.nextCol;
      if (this.nextCol >= MAX_COLS) this.bad(`column ${this.nextCol + 1} of row ${this.row + 1}`);
    } else {
      this.cellRow = this.pos.row;
      this.cellCol = this.pos.col;
      this.row = this.pos.row;
    }
    this.nextCol = this.cellCol + 1;
    if (self) return; // no value
    this.inCell = true;
    this.cellType = type;
    this.cellStyle = style;
    this.v = null;
    this.f = null;
    this.fShared = null;
    this.fIsMaster = false;
    this.inline = null;
    this.collect = NONE;
  }

  private openInCell(local: string, src: string, from: number, to: number, self: boolean): void {
    if (this.rich.active) {
      this.wantText = this.rich.open(local, self);
      return;
    }
    if (local === "v") {
      if (self) this.v = "";
      else {
        this.collect = V;
        this.buf = "";
        this.wantText = true;
      }
    } else if (local === "f") {
      if (attr(src, from, to, "t", this.part) === "shared") {
        this.fShared = attr(src, from, to, "si", this.part);
        this.fIsMaster = attr(src, from, to, "ref", this.part) !== null;
      }
      if (self) this.f = "";
      else {
        this.collect = F;
        this.buf = "";
        this.wantText = true;
      }
    } else if (local === "is") {
      if (self) this.inline = "";
      else this.rich.begin();
    }
  }

  text(t: string, cdata: boolean): void {
    if (this.rich.active) this.rich.text(t, cdata);
    else if (this.collect !== NONE) this.buf += cdata ? t : decodeText(t, this.part);
  }

  close(name: string): void {
    this.depth--;
    const local = localName(name);
    if (this.inCell) {
      if (this.rich.active) {
        if (local === "is") {
          this.inline = this.rich.end() ?? "";
          this.wantText = false;
        } else {
          this.rich.close(local);
          this.wantText = false;
        }
      } else if (local === "v" && this.collect === V) {
        this.v = this.buf;
        this.collect = NONE;
        this.wantText = false;
      } else if (local === "f" && this.collect === F) {
        this.f = this.buf;
        this.collect = NONE;
        this.wantText = false;
      } else if (local === "c") {
        this.inCell = false;
        this.endCell();
      }
    } else if (this.depth === this.sheetDataDepth && local === "sheetData") {
      this.sheetDataDepth = -1;
    } else if (local === "mergeCells") {
      this.inMerges = false;
    }
  }

  /** The formula text of the open cell (a shared formula moved from its master). */
  private formulaText(): string {
    let f = this.f ?? "";
    if (this.fShared !== null) {
      if (this.fIsMaster) this.masters.set(this.fShared, { formula: f, row: this.cellRow, col: this.cellCol });
      else if (f === "") {
        const m = this.masters.get(this.fShared);
        if (m) f = shiftFormula(m.formula, this.cellRow - m.row, this.cellCol - m.col);
      }
    }
    return f;
  }

  private endCell(): void {
    const ctx = this.ctx;
    const type = this.cellType;
    const formula = this.f !== null ? this.formulaText() : null;
    let value: CellValue = null;
    let format: string | null = null;
    const v = this.v;
    let shared = false;
    if (type === "inlineStr") {
      value = this.inline ?? (v !== null ? unescapeX(v) : null);
    } else if (v === null) {
      value = null;
    } else if (type === null || type === "n") {
      const t = v.trim();
      const num = t === "" ? NaN : Number(t);
      if (t === "") value = null;
      else if (!Number.isFinite(num)) value = v;
      else {
        const style = ctx.styles[this.cellStyle];
        if (style && style.code !== null) {
          format = style.code;
          value = (style.date && serialToIsoDate(num, ctx.date1904)) || num;
        } else value = num;
      }
    } else if (type === "s") {
      const t = v.trim();
      const index = /^[0-9]+$/.test(t) ? Number(t) : -1;
      const strings = ctx.strings;
      const count = strings ? strings.length : 0;
      if (!strings || index < 0 || index >= count) {
        const cell = columnLetters(this.cellCol) + (this.cellRow + 1);
        fail(
          "corrupt",
          this.part,
          `cell ${cell} of sheet "${ctx.name}" refers to shared string ${t}, ${strings ? `${count} exist` : "and the workbook has no shared strings"}`,
          { kind: "shared_string", sheet: ctx.name, cell, index: index < 0 ? NaN : index, count },
        );
      }
      value = strings[index];
      shared = true;
    } else if (type === "str") {
      value = unescapeX(v);
    } else if (type === "b") {
      const t = v.trim();
      value = t === "1" || t === "true" ? true : t === "0" || t === "false" ? false : v;
    } else if (type === "e") {
      value = v.trim();
    } else if (type === "d") {
      const t = v.trim();
      value = /^\d{4}-\d{2}-\d{2}/.test(t) ? t.slice(0, 10) : t;
    } else {
      value = v;
    }
    if (value === null && formula !== null) value = `=${formula}`;
    if (value === null) return;
    if (typeof value === "string" && !shared) value = keepText(ctx.budget, value, ctx.name, this.part);
    this.grid.set(this.cellRow, this.cellCol, value, format);
  }
}

async function readWorksheet(
  zip: ZipArchive,
  entry: ZipEntry,
  ctx: SheetContext,
  limits: PartLimits,
): Promise<SheetGrid> {
  const handler = new WorksheetHandler(entry.name, ctx);
  const root = await scanPart(zip, entry, handler, limits);
  const local = localName(root);
  if (local !== "worksheet") {
    // A chartsheet, dialog or macro sheet stored under a worksheet relation: listed, without a table.
    if (local === "chartsheet" || local === "dialogsheet" || local === "macrosheet")
      return { name: ctx.name, values: [], merges: [] };
    fail("corrupt", entry.name, `<${root}> where a worksheet was expected`, { kind: "xml_unexpected", root });
  }
  return handler.grid.build();
}

// ---------------------------------------------------------------------------

/** Reads the workbook of an OOXML package whose workbook part is `workbookPart`. */
export async function readXlsx(
  zip: ZipArchive,
  workbookPart: string,
  limits: PartLimits,
  budget: Budget,
): Promise<SheetGrid[]> {
  const wbEntry = required(zip, workbookPart, "_rels/.rels");
  const info = await readWorkbookPart(zip, wbEntry, limits);
  const rels = await readRelations(zip, wbEntry.name, limits);
  if (!rels) {
    if (info.sheets.length === 0) return [];
    fail(
      "corrupt",
      relsPartOf(wbEntry.name),
      `part ${relsPartOf(wbEntry.name)} missing (the workbook's sheets cannot be found)`,
      {
        kind: "part_missing",
        from: wbEntry.name,
      },
    );
  }
  const byType = (kind: string): Relation | undefined => {
    for (const r of rels.values()) if (!r.external && isRel(r.type, kind)) return r;
    return undefined;
  };
  // Shared strings: through the relation, or at the usual place.
  let strings: string[] | null = null;
  const sstRel = byType(REL.sharedStrings);
  const sstEntry = sstRel
    ? required(zip, sstRel.target, wbEntry.name)
    : zip.get(resolveTarget(wbEntry.name, "sharedStrings.xml"));
  if (sstEntry) {
    strings = await readSharedStrings(zip, sstEntry, limits, budget);
  }
  let styles: CellStyle[] = [];
  const stylesRel = byType(REL.styles);
  if (stylesRel) styles = await readStyles(zip, required(zip, stylesRel.target, wbEntry.name), limits);

  const grids: SheetGrid[] = [];
  for (const sheet of info.sheets) {
    const rel = sheet.relId === null ? undefined : rels.get(sheet.relId);
    if (!rel || rel.external) {
      fail(
        "corrupt",
        wbEntry.name,
        `sheet "${sheet.name}" refers to relation ${sheet.relId ?? "(none)"}, which does not exist`,
        { kind: "sheet_relation", sheet: sheet.name },
      );
    }
    if (!isRel(rel.type, REL.worksheet)) {
      // A chartsheet (or dialog, macro sheet): a sheet without a table.
      grids.push({ name: sheet.name, values: [], merges: [] });
      continue;
    }
    const entry = required(zip, rel.target, wbEntry.name);
    grids.push(
      await readWorksheet(zip, entry, { name: sheet.name, strings, styles, date1904: info.date1904, budget }, limits),
    );
  }
  return grids;
}
