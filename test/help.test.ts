import * as fs from "fs";
import * as path from "path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import { beforeAll, describe, expect, it } from "vitest";
import { FUNCTION_NAMES } from "../src/functions/names";
import { ENGLISH_PARAMETER_NAMES, englishMetadata } from "../scripts/functions-en";

const ROOT = path.resolve(__dirname, "..");

interface Meta {
  functions: { id: string; name: string; helpUrl: string; parameters: { name: string; optional?: boolean }[] }[];
}

/** The section of a help page that starts at `<h2 id="ID">`, up to the next one. */
function section(page: string, id: string): string {
  const start = page.indexOf(`<h2 id="${id}">`);
  expect(start, `section ${id}`).toBeGreaterThanOrEqual(0);
  const next = page.indexOf("<h2 ", start + 1);
  return page.slice(start, next < 0 ? undefined : next);
}

/** The signature a help heading shows: `PLIE.NAME(a; b; [c])` in French, `PLIE.NAME(a, b, [c])` in English. */
const signature = (name: string, params: { name: string; optional?: boolean }[], sep: string) =>
  `PLIE.${name}(${params.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(sep)})`;

describe("help pages of the custom functions", () => {
  let fr!: Meta;
  let en!: Meta;
  const aide = fs.readFileSync(path.join(ROOT, "src/help/aide.html"), "utf8");
  const help = fs.readFileSync(path.join(ROOT, "src/help/help.html"), "utf8");

  beforeAll(async () => {
    const result = await generateCustomFunctionsMetadata(path.join(ROOT, "src/functions/functions.ts"));
    expect(result.errors).toEqual([]);
    fr = JSON.parse(result.metadataJson) as Meta;
    en = englishMetadata(fr) as Meta;
  }, 30_000);

  it("French: a section for every function, and every function points at it", () => {
    expect(fr.functions.map((f) => f.id).sort()).toEqual(Object.keys(FUNCTION_NAMES).sort());
    for (const f of fr.functions) {
      expect(f.helpUrl).toBe(`https://localhost:3000/aide.html#${f.name}`);
      expect(aide).toContain(`<h2 id="${f.name}">PLIE.${f.name}(`);
      expect(section(aide, f.name)).toContain(`PLIE.${FUNCTION_NAMES[f.id as keyof typeof FUNCTION_NAMES].en}(`);
    }
    expect(aide).toContain('<html lang="fr">');
    expect(aide).toContain('href="help.html"');
  });

  it("English: English names, parameter names and a section of help.html for every function", () => {
    expect(en.functions.map((f) => f.id)).toEqual(fr.functions.map((f) => f.id));
    for (const [i, f] of en.functions.entries()) {
      const id = f.id as keyof typeof FUNCTION_NAMES;
      expect(f.name).toBe(FUNCTION_NAMES[id].en);
      expect(f.helpUrl).toBe(`https://localhost:3000/help.html#${f.name}`);
      // Same parameters, in the same order (Excel passes them by position), with English names.
      const frParams = fr.functions[i].parameters;
      expect(f.parameters.map((p) => p.name)).toEqual(frParams.map((p) => ENGLISH_PARAMETER_NAMES[p.name]));
      expect(f.parameters.map((p) => p.optional ?? false)).toEqual(frParams.map((p) => p.optional ?? false));
      const heading = section(help, f.name);
      expect(heading).toContain(`<h2 id="${f.name}">${signature(f.name, f.parameters, ", ")}</h2>`);
      // The French name is given beside, for a workbook shared with French Excel.
      expect(heading).toContain(`PLIE.${FUNCTION_NAMES[id].fr}(`);
    }
    // The French words that name parameters are gone from the English metadata.
    const names = new Set(en.functions.flatMap((f) => f.parameters.map((p) => p.name)));
    for (const french of ["depenses", "financements", "tableau", "financeur"])
      expect(names.has(french), french).toBe(false);
    expect(help).toContain('<html lang="en">');
    expect(help).toContain('href="aide.html"');
  });

  it("English examples use English Excel's separators; French ones French Excel's", () => {
    const examples = (page: string) => [...page.matchAll(/<code>(=PLIE\.[^<]*)<\/code>/g)].map((m) => m[1]);
    const enExamples = examples(help);
    const frExamples = examples(aide);
    expect(enExamples.length).toBe(frExamples.length);
    expect(enExamples.length).toBeGreaterThanOrEqual(8);
    for (const e of enExamples) expect(e, e).not.toMatch(/;|\d,\d/);
    for (const e of frExamples) expect(e, e).not.toMatch(/\d\.\d|, /);
  });

  it("help pages run no script and load nothing (Content-Security-Policy)", () => {
    for (const page of [aide, help]) {
      // The tag as the browser reads it: attributes separated by any white space.
      expect(page.replace(/\s+/g, " ")).toContain(
        `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'" />`,
      );
      expect(page).not.toMatch(/<script|\son[a-z]+=/i);
    }
  });
});
