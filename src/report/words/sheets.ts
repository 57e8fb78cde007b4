import type { Entry } from "./lookup";

/**
 * Excel number formats of the sheets the add-in writes, per language: euros
 * and rates, signed for the changes from year to year.
 */
export const NUMBER_FORMAT = {
  euros: { fr: "#,##0.00 €", en: "€#,##0.00" },
  rate: { fr: "0.00 %", en: "0.00%" },
  text: { fr: "@", en: "@" },
  general: { fr: "General", en: "General" },
  signedEuros: { fr: "+#,##0.00 €;-#,##0.00 €;0.00 €", en: "+€#,##0.00;-€#,##0.00;€0.00" },
  signedRate: { fr: "+0.00 %;-0.00 %;0.00 %", en: "+0.00%;-0.00%;0.00%" },
} satisfies Record<string, Entry>;

/** The COPIL report sheet's own words (the rest comes from REPORT). */
export const REPORT_SHEET = {
  title: { fr: "Rapport COPIL — vérification de la programmation FSE", en: "COPIL report — ESF programming check" },
  line: { fr: "Ligne", en: "Row" },
  action: { fr: "Action", en: "Action" },
  operation: { fr: "Opération", en: "Operation" },
  operator: { fr: "Opérateur", en: "Operator" },
  // Not "Dépenses totales": the report must never look like a programming table.
  cost: { fr: "Coût total", en: "Total cost" },
  fse: { fr: "FSE", en: "ESF" },
  rate: { fr: "Taux FSE", en: "ESF rate" },
  status: { fr: "Classement", en: "Classification" },
  projet: { fr: "projet", en: "project" },
  letter: { fr: "lettre de commande", en: "order letter" },
  undetermined: { fr: "non classée", en: "not classified" },
  cell: { fr: "Cellule", en: "Cell" },
  severity: { fr: "Gravité", en: "Severity" },
  code: { fr: "Code", en: "Code" },
  message: { fr: "Message", en: "Message" },
  chart: { fr: "Financements par financeur et par année", en: "Funding per financer and year" },
} satisfies Record<string, Entry>;

/** The notes the marks put on the cells of findings. */
export const MARKS = {
  noteTitle: { fr: "Vérification FSE", en: "ESF check" },
} satisfies Record<string, Entry>;
