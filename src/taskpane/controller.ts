import type { SheetResult } from "../domain/check";
import type { ColumnMapping } from "../domain/columns";
import { FINANCER_IDS, isFinancerId, type UserAlias } from "../domain/financers";
import { parseEuroText } from "../domain/money";
import { CATEGORIES, isCategory, type CategoryOverride } from "../domain/categories";
import { DEFAULT_PROCUREMENT_SETTINGS, type ProcurementSettings } from "../domain/procurement";
import { PROFILES } from "../domain/profiles";
import { makeRules, parseCap, type RuleSet } from "../domain/rules";
import { ownNamesOf } from "../domain/settings";
import { formatRate, type Lang } from "../report/format";
import { colon, quote } from "../report/labels";
import { columnsPanel } from "./columns-panel";
import { paneModel } from "./model";
import { renderResults, renderTextBlocks } from "./render";
import { t, type UiKey } from "./strings";

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
export interface MarksOutcome {
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
  /** Checks one sheet again (after an edit). */
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
}

/** At most this many cells are named in a status line; the others are counted. */
const CELLS_NAMED = 10;

/** `A!B1, A!B2, … (+3 de plus)`. */
function cellList(cells: readonly string[], lang: Lang): string {
  const named = cells.slice(0, CELLS_NAMED).join(", ");
  return cells.length > CELLS_NAMED ? `${named}… (+${cells.length - CELLS_NAMED} ${t("more", lang)})` : named;
}

const TEXTS: [string, UiKey][] = [
  ["title", "title"],
  ["scope-legend", "scope"],
  ["scope-active", "scopeActive"],
  ["scope-all", "scopeAll"],
  ["check", "check"],
  ["mark", "mark"],
  ["clear", "clear"],
  ["report", "report"],
  ["write-synthesis", "writeSynthesis"],
  ["write-simulation", "writeSimulation"],
  ["live-label", "live"],
  ["write-agenda", "writeAgenda"],
  ["status-legend", "statusLegend"],
  ["status-row-label", "statusRow"],
  ["status-text-label", "statusText"],
  ["status-save", "statusSave"],
  ["settings-title", "settings"],
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
];


/** `texte = catégorie` lines → the user's categories; lines that do not read are returned as problems. */
export function parseCategoryLines(text: string): { overrides: CategoryOverride[]; problems: string[] } {
  const overrides: CategoryOverride[] = [];
  const problems: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "") continue;
    const eq = line.lastIndexOf("=");
    const category = line.slice(eq + 1).trim();
    if (eq <= 0 || !isCategory(category)) problems.push(line);
    else overrides.push({ match: line.slice(0, eq).trim(), category });
  }
  return { overrides, problems };
}

/** `en-tête = id` lines → aliases; lines that do not read are returned as problems. */
export function parseAliasLines(text: string): { aliases: UserAlias[]; problems: string[] } {
  const aliases: UserAlias[] = [];
  const problems: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "") continue;
    const eq = line.lastIndexOf("=");
    const id = line.slice(eq + 1).trim();
    if (eq <= 0 || !isFinancerId(id)) problems.push(line);
    else aliases.push({ header: line.slice(0, eq).trim(), financer: id });
  }
  return { aliases, problems };
}

/** The structure's names typed in one field, separated by ";". */
export function parseStructureNames(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(";")) {
    const name = part.trim();
    if (name !== "") out.push(name);
  }
  return out;
}

