import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { CATALOGUE } from "../src/report/words/catalogue";
import { LANGS, counted, langOf, word } from "../src/report/words/lookup";
import { PANE } from "../src/report/words/pane";

/** What an entry's French or English holds: a word, a [singular, plural] pair, a list, or a sentence of figures. */
function kindOf(v: unknown): string {
  if (typeof v === "string") return "word";
  if (typeof v === "function") return "sentence";
  if (Array.isArray(v)) return "list";
  return typeof v;
}

/** The problems of one entry, in words; none when it has its French and its English of the same kind. */
function entryProblems(where: string, entry: unknown): string[] {
  if (entry === null || typeof entry !== "object" || Array.isArray(entry)) return [`${where}: not an entry { fr, en }`];
  const keys = Object.keys(entry).sort();
  if (keys.join() !== "en,fr") return [`${where}: keys ${keys.join(", ")} instead of fr, en`];
  const e = entry as { fr: unknown; en: unknown };
  const [fr, en] = [kindOf(e.fr), kindOf(e.en)];
  if (fr !== en) return [`${where}: French is a ${fr}, English a ${en}`];
  const out: string[] = [];
  for (const lang of LANGS) {
    const v = e[lang];
    // A separator may be a space (the French thousands separator is U+202F): only "" is empty.
    if (v === "") out.push(`${where}.${lang}: empty`);
    if (Array.isArray(v)) {
      if (v.length === 0) out.push(`${where}.${lang}: empty list`);
      v.forEach((x, i) => {
        if (typeof x !== "string" || x === "") out.push(`${where}.${lang}[${i}]: not a word`);
      });
    }
  }
  if (Array.isArray(e.fr) && Array.isArray(e.en) && e.fr.length !== e.en.length)
    out.push(`${where}: ${e.fr.length} French forms, ${e.en.length} English`);
  if (typeof e.fr === "function" && typeof e.en === "function" && e.fr.length !== e.en.length) {
    out.push(`${where}: the French takes ${e.fr.length} figures, the English ${e.en.length}`);
  }
  return out;
}

