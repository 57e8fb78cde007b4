import type { SheetResult } from "../domain/check";
import type { BeyondBlocks } from "./beyond";
import { count } from "../report/labels";
import { sheetWriter, withNotesLeft, type PaneContext } from "./context";
import { byId } from "./dom";
import type { FindingsView } from "./findings";
import type { PaneModel } from "./model";
import type { Section, SectionId } from "./sections";
import { t } from "./strings";

type View = typeof import("./results-view");

/** The results' rendering, from its own chunk (fetched once). */
let viewChunk: Promise<View> | null = null;
export function loadResultsView(): Promise<View> {
  return (viewChunk ??= import("./results-view").catch((e: unknown) => {
    viewChunk = null; // fetched again next time
    throw e;
  }));
}

/**
 * The controllers of the sections that show a check's results: each renders
 * its part of the results and wires its own actions (the sheet writers
 * belong to the section whose content they write).
 */
interface ResultSection {
  readonly id: SectionId;
  /** Renders the results: the answer first (banner, findings), then the other sections. */
  show(model: PaneModel, later: Later): void;
}

/** The results' rendering (loaded on demand), and the text blocks it computed. */
interface Later {
  view: View;
  blocks: BeyondBlocks;
}

/** Runs a sheet writer when a button is clicked (the job says its own failures: the promise never rejects). */
function whenClicked(ctx: PaneContext, id: string, write: () => Promise<void>): void {
  byId(ctx.doc, id).addEventListener("click", () => void write());
}

/** Anomalies: the findings by line with their filter; marking and clearing the cells. */
function findingsSection(ctx: PaneContext, section: Section): ResultSection {
  let view: FindingsView | null = null;
  byId(ctx.doc, "mark").addEventListener("click", () => {
    void ctx.jobs.run("marking", async () => {
      const results = ctx.results();
      if (!results) return ctx.say(t("checkFirst", ctx.lang));
      const outcome = await ctx.host.mark(results, ctx.lang);
      ctx.say(withNotesLeft(t("marked", ctx.lang), outcome?.notesLeft, ctx.lang));
    });
  });
  byId(ctx.doc, "clear").addEventListener("click", () => {
    void ctx.jobs.run("clearing", async () => {
      const outcome = await ctx.host.clear();
      ctx.say(withNotesLeft(t("cleared", ctx.lang), outcome?.notesLeft, ctx.lang));
    });
  });
  return {
    id: "findings",
    show(m, later) {
      (view ??= later.view.findingsView(ctx.doc, ctx.lang, ctx.select)).show(m);
      section.badge(String(m.findings.length), m.counts.error ? "error" : null);
    },
  };
}

/** Projets et lettres de commande: the split, and the order letters with their quotes. */
function splitSection(ctx: PaneContext, section: Section): ResultSection {
  return {
    id: "split",
    show(m, later) {
      later.view.renderSplit(ctx.doc, byId(ctx.doc, "split-content"), m, ctx.lang, ctx.select);
      later.view.renderTextBlocks(ctx.doc, byId(ctx.doc, "procurement-content"), [later.blocks.procurement]);
      section.badge(
        `${m.counts.projects} · ${m.counts.letters}`,
        null,
        `${count(m.counts.projects, "project", ctx.lang)}, ${count(m.counts.letters, "letter", ctx.lang)}`,
      );
    },
  };
}

/** Financeurs: the FSE envelope and funding per financer (charts and tables), the synthesis and its sheet. */
function financersSection(ctx: PaneContext): ResultSection {
  whenClicked(
    ctx,
    "write-synthesis",
    sheetWriter(ctx, "writing", (results) => ctx.host.writeSynthesis(results, ctx.settings(), ctx.lang)),
  );
  return {
    id: "financers",
    show(m, later) {
      later.view.renderFinancers(ctx.doc, byId(ctx.doc, "financers-content"), m, ctx.lang);
      later.view.renderSynthesis(ctx.doc, byId(ctx.doc, "synthesis-content"), later.blocks.synthesis, ctx.lang);
    },
  };
}

