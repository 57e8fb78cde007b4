/**
 * English metadata of the custom functions (functions.en.json, for every
 * English Excel) from the French one (functions.json): English names and
 * descriptions (src/functions/names.ts), English parameter names (below) and
 * the English help page (help.html, beside aide.html). Ids stay: they bind
 * the metadata to the code, and Excel passes the arguments by position.
 *
 *   node dist/scripts/functions-en.js functions.json functions.en.json
 */
import * as fs from "fs";
import { ENGLISH_DESCRIPTIONS, FUNCTION_NAMES, isFunctionId } from "../src/functions/names";

interface FunctionMetadata {
  id: string;
  name: string;
  description?: string;
  helpUrl?: string;
  parameters?: { name: string; description?: string }[];
  [key: string]: unknown;
}

/**
 * English names of the parameters, by their French (TypeScript) name: what
 * English Excel shows in the formula tooltip and the Insert Function dialog.
 * `fse` stays: the programme's acronym, as in FSE_RATE and MAX_FSE.
 */
export const ENGLISH_PARAMETER_NAMES: Readonly<Record<string, string>> = {
  fse: "fse",
  depenses: "cost",
  financements: "financing",
  total_operation: "total_operation",
  tableau: "table",
  financeur: "financer",
};

/** The English help page, beside the French one (src/help/help.html and aide.html). */
export const ENGLISH_HELP_PAGE = "help.html";
const FRENCH_HELP_PAGE = /\/aide\.html#[A-Z_]+$/;

/** The English functions.en.json for a French functions.json; throws on an id the name table lacks. */
export function englishMetadata(frJson: object): object {
  const copy = JSON.parse(JSON.stringify(frJson)) as { functions?: FunctionMetadata[] };
  if (!Array.isArray(copy.functions)) throw new Error("functions.json: no `functions` list");
  for (const f of copy.functions) {
    const id = String(f.id).toUpperCase();
    if (!isFunctionId(id))
      throw new Error(`functions.json: function id ${f.id} has no English name in src/functions/names.ts`);
    f.name = FUNCTION_NAMES[id].en;
    const en = ENGLISH_DESCRIPTIONS[id];
    f.description = en.description;
    for (const p of f.parameters ?? []) {
      const d = en.parameters[p.name];
      if (d !== undefined) p.description = d;
      const name = ENGLISH_PARAMETER_NAMES[p.name];
      if (name === undefined)
        throw new Error(
          `functions.json: parameter ${p.name} of ${f.id} has no English name in scripts/functions-en.ts`,
        );
      p.name = name;
    }
    if (f.helpUrl !== undefined) {
      if (typeof f.helpUrl !== "string" || !FRENCH_HELP_PAGE.test(f.helpUrl)) {
        throw new Error(
          `functions.json: the helpUrl of ${f.id} (${String(f.helpUrl)}) does not point at a section of aide.html`,
        );
      }
      f.helpUrl = f.helpUrl.replace(FRENCH_HELP_PAGE, `/${ENGLISH_HELP_PAGE}#${f.name}`);
    }
  }
  return copy;
}

if (require.main === module) {
  const [input, output] = process.argv.slice(2);
  if (!input || !output) {
    process.stderr.write("usage: functions-en FUNCTIONS.json FUNCTIONS.en.json\n");
    process.exit(2);
  }
  const fr = JSON.parse(fs.readFileSync(input, "utf8")) as object;
  fs.writeFileSync(output, JSON.stringify(englishMetadata(fr), null, 2) + "\n");
}
