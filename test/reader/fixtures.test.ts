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
  return { name: g.name, merges: [...(g.merges ?? [])], values: g.values.map((r) => Array.from(r, (v) => (v === undefined ? null : v))) };
}

describe("the shared fixtures and the example read as the previous reader read them", () => {
  it.each(Object.keys(FILES))("%s: same sheets, values and merges as the golden", async (key) => {
    const golden = JSON.parse(fs.readFileSync(path.join(__dirname, "golden", `${key}.json`), "utf8")) as GoldenSheet[];
    const grids = await readWorkbook(FILES[key]);
    expect(grids.map(plain)).toEqual(golden);
  });
});
