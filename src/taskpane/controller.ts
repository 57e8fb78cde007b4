import type { SheetResult } from "../domain/check";
import type { ColumnMapping } from "../domain/columns";
import type { CategoryOverride } from "../domain/categories";
import type { UserAlias } from "../domain/financers";
import type { ProcurementSettings } from "../domain/procurement";
import { makeRules, type RuleSet } from "../domain/rules";
import type { Lang } from "../report/format";
import { checkController, checkScope } from "./check";
import { columnsPanel } from "./columns-panel";
import type { PaneContext } from "./context";
import { byId } from "./dom";
import { errorWords } from "./errors";
import { firstRun, type FirstRun, type KeyValueStore } from "./first-run";
import { jobRunner } from "./jobs";
import { loadResultsView, resultSections } from "./result-sections";
import { sections, type Section } from "./sections";
import { settingsForm } from "./settings-form";
import { t, type UiKey } from "./strings";

export { parseAliasLines, parseStructureNames } from "./settings-form";

/** The product's settings, as the pane edits them. */
export interface PaneSettings {
  rules: RuleSet;
  aliases: UserAlias[];
  /** The rule profile the thresholds come from, when one was chosen. */
  profile?: string | null;
  procurement?: Readonly<ProcurementSettings>;
  categories?: readonly CategoryOverride[];
  /** The user's roles for columns the check cannot tell, by header. */
  columns?: readonly ColumnMapping[];
  /** The structure's own names beside "PLIE". */
  structures?: readonly string[];
}

/** What marking or clearing could not put back. */
interface MarksOutcome {
  /** Cells (`Sheet!A1`) whose note from the marks is still there (an Excel without notes). */
  notesLeft: readonly string[];
}

/** What the pane asks of Excel (src/excel implements it; tests script it). */
export interface PaneHost {
  check(scope: "active" | "all", settings: PaneSettings): Promise<SheetResult[]>;
  mark(results: readonly SheetResult[], lang: Lang): Promise<MarksOutcome | void>;
  clear(): Promise<MarksOutcome | void>;
  /** Writes the COPIL report on a new sheet and returns its name. */
  report(results: readonly SheetResult[], lang: Lang): Promise<string>;
  /** Writes the multi-year synthesis on a new sheet and returns its name. */
  writeSynthesis(results: readonly SheetResult[], settings: PaneSettings, lang: Lang): Promise<string>;
  /** Writes the envelope simulation of each sheet with a FSE budget on new sheets; returns their names. */
  writeSimulations(results: readonly SheetResult[], rules: RuleSet, lang: Lang): Promise<string[]>;
  /** Writes the COPIL agenda on a new sheet and returns its name. */
  writeAgenda(results: readonly SheetResult[], lang: Lang): Promise<string>;
  /** Writes a vote status into a line's Statut COPIL cell (the only cell written). */
  setStatus(results: readonly SheetResult[], sheet: string, row: number, text: string): Promise<string>;
  /** Calls `changed(sheet)` after edits of a programming sheet; resolves to the function that stops it. */
  watch(changed: (sheet: string) => void): Promise<() => Promise<void>>;
  /** The sheet's results again (one per year for a sheet with years side by side); null when it is gone. */
  recheck(sheet: string, settings: PaneSettings): Promise<SheetResult[] | null>;
  select(sheet: string, cell: string): Promise<void>;
  loadSettings(): Promise<PaneSettings>;
  /** Saves the settings in the workbook and recalculates the formulas. */
  saveSettings(settings: PaneSettings): Promise<void>;
  /**
   * Calls `listener(visible)` when the pane is shown or hidden while its page
   * lives on (a shared runtime keeps the page when the pane is closed).
   * Optional: without it the pane is taken as always shown.
   */
  onVisibilityChange?(listener: (visible: boolean) => void): void;
  /** Whether the workbook is open read-only (Excel then refuses every write with AccessDenied). Optional. */
  readOnly?(): boolean;
}

export interface PaneOptions {
  /** Where the first run is remembered (localStorage); null: not remembered. */
  storage?: KeyValueStore | null;
}

/** The page's fixed words, by element id. */
const TEXTS: [string, UiKey][] = [
  ["title", "title"],
  ["scope-legend", "scope"],
  ["scope-active", "scopeActive"],
  ["scope-all", "scopeAll"],
  ["check", "check"],
  ["live-label", "live"],
  ["findings-title", "findings"],
  ["split-title", "split"],
  ["financers-title", "financersSection"],
  ["simulation-title", "simulationSection"],
  ["copil-title", "copilSection"],
  ["columns-section-title", "columns"],
  ["settings-title", "settings"],
  ["findings-write-title", "inWorkbook"],
  ["financers-write-title", "inWorkbook"],
  ["simulation-write-title", "inWorkbook"],
  ["copil-write-title", "inWorkbook"],
  ["mark", "mark"],
  ["clear", "clear"],
  ["report", "report"],
  ["write-synthesis", "writeSynthesis"],
  ["write-simulation", "writeSimulation"],
  ["write-agenda", "writeAgenda"],
  ["status-legend", "statusLegend"],
  ["status-row-label", "statusRow"],
  ["status-text-label", "statusText"],
  ["status-save", "statusSave"],
  ["floor-label", "floor"],
  ["cap-label", "cap"],
  ["strict-label", "strictFloor"],
  ["aliases-label", "aliases"],
  ["profile-label", "profile"],
  ["quotes-label", "quotes"],
  ["threshold-label", "threshold"],
  ["categories-label", "categories"],
  ["structures-label", "structures"],
  ["save", "save"],
  ["columns-empty", "columnsNone"],
  ["findings-none", "findingsBeforeCheck"],
];