/** Wires the pane's page to a host. Returns the function that runs a check (for tests). */
export function startPane(doc: Document, host: PaneHost, lang: Lang): { check: () => Promise<void> } {
  const $ = <T extends HTMLElement>(id: string) => doc.getElementById(id) as T;
  doc.documentElement.lang = lang;
  for (const [id, key] of TEXTS) $(id).textContent = t(key, lang);
  $("aliases").setAttribute("placeholder", `Fondation X = fonds_prives\n(${FINANCER_IDS.join(", ")})`);
  $("categories").setAttribute("placeholder", `Job Stand Up = animation\n(${CATEGORIES.join(", ")})`);
  const status = $("status");
  const results = $("results");
  let last: SheetResult[] | null = null;
  let settings: PaneSettings = { rules: makeRules(), aliases: [] };

  const say = (text: string) => {
    status.textContent = text;
  };
  /** A status, with the cells whose marks' note could not be removed (an Excel without notes). */
  const withNotesLeft = (text: string, outcome: MarksOutcome | void): string =>
    outcome && outcome.notesLeft.length ? `${text} ${t("notesLeft", lang)}${colon(lang)} ${cellList(outcome.notesLeft, lang)}.` : text;
  const guard = (work: () => Promise<void>) => async () => {
    try {
      await work();
    } catch (e) {
      say(`${t("failed", lang)}${colon(lang)} ${(e as Error).message ?? String(e)}`);
    }
  };
  const profileSelect = $("profile") as HTMLSelectElement;
  profileSelect.replaceChildren(new Option(t("customProfile", lang), ""), ...PROFILES.map((p) => new Option(p.name, p.id)));
  profileSelect.addEventListener("change", () => {
    const p = PROFILES.find((x) => x.id === profileSelect.value);
    if (!p) return;
    // A profile fills the thresholds; they can still be adjusted before saving.
    showRules(p.rules);
  });
  const showRules = (rules: RuleSet) => {
    ($("floor") as HTMLInputElement).value = String(rules.floorCents / 100).replace(".", lang === "fr" ? "," : ".");
    ($("cap") as HTMLInputElement).value = formatRate(rules.capBasisPoints / 10000, lang).replace(/\s*%$/, "");
    ($("strict") as HTMLInputElement).checked = rules.floorStrict;
  };
  const showSettings = () => {
    showRules(settings.rules);
    profileSelect.value = settings.profile ?? "";
    const p = settings.procurement ?? DEFAULT_PROCUREMENT_SETTINGS;
    ($("quotes") as HTMLSelectElement).value = String(p.quotes);
    ($("threshold") as HTMLInputElement).value = String(p.thresholdCents / 100).replace(".", lang === "fr" ? "," : ".");
    ($("categories") as HTMLTextAreaElement).value = (settings.categories ?? []).map((c) => `${c.match} = ${c.category}`).join("\n");
    ($("aliases") as HTMLTextAreaElement).value = settings.aliases.map((a) => `${a.header} = ${a.financer}`).join("\n");
    ($("structures") as HTMLInputElement).value = (settings.structures ?? []).join(" ; ");
  };
  const columns = columnsPanel(doc, $("columns-panel"), {
    lang,
    saved: () => settings.columns ?? [],
    save: (mappings) =>
      guard(async () => {
        settings = { ...settings, columns: mappings };
        await host.saveSettings(settings);
        await runCheck();
        say(t("columnsSaved", lang));
      })(),
  });

  /** The blocks beyond the check (simulation, COPIL, letters, synthesis), from their own chunk. */
  const renderBeyond = async () => {
    if (!last) return;
    const { beyondBlocks } = await import("./beyond");
    renderTextBlocks(doc, results, beyondBlocks(last, settings, lang));
  };

  const runCheck = async () => {
    say(t("working", lang));
    const scope = (doc.querySelector('input[name="scope"]:checked') as HTMLInputElement | null)?.value === "all" ? "all" : "active";
    last = await host.check(scope, settings);
    columns.show(last);
    if (last.length === 0) {
      results.replaceChildren();
      say(t("noSheet", lang));
      return;
    }
    renderResults(doc, results, paneModel(last, lang), lang, {
      onSelect: (sheet, cell) => void host.select(sheet, cell).catch((e: Error) => say(`${t("failed", lang)}${colon(lang)} ${e.message}`)),
    });
    await renderBeyond();
    say(t("done", lang));
  };
  const check = guard(runCheck);

  $("check").addEventListener("click", check);
  $("mark").addEventListener(
    "click",
    guard(async () => {
      if (!last) return say(t("checkFirst", lang));
      const outcome = await host.mark(last, lang);
      say(withNotesLeft(t("marked", lang), outcome));
    }),
  );
  $("clear").addEventListener(
    "click",
    guard(async () => {
      say(withNotesLeft(t("cleared", lang), await host.clear()));
    }),
  );
  $("report").addEventListener(
    "click",
    guard(async () => {
      if (!last) return say(t("checkFirst", lang));
      const name = await host.report(last, lang);
      say(`${t("reportWritten", lang)} ${quote(name, lang)}.`);
    }),
  );
  $("write-synthesis").addEventListener(
    "click",
    guard(async () => {
      if (!last) return say(t("checkFirst", lang));
      const name = await host.writeSynthesis(last, settings, lang);
      say(`${t("reportWritten", lang)} ${quote(name, lang)}.`);
    }),
  );
  $("write-simulation").addEventListener(
    "click",
    guard(async () => {
      if (!last) return say(t("checkFirst", lang));
      const names = await host.writeSimulations(last, settings.rules, lang);
      say(names.length ? `${t("reportWritten", lang)} ${names.map((n) => quote(n, lang)).join(", ")}.` : t("noBudget", lang));
    }),
  );
  $("write-agenda").addEventListener(
    "click",
    guard(async () => {
      if (!last) return say(t("checkFirst", lang));
      const name = await host.writeAgenda(last, lang);
      say(`${t("reportWritten", lang)} ${quote(name, lang)}.`);
    }),
  );
  $("status-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    void guard(async () => {
      if (!last) return say(t("checkFirst", lang));
      const row = Number(($("status-row") as HTMLInputElement).value);
      const text = ($("status-text") as HTMLInputElement).value.trim();
      const sheet = last.find((s) => s.tables.some((tb) => tb.table.columns.some((c) => c.role === "status")))?.sheet.name;
      if (!sheet) throw new Error(t("noStatusColumn", lang));
      if (!Number.isInteger(row) || row < 1 || text === "") throw new Error(`${t("statusRow", lang)} / ${t("statusText", lang)} ?`);
      const cell = await host.setStatus(last, sheet, row, text);
      say(`${t("statusWritten", lang)} ${sheet}!${cell}.`);
    })();
  });
  // Live re-check: an edit of a programming sheet checks that sheet again (one
  // read). It watches while the box is ticked AND the pane is shown: with a
  // shared runtime the page lives on when the pane is closed, so closing it
  // stops the watch (handler removed, pending pauses dropped) and reopening it
  // starts the watch again, then reads again the sheets shown (their edits
  // while the pane was closed were not watched).
  let stopWatch: (() => Promise<void>) | null = null;
  let visible = true;
  const live = $("live") as HTMLInputElement;
  const rerender = async () => {
    if (!last) return;
    columns.show(last);
    renderResults(doc, results, paneModel(last, lang), lang, {
      onSelect: (sheet, cell) => void host.select(sheet, cell).catch((e: Error) => say(`${t("failed", lang)}${colon(lang)} ${e.message}`)),
    });
    await renderBeyond();
  };
  /** Reads one sheet again and puts its results in place of the old ones; false when it is gone. */
  const recheck = async (sheet: string): Promise<boolean> => {
    const fresh = await host.recheck(sheet, settings);
    if (!fresh) return false;
    const before = last ?? [];
    const i = before.findIndex((s) => s.sheet.name === sheet);
    const others = before.filter((s) => s.sheet.name !== sheet);
    last = i >= 0 ? [...others.slice(0, i), ...fresh, ...others.slice(i)] : [...before, ...fresh];
    await rerender();
    return true;
  };
  const onSheetChanged = (sheet: string) =>
    void guard(async () => {
      if (await recheck(sheet)) say(`${t("rechecked", lang)} ${quote(sheet, lang)}.`);
    })();
  // Starting and stopping the watch one at a time: a click and a visibility change never overlap.
  let watchQueue: Promise<unknown> = Promise.resolve();
  const setWatching = (on: boolean): Promise<"started" | "stopped" | "unchanged"> => {
    const run = watchQueue.then(async () => {
      if (on && !stopWatch) {
        stopWatch = await host.watch(onSheetChanged);
        return "started" as const;
      }
      if (!on && stopWatch) {
        const stop = stopWatch;
        stopWatch = null;
        await stop();
        return "stopped" as const;
      }
      return "unchanged" as const;
    });
    watchQueue = run.catch(() => undefined);
    return run;
  };
  live.addEventListener(
    "change",
    guard(async () => {
      const done = await setWatching(live.checked && visible);
      if (done === "started") say(t("liveOn", lang));
      else if (done === "stopped") say(t("liveOff", lang));
    }),
  );
  host.onVisibilityChange?.((shown) =>
    void guard(async () => {
      if (shown === visible) return;
      visible = shown;
      if (!live.checked) return;
      const done = await setWatching(shown);
      if (done === "stopped") say(t("liveHidden", lang));
      if (done !== "started") return;
      say(t("liveResumed", lang));
      const sheets: string[] = [];
      for (const s of last ?? []) if (!sheets.includes(s.sheet.name)) sheets.push(s.sheet.name);
      const read: string[] = [];
      for (const sheet of sheets) if (await recheck(sheet)) read.push(quote(sheet, lang));
      if (read.length) say(`${t("liveResumed", lang)} ${t(read.length > 1 ? "recheckedSheets" : "rechecked", lang)} ${read.join(", ")}.`);
    })(),
  );
  $("settings-form").addEventListener(
    "submit",
    (ev) => {
      ev.preventDefault();
      void guard(async () => {
        const floor = parseEuroText(($("floor") as HTMLInputElement).value);
        const cap = parseCap(($("cap") as HTMLInputElement).value + " %");
        const { aliases, problems } = parseAliasLines(($("aliases") as HTMLTextAreaElement).value);
        if (!floor.ok || floor.cents < 0) throw new Error(`${t("floor", lang)} ?`);
        if (cap === null) throw new Error(`${t("cap", lang)} ?`);
        if (problems.length) throw new Error(`${t("aliases", lang)}${colon(lang)} ${problems.join(" ; ")}`);
        const rules = makeRules({ floorCents: floor.cents, capBasisPoints: cap, floorStrict: ($("strict") as HTMLInputElement).checked });
        // The profile is kept only while the thresholds are still its own.
        const chosen = PROFILES.find((p) => p.id === profileSelect.value);
        const same = chosen && chosen.rules.floorCents === rules.floorCents && chosen.rules.capBasisPoints === rules.capBasisPoints && chosen.rules.floorStrict === rules.floorStrict;
        const threshold = parseEuroText(($("threshold") as HTMLInputElement).value);
        if (!threshold.ok || threshold.cents <= 0) throw new Error(`${t("threshold", lang)} ?`);
        const quotes = ($("quotes") as HTMLSelectElement).value === "2" ? 2 : 3;
        const categories = parseCategoryLines(($("categories") as HTMLTextAreaElement).value);
        if (categories.problems.length) throw new Error(`${t("categories", lang)}${colon(lang)} ${categories.problems.join(" ; ")}`);
        const structures = parseStructureNames(($("structures") as HTMLInputElement).value);
        settings = {
          rules,
          aliases,
          profile: same ? chosen.id : null,
          procurement: { ...(settings.procurement ?? DEFAULT_PROCUREMENT_SETTINGS), quotes, thresholdCents: threshold.cents, ownNames: ownNamesOf({ structures }) },
          categories: categories.overrides,
          columns: settings.columns,
          structures,
        };
        await host.saveSettings(settings);
        say(t("saved", lang));
      })();
    },
  );

  void guard(async () => {
    settings = await host.loadSettings();
    showSettings();
    columns.show(last);
  })();
  showSettings();
  return { check };
}
