import type { AgendaReason, VoteState } from "../../domain/copil";
import type { Entry } from "./lookup";

/** A line's vote status, as read from its `Statut COPIL` cell. */
export const VOTE_STATE = {
  voted: { fr: "voté", en: "voted" },
  to_vote: { fr: "à voter", en: "to be voted" },
  to_submit: { fr: "à faire voter", en: "to be submitted" },
  unknown: { fr: "statut illisible", en: "unreadable status" },
} satisfies Record<VoteState, Entry>;

/** Why a line is on a COPIL's agenda. */
export const AGENDA_REASON = {
  to_vote: { fr: "à voter", en: "to be voted" },
  overdue: { fr: "à voter à un COPIL passé, pas encore voté", en: "due at an earlier COPIL, not voted yet" },
  to_submit: { fr: "à faire voter", en: "to be submitted" },
  no_status: { fr: "sans statut", en: "no status" },
  unreadable_status: { fr: "statut illisible", en: "unreadable status" },
} satisfies Record<AgendaReason, Entry>;

/** The agenda of a COPIL (text report, and the words the agenda sheet shares). */
export const COPIL = {
  prepare: { fr: "Préparer le COPIL du", en: "Preparing the COPIL of" },
  prepareNext: { fr: "Préparer le prochain COPIL (date inconnue)", en: "Preparing the next COPIL (date unknown)" },
  toVote: { fr: "À voter", en: "To be voted" },
  toDecide: { fr: "À décider", en: "To be decided" },
  none: { fr: "Aucune ligne.", en: "No line." },
  sheet: { fr: "Feuille", en: "Sheet" },
  row: { fr: "ligne", en: "row" },
  status: { fr: "statut", en: "status" },
  totalCost: { fr: "Dépenses totales", en: "Total cost" },
  noFinding: { fr: "aucune anomalie", en: "no finding" },
  totals: { fr: "Totaux par financeur", en: "Totals per financer" },
  all: { fr: "Ensemble", en: "All" },
  total: { fr: "Total", en: "Total" },
  alreadyVoted: { fr: "déjà voté(s) à cette date", en: "already voted at that date" },
  otherDates: { fr: "Dates à voter relevées", en: "Voting dates found" },
  projet: { fr: "projet", en: "project" },
  lettre_de_commande: { fr: "lettre de commande", en: "order letter" },
  unclassified: { fr: "non classée", en: "not classified" },
} satisfies Record<string, Entry>;
