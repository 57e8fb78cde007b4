import type { Lang } from "../report/format";

/** The pane's words, French first. */
export const UI = {
  title: { fr: "Programmation FSE", en: "ESF programming" },
  scope: { fr: "Vérifier", en: "Check" },
  scopeActive: { fr: "la feuille active", en: "the active sheet" },
  scopeAll: { fr: "toutes les feuilles de programmation", en: "every programming sheet" },
  check: { fr: "Vérifier", en: "Check" },
  mark: { fr: "Marquer", en: "Mark" },
  clear: { fr: "Effacer les marques", en: "Clear marks" },
  report: { fr: "Rapport COPIL", en: "COPIL report" },
  settings: { fr: "Paramètres", en: "Settings" },
  save: { fr: "Enregistrer", en: "Save" },
  optimiser: { fr: "Simulation de l'enveloppe FSE", en: "ESF envelope simulation" },
  writeSynthesis: { fr: "Feuille Synthèse", en: "Synthesis sheet" },
  writeAgenda: { fr: "Feuille Ordre du jour COPIL", en: "COPIL agenda sheet" },
  statusLegend: { fr: "Statut COPIL d'une ligne", en: "A line's COPIL status" },
  statusRow: { fr: "Ligne", en: "Row" },
  statusText: { fr: "Statut", en: "Status" },
  statusSave: { fr: "Inscrire le statut", en: "Write the status" },
  statusWritten: { fr: "Statut inscrit en", en: "Status written to" },
  noStatusColumn: { fr: "Aucune feuille vérifiée n'a de colonne « Statut COPIL ».", en: "No checked sheet has a “Statut COPIL” column." },
  writeSimulation: { fr: "Feuille Simulation FSE", en: "ESF simulation sheet" },
  live: { fr: "Revérifier la feuille à chaque modification", en: "Re-check a sheet after each edit" },
  liveOn: { fr: "Revérification automatique activée.", en: "Automatic re-check on." },
  liveOff: { fr: "Revérification automatique arrêtée.", en: "Automatic re-check off." },
  rechecked: { fr: "Feuille revérifiée\u00a0:", en: "Sheet re-checked:" },
  noBudget: { fr: "Aucune feuille n'a de budget FSE (ligne BUDGET) : pas de simulation.", en: "No sheet has an ESF budget (BUDGET row): no simulation." },
  copil: { fr: "Préparer le COPIL", en: "Prepare the COPIL" },
  procurement: { fr: "Lettres de commande et commande publique", en: "Order letters and public procurement" },
  synthesis: { fr: "Synthèse pluriannuelle", en: "Multi-year synthesis" },
  profile: { fr: "Profil de règles", en: "Rule profile" },
  quotes: { fr: "Devis à demander par lettre de commande", en: "Quotes per order letter" },
  threshold: { fr: "Seuil de commande publique (€ HT)", en: "Public procurement threshold (€ excl. VAT)" },
  categories: { fr: "Catégories de dépenses (un par ligne\u00a0: texte = catégorie)", en: "Categories of expense (one per line: text = category)" },
  customProfile: { fr: "— seuils personnalisés —", en: "— custom thresholds —" },
  floor: { fr: "Plancher FSE (€)", en: "ESF floor (€)" },
  cap: { fr: "Plafond du taux FSE (%)", en: "ESF rate cap (%)" },
  strictFloor: { fr: "Le FSE doit dépasser le plancher (strict)", en: "ESF must be above the floor (strict)" },
  aliases: { fr: "Alias de financeurs (un par ligne\u00a0: en-tête = id)", en: "Financer aliases (one per line: header = id)" },
  counts: { fr: "Bilan", en: "Summary" },
  sheets: { fr: "feuille(s)", en: "sheet(s)" },
  projects: { fr: "Projets", en: "Projects" },
  letters: { fr: "Lettres de commande", en: "Order letters" },
  findings: { fr: "Anomalies", en: "Findings" },
  noFinding: { fr: "Aucune anomalie.", en: "No finding." },
  goTo: { fr: "Aller à la cellule", en: "Go to cell" },
  split: { fr: "Projets et lettres de commande", en: "Projects and order letters" },
  hostLine: { fr: "ligne hôte", en: "host line" },
  noHostLine: { fr: "pas de ligne hôte", en: "no host line" },
  withLetters: { fr: "total avec les lettres", en: "total with the letters" },
  totals: { fr: "Financements par financeur", en: "Funding per financer" },
  financer: { fr: "Financeur", en: "Financer" },
  programmed: { fr: "Programmé", en: "Programmed" },
  budget: { fr: "Budget", en: "Budget" },
  under: { fr: "Sous-programmation", en: "Under-programming" },
  overWord: { fr: "dépassement", en: "over budget" },
  totalCost: { fr: "Dépenses totales", en: "Total cost" },
  fseShare: { fr: "Part FSE", en: "ESF share" },
  cross: { fr: "Financeurs × années", en: "Financers × years" },
  total: { fr: "Total", en: "Total" },
  row: { fr: "Ligne", en: "Row" },
  working: { fr: "Vérification en cours…", en: "Checking…" },
  done: { fr: "Vérification terminée.", en: "Check done." },
  marked: { fr: "Cellules marquées.", en: "Cells marked." },
  cleared: { fr: "Marques effacées, mises en forme d'origine rétablies.", en: "Marks cleared, original formats restored." },
  reportWritten: { fr: "Rapport écrit dans la feuille", en: "Report written to sheet" },
  saved: { fr: "Paramètres enregistrés dans le classeur ; formules recalculées.", en: "Settings saved in the workbook; formulas recalculated." },
  noSheet: { fr: "Aucune feuille de programmation trouvée.", en: "No programming sheet found." },
  failed: { fr: "Échec", en: "Failed" },
  checkFirst: { fr: "Lancez d'abord une vérification.", en: "Run a check first." },
} as const satisfies Record<string, Record<Lang, string>>;

export type UiKey = keyof typeof UI;

export function t(key: UiKey, lang: Lang): string {
  return UI[key][lang];
}

/** French unless Office speaks English. */
export function langOf(displayLanguage: string | undefined): Lang {
  return displayLanguage && displayLanguage.toLowerCase().startsWith("en") ? "en" : "fr";
}
