/**
 * The Excel JavaScript objects the add-in holds, as Office.js hands them out:
 * proxy objects whose property sets, loads and method calls are queued and
 * run against the host (host.ts) at `context.sync()`, in order
 * (https://learn.microsoft.com/office/dev/add-ins/develop/application-specific-api-model).
 *
 * As in office.js (the same page; the getters and setters of
 * @microsoft/office-js, Utility.throwIfNotLoaded):
 * - a property is read after it was loaded and synced, or set (a setter keeps
 *   the value locally); otherwise reading it throws PropertyNotLoaded at once;
 * - `*OrNullObject` objects get `isNullObject` at the next sync, without a
 *   load ("Office automatically loads this property when context.sync is
 *   called"); properties of a null object read as undefined and writes to it
 *   do nothing;
 * - an object that is not there (`getItem` of a missing sheet or note) fails
 *   the batch that uses it with ItemNotFound ("the getItem() method throws an
 *   ItemNotFound exception");
 * - a batch that uses a member of a requirement set this Excel lacks is
 *   refused whole at sync (ApiNotFound): nothing of it runs;
 * - otherwise a sync that fails rejects with the first failing command's
 *   error: the commands queued before it have run (the mock rolls nothing
 *   back), the rest are dropped, and nothing loaded by that batch is
 *   delivered.
 *
 * Only what the add-in calls is modelled; anything else throws "office-mock:
 * … is not modelled" rather than answer a guess.
 */
import {
  a1Of,
  boxOf,
  cellsOf,
  columnLetters,
  FILL_PROPERTIES,
  Host,
  MAX_COLS,
  MAX_ROWS,
  normalCell,
  notModelled,
  OfficeMockError,
  propertyNotLoaded,
  sheetPrefix,
  type Box,
  type ChangeHandler,
  type ChartCall,
  type Fill,
  type RangeRecord,
  type SheetState,
} from "./host";

type Stage = (apply: () => void) => void;
type Command = (stage: Stage) => void;

// ---------------------------------------------------------------------------
// The request context

export class MockRequestContext {
  readonly workbook: MockWorkbook;
  readonly application: MockApplication;
  readonly runtime: MockRuntime;
  /** @internal The commands of the batch being built. */
  _queue: Command[] = [];
  /** @internal `*OrNullObject` objects waiting for the sync that tells whether they exist. */
  _pendingNull: ClientObject<unknown>[] = [];
  /** @internal Set by Excel.run({ delayForCellEdit: true }) for its batches. */
  _delayForCellEdit = false;
  /** @internal Why Excel refuses the batch being built as a whole (a member of a missing requirement set). */
  _refused: OfficeMockError | null = null;

  constructor(readonly _host: Host) {
    this.workbook = new MockWorkbook(this);
    this.application = this.workbook.application;
    this.runtime = new MockRuntime(this);
  }

  /** Runs the queued commands (one round trip to Excel) and delivers what they loaded. */
  sync(): Promise<void> {
    this._host.syncs++;
    return this._roundTrip();
  }

  /** @internal A round trip without counting a sync: Excel.run's own, at the end of the batch. */
  async _roundTrip(): Promise<void> {
    const queue = this._queue;
    const pending = this._pendingNull;
    const refused = this._refused;
    this._queue = [];
    this._pendingNull = [];
    this._refused = null;
    await Promise.resolve();
    // Nothing queued: office.js sends no request.
    if (!queue.length && !pending.length && !refused) return;
    const host = this._host;
    if (host.cellEditMode) {
      // "When false, if the user is in cell edit when the batch request is processed by the host, the batch
      // automatically fails. When true, … the batch request is delayed until the user exits cell edit mode"
      // (Excel.RunOptions.delayForCellEdit, https://learn.microsoft.com/javascript/api/excel/excel.runoptions);
      // the user leaving the cell is played at once.
      if (!this._delayForCellEdit) throw new OfficeMockError("InvalidOperationInCellEditMode");
      host.cellEditMode = false;
    }
    if (refused) throw refused;
    if (host.nextFailure) {
      const e = host.nextFailure;
      host.nextFailure = null;
      throw e;
    }
    const staged: (() => void)[] = [];
    const stage: Stage = (apply) => void staged.push(apply);
    for (const c of queue) c(stage);
    for (const p of pending) p._settle(stage);
    for (const apply of staged) apply();
  }

