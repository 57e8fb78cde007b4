import type { SheetResult } from "../domain/check";
import { copilAgenda } from "../domain/copil";
import { optimiseEnvelope } from "../domain/optimiser";
import { procurementOf } from "../domain/procurement";
import { procurementSettingsOf } from "../domain/settings";
import { synthesis } from "../domain/synthesis";
import { copilAgendaText } from "../report/copil";
import type { Lang } from "../report/format";
import { optimisationText } from "../report/optimiser";
import { procurementText } from "../report/procurement";
import { synthesisText } from "../report/synthesis";
import type { PaneSettings } from "./controller";
import { el } from "./dom";
import { t } from "./strings";

/* Loaded on demand by the pane (its own chunk): the first check shows without it. */

/** A block of the pane shown as text (the report's own words and figures). */
export interface TextBlock {
  id: string;
  title: string;
  text: string;
}

/** The text blocks of each section. */
export interface BeyondBlocks {
  /** The envelope simulation of each sheet with a FSE budget (Simulation FSE). */
  simulation: TextBlock[];
  /** The COPIL agenda, when a sheet has a Statut COPIL column (COPIL). */
  copil: TextBlock | null;
  /** The order letters with their quotes and procurement warnings (Projets et lettres de commande). */
  procurement: TextBlock | null;
  /** The multi-year synthesis (Financeurs). */
  synthesis: TextBlock | null;
  /** Lines to vote at the next COPIL, and lines to decide. */
  toVote: number;
}

/**
 * What the hand-made workbook never had, as text blocks: the envelope
 * simulation of each sheet with a FSE budget, the COPIL agenda, the order
 * letters and procurement, the multi-year synthesis.
 */
export function beyondBlocks(sheets: readonly SheetResult[], settings: PaneSettings, lang: Lang): BeyondBlocks {
  const rules = settings.rules;
  const simulation: TextBlock[] = [];
  for (const s of sheets) {
    if (s.budget.fse === undefined) continue;
    simulation.push({ id: `optimiser-${simulation.length}`, title: `${t("optimiser", lang)} — ${s.sheet.name}`, text: optimisationText(optimiseEnvelope(s, rules), s.sheet.name, lang).trimEnd() });
  }
  const agenda = copilAgenda(sheets, { today: new Date().toISOString().slice(0, 10) });
  const copil = agenda.toVote.length || agenda.toDecide.length ? { id: "copil", title: t("copil", lang), text: copilAgendaText(agenda, lang).trimEnd() } : null;
  // The structure's own lines ("PLIE" and the names in the settings) get no quotes.
  const purchases = procurementOf(sheets, procurementSettingsOf(settings));
  const procurement = purchases.letters.length ? { id: "procurement", title: t("procurement", lang), text: procurementText(purchases, lang).trimEnd() } : null;
  const synth = synthesis(sheets, { overrides: settings.categories ?? [] });
  const synthesisBlock = synth.years.length ? { id: "synthesis", title: t("synthesis", lang), text: synthesisText(synth, lang).trimEnd() } : null;
  return { simulation, copil, procurement, synthesis: synthesisBlock, toVote: agenda.toVote.length };
}

/** Replaces `root`'s content with the blocks (a heading and the text, wrapped to the pane), or the placeholder words. */
export function renderTextBlocks(doc: Document, root: HTMLElement, blocks: readonly (TextBlock | null)[], placeholder?: string): void {
  root.replaceChildren();
  for (const b of blocks) {
    if (!b) continue;
    const titleId = `${b.id}-title`;
    root.append(el(doc, "section", { id: b.id, class: "text-block", "aria-labelledby": titleId }, el(doc, "h3", { id: titleId }, b.title), el(doc, "pre", { class: "report" }, b.text)));
  }
  if (root.childElementCount === 0 && placeholder) root.append(el(doc, "p", { class: "placeholder" }, placeholder));
}
