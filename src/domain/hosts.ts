import type { Host } from "./model";
import { normalizeLabel } from "./text";

/**
 * Words that point an order letter to one of CREATIV's two own FSE projects:
 * animation (actions for the referents and the animation team) or assistance
 * (actions for participants). A suggestion only: a column of the sheet
 * overrides it.
 */
const HOST_KEYWORDS: Record<Host, readonly string[]> = {
  animation: [
    "animation",
    "analyse de la pratique",
    "analyse des pratiques",
    "analyse de pratique",
    "formation des referents",
    "professionnalisation",
    "appui technique",
    "assistance technique",
    "coordination",
    "relation entreprise",
    "relations entreprises",
    "relation entreprises",
    "prospection",
    "ingenierie",
    "facilitateur",
    "clauses",
    "equipe",
    "job stand up",
  ],
  assistance: [
    "portage",
    "enveloppe souple",
    "remobilisation",
    "estime de soi",
    "relooking",
    "chantier",
    "atelier",
    "participant",
    "participants",
    "public",
    "publics",
    "mobilite",
    "diagnostic",
    "remediation",
    "accompagnement",
    "accomp",
    "insertion",
    "femmes",
    "seniors",
    "formation",
    "prestation",
    "aide",
  ],
};

function countHits(text: string, words: readonly string[]): number {
  let n = 0;
  for (const w of words) if (text.includes(w)) n++;
  return n;
}

const suggested = new Map<string, Map<string, Host>>();

/** Host project suggested for an order letter, from its action code and words. */
export function suggestHost(action: string, operation: string): Host {
  // Programmings repeat the same actions many times: remember the answers
  // (keyed on the cells' own strings, so nothing is built to look them up).
  let byOperation = suggested.get(action);
  if (byOperation === undefined) {
    if (suggested.size > 1000) suggested.clear();
    byOperation = new Map();
    suggested.set(action, byOperation);
  }
  let host = byOperation.get(operation);
  if (host === undefined) {
    host = suggestFromWords(action, operation);
    if (byOperation.size > 1000) byOperation.clear();
    byOperation.set(operation, host);
  }
  return host;
}

function suggestFromWords(action: string, operation: string): Host {
  const code = normalizeLabel(action);
  if (code.includes("422b")) return "animation";
  if (code.includes("422d")) return "assistance";
  const text = normalizeLabel(operation);
  const anim = countHits(text, HOST_KEYWORDS.animation);
  const assist = countHits(text, HOST_KEYWORDS.assistance);
  return anim > assist ? "animation" : "assistance";
}

const ANIMATION_CODE = /422\s*b/i;
const ASSISTANCE_CODE = /422\s*d/i;
const ANIMATION_NAME = /partie animation|animation du plie|service plie/i;
const ASSISTANCE_NAME = /projet d.assistance|assistance, d.accompagnement/i;

/** When a project line is one of CREATIV's two host projects, which one (cheap: no normalisation). */
export function hostProjectOf(action: string, operation: string): Host | null {
  if (ANIMATION_CODE.test(action)) return "animation";
  if (ASSISTANCE_CODE.test(action)) return "assistance";
  if (ANIMATION_NAME.test(operation)) return "animation";
  if (ASSISTANCE_NAME.test(operation)) return "assistance";
  return null;
}
