import * as path from "path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readWorkbook } from "../../src/cli/read";
import type { CellValue } from "../../src/sheet/grid";
import { GROUP, HEADER, op } from "../helpers";
import { FONDATION_ROWS, FONDATION_SHEET_NAME } from "../column-roles-sample";
import {
  FIXTURES,
  RUN,
  fakeCalls,
  folded,
  paneBrowser,
  paneReady,
  screenshotPath,
  tableRows,
  type FakeBook,
  type PaneBrowser,
} from "./harness";
import { readJson } from "../report-json";

/**
 * The built task pane in a real browser (Debian's Chromium), over a scripted
 * Excel host (fake-office.js): the check and its answer, the findings by
 * line with their filter and the keyboard, the sections and their sheet
 * writers, settings, column roles, the live re-check, progress and Excel's
 * errors in words. In CI the browser must be there: a missing Chromium
 * fails the run instead of skipping it.
 */
if (!RUN) console.warn("pane browser test skipped: no Chromium (set CI to make this a failure)");

const book = async (...years: number[]): Promise<FakeBook> => {
  const grids = [];
  for (const y of years) grids.push(...(await readWorkbook(path.join(FIXTURES, `programmation-${y}.xlsx`))));
  return {
    sheets: grids.map((g) => ({ name: g.name, values: g.values as CellValue[][] })),
    active: 0,
    displayLanguage: "fr-FR",
  };
};

const status = (page: Page) => page.textContent("#status");
const findingTexts = (page: Page) =>
  page.$$eval("li.finding:not([hidden])", (items) =>
    items.map((li) => li.textContent?.replace(/\s+/g, " ").trim() ?? ""),
  );
const activeId = (page: Page) =>
  page.evaluate(
    () =>
      document.activeElement?.id ||
      document.activeElement?.getAttribute("aria-label") ||
      document.activeElement?.textContent?.trim(),
  );
type Win = {
  __FAKE_EDIT__: (s: string, r: number, c: number, v: number) => number;
  __FAKE_FAIL_NEXT__: (code: string, message: string) => number;
  __FAKE_SYNC_DELAY__: number;
};

