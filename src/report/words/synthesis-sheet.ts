import type { Entry } from "./lookup";

/**
 * The synthesis sheet's own words. Amounts are called "Coût total", never
 * "Dépenses totales", and no header row pairs a cost column with financer
 * columns: the sheet must never be taken for a programming table.
 */
export const SYNTHESIS_SHEET = {
  title: { fr: "Synthèse pluriannuelle de la programmation FSE", en: "Multi-year summary of the ESF programming" },
  financers: { fr: "Financements par financeur et par année", en: "Funding per financer and year" },
  cost: { fr: "Coût total", en: "Total cost" },
  changeTitle: { fr: "Évolution par financeur d'une année à l'autre", en: "Change per financer from year to year" },
  categoryChangeTitle: {
    fr: "Évolution par poste de dépenses d'une année à l'autre",
    en: "Change per category from year to year",
  },
  versus: { fr: "par rapport à", en: "against" },
  change: { fr: "écart", en: "change" },
  changeRate: { fr: "évolution", en: "change rate" },
  categoryTitle: {
    fr: "Coût total par grand poste de dépenses et par année",
    en: "Total cost per category of expense and year",
  },
  fseTitle: { fr: "FSE par grand poste de dépenses et par année", en: "ESF per category of expense and year" },
  category: { fr: "Poste de dépenses", en: "Category" },
  lines: { fr: "Opérations", en: "Operations" },
  chart: {
    fr: "Coût total par grand poste de dépenses et par année",
    en: "Total cost per category of expense and year",
  },
} satisfies Record<string, Entry>;
