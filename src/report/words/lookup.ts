/**
 * The lookup of the word catalogue (this folder): every word shown to users
 * is one entry `{ fr, en }`, French first, English second, in a section
 * module of the catalogue (index.ts lists them all), and is read with `word`
 * (or `counted` for a word that agrees with a number). An entry's value is a
 * string, a [singular, plural] pair, a list (the months), or, for a sentence
 * built from figures, a function of those figures.
 *
 * A section is a plain object of entries: `word(REPORT.file, lang)`; a key
 * that does not exist is a type error. Code imports the sections it shows,
 * so a part of the pane loaded on demand brings its own words.
 */
import { TYPOGRAPHY } from "./typography";

export type Lang = "fr" | "en";

/** The languages of the product, French first. */
export const LANGS: readonly Lang[] = ["fr", "en"];

/** One catalogue entry: the same word (or sentence, or list) in French and in English. */
export interface Entry<T = string> {
  readonly fr: T;
  readonly en: T;
}

/** A word that agrees with a count: [singular, plural]. */
export type CountedEntry = Entry<readonly [string, string]>;

/** The entry in the user's language: `word(REPORT.file, "fr")` is "Fichier"; `word(FINDINGS[code], lang)(data)` a sentence. */
export function word<T>(entry: Entry<T>, lang: Lang): T {
  return entry[lang];
}

/** `3 erreurs`, `1 erreur`, `0 erreur` (French keeps 0 and 1 singular), `0 errors` in English. */
export function counted(entry: CountedEntry, n: number, lang: Lang): string {
  const [one, many] = word(entry, lang);
  return `${n} ${word(TYPOGRAPHY.singular, lang)(n) ? one : many}`;
}

/** French unless Office speaks English. */
export function langOf(displayLanguage: string | undefined): Lang {
  return displayLanguage && displayLanguage.toLowerCase().startsWith("en") ? "en" : "fr";
}