describe.runIf(RUN)("task pane in Chromium", () => {
  let pane: PaneBrowser;

  beforeAll(async () => {
    pane = await paneBrowser();
  }, 60_000);

  afterAll(async () => {
    await pane?.close();
  });

  it("answers first: 2019 is ready for the COPIL; findings by line, a keyboard path to a cell, the money as a chart and as text", async () => {
    const { page, dialogs, errors } = await pane.open(await book(2019));
    // The first screen: the primary action, the first run's explanation, no results yet.
    expect(await page.isVisible("#first-run")).toBe(true);
    expect(await page.isHidden("#banner")).toBe(true);
    expect(await page.isHidden("#section-split")).toBe(true);
    expect(await page.textContent("#findings-none")).toBe(
      "Cliquez sur Vérifier : les anomalies de chaque ligne s'afficheront ici.",
    );
    await page.click("#check");
    await expect.poll(() => status(page)).toBe("Vérification terminée.");
    // The banner: ready, the counts, the sheet and year checked.
    expect(await page.textContent("#banner-title")).toBe("Prêt pour le COPIL");
    expect(await page.getAttribute("#banner", "class")).toBe("banner ready");
    expect(await page.textContent('[data-count="projects"]')).toBe("13 projets");
    expect(await page.textContent('[data-count="letters"]')).toBe("0 lettre de commande");
    expect(folded(await page.textContent("#banner-findings"))).toBe("0 erreur · 1 avertissement · 3 informations");
    expect(await page.textContent("#banner-scope")).toBe("Feuille vérifiée\u00a0: Programmation 2019 (2019)");
    // The first run's explanation is gone; Anomalies is open, the other sections closed.
    expect(await page.isHidden("#first-run")).toBe(true);
    expect(await page.getAttribute("#findings-toggle", "aria-expanded")).toBe("true");
    expect(await page.getAttribute("#financers-toggle", "aria-expanded")).toBe("false");
    // Findings by group (here the main table's printed totals and the clauses table), each in words with its cell.
    const groups = await page.$$eval("li.group", (g) =>
      g.map((x) => x.querySelector(".group-toggle")?.textContent?.replace(/\s+/g, " ").trim()),
    );
    expect(groups).toEqual([
      "Tableau principal — totaux et budget 1 avertissement, 2 informations",
      "Tableau clauses — totaux et budget 1 information",
    ]);
    const findings = await findingTexts(page);
    expect(findings).toHaveLength(4);
    expect(findings[1]).toMatch(/^Avertissement M16 Ligne de totaux décalée/);
    expect(findings[2]).toContain("FSE : sous-programmation de 42 749,89 €");
    // Severity in words and icon: each finding names its severity; the icon is decorative.
    expect(await page.$$eval("li.finding .severity", (s) => s.map((x) => x.textContent))).toEqual([
      "Information",
      "Avertissement",
      "Information",
      "Information",
    ]);
    expect(
      await page.$$eval("li.finding .sev-icon", (s) => s.every((x) => x.getAttribute("aria-hidden") === "true")),
    ).toBe(true);

    // Keyboard only: Tab from the filter to the first group, to its first cell link, and Enter selects the cell.
    await page.focus("#filter-info");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.classList.contains("group-toggle"))).toBe(true);
    await page.keyboard.press("Tab");
    expect(await activeId(page)).toBe("Aller à la cellule Programmation 2019!L16");
    await page.keyboard.press("Tab");
    expect(await activeId(page)).toBe("Aller à la cellule Programmation 2019!M16");
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await fakeCalls(page)).selected).toEqual(["Programmation 2019!M16"]);
    // A group folds and unfolds from the keyboard.
    await page.focus('li.group[data-group="g0-t0"] .group-toggle');
    await page.keyboard.press("Enter");
    expect(await page.getAttribute('li.group[data-group="g0-t0"] .group-toggle', "aria-expanded")).toBe("false");
    expect(await page.isHidden("#g0-t0-list")).toBe(true);
    await page.keyboard.press("Space");
    expect(await page.isVisible("#g0-t0-list")).toBe(true);

    // Sections open from the keyboard: Financeurs shows the FSE envelope and the funding per financer.
    await page.focus("#financers-toggle");
    await page.keyboard.press("Enter");
    expect(await page.isVisible("#financers-body")).toBe(true);
    expect(await page.getAttribute("#envelope-chart .bars", "role")).toBe("img");
    expect(folded(await page.textContent("#envelope-figures"))).toBe(
      "2019 : 557 250,11 € programmés sur un budget de 600 000,00 € (92,9 %) ; reste 42 749,89 €.",
    );
    const chart = await page.$eval("#financers-chart-0 .bars", (b) => ({
      label: document.getElementById(b.getAttribute("aria-labelledby")!)?.textContent,
      describedBy: b.getAttribute("aria-describedby"),
      rows: Array.from(b.querySelectorAll(".bar-row")).map((r) => [
        r.querySelector(".bar-label")?.textContent,
        r.querySelector(".bar-value")?.textContent,
        r.querySelector("rect.bar")?.getAttribute("width") ?? null,
      ]),
    }));
    expect(chart.label).toBe("Financements par financeur — Programmation 2019");
    expect(chart.describedBy).toBe("financers-table-0");
    // Named by the sheet's own headers; the largest bar is the FSE's, the others in proportion.
    expect(chart.rows.find((r) => r[0] === "FSE - CD21 + FSE")).toEqual([
      "FSE - CD21 + FSE",
      "557\u202f250,11\u00a0€",
      "100%",
    ]);
    expect(chart.rows.find((r) => r[0] === "Dijon Métropole + Grand Dijon")).toEqual([
      "Dijon Métropole + Grand Dijon",
      "210\u202f000,00\u00a0€",
      "37.7%",
    ]);
    expect(chart.rows.find((r) => r[0] === "Fonds privés / Publics + Fonds privés")?.[2]).toBeNull(); // 0 €: no bar
    expect(await page.$$eval("#financers-content table caption", (c) => c.map((x) => x.textContent))).toEqual([
      "Financements par financeur — Programmation 2019",
    ]);
    // The envelope simulation, from the sheet's BUDGET row (Simulation FSE).
    const simulation = folded(await page.textContent("#optimiser-0 pre"));
    expect(simulation).toContain("FSE proposé : 569 501,11 € (+12 251,00 €)");
    expect(simulation).toContain("Enveloppe non utilisée : 30 498,89 €");
    // Its lines as a table that stacks in the pane: Longvic (L7) raised to its cap.
    expect(await page.$$eval("#optimiser-0-lines thead th", (t) => t.map((x) => x.textContent))).toEqual([
      "Ligne",
      "FSE",
      "Proposé",
      "Écart",
      "Plage [min ; max]",
      "Autofinancement avant → après",
    ]);
    expect((await tableRows(page, "#optimiser-0-lines")).find((r) => r[0].startsWith("L7 "))).toEqual([
      "L7 OS1-422C Ville de LONGVIC",
      "20 000,00 €",
      "20 000,40 €",
      "+0,40 €",
      "[20 000,00 € ; 20 000,40 €]",
      "20 000,80 € → 20 000,40 €",
    ]);
    await page.screenshot({ path: screenshotPath("taskpane-2019.png"), fullPage: true });
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);

  it("2015: N blocking findings on M lines, grouped under their operation; the severity filter", async () => {
    const { page, errors } = await pane.open(await book(2015));
    await page.click("#check");
    await expect.poll(() => status(page)).toBe("Vérification terminée.");
    expect(await page.textContent("#banner-title")).toBe("10 anomalies bloquantes sur 10 lignes");
    expect(await page.getAttribute("#banner", "class")).toBe("banner blocking");
    expect(await page.textContent("#findings-badge")).toBe("10");
    const heads = await page.$$eval("li.group .group-toggle", (b) =>
      b.map((x) => x.textContent?.replace(/\s+/g, " ").trim()),
    );
    expect(heads[0]).toBe("Ligne 5 — 322D — Clauses PLIE facilitateur — PLIE 1 erreur");
    expect(heads).toContain("Ligne 16 — 422C — Remédiation linguistique Technique et professionnelle — CESAM 1 erreur");
    expect(heads.at(-1)).toBe("Tableau principal — totaux et budget 1 erreur");
    expect(heads).toHaveLength(10);
    // The filter: three toggles with their counts; errors off hides every finding and says so.
    expect(
      await page.$$eval("#severity-filter button", (b) =>
        b.map((x) => [x.textContent?.trim(), x.getAttribute("aria-pressed")]),
      ),
    ).toEqual([
      ["Erreurs 10", "true"],
      ["Avertissements 0", "true"],
      ["Informations 0", "true"],
    ]);
    await page.click("#filter-error");
    expect(await page.getAttribute("#filter-error", "aria-pressed")).toBe("false");
    expect(await findingTexts(page)).toEqual([]);
    expect(await page.isVisible("#findings-filtered")).toBe(true);
    await page.focus("#filter-error");
    await page.keyboard.press("Space");
    expect(await page.getAttribute("#filter-error", "aria-pressed")).toBe("true");
    expect(await findingTexts(page)).toHaveLength(10);
    expect(await page.isHidden("#findings-filtered")).toBe(true);
    expect(errors).toEqual([]);
  }, 60_000);

  it("the filter hides one severity and the groups left without a finding", async () => {
    const { page } = await pane.open(await book(2019));
    await page.click("#check");
    await expect.poll(() => status(page)).toBe("Vérification terminée.");
    await page.click("#filter-info");
    expect(await findingTexts(page)).toEqual([expect.stringMatching(/^Avertissement M16/)]);
    // The clauses table had only a note: its group is hidden.
    expect(await page.isHidden('li.group[data-group="g0-t1"]')).toBe(true);
    await page.click("#filter-warning");
    await page.click("#filter-info");
    expect((await findingTexts(page)).map((f) => f.split(" ")[0])).toEqual([
      "Information",
      "Information",
      "Information",
    ]);
  }, 60_000);

  it("shows an operation named like markup as text, and runs nothing", async () => {
    const name = "<img src=x onerror=alert(1)>";
    const values: CellValue[][] = [
      ["Programmation PLIE 2021"],
      GROUP,
      HEADER,
      op("422C", name, "<b>Opérateur</b>", 51750, { fse2: 36519.6, dm: 15230.4 }),
    ];
    const { page, dialogs, errors } = await pane.open({
      sheets: [{ name: "Programmation 2021", values }],
      active: 0,
      displayLanguage: "fr-FR",
    });
    await page.click("#check");
    await expect.poll(() => status(page)).toBe("Vérification terminée.");
    await page.click("#split-toggle");
    expect(await page.textContent("#sections")).toContain(`422C — ${name} — <b>Opérateur</b>`);
    expect(await page.textContent("li.group .group-label")).toBe(`422C — ${name} — <b>Opérateur</b>`);
    expect(await page.$$eval("#sections img, #sections b", (n) => n.length)).toBe(0);
    expect(await page.textContent('[data-count="letters"]')).toBe("1 lettre de commande");
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);

  it("saves the settings in the workbook, recalculates, and checks with them", async () => {
    const { page, errors } = await pane.open(await book(2015));
    await page.click("#settings-title");
    expect(await page.getAttribute("#settings-toggle", "aria-expanded")).toBe("true");
    expect(await page.inputValue("#floor")).toBe("20000");
    expect(await page.inputValue("#cap")).toBe("50,00");
    await page.fill("#cap", "60");
    await page.fill("#aliases", "Fondation X = fonds_prives");
    await page.click("#save");
    await expect.poll(() => status(page)).toBe("Paramètres enregistrés dans le classeur ; formules recalculées.");
    const calls = await fakeCalls(page);
    expect(JSON.parse(calls.settings["plie.settings"])).toEqual({
      floor: 20000,
      cap: 0.6,
      strictFloor: false,
      aliases: [{ header: "Fondation X", financer: "fonds_prives" }],
    });
    expect(calls.calculations).toBe(1);
    // The first run's explanation follows the thresholds saved.
    expect(await page.textContent("#first-run-list li")).toContain(
      "un taux FSE d'au plus 60\u00a0% des dépenses totales",
    );
    await page.click("#check");
    await expect.poll(() => status(page)).toBe("Vérification terminée.");
    expect(await page.textContent('[data-count="letters"]')).toBe("5 lettres de commande");
    // Quotes per order letter and the user's categories are workbook settings too.
    await page.selectOption("#quotes", "2");
    await page.fill("#categories", "Remédiation = assistance");
    await page.click("#save");
    await expect
      .poll(async () => readJson<{ quotes: number }>((await fakeCalls(page)).settings["plie.settings"]).quotes)
      .toBe(2);
    await page.click("#check");
    await expect.poll(() => status(page)).toBe("Vérification terminée.");
    expect(folded(await page.textContent("#procurement pre"))).toContain("2 devis par lettre");
    expect(
      (await tableRows(page, "#synthesis-cost")).find((r) => r[0] === "Projet d'assistance aux personnes"),
    ).toEqual(["Projet d'assistance aux personnes", "30 000,00 €", "30 000,00 €"]);
    // A named profile fills the thresholds and is kept with them.
    await page.selectOption("#profile", "fse-plus-2021-2027-cote-dor");
    expect(await page.inputValue("#cap")).toBe("60,00");
    await page.click("#save");
    await expect
      .poll(async () => readJson<{ profile: string }>((await fakeCalls(page)).settings["plie.settings"]).profile)
      .toBe("fse-plus-2021-2027-cote-dor");
    await page.fill("#cap", "abc");
    await page.click("#save");
    await expect.poll(() => status(page)).toMatch(/^Échec\u00a0: Plafond du taux FSE/);
    expect(await page.getAttribute("#status", "class")).toBe("status failed");
    expect(errors).toEqual([]);
  }, 60_000);

  it("checks every programming sheet: both sheets and years in the banner, the multi-year synthesis, the order letters, financers × years", async () => {
    const { page, errors } = await pane.open(await book(2015, 2019));
    await page.check('input[name="scope"][value="all"]');
    await page.click("#check");
    await expect.poll(() => status(page)).toBe("Vérification terminée.");
    expect(await page.textContent("#banner-scope")).toBe(
      "Feuilles vérifiées\u00a0: Programmation 2015 (2015), Programmation 2019 (2019)",
    );
    expect(await page.textContent('[data-count="letters"]')).toBe("9 lettres de commande");
    // Groups name their sheet when several are checked.
    expect(await page.textContent("li.group .group-where")).toBe("Programmation 2015 · Ligne 5");
    // The multi-year synthesis as tables: categories × years, and each financer's change from year to year.
    expect((await tableRows(page, "#synthesis-cost")).find((r) => r[0].startsWith("Portage de référents"))).toEqual([
      "Portage de référents + poste de chargé(e) de mission",
      "609 964,80 €",
      "561 332,00 €",
      "1 171 296,80 €",
    ]);
    expect((await tableRows(page, "#synthesis-financers")).find((r) => r[0] === "FSE")).toEqual([
      "FSE",
      "-20 366,11 € (-3,53 %)",
    ]);
    expect(await page.$$eval("#synthesis-financers thead th", (t) => t.map((x) => x.textContent))).toEqual([
      "Financeur",
      "2019 par rapport à 2015",
    ]);
    expect(folded(await page.textContent("#procurement pre"))).toContain("ligne 12 IRFA");
    expect(await page.$$eval("#cross-table thead th", (t) => t.map((x) => x.textContent))).toEqual([
      "Financeur",
      "2015",
      "2019",
      "Total",
    ]);
    // The envelope per year.
    expect(await page.$$eval("#envelope-chart .bar-label", (l) => l.map((x) => x.textContent))).toEqual([
      "2015",
      "2019",
    ]);
    expect(errors).toEqual([]);
  }, 60_000);

  it("re-checks a sheet after an edit when the live check is on", async () => {
    const { page, errors } = await pane.open(await book(2019));
    await page.click("#check");
    await expect.poll(() => status(page)).toBe("Vérification terminée.");
    await page.check("#live");
    await expect.poll(() => status(page)).toBe("Revérification automatique activée.");
    // Longvic's FSE (M7) falls below the floor: 19 000 €.
    expect(
      await page.evaluate(() => (window as unknown as Win).__FAKE_EDIT__("Programmation 2019", 6, 12, 19000)),
    ).toBe(1);
    await expect
      .poll(() => status(page), { timeout: 5000 })
      .toBe("Feuille revérifiée\u00a0: «\u00a0Programmation 2019\u00a0».");
    expect(await page.textContent('[data-count="letters"]')).toBe("1 lettre de commande");
    // Longvic below the floor, and the printed totals that no longer add up.
    expect(await page.textContent("#banner-title")).toMatch(/^\d+ anomalies bloquantes sur \d+ lignes$/);
    expect(await page.textContent('li.group[data-group="g0-t0-r7"] .group-where')).toBe("Ligne 7");
    const findings = await findingTexts(page);
    expect(findings.some((f) => f.includes("M7") && f.includes("FSE de 19 000,00 € sous le plancher"))).toBe(true);
    await page.uncheck("#live");
    await expect.poll(() => status(page)).toBe("Revérification automatique arrêtée.");
    expect(
      await page.evaluate(() => (window as unknown as Win).__FAKE_EDIT__("Programmation 2019", 6, 12, 20000)),
    ).toBe(0);
    expect(errors).toEqual([]);
  }, 60_000);

  it("prepares the COPIL from a Statut COPIL column and writes one line's status", async () => {
    const withStatus = (cells: CellValue[], s: string) => [...cells, s];
    const values: CellValue[][] = [
      ["Programmation PLIE 2019"],
      GROUP,
      [...HEADER, "Statut COPIL"],
      withStatus(op("422C", "Portage", "MILO", 50876, { fse2: 25438, dm: 25438 }), "voté au COPIL du 14 décembre 2018"),
      withStatus(op("422C", "Atelier", "IRFA", 45000, { fse2: 22500, dm: 22500 }), "à voter au COPIL du 14 mars 2019"),
      withStatus(op("422C", "Relooking", "X", 30000, { fse2: 10000, dm: 20000 }), ""),
    ];
    const { page, errors } = await pane.open({
      sheets: [{ name: "Programmation 2019", values }],
      active: 0,
      displayLanguage: "fr-FR",
    });
    await page.click("#check");
    await expect.poll(() => status(page)).toBe("Vérification terminée.");
    await page.click("#copil-toggle");
    const agenda = folded(await page.textContent("#copil pre"));
    expect(agenda).toContain("Préparer le COPIL du 14 mars 2019");
    expect(agenda).toContain("ligne 5 : 422C — Atelier — IRFA projet");
    expect(agenda).toContain("ligne 6 : 422C — Relooking — X lettre de commande");
    await page.fill("#status-row", "6");
    await page.fill("#status-text", "à voter au COPIL du 14 mars 2019");
    await page.click("#status-save");
    await expect.poll(() => status(page)).toBe("Statut inscrit en Programmation 2019!M6.");
    expect((await fakeCalls(page)).written).toEqual([
      { sheet: "Programmation 2019", address: "M6:M6", values: [["à voter au COPIL du 14 mars 2019"]] },
    ]);
    expect(errors).toEqual([]);
  }, 60_000);

  it("asks for the role of a header it cannot tell, saves it in the workbook and checks again with it", async () => {
    const { page, errors } = await pane.open({
      sheets: [{ name: FONDATION_SHEET_NAME, values: FONDATION_ROWS }],
      active: 0,
      displayLanguage: "fr-FR",
    });
    expect(await page.isHidden("#columns-panel")).toBe(true);
    await page.click("#check");
    await expect.poll(() => status(page)).toBe("Vérification terminée.");
    // The number formats were read with the values.
    expect((await fakeCalls(page)).formatsRead).toBeGreaterThan(0);
    // Before: Fondation X is not counted, rows 4 and 5 do not balance, no private funds in the totals.
    expect(
      (await findingTexts(page))
        .filter((f) => f.includes("Plan de financement déséquilibré"))
        .map((f) => f.match(/Erreur (E\d+)/)?.[1]),
    ).toEqual(["E4", "E5"]);
    const totals = () =>
      page.$$eval("#financers-content table", (elements) => {
        const tables = elements as HTMLTableElement[];
        const t = tables.find((x) => x.caption?.textContent === "Financements par financeur — Programmation 2021");
        return t
          ? Array.from(t.tBodies[0].rows).map((r) =>
              Array.from(r.cells).map((c) => c.textContent?.replace(/\s+/g, " ").trim()),
            )
          : [];
      });
    expect((await totals()).find((r) => r[0] === "Fondation X" || r[0] === "Fonds privés / publics")).toBeUndefined();

    // The Colonnes section counts the header; its panel lists it, its select tied to its label, "(non défini)" chosen.
    expect(await page.textContent("#columns-badge")).toBe("1");
    await page.click("#columns-toggle");
    expect(await page.isVisible("#columns-panel")).toBe(true);
    expect(await page.isHidden("#columns-empty")).toBe(true);
    expect(await page.textContent("#columns-section-title")).toBe("Colonnes");
    expect(folded(await page.textContent('label[for="column-role-0"]'))).toBe(
      "Fondation X (en-tête non compris — Programmation 2021!M3)",
    );
    expect(await page.inputValue("#column-role-0")).toBe("");
    expect(await page.$$eval("#column-role-0 option", (o) => o.map((x) => x.textContent))).toEqual([
      "(non défini)",
      "Conseil départemental",
      "Dijon Métropole",
      "Intercommunalité",
      "Conseil régional",
      "Ville de Dijon",
      "Ville",
      "Communes",
      "Fonds privés / publics",
      "Contrat de ville",
      "Autres PLIE",
      "État",
      "France Travail",
      "FORCO",
      "Produit des actions",
      "Autres financements",
      "Autofinancement",
      "FSE",
      "Dépenses totales",
      "Taux FSE",
      "Total opération",
      "FSE sollicité",
      "Ignorer",
    ]);
    await page.screenshot({ path: screenshotPath("taskpane-columns.png"), fullPage: true });
    // Keyboard: the select, then Tab to Enregistrer and Enter.
    await page.focus("#column-role-0");
    await page.selectOption("#column-role-0", "fonds_prives");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("columns-save");
    await page.keyboard.press("Enter");
    await expect
      .poll(() => status(page))
      .toBe("Rôles des colonnes enregistrés dans le classeur ; vérification relancée.");
    const after = await fakeCalls(page);
    expect(JSON.parse(after.settings["plie.settings"])).toEqual({
      floor: 20000,
      cap: 0.5,
      strictFloor: false,
      aliases: [],
      columns: [{ header: "Fondation X", role: "fonds_prives" }],
    });
    expect(after.calculations).toBe(1);

    // After: 15 000,00 + 7 250,50 = 22 250,50 € of private funds (named by the sheet's header); every plan balances.
    const rows = await totals();
    expect(rows.find((r) => r[0] === "Fondation X")?.[1]).toBe("22 250,50 €");
    expect(rows.find((r) => r[0] === "FSE - CD21 + FSE")?.[1]).toBe("70 000,00 €");
    expect(rows.find((r) => r[0] === "Dijon Métropole")?.[1]).toBe("45 000,00 €");
    expect(rows.find((r) => r[0] === "Dépenses totales")?.[1]).toBe("150 000,50 €");
    expect((await findingTexts(page)).filter((f) => f.includes("déséquilibré") || f.includes("inconnue"))).toEqual([]);
    expect(await page.textContent('[data-count="projects"]')).toBe("3 projets");
    // The saved role stays in the panel, chosen.
    expect(folded(await page.textContent('label[for="column-role-0"]'))).toBe("Fondation X (rôle enregistré)");
    expect(await page.inputValue("#column-role-0")).toBe("fonds_prives");
    expect(errors).toEqual([]);
  }, 60_000);

  it("the structure's own names are a setting; a header from the sheet is shown as text; English words", async () => {
    const values: CellValue[][] = FONDATION_ROWS.map((r) => r.slice());
    values[2][12] = "<img src=x onerror=alert(1)>";
    const { page, dialogs, errors } = await pane.open({
      sheets: [{ name: FONDATION_SHEET_NAME, values }],
      active: 0,
      displayLanguage: "en-US",
    });
    await page.click("#check");
    await expect.poll(() => status(page)).toBe("Check done.");
    expect(await page.textContent("#columns-section-title")).toBe("Columns");
    expect(await page.textContent('label[for="column-role-0"] .column-header')).toBe("<img src=x onerror=alert(1)>");
    expect(await page.$$eval("#columns-panel img", (n) => n.length)).toBe(0);
    expect(await page.$eval('#column-role-0 option[value="fonds_prives"]', (o) => o.textContent)).toBe(
      "Private / other public funds",
    );
    expect(await page.$eval('#column-role-0 option[value=""]', (o) => o.textContent)).toBe("(not set)");
    await page.click("#settings-title");
    expect(await page.textContent("#structures-label")).toBe("The structure's names besides “PLIE” (separated by “;”)");
    await page.fill("#structures", "Association Alpha ; Beta Insertion");
    await page.click("#save");
    await expect.poll(() => status(page)).toBe("Settings saved in the workbook; formulas recalculated.");
    const saved = readJson<{ structures: string[] }>((await fakeCalls(page)).settings["plie.settings"]);
    expect(saved.structures).toEqual(["Association Alpha", "Beta Insertion"]);
    expect(saved).not.toHaveProperty("columns");
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);

  it("speaks English when Office is in English", async () => {
    const { page } = await pane.open({ ...(await book(2015)), displayLanguage: "en-US" });
    expect(await page.textContent("#check")).toBe("Check");
    expect(await page.getAttribute("html", "lang")).toBe("en");
    expect(await page.textContent("#first-run-title")).toBe("What this pane checks");
    await page.click("#check");
    await expect.poll(() => status(page)).toBe("Check done.");
    expect(await page.textContent("#banner-title")).toBe("10 blocking findings on 10 lines");
    expect(folded(await page.textContent("#banner-findings"))).toBe("10 errors · 0 warnings · 0 notes");
    expect(await page.textContent('[data-count="letters"]')).toBe("9 order letters");
    expect(await page.textContent("li.group .group-where")).toBe("Row 5");
  }, 60_000);

  it("shows progress and disables every action while Excel is slow, then gives the focus back", async () => {
    const { page, errors } = await pane.open({ ...(await book(2019)), syncDelayMs: 1500 });
    await page.focus("#check");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.isVisible("#progress")).toBe(true);
    expect(await page.getAttribute("#progress", "role")).toBe("progressbar");
    expect(await page.textContent("#progress-text")).toBe("Vérification en cours…");
    expect(await page.getAttribute("#sections", "aria-busy")).toBe("true");
    const disabled = await page.$$eval("button[data-action]", (b) =>
      b.map((x) => [x.id, (x as HTMLButtonElement).disabled]),
    );
    expect(disabled.length).toBeGreaterThanOrEqual(9);
    expect(disabled.filter(([, d]) => !d)).toEqual([]);
    await expect.poll(() => status(page), { timeout: 10_000 }).toBe("Vérification terminée.");
    expect(await page.isHidden("#progress")).toBe(true);
    expect(await page.getAttribute("#sections", "aria-busy")).toBeNull();
    expect(
      await page.$$eval("button[data-action]", (b) => b.filter((x) => (x as HTMLButtonElement).disabled).length),
    ).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("check");
    // Saving the settings shows its own words.
    await page.click("#settings-toggle");
    await page.click("#save");
    await expect.poll(() => page.textContent("#progress-text")).toBe("Enregistrement dans le classeur…");
    expect(await page.isDisabled("#check")).toBe(true);
    expect(await page.isDisabled("#save")).toBe(true);
    await expect
      .poll(() => status(page), { timeout: 10_000 })
      .toBe("Paramètres enregistrés dans le classeur ; formules recalculées.");
    expect(errors).toEqual([]);
  }, 60_000);

  it("says Excel's own errors in words, with what to do: a cell being edited, a protected sheet, a read-only workbook, any other", async () => {
    const { page, errors } = await pane.open(await book(2019));
    const failNext = (code: string, message: string) =>
      page.evaluate(([c, m]) => (window as unknown as Win).__FAKE_FAIL_NEXT__(c, m), [code, message]);
    await failNext("InvalidOperationInCellEditMode", "The operation is not allowed while a cell is being edited.");
    await page.click("#check");
    await expect
      .poll(() => status(page))
      .toBe(
        "Une cellule est en cours de modification dans Excel : terminez la saisie (Entrée ou Échap), puis réessayez.",
      );
    expect(await page.getAttribute("#status", "class")).toBe("status failed");
    expect(await page.isHidden("#progress")).toBe(true);
    expect(await page.isEnabled("#check")).toBe(true);
    await page.click("#check");
    await expect.poll(() => status(page)).toBe("Vérification terminée.");
    expect(await page.getAttribute("#status", "class")).toBe("status");
    await page.click("#settings-toggle");
    await failNext("AccessDenied", "You cannot perform the requested operation.");
    await page.click("#save");
    await expect
      .poll(() => status(page))
      .toBe(
        "Excel refuse d'écrire dans le classeur : une feuille est protégée. Ôtez sa protection (onglet Révision > Ôter la protection de la feuille), puis réessayez.",
      );
    await failNext("GeneralException", "There was an internal error while processing the request.");
    await page.click("#save");
    await expect
      .poll(() => status(page))
      .toBe("Échec\u00a0: There was an internal error while processing the request.");
    // Selecting a finding's cell while a cell is edited: said in words too.
    await failNext("InvalidOperationInCellEditMode", "…");
    await page.click("li.finding .cell-link");
    await expect.poll(() => status(page)).toMatch(/^Une cellule est en cours de modification/);
    expect(errors).toEqual([]);

    const readOnly = await pane.open({ ...(await book(2019)), readOnly: true });
    await readOnly.page.click("#check");
    await expect.poll(() => status(readOnly.page)).toBe("Vérification terminée.");
    await readOnly.page.evaluate(() =>
      (window as unknown as Win).__FAKE_FAIL_NEXT__("AccessDenied", "You cannot perform the requested operation."),
    );
    await readOnly.page.click("#settings-toggle");
    await readOnly.page.click("#save");
    await expect
      .poll(() => status(readOnly.page))
      .toMatch(
        /^Le classeur est ouvert en lecture seule : Excel n'y écrit rien\. Cliquez sur « Activer la modification »/,
      );
  }, 60_000);

  it("the first run's explanation shows until the first check, then never again on this machine", async () => {
    const context = await pane.browser.newContext({ viewport: { width: 320, height: 800 } });
    const b = await book(2019);
    const open = async () => {
      const { page } = await pane.open(b, { context });
      await paneReady(page);
      return page;
    };
    const first = await open();
    expect(await first.isVisible("#first-run")).toBe(true);
    expect(folded(await first.textContent("#first-run"))).toContain(
      "Chaque ligne d'opération : un FSE d'au moins 20 000 €, un taux FSE d'au plus 50 % des dépenses totales",
    );
    expect(await first.textContent("#first-run-settings")).toContain("Paramètres");
    await first.click("#check");
    await expect.poll(() => status(first)).toBe("Vérification terminée.");
    expect(await first.isHidden("#first-run")).toBe(true);
    await first.close();
    // The same machine (the same storage) later: the explanation does not come back.
    const again = await open();
    expect(await again.isHidden("#first-run")).toBe(true);
    await context.close();
  }, 60_000);
});