  /** @internal A member the add-in uses: fails the batch when this Excel lacks its set, or when a test asked it to fail. */
  _use(member: string): void {
    const host = this._host;
    const failure = host.failures.get(member);
    if (failure)
      this._queue.push(() => {
        throw failure;
      });
    if (!host.supports(member)) {
      // An Excel without the member's requirement set (notes without ExcelApi 1.18 on Excel 2021 / 2024 LTSC):
      // office.js defines every set's objects whatever the host ("The Office JavaScript API library (Office.js)
      // includes all requirement sets that are currently available",
      // https://learn.microsoft.com/office/dev/add-ins/develop/office-versions-and-requirement-sets), so
      // `worksheet.notes` is handed out; its client-side check (throwIfApiNotSupported) stays off (it reads
      // CommonUtility._doApiNotSupportedCheck, which the Excel script never turns on: it sets the flag on the
      // Utility subclass, @microsoft/office-js 1.1.110). The host then refuses the batch at sync with
      // ApiNotFound, "The API you are trying to use could not be found. It may be available in a newer version
      // of the Office application" (https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling),
      // which is why the add-in asks Office.context.requirements.isSetSupported first
      // (https://learn.microsoft.com/office/dev/add-ins/develop/specify-api-requirements-runtime).
      // The whole batch fails and none of it runs (the request names an API this Excel does not have).
      host.usedWithout.push(member);
      this._refused ??= new OfficeMockError("ApiNotFound", undefined, member);
    }
  }
}

// ---------------------------------------------------------------------------
// Proxy objects

/** Load arguments as office.js takes them: "a,b", ["a", "b/c"], { a: true, b: { c: true } }, { select: "a,b" }. */
function loadPaths(what: unknown, all: readonly string[]): string[] {
  if (what === undefined || what === null) return [...all];
  if (typeof what === "string")
    return what
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  if (Array.isArray(what)) return what.flatMap((w) => loadPaths(w, all));
  if (typeof what === "object") {
    const select = (what as { select?: unknown }).select;
    if (select !== undefined) return loadPaths(select, all);
    return Object.entries(what as Record<string, unknown>).flatMap(([k, v]) =>
      v && typeof v === "object" ? loadPaths(v, []).map((p) => `${k}/${p}`) : v ? [k] : [],
    );
  }
  return [...all];
}

abstract class ClientObject<E> {
  /** @internal Values set or loaded, by property. */
  protected _local: Record<string, unknown> = {};
  /** @internal Whether the object is a null object; undefined until a sync tells. */
  _isNull: boolean | undefined;
  private _resolved: { e: E | null } | undefined;

  constructor(
    protected readonly _ctx: MockRequestContext,
    private readonly _resolver: () => E | null,
    /** The Excel type's name (`Range`, `RangeFill`…), for requirement sets and messages. */
    protected readonly _type: string,
    orNull = false,
  ) {
    if (orNull) _ctx._pendingNull.push(this);
    else this._isNull = false;
  }

  /** The scalar properties a `load()` without arguments loads. */
  protected abstract get _scalars(): readonly string[];
  /** A scalar property's value, read at sync. */
  protected abstract _read(e: E, property: string): unknown;

  get context(): MockRequestContext {
    return this._ctx;
  }

  get isNullObject(): boolean {
    if (this._isNull === undefined) throw propertyNotLoaded(this._type, "isNullObject");
    return this._isNull;
  }

  /** @internal The host's object, resolved at the first sync that uses it (a failed resolution is tried again). */
  _entity(): E | null {
    if (!this._resolved) this._resolved = { e: this._resolver() };
    return this._resolved.e;
  }

  /** @internal Tells a `*OrNullObject` whether it exists. */
  _settle(stage: Stage): void {
    const e = this._entity();
    stage(() => {
      this._isNull = e === null;
    });
  }

  /** A property's value: set or loaded; a null object's are undefined; anything else throws PropertyNotLoaded. */
  protected _get<T>(property: string): T {
    if (property in this._local) return this._local[property] as T;
    if (this._isNull === true) return undefined as T;
    throw propertyNotLoaded(this._type, property);
  }

  /** Sets a property locally (as office.js does) and queues the write. */
  protected _set(property: string, value: unknown, write: (e: E) => void): void {
    this._local[property] = value;
    this._ctx._use(`${this._type}.${property}`);
    this._do(write);
  }

  /** Queues a command on the object (nothing on a null object). */
  protected _do(run: (e: E) => void): void {
    this._ctx._queue.push(() => {
      const e = this._entity();
      if (e !== null) run(e);
    });
  }

  load(what?: unknown): this {
    const own: string[] = [];
    for (const path of loadPaths(what, this._scalars)) {
      const slash = path.indexOf("/");
      if (slash >= 0) this._loadNavigation(path.slice(0, slash), path.slice(slash + 1));
      else own.push(path);
    }
    for (const p of own) {
      if (!this._scalars.includes(p)) throw notModelled(`${this._type}.${p}`);
      this._ctx._use(`${this._type}.${p}`);
    }
    this._ctx._queue.push((stage) => {
      const e = this._entity();
      if (e === null) {
        stage(() => {
          this._isNull = true;
        });
        return;
      }
      const got = own.map((p) => [p, this._read(e, p)] as const);
      stage(() => {
        for (const [p, v] of got) this._local[p] = v;
        this._isNull = false;
      });
    });
    return this;
  }

  /** `load("format/fill/color")`: loads through a navigation property. */
  protected _loadNavigation(name: string, rest: string): void {
    const child = (this as unknown as Record<string, unknown>)[name];
    if (!(child instanceof ClientObject)) throw notModelled(`${this._type}.${name}`);
    child.load(rest);
  }

