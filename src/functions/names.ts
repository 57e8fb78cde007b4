/**
 * Names of the custom functions: stable ids (English), the French name
 * (default metadata, functions.json) and the English one (functions.en.json).
 * Excel shows them under the PLIE namespace: PLIE.TAUX_FSE, PLIE.FSE_RATE.
 */
export const FUNCTION_NAMES = {
  FSE_RATE: { fr: "TAUX_FSE", en: "FSE_RATE" },
  STATUS: { fr: "STATUT", en: "STATUS" },
  CHECK: { fr: "VERIFIER", en: "CHECK" },
  MAX_FSE: { fr: "FSE_MAX", en: "MAX_FSE" },
  FLOOR_SHORTFALL: { fr: "MANQUE_PLANCHER", en: "FLOOR_SHORTFALL" },
  GAP: { fr: "ECART", en: "GAP" },
  FINANCER_TOTAL: { fr: "TOTAL_FINANCEUR", en: "FINANCER_TOTAL" },
  CONTROL: { fr: "CONTROLE", en: "CONTROL" },
} as const satisfies Record<string, { fr: string; en: string }>;

export type FunctionId = keyof typeof FUNCTION_NAMES;

export const FUNCTION_IDS = Object.keys(FUNCTION_NAMES) as FunctionId[];

export function isFunctionId(id: string): id is FunctionId {
  return Object.prototype.hasOwnProperty.call(FUNCTION_NAMES, id);
}

/** English descriptions of each function and of its parameters (by parameter name). */
export const ENGLISH_DESCRIPTIONS: Record<
  FunctionId,
  { description: string; parameters: Record<string, string>; result?: string }
> = {
  FSE_RATE: {
    description: "ESF rate of an operation: ESF ÷ total cost.",
    parameters: {
      fse: "ESF amount of the operation (a number or text such as “1 234,56 €”).",
      depenses: "Total cost of the operation (Dépenses totales).",
    },
  },
  STATUS: {
    description:
      "“Projet” when the operation meets the ESF floor and cap, otherwise “Lettre de commande” (order letter).",
    parameters: {
      depenses: "Total cost of the operation (Dépenses totales).",
      fse: "ESF amount of the operation.",
    },
  },
  CHECK: {
    description:
      "Checks an operation line against the ESF rules: “OK”, or its findings (in French) separated by “ ; ”.",
    parameters: {
      depenses: "Total cost of the operation (Dépenses totales).",
      fse: "ESF amount of the operation (sum of its ESF columns).",
      financements:
        "Optional: the line's financer amounts, ESF included, in one row or one column (blank cells count as 0), to check that the financing plan is balanced.",
      total_operation: "Optional: the printed Total opération, compared with the total cost.",
    },
  },
  MAX_FSE: {
    description: "Largest ESF amount the cap allows on this total cost (in euros, rounded down to the cent).",
    parameters: { depenses: "Total cost of the operation (Dépenses totales)." },
  },
  FLOOR_SHORTFALL: {
    description: "ESF amount missing to reach the floor (0 when it is met).",
    parameters: { fse: "ESF amount of the operation." },
  },
  GAP: {
    description: "Total cost minus the sum of the financers (0 when the financing plan is balanced).",
    parameters: {
      depenses: "Total cost of the operation (Dépenses totales).",
      financements:
        "The line's financer amounts, ESF included, in one row or one column (blank cells count as 0; a whole column such as F:F is fine).",
    },
  },
  FINANCER_TOTAL: {
    description: "Total programmed by one financer in a programming table (header rows included in the range).",
    parameters: {
      tableau: "The programming table, from its header row(s) to its last line (whole columns such as A:T are fine).",
      financeur:
        "The financer: a column header (“Collectivité - Grand Dijon”), a name (“Dijon Métropole”, “FSE”) or an id (“dijon_metropole”).",
    },
  },
  CONTROL: {
    description:
      "Checks every operation of a programming table: one row per operation with its status, ESF, ESF rate and findings (after a header row).",
    parameters: {
      tableau: "The programming table, from its header row(s) to its last line (whole columns such as A:T are fine).",
    },
  },
};
