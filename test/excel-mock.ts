/// <reference types="office-js" />
import { OfficeMockObject } from "office-addin-mock";

/** A chart the add-in asked for, as recorded by the mock. */
export interface ChartCall {
  type: string;
  source: string;
  seriesBy: string;
  title: { text?: string };
  position?: [string, string];
}

/** A sheet made by `worksheets.add`: its ranges as written, its charts, whether it was activated. */
export function newSheetMock(name: string, charts: ChartCall[] = []) {
  const ranges: Record<string, any> = {};
  return {
    name,
    ranges,
    activated: false,
    getRange(address: string) {
      return (ranges[address] ??= { address, format: { font: {}, fill: {} } });
    },
    charts: {
      add(type: string, source: { address: string }, seriesBy: string) {
        const c: ChartCall = { type, source: source.address, seriesBy, title: {} };
        charts.push(c);
        return { title: c.title, setPosition: (a: string, b: string) => void (c.position = [a, b]) };
      },
    },
    activate(this: { activated: boolean }) {
      this.activated = true;
    },
  };
}

export type SheetMock = ReturnType<typeof newSheetMock>;

/**
 * A workbook holding sheets named `existing`, for the writers of new sheets.
 * office-addin-mock 4.0.0 models no sheet creation nor charts: worksheets.add
 * (refusing a name taken, whatever its case), getRange, charts.add,
 * setPosition and activate are seeded as functions; writes are plain
 * property sets on the mock objects, read back by the test. `worksheets`
 * adds methods to the collection (getItem…).
 */
export function workbookMock(existing: readonly string[], worksheets: Record<string, unknown> = {}) {
  const charts: ChartCall[] = [];
  const seed: Record<string, unknown> = {};
  existing.forEach((name, i) => (seed[`s${i}`] = { name }));
  const context: any = new OfficeMockObject({
    workbook: {
      worksheets: {
        ...seed,
        load(this: any) {
          for (const s of this.items) if (typeof s.load === "function") s.load("name");
          return this;
        },
        add(this: any, name: string) {
          if (this.items.some((s: { name: string }) => s.name.toLowerCase() === name.toLowerCase())) throw new Error(`sheet ${name} exists`);
          const s = newSheetMock(name, charts);
          this.items.push(s);
          this.added = [...(this.added ?? []), s];
          return s;
        },
        ...worksheets,
      },
    },
  });
  const ws = context.workbook.worksheets;
  ws.items = existing.map((_, i) => ws[`s${i}`]);
  return { context: context as Excel.RequestContext, mock: context, charts, added: () => (ws.added ?? []) as SheetMock[] };
}
