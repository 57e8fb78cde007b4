import type { FinancerId } from "../../domain/financers";
import type { Severity } from "../../domain/findings";
import type { Host, TableKind } from "../../domain/model";
import type { CountedEntry, Entry } from "./lookup";

/** Words of the report (plie-check's text, and the sheets and pane that share them), French first. */
export const REPORT = {
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
} satisfies Record<string, Entry>;

/** Words that agree with a count: [singular, plural] (read with `counted`). */
export const COUNTED = {
  operation: { fr: ["opération", "opérations"], en: ["operation", "operations"] },
  project: { fr: ["projet", "projets"], en: ["project", "projects"] },
  letter: { fr: ["lettre de commande", "lettres de commande"], en: ["order letter", "order letters"] },
  undetermined: { fr: ["non classée", "non classées"], en: ["not classified", "not classified"] },
  error: { fr: ["erreur", "erreurs"], en: ["error", "errors"] },
  warning: { fr: ["avertissement", "avertissements"], en: ["warning", "warnings"] },
  info: { fr: ["information", "informations"], en: ["note", "notes"] },
} satisfies Record<string, CountedEntry>;

/** A finding's severity. */
export const SEVERITY = {
  error: { fr: "erreur", en: "error" },
  warning: { fr: "avertissement", en: "warning" },
  info: { fr: "information", en: "info" },
} satisfies Record<Severity, Entry>;

/** The host projects of the order letters. */
export const HOST = {
  animation: { fr: "Animation du PLIE", en: "PLIE animation" },
  assistance: {
    fr: "Assistance, accompagnement et formation aux participants",
    en: "Assistance, support and training for participants",
  },
} satisfies Record<Host, Entry>;

/** The kinds of programming table. */
export const TABLE_KIND = {
  main: { fr: "principal", en: "main" },
  clauses: { fr: "clauses", en: "clauses" },
  other: { fr: "complémentaire", en: "additional" },
} satisfies Record<TableKind, Entry>;

/** The financers' names when the sheets give none of their own. */
export const FINANCER = {
  conseil_departemental: { fr: "Conseil départemental", en: "Département council" },
  dijon_metropole: { fr: "Dijon Métropole", en: "Dijon Métropole" },
  intercommunalite: { fr: "Intercommunalité", en: "Intermunicipality" },
  conseil_regional: { fr: "Conseil régional", en: "Regional council" },
  ville_de_dijon: { fr: "Ville de Dijon", en: "City of Dijon" },
  ville: { fr: "Ville", en: "City" },
  communes: { fr: "Communes", en: "Other communes" },
  fonds_prives: { fr: "Fonds privés / publics", en: "Private / other public funds" },
  contrat_de_ville: { fr: "Contrat de ville", en: "City contract" },
  autres_plie: { fr: "Autres PLIE", en: "Other PLIEs" },
  etat: { fr: "État", en: "State" },
  france_travail: { fr: "France Travail", en: "France Travail" },
  forco: { fr: "FORCO", en: "FORCO" },
  produit_actions: { fr: "Produit des actions", en: "Income from actions" },
  autres_financements: { fr: "Autres financements", en: "Other funding" },
  autofinancement: { fr: "Autofinancement", en: "Self-financing" },
  fse: { fr: "FSE", en: "ESF" },
} satisfies Record<FinancerId, Entry>;