  toJSON(): Record<string, unknown> {
    return { ...this._local };
  }
}

// ---------------------------------------------------------------------------
// Workbook, application, runtime

export class MockWorkbook extends ClientObject<Host> {
  readonly worksheets: MockWorksheetCollection;
  readonly application: MockApplication;
  private _settings: MockSettingCollection | null = null;

  constructor(ctx: MockRequestContext) {
    super(ctx, () => ctx._host, "Workbook");
    this.worksheets = new MockWorksheetCollection(ctx);
    this.application = new MockApplication(ctx);
  }

  protected get _scalars(): readonly string[] {
    return ["readOnly"];
  }

  protected _read(host: Host, property: string): unknown {
    if (property === "readOnly") return host.readOnly;
    throw notModelled(`Workbook.${property}`);
  }

  get readOnly(): boolean {
    return this._get("readOnly");
  }

  /** The workbook's custom settings (ExcelApi 1.4). */
  get settings(): MockSettingCollection {
    this._ctx._use("Workbook.settings");
    return (this._settings ??= new MockSettingCollection(this._ctx));
  }
}

export class MockApplication extends ClientObject<Host> {
  constructor(ctx: MockRequestContext) {
    super(ctx, () => ctx._host, "Application");
  }

  protected get _scalars(): readonly string[] {
    return [];
  }

  protected _read(): unknown {
    throw notModelled("Application properties");
  }

  calculate(calculationType: unknown): void {
    this._ctx._use("Application.calculate");
    this._do((host) => void host.calculations.push(calculationType));
  }
}

export class MockRuntime extends ClientObject<Host> {
  constructor(ctx: MockRequestContext) {
    super(ctx, () => ctx._host, "Runtime");
  }

  protected get _scalars(): readonly string[] {
    return ["enableEvents"];
  }

  protected _read(host: Host): unknown {
    return host.eventsEnabled;
  }

  get enableEvents(): boolean {
    return this._get("enableEvents");
  }

  set enableEvents(on: boolean) {
    this._set("enableEvents", on, (host) => {
      host.eventsEnabled = on;
    });
  }
}

// ---------------------------------------------------------------------------
// Worksheets

export class MockWorksheetCollection extends ClientObject<Host> {
  constructor(ctx: MockRequestContext) {
    super(ctx, () => ctx._host, "WorksheetCollection");
  }

  /** Every sheet's changes (ExcelApi 1.9): a handler is registered with Excel at the next sync, removed at the sync after remove(). */
  get onChanged(): { add(handler: ChangeHandler): { remove(): void } } {
    this._ctx._use("WorksheetCollection.onChanged");
    return {
      add: (handler: ChangeHandler) => {
        this._do((host) => void host.handlers.push(handler));
        return {
          remove: () =>
            this._do((host) => {
              const i = host.handlers.indexOf(handler);
              if (i >= 0) host.handlers.splice(i, 1);
            }),
        };
      },
    };
  }

  protected get _scalars(): readonly string[] {
    return [];
  }

  protected _read(): unknown {
    throw notModelled("WorksheetCollection properties");
  }

  /** `load("items/name")`, `load("name")`: the sheets, in tab order, with those properties. */
  load(what?: unknown): this {
    const paths = loadPaths(what, MockWorksheet.SCALARS).map((p) => (p.startsWith("items/") ? p.slice(6) : p));
    for (const p of paths) {
      if (!MockWorksheet.SCALARS.includes(p)) throw notModelled(`Worksheet.${p}`);
      this._ctx._use(`Worksheet.${p}`);
    }
    this._ctx._queue.push((stage) => {
      const host = this._ctx._host;
      const got = host.sheets.map((s) => ({
        s,
        values: paths.map((p) => [p, MockWorksheet.read(host, s, p)] as const),
      }));
      stage(() => {
        this._local.items = got.map(({ s, values }) => {
          const ws = new MockWorksheet(this._ctx, () => s);
          for (const [p, v] of values) ws._loaded(p, v);
          return ws;
        });
      });
    });
    return this;
  }

  get items(): MockWorksheet[] {
    return this._get("items");
  }

  private lookUp(key: string, method: string): SheetState | null {
    const s = this._ctx._host.find(key);
    if (s) this._ctx._host.looked.add(s);
    this._ctx._use(`WorksheetCollection.${method}`);
    return s;
  }

  /** The sheet of that name (or id); a missing one fails the batch that uses it with ItemNotFound. */
  getItem(key: string): MockWorksheet {
    this.lookUp(key, "getItem");
    return new MockWorksheet(this._ctx, () => {
      const s = this._ctx._host.find(key);
      if (!s) throw new OfficeMockError("ItemNotFound", undefined, "WorksheetCollection.getItem");
      return s;
    });
  }

  getItemOrNullObject(key: string): MockWorksheet {
    this.lookUp(key, "getItemOrNullObject");
    return new MockWorksheet(this._ctx, () => this._ctx._host.find(key), true);
  }

