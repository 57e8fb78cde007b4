/// <reference types="office-js" />
import { afterEach, describe, expect, it, vi } from "vitest";
import { SETTINGS_KEY } from "../src/domain/settings";
import { status } from "../src/functions/functions";
import { applyWorkbookSettingsAtOpen, settingsApiMissingMessage, type RuntimeGlobals } from "../src/functions/runtime";
import {
  currentSettings,
  DEFAULT_SETTINGS,
  resetSettings,
  setSettings,
  settingsNotices,
} from "../src/functions/settings-store";
import { DEFAULT_RULES } from "../src/domain/rules";
import { officeMock } from "./office-mock";

/** The FSE+ 2021–2027 profile as the pane saves it: a 60 % cap. */
const FSE_PLUS = JSON.stringify({
  floor: 20000,
  cap: 0.6,
  strictFloor: false,
  aliases: [],
  profile: "fse-plus-2021-2027-cote-dor",
});
/** A 54 % line: 27 000 € of FSE on 50 000 € of total cost. */
const line54 = () => status(50000, 27000);

/**
 * Office.js as the functions meet it in Excel: `Office` exists when the
 * script loads, `Excel` only once the host's library has arrived, and
 * `Office.onReady` resolves then (`late`, `arrive`). The workbook holds the
 * custom settings; every Excel.run and recalculation is counted.
 */
function lateHost(
  options: {
    saved?: unknown;
    unsupported?: string[];
    host?: string | null;
    runFails?: boolean;
    calculateFails?: boolean;
    gate?: Promise<void>;
  } = {},
) {
  const mock = officeMock({
    settings: options.saved === undefined ? {} : { [SETTINGS_KEY]: options.saved },
    missing: options.unsupported,
    host: options.host,
    late: true,
    onRun: async () => {
      if (options.gate) await options.gate;
      if (options.runFails) throw new Error("RichApi indisponible");
    },
  });
  if (options.calculateFails) mock.failOn("Application.calculate", new Error("calcul impossible"));
  const sync = vi.spyOn(mock.context, "sync");
  const globals = mock.globals as RuntimeGlobals;
  return { globals, arrive: mock.arrive, calculations: mock.calculations, sync, runs: mock.runs };
}

afterEach(() => resetSettings());

