import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { readWorkbook } from "../../src/cli/read";
import type { SheetGrid } from "../../src/sheet/grid";

const ROOT = path.resolve(__dirname, "../..");
const FILES: Record<string, string> = {
  "shared-2015": path.resolve(ROOT, "../shared/fixtures/programmation-2015.xlsx"),
  "shared-2019": path.resolve(ROOT, "../shared/fixtures/programmation-2019.xlsx"),
  "examples-2019": path.resolve(ROOT, "examples/programmation-2019.xlsx"),
};

interface GoldenSheet {
  name: string;
  merges: string[];
  values: (string | number | boolean | null)[][];
}

/** The grid as plain data: holes and undefined as null. */
function plain(g: SheetGrid): GoldenSheet {
  return {
    name: g.name,
    merges: [...(g.merges ?? [])],
    values: g.values.map((r) => Array.from(r, (v) => (v === undefined ? null : v))),
  };
}

describe("the shared fixtures and the example read as the previous reader read them", () => {
  it.each(Object.keys(FILES))("%s: same sheets, values and merges as the golden", async (key) => {
    const golden = JSON.parse(fs.readFileSync(path.join(__dirname, "golden", `${key}.json`), "utf8")) as GoldenSheet[];
    const grids = await readWorkbook(FILES[key]);
    expect(grids.map(plain)).toEqual(golden);
  });
});

describe("number formats of the fixtures", () => {
  /** Column: format code → how many number cells have it (General left out). */
  const golden = JSON.parse(fs.readFileSync(path.join(__dirname, "golden", "number-formats.json"), "utf8")) as Record<
    string,
    Record<string, number>
  >;

  it.each(Object.keys(FILES))("%s: amounts in euros, the %%FSE column in percent", async (key) => {
    const grid = (await readWorkbook(FILES[key]))[0];
    const seen: Record<string, number> = {};
    (grid.numberFormats ?? []).forEach((row) =>
      row?.forEach((format, col) => {
        if (format) seen[`${col}: ${format}`] = (seen[`${col}: ${format}`] ?? 0) + 1;
      }),
    );
    expect(seen).toEqual(golden[key]);
    // Column N (13) is %FSE: its rates are percent-formatted numbers.
    const header = grid.values.findIndex((r) => r.includes("Action"));
    const firstLine = grid.values[header + 1];
    expect(typeof firstLine[13]).toBe("number");
    expect(grid.numberFormats?.[header + 1]?.[13]).toBe("0.00%");
    expect(grid.numberFormats?.[header + 1]?.[4]).toBe("#,##0.00 €");
  });
});
