import type { Category } from "../../domain/categories";
import type { Entry } from "./lookup";

/** The five categories of expense, as the evaluation report names them (French first). */
export const CATEGORY = {
  animation: { fr: "Animation du PLIE", en: "PLIE animation" },
  assistance: { fr: "Projet d'assistance aux personnes", en: "Assistance project for participants" },
  clauses: { fr: "Clauses PLIE-Facilitateurs", en: "PLIE clauses facilitators" },
  referents: {
    fr: "Portage de référents + poste de chargé(e) de mission",
    en: "Referent posts + employment-training officer",
  },
  actions: { fr: "Actions pour les participants", en: "Actions for participants" },
} satisfies Record<Category, Entry>;

/** The multi-year synthesis of plie-check's report. */
export const SYNTHESIS = {
  categoryTitle: {
    fr: "Programmation par grands postes de dépenses (Dépenses totales)",
    en: "Programming by category of expense (total cost)",
  },
  fseTitle: { fr: "FSE par grand poste de dépenses", en: "ESF by category of expense" },
  changeTitle: { fr: "Évolution par financeur d'une année à l'autre", en: "Change per financer from year to year" },
  categoryChangeTitle: {
    fr: "Évolution par poste de dépenses d'une année à l'autre",
    en: "Change per category from year to year",
  },
  category: { fr: "Poste de dépenses", en: "Category" },
  versus: { fr: "par rapport à", en: "against" },
} satisfies Record<string, Entry>;
