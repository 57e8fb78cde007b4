import type { Entry } from "./lookup";

/**
 * The agenda sheet's own words. The cost column is called "Coût de
 * l'opération", never "Dépenses totales" nor "Coût total", because the
 * header row of the lines also holds an FSE column: the sheet must never be
 * taken for a programming table.
 */
export const COPIL_SHEET = {
  sheet: { fr: "Feuille", en: "Sheet" },
  row: { fr: "Ligne", en: "Row" },
  action: { fr: "Action", en: "Action" },
  operation: { fr: "Opération", en: "Operation" },
  operator: { fr: "Opérateur", en: "Operator" },
  classification: { fr: "Classement", en: "Classification" },
  cost: { fr: "Coût de l'opération", en: "Cost of the operation" },
  fse: { fr: "FSE", en: "ESF" },
  rate: { fr: "Taux FSE", en: "ESF rate" },
  status: { fr: "Statut (texte de la feuille)", en: "Status (text of the sheet)" },
  reading: { fr: "Statut lu", en: "Status read" },
  findings: { fr: "Anomalies", en: "Findings" },
  financer: { fr: "Financeur", en: "Financer" },
  totalCost: { fr: "Coût total", en: "Total cost" },
  lines: { fr: "Opérations", en: "Operations" },
  projects: { fr: "dont projets", en: "of which projects" },
  letters: { fr: "dont lettres de commande", en: "of which order letters" },
  undetermined: { fr: "dont non classées", en: "of which not classified" },
} satisfies Record<string, Entry>;