describe("the workbook's settings at open, without the pane", () => {
  it("waits for Office.onReady (Excel arrives late), reads the FSE+ 60 % profile and recalculates once: a 54 % line is a Projet", async () => {
    const host = lateHost({ saved: FSE_PLUS });
    const started = applyWorkbookSettingsAtOpen(host.globals);
    // Before the host's library arrives: defaults, nothing read.
    await new Promise((r) => setTimeout(r, 10));
    expect(host.runs()).toBe(0);
    expect(line54()).toBe("Lettre de commande");
    host.arrive();
    const report = await started;
    expect(report).toEqual({ loaded: true, recalculated: true, problems: [] });
    expect(currentSettings().rules.capBasisPoints).toBe(6000);
    expect(line54()).toBe("Projet");
    // One read, one full recalculation: two Excel.run, two syncs.
    expect(host.calculations).toEqual(["Full"]);
    expect(host.runs()).toBe(2);
    expect(host.sync).toHaveBeenCalledTimes(2);
    expect(settingsNotices()).toEqual([]);
  });

  it("default settings saved, or none: read, no recalculation", async () => {
    for (const saved of [undefined, JSON.stringify({ floor: 20000, cap: 0.5, strictFloor: false, aliases: [] })]) {
      const host = lateHost({ saved });
      host.arrive();
      const report = await applyWorkbookSettingsAtOpen(host.globals);
      expect(report.recalculated).toBe(false);
      expect(host.calculations).toEqual([]);
      expect(host.sync).toHaveBeenCalledTimes(1);
      expect(currentSettings().rules).toEqual(DEFAULT_RULES);
      expect(line54()).toBe("Lettre de commande");
      resetSettings();
    }
  });

  it("settings the functions do not read (quotes, categories, the structure's names) need no recalculation", async () => {
    const host = lateHost({
      saved: JSON.stringify({
        floor: 20000,
        cap: 0.5,
        strictFloor: false,
        aliases: [],
        quotes: 2,
        structures: ["Association Alpha"],
      }),
    });
    host.arrive();
    const report = await applyWorkbookSettingsAtOpen(host.globals);
    expect(report).toEqual({ loaded: true, recalculated: false, problems: [] });
    expect(host.calculations).toEqual([]);
  });

  it("an alias or a column role is read by the functions: one recalculation", async () => {
    const host = lateHost({
      saved: JSON.stringify({
        floor: 20000,
        cap: 0.5,
        strictFloor: false,
        aliases: [],
        columns: [{ header: "Fondation X", role: "fonds_prives" }],
      }),
    });
    host.arrive();
    expect((await applyWorkbookSettingsAtOpen(host.globals)).recalculated).toBe(true);
    expect(host.calculations).toEqual(["Full"]);
  });

  it("an Excel without ExcelApi 1.4: nothing read, defaults kept, and the reason kept for the messages", async () => {
    const host = lateHost({ saved: FSE_PLUS, unsupported: ["ExcelApi 1.4"] });
    host.arrive();
    const report = await applyWorkbookSettingsAtOpen(host.globals);
    expect(report).toEqual({ loaded: false, recalculated: false, problems: [settingsApiMissingMessage()] });
    expect(settingsApiMissingMessage()).toBe(
      "Paramètres du classeur non lus : cet Excel n'offre pas ExcelApi 1.4 ; les fonctions utilisent les paramètres par défaut.",
    );
    expect(settingsNotices()).toEqual([settingsApiMissingMessage()]);
    expect(host.runs()).toBe(0);
    expect(currentSettings()).toBe(DEFAULT_SETTINGS);
    expect(line54()).toBe("Lettre de commande");
    // The pane's save puts settings in force: the notice no longer holds.
    setSettings({ rules: { ...DEFAULT_RULES, capBasisPoints: 6000 }, aliases: [] });
    expect(settingsNotices()).toEqual([]);
  });

  it("outside Excel (no Office, another host, a browser without Office): nothing is read", async () => {
    expect(await applyWorkbookSettingsAtOpen({})).toEqual({ loaded: false, recalculated: false, problems: [] });
    const word = lateHost({ saved: FSE_PLUS, host: "Word" });
    word.arrive();
    expect((await applyWorkbookSettingsAtOpen(word.globals)).loaded).toBe(false);
    const browser = lateHost({ saved: FSE_PLUS, host: null });
    browser.arrive();
    expect((await applyWorkbookSettingsAtOpen(browser.globals)).loaded).toBe(false);
    expect(word.runs() + browser.runs()).toBe(0);
    expect(currentSettings()).toBe(DEFAULT_SETTINGS);
  });

  it("a failed read keeps the defaults and says why; no recalculation", async () => {
    const host = lateHost({ saved: FSE_PLUS, runFails: true });
    host.arrive();
    const report = await applyWorkbookSettingsAtOpen(host.globals);
    expect(report.loaded).toBe(false);
    expect(report.recalculated).toBe(false);
    expect(report.problems).toEqual([
      "Paramètres du classeur illisibles (RichApi indisponible) : valeurs en vigueur conservées.",
    ]);
    expect(settingsNotices()).toEqual(report.problems);
    expect(currentSettings()).toBe(DEFAULT_SETTINGS);
  });

  it("damaged settings: the readable parts apply (and are recalculated), the others are listed", async () => {
    const host = lateHost({ saved: JSON.stringify({ floor: "beaucoup", cap: 0.6 }) });
    host.arrive();
    const report = await applyWorkbookSettingsAtOpen(host.globals);
    expect(report.recalculated).toBe(true);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toContain("beaucoup");
    expect(currentSettings().rules).toMatchObject({ floorCents: 2_000_000, capBasisPoints: 6000 });
    expect(settingsNotices()).toEqual(report.problems);
  });

  it("the pane saves while the read is under way: its settings are kept and the start-up does not recalculate", async () => {
    let release: () => void = () => undefined;
    const host = lateHost({ saved: FSE_PLUS, gate: new Promise<void>((r) => (release = r)) });
    const started = applyWorkbookSettingsAtOpen(host.globals);
    host.arrive();
    await vi.waitFor(() => expect(host.runs()).toBe(1));
    // The pane's save lands while the read is under way.
    setSettings({ rules: { ...DEFAULT_RULES, capBasisPoints: 5500 }, aliases: [] });
    release();
    const report = await started;
    expect(report.loaded).toBe(false);
    expect(report.recalculated).toBe(false);
    expect(currentSettings().rules.capBasisPoints).toBe(5500);
    expect(host.calculations).toEqual([]);
  });

  it("a failed recalculation is said (settings in force all the same)", async () => {
    const host = lateHost({ saved: FSE_PLUS, calculateFails: true });
    host.arrive();
    const report = await applyWorkbookSettingsAtOpen(host.globals);
    expect(report.loaded).toBe(true);
    expect(report.recalculated).toBe(false);
    expect(report.problems).toEqual([
      "Paramètres du classeur lus, mais les formules n'ont pas pu être recalculées (calcul impossible) : appuyez sur Ctrl+Alt+F9.",
    ]);
    expect(line54()).toBe("Projet");
  });
});
