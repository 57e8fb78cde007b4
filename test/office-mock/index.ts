/// <reference types="office-js" />
/**
 * One Office.js mock for every test of the Excel adapter, the custom
 * functions' runtime and the task pane in Node: an Excel workbook and the
 * `Office`, `Excel` and `OfficeExtension` globals over it.
 *
 *     const mock = officeMock({ sheets: [{ name: "Programmation 2019", values }] });
 *     const sync = vi.spyOn(mock.context, "sync");
 *     await checkWorkbook(mock.context, "active");
 *
 * The objects behave as Office.js proxies (proxies.ts): writes, loads and
 * calls are queued and run at `context.sync()`; a property is read after
 * load + sync (or after being set), otherwise reading it throws
 * PropertyNotLoaded; `*OrNullObject` objects know `isNullObject` after the
 * next sync; Excel's errors come out of `sync()` as OfficeExtension.Error
 * (`code`, `message`, `debugInfo.errorLocation`).
 *
 * Options (all optional):
 *
 * - `sheets`: the workbook's sheets in tab order, each a name or a
 *   SheetSeed: `name`, `id` (Worksheet.id, `{S1}`… by default), `values`
 *   (the used range's values, a rectangle, "" for blank cells) starting at
 *   0-based `row` / `col` (default A1), `formats` (number formats, same
 *   shape; "General" where missing), `merges` (A1 areas), `fills` and
 *   `notes` by cell, `protected` (every write to the sheet fails at sync with
 *   AccessDenied, as Excel refuses edits to a protected sheet).
 * - `active`: the active sheet, by index or name (default the first).
 * - `fills`, `notes`: by `Sheet!A1`, as `mock.notes` keeps them.
 * - `settings`: the workbook's custom settings (Excel.SettingCollection).
 * - `missing`: requirement sets this Excel lacks, e.g. `["ExcelApi 1.18"]`
 *   for Excel 2021 / 2024 LTSC (each set lacks its later versions too).
 *   `Office.context.requirements.isSetSupported` answers accordingly, and a
 *   member of a missing set (REQUIREMENTS in host.ts: notes, merged areas,
 *   settings…) used anyway fails its batch at sync with ApiNotFound, none
 *   of the batch run (the old notes mock's behaviour, kept: see proxies.ts).
 * - `readOnly`: the workbook is open read-only: `Workbook.readOnly` loads
 *   true, `Office.context.document.mode` is `Office.DocumentMode.ReadOnly`,
 *   and every write (cells, formats, notes, settings, new sheets) fails at
 *   sync with AccessDenied.
 * - `cellEditMode`: the user is editing a cell: every round trip fails with
 *   InvalidOperationInCellEditMode, unless the batch runs in
 *   `Excel.run({ delayForCellEdit: true }, …)` (it then waits for the user to
 *   leave the cell, which the mock plays at once).
 * - `host`: what Office.onReady reports: "Excel" (default), another host
 *   ("Word"), or null (a browser page outside Office).
 * - `late`: the host library arrives late, as in Excel: `Office.onReady`
 *   waits and `Excel` is absent from `mock.globals` (and from globalThis when
 *   installed) until `mock.arrive()`.
 * - `onRun`: called at the start of every `Excel.run`, before its batch; what
 *   it throws (or rejects with) is Excel.run's error. A gate to hold a run.
 * - `displayLanguage` (default "fr-FR"), `officeTheme`: Office.context's.
 *
 * What the mock gives back (all live: a spread copy still sees them):
 *
 * - `context`: the one request context; `Excel.run` and
 *   `new Excel.RequestContext()` hand out this same object, so that
 *   `vi.spyOn(mock.context, "sync")` or `mock.syncs()` counts every round trip
 *   the add-in asks for (Excel.run's own closing round trip, which office.js
 *   makes only when commands are still queued, is not counted).
 * - `sheet(nameOrId)`: a sheet's state: `ranges` (what the add-in wrote, by
 *   the address it gave to getRange: `values`, `numberFormat`, `format`),
 *   `charts`, `activated`, `fills`, `usedRanges` (the Range objects handed out
 *   by getUsedRangeOrNullObject), `valuesOf(box)`…;
 *   `looked(name)`: the sheet if the add-in asked for it by name or id;
 *   `added()`: the sheets it created; `charts`: every chart added.
 * - `notes` (by `Sheet!A1`), `settings`: live maps; `calculations`
 *   (Application.calculate's types); `handlers` (the onChanged handlers
 *   registered); `usedWithout` (members used while their set is missing).
 * - `change(worksheetId, extra)`: plays Excel raising onChanged for a sheet
 *   (address E5, RangeEdited unless `extra` says otherwise). It calls every
 *   registered handler whatever `runtime.enableEvents` says, so that the
 *   add-in's own filtering is what a test sees. `rename(sheet, name)`: the
 *   user renames a sheet.
 * - Excel's own errors, raised at sync: `protect(sheet)`, `setReadOnly()`,
 *   `setCellEditMode()`, `lack(set)` / `supply(set)`; `failNextSync(code)`
 *   (the next round trip fails, nothing of it is run); `failOn(member, code)`
 *   (every batch that uses `Application.calculate`, `Range.values`… fails;
 *   null to stop). A code gets Microsoft's documented message (ERROR_MESSAGES);
 *   an Error is raised as is.
 * - The globals: `office`, `excel`, `officeExtension`, `globals` (an object
 *   holding them, for code that takes its globals as an argument);
 *   `install()` puts them on globalThis and returns the function that takes
 *   them back; `withGlobals(run)` does both around `run`. `arrive()`,
 *   `setVisibility(mode)` (Office.addin.onVisibilityModeChanged),
 *   `runs()` (Excel.run calls), `selection()`, `eventsEnabled()`.
 */
