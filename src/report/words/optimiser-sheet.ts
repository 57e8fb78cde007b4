import type { Entry } from "./lookup";

/**
 * The simulation sheet's words: those of the what-if report, with the column
 * headers of a sheet. No header row pairs a cost column with financer
 * columns, so the sheet is never taken for a programming table.
 */
export const OPTIMISER_SHEET = {
  /** `sheet` the programming sheet's name, quoted. */
  simulation: {
    fr: (sheet: string) =>
      `SIMULATION — la programmation n'est pas modifiée : aucune cellule de la feuille ${sheet} n'a été changée.`,
    en: (sheet: string) => `WHAT-IF — the programming is unchanged: no cell of the sheet ${sheet} was changed.`,
  },
  figures: { fr: "Enveloppe et totaux", en: "Envelope and totals" },
  envelope: { fr: "Enveloppe", en: "Envelope" },
  fromBudget: { fr: "ligne BUDGET de la feuille", en: "the sheet's BUDGET row" },
  fromArgument: { fr: "saisie", en: "entered" },
  programmed: { fr: "FSE programmé", en: "ESF programmed" },
  fixed: {
    fr: "dont FSE fixe (lettres de commande, lignes non classées)",
    en: "of which fixed ESF (order letters, unclassified lines)",
  },
  proposed: { fr: "FSE proposé", en: "ESF proposed" },
  change: { fr: "Écart", en: "Change" },
  unused: { fr: "Enveloppe non utilisée", en: "Unused envelope" },
  lines: { fr: "Lignes", en: "Lines" },
  colRow: { fr: "Ligne", en: "Row" },
  colAction: { fr: "Action", en: "Action" },
  colOperation: { fr: "Opération", en: "Operation" },
  colOperator: { fr: "Opérateur", en: "Operator" },
  colFse: { fr: "FSE aujourd'hui", en: "ESF today" },
  colProposed: { fr: "Proposé", en: "Proposed" },
  colChange: { fr: "Écart", en: "Change" },
  colMin: { fr: "Plage min", en: "Range min" },
  colMax: { fr: "Plage max", en: "Range max" },
  colLimit: { fr: "Limite haute", en: "Upper limit" },
  colAutoBefore: { fr: "Autofin. avant", en: "Self-fin. before" },
  colAutoAfter: { fr: "Autofin. après", en: "Self-fin. after" },
  colStatus: { fr: "Statut", en: "Status" },
  total: { fr: "Total", en: "Total" },
  letter: { fr: "lettre de commande (fixe)", en: "order letter (fixed)" },
  unclassified: { fr: "non classée (fixe)", en: "not classified (fixed)" },
  cannot: { fr: "ne peut rester projet (fixe)", en: "cannot stay a project (fixed)" },
  project: { fr: "projet", en: "project" },
  why: { fr: "Pourquoi", en: "Why" },
} satisfies Record<string, Entry<unknown>>;
