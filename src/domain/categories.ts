import { normalizeLabel } from "./text";

/**
 * The five "grands postes de dépenses" of the PLIE's programming, as the
 * 2015–2019 evaluation report groups them (chapter I.C.3), in the report's
 * order:
 *
 * - `animation`: the animation of the PLIE (CREATIV's own project, code 422B),
 *   with the actions for the referents and the animation team;
 * - `assistance`: the project of assistance, support and training for
 *   participants (CREATIV's own project, code 422D, since 2016);
 * - `clauses`: the PLIE's clauses facilitators (code 322D, a separate FSE
 *   programme);
 * - `referents`: the referent posts carried by operators (*portage de
 *   référents*) and the post of chargé(e) de mission emploi-formation;
 * - `actions`: every other action offered to participants (insertion
 *   workshops, training, specific support, enveloppe souple…).
 */
export const CATEGORIES = ["animation", "assistance", "clauses", "referents", "actions"] as const;

export type Category = (typeof CATEGORIES)[number];

export function isCategory(s: string): s is Category {
  return (CATEGORIES as readonly string[]).includes(s);
}

/** A user's rule, tried before the built-in ones. */
export interface CategoryOverride {
  /**
   * Text contained in the operation's name, or equal to the action code
   * (case, accents, dashes and spaces do not matter).
   */
  match: string;
  category: Category;
}

/**
 * Action codes of the sheets that name a category on their own (compared
 * without case nor spaces, contained in the action cell: `OS3-422B` is 422B).
 * 422C (and 322C) are shared by referent posts and actions for participants,
 * so they decide nothing.
 */
const CATEGORY_CODES: Readonly<Partial<Record<Category, readonly string[]>>> = {
  clauses: ["322D"],
  animation: ["422B"],
  assistance: ["422D"],
};

/**
 * Words of the operation's name (normalised: lower case, no accents) that
 * name a category. Anything that matches none of them is an action for
 * participants (`actions`).
 *
 * `referents` is tried first, before the action codes: in 2015 the referent
 * post carried by the GIP itself was coded 422D, yet the report counts it
 * with the referent posts (the 2015 column of its table only adds up that
 * way). Words such as "clauses" or "coordination" alone are not enough:
 * `Accomp. Clauses Insertion` (ARIQ BTP) and `Coordination vers l'emploi`
 * (IRFA) are actions for participants.
 */
const CATEGORY_KEYWORDS: Readonly<Record<Exclude<Category, "actions">, readonly string[]>> = {
  referents: [
    "portage de referent",
    "portage des referent",
    "portage d'un poste de referent",
    "poste de referent",
    "postes de referent",
    "de mission emploi",
  ],
  clauses: ["clauses plie", "clause plie", "facilitateur"],
  animation: [
    "partie animation",
    "animation du plie",
    "service plie",
    "analyse de la pratique",
    "analyse des pratiques",
    "analyse de pratique",
    "formation des referents",
    "professionnalisation des referents",
  ],
  assistance: [
    "projet d'assistance",
    "assistance, d'accompagnement",
    "assistance d'accompagnement",
    "assistance aux personnes",
    "assistance aux participants",
  ],
};

/** The order in which codes and words are tried after the referent words. */
const CODE_ORDER: readonly Exclude<Category, "actions" | "referents">[] = ["clauses", "animation", "assistance"];

const compact = (s: string) => normalizeLabel(s).replace(/[\s_-]+/g, "");

const NORMALISED_CODES: readonly [Category, readonly string[]][] = CODE_ORDER.map((c) => [
  c,
  (CATEGORY_CODES[c] ?? []).map(compact),
]);

const hasAny = (text: string, words: readonly string[]) => words.some((w) => text.includes(w));

/** The category from the built-in codes and words only. */
function builtInCategory(action: string, operation: string): Category {
  const text = normalizeLabel(operation);
  if (hasAny(text, CATEGORY_KEYWORDS.referents)) return "referents";
  const code = compact(action);
  for (const [c, codes] of NORMALISED_CODES) {
    if (code !== "" && hasAny(code, codes)) return c;
    if (hasAny(text, CATEGORY_KEYWORDS[c as Exclude<Category, "actions">])) return c;
  }
  return "actions";
}

/** A category finder with its own cache, for one table of user overrides. */
export type CategoryFinder = (action: string, operation: string) => Category;

/**
 * Builds a category finder: the user's overrides first (in their order: the
 * first whose `match` is contained in the operation's name or equals the
 * action code wins), then the built-in codes and words. Answers are kept per
 * distinct action and operation, as programmings repeat the same words.
 */
export function categoryFinder(overrides: readonly CategoryOverride[] = []): CategoryFinder {
  const rules = overrides
    .map((o) => ({ text: normalizeLabel(o.match), code: compact(o.match), category: o.category }))
    .filter((o) => o.text !== "");
  const cache = new Map<string, Map<string, Category>>();
  return (action, operation) => {
    let byOperation = cache.get(action);
    if (byOperation === undefined) {
      if (cache.size > 1000) cache.clear();
      byOperation = new Map();
      cache.set(action, byOperation);
    }
    let c = byOperation.get(operation);
    if (c === undefined) {
      c = overridden(rules, action, operation) ?? builtInCategory(action, operation);
      if (byOperation.size > 1000) byOperation.clear();
      byOperation.set(operation, c);
    }
    return c;
  };
}

function overridden(
  rules: readonly { text: string; code: string; category: Category }[],
  action: string,
  operation: string,
): Category | null {
  if (rules.length === 0) return null;
  const text = normalizeLabel(operation);
  const code = compact(action);
  for (const r of rules) if (text.includes(r.text) || (code !== "" && code === r.code)) return r.category;
  return null;
}

const defaultFinder = categoryFinder();

/**
 * The category of an operation line, from its action code and name (and the
 * user's overrides, tried first). With overrides, each call builds its own
 * finder: over many lines, build one with `categoryFinder` instead.
 */
export function categoryOf(action: string, operation: string, overrides: readonly CategoryOverride[] = []): Category {
  return overrides.length === 0 ? defaultFinder(action, operation) : categoryFinder(overrides)(action, operation);
}
