/**
 * A programming just within the cell budget keeps plie-check (the whole
 * process: read, check, JSON report written to a file) under 400 MB; the
 * reader's own share is measured too. (A file of its own, so that it runs
 * beside budget.test.ts.)
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { columnLetters } from "../../src/domain/address";
import { DEFAULT_MAX_CELLS } from "../../src/cli/read";
import type { SheetGrid } from "../../src/sheet/grid";
import { syntheticProgramming } from "../../scripts/workbook-writer";
import { escapeXml, makeZip, xlsxParts } from "./build";
import { buildCli, runCli, type CliBuild } from "./cli-run";
import { parseReport } from "../report-json";

let dir: string;
let cli: CliBuild;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "plie-reader-budget-"));
  cli = await buildCli();
}, 120_000);

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Grid slots as the reader counts them: each row, and each row's cells. */
function slots(grid: SheetGrid): number {
  let n = 0;
  for (const row of grid.values) n += 1 + row.length;
  return n;
}

/** An .xlsx of one grid: strings shared, numbers as they are. */
function xlsxOfGrid(grid: SheetGrid): Buffer {
  const strings = new Map<string, number>();
  const rows: string[] = [];
  grid.values.forEach((row, r) => {
    let cells = "";
    row.forEach((v, c) => {
      if (v === null || v === undefined) return;
      const ref = `${columnLetters(c)}${r + 1}`;
      if (typeof v === "number") cells += `<c r="${ref}"><v>${v}</v></c>`;
      else {
        const s = String(v);
        let k = strings.get(s);
        if (k === undefined) {
          k = strings.size;
          strings.set(s, k);
        }
        cells += `<c r="${ref}" t="s"><v>${k}</v></c>`;
      }
    });
    rows.push(`<row r="${r + 1}">${cells}</row>`);
  });
  let sst = "";
  for (const s of strings.keys()) sst += `<si><t>${escapeXml(s)}</t></si>`;
  return makeZip(xlsxParts({ sheets: [{ name: grid.name, rows: rows.join("") }], sharedStrings: sst }), { level: 1 });
}

describe("at the budgets, plie-check stays under 400 MB", () => {
  it("a dense programming of nearly the cell budget (116 000 lines)", () => {
    const grid = syntheticProgramming(116_000, { seed: 5 }).grid;
    const n = slots(grid);
    expect(n).toBeGreaterThan(0.95 * DEFAULT_MAX_CELLS);
    expect(n).toBeLessThanOrEqual(DEFAULT_MAX_CELLS);
    const file = path.join(dir, "dense.xlsx");
    fs.writeFileSync(file, xlsxOfGrid(grid));
    const r = runCli(cli, ["--json", file], 180_000, { toFile: true });
    const reader = r.readMaxRssMb;
    expect(reader).toBeLessThan(200);
    expect(r.status).toBe(1); // read and checked: the synthetic lines have errors
    expect(parseReport(r.stdout).files[0].sheets[0].counts.lines).toBe(116_000);
    expect(r.maxRssMb).toBeLessThan(400);
    expect(r.tmpLeft).toEqual([]);
    console.log(
      `dense ${n} cells: reader ${reader.toFixed(0)} MB; plie-check --json > file ${r.maxRssMb.toFixed(0)} MB, ${r.ms} ms`,
    );
  }, 240_000);
});
