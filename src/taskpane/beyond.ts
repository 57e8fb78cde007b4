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
import type { TextBlock } from "./render";
import { t } from "./strings";

/* Loaded on demand by the pane (its own chunk): the first check shows without it. */

/**
 * What the hand-made workbook never had, as text blocks: the envelope
 * simulation of each sheet with a FSE budget, the COPIL agenda, the order
 * letters and procurement, the multi-year synthesis.
 */
export function beyondBlocks(sheets: readonly SheetResult[], settings: PaneSettings, lang: Lang): TextBlock[] {
  const rules = settings.rules;
  const blocks: TextBlock[] = [];
  for (const s of sheets) {
    if (s.budget.fse === undefined) continue;
    blocks.push({ id: `optimiser-${blocks.length}`, title: `${t("optimiser", lang)} — ${s.sheet.name}`, text: optimisationText(optimiseEnvelope(s, rules), s.sheet.name, lang).trimEnd() });
  }
  const agenda = copilAgenda(sheets, { today: new Date().toISOString().slice(0, 10) });
  if (agenda.toVote.length || agenda.toDecide.length) blocks.push({ id: "copil", title: t("copil", lang), text: copilAgendaText(agenda, lang).trimEnd() });
  // The structure's own lines ("PLIE" and the names in the settings) get no quotes.
  const procurement = procurementOf(sheets, procurementSettingsOf(settings));
  if (procurement.letters.length) blocks.push({ id: "procurement", title: t("procurement", lang), text: procurementText(procurement, lang).trimEnd() });
  const synth = synthesis(sheets, { overrides: settings.categories ?? [] });
  if (synth.years.length) blocks.push({ id: "synthesis", title: t("synthesis", lang), text: synthesisText(synth, lang).trimEnd() });
  return blocks;
}