describe("word catalogue", () => {
  const sections = Object.entries(CATALOGUE) as [string, Record<string, unknown>][];

  it("has a French and an English of the same kind, never empty, for every entry", () => {
    const problems: string[] = [];
    let entries = 0;
    for (const [name, section] of sections) {
      for (const [key, entry] of Object.entries(section)) {
        entries++;
        problems.push(...entryProblems(`${name}.${key}`, entry));
      }
    }
    expect(problems).toEqual([]);
    expect(entries).toBeGreaterThan(500);
  });

  it("lists every section of the catalogue's modules in its registry", async () => {
    const dir = path.resolve(__dirname, "../src/report/words");
    const registered = new Set<unknown>(Object.values(CATALOGUE));
    const missing: string[] = [];
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
      const mod = (await import(path.join(dir, file))) as Record<string, unknown>;
      for (const [name, value] of Object.entries(mod)) {
        // A section: a plain object whose every value is an entry { fr, en }.
        const isSection =
          value !== null &&
          typeof value === "object" &&
          !Array.isArray(value) &&
          Object.values(value).length > 0 &&
          Object.values(value).every((e) => e !== null && typeof e === "object" && "fr" in e && "en" in e);
        if (isSection && !registered.has(value)) missing.push(`${file}: ${name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("gives counted forms both a singular and a plural, and agrees them with the count", () => {
    const pair = { fr: ["erreur", "erreurs"], en: ["error", "errors"] } as const;
    expect([0, 1, 2].map((n) => counted(pair, n, "fr"))).toEqual(["0 erreur", "1 erreur", "2 erreurs"]);
    expect([0, 1, 2].map((n) => counted(pair, n, "en"))).toEqual(["0 errors", "1 error", "2 errors"]);
  });

  it("reads an entry in the user's language", () => {
    expect(word(PANE.check, "fr")).toBe("Vérifier");
    expect(word(PANE.check, "en")).toBe("Check");
    expect([langOf("en-GB"), langOf("fr-FR"), langOf(undefined), langOf("de-DE")]).toEqual(["en", "fr", "fr", "fr"]);
  });
});

/** Source files of src/, with their path from the project's root (forward slashes). */
function sourceFiles(dir = path.resolve(__dirname, "../src")): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (e.name.endsWith(".ts"))
      out.push({
        file: path.relative(path.resolve(__dirname, ".."), p).split(path.sep).join("/"),
        text: fs.readFileSync(p, "utf8"),
      });
  }
  return out;
}

/** Words chosen by language in the code itself: a comparison of a language with "fr" or "en" (the ternaries `lang === "en" ? … : …`). */
const LANGUAGE_TEST = /\b\w*lang\w*\s*[!=]==?\s*["'](?:fr|en)["']|["'](?:fr|en)["']\s*[!=]==?\s*[\w.]*lang\w*\b/i;
/** A table of words outside the catalogue: a property named fr or en (`{ fr: …, en: … }`), or a `Record<Lang, …>`. */
const WORD_TABLE = /(?:^|[{,(\s])(?:fr|en)\s*:\s*\S|Record<\s*Lang\b/;

/**
 * What may stay outside the catalogue, and why. Keep it short: a new entry
 * needs a reason the catalogue cannot serve.
 */
const ALLOWED: { file: string; rule: "language" | "table"; fragment?: string; why: string }[] = [
  {
    file: "src/functions/names.ts",
    rule: "table",
    why: "the custom functions' identifiers in each language (PLIE.TAUX_FSE / PLIE.FSE_RATE): build input for functions.json and functions.en.json that must match the @customfunction tags; the runtime shows none of them",
  },
];

function allowed(file: string, rule: "language" | "table", line: string): boolean {
  return ALLOWED.some(
    (a) => file.startsWith(a.file) && a.rule === rule && (a.fragment === undefined || line.includes(a.fragment)),
  );
}

describe("words outside the catalogue", () => {
  const files = sourceFiles().filter((f) => !f.file.startsWith("src/report/words/"));

  it("leaves no word chosen by a language test in the code", () => {
    const found: string[] = [];
    for (const { file, text } of files) {
      text.split("\n").forEach((line, i) => {
        if (LANGUAGE_TEST.test(line) && !allowed(file, "language", line))
          found.push(`${file}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(found).toEqual([]);
  });

  it("leaves no { fr, en } table outside the catalogue", () => {
    const found: string[] = [];
    for (const { file, text } of files) {
      text.split("\n").forEach((line, i) => {
        if (WORD_TABLE.test(line) && !allowed(file, "table", line)) found.push(`${file}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(found).toEqual([]);
  });

  it("catches what it looks for", () => {
    expect(LANGUAGE_TEST.test(`return lang === "en" ? en : fr;`)).toBe(true);
    expect(LANGUAGE_TEST.test(`const fr = opts.lang === "fr";`)).toBe(true);
    expect(LANGUAGE_TEST.test(`if ("en" === d.lang) x();`)).toBe(true);
    expect(LANGUAGE_TEST.test(`if (argv[i + 1] === "en") lang = "en";`)).toBe(false);
    expect(WORD_TABLE.test(`  ok: { fr: "Vérifier", en: "Check" },`)).toBe(true);
    expect(WORD_TABLE.test(`const HELP: Record<Lang, string> = x;`)).toBe(true);
    expect(WORD_TABLE.test(`  fr: (d) => "…",`)).toBe(true);
    expect(WORD_TABLE.test(`const frame = { from: 1 };`)).toBe(false);
  });

  it("keeps the registry out of the product's code, so that each part loads only its own words", () => {
    const importers = files.filter((f) => /from\s+["'][^"']*words\/catalogue["']/.test(f.text)).map((f) => f.file);
    expect(importers).toEqual([]);
  });
});
