/**
 * Inputs just within the limits keep plie-check (the whole process: read,
 * check, JSON report written to a file) under 400 MB: text at the character
 * budget, and far-away cells at the budget (a dense programming at the cell
 * budget: budget-dense.test.ts). The reader's own share is measured too.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_MAX_CELLS, DEFAULT_MAX_CHARS, readWorkbook } from "../../src/cli/read";
import { makeZip, worksheetXml, xlsxParts } from "./build";
import { buildCli, runCli, type CliBuild } from "./cli-run";

let dir: string;
let cli: CliBuild;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "plie-reader-budget-"));
  cli = await buildCli();
}, 120_000);

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("at the budgets, plie-check stays under 400 MB", () => {
  it("text of nearly the character budget, every string with a character beyond Latin-1", async () => {
    const count = Math.floor((DEFAULT_MAX_CHARS * 0.98) / 1008);
    let sst = "";
    let rows = "";
    for (let k = 0; k < count; k++) {
      sst += `<si><t>${String(k).padStart(8, "0")}€${"é".repeat(991)}</t></si>`;
      rows += `<row r="${k + 1}"><c r="A${k + 1}" t="s"><v>${k}</v></c></row>`;
    }
    const file = path.join(dir, "texte.xlsx");
    fs.writeFileSync(file, makeZip(xlsxParts({ sheets: [{ name: "Notes", rows }], sharedStrings: sst })));
    const grids = await readWorkbook(file);
    expect(grids[0].values.length).toBe(count);
    await expect(readWorkbook(file, { maxChars: Math.floor(DEFAULT_MAX_CHARS * 0.9) })).rejects.toMatchObject({
      reason: "too_many_cells",
    });
    const r = runCli(cli, ["--json", file], 180_000, { toFile: true });
    const reader = r.readMaxRssMb;
    expect(reader).toBeLessThan(200);
    expect(r.status).toBe(0);
    expect(r.maxRssMb).toBeLessThan(400);
    console.log(
      `text ${count} strings of 1 000 characters: reader ${reader.toFixed(0)} MB; plie-check --json > file ${r.maxRssMb.toFixed(0)} MB, ${r.ms} ms`,
    );
  }, 240_000);

  it("far-away cells up to the cell budget", () => {
    const perRow = 16_385;
    const rowsCount = Math.floor(DEFAULT_MAX_CELLS / perRow);
    let rows = "";
    for (let r = 1; r <= rowsCount; r++)
      rows += `<row r="${r}"><c r="A${r}"><v>${r}</v></c><c r="XFD${r}"><v>1</v></c></row>`;
    const file = path.join(dir, "loin.xlsx");
    fs.writeFileSync(file, makeZip(xlsxParts({ sheets: [{ name: "Loin", xml: worksheetXml(rows) }] })));
    const r = runCli(cli, ["--json", file], 180_000, { toFile: true });
    expect(r.status).toBe(0);
    expect(r.maxRssMb).toBeLessThan(400);
    console.log(`far cells ${rowsCount} × ${perRow}: ${r.maxRssMb.toFixed(0)} MB, ${r.ms} ms`);
  }, 240_000);
});