  getActiveWorksheet(): MockWorksheet {
    return new MockWorksheet(this._ctx, () => {
      const host = this._ctx._host;
      const s = host.active ?? host.sheets[0] ?? null;
      if (!s) throw new OfficeMockError("ItemNotFound", undefined, "WorksheetCollection.getActiveWorksheet");
      return s;
    });
  }

  /**
   * A new sheet, added at sync: a name Excel refuses (over 31 characters,
   * one of : \ / ? * [ ], or already taken whatever its case) fails the batch.
   */
  add(name?: string): MockWorksheet {
    let made: SheetState | null = null;
    this._do((host) => {
      host.checkWrite(null, "WorksheetCollection.add");
      let n = name;
      // Without a name, Excel numbers the sheet (French Excel: Feuil1, Feuil2…).
      for (let i = host.sheets.length + 1; n === undefined; i++) if (!host.find(`Feuil${i}`)) n = `Feuil${i}`;
      if (!n.length || n.length > 31 || /[:\\/?*[\]]/.test(n) || /^'|'$/.test(n)) {
        throw new OfficeMockError("InvalidArgument", undefined, "WorksheetCollection.add");
      }
      if (host.find(n)) throw new OfficeMockError("ItemAlreadyExists", undefined, "WorksheetCollection.add");
      made = host.addSheet({ name: n });
      host.added.push(made);
    });
    return new MockWorksheet(this._ctx, () => {
      // Used before its add ran (the add failed): Excel does not know the object.
      if (!made) throw new OfficeMockError("ItemNotFound", undefined, "WorksheetCollection.add");
      return made;
    });
  }
}

export class MockWorksheet extends ClientObject<SheetState> {
  static readonly SCALARS: readonly string[] = ["name", "id", "position", "visibility"];
  private _notes: MockNoteCollection | null = null;
  private _charts: MockChartCollection | null = null;
  private _protection: MockWorksheetProtection | null = null;

  constructor(ctx: MockRequestContext, resolver: () => SheetState | null, orNull = false) {
    super(ctx, resolver, "Worksheet", orNull);
  }

  static read(host: Host, s: SheetState, property: string): unknown {
    switch (property) {
      case "name":
        return s.name;
      case "id":
        return s.id;
      case "position":
        return host.sheets.indexOf(s);
      case "visibility":
        return "Visible";
    }
    throw notModelled(`Worksheet.${property}`);
  }

  protected get _scalars(): readonly string[] {
    return MockWorksheet.SCALARS;
  }

  protected _read(s: SheetState, property: string): unknown {
    return MockWorksheet.read(this._ctx._host, s, property);
  }

  /** @internal A value delivered by the collection's load. */
  _loaded(property: string, value: unknown): void {
    this._local[property] = value;
  }

  get name(): string {
    return this._get("name");
  }

  /** Renaming: refused like a new sheet's name. */
  set name(name: string) {
    this._set("name", name, (s) => {
      const host = this._ctx._host;
      host.checkWrite(null, "Worksheet.name");
      const other = host.find(name);
      if (other && other !== s) throw new OfficeMockError("ItemAlreadyExists", undefined, "Worksheet.name");
      host.rename(s, name);
    });
  }

  get id(): string {
    return this._get("id");
  }

  get position(): number {
    return this._get("position");
  }

  get visibility(): string {
    return this._get("visibility");
  }

  /** The notes of the sheet (ExcelApi 1.18: on an Excel without it, the batch that uses them fails at sync). */
  get notes(): MockNoteCollection {
    this._ctx._use("Worksheet.notes");
    return (this._notes ??= new MockNoteCollection(this._ctx, this));
  }

  get charts(): MockChartCollection {
    return (this._charts ??= new MockChartCollection(this._ctx, this));
  }

  get protection(): MockWorksheetProtection {
    this._ctx._use("Worksheet.protection");
    return (this._protection ??= new MockWorksheetProtection(this._ctx, this));
  }

  /** A range by A1 address (`M5`, `A1:L40`, `A:A`); the whole sheet without one. */
  getRange(address?: string): MockRange {
    const box = address === undefined ? { r0: 0, c0: 0, r1: MAX_ROWS - 1, c1: MAX_COLS - 1 } : boxOf(address);
    const given = address ?? addressOf(box!);
    return new MockRange(
      this._ctx,
      () => {
        if (!box) throw new OfficeMockError("InvalidArgument", undefined, "Worksheet.getRange");
        const s = this._entity();
        return s && { sheet: s, box, given };
      },
      false,
      given,
    );
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): MockRange {
    this._ctx._use("Worksheet.getRangeByIndexes");
    const box = { r0: startRow, c0: startColumn, r1: startRow + rowCount - 1, c1: startColumn + columnCount - 1 };
    const valid =
      startRow >= 0 && startColumn >= 0 && rowCount >= 1 && columnCount >= 1 && box.r1 < MAX_ROWS && box.c1 < MAX_COLS;
    const given = valid ? a1Of(box) : "";
    return new MockRange(
      this._ctx,
      () => {
        if (!valid) throw new OfficeMockError("InvalidArgument", undefined, "Worksheet.getRangeByIndexes");
        const s = this._entity();
        return s && { sheet: s, box, given };
      },
      false,
      given,
    );
  }