import {
  ERROR_MESSAGES,
  Host,
  officeError,
  OfficeMockError,
  type ChangeHandler,
  type ChartCall,
  type Fill,
  type SheetChangeArgs,
  type SheetSeed,
  type SheetState,
} from "./host";
import { MockRequestContext } from "./proxies";

export { ERROR_MESSAGES, FILL_PROPERTIES, OfficeMockError } from "./host";
export type { Fill, SheetSeed } from "./host";

export interface OfficeMockOptions {
  sheets?: readonly (string | SheetSeed)[];
  active?: number | string;
  fills?: Readonly<Record<string, Partial<Fill>>>;
  notes?: Readonly<Record<string, string>>;
  settings?: Readonly<Record<string, unknown>>;
  missing?: readonly string[];
  readOnly?: boolean;
  cellEditMode?: boolean;
  host?: string | null;
  late?: boolean;
  onRun?: () => void | Promise<void>;
  displayLanguage?: string;
  officeTheme?: Partial<Office.OfficeTheme>;
}

/** What `Excel.run` takes first, when it is not the batch. */
interface RunOptions {
  delayForCellEdit?: boolean;
}

/** The `Office` global of the mock: what the add-in reads of it. */
interface OfficeGlobalMock {
  HostType: Record<string, string>;
  DocumentMode: { ReadOnly: "readOnly"; ReadWrite: "readWrite" };
  onReady(
    callback?: (info: { host: string | null; platform: string | null }) => void,
  ): Promise<{ host: string | null; platform: string | null }>;
  context: {
    requirements: { isSetSupported(name: string, version?: string): boolean };
    displayLanguage: string;
    contentLanguage: string;
    officeTheme: Partial<Office.OfficeTheme>;
    platform: string;
    document: { readonly mode: "readOnly" | "readWrite" };
  };
  addin: {
    onVisibilityModeChanged(handler: (message: { visibilityMode: string }) => void): Promise<() => Promise<void>>;
    showAsTaskpane(): Promise<void>;
    hide(): Promise<void>;
  };
}

