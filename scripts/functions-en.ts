/**
 * English metadata of the custom functions (functions.en.json, for English
 * Excel) from the French one (functions.json): English names and
 * descriptions, from src/functions/names.ts. Ids and parameter names stay.
 *
 *   node dist/scripts/functions-en.js functions.json functions.en.json
 */
import * as fs from "fs";
import { ENGLISH_DESCRIPTIONS, FUNCTION_NAMES, isFunctionId } from "../src/functions/names";

interface FunctionMetadata {
  id: string;
  name: string;
  description?: string;
  parameters?: { name: string; description?: string }[];
  [key: string]: unknown;
}

/** The English functions.en.json for a French functions.json; throws on an id the name table lacks. */
export function englishMetadata(frJson: object): object {
  const copy = JSON.parse(JSON.stringify(frJson)) as { functions?: FunctionMetadata[] };
  if (!Array.isArray(copy.functions)) throw new Error("functions.json: no `functions` list");
  for (const f of copy.functions) {
    const id = String(f.id).toUpperCase();
    if (!isFunctionId(id)) throw new Error(`functions.json: function id ${f.id} has no English name in src/functions/names.ts`);
    f.name = FUNCTION_NAMES[id].en;
    const en = ENGLISH_DESCRIPTIONS[id];
    f.description = en.description;
    for (const p of f.parameters ?? []) {
      const d = en.parameters[p.name];
      if (d !== undefined) p.description = d;
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