  /** The used range (cells with values; the mock keeps no formatting-only cells), null for an empty sheet. */
  getUsedRangeOrNullObject(valuesOnly?: boolean): MockRange {
    void valuesOnly;
    this._ctx._use("Worksheet.getUsedRangeOrNullObject");
    const r = new MockRange(
      this._ctx,
      () => {
        const s = this._entity();
        const box = s?.usedBox();
        return s && box ? { sheet: s, box, given: a1Of(box) } : null;
      },
      true,
    );
    this._do((s) => void s.usedRanges.push(r as unknown as Excel.Range));
    return r;
  }

  /** The used range; an empty sheet fails the batch with ItemNotFound. */
  getUsedRange(valuesOnly?: boolean): MockRange {
    void valuesOnly;
    return new MockRange(this._ctx, () => {
      const s = this._entity();
      if (!s) return null;
      const box = s.usedBox();
      if (!box) throw new OfficeMockError("ItemNotFound", undefined, "Worksheet.getUsedRange");
      return { sheet: s, box, given: a1Of(box) };
    });
  }

  activate(): void {
    this._do((s) => {
      s.activated = true;
      this._ctx._host.active = s;
    });
  }
}

export class MockWorksheetProtection extends ClientObject<SheetState> {
  constructor(ctx: MockRequestContext, sheet: MockWorksheet) {
    super(ctx, () => sheet._entity(), "WorksheetProtection");
  }

  protected get _scalars(): readonly string[] {
    return ["protected"];
  }

  protected _read(s: SheetState): unknown {
    return s.protected;
  }

  get protected(): boolean {
    return this._get("protected");
  }
}

// ---------------------------------------------------------------------------
// Ranges

interface RangeEntity {
  sheet: SheetState;
  box: Box;
  /** The address the add-in gave (the key of the sheet's `ranges` record). */
  given: string;
}

/** A1 of a box, whole rows and columns as Excel prints them (`A:A`, `3:5`, `1:1048576`). */
function addressOf(b: Box): string {
  const allRows = b.r0 === 0 && b.r1 === MAX_ROWS - 1;
  const allCols = b.c0 === 0 && b.c1 === MAX_COLS - 1;
  if (allRows && !allCols) return `${columnLetters(b.c0)}:${columnLetters(b.c1)}`;
  if (allCols) return `${b.r0 + 1}:${b.r1 + 1}`;
  return a1Of(b);
}

/** The record of what was written through one address. */
function recordOf(e: RangeEntity): RangeRecord {
  return (e.sheet.ranges[e.given] ??= { address: e.given, format: { font: {}, fill: {} } });
}

export class MockRange extends ClientObject<RangeEntity> {
  private _format: MockRangeFormat | null = null;

  constructor(
    ctx: MockRequestContext,
    resolver: () => RangeEntity | null,
    orNull = false,
    /** The address the add-in gave, when it gave one. */
    private readonly _address?: string,
  ) {
    super(ctx, resolver, "Range", orNull);
  }

  protected get _scalars(): readonly string[] {
    return ["address", "rowIndex", "columnIndex", "rowCount", "columnCount", "values", "numberFormat"];
  }

  protected _read(e: RangeEntity, property: string): unknown {
    const b = e.box;
    switch (property) {
      case "address":
        return `${sheetPrefix(e.sheet.name)}!${addressOf(b)}`;
      case "rowIndex":
        return b.r0;
      case "columnIndex":
        return b.c0;
      case "rowCount":
        return b.r1 - b.r0 + 1;
      case "columnCount":
        return b.c1 - b.c0 + 1;
      case "values":
        return e.sheet.valuesOf(b);
      case "numberFormat":
        return e.sheet.numberFormatsOf(b);
    }
    throw notModelled(`Range.${property}`);
  }

  get address(): string {
    return this._get("address");
  }
  get rowIndex(): number {
    return this._get("rowIndex");
  }
  get columnIndex(): number {
    return this._get("columnIndex");
  }
  get rowCount(): number {
    return this._get("rowCount");
  }
  get columnCount(): number {
    return this._get("columnCount");
  }

  get values(): unknown[][] {
    return this._get("values");
  }

  /** Writes the cells' values (a rectangle of the range's size, or one value for every cell). */
  set values(values: unknown[][]) {
    this._set("values", values, (e) => {
      this._ctx._host.checkWrite(e.sheet, "Range.values");
      e.sheet.write(e.box, "values", values);
      recordOf(e).values = values;
    });
  }

  get numberFormat(): unknown[][] {
    return this._get("numberFormat");
  }

