import { FINANCER_LABELS, isFinancerId } from "../domain/financers";
import type { Severity } from "../domain/findings";
import type { Host, TableKind } from "../domain/model";
import type { Lang } from "./format";
import { safeName } from "./safe-text";

export const SEVERITY_LABELS: Record<Severity, Record<Lang, string>> = {
  error: { fr: "erreur", en: "error" },
  warning: { fr: "avertissement", en: "warning" },
  info: { fr: "information", en: "info" },
};


export const HOST_LABELS: Record<Host, Record<Lang, string>> = {
  animation: { fr: "Animation du PLIE", en: "PLIE animation" },
  assistance: { fr: "Assistance, accompagnement et formation aux participants", en: "Assistance, support and training for participants" },
};

export const TABLE_KIND_LABELS: Record<TableKind, Record<Lang, string>> = {
  main: { fr: "principal", en: "main" },
  clauses: { fr: "clauses", en: "clauses" },
  other: { fr: "complémentaire", en: "additional" },
};

export function financerLabel(id: string, lang: Lang): string {
  return isFinancerId(id) ? FINANCER_LABELS[id][lang] : id;
}

/**
 * A financer as the sheet prints it (`Grand Besançon Métropole`, `Collectivité
 * - Conseil Départemental`), or its canonical label when the sheets give none.
 */
export function financerName(id: string, headers: Partial<Record<string, string>> | undefined, lang: Lang): string {
  const h = headers?.[id];
  return h !== undefined && h !== "" ? safeName(h) : financerLabel(id, lang);
}

/** Words of the report, French first. */
export const WORDS = {
  file: { fr: "Fichier", en: "File" },
  sheet: { fr: "Feuille", en: "Sheet" },
  year: { fr: "année", en: "year" },
  unknownYear: { fr: "année inconnue", en: "unknown year" },
  table: { fr: "Tableau", en: "Table" },
  rows: { fr: "lignes", en: "rows" },
  operations: { fr: "opérations", en: "operations" },
  projects: { fr: "projets", en: "projects" },
  orderLetters: { fr: "lettres de commande", en: "order letters" },
  undetermined: { fr: "non classées", en: "not classified" },
  findings: { fr: "Anomalies", en: "Findings" },
  noFinding: { fr: "Aucune anomalie.", en: "No finding." },
  errors: { fr: "erreur(s)", en: "error(s)" },
  warnings: { fr: "avertissement(s)", en: "warning(s)" },
  infos: { fr: "information(s)", en: "info" },
  split: { fr: "Répartition projets / lettres de commande", en: "Projects / order letters" },
  projectsTitle: { fr: "Projets", en: "Projects" },
  lettersUnder: { fr: "Lettres de commande rattachées à", en: "Order letters under" },
  hostLine: { fr: "ligne hôte", en: "host line" },
  noHostLine: { fr: "pas de ligne hôte dans la feuille", en: "no host line in the sheet" },
  hostTotal: { fr: "total avec les lettres", en: "total with the letters" },
  suggested: { fr: "suggéré", en: "suggested" },
  fromColumn: { fr: "colonne de la feuille", en: "sheet column" },
  financersTitle: { fr: "Financements par financeur", en: "Funding per financer" },
  financer: { fr: "Financeur", en: "Financer" },
  programmed: { fr: "Programmé", en: "Programmed" },
  budget: { fr: "Budget", en: "Budget" },
  under: { fr: "Sous-programmation", en: "Under-programming" },
  total: { fr: "Total", en: "Total" },
  totalCost: { fr: "Dépenses totales", en: "Total cost" },
  fseShare: { fr: "Part FSE", en: "ESF share" },
  fseRequested: { fr: "FSE sollicité (non additionné)", en: "ESF requested (not added)" },
  gap: { fr: "écart programmé − sollicité", en: "programmed − requested" },
  crossTitle: { fr: "Financeurs × années", en: "Financers × years" },
  skipped: { fr: "Feuilles sans tableau de programmation", en: "Sheets without a programming table" },
  summary: { fr: "Synthèse", en: "Summary" },
  unreadable: { fr: "Fichier illisible", en: "Unreadable file" },
  rules: { fr: "Règles", en: "Rules" },
  floor: { fr: "plancher FSE", en: "ESF floor" },
  cap: { fr: "plafond", en: "cap" },
  inclusive: { fr: "inclus", en: "inclusive" },
  strict: { fr: "strict", en: "strict" },
} as const satisfies Record<string, Record<Lang, string>>;

/** Words that agree with a count: [singular, plural]. */
export const COUNTED = {
  operation: { fr: ["opération", "opérations"], en: ["operation", "operations"] },
  project: { fr: ["projet", "projets"], en: ["project", "projects"] },
  letter: { fr: ["lettre de commande", "lettres de commande"], en: ["order letter", "order letters"] },
  undetermined: { fr: ["non classée", "non classées"], en: ["not classified", "not classified"] },
  error: { fr: ["erreur", "erreurs"], en: ["error", "errors"] },
  warning: { fr: ["avertissement", "avertissements"], en: ["warning", "warnings"] },
  info: { fr: ["information", "informations"], en: ["note", "notes"] },
} as const satisfies Record<string, Record<Lang, readonly [string, string]>>;

/** `3 erreurs`, `1 erreur`, `0 erreur` (French keeps 0 and 1 singular), `0 errors` in English. */
export function count(n: number, key: keyof typeof COUNTED, lang: Lang): string {
  const [one, many] = COUNTED[key][lang];
  const singular = lang === "fr" ? Math.abs(n) < 2 : n === 1;
  return `${n} ${singular ? one : many}`;
}

/** French puts a no-break space before a colon. */
export function colon(lang: Lang): string {
  return lang === "en" ? ":" : "\u00a0:";
}

/** Quoted user text: « … » in French, “…” in English. */
export function quote(text: string, lang: Lang): string {
  return lang === "fr" ? `«\u00a0${text}\u00a0»` : `“${text}”`;
}

export function w(key: keyof typeof WORDS, lang: Lang): string {
  return WORDS[key][lang];
}
