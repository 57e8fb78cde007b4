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
  if (Array.isArray(e.fr) && Array.isArray(e.en) && e.fr.length !== e.en.length) out.push(`${where}: ${e.fr.length} French forms, ${e.en.length} English`);
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
