import * as fs from "fs";
import * as path from "path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import { describe, expect, it } from "vitest";
import { FUNCTION_NAMES } from "../src/functions/names";

const ROOT = path.resolve(__dirname, "..");

describe("help page of the custom functions", () => {
  it("has a section for every function, and every function points at it", async () => {
    const result = await generateCustomFunctionsMetadata(path.join(ROOT, "src/functions/functions.ts"));
    expect(result.errors).toEqual([]);
    const functions = JSON.parse(result.metadataJson).functions as { id: string; name: string; helpUrl: string }[];
    const page = fs.readFileSync(path.join(ROOT, "src/help/aide.html"), "utf8");
    expect(functions.map((f) => f.id).sort()).toEqual(Object.keys(FUNCTION_NAMES).sort());
    for (const f of functions) {
      expect(f.helpUrl).toBe(`https://localhost:3000/aide.html#${f.name}`);
      expect(page).toContain(`<h2 id="${f.name}">PLIE.${f.name}(`);
      expect(page).toContain(`PLIE.${FUNCTION_NAMES[f.id as keyof typeof FUNCTION_NAMES].en}(`);
    }
  }, 30_000);
});
