/// <reference types="office-js" />
import type { SheetResult } from "../domain/check";
import type { CellValue, SheetGrid } from "../sheet/grid";
import { analyseSheets } from "../sheet/workbook";
import { areasOfAddress, excelApiSupported, isAddinSheetName, rangeStart } from "./host";
import { formatRow } from "./read";
import { analyseOptionsOf, defaultSettings, type ProductSettings } from "./settings";

/**
 * Live re-check: the programming sheets are watched through ONE handler of
 * the worksheet collection's `onChanged` event (ExcelApi 1.9); a burst of
 * edits on a sheet gives one call, after `debounceMs` without an edit on
 * that sheet; the caller then re-checks that sheet alone (recheckSheet).
 *
 * What is not a user's edit of a programming sheet is ignored:
 * - the add-in's own sheets (Rapport COPIL…, Synthèse…, Simulation FSE…);
 * - the add-in's own writes: they are made inside withEventsOff, which turns
 *   the runtime's events off (`context.runtime.enableEvents`, ExcelApi 1.8)
 *   and makes the handler drop whatever reaches it meanwhile; an event that
 *   says it was raised by this add-in (`triggerSource` "ThisLocalAddin",
 *   ExcelApi 1.14) is dropped too.
 */

const DEFAULT_DEBOUNCE_MS = 800;

/** Writes of the add-in in progress (withEventsOff), in this runtime. */
let writing = 0;

/** Whether the add-in is writing inside withEventsOff right now. */
export function addinIsWriting(): boolean {
  return writing > 0;
}

/** What withEventsOff needs of a request context. */
export interface EventsContext {
  runtime: { enableEvents: boolean };
  sync(): Promise<unknown>;
}

/**
 * Runs the add-in's writes with the runtime's events off, so that they do not
 * raise change events, and turns them back on afterwards, even when the
 * writes fail. Turning them off is queued and goes with the writes' first
 * sync; turning them back on takes one sync of its own. Nested calls turn
 * them on once, when the outermost ends.
 */
export async function withEventsOff<C extends EventsContext, T>(
  context: C,
  write: (context: C) => Promise<T>,
): Promise<T> {
  writing++;
  context.runtime.enableEvents = false;
  let result: T;
  try {
    result = await write(context);
  } catch (e) {
    // The writes' own error says more than the restore's.
    await endOfWrites(context).catch(() => undefined);
    throw e;
  }
  await endOfWrites(context);
  return result;
}

/** One write of withEventsOff is over: the outermost turns the events back on (one sync). */
async function endOfWrites(context: EventsContext): Promise<void> {
  writing--;
  if (writing === 0) {
    context.runtime.enableEvents = true;
    await context.sync();
  }
}

/** Timers of the debounce; the global ones unless a test gives its own. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const GLOBAL_TIMERS: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface WatchOptions {
  /** Quiet time after a sheet's last edit before it is reported (default DEFAULT_DEBOUNCE_MS). */
  debounceMs?: number;
  timers?: Timers;
  /** Called with what a name lookup or onSheetChanged threw (default: ignored). */
  onError?: (error: unknown) => void;
}

/** The subset of WorksheetChangedEventArgs the watcher reads. */
type SheetChange = Pick<Excel.WorksheetChangedEventArgs, "worksheetId"> &
  Partial<Pick<Excel.WorksheetChangedEventArgs, "address" | "changeType" | "triggerSource">>;

export interface LiveWatch {
  /** Removes the handler (one sync) and drops the edits still waiting. */
  stop(): Promise<void>;
  /** Sheets (by id) whose debounce is running. */
  pending(): number;
}

/**
 * Watches every sheet's edits with one `worksheets.onChanged` handler and
 * calls `onSheetChanged(name)` once per burst of edits on a programming
 * sheet, `debounceMs` after its last edit (each sheet has its own timer).
 * The sheet's name is looked up by its id when the timer fires (one sync on
 * `context`, so a renamed sheet is reported under its new name; a deleted
 * one is not reported). `context` must outlive the watch: a
 * `new Excel.RequestContext()` kept by the task pane. Registering takes one
 * sync.
 */
