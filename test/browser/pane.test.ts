import { execFileSync } from "child_process";
import * as fs from "fs";
import * as http from "http";
import type { AddressInfo } from "net";
import * as path from "path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readWorkbook } from "../../src/cli/read";
import type { CellValue } from "../../src/sheet/grid";
import { GROUP, HEADER, op } from "../helpers";
import { FONDATION_ROWS, FONDATION_SHEET_NAME } from "../column-roles-sample";

/**
 * The built task pane in a real browser (Debian's Chromium), over a scripted
 * Excel host (fake-office.js). In CI the browser must be there: a missing
 * Chromium fails the run instead of skipping it.
 */
const ROOT = path.resolve(__dirname, "../..");
const OUT = path.join(ROOT, "dist-addin");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const HAVE_CHROMIUM = fs.existsSync(CHROMIUM);
const RUN = HAVE_CHROMIUM || Boolean(process.env.CI);
const FAKE = fs.readFileSync(path.join(__dirname, "fake-office.js"), "utf8");
const FIXTURES = path.resolve(ROOT, "../shared/fixtures");

if (!RUN) console.warn(`pane browser test skipped: no Chromium at ${CHROMIUM} (set CI to make this a failure)`);

interface FakeBook {
  sheets: { name: string; values: CellValue[][]; formats?: string[][] }[];
  active: number;
  displayLanguage: string;
}