/** What the sections' controllers change: the last check's results and the settings. */
interface PaneState {
  last: SheetResult[] | null;
  settings: PaneSettings;
}

/**
 * Wires the pane's page to a host: one small controller per section (check,
 * findings, split, financers, simulation, COPIL, columns, settings) over a
 * shared context. Returns the function that runs a check (for tests).
 */
export function startPane(
  doc: Document,
  host: PaneHost,
  lang: Lang,
  options: PaneOptions = {},
): { check: () => Promise<void> } {
  doc.documentElement.lang = lang;
  for (const [id, key] of TEXTS) byId(doc, id).textContent = t(key, lang);
  const { say, fail } = statusLine(byId(doc, "status"));
  const state: PaneState = { last: null, settings: { rules: makeRules(), aliases: [] } };
  const all = sections(doc);
  const jobs = jobRunner(doc, { lang, fail, readOnly: host.readOnly ? () => host.readOnly!() : undefined });
  const ctx: PaneContext = {
    doc,
    lang,
    host,
    jobs,
    results: () => state.last,
    settings: () => state.settings,
    say,
    fail,
    select: (sheet, cell) =>
      void host.select(sheet, cell).catch((e: unknown) => fail(errorWords(e, lang, host.readOnly?.() ?? false))),
  };
  const intro = firstRun(doc, options.storage ?? null, lang);
  const results = resultSections(ctx, all);
  const showColumns = columnsSection(ctx, state, all.columns, (fresh) => show(fresh));

  /** The results replaced: every section shows them. */
  const show = async (fresh: SheetResult[]) => {
    state.last = fresh;
    showColumns();
    intro.checked();
    if (fresh.length === 0) return results.clear();
    await results.show(fresh);
  };
  const checker = checkController(ctx, { checked: (fresh) => show(fresh) });
  settingsSection(ctx, state, intro, showColumns);
  showColumns();
  // The results' rendering is fetched in the background once the first screen is up.
  setTimeout(() => void loadResultsView().catch(() => undefined), 0);
  return { check: checker.check };
}

/** The status line: `say` what happened, `fail` with what failed (shown as an error). */
function statusLine(status: HTMLElement): { say: (text: string) => void; fail: (text: string) => void } {
  return {
    say: (text) => {
      status.classList.remove("failed");
      status.textContent = text;
    },
    fail: (text) => {
      status.classList.add("failed");
      status.textContent = text;
    },
  };
}

/**
 * Colonnes: the roles of the headers the check did not understand or guessed
 * at; saving them checks again. Returns the function that shows the headers
 * of the last check (and their count in the section's badge).
 */
function columnsSection(
  ctx: PaneContext,
  state: PaneState,
  section: Section,
  show: (fresh: SheetResult[]) => Promise<void>,
): () => void {
  const { doc, host, lang } = ctx;
  const columns = columnsPanel(doc, byId(doc, "columns-panel"), {
    lang,
    saved: () => state.settings.columns ?? [],
    save: (mappings) =>
      ctx.jobs.run("saving", async () => {
        state.settings = { ...state.settings, columns: mappings };
        await host.saveSettings(state.settings);
        const fresh = await host.check(checkScope(doc), state.settings);
        await show(fresh);
        ctx.say(t("columnsSaved", lang));
      }),
  });
  return () => {
    const n = columns.show(state.last);
    byId(doc, "columns-empty").hidden = n > 0;
    section.badge(n ? String(n) : "");
  };
}

/** Paramètres: the settings form, loaded from the workbook, saved in it (formulas recalculated). */
function settingsSection(ctx: PaneContext, state: PaneState, intro: FirstRun, showColumns: () => void): void {
  const { doc, host, lang } = ctx;
  const form = settingsForm(doc, lang);
  byId(doc, "settings-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    void ctx.jobs.run("saving", async () => {
      const next = form.read(state.settings);
      state.settings = next;
      await host.saveSettings(next);
      intro.rules(next.rules);
      ctx.say(t("saved", lang));
    });
  });

  form.show(state.settings);
  void host
    .loadSettings()
    .then((loaded) => {
      state.settings = loaded;
      form.show(state.settings);
      intro.rules(state.settings.rules);
      showColumns();
    })
    .catch((e: unknown) => ctx.fail(errorWords(e, lang)));
}