  set numberFormat(formats: unknown[][]) {
    this._set("numberFormat", formats, (e) => {
      this._ctx._host.checkWrite(e.sheet, "Range.numberFormat");
      e.sheet.write(e.box, "formats", formats);
      recordOf(e).numberFormat = formats;
    });
  }

  get format(): MockRangeFormat {
    return (this._format ??= new MockRangeFormat(this._ctx, this));
  }

  /** The merged areas in the range (ExcelApi 1.13), null when there are none. */
  getMergedAreasOrNullObject(): MockRangeAreas {
    this._ctx._use("Range.getMergedAreasOrNullObject");
    return new MockRangeAreas(
      this._ctx,
      () => {
        const e = this._entity();
        const areas = e ? e.sheet.mergesIn(e.box) : [];
        return e && areas.length ? { sheet: e.sheet, areas } : null;
      },
      true,
    );
  }

  select(): void {
    this._do((e) => {
      this._ctx._host.selection = { sheet: e.sheet.name, address: addressOf(e.box) };
      this._ctx._host.active = e.sheet;
    });
  }

  /** @internal The address the add-in gave (a chart's source, a note's cell). */
  _given(): string {
    return this._address ?? this._entity()?.given ?? "";
  }
}

export class MockRangeAreas extends ClientObject<{ sheet: SheetState; areas: string[] }> {
  constructor(ctx: MockRequestContext, resolver: () => { sheet: SheetState; areas: string[] } | null, orNull = false) {
    super(ctx, resolver, "RangeAreas", orNull);
  }

  protected get _scalars(): readonly string[] {
    return ["address", "areaCount"];
  }

  protected _read(e: { sheet: SheetState; areas: string[] }, property: string): unknown {
    if (property === "address") return e.areas.map((a) => `${sheetPrefix(e.sheet.name)}!${a}`).join(",");
    if (property === "areaCount") return e.areas.length;
    throw notModelled(`RangeAreas.${property}`);
  }

  get address(): string {
    return this._get("address");
  }

  get areaCount(): number {
    return this._get("areaCount");
  }
}

export class MockRangeFormat extends ClientObject<RangeEntity> {
  private _fill: MockRangeFill | null = null;
  private _font: MockRangeFont | null = null;

  constructor(
    ctx: MockRequestContext,
    private readonly range: MockRange,
  ) {
    super(ctx, () => range._entity(), "RangeFormat");
  }

  get fill(): MockRangeFill {
    return (this._fill ??= new MockRangeFill(this._ctx, this.range));
  }

  get font(): MockRangeFont {
    return (this._font ??= new MockRangeFont(this._ctx, this.range));
  }

  protected get _scalars(): readonly string[] {
    return ["columnWidth", "rowHeight"];
  }

  protected _read(_e: RangeEntity, property: string): unknown {
    throw notModelled(`reading RangeFormat.${property}`);
  }

  get columnWidth(): number {
    return this._get("columnWidth");
  }

  set columnWidth(points: number) {
    this._set("columnWidth", points, (e) => {
      this._ctx._host.checkWrite(e.sheet, "RangeFormat.columnWidth");
      recordOf(e).format.columnWidth = points;
    });
  }

  get rowHeight(): number {
    return this._get("rowHeight");
  }

  set rowHeight(points: number) {
    this._set("rowHeight", points, (e) => {
      this._ctx._host.checkWrite(e.sheet, "RangeFormat.rowHeight");
      recordOf(e).format.rowHeight = points;
    });
  }

  autofitColumns(): void {
    this._do((e) => this._ctx._host.checkWrite(e.sheet, "RangeFormat.autofitColumns"));
  }
}

/**
 * A range's fill, kept per cell; a cell without fill reads as NO_FILL (white,
 * pattern "None": what Excel reports, the reference documents no value). A
 * range of several cells reads a property as null when its cells differ
 * ("A null value indicates that the entire range doesn't have a uniform
 * pattern setting", https://learn.microsoft.com/javascript/api/excel/excel.rangefill).
 */
export class MockRangeFill extends ClientObject<RangeEntity> {
  constructor(ctx: MockRequestContext, range: MockRange) {
    super(ctx, () => range._entity(), "RangeFill");
  }

  protected get _scalars(): readonly string[] {
    return FILL_PROPERTIES;
  }

  protected _read(e: RangeEntity, property: string): unknown {
    const values = cellsOf(e.box, "fills").map((c) => e.sheet.fillProperty(c, property as keyof Fill));
    return values.every((v) => v === values[0]) ? values[0] : null;
  }

  private setFill(property: keyof Fill, value: string | number): void {
    this._set(property, value, (e) => {
      this._ctx._host.checkWrite(e.sheet, `RangeFill.${property}`);
      for (const c of cellsOf(e.box, "fills")) e.sheet.fills.set(c, { ...e.sheet.fillOf(c), [property]: value });
      recordOf(e).format.fill[property] = value;
    });
  }

