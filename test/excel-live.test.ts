/// <reference types="office-js" />
import * as path from "path";
import { describe, expect, it, vi } from "vitest";
import { syntheticProgramming } from "../scripts/workbook-writer";
import { readWorkbook } from "../src/cli/read";
import {
  addinIsWriting,
  isAddinSheetName,
  recheckSheet,
  watchProgrammingSheets,
  withEventsOff,
  type Timers,
} from "../src/excel/live";
import { defaultSettings } from "../src/excel/settings";
import type { CellValue } from "../src/sheet/grid";
import { allFindings } from "../src/domain/check";
import { FONDATION_CENTS, FONDATION_ROLE, FONDATION_SHEET_NAME, fondationRectangle } from "./column-roles-sample";
import { officeMock, type SheetSeed } from "./office-mock";

const FIXTURES = path.resolve(__dirname, "../../shared/fixtures");

/** What Excel's range.values gives: a rectangle, "" for blank cells. */
function rectangle(values: readonly (readonly CellValue[])[]): (string | number | boolean)[][] {
  const width = Math.max(0, ...values.map((r) => r.length));
  return values.map((r) => Array.from({ length: width }, (_, c) => (r[c] === null || r[c] === undefined ? "" : r[c])));
}

/** A sheet with its id (worksheetId of the change events), its values from its 0-based top-left (row, col) and number formats. */
type SeededSheet = SheetSeed & { id: string };

/**
 * The workbook with change events: `change` plays Excel raising one for a
 * sheet (whatever runtime.enableEvents says, so that the watcher's own
 * filtering is what is tested), `rename` the user renaming a sheet.
 */
function liveMock(sheets: readonly SeededSheet[]) {
  return officeMock({ sheets });
}

/** A clock for the debounce: timers run when the test moves the time on. */
class FakeClock implements Timers {
  now = 0;
  private next = 1;
  private tasks = new Map<number, { at: number; fn: () => void }>();
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.next++;
    this.tasks.set(id, { at: this.now + ms, fn });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.tasks.delete(handle as number);
  }
  get pending(): number {
    return this.tasks.size;
  }
  /** Moves the time on by `ms`, running the timers due in order, then lets their promises settle. */
  async advance(ms: number): Promise<void> {
    const end = this.now + ms;
    for (;;) {
      const due = [...this.tasks.entries()]
        .filter(([, t]) => t.at <= end)
        .sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
      if (!due) break;
      this.tasks.delete(due[0]);
      this.now = due[1].at;
      due[1].fn();
      await settle();
    }
    this.now = end;
    await settle();
  }
}
const settle = () => new Promise<void>((r) => setTimeout(r, 0));

const SHEETS: SeededSheet[] = [
  { id: "{P2019}", name: "Programmation 2019" },
  { id: "{P2015}", name: "Programmation 2015" },
  { id: "{COPIL}", name: "Rapport COPIL (2)" },
  { id: "{SYN}", name: "Synthèse" },
  { id: "{SIM}", name: "Simulation FSE (3)" },
];

async function watching(debounceMs = 500) {
  const mock = liveMock(SHEETS);
  const clock = new FakeClock();
  const calls: string[] = [];
  const sync = vi.spyOn(mock.context, "sync");
  const watch = await watchProgrammingSheets(mock.context, (name) => void calls.push(name), {
    debounceMs,
    timers: clock,
  });
  return { ...mock, clock, calls, sync, watch };
}