export async function watchProgrammingSheets(
  context: Excel.RequestContext,
  onSheetChanged: (sheetName: string) => void | Promise<void>,
  options: WatchOptions = {},
): Promise<LiveWatch> {
  const debounceMs = Math.max(0, options.debounceMs ?? DEFAULT_DEBOUNCE_MS);
  const timers = options.timers ?? GLOBAL_TIMERS;
  const onError = options.onError ?? (() => undefined);
  const waiting = new Map<string, unknown>();
  let stopped = false;

  const fire = async (worksheetId: string): Promise<void> => {
    waiting.delete(worksheetId);
    if (stopped) return;
    try {
      const ws = context.workbook.worksheets.getItemOrNullObject(worksheetId);
      ws.load("name");
      await context.sync();
      if (stopped || ws.isNullObject || isAddinSheetName(ws.name)) return;
      await onSheetChanged(ws.name);
    } catch (e) {
      onError(e);
    }
  };

  const schedule = (args: SheetChange): void => {
    if (stopped || writing > 0 || args.triggerSource === "ThisLocalAddin") return;
    const id = args.worksheetId;
    const before = waiting.get(id);
    if (before !== undefined) timers.clearTimeout(before);
    waiting.set(
      id,
      timers.setTimeout(() => void fire(id), debounceMs),
    );
  };
  // Office wants a promise from an event handler; the check itself runs later, debounced.
  const handler = (args: SheetChange): Promise<void> => {
    schedule(args);
    return Promise.resolve();
  };

  const registration = context.workbook.worksheets.onChanged.add(handler);
  await context.sync();
  return {
    async stop(): Promise<void> {
      if (stopped) return;
      stopped = true;
      for (const h of waiting.values()) timers.clearTimeout(h);
      waiting.clear();
      registration.remove();
      await context.sync();
    },
    pending: () => waiting.size,
  };
}

/**
 * Reads ONE sheet and checks it with the settings (defaults when omitted;
 * rules, aliases, the user's column roles): its name, used range (values and
 * number formats included) and merged areas in one batch, so
 * one sync whatever the number of lines. The grid starts at the used range's
 * top-left cell, so finding addresses are sheet addresses. Null when no
 * sheet has that name (or id).
 */
export async function recheckSheet(
  context: Excel.RequestContext,
  sheetName: string,
  settings: ProductSettings = defaultSettings(),
  options: { merges?: boolean } = {},
): Promise<SheetResult | null> {
  const all = await recheckSheetResults(context, sheetName, settings, options);
  return all?.[0] ?? null;
}

/** Every result of the re-checked sheet: one, or one per year when it shows years side by side. */
export async function recheckSheetResults(
  context: Excel.RequestContext,
  sheetName: string,
  settings: ProductSettings = defaultSettings(),
  options: { merges?: boolean } = {},
): Promise<SheetResult[] | null> {
  const withMerges = options.merges ?? excelApiSupported("1.13");
  const sheet = context.workbook.worksheets.getItem(sheetName);
  sheet.load("name");
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load("address,rowIndex,columnIndex,rowCount,columnCount,values,numberFormat");
  let merged: Excel.RangeAreas | null = null;
  if (withMerges) {
    merged = sheet.getRange().getMergedAreasOrNullObject();
    merged.load("address");
  }
  try {
    await context.sync();
  } catch (e) {
    if ((e as { code?: string } | null)?.code === "ItemNotFound") return null;
    throw e;
  }

  const name = sheet.name;
  let grid: SheetGrid = { name, values: [] };
  if (!used.isNullObject) {
    const start =
      typeof used.rowIndex === "number" && typeof used.columnIndex === "number"
        ? { row: used.rowIndex, col: used.columnIndex }
        : rangeStart(used.address);
    grid = { name, values: used.values as CellValue[][] };
    const formats = used.numberFormat as unknown[][] | undefined;
    if (Array.isArray(formats)) grid.numberFormats = formats.map(formatRow);
    if (start) grid.origin = start;
  }
  if (merged && !merged.isNullObject && typeof merged.address === "string")
    grid.merges = areasOfAddress(merged.address);
  return analyseSheets(grid, analyseOptionsOf(settings));
}

export { isAddinSheetName };
