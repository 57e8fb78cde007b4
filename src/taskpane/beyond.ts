import type { SheetResult } from "../domain/check";
import { copilAgenda } from "../domain/copil";
import { optimiseEnvelope, type Optimisation } from "../domain/optimiser";
import { procurementOf } from "../domain/procurement";
import { procurementSettingsOf } from "../domain/settings";
import { synthesis, type Synthesis } from "../domain/synthesis";
import { copilAgendaText } from "../report/copil";
import type { Lang } from "../report/format";
import { procurementText } from "../report/procurement";
import type { PaneSettings } from "./controller";
import { el } from "./dom";
import { simulationBlock, synthesisBlock } from "./reports-view";
import { t } from "./strings";

/* Loaded on demand by the pane (its own chunk): the first check shows without it. */

/** A block of the pane shown as text (the report's own words and figures). */
export interface TextBlock {
  id: string;
  title: string;
  text: string;
}

/** The blocks of each section. */
export interface BeyondBlocks {
  /** The envelope simulation of each sheet with a FSE budget (Simulation FSE). */
  simulation: { id: string; title: string; sheet: string; optimisation: Optimisation }[];
  /** The COPIL agenda, when a sheet has a Statut COPIL column (COPIL). */
  copil: TextBlock | null;
  /** The order letters with their quotes and procurement warnings (Projets et lettres de commande). */
  procurement: TextBlock | null;
  /** The multi-year synthesis (Financeurs). */
  synthesis: { id: string; title: string; synthesis: Synthesis } | null;
  /** Lines to vote at the next COPIL. */
  toVote: number;
}

/**
 * What the hand-made workbook never had: the envelope simulation of each
 * sheet with a FSE budget, the COPIL agenda, the order letters and
 * procurement, the multi-year synthesis.
 */
export function beyondBlocks(sheets: readonly SheetResult[], settings: PaneSettings, lang: Lang): BeyondBlocks {
  const rules = settings.rules;
  const simulation: BeyondBlocks["simulation"] = [];
  for (const s of sheets) {
    if (s.budget.fse === undefined) continue;
    simulation.push({
      id: `optimiser-${simulation.length}`,
      title: `${t("optimiser", lang)} — ${s.sheet.name}`,
      sheet: s.sheet.name,
      optimisation: optimiseEnvelope(s, rules),
    });
  }
  const agenda = copilAgenda(sheets, { today: new Date().toISOString().slice(0, 10) });
  const copil =
    agenda.toVote.length || agenda.toDecide.length
      ? { id: "copil", title: t("copil", lang), text: copilAgendaText(agenda, lang).trimEnd() }
      : null;
  // The structure's own lines ("PLIE" and the names in the settings) get no quotes.
  const purchases = procurementOf(sheets, procurementSettingsOf(settings));
  const procurement = purchases.letters.length
    ? { id: "procurement", title: t("procurement", lang), text: procurementText(purchases, lang).trimEnd() }
    : null;
  const synth = synthesis(sheets, { overrides: settings.categories ?? [] });
  return {
    simulation,
    copil,
    procurement,
    synthesis: synth.years.length ? { id: "synthesis", title: t("synthesis", lang), synthesis: synth } : null,
    toVote: agenda.toVote.length,
  };
}

/** Replaces `root`'s content with the text blocks (a heading and the text, wrapped to the pane), or the placeholder words. */
export function renderTextBlocks(
  doc: Document,
  root: HTMLElement,
  blocks: readonly (TextBlock | null)[],
  placeholder?: string,
): void {
  root.replaceChildren();
  for (const b of blocks) {
    if (!b) continue;
    const titleId = `${b.id}-title`;
    root.append(
      el(
        doc,
        "section",
        { id: b.id, class: "text-block", "aria-labelledby": titleId },
        el(doc, "h3", { id: titleId }, b.title),
        el(doc, "pre", { class: "report" }, b.text),
      ),
    );
  }
  if (root.childElementCount === 0 && placeholder) root.append(el(doc, "p", { class: "placeholder" }, placeholder));
}

/** The simulation of each sheet with a budget, or the placeholder words. */
export function renderSimulations(
  doc: Document,
  root: HTMLElement,
  blocks: BeyondBlocks["simulation"],
  lang: Lang,
  placeholder: string,
): void {
  root.replaceChildren();
  for (const b of blocks) root.append(simulationBlock(doc, b.id, b.title, b.optimisation, b.sheet, lang)); // one per sheet: a loop, not a spread
  if (blocks.length === 0) root.append(el(doc, "p", { class: "placeholder" }, placeholder));
}

/** The multi-year synthesis, when there is one. */
export function renderSynthesis(doc: Document, root: HTMLElement, block: BeyondBlocks["synthesis"], lang: Lang): void {
  root.replaceChildren();
  if (block) root.append(synthesisBlock(doc, block.id, block.title, block.synthesis, lang));
}
