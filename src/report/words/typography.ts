import type { Entry } from "./lookup";

/**
 * How each language writes what surrounds the words: punctuation, quotes,
 * numbers, dates, and when a word that agrees with a count is singular.
 */
export const TYPOGRAPHY = {
  /** French puts a no-break space before a colon. */
  colon: { fr: "\u00a0:", en: ":" },
  /** Quoted user text: « … » in French, “…” in English. */
  quote: { fr: (text: string) => `«\u00a0${text}\u00a0»`, en: (text: string) => `“${text}”` },
  /** Whether a count takes the singular: French keeps 0 and 1 singular, English only 1. */
  singular: { fr: (n: number) => Math.abs(n) < 2, en: (n: number) => n === 1 },
} satisfies Record<string, Entry<unknown>>;