/** Simulation FSE: the envelope simulation of each sheet with a budget, and its sheets. */
function simulationSection(ctx: PaneContext, section: Section): ResultSection {
  whenClicked(
    ctx,
    "write-simulation",
    sheetWriter(
      ctx,
      "writing",
      (results) => ctx.host.writeSimulations(results, ctx.settings().rules, ctx.lang),
      "noBudget",
    ),
  );
  return {
    id: "simulation",
    show(_m, later) {
      later.view.renderSimulations(
        ctx.doc,
        byId(ctx.doc, "simulation-content"),
        later.blocks.simulation,
        ctx.lang,
        t("noBudget", ctx.lang),
      );
      section.badge(later.blocks.simulation.length ? String(later.blocks.simulation.length) : "");
    },
  };
}

/** COPIL: the agenda, a line's vote status, the COPIL report and the agenda's sheet. */
function copilSection(ctx: PaneContext, section: Section): ResultSection {
  const { doc, lang } = ctx;
  whenClicked(
    ctx,
    "report",
    sheetWriter(ctx, "writing", (results) => ctx.host.report(results, lang)),
  );
  whenClicked(
    ctx,
    "write-agenda",
    sheetWriter(ctx, "writing", (results) => ctx.host.writeAgenda(results, lang)),
  );
  byId(doc, "status-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    void ctx.jobs.run("writing", async () => {
      const results = ctx.results();
      if (!results) return ctx.say(t("checkFirst", lang));
      const row = Number(byId<HTMLInputElement>(doc, "status-row").value);
      const text = byId<HTMLInputElement>(doc, "status-text").value.trim();
      const sheet = statusSheet(results);
      if (!sheet) throw new Error(t("noStatusColumn", lang));
      if (!Number.isInteger(row) || row < 1 || text === "")
        throw new Error(`${t("statusRow", lang)} / ${t("statusText", lang)} ?`);
      const cell = await ctx.host.setStatus(results, sheet, row, text);
      ctx.say(`${t("statusWritten", lang)} ${sheet}!${cell}.`);
    });
  });
  return {
    id: "copil",
    show(_m, later) {
      later.view.renderTextBlocks(doc, byId(doc, "copil-content"), [later.blocks.copil], t("noAgenda", lang));
      section.badge(later.blocks.toVote ? String(later.blocks.toVote) : "");
    },
  };
}

/** The first checked sheet with a Statut COPIL column. */
function statusSheet(results: readonly SheetResult[]): string | undefined {
  return results.find((s) => s.tables.some((tb) => tb.table.columns.some((c) => c.role === "status")))?.sheet.name;
}

export interface Results {
  /** Renders a check's results in every section (the banner and findings at once, the rest from its chunks). */
  show(results: readonly SheetResult[]): Promise<void>;
  /** No programming sheet: the results sections go. */
  clear(): void;
}

/** Sections shown once a check has results (Anomalies is always there: clearing marks needs no check). */
const RESULT_IDS: readonly SectionId[] = ["split", "financers", "simulation", "copil"];

export function resultSections(ctx: PaneContext, all: Record<SectionId, Section>): Results {
  const controllers: ResultSection[] = [
    findingsSection(ctx, all.findings),
    splitSection(ctx, all.split),
    financersSection(ctx),
    simulationSection(ctx, all.simulation),
    copilSection(ctx, all.copil),
  ];
  let shown = false;
  return {
    async show(results) {
      const view = await loadResultsView();
      const m = view.paneModel(results, ctx.lang);
      view.renderBanner(ctx.doc, m, ctx.lang);
      const later: Later = { view, blocks: view.beyondBlocks(results, ctx.settings(), ctx.lang) };
      for (const c of controllers) c.show(m, later);
      for (const id of RESULT_IDS) all[id].show(true);
      // One section open by default after the first check: Anomalies.
      if (!shown) all.findings.open(true);
      shown = true;
    },
    clear() {
      byId(ctx.doc, "banner").hidden = true;
      byId(ctx.doc, "severity-filter").hidden = true;
      byId(ctx.doc, "findings-list").replaceChildren(
        Object.assign(ctx.doc.createElement("p"), { className: "placeholder", textContent: t("noSheet", ctx.lang) }),
      );
      all.findings.badge("");
      for (const id of RESULT_IDS) all[id].show(false);
    },
  };
}