describe("watchProgrammingSheets", () => {
  it("registers one handler in one sync; a burst of 5 edits on a sheet gives one call after the debounce", async () => {
    const { handlers, change, clock, calls, sync, watch } = await watching(500);
    expect(handlers).toHaveLength(1);
    expect(sync).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 5; i++) {
      change("{P2019}", { address: `E${5 + i}` });
      await clock.advance(100);
    }
    // Last edit at t = 400: nothing before t = 900.
    expect(calls).toEqual([]);
    expect(watch.pending()).toBe(1);
    await clock.advance(399);
    expect(calls).toEqual([]);
    await clock.advance(1);
    expect(calls).toEqual(["Programmation 2019"]);
    expect(watch.pending()).toBe(0);
    // One name lookup for the whole burst.
    expect(sync).toHaveBeenCalledTimes(2);
    await clock.advance(5000);
    expect(calls).toEqual(["Programmation 2019"]);
  });

  it("debounces each sheet on its own timer", async () => {
    const { change, clock, calls } = await watching(300);
    change("{P2019}");
    await clock.advance(200);
    change("{P2015}");
    await clock.advance(200);
    change("{P2015}", { changeType: "RowInserted" });
    await clock.advance(100);
    expect(calls).toEqual(["Programmation 2019"]);
    await clock.advance(200);
    expect(calls).toEqual(["Programmation 2019", "Programmation 2015"]);
  });

  it("reports a renamed sheet under its new name, and not a deleted one", async () => {
    const { change, clock, calls, rename } = await watching(100);
    change("{P2019}");
    rename(0, "Prog 2019 v2");
    await clock.advance(100);
    change("{GONE}");
    await clock.advance(100);
    expect(calls).toEqual(["Prog 2019 v2"]);
  });

  it("ignores the add-in's own sheets", async () => {
    const { change, clock, calls } = await watching(100);
    for (const id of ["{COPIL}", "{SYN}", "{SIM}", "{SYN}"]) change(id);
    await clock.advance(1000);
    expect(calls).toEqual([]);
    expect(
      ["Rapport COPIL", "Rapport COPIL (4)", "Synthèse", "Synthèse (2)", "Simulation FSE", "Simulation FSE (2)"].every(
        isAddinSheetName,
      ),
    ).toBe(true);
    expect(["Programmation 2019", "Synthèse 2019", "Simulation", "Rapport COPIL 2019"].some(isAddinSheetName)).toBe(
      false,
    );
  });

  it("ignores changes made while events are off, and those raised by the add-in itself", async () => {
    const { context, change, clock, calls, sync, watch } = await watching(100);
    sync.mockClear();
    const seen: boolean[] = [];
    const out = await withEventsOff(context, async (c) => {
      seen.push(c.runtime.enableEvents, addinIsWriting());
      change("{P2019}");
      change("{P2015}", { address: "A1:Q40" });
      await c.sync(); // the writes
      change("{P2019}");
      return "written";
    });
    expect(out).toBe("written");
    expect(seen).toEqual([false, true]);
    expect(context.runtime.enableEvents).toBe(true);
    expect(addinIsWriting()).toBe(false);
    // The writes' sync, then one to turn events back on.
    expect(sync).toHaveBeenCalledTimes(2);
    expect(watch.pending()).toBe(0);
    change("{P2019}", { triggerSource: "ThisLocalAddin" });
    await clock.advance(1000);
    expect(calls).toEqual([]);
    // Once the writes are done, a user's edit counts again.
    change("{P2019}", { triggerSource: "Unknown" });
    await clock.advance(100);
    expect(calls).toEqual(["Programmation 2019"]);
  });

  it("turns events back on when the writes fail, once for nested writes", async () => {
    const { context } = liveMock(SHEETS);
    await expect(withEventsOff(context, () => Promise.reject(new Error("write failed")))).rejects.toThrow(
      "write failed",
    );
    expect(context.runtime.enableEvents).toBe(true);
    expect(addinIsWriting()).toBe(false);
    const spy = vi.spyOn(context, "sync");
    await withEventsOff(context, async (c) => {
      await withEventsOff(c, () => {
        expect(c.runtime.enableEvents).toBe(false);
        return Promise.resolve();
      });
      expect(c.runtime.enableEvents).toBe(false);
    });
    expect(context.runtime.enableEvents).toBe(true);
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it("stop() removes the handler and drops the edits still waiting", async () => {
    const { handlers, change, clock, calls, sync, watch } = await watching(100);
    change("{P2019}");
    expect(watch.pending()).toBe(1);
    sync.mockClear();
    await watch.stop();
    expect(handlers).toHaveLength(0);
    expect(sync).toHaveBeenCalledTimes(1);
    expect(watch.pending()).toBe(0);
    expect(clock.pending).toBe(0);
    change("{P2019}");
    await clock.advance(1000);
    expect(calls).toEqual([]);
    await watch.stop(); // twice: nothing more
    expect(sync).toHaveBeenCalledTimes(1);
  });
});

describe("recheckSheet", () => {
  it("reads and checks only that sheet, in one sync whatever the number of lines", async () => {
    const counts: number[] = [];
    for (const n of [20, 2000]) {
      const g = syntheticProgramming(n).grid;
      const other = syntheticProgramming(30, { year: 2018 }).grid;
      const { context } = liveMock([
        { id: "{A}", name: "Programmation 2018", values: rectangle(other.values) },
        { id: "{B}", name: g.name, values: rectangle(g.values), row: 2, col: 1 },
      ]);
      const sync = vi.spyOn(context, "sync");
      const r = await recheckSheet(context, g.name, defaultSettings(), { merges: true });
      counts.push(sync.mock.calls.length);
      expect(r!.sheet.name).toBe(g.name);
      expect(r!.sheet.year).toBe(2019);
      expect(r!.totals.lineCount).toBe(n);
    }
    expect(counts).toEqual([1, 1]);
  });

  it("checks the 2019 fixture with the settings; sheet addresses from the used range's origin", async () => {
    const g = (await readWorkbook(path.join(FIXTURES, "programmation-2019.xlsx")))[0];
    const { context } = liveMock([{ id: "{B}", name: g.name, values: rectangle(g.values), row: 3, col: 2 }]);
    const r = await recheckSheet(context, "{B}", { ...defaultSettings() }, { merges: false });
    expect(r!.totals.fse).toBe(55725011);
    expect(r!.budget.fse).toBe(60000000);
    const strict = await recheckSheet(context, g.name, { ...defaultSettings(), floor: 30000 }, { merges: false });
    expect(strict!.split.projects.length).toBeLessThan(r!.split.projects.length);
  });

  it("reads the number formats with the values (still 1 sync) and follows the column roles of the settings", async () => {
    const values = fondationRectangle();
    const formats = values.map((r, i) => r.map((_, c) => (i === 3 && c === 9 ? "0.00%" : "General")));
    const { context, sheet } = liveMock([{ id: "{F}", name: FONDATION_SHEET_NAME, values, formats }]);
    const sync = vi.spyOn(context, "sync");
    const plain = await recheckSheet(context, FONDATION_SHEET_NAME, defaultSettings(), { merges: false });
    expect(sync).toHaveBeenCalledTimes(1);
    // The used range the re-check loaded.
    const used = sheet(FONDATION_SHEET_NAME)!.usedRanges[0];
    expect(used.numberFormat).toEqual(formats);
    expect(plain!.totals.byFinancer.fonds_prives).toBeUndefined();
    expect(
      allFindings(plain!)
        .filter((f) => f.code === "UNKNOWN_COLUMN")
        .map((f) => f.cell),
    ).toEqual(["M3"]);
    const mapped = await recheckSheet(
      context,
      FONDATION_SHEET_NAME,
      { ...defaultSettings(), columns: [FONDATION_ROLE] },
      { merges: false },
    );
    expect(sync).toHaveBeenCalledTimes(2);
    expect(mapped!.totals.byFinancer.fonds_prives).toBe(FONDATION_CENTS.fondsPrives);
    expect(mapped!.totals.fse).toBe(FONDATION_CENTS.fse);
    expect(allFindings(mapped!).filter((f) => f.code === "UNKNOWN_COLUMN" || f.code === "UNBALANCED")).toEqual([]);
  });

  it("an empty sheet in 1 sync; a missing sheet gives null", async () => {
    const { context } = liveMock([{ id: "{E}", name: "Vide" }]);
    const sync = vi.spyOn(context, "sync");
    const r = await recheckSheet(context, "Vide", defaultSettings(), { merges: false });
    expect(sync).toHaveBeenCalledTimes(1);
    expect(r!.tables).toEqual([]);
    expect(await recheckSheet(context, "Absente")).toBeNull();
  });
});