describe.runIf(RUN)("task pane in Chromium", () => {
  let server: http.Server;
  let base = "";
  let browser: Browser;

  beforeAll(async () => {
    execFileSync("npx", ["webpack", "--mode", "development"], { cwd: ROOT, stdio: "pipe" });
    server = http.createServer((req, res) => {
      const file = path.join(OUT, decodeURIComponent((req.url ?? "/").split("?")[0]));
      if (!file.startsWith(OUT) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
        res.writeHead(404).end();
        return;
      }
      const type = file.endsWith(".html") ? "text/html" : file.endsWith(".js") ? "application/javascript" : file.endsWith(".json") ? "application/json" : "application/octet-stream";
      res.writeHead(200, { "content-type": `${type}; charset=utf-8` }).end(fs.readFileSync(file));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  /** Opens the pane over a scripted workbook; records dialogs and page errors. */
  async function openPane(book: FakeBook): Promise<{ page: Page; dialogs: string[]; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width: 420, height: 900 } });
    const dialogs: string[] = [];
    const errors: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on("pageerror", (e) => errors.push(e.message));
    // No network but this test's server: office.js itself is the scripted host.
    await page.route("**/*", (route) => (route.request().url().startsWith(base) ? route.continue() : route.abort()));
    await page.route("https://appsforoffice.microsoft.com/**", (route) =>
      route.fulfill({ status: 200, contentType: "application/javascript", body: "/* office.js: scripted by the test */" }),
    );
    await page.addInitScript(`window.__FAKE_BOOK__ = ${JSON.stringify(book)};\n${FAKE}`);
    await page.goto(`${base}/taskpane.html`);
    return { page, dialogs, errors };
  }

  it("checks the 2019 programming, lists the findings and selects a finding's cell", async () => {
    const grids = await readWorkbook(path.join(FIXTURES, "programmation-2019.xlsx"));
    const { page, dialogs, errors } = await openPane({ sheets: grids.map((g) => ({ name: g.name, values: g.values as CellValue[][] })), active: 0, displayLanguage: "fr-FR" });
    await page.click("#check");
    await expect.poll(() => page.textContent("#status")).toBe("Vérification terminée.");
    expect(await page.textContent('[data-count="projects"]')).toBe("Projets\u00a0: 13");
    expect(await page.textContent('[data-count="letters"]')).toBe("Lettres de commande\u00a0: 0");
    expect(await page.textContent('[data-count="findings"]')).toBe("Anomalies\u00a0: 0 erreur, 1 avertissement, 3 informations");
    const findings = await page.$$eval("li.finding", (items) => items.map((li) => li.textContent?.replace(/\s+/g, " ").trim()));
    expect(findings).toHaveLength(4);
    expect(findings[1]).toMatch(/^▲ avertissement Programmation 2019!M16 Ligne de totaux décalée/);
    expect(findings[2]).toContain("FSE : sous-programmation de 42 749,89 €"); // white space folded above
    // Keyboard first: focus the finding's link and press Enter.
    await page.focus('button[aria-label="Aller à la cellule Programmation 2019!M16"]');
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => (window as unknown as { __FAKE_CALLS__: { selected: string[] } }).__FAKE_CALLS__.selected)).toEqual(["Programmation 2019!M16"]);
    // The envelope simulation, from the sheet's BUDGET row.
    await page.click("#optimiser-0 summary");
    const simulation = (await page.textContent("#optimiser-0 pre"))!.replace(/\s+/g, " ");
    expect(simulation).toContain("FSE proposé : 569 501,11 € (+12 251,00 €)");
    expect(simulation).toContain("Enveloppe non utilisée : 30 498,89 €");
    const table = await page.$$eval("table caption", (c) => c.map((x) => x.textContent));
    expect(table).toEqual(["Financements par financeur — Programmation 2019", "Financeurs × années"]);
    fs.mkdirSync(path.join(OUT, "screenshots"), { recursive: true });
    await page.screenshot({ path: path.join(OUT, "screenshots", "taskpane-2019.png"), fullPage: true });
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);

  it("shows an operation named like markup as text, and runs nothing", async () => {
    const name = "<img src=x onerror=alert(1)>";
    const values: CellValue[][] = [["Programmation PLIE 2021"], GROUP, HEADER, op("422C", name, "<b>Opérateur</b>", 51750, { fse2: 36519.6, dm: 15230.4 })];
    const { page, dialogs, errors } = await openPane({ sheets: [{ name: "Programmation 2021", values }], active: 0, displayLanguage: "fr-FR" });
    await page.click("#check");
    await expect.poll(() => page.textContent("#status")).toBe("Vérification terminée.");
    const text = await page.textContent("#results");
    expect(text).toContain(`422C — ${name} — <b>Opérateur</b>`);
    expect(await page.$$eval("#results img, #results b", (n) => n.length)).toBe(0);
    expect(await page.textContent('[data-count="letters"]')).toBe("Lettres de commande\u00a0: 1");
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);

  it("saves the settings in the workbook, recalculates, and checks with them", async () => {
    const grids = await readWorkbook(path.join(FIXTURES, "programmation-2015.xlsx"));
    const { page, errors } = await openPane({ sheets: grids.map((g) => ({ name: g.name, values: g.values as CellValue[][] })), active: 0, displayLanguage: "fr-FR" });
    await page.click("#settings-title");
    expect(await page.inputValue("#floor")).toBe("20000");
    expect(await page.inputValue("#cap")).toBe("50,00");
    await page.fill("#cap", "60");
    await page.fill("#aliases", "Fondation X = fonds_prives");
    await page.click("#save");
    await expect.poll(() => page.textContent("#status")).toBe("Paramètres enregistrés dans le classeur ; formules recalculées.");
    const calls = await page.evaluate(() => (window as unknown as { __FAKE_CALLS__: { settings: Record<string, string>; calculations: number } }).__FAKE_CALLS__);
    expect(JSON.parse(calls.settings["plie.settings"])).toEqual({ floor: 20000, cap: 0.6, strictFloor: false, aliases: [{ header: "Fondation X", financer: "fonds_prives" }] });
    expect(calls.calculations).toBe(1);
    await page.click("#check");
    await expect.poll(() => page.textContent("#status")).toBe("Vérification terminée.");
    expect(await page.textContent('[data-count="letters"]')).toBe("Lettres de commande\u00a0: 5");
    // Quotes per order letter and the user's categories are workbook settings too.
    await page.selectOption("#quotes", "2");
    await page.fill("#categories", "Remédiation = assistance");
    await page.click("#save");
    await expect.poll(async () => JSON.parse((await page.evaluate(() => (window as unknown as { __FAKE_CALLS__: { settings: Record<string, string> } }).__FAKE_CALLS__.settings["plie.settings"]))).quotes).toBe(2);
    await page.click("#check");
    await expect.poll(() => page.textContent("#status")).toBe("Vérification terminée.");
    expect((await page.textContent("#procurement pre"))!.replace(/\s+/g, " ")).toContain("2 devis par lettre");
    expect((await page.textContent("#synthesis pre"))!.replace(/\s+/g, " ")).toMatch(/Projet d'assistance aux personnes 30 000,00 €/);
    // A named profile fills the thresholds and is kept with them.
    await page.selectOption("#profile", "fse-plus-2021-2027-cote-dor");
    expect(await page.inputValue("#cap")).toBe("60,00");
    await page.click("#save");
    await expect.poll(async () => JSON.parse((await page.evaluate(() => (window as unknown as { __FAKE_CALLS__: { settings: Record<string, string> } }).__FAKE_CALLS__.settings["plie.settings"]))).profile).toBe("fse-plus-2021-2027-cote-dor");
    await page.fill("#cap", "abc");
    await page.click("#save");
    await expect.poll(() => page.textContent("#status")).toMatch(/^Échec\u00a0: Plafond du taux FSE/);
    expect(errors).toEqual([]);
  }, 60_000);

  it("checks every programming sheet and shows the multi-year synthesis and the order letters", async () => {
    const grids = [
      ...(await readWorkbook(path.join(FIXTURES, "programmation-2015.xlsx"))),
      ...(await readWorkbook(path.join(FIXTURES, "programmation-2019.xlsx"))),
    ];
    const { page, errors } = await openPane({ sheets: grids.map((g) => ({ name: g.name, values: g.values as CellValue[][] })), active: 0, displayLanguage: "fr-FR" });
    await page.check('input[name="scope"][value="all"]');
    await page.click("#check");
    await expect.poll(() => page.textContent("#status")).toBe("Vérification terminée.");
    expect(await page.textContent('[data-count="letters"]')).toBe("Lettres de commande\u00a0: 9");
    const synthesis = (await page.textContent("#synthesis pre"))!.replace(/\s+/g, " ");
    expect(synthesis).toMatch(/Portage de référents \+ poste de chargé\(e\) de mission 609 964,80 € 561 332,00 € 1 171 296,80 €/);
    expect(synthesis).toContain("FSE -20 366,11 € (-3,53 %)");
    const procurement = (await page.textContent("#procurement pre"))!.replace(/\s+/g, " ");
    expect(procurement).toContain("ligne 12 IRFA");
    expect(errors).toEqual([]);
  }, 60_000);

  it("re-checks a sheet after an edit when the live check is on", async () => {
    const grids = await readWorkbook(path.join(FIXTURES, "programmation-2019.xlsx"));
    const { page, errors } = await openPane({ sheets: grids.map((g) => ({ name: g.name, values: g.values as CellValue[][] })), active: 0, displayLanguage: "fr-FR" });
    await page.click("#check");
    await expect.poll(() => page.textContent("#status")).toBe("Vérification terminée.");
    await page.check("#live");
    await expect.poll(() => page.textContent("#status")).toBe("Revérification automatique activée.");
    // Longvic's FSE (M7) falls below the floor: 19 000 €.
    expect(await page.evaluate(() => (window as unknown as { __FAKE_EDIT__: (s: string, r: number, c: number, v: number) => number }).__FAKE_EDIT__("Programmation 2019", 6, 12, 19000))).toBe(1);
    await expect.poll(() => page.textContent("#status"), { timeout: 5000 }).toBe("Feuille revérifiée\u00a0: «\u00a0Programmation 2019\u00a0».");
    expect(await page.textContent('[data-count="letters"]')).toBe("Lettres de commande\u00a0: 1");
    const findings = await page.$$eval("li.finding", (items) => items.map((li) => li.textContent?.replace(/\s+/g, " ").trim()));
    expect(findings.some((f) => f?.includes("Programmation 2019!M7") && f.includes("FSE de 19 000,00 € sous le plancher"))).toBe(true);
    await page.uncheck("#live");
    await expect.poll(() => page.textContent("#status")).toBe("Revérification automatique arrêtée.");
    expect(await page.evaluate(() => (window as unknown as { __FAKE_EDIT__: (s: string, r: number, c: number, v: number) => number }).__FAKE_EDIT__("Programmation 2019", 6, 12, 20000))).toBe(0);
    expect(errors).toEqual([]);
  }, 60_000);

  it("prepares the COPIL from a Statut COPIL column and writes one line's status", async () => {
    const withStatus = (cells: CellValue[], status: string) => [...cells, status];
    const values: CellValue[][] = [
      ["Programmation PLIE 2019"],
      GROUP,
      [...HEADER, "Statut COPIL"],
      withStatus(op("422C", "Portage", "MILO", 50876, { fse2: 25438, dm: 25438 }), "voté au COPIL du 14 décembre 2018"),
      withStatus(op("422C", "Atelier", "IRFA", 45000, { fse2: 22500, dm: 22500 }), "à voter au COPIL du 14 mars 2019"),
      withStatus(op("422C", "Relooking", "X", 30000, { fse2: 10000, dm: 20000 }), ""),
    ];
    const { page, errors } = await openPane({ sheets: [{ name: "Programmation 2019", values }], active: 0, displayLanguage: "fr-FR" });
    await page.click("#check");
    await expect.poll(() => page.textContent("#status")).toBe("Vérification terminée.");
    const agenda = (await page.textContent("#copil pre"))!.replace(/\s+/g, " ");
    expect(agenda).toContain("Préparer le COPIL du 14 mars 2019");
    expect(agenda).toContain("ligne 5 : 422C — Atelier — IRFA projet");
    expect(agenda).toContain("ligne 6 : 422C — Relooking — X lettre de commande");
    await page.fill("#status-row", "6");
    await page.fill("#status-text", "à voter au COPIL du 14 mars 2019");
    await page.click("#status-save");
    await expect.poll(() => page.textContent("#status")).toBe("Statut inscrit en Programmation 2019!M6.");
    const written = await page.evaluate(() => (window as unknown as { __FAKE_CALLS__: { written: unknown[] } }).__FAKE_CALLS__.written);
    expect(written).toEqual([{ sheet: "Programmation 2019", address: "M6:M6", values: [["à voter au COPIL du 14 mars 2019"]] }]);
    expect(errors).toEqual([]);
  }, 60_000);

  it("asks for the role of a header it cannot tell, saves it in the workbook and checks again with it", async () => {
    type Calls = { settings: Record<string, string>; calculations: number; formatsRead: number };
    const calls = () => page.evaluate(() => (window as unknown as { __FAKE_CALLS__: Calls }).__FAKE_CALLS__);
    const { page, errors } = await openPane({ sheets: [{ name: FONDATION_SHEET_NAME, values: FONDATION_ROWS }], active: 0, displayLanguage: "fr-FR" });
    expect(await page.isHidden("#columns-panel")).toBe(true);
    await page.click("#check");
    await expect.poll(() => page.textContent("#status")).toBe("Vérification terminée.");
    // The number formats were read with the values.
    expect((await calls()).formatsRead).toBeGreaterThan(0);
    // Before: Fondation X is not counted, rows 4 and 5 do not balance, no private funds in the totals.
    const findings = async () => page.$$eval("li.finding", (items) => items.map((li) => li.textContent?.replace(/\s+/g, " ").trim() ?? ""));
    expect((await findings()).filter((f) => f.includes("Plan de financement déséquilibré")).map((f) => f.match(/Programmation 2021!E\d+/)?.[0])).toEqual([
      "Programmation 2021!E4",
      "Programmation 2021!E5",
    ]);
    const totals = () =>
      page.$$eval("#results table", (elements) => {
        const tables = elements as HTMLTableElement[];
        const t = tables.find((x) => x.caption?.textContent === "Financements par financeur — Programmation 2021");
        return t ? Array.from(t.tBodies[0].rows).map((r) => Array.from(r.cells).map((c) => c.textContent?.replace(/\s+/g, " ").trim())) : [];
      });
    expect((await totals()).find((r) => r[0] === "Fondation X" || r[0] === "Fonds privés / publics")).toBeUndefined();

    // The panel lists the header, its select is tied to its label, "(non défini)" chosen.
    expect(await page.isVisible("#columns-panel")).toBe(true);
    expect(await page.textContent("#columns-title")).toBe("Colonnes");
    expect((await page.textContent('label[for="column-role-0"]'))!.replace(/\s+/g, " ")).toBe("Fondation X (en-tête non compris — Programmation 2021!M3)");
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

    fs.mkdirSync(path.join(OUT, "screenshots"), { recursive: true });
    await page.screenshot({ path: path.join(OUT, "screenshots", "taskpane-columns.png"), fullPage: true });
    // Keyboard: the select, then Tab to Enregistrer and Enter.
    await page.focus("#column-role-0");
    await page.selectOption("#column-role-0", "fonds_prives");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("columns-save");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.textContent("#status")).toBe("Rôles des colonnes enregistrés dans le classeur ; vérification relancée.");
    const after = await calls();
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
    expect((await findings()).filter((f) => f.includes("déséquilibré") || f.includes("inconnue"))).toEqual([]);
    expect(await page.textContent('[data-count="projects"]')).toBe("Projets\u00a0: 3");
    // The saved role stays in the panel, chosen.
    expect((await page.textContent('label[for="column-role-0"]'))!.replace(/\s+/g, " ")).toBe("Fondation X (rôle enregistré)");
    expect(await page.inputValue("#column-role-0")).toBe("fonds_prives");
    expect(errors).toEqual([]);
  }, 60_000);

  it("the structure's own names are a setting; a header from the sheet is shown as text; English words", async () => {
    const values: CellValue[][] = FONDATION_ROWS.map((r) => r.slice());
    values[2][12] = "<img src=x onerror=alert(1)>";
    const { page, dialogs, errors } = await openPane({ sheets: [{ name: FONDATION_SHEET_NAME, values }], active: 0, displayLanguage: "en-US" });
    await page.click("#check");
    await expect.poll(() => page.textContent("#status")).toBe("Check done.");
    expect(await page.textContent("#columns-title")).toBe("Columns");
    expect(await page.textContent('label[for="column-role-0"] .column-header')).toBe("<img src=x onerror=alert(1)>");
    expect(await page.$$eval("#columns-panel img", (n) => n.length)).toBe(0);
    expect(await page.$eval('#column-role-0 option[value="fonds_prives"]', (o) => o.textContent)).toBe("Private / other public funds");
    expect(await page.$eval('#column-role-0 option[value=""]', (o) => o.textContent)).toBe("(not set)");
    await page.click("#settings-title");
    expect(await page.textContent("#structures-label")).toBe("The structure's names besides “PLIE” (separated by “;”)");
    await page.fill("#structures", "Association Alpha ; Beta Insertion");
    await page.click("#save");
    await expect.poll(() => page.textContent("#status")).toBe("Settings saved in the workbook; formulas recalculated.");
    const saved = JSON.parse(await page.evaluate(() => (window as unknown as { __FAKE_CALLS__: { settings: Record<string, string> } }).__FAKE_CALLS__.settings["plie.settings"]));
    expect(saved.structures).toEqual(["Association Alpha", "Beta Insertion"]);
    expect(saved).not.toHaveProperty("columns");
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);

  it("speaks English when Office is in English", async () => {
    const grids = await readWorkbook(path.join(FIXTURES, "programmation-2015.xlsx"));
    const { page } = await openPane({ sheets: grids.map((g) => ({ name: g.name, values: g.values as CellValue[][] })), active: 0, displayLanguage: "en-US" });
    expect(await page.textContent("#check")).toBe("Check");
    await page.click("#check");
    await expect.poll(() => page.textContent("#status")).toBe("Check done.");
    expect(await page.textContent('[data-count="findings"]')).toBe("Findings: 10 errors, 0 warnings, 0 notes");
    expect(await page.textContent('[data-count="letters"]')).toBe("Order letters: 9");
  }, 60_000);
});
