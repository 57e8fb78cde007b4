import type { Finding } from "../domain/findings";
import type { Lang } from "./format";
import { word } from "./words/lookup";
import { FINDINGS } from "./words/findings";

/** The finding in words. */
export function findingMessage(f: Finding, lang: Lang = "fr"): string {
  return word(FINDINGS[f.code], lang)(f.data);
}
