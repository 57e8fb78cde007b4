import type { Entry } from "./lookup";

const NNBSP = "\u202f"; // French thousands separator (as Intl fr-FR prints it)
const NBSP = "\u00a0";

/**
 * How each language writes what surrounds the words: punctuation, quotes,
 * amounts, rates, dates, and when a word that agrees with a count is singular.
 */
export const TYPOGRAPHY = {
  /** French puts a no-break space before a colon. */
  colon: { fr: `${NBSP}:`, en: ":" },
  /** Quoted user text: « … » in French, “…” in English. */
  quote: { fr: (text: string) => `«${NBSP}${text}${NBSP}»`, en: (text: string) => `“${text}”` },
  /** French typography: a no-break space before the double punctuation (: ; ? !) of a sentence. */
  punctuation: { fr: (text: string) => text.replace(/ ([:;?!])/g, `${NBSP}$1`), en: (text: string) => text },
  /** Between groups of three digits. */
  thousands: { fr: NNBSP, en: "," },
  /** Before the decimals of a number typed or shown as is (20000,5 or 20000.5). */
  decimal: { fr: ",", en: "." },
  /** An amount from its sign, its grouped euros and its two cents digits: 1 234,56 € or €1,234.56. */
  euros: {
    fr: (sign: string, euros: string, cents: string) => `${sign}${euros},${cents}${NBSP}€`,
    en: (sign: string, euros: string, cents: string) => `${sign}€${euros}.${cents}`,
  },
  /** A percentage from its figure written with a dot: 49,85 % or 49.85%. */
  rate: { fr: (figure: string) => `${figure.replace(".", ",")}${NBSP}%`, en: (figure: string) => `${figure}%` },
  months: {
    fr: [
      "janvier",
      "février",
      "mars",
      "avril",
      "mai",
      "juin",
      "juillet",
      "août",
      "septembre",
      "octobre",
      "novembre",
      "décembre",
    ],
    en: [
      "January",
      "February",
      "March",
      "April",
      "May",
      "June",
      "July",
      "August",
      "September",
      "October",
      "November",
      "December",
    ],
  },
  /** A day: 1er avril 2026, 14 mars 2019 (fr); 1 April 2026 (en). */
  date: {
    fr: (day: number, month: string, year: string) => `${day === 1 ? "1er" : day} ${month} ${year}`,
    en: (day: number, month: string, year: string) => `${day} ${month} ${year}`,
  },
  /** Whether a count takes the singular: French keeps 0 and 1 singular, English only 1. */
  singular: { fr: (n: number) => Math.abs(n) < 2, en: (n: number) => n === 1 },
} satisfies Record<string, Entry<unknown>>;
