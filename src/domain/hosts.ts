import type { Host } from "./model";
import { normalizeLabel } from "./text";

/**
 * Words that point an order letter to one of CREATIV's two own FSE projects:
 * animation (actions for the referents and the animation team) or assistance
 * (actions for participants). A suggestion only: a column of the sheet
 * overrides it.
 */
export const HOST_KEYWORDS: Record<Host, readonly string[]> = {
  animation: [
    "animation", "analyse de la pratique", "analyse des pratiques", "analyse de pratique",
    "formation des referents", "professionnalisation", "appui technique", "assistance technique",
    "coordination", "relation entreprise", "relations entreprises", "relation entreprises",
    "prospection", "ingenierie", "facilitateur", "clauses", "equipe", "job stand up",
  ],
  assistance: [
    "portage", "enveloppe souple", "remobilisation", "estime de soi", "relooking", "chantier",
    "atelier", "participant", "participants", "public", "publics", "mobilite", "diagnostic",
    "remediation", "accompagnement", "accomp", "insertion", "femmes", "seniors", "formation",
    "prestation", "aide",
  ],
};

function countHits(text: string, words: readonly string[]): number {
  let n = 0;
  for (const w of words) if (text.includes(w)) n++;
  return n;
}

/** Host project suggested for an order letter, from its action code and words. */
export function suggestHost(action: string, operation: string): Host {
  const code = normalizeLabel(action);
  if (code.includes("422b")) return "animation";
  if (code.includes("422d")) return "assistance";
  const text = normalizeLabel(operation);
  const anim = countHits(text, HOST_KEYWORDS.animation);
  const assist = countHits(text, HOST_KEYWORDS.assistance);
  return anim > assist ? "animation" : "assistance";
}

/** When a project line is one of CREATIV's two host projects, which one. */
export function hostProjectOf(action: string, operation: string): Host | null {
  const code = normalizeLabel(action);
  if (code.includes("422b")) return "animation";
  if (code.includes("422d")) return "assistance";
  const text = normalizeLabel(operation);
  if (/partie animation|animation du plie|service plie/.test(text)) return "animation";
  if (/projet d'assistance|assistance, d'accompagnement/.test(text)) return "assistance";
  return null;
}
