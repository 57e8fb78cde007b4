/**
 * The Excel host behind the Office.js mock: the workbook's state (sheets and
 * their cells, number formats, merged areas, fills, notes; custom settings;
 * change handlers), the requirement sets this Excel offers, and the errors
 * Excel raises at `context.sync()`. The Office.js objects the add-in holds
 * (proxies.ts) queue commands that run against this state at sync.
 */

/** A cell value as Excel's `range.values` gives it: "" for a blank cell. */
export type Cell = string | number | boolean;

/** Excel's last row and column (1 048 576 rows, 16 384 columns): a whole column or sheet ends there. */
export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

// ---------------------------------------------------------------------------
// Errors, as Excel raises them

/**
 * The messages of the errors the mock raises. Microsoft documents the codes
 * and these messages in "Error handling with the application-specific
 * JavaScript APIs" (https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling);
 * the cell-edit and property-not-loaded messages are the ones office.js
 * itself carries (en-us office_strings.js of @microsoft/office-js).
 */
export const ERROR_MESSAGES: Readonly<Record<string, string>> = Object.freeze({
  AccessDenied: "You cannot perform the requested operation.",
  ApiNotFound:
    "The API you are trying to use could not be found. It may be available in a newer version of the Office application. See Office client application and platform availability for Office Add-ins for more information.",
  GeneralException: "There was an internal error while processing the request.",
  InvalidArgument: "The argument is invalid or missing or has an incorrect format.",
  InvalidOperationInCellEditMode:
    "Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.",
  ItemAlreadyExists: "The resource being created already exists.",
  ItemNotFound: "The requested resource doesn't exist.",
  NotImplemented: "The requested feature isn't implemented.",
  RangeExceedsLimit: "The cell count in the range has exceeded the maximum supported number.",
  RequestPayloadSizeLimitExceeded: "The request payload size has exceeded the limit.",
  ResponsePayloadSizeLimitExceeded: "The response payload size has exceeded the limit.",
  UnsupportedOperation: "The operation being attempted is not supported.",
});

/**
 * An error as Office.js rejects `context.sync()` with (OfficeExtension.Error,
 * named "RichApi.Error"): a `code` of Excel.ErrorCodes, a `message`, and
 * `debugInfo` naming where it happened.
 */
export class OfficeMockError extends Error {
  readonly code: string;
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  readonly traceMessages: string[] = [];
  readonly innerError: null = null;
  readonly httpStatusCode: number;

  constructor(code: string, message: string = ERROR_MESSAGES[code] ?? code, errorLocation?: string) {
    super(message);
    this.name = "RichApi.Error";
    this.code = code;
    this.httpStatusCode = code === "ItemNotFound" || code === "ApiNotFound" ? 404 : code === "AccessDenied" ? 403 : 400;
    this.debugInfo = errorLocation ? { code, message, errorLocation } : { code, message };
  }
}

/** The error `what` stands for: an Excel error code (with its documented message) or an error given as is. */
export function officeError(what: string | Error, errorLocation?: string): Error {
  return typeof what === "string" ? new OfficeMockError(what, undefined, errorLocation) : what;
}

