import type { UpperLimit } from "../../domain/optimiser";
import type { Entry } from "./lookup";

/**
 * The FSE envelope what-if in words (plie-check's report, and the sentences
 * the simulation sheet takes from it). Sentences take their figures already
 * written: amounts, the rows (`L5, L7`), a range.
 */
export const OPTIMISER = {
  title: { fr: "Simulation de l'enveloppe FSE", en: "ESF envelope what-if" },
  notApplied: { fr: "la feuille n'est pas modifiée", en: "the sheet is not changed" },
  envelope: { fr: "Enveloppe", en: "Envelope" },
  fromBudget: { fr: "ligne BUDGET de la feuille", en: "the sheet's BUDGET row" },
  fromArgument: { fr: "saisie", en: "entered" },
  noEnvelope: {
    fr: "Pas d'enveloppe : la feuille n'a pas de budget FSE et aucune enveloppe n'a été saisie. Aucune proposition.",
    en: "No envelope: the sheet has no ESF budget and none was entered. No proposal.",
  },
  programmed: { fr: "FSE programmé", en: "ESF programmed" },
  proposed: { fr: "FSE proposé", en: "ESF proposed" },
  unused: { fr: "Enveloppe non utilisée", en: "Unused envelope" },
  fixed: {
    fr: "dont FSE fixe (lettres de commande, lignes non classées)",
    en: "of which fixed ESF (order letters, unclassified lines)",
  },
  lines: { fr: "Lignes", en: "Lines" },
  why: { fr: "Pourquoi", en: "Why" },
  colRow: { fr: "Ligne", en: "Row" },
  colLine: { fr: "Opération", en: "Operation" },
  colFse: { fr: "FSE", en: "ESF" },
  colProposed: { fr: "Proposé", en: "Proposed" },
  colChange: { fr: "Écart", en: "Change" },
  colRange: { fr: "Plage [min ; max]", en: "Range [min, max]" },
  colAuto: { fr: "Autofinancement avant → après", en: "Self-financing before → after" },
  letter: { fr: "lettre de commande (fixe)", en: "order letter (fixed)" },
  unclassified: { fr: "non classée (fixe)", en: "not classified (fixed)" },
  cannot: { fr: "ne peut rester projet (fixe)", en: "cannot stay a project (fixed)" },
  lettersTitle: {
    fr: "Lettres de commande qui pourraient devenir des projets",
    en: "Order letters that could become projects",
  },
  /** A [min; max] range of FSE. */
  range: { fr: (lo: string, hi: string) => `[${lo} ; ${hi}]`, en: (lo: string, hi: string) => `[${lo}, ${hi}]` },
  infeasible: {
    fr: (sumLo: string, available: string, shortfall: string) =>
      `Aucune répartition ne respecte les planchers : les projets demandent au moins ${sumLo} de FSE, l'enveloppe n'en laisse que ${available} (manque ${shortfall}).`,
    en: (sumLo: string, available: string, shortfall: string) =>
      `No allocation meets the floors: the projects need at least ${sumLo} of ESF, the envelope leaves ${available} (short by ${shortfall}).`,
  },
  everyAtMax: {
    fr: (sumHi: string, available: string) =>
      `- L'enveloppe couvre le maximum de chaque projet (${sumHi} pour ${available} disponibles) : chaque projet reçoit son maximum.`,
    en: (sumHi: string, available: string) =>
      `- The envelope covers every project's maximum (${sumHi} for ${available} available): every project gets its maximum.`,
  },
  shared: {
    fr: (sumHi: string, available: string) =>
      `- Les maximums des projets (${sumHi}) dépassent l'enveloppe disponible (${available}) : elle est répartie exactement, au prorata de la marge de chaque ligne.`,
    en: (sumHi: string, available: string) =>
      `- The projects' maximums (${sumHi}) exceed the available envelope (${available}): it is shared exactly, in proportion to each line's room.`,
  },
  atCap: {
    fr: (rows: string) => `- À leur plafond de FSE (taux maximum)\u00a0: ${rows}.`,
    en: (rows: string) => `- At their ESF cap (maximum rate): ${rows}.`,
  },
  /** After the lines limited by their co-financing: every one of them cannot move. */
  blockedAll: {
    fr: " ; sans autofinancement à céder, leur FSE ne peut pas augmenter",
    en: "; with no self-financing to give back, their ESF cannot go up",
  },
  /** After the lines limited by their co-financing: those that cannot move. */
  blockedSome: {
    fr: (rows: string) => ` ; sans autofinancement à céder, inchangés\u00a0: ${rows}`,
    en: (rows: string) => `; with no self-financing to give back, unchanged: ${rows}`,
  },
  limitedByCofinancing: {
    fr: (rows: string, blocked: string) =>
      `- Limités par leur cofinancement (plus de FSE demanderait de réduire les autres financeurs)\u00a0: ${rows}${blocked}.`,
    en: (rows: string, blocked: string) =>
      `- Limited by their co-financing (more ESF would mean cutting other financers): ${rows}${blocked}.`,
  },
  raised: {
    fr: (rows: string, sum: string) =>
      `- En hausse (l'autofinancement baisse d'autant)\u00a0: ${rows}, ${sum} au total.`,
    en: (rows: string, sum: string) => `- Raised (self-financing goes down as much): ${rows}, ${sum} in all.`,
  },
  lowered: {
    fr: (rows: string, sum: string) =>
      `- En baisse (l'autofinancement augmente d'autant)\u00a0: ${rows}, ${sum} au total.`,
    en: (rows: string, sum: string) => `- Lowered (self-financing goes up as much): ${rows}, ${sum} in all.`,
  },
  unusedLeft: {
    fr: (unused: string) =>
      `- ${unused} d'enveloppe restent non utilisés\u00a0: aucun projet ne peut recevoir davantage de FSE sans dépasser son plafond ou réduire ses cofinancements.`,
    en: (unused: string) =>
      `- ${unused} of the envelope stay unused: no project can take more ESF without going over its cap or cutting its co-financing.`,
  },
  exceeded: {
    fr: (excess: string) => `- Enveloppe dépassée de ${excess} par le FSE fixe des lignes qui ne bougent pas.`,
    en: (excess: string) => `- Envelope exceeded by ${excess} by the fixed ESF of lines that do not move.`,
  },
  cannotStay: {
    fr: (rows: string) =>
      `- Ne peuvent rester des projets avec leurs cofinancements actuels (plancher au-dessus du maximum)\u00a0: ${rows} ; leur FSE est compté sans être déplacé.`,
    en: (rows: string) =>
      `- Cannot stay projects with their current co-financing (floor above the maximum): ${rows}; their ESF is counted but not moved.`,
  },
  lettersFixed: {
    fr: (rows: string) => `- Lettres de commande, FSE compté mais non déplacé\u00a0: ${rows}.`,
    en: (rows: string) => `- Order letters, ESF counted but not moved: ${rows}.`,
  },
  /** An order letter whose total cost is below a project's minimum. */
  letterCostMissing: {
    fr: (cost: string, missing: string, min: string) =>
      `dépenses totales ${cost}, il manque ${missing} pour atteindre le coût minimum d'un projet (${min}).`,
    en: (cost: string, missing: string, min: string) =>
      `total cost ${cost}; it lacks ${missing} to reach a project's minimum cost (${min}).`,
  },
  /** An order letter whose co-financing leaves less FSE than the floor. */
  letterBelowFloor: {
    fr: (hi: string, lo: string) =>
      `son cofinancement ne laisse que ${hi} de FSE possible, sous le plancher de ${lo} : il faudrait réduire ses cofinancements.`,
    en: (hi: string, lo: string) =>
      `its co-financing leaves room for only ${hi} of ESF, below the ${lo} floor: its co-financing would have to shrink.`,
  },
  /** An order letter that could become a project: `range` its FSE range, `limit` what bounds it, `extra` the FSE it needs, `cover` whether the envelope covers it. */
  letterNeeds: {
    fr: (range: string, limit: string, extra: string, cover: string) =>
      `il lui faudrait un FSE dans ${range} (limite haute : ${limit}), soit ${extra} de FSE en plus ; ${cover}.`,
    en: (range: string, limit: string, extra: string, cover: string) =>
      `it would need an ESF amount in ${range} (upper limit: ${limit}), i.e. ${extra} more ESF; ${cover}.`,
  },
  coveredByUnused: { fr: "l'enveloppe non utilisée le couvre", en: "the unused envelope covers it" },
  coveredWithFloors: {
    fr: "l'enveloppe non utilisée ne le couvre pas, mais il serait couvert en ramenant des projets vers leur plancher",
    en: "the unused envelope does not cover it, but it would be covered by moving projects down towards their floor",
  },
  notCovered: {
    fr: "l'enveloppe ne le couvre pas, même avec tous les projets à leur plancher",
    en: "the envelope does not cover it, even with every project at its floor",
  },
  noEnvelopeToJudge: { fr: "pas d'enveloppe pour en juger", en: "no envelope to judge" },
} satisfies Record<string, Entry<unknown>>;

/** What bounds a line's FSE from above. */
export const UPPER_LIMIT = {
  cap: { fr: "plafond", en: "cap" },
  cofinancing: { fr: "cofinancement", en: "co-financing" },
  both: { fr: "plafond et cofinancement", en: "cap and co-financing" },
} satisfies Record<UpperLimit, Entry>;