  get color(): string {
    return this._get("color");
  }
  set color(v: string) {
    this.setFill("color", v);
  }
  get pattern(): string {
    return this._get("pattern");
  }
  set pattern(v: string) {
    this.setFill("pattern", v);
  }
  get patternColor(): string {
    return this._get("patternColor");
  }
  set patternColor(v: string) {
    this.setFill("patternColor", v);
  }
  get tintAndShade(): number {
    return this._get("tintAndShade");
  }
  set tintAndShade(v: number) {
    this.setFill("tintAndShade", v);
  }
  get patternTintAndShade(): number {
    return this._get("patternTintAndShade");
  }
  set patternTintAndShade(v: number) {
    this.setFill("patternTintAndShade", v);
  }

  /** No fill any more. */
  clear(): void {
    this._do((e) => {
      this._ctx._host.checkWrite(e.sheet, "RangeFill.clear");
      for (const c of cellsOf(e.box, "fills")) e.sheet.fills.delete(c);
      recordOf(e).format.fill.cleared = true;
    });
  }
}

/** A range's font: writes are recorded (sheet.ranges), reading them back is not modelled. */
export class MockRangeFont extends ClientObject<RangeEntity> {
  constructor(ctx: MockRequestContext, range: MockRange) {
    super(ctx, () => range._entity(), "RangeFont");
  }

  protected get _scalars(): readonly string[] {
    return ["bold", "italic", "color", "name", "size", "underline"];
  }

  protected _read(_e: RangeEntity, property: string): unknown {
    throw notModelled(`reading RangeFont.${property}`);
  }

  private setFont(property: string, value: unknown): void {
    this._set(property, value, (e) => {
      this._ctx._host.checkWrite(e.sheet, `RangeFont.${property}`);
      recordOf(e).format.font[property] = value;
    });
  }

  get bold(): boolean {
    return this._get("bold");
  }
  set bold(v: boolean) {
    this.setFont("bold", v);
  }
  get italic(): boolean {
    return this._get("italic");
  }
  set italic(v: boolean) {
    this.setFont("italic", v);
  }
  get color(): string {
    return this._get("color");
  }
  set color(v: string) {
    this.setFont("color", v);
  }
}

// ---------------------------------------------------------------------------
// Notes (ExcelApi 1.18)

interface NoteEntity {
  sheet: SheetState;
  cell: string;
}

const noteKey = (e: NoteEntity): string => `${e.sheet.name}!${e.cell}`;

export class MockNoteCollection extends ClientObject<SheetState> {
  constructor(
    ctx: MockRequestContext,
    private readonly sheet: MockWorksheet,
  ) {
    super(ctx, () => sheet._entity(), "NoteCollection");
  }

  protected get _scalars(): readonly string[] {
    return [];
  }

  protected _read(): unknown {
    throw notModelled("NoteCollection properties");
  }

  private cellOf(cellAddress: string | MockRange): string {
    return normalCell(typeof cellAddress === "string" ? cellAddress : cellAddress._given());
  }

  /** A note on a cell; a cell that has one already fails the batch (ItemAlreadyExists). */
  add(cellAddress: string | MockRange, content: string): MockNote {
    const cell = this.cellOf(cellAddress);
    this._do((s) => {
      const host = this._ctx._host;
      host.checkWrite(s, "NoteCollection.add");
      const key = `${s.name}!${cell}`;
      if (host.notes.has(key)) throw new OfficeMockError("ItemAlreadyExists", undefined, "NoteCollection.add");
      host.notes.set(key, content);
    });
    return new MockNote(this._ctx, () => {
      const s = this.sheet._entity();
      return s && { sheet: s, cell };
    });
  }

  /** The note of a cell; a cell without one fails the batch that uses it with ItemNotFound. */
  getItem(cellAddress: string | MockRange): MockNote {
    const cell = this.cellOf(cellAddress);
    return new MockNote(this._ctx, () => {
      const s = this.sheet._entity();
      if (!s) return null;
      if (!this._ctx._host.notes.has(`${s.name}!${cell}`))
        throw new OfficeMockError("ItemNotFound", undefined, "NoteCollection.getItem");
      return { sheet: s, cell };
    });
  }

  getItemOrNullObject(cellAddress: string | MockRange): MockNote {
    const cell = this.cellOf(cellAddress);
    return new MockNote(
      this._ctx,
      () => {
        const s = this.sheet._entity();
        return s && this._ctx._host.notes.has(`${s.name}!${cell}`) ? { sheet: s, cell } : null;
      },
      true,
    );
  }
}

export class MockNote extends ClientObject<NoteEntity> {
  constructor(ctx: MockRequestContext, resolver: () => NoteEntity | null, orNull = false) {
    super(ctx, resolver, "Note", orNull);
  }

  protected get _scalars(): readonly string[] {
    return ["content"];
  }

  protected _read(e: NoteEntity): unknown {
    const text = this._ctx._host.notes.get(noteKey(e));
    if (text === undefined) throw new OfficeMockError("ItemNotFound", undefined, "Note.content");
    return text;
  }

  get content(): string {
    return this._get("content");
  }