/** Reading a property that was neither loaded nor set: office.js throws this at once (not at sync). */
export function propertyNotLoaded(entity: string, property: string): OfficeMockError {
  return new OfficeMockError(
    "PropertyNotLoaded",
    `The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
    `${entity}.${property}`,
  );
}

/** Something the mock does not model: a plain error, so that a test never passes on a guess. */
export function notModelled(what: string): Error {
  return new Error(`office-mock: ${what} is not modelled`);
}

// ---------------------------------------------------------------------------
// Addresses

export function columnLetters(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** A rectangle of a sheet, 0-based, last row and column included. */
export interface Box {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

/**
 * The box of an A1 address of one area: `B3`, `$B$3`, `A1:L40`, whole
 * columns `A:A` / `C:L`, whole rows `3:5`. Null when it does not read.
 */
export function boxOf(address: string): Box | null {
  const a = address.replace(/\$/g, "").trim().toUpperCase();
  let m = /^([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?$/.exec(a);
  if (m) {
    const r0 = Number(m[2]) - 1;
    const c0 = columnIndex(m[1]);
    const r1 = m[4] ? Number(m[4]) - 1 : r0;
    const c1 = m[3] ? columnIndex(m[3]) : c0;
    return { r0: Math.min(r0, r1), c0: Math.min(c0, c1), r1: Math.max(r0, r1), c1: Math.max(c0, c1) };
  }
  m = /^([A-Z]{1,3}):([A-Z]{1,3})$/.exec(a);
  if (m) {
    const [c0, c1] = [columnIndex(m[1]), columnIndex(m[2])].sort((x, y) => x - y);
    return { r0: 0, c0, r1: MAX_ROWS - 1, c1 };
  }
  m = /^(\d+):(\d+)$/.exec(a);
  if (m) {
    const [r0, r1] = [Number(m[1]) - 1, Number(m[2]) - 1].sort((x, y) => x - y);
    return { r0, c0: 0, r1, c1: MAX_COLS - 1 };
  }
  return null;
}

/** A1 text of a box, as Excel prints it: one cell `B3`, an area `A1:L40`. */
export function a1Of(b: Box): string {
  const first = `${columnLetters(b.c0)}${b.r0 + 1}`;
  return b.r0 === b.r1 && b.c0 === b.c1 ? first : `${first}:${columnLetters(b.c1)}${b.r1 + 1}`;
}

/** A sheet name as Excel writes it before `!`: quoted when it holds more than letters, digits, `_` and `.`. */
export function sheetPrefix(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

const overlaps = (a: Box, b: Box): boolean => a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1;

// ---------------------------------------------------------------------------
// The workbook's state

/** A cell's fill, as `Range.format.fill` gives it. */
export interface Fill {
  color: string | null;
  pattern: string | null;
  patternColor: string | null;
  tintAndShade: number | null;
  patternTintAndShade: number | null;
}

/** What Excel reports for a cell without fill. */
const NO_FILL: Readonly<Fill> = Object.freeze({
  color: "#FFFFFF",
  pattern: "None",
  patternColor: "#000000",
  tintAndShade: 0,
  patternTintAndShade: 0,
});

export const FILL_PROPERTIES = ["color", "pattern", "patternColor", "tintAndShade", "patternTintAndShade"] as const;

/** A chart the add-in added, as recorded by the mock. */
export interface ChartCall {
  type: string;
  /** The source range's address as the add-in gave it (`A5:C10`). */
  source: string;
  seriesBy: string;
  title: { text?: string };
  /** setPosition's two cells. */
  position?: [string, string];
}

/** What the add-in wrote through one `getRange(address)`, by that address: values, number formats, formats. */
export interface RangeRecord {
  address: string;
  values?: unknown;
  numberFormat?: unknown;
  format: { font: Record<string, unknown>; fill: Record<string, unknown>; columnWidth?: number; rowHeight?: number };
}

/** A sheet as a test seeds it. */
export interface SheetSeed {
  name: string;
  /** Worksheet.id; `{S1}`, `{S2}`… when omitted. */
  id?: string;
  /** The used range's values, a rectangle ("" for blank cells); none for an empty sheet. */
  values?: readonly (readonly Cell[])[];
  /** 0-based top-left cell of `values` (default A1). */
  row?: number;
  col?: number;
  /** Number formats, same shape as `values`; "General" where omitted. */
  formats?: readonly (readonly (string | null | undefined)[])[];
  /** Merged areas, A1 addresses (`A2:E2`). */
  merges?: readonly string[];
  /** Fills by cell (`L5`). */
  fills?: Readonly<Record<string, Partial<Fill>>>;
  /** Notes by cell (`M11`). */
  notes?: Readonly<Record<string, string>>;
  /** The sheet is protected: every write to it fails at sync with AccessDenied. */
  protected?: boolean;
}

/** One sheet of the mock workbook. Tests read it through `mock.sheet(name)`, `mock.added()`. */
export class SheetState {
  id: string;
  name: string;
  protected: boolean;
  /** Whether the add-in activated it (Worksheet.activate). */
  activated = false;
  /** What the add-in wrote, by the address it gave to getRange. */
  readonly ranges: Record<string, RangeRecord> = {};
  /** The charts the add-in added to this sheet. */
  readonly charts: ChartCall[] = [];
  /** Merged areas, A1. */
  merges: string[];
  /** Fills by cell (A1, no `$`); a cell missing has no fill. */
  readonly fills = new Map<string, Fill>();
  /** The Range objects handed out by getUsedRangeOrNullObject, in order (to look at what the add-in loaded). */
  readonly usedRanges: Excel.Range[] = [];
  /** Top-left of the stored cells, and the cells: a rectangle, "" blank, with a format per cell. */
  private origin: { row: number; col: number };
  private values: Cell[][];
  private formats: string[][];

  constructor(seed: SheetSeed, id: string) {
    this.id = seed.id ?? id;
    this.name = seed.name;
    this.protected = seed.protected ?? false;
    this.merges = [...(seed.merges ?? [])];
    this.origin = { row: seed.row ?? 0, col: seed.col ?? 0 };
    this.values = (seed.values ?? []).map((r) => [...r]);
    const width = Math.max(0, ...this.values.map((r) => r.length));
    for (const r of this.values) while (r.length < width) r.push("");
    this.formats = this.values.map((r, i) => r.map((_, c) => seed.formats?.[i]?.[c] ?? "General"));
    for (const [cell, fill] of Object.entries(seed.fills ?? {}))
      this.fills.set(normalCell(cell), { ...NO_FILL, ...fill });
  }

  /** The used range (cells with values, as `getUsedRangeOrNullObject(true)`): the stored rectangle, or null for an empty sheet. */
  usedBox(): Box | null {
    if (!this.values.length || !this.values[0].length) return null;
    const { row, col } = this.origin;
    return { r0: row, c0: col, r1: row + this.values.length - 1, c1: col + this.values[0].length - 1 };
  }

  /** The values of a box, as range.values gives them: a rectangle, "" outside the stored cells. */
  valuesOf(b: Box): Cell[][] {
    return this.grid(b, this.values, "");
  }

  numberFormatsOf(b: Box): string[][] {
    return this.grid(b, this.formats, "General");
  }

  private grid<T>(b: Box, store: T[][], blank: T): T[][] {
    const rows = b.r1 - b.r0 + 1;
    const cols = b.c1 - b.c0 + 1;
    if (rows * cols > 5_000_000) throw new OfficeMockError("RangeExceedsLimit");
    const out = new Array<T[]>(rows);
    for (let i = 0; i < rows; i++) {
      const src = store[b.r0 + i - this.origin.row];
      const row = new Array<T>(cols);
      for (let j = 0; j < cols; j++) {
        const v = src?.[b.c0 + j - this.origin.col];
        row[j] = v === undefined ? blank : v;
      }
      out[i] = row;
    }
    return out;
  }

  /** Writes values (or number formats) into a box, growing the stored rectangle; one value fills the whole box. */
  write(b: Box, what: "values" | "formats", given: unknown): void {
    const rows = b.r1 - b.r0 + 1;
    const cols = b.c1 - b.c0 + 1;
    const grid = Array.isArray(given) ? (given as unknown[][]) : null;
    if (grid && (grid.length !== rows || grid.some((r) => !Array.isArray(r) || r.length !== cols))) {
      throw new OfficeMockError(
        "InvalidArgument",
        "The number of rows or columns in the input array doesn't match the size or dimensions of the range.",
      );
    }
    if (rows * cols > 5_000_000) throw new OfficeMockError("RangeExceedsLimit");
    this.grow(b);
    const store = what === "values" ? this.values : this.formats;
    for (let i = 0; i < rows; i++) {
      const row = store[b.r0 + i - this.origin.row] as unknown[];
      for (let j = 0; j < cols; j++) row[b.c0 + j - this.origin.col] = grid ? grid[i][j] : given;
    }
  }

  private grow(b: Box): void {
    const cur = this.usedBox();
    const want = cur
      ? {
          r0: Math.min(cur.r0, b.r0),
          c0: Math.min(cur.c0, b.c0),
          r1: Math.max(cur.r1, b.r1),
          c1: Math.max(cur.c1, b.c1),
        }
      : b;
    if (cur && want.r0 === cur.r0 && want.c0 === cur.c0 && want.r1 === cur.r1 && want.c1 === cur.c1) return;
    const values = this.grid(want, this.values, "");
    const formats = this.grid(want, this.formats, "General");
    this.origin = { row: want.r0, col: want.c0 };
    this.values = values;
    this.formats = formats;
  }

  /** The merged areas meeting a box, A1. */
  mergesIn(b: Box): string[] {
    return this.merges.filter((m) => {
      const mb = boxOf(m);
      return mb !== null && overlaps(mb, b);
    });
  }

  /** The fill of one cell (a copy). */
  fillOf(cell: string): Fill {
    return { ...(this.fills.get(cell) ?? NO_FILL) };
  }

  /** One property of a cell's fill. */
  fillProperty(cell: string, property: keyof Fill): Fill[keyof Fill] {
    return (this.fills.get(cell) ?? NO_FILL)[property];
  }
}

/** `$l$5` → `L5`. */
export function normalCell(cell: string): string {
  return cell.replace(/\$/g, "").trim().toUpperCase();
}

/** Cells (A1) of a box, for what the mock keeps per cell (fills); refused above a small size. */
export function cellsOf(b: Box, what: string): string[] {
  if (b.r0 === b.r1 && b.c0 === b.c1) return [`${columnLetters(b.c0)}${b.r0 + 1}`];
  const n = (b.r1 - b.r0 + 1) * (b.c1 - b.c0 + 1);
  if (n > 100_000) throw notModelled(`${what} on more than 100 000 cells`);
  const out: string[] = [];
  for (let r = b.r0; r <= b.r1; r++) for (let c = b.c0; c <= b.c1; c++) out.push(`${columnLetters(c)}${r + 1}`);
  return out;
}

/** The arguments of a worksheet change the mock raises (WorksheetChangedEventArgs, the fields the add-in reads). */
export interface SheetChangeArgs {
  worksheetId: string;
  address?: string;
  changeType?: string;
  triggerSource?: string;
  [more: string]: unknown;
}

export type ChangeHandler = (args: SheetChangeArgs) => unknown;

/**
 * The requirement set of each member the add-in uses above ExcelApi 1.1
 * (the sets of the Excel JavaScript API reference; the same table as
 * test/requirements.test.ts). Using one of them on an Excel that lacks its
 * set fails the batch at sync with ApiNotFound (see Host.use).
 */
const REQUIREMENTS: Readonly<Record<string, string>> = Object.freeze({
  "RangeFormat.columnWidth": "ExcelApi 1.2",
  "Worksheet.protection": "ExcelApi 1.2",
  "Workbook.settings": "ExcelApi 1.4",
  "WorksheetCollection.getItemOrNullObject": "ExcelApi 1.4",
  "Worksheet.getUsedRangeOrNullObject": "ExcelApi 1.4",
  "Worksheet.getRangeByIndexes": "ExcelApi 1.7",
  "Runtime.enableEvents": "ExcelApi 1.8",
  "Workbook.readOnly": "ExcelApi 1.8",
  "WorksheetCollection.onChanged": "ExcelApi 1.9",
  "RangeFill.pattern": "ExcelApi 1.9",
  "RangeFill.patternColor": "ExcelApi 1.9",
  "RangeFill.tintAndShade": "ExcelApi 1.9",
  "RangeFill.patternTintAndShade": "ExcelApi 1.9",
  "RangeAreas.address": "ExcelApi 1.9",
  "Range.getMergedAreasOrNullObject": "ExcelApi 1.13",
  "Worksheet.notes": "ExcelApi 1.18",
});

/** "ExcelApi 1.18" → ["ExcelApi", [1, 18]]. */
function parseSet(set: string): [string, number[]] {
  const [name, version = "1.1"] = set.trim().split(/\s+/);
  return [name, version.split(".").map(Number)];
}

function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

/** The state shared by every object of one mock: the workbook, the host's settings, what happened. */
export class Host {
  readonly sheets: SheetState[] = [];
  /** Notes by `Sheet!A1`. */
  readonly notes = new Map<string, string>();
  /** The workbook's custom settings (Excel.SettingCollection). */
  readonly settings = new Map<string, unknown>();
  /** The worksheet collection's onChanged handlers, registered at sync. */
  readonly handlers: ChangeHandler[] = [];
  /** Application.calculate's types, in order, as run at sync. */
  readonly calculations: unknown[] = [];
  /** Members used while this Excel lacks their set (`Worksheet.notes`…): each failed its batch at sync. */
  readonly usedWithout: string[] = [];
  /** Sheets created by worksheets.add, in order. */
  readonly added: SheetState[] = [];
  /** Every chart added, in order. */
  readonly charts: ChartCall[] = [];
  /** Sheets the add-in looked up by name or id (getItem, getItemOrNullObject). */
  readonly looked = new Set<SheetState>();
  /** Requirement sets this Excel lacks, each with its later versions. */
  readonly missing = new Set<string>();
  /** Errors waiting for a member's use (failOn). */
  readonly failures = new Map<string, Error>();
  /** The error the next round trip fails with (failNextSync). */
  nextFailure: Error | null = null;
  active: SheetState | null = null;
  selection: { sheet: string; address: string } | null = null;
  readOnly = false;
  cellEditMode = false;
  eventsEnabled = true;
  syncs = 0;
  private nextId = 1;

  addSheet(seed: SheetSeed): SheetState {
    const s = new SheetState(seed, `{S${this.nextId++}}`);
    for (const [cell, text] of Object.entries(seed.notes ?? {})) this.notes.set(`${s.name}!${normalCell(cell)}`, text);
    this.sheets.push(s);
    return s;
  }

  /** A sheet by name (without case, as Excel) or by id. */
  find(key: string): SheetState | null {
    const low = key.toLowerCase();
    return this.sheets.find((s) => s.id === key || s.name.toLowerCase() === low) ?? null;
  }

  /** Renames a sheet as the user would; its notes follow it. */
  rename(s: SheetState, name: string): void {
    const old = `${s.name}!`;
    for (const [k, v] of [...this.notes]) {
      if (!k.startsWith(old)) continue;
      this.notes.delete(k);
      this.notes.set(`${name}!${k.slice(old.length)}`, v);
    }
    s.name = name;
  }

  /** Office.context.requirements.isSetSupported: a set is supported unless it, or an earlier version of it, is missing. */
  isSetSupported(name: string, version = "1.1"): boolean {
    const [, want] = parseSet(`${name} ${version}`);
    for (const m of this.missing) {
      const [mName, mVersion] = parseSet(m);
      if (mName === name && compareVersions(want, mVersion) >= 0) return false;
    }
    return true;
  }

  /** Whether a member's set is supported (members not in REQUIREMENTS are ExcelApi 1.1). */
  supports(member: string): boolean {
    if (!this.missing.size) return true;
    const set = REQUIREMENTS[member];
    if (!set) return true;
    const [name, version] = parseSet(set);
    return this.isSetSupported(name, version.join("."));
  }

  /**
   * Refuses a write on a protected sheet or a read-only workbook, as Excel
   * does at sync: AccessDenied, "You cannot perform the requested operation."
   * Excel answers a write to a locked cell of a protected sheet so
   * (microsoftgraph/microsoft-graph-docs#4546, the same workbook service), and
   * the WorksheetProtection reference says its members throw AccessDenied
   * while protection is on (https://learn.microsoft.com/javascript/api/excel/excel.worksheetprotection).
   * Every cell of a protected sheet is taken as locked (Excel's default).
   * Microsoft documents no code for a write to a workbook open read-only
   * (`Workbook.readOnly`, ExcelApi 1.8; Excel on the web in view mode): the
   * mock raises AccessDenied there too, the code reported for refused edits
   * (OfficeDev/office-js#664, #1501).
   */
  checkWrite(sheet: SheetState | null, location: string): void {
    if (this.readOnly || sheet?.protected) throw new OfficeMockError("AccessDenied", undefined, location);
  }
}
