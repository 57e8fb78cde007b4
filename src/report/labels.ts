import { isFinancerId } from "../domain/financers";
import { counted, word, type Lang } from "./words/lookup";
import { COUNTED, FINANCER, HOST, SEVERITY, TABLE_KIND } from "./words/report";
import { TYPOGRAPHY } from "./words/typography";
import { safeName } from "./safe-text";

/**
 * Catalogue sections (src/report/words/report.ts) under the names the task
 * pane indexes directly (`SEVERITY_LABELS[s][lang]`); other code reads them
 * with `word(SEVERITY[s], lang)`.
 */
export { SEVERITY as SEVERITY_LABELS, HOST as HOST_LABELS, TABLE_KIND as TABLE_KIND_LABELS };

export function financerLabel(id: string, lang: Lang): string {
  return isFinancerId(id) ? word(FINANCER[id], lang) : id;
}

/**
 * A financer as the sheet prints it (`Grand Besançon Métropole`, `Collectivité
 * - Conseil Départemental`), or its canonical label when the sheets give none.
 */
export function financerName(id: string, headers: Partial<Record<string, string>> | undefined, lang: Lang): string {
  const h = headers?.[id];
  return h !== undefined && h !== "" ? safeName(h) : financerLabel(id, lang);
}

/** `counted(COUNTED[key], n, lang)` by the key, as the task pane calls it: `3 erreurs`, `0 errors`. */
export function count(n: number, key: keyof typeof COUNTED, lang: Lang): string {
  return counted(COUNTED[key], n, lang);
}

/** French puts a no-break space before a colon. */
export function colon(lang: Lang): string {
  return word(TYPOGRAPHY.colon, lang);
}

/** Quoted user text: « … » in French, “…” in English. */
export function quote(text: string, lang: Lang): string {
  return word(TYPOGRAPHY.quote, lang)(text);
}
