import { finding, type Finding } from "../domain/findings";
import { normalizeLabel } from "../domain/text";

/**
 * The year of a programming sheet, from the texts above its first table (the
 * title block) and the sheet's name.
 *
 * - An explicit year: with a word that makes it the programming's year
 *   (`Programmation 2023`, `Exercice 2023`, `Prog 2023`, `BP 2023`), or the
 *   one year of the sheet's name (`2023`, `Prog 2023`).
 * - Never the programming's year: a period (`2021-2027`, `2021 à 2027`) or a
 *   date (`Mis à jour le 05/12/2022`, `5 décembre 2022`, `2022-12-05`).
 * - A lone year in a title text without such a word is taken last.
 *
 * When the year kept and another source disagree, a warning names both: a
 * second explicit year, a period that does not contain it, a date whose
 * year is neither the year nor the year before (a programming is prepared
 * the year before).
 */

export interface SheetYear {
  year: number | null;
  source: "title" | "sheet_name" | null;
  findings: Finding[];
}

type Kind = "explicit" | "bare" | "period" | "date";

interface Candidate {
  kind: Kind;
  year: number;
  /** Last year of a period. */
  to?: number;
  text: string;
  from: "title" | "sheet_name";
}

const MONTHS =
  "janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|january|february|march|april|may|june|july|august|september|october|november|december|janv|fevr|sept|oct|nov|dec";
const YEAR = "((?:19|20)\\d{2})";
const DATE_PATTERNS: RegExp[] = [
  new RegExp(`\\b\\d{1,2}[/.-]\\d{1,2}[/.-]${YEAR}\\b`, "g"),
  new RegExp(`\\b${YEAR}-\\d{1,2}-\\d{1,2}\\b`, "g"),
  new RegExp(`\\b(?:\\d{1,2}(?:er)? )?(?:${MONTHS})\\.? ${YEAR}\\b`, "g"),
];
const PERIOD = new RegExp(`\\b${YEAR}(?: ?(?:-|/|a|au|to) ?((?:19|20)\\d{2})|[-/](\\d{2}))\\b`, "g");
const LONE_YEAR = new RegExp(`(?:^|[^0-9])${YEAR}(?![0-9])`, "g");
const KEYWORDS = /\b(programmation|prog|exercice|annee|budget|bp|campagne|year|programme)\b/;

/** The year candidates of one text. */
function candidatesOf(text: string, from: Candidate["from"]): Candidate[] {
  let n = normalizeLabel(text).replace(/[–—]/g, "-");
  const out: Candidate[] = [];
  for (const re of DATE_PATTERNS) {
    n = n.replace(re, (m: string, y: string) => {
      out.push({ kind: "date", year: Number(y), text, from });
      return " ".repeat(m.length);
    });
  }
  n = n.replace(PERIOD, (m: string, a: string, full: string | undefined, short: string | undefined) => {
    const start = Number(a);
    const end = full !== undefined ? Number(full) : Math.floor(start / 100) * 100 + Number(short);
    if (end <= start) return m; // "2023 - 19" is no period
    out.push({ kind: "period", year: start, to: end, text, from });
    return " ".repeat(m.length);
  });
  const explicit = from === "sheet_name" || KEYWORDS.test(n);
  for (const m of n.matchAll(LONE_YEAR))
    out.push({ kind: explicit ? "explicit" : "bare", year: Number(m[1]), text, from });
  return out;
}

/** The year of a sheet, with the findings that say what was not taken. */
export function sheetYear(titleTexts: readonly string[], sheetName: string): SheetYear {
  const all: Candidate[] = [];
  for (const t of titleTexts) for (const c of candidatesOf(t, "title")) all.push(c);
  for (const c of candidatesOf(sheetName, "sheet_name")) all.push(c);
  const chosen =
    all.find((c) => c.kind === "explicit" && c.from === "title") ??
    all.find((c) => c.kind === "explicit" && c.from === "sheet_name") ??
    all.find((c) => c.kind === "bare");
  const findings: Finding[] = [];
  if (!chosen) {
    const other = all.find((c) => c.kind === "period" || c.kind === "date");
    return {
      year: null,
      source: null,
      findings: [finding("YEAR_UNKNOWN", null, null, other ? { text: other.text } : {})],
    };
  }
  const y = chosen.year;
  const reported = new Set<string>();
  for (const c of all) {
    if (c === chosen) continue;
    const disagrees =
      c.kind === "period"
        ? y < c.year || y > (c.to ?? c.year)
        : c.kind === "date"
          ? c.year !== y && c.year !== y - 1
          : c.kind === "explicit" && c.year !== y;
    const key = `${c.year}|${c.text}`;
    if (!disagrees || reported.has(key)) continue;
    reported.add(key);
    findings.push(
      finding("YEAR_CONFLICT", null, null, {
        year: y,
        text: chosen.text,
        otherYear: c.kind === "period" ? `${c.year}–${c.to}` : c.year,
        otherText: c.text,
      }),
    );
  }
  return { year: y, source: chosen.from, findings };
}

/** A year written in a column's header or group (`Coût total 2023`, a group `2023`), or null. */
export function yearOfHeader(text: string): number | null {
  const found = candidatesOf(text, "title").filter((c) => c.kind === "explicit" || c.kind === "bare");
  const [only] = found;
  return found.length === 1 && only ? only.year : null;
}