  set content(text: string) {
    this._set("content", text, (e) => {
      const host = this._ctx._host;
      host.checkWrite(e.sheet, "Note.content");
      if (!host.notes.has(noteKey(e))) throw new OfficeMockError("ItemNotFound", undefined, "Note.content");
      host.notes.set(noteKey(e), text);
    });
  }

  delete(): void {
    this._do((e) => {
      const host = this._ctx._host;
      host.checkWrite(e.sheet, "Note.delete");
      if (!host.notes.delete(noteKey(e))) throw new OfficeMockError("ItemNotFound", undefined, "Note.delete");
    });
  }
}

// ---------------------------------------------------------------------------
// Settings (ExcelApi 1.4)

export class MockSettingCollection extends ClientObject<Host> {
  constructor(ctx: MockRequestContext) {
    super(ctx, () => ctx._host, "SettingCollection");
  }

  protected get _scalars(): readonly string[] {
    return [];
  }

  protected _read(): unknown {
    throw notModelled("SettingCollection properties");
  }

  /** Adds or replaces a setting. */
  add(key: string, value: unknown): MockSetting {
    this._ctx._use("SettingCollection.add");
    this._do((host) => {
      host.checkWrite(null, "SettingCollection.add");
      host.settings.set(key, value);
    });
    return new MockSetting(this._ctx, () => key);
  }

  getItem(key: string): MockSetting {
    return new MockSetting(this._ctx, () => {
      if (!this._ctx._host.settings.has(key))
        throw new OfficeMockError("ItemNotFound", undefined, "SettingCollection.getItem");
      return key;
    });
  }

  getItemOrNullObject(key: string): MockSetting {
    this._ctx._use("SettingCollection.getItemOrNullObject");
    return new MockSetting(this._ctx, () => (this._ctx._host.settings.has(key) ? key : null), true);
  }
}

export class MockSetting extends ClientObject<string> {
  constructor(ctx: MockRequestContext, resolver: () => string | null, orNull = false) {
    super(ctx, resolver, "Setting", orNull);
  }

  protected get _scalars(): readonly string[] {
    return ["key", "value"];
  }

  protected _read(key: string, property: string): unknown {
    const settings = this._ctx._host.settings;
    if (!settings.has(key)) throw new OfficeMockError("ItemNotFound", undefined, `Setting.${property}`);
    return property === "key" ? key : settings.get(key);
  }

  get key(): string {
    return this._get("key");
  }

  get value(): unknown {
    return this._get("value");
  }

  set value(v: unknown) {
    this._set("value", v, (key) => {
      const host = this._ctx._host;
      host.checkWrite(null, "Setting.value");
      host.settings.set(key, v);
    });
  }

  delete(): void {
    this._do((key) => {
      const host = this._ctx._host;
      host.checkWrite(null, "Setting.delete");
      if (!host.settings.delete(key)) throw new OfficeMockError("ItemNotFound", undefined, "Setting.delete");
    });
  }
}

// ---------------------------------------------------------------------------
// Charts

export class MockChartCollection extends ClientObject<SheetState> {
  constructor(ctx: MockRequestContext, sheet: MockWorksheet) {
    super(ctx, () => sheet._entity(), "ChartCollection");
  }

  protected get _scalars(): readonly string[] {
    return [];
  }

  protected _read(): unknown {
    throw notModelled("ChartCollection properties");
  }

  /** A chart of `sourceData`, recorded as a ChartCall on the sheet and in `mock.charts`. */
  add(type: string, sourceData: MockRange, seriesBy?: string): MockChart {
    let call: ChartCall | null = null;
    this._do((s) => {
      const host = this._ctx._host;
      host.checkWrite(s, "ChartCollection.add");
      call = { type, source: sourceData._given(), seriesBy: seriesBy ?? "Auto", title: {} };
      s.charts.push(call);
      host.charts.push(call);
    });
    return new MockChart(this._ctx, () => call);
  }
}

export class MockChart extends ClientObject<ChartCall> {
  readonly title: MockChartTitle;

  constructor(ctx: MockRequestContext, resolver: () => ChartCall | null) {
    super(ctx, resolver, "Chart");
    this.title = new MockChartTitle(ctx, this);
  }

  protected get _scalars(): readonly string[] {
    return [];
  }

  protected _read(): unknown {
    throw notModelled("Chart properties");
  }

  setPosition(startCell: string, endCell?: string): void {
    this._do((c) => {
      c.position = [startCell, endCell ?? startCell];
    });
  }
}

export class MockChartTitle extends ClientObject<ChartCall> {
  constructor(ctx: MockRequestContext, chart: MockChart) {
    super(ctx, () => chart._entity(), "ChartTitle");
  }

  protected get _scalars(): readonly string[] {
    return ["text"];
  }

  protected _read(c: ChartCall): unknown {
    return c.title.text ?? "";
  }

  get text(): string {
    return this._get("text");
  }

  set text(text: string) {
    this._set("text", text, (c) => {
      c.title.text = text;
    });
  }
}
