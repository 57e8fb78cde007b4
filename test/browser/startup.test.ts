import * as path from "path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readWorkbook } from "../../src/cli/read";
import type { CellValue } from "../../src/sheet/grid";
import { FIXTURES, RUN, addinBuild, fakeCalls, paneBrowser, type FakeBook, type PaneBrowser } from "./harness";
import { readJson } from "../report-json";

/**
 * The production build (`webpack --mode production`, what `npm run build`
 * makes; built once for the run by test/global-setup.ts) in Debian's
 * Chromium over the scripted Excel host (fake-office.js), in the ways only a
 * real Excel shows:
 * - office.js's host library arrives late: `Office` exists when functions.js
 *   loads, `Excel` only later, when `Office.onReady` resolves; the workbook's
 *   saved settings must still apply to the custom functions, without the pane;
 * - an Excel without a requirement set the code uses (ExcelApi 1.4 for the
 *   settings, 1.18 for notes);
 * - the pane closed and reopened while the shared runtime keeps its page.
 * In CI the browser must be there: a missing Chromium fails.
 */
const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

/** The page a shared runtime would load for the functions alone: office.js, then the built functions.js. */
const FUNCTIONS_PAGE = `<!doctype html><html><head><meta charset="utf-8"><script src="${OFFICE_JS}"></script><script src="/functions.js"></script></head><body></body></html>`;

/** The FSE+ 2021–2027 profile as the pane saves it (60 % cap). */
const FSE_PLUS = JSON.stringify({
  floor: 20000,
  cap: 0.6,
  strictFloor: false,
  aliases: [],
  profile: "fse-plus-2021-2027-cote-dor",
});
const DEFAULTS = JSON.stringify({ floor: 20000, cap: 0.5, strictFloor: false, aliases: [] });
/** A 54 % line (27 000 € of FSE on 50 000 €): its status, and the largest FSE the cap allows. */
const FORMULAS = [
  { id: "STATUS", args: [50000, 27000] },
  { id: "MAX_FSE", args: [50000] },
];

if (!RUN) console.warn("start-up browser test skipped: no Chromium (set CI to make this a failure)");