/** The `Excel` global of the mock. */
interface ExcelGlobalMock {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  run<T>(options: RunOptions, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  RequestContext: new () => Excel.RequestContext;
  CalculationType: { full: "Full"; fullRebuild: "FullRebuild"; recalculate: "Recalculate" };
  ErrorCodes: Record<string, string>;
}

export interface OfficeMock {
  context: Excel.RequestContext;
  sheet(nameOrId: string): SheetState | undefined;
  looked(nameOrId: string): SheetState | undefined;
  added(): SheetState[];
  charts: ChartCall[];
  notes: Map<string, string>;
  settings: Map<string, unknown>;
  calculations: unknown[];
  handlers: ChangeHandler[];
  usedWithout: string[];
  change(worksheetId: string, extra?: Partial<SheetChangeArgs>): void;
  rename(sheet: number | string, name: string): void;
  protect(sheet: number | string, on?: boolean): void;
  setReadOnly(on?: boolean): void;
  setCellEditMode(on?: boolean): void;
  lack(set: string): void;
  supply(set: string): void;
  failNextSync(error: string | Error): void;
  failOn(member: string, error: string | Error | null): void;
  syncs(): number;
  runs(): number;
  selection(): { sheet: string; address: string } | null;
  eventsEnabled(): boolean;
  office: OfficeGlobalMock;
  excel: ExcelGlobalMock;
  officeExtension: { Error: typeof OfficeMockError; ErrorCodes: Record<string, string> };
  globals: { Office: OfficeGlobalMock; Excel?: ExcelGlobalMock; OfficeExtension: OfficeMock["officeExtension"] };
  install(): () => void;
  withGlobals<T>(run: () => Promise<T> | T): Promise<T>;
  arrive(): void;
  setVisibility(mode: "Taskpane" | "Hidden"): void;
}

/** Excel.ErrorCodes, the codes of ERROR_MESSAGES. */
const ERROR_CODES: Record<string, string> = Object.fromEntries(
  Object.keys(ERROR_MESSAGES).map((code) => [code.charAt(0).toLowerCase() + code.slice(1), code]),
);

export function officeMock(options: OfficeMockOptions = {}): OfficeMock {
  const host = new Host();
  for (const seed of options.sheets ?? []) host.addSheet(typeof seed === "string" ? { name: seed } : seed);
  for (const [key, fill] of Object.entries(options.fills ?? {})) {
    const [sheet, cell] = splitKey(key);
    const s = host.find(sheet);
    if (!s) throw new Error(`office-mock: a fill on ${key}, a sheet the workbook does not have`);
    s.fills.set(cell, { ...s.fillOf(cell), ...fill });
  }
  for (const [key, text] of Object.entries(options.notes ?? {})) {
    const [sheet, cell] = splitKey(key);
    host.notes.set(`${host.find(sheet)?.name ?? sheet}!${cell}`, text);
  }
  for (const [key, value] of Object.entries(options.settings ?? {})) host.settings.set(key, value);
  for (const set of options.missing ?? []) host.missing.add(set);
  host.readOnly = options.readOnly ?? false;
  host.cellEditMode = options.cellEditMode ?? false;
  const active = options.active ?? 0;
  host.active = (typeof active === "number" ? host.sheets[active] : host.find(active)) ?? null;

  const ctx = new MockRequestContext(host);
  const context = ctx as unknown as Excel.RequestContext;
  let runs = 0;

  const excel: ExcelGlobalMock = {
    async run<T>(
      first: RunOptions | ((c: Excel.RequestContext) => Promise<T>),
      second?: (c: Excel.RequestContext) => Promise<T>,
    ): Promise<T> {
      const batch = typeof first === "function" ? first : second!;
      const runOptions = typeof first === "function" ? {} : first;
      runs++;
      await options.onRun?.();
      const before = ctx._delayForCellEdit;
      ctx._delayForCellEdit = runOptions.delayForCellEdit === true;
      try {
        const result = await batch(context);
        // office.js ends every Excel.run with a sync of what is still queued (ClientRequestContext._runCommon
        // calls ctx.sync() after the batch; with nothing queued it sends no request).
        await ctx._roundTrip();
        return result;
      } finally {
        ctx._delayForCellEdit = before;
      }
    },
    RequestContext: function RequestContext() {
      return context;
    } as unknown as new () => Excel.RequestContext,
    CalculationType: { full: "Full", fullRebuild: "FullRebuild", recalculate: "Recalculate" },
    ErrorCodes: ERROR_CODES,
  };

  let arrived = !options.late;
  let arrive: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    arrive = resolve;
    if (arrived) resolve();
  });
  const hostType = options.host === undefined ? "Excel" : options.host;
  const visibility: ((message: { visibilityMode: string }) => void)[] = [];
  const setVisibility = (mode: "Taskpane" | "Hidden"): void => {
    for (const h of [...visibility]) h({ visibilityMode: mode });
  };
  const office: OfficeGlobalMock = {
    HostType: { Excel: "Excel", Word: "Word", PowerPoint: "PowerPoint", Outlook: "Outlook", OneNote: "OneNote" },
    DocumentMode: { ReadOnly: "readOnly", ReadWrite: "readWrite" },
    async onReady(callback) {
      await ready;
      const info = { host: hostType, platform: hostType === null ? null : "PC" };
      callback?.(info);
      return info;
    },
    context: {
      requirements: { isSetSupported: (name, version) => host.isSetSupported(name, version) },
      displayLanguage: options.displayLanguage ?? "fr-FR",
      contentLanguage: options.displayLanguage ?? "fr-FR",
      officeTheme: {
        bodyBackgroundColor: "#FFFFFF",
        bodyForegroundColor: "#000000",
        controlBackgroundColor: "#FFFFFF",
        controlForegroundColor: "#000000",
        ...options.officeTheme,
      },
      platform: "PC",
      document: {
        get mode() {
          return host.readOnly ? "readOnly" : "readWrite";
        },
      },
    },
    addin: {
      onVisibilityModeChanged(handler) {
        visibility.push(handler);
        return Promise.resolve(() => {
          visibility.splice(visibility.indexOf(handler), 1);
          return Promise.resolve();
        });
      },
      showAsTaskpane: () => {
        setVisibility("Taskpane");
        return Promise.resolve();
      },
      hide: () => {
        setVisibility("Hidden");
        return Promise.resolve();
      },
    },
  };
  const officeExtension = { Error: OfficeMockError, ErrorCodes: ERROR_CODES };
  const globals: OfficeMock["globals"] = { Office: office, OfficeExtension: officeExtension };
  if (arrived) globals.Excel = excel;

  let installed: Record<string, unknown> | null = null;
  const install = (): (() => void) => {
    const g = globalThis as Record<string, unknown>;
    const before = { Office: g.Office, Excel: g.Excel, OfficeExtension: g.OfficeExtension };
    g.Office = office;
    g.OfficeExtension = officeExtension;
    if (arrived) g.Excel = excel;
    installed = g;
    return () => {
      for (const [k, v] of Object.entries(before)) {
        if (v === undefined) delete g[k];
        else g[k] = v;
      }
      installed = null;
    };
  };

  const sheetOf = (sheet: number | string): SheetState => {
    const s = typeof sheet === "number" ? host.sheets[sheet] : host.find(sheet);
    if (!s) throw new Error(`office-mock: no sheet ${sheet}`);
    return s;
  };

  return {
    context,
    sheet: (key) => host.find(key) ?? undefined,
    looked: (key) => {
      const s = host.find(key);
      return s && host.looked.has(s) ? s : undefined;
    },
    added: () => [...host.added],
    charts: host.charts,
    notes: host.notes,
    settings: host.settings,
    calculations: host.calculations,
    handlers: host.handlers,
    usedWithout: host.usedWithout,
    change: (worksheetId, extra = {}) => {
      for (const h of [...host.handlers]) void h({ worksheetId, address: "E5", changeType: "RangeEdited", ...extra });
    },
    rename: (sheet, name) => host.rename(sheetOf(sheet), name),
    protect: (sheet, on = true) => void (sheetOf(sheet).protected = on),
    setReadOnly: (on = true) => void (host.readOnly = on),
    setCellEditMode: (on = true) => void (host.cellEditMode = on),
    lack: (set) => void host.missing.add(set),
    supply: (set) => void host.missing.delete(set),
    failNextSync: (error) => void (host.nextFailure = officeError(error)),
    failOn: (member, error) => {
      if (error === null) host.failures.delete(member);
      else host.failures.set(member, officeError(error, member));
    },
    syncs: () => host.syncs,
    runs: () => runs,
    selection: () => host.selection,
    eventsEnabled: () => host.eventsEnabled,
    office,
    excel,
    officeExtension,
    globals,
    install,
    withGlobals: async (run) => {
      const uninstall = install();
      try {
        return await run();
      } finally {
        uninstall();
      }
    },
    arrive: () => {
      if (arrived) return;
      arrived = true;
      globals.Excel = excel;
      if (installed) installed.Excel = excel;
      arrive();
    },
    setVisibility,
  };
}

/** `Programmation 2015!L5` → ["Programmation 2015", "L5"] (the last `!` splits). */
function splitKey(key: string): [string, string] {
  const bang = key.lastIndexOf("!");
  if (bang < 0) throw new Error(`office-mock: ${key} is not Sheet!A1`);
  return [
    key.slice(0, bang),
    key
      .slice(bang + 1)
      .replace(/\$/g, "")
      .toUpperCase(),
  ];
}