describe.runIf(RUN)("start-up and host differences, production build in Chromium", () => {
  let pane: PaneBrowser;

  beforeAll(async () => {
    pane = await paneBrowser(addinBuild(), { "/runtime.html": FUNCTIONS_PAGE });
  }, 60_000);

  afterAll(async () => {
    await pane?.close();
  });

  /** Opens a page over a scripted workbook; records page errors and console warnings. */
  const open = async (b: FakeBook, page$: "runtime.html" | "taskpane.html") => pane.open(b, { page: page$ });

  const calls = (page: Page) => fakeCalls(page);
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const book = (extra: Partial<FakeBook>): FakeBook => ({
    sheets: [],
    active: 0,
    displayLanguage: "fr-FR",
    formulas: FORMULAS,
    ...extra,
  });

  it("a workbook saved with the FSE+ 60 % profile: the functions read it once Excel arrives and recalculate once; a 54 % line reads Projet", async () => {
    const { page, errors } = await open(
      book({ settings: { "plie.settings": FSE_PLUS }, lateExcelMs: 400 }),
      "runtime.html",
    );
    await expect.poll(async () => (await calls(page)).passes.length, { timeout: 5000 }).toBe(2);
    const c = await calls(page);
    // First pass when the runtime started, before Excel was there: the defaults (50 %).
    expect(c.passReady).toEqual([false, true]);
    expect(c.passes).toEqual([
      ["Lettre de commande", 25000],
      ["Projet", 30000],
    ]);
    expect(c.settingsReads).toBe(1);
    await pause(500);
    expect((await calls(page)).calculations).toBe(1);
    expect(errors).toEqual([]);
  }, 60_000);

  it("a workbook with the default settings: read, no recalculation", async () => {
    const { page, errors } = await open(
      book({ settings: { "plie.settings": DEFAULTS }, lateExcelMs: 200 }),
      "runtime.html",
    );
    await expect.poll(async () => (await calls(page)).settingsReads, { timeout: 5000 }).toBe(1);
    await pause(600);
    const c = await calls(page);
    expect(c.calculations).toBe(0);
    expect(c.passes).toEqual([["Lettre de commande", 25000]]);
    expect(errors).toEqual([]);
  }, 60_000);

  it("an Excel without ExcelApi 1.4: the functions keep the defaults, read nothing and say why", async () => {
    const { page, errors, warnings } = await open(
      book({ settings: { "plie.settings": FSE_PLUS }, lateExcelMs: 200, unsupported: ["ExcelApi 1.4"] }),
      "runtime.html",
    );
    await expect.poll(async () => (await calls(page)).ready, { timeout: 5000 }).toBe(true);
    await expect
      .poll(() => warnings, { timeout: 5000 })
      .toEqual([
        "PLIE : Paramètres du classeur non lus : cet Excel n'offre pas ExcelApi 1.4 ; les fonctions utilisent les paramètres par défaut.",
      ]);
    await pause(300);
    const c = await calls(page);
    expect(c.settingsReads).toBe(0);
    expect(c.calculations).toBe(0);
    expect(c.passes).toEqual([["Lettre de commande", 25000]]);
    expect(errors).toEqual([]);
  }, 60_000);

  it("the real page (pane and functions, one runtime): the settings apply with one recalculation, the pane shows them", async () => {
    const { page, errors } = await open(
      book({ settings: { "plie.settings": FSE_PLUS }, lateExcelMs: 400 }),
      "taskpane.html",
    );
    await expect.poll(async () => (await calls(page)).passes.length, { timeout: 5000 }).toBe(2);
    expect((await calls(page)).passes[1]).toEqual(["Projet", 30000]);
    await page.click("#settings-title");
    await expect.poll(() => page.inputValue("#cap")).toBe("60,00");
    await pause(300);
    expect((await calls(page)).calculations).toBe(1);
    expect(errors).toEqual([]);
  }, 60_000);

  it("the live re-check stops when the pane is closed (pending pause dropped, no handler) and resumes when it reopens", async () => {
    const grids = await readWorkbook(path.join(FIXTURES, "programmation-2019.xlsx"));
    const { page, errors } = await open(
      book({ sheets: grids.map((g) => ({ name: g.name, values: g.values as CellValue[][] })), formulas: undefined }),
      "taskpane.html",
    );
    type Win = {
      __FAKE_EDIT__: (s: string, r: number, c: number, v: number) => number;
      __FAKE_VISIBILITY__: (mode: string) => number;
    };
    const edit = (value: number) =>
      page.evaluate((v) => (window as unknown as Win).__FAKE_EDIT__("Programmation 2019", 6, 12, v), value);
    const visibility = (mode: string) => page.evaluate((m) => (window as unknown as Win).__FAKE_VISIBILITY__(m), mode);
    const status = () => page.textContent("#status");
    await page.click("#check");
    await expect.poll(status).toBe("Vérification terminée.");
    expect(await page.textContent('[data-count="letters"]')).toBe("0 lettre de commande");
    await page.check("#live");
    await expect.poll(status).toBe("Revérification automatique activée.");

    // An edit, then the pane is closed before the pause ends: no re-check.
    expect(await edit(19000)).toBe(1);
    expect(await visibility("Hidden")).toBe(1);
    await expect.poll(status).toBe("Volet fermé\u00a0: revérification automatique suspendue.");
    // Closed: no handler left, further edits are not watched.
    expect(await edit(19000)).toBe(0);
    await pause(1200);
    expect(await status()).toBe("Volet fermé\u00a0: revérification automatique suspendue.");
    expect(await page.textContent('[data-count="letters"]')).toBe("0 lettre de commande");
    expect(await page.isChecked("#live")).toBe(true);

    // Reopened: watching again, and the sheet edited meanwhile is read again (Longvic's FSE, M7, below the floor).
    await visibility("Taskpane");
    await expect
      .poll(status)
      .toBe("Revérification automatique reprise. Feuille revérifiée\u00a0: «\u00a0Programmation 2019\u00a0».");
    expect(await page.textContent('[data-count="letters"]')).toBe("1 lettre de commande");
    // An edit after reopening is re-checked after the pause.
    expect(await edit(20000)).toBe(1);
    await expect.poll(status, { timeout: 5000 }).toBe("Feuille revérifiée\u00a0: «\u00a0Programmation 2019\u00a0».");
    expect(await page.textContent('[data-count="letters"]')).toBe("0 lettre de commande");

    // Closed and reopened with the box unticked: nothing starts.
    await page.uncheck("#live");
    await expect.poll(status).toBe("Revérification automatique arrêtée.");
    await visibility("Hidden");
    await visibility("Taskpane");
    expect(await edit(19000)).toBe(0);
    expect(errors).toEqual([]);
  }, 60_000);

  it("clearing marks written with notes on an Excel without notes (ExcelApi 1.18): the pane names the notes left", async () => {
    const grids = await readWorkbook(path.join(FIXTURES, "programmation-2019.xlsx"));
    const fill = {
      empty: true,
      color: "#FFFFFF",
      pattern: "None",
      patternColor: null,
      tintAndShade: 0,
      patternTintAndShade: 0,
    };
    const record = {
      version: 1,
      cells: [
        { sheet: "Programmation 2019", cell: "M16", fill, note: null, noted: true },
        { sheet: "Programmation 2019", cell: "E5", fill, note: null, noted: false },
      ],
    };
    const { page, errors } = await open(
      book({
        sheets: grids.map((g) => ({ name: g.name, values: g.values as CellValue[][] })),
        formulas: undefined,
        unsupported: ["ExcelApi 1.18"],
        settings: { "plie.marks": JSON.stringify(record) },
      }),
      "taskpane.html",
    );
    // Clearing needs no check: Anomalies, "Dans le classeur".
    await page.click("#findings-toggle");
    await page.click("#clear");
    await expect
      .poll(() => page.textContent("#status"))
      .toBe(
        "Marques effacées, mises en forme d'origine rétablies. Cet Excel ne gère pas les notes (ExcelApi 1.18)\u00a0: les notes des marques restent sur ces cellules, à retirer en effaçant les marques depuis un Excel qui les gère (Microsoft 365)\u00a0: Programmation 2019!M16.",
      );
    const kept = readJson<{ cells: unknown[] }>((await calls(page)).settings["plie.marks"]);
    expect(kept.cells).toEqual([{ ...record.cells[0], fillRestored: true }]);
    expect(errors).toEqual([]);
  }, 60_000);
});
