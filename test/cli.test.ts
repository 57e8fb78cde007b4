import { spawnSync } from "child_process";
import ExcelJS from "exceljs";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../src/cli/main";
import { readWorkbook } from "../src/cli/read";
import { HEADER, GROUP } from "./helpers";
import { buildCli } from "./reader/cli-run";
import { parseReport } from "./report-json";

const ROOT = path.resolve(__dirname, "..");
const FIXTURES = path.resolve(ROOT, "../shared/fixtures");
const F2015 = path.join(FIXTURES, "programmation-2015.xlsx");
const F2019 = path.join(FIXTURES, "programmation-2019.xlsx");
let tmp: string;

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

async function json(...argv: string[]) {
  const r = await run("--json", ...argv);
  return { code: r.code, doc: parseReport(r.out) };
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "plie-check-"));
  // A password-protected workbook is an OLE compound file, not a zip.
  fs.writeFileSync(
    path.join(tmp, "protege.xlsx"),
    Buffer.concat([Buffer.from("d0cf11e0a1b11ae1", "hex"), Buffer.alloc(512)]),
  );
  // A damaged workbook: half of a real one.
  const real = fs.readFileSync(F2019);
  fs.writeFileSync(path.join(tmp, "abime.xlsx"), real.subarray(0, real.length >> 1));
  fs.writeFileSync(path.join(tmp, "texte.xlsx"), "Action;OPERATIONS\n");
  // A workbook with one empty sheet.
  const empty = new ExcelJS.Workbook();
  empty.addWorksheet("Feuil1");
  await empty.xlsx.writeFile(path.join(tmp, "vide.xlsx"));
  // Formulas: one with a cached result, one without.
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Programmation 2021");
  ws.addRow(["Programmation PLIE 2021"]);
  ws.addRow(GROUP);
  ws.addRow(HEADER);
  ws.addRow(["422C", "Portage", "MILO", 1, 50000, 0, 25000, 0, { formula: "E4/2", result: 25000 }, null, 0, 50000]);
  ws.addRow(["422C", "Atelier", "IRFA", 1, 45000, 0, 25000, 0, { formula: "E5-G5" }, null, 0, 45000]);
  ws.addRow([
    "422C",
    "Relooking",
    "X",
    1,
    45000,
    { formula: "1/0", result: { error: "#DIV/0!" } },
    22500,
    0,
    22500,
    null,
    0,
    45000,
  ]);
  await wb.xlsx.writeFile(path.join(tmp, "formules.xlsx"));
  // A header merged over two FSE columns, and a second sheet.
  const merged = new ExcelJS.Workbook();
  const m = merged.addWorksheet("Programmation 2023");
  m.addRow(["Programmation PLIE 2023"]);
  m.addRow(GROUP);
  m.addRow(HEADER.map((h, i) => (i === 8 ? null : i === 7 ? "Etat - FSE" : h)));
  m.mergeCells("H3:I3");
  m.addRow(["422C", "Portage", "MILO", 1, 50000, 0, 25000, 10000, 15000, null, 0, 50000]);
  merged.addWorksheet("Notes").addRow(["Compte rendu"]);
  await merged.xlsx.writeFile(path.join(tmp, "fusion.xlsx"));
});

describe("plie-check", () => {
  it("prints the French report of 2019 and exits 0", async () => {
    const r = await run(F2019);
    expect(r.code).toBe(0);
    expect(r.err).toBe("");
    expect(r.out).toContain("== Feuille «\u00a0Programmation 2019\u00a0» — année 2019 ==");
    expect(r.out).toContain(
      "Tableau 1 (principal), lignes 4–15\u00a0: 12 opérations, 12 projets, 0 lettre de commande",
    );
    expect(r.out).toContain("Tableau 2 (clauses), lignes 21–21\u00a0: 1 opération, 1 projet, 0 lettre de commande");
    expect(r.out).toContain("Anomalies\u00a0: 0 erreur, 1 avertissement, 3 informations");
    expect(r.out).toContain("[avertissement] M16 SUMMARY_ROW_SHIFTED");
    expect(r.out).toMatch(/FSE +557\u202f250,11\u00a0€ +600\u202f000,00\u00a0€ +42\u202f749,89\u00a0€/);
    expect(r.out).toContain("== Financeurs × années ==");
  });

  it("exits 1 on 2015 and names every failing line with its cell", async () => {
    const r = await run(F2015);
    expect(r.code).toBe(1);
    expect(r.out).toContain("Anomalies\u00a0: 10 erreurs, 0 avertissement, 0 information");
    expect(r.out).toContain(
      "[erreur] M12 FSE_RATE_ABOVE_CAP\u00a0: Taux FSE de 60,02\u00a0% au-dessus du plafond de 50,00\u00a0% : 99\u202f347,50\u00a0€ de FSE pour 165\u202f513,75\u00a0€ de dépenses ; FSE maximal 82\u202f756,87\u00a0€ (excédent 16\u202f590,63\u00a0€).",
    );
    expect(r.out).toContain("[erreur] E21 TOTAL_ROW_MISMATCH");
  });

  it("prints the JSON shape with euros and fractions", async () => {
    const { code, doc } = await json(F2015, F2019);
    expect(code).toBe(1);
    expect(doc.files.map((f: { file: string }) => path.basename(f.file))).toEqual([
      "programmation-2015.xlsx",
      "programmation-2019.xlsx",
    ]);
    const s15 = doc.files[0].sheets[0];
    expect(s15).toMatchObject({ sheet: "Programmation 2015", year: 2015 });
    const failing = s15.tables[0].lines.filter((l: { findings: unknown[] }) => l.findings.length > 0);
    expect(failing.map((l: { row: number }) => l.row)).toEqual([5, 6, 11, 12, 14, 15, 16, 17, 19]);
    expect(failing[0]).toMatchObject({
      row: 5,
      action: "322D",
      operation: "Clauses PLIE facilitateur",
      operator: "PLIE",
      totalCost: 34542.69,
      fse: 20844.62,
      fseRate: 0.6034,
      classification: "lettre_de_commande",
      host: "animation",
      suggestions: { maxFse: 17271.34, fseShortfall: null, minTotalCost: 40000 },
    });
    expect(failing[0].findings).toEqual([
      expect.objectContaining({
        code: "FSE_RATE_ABOVE_CAP",
        cell: "L5",
        severity: "error",
      }),
    ]);
    expect(failing[0].findings[0].figures).toMatchObject({
      fse: 20844.62,
      maxFse: 17271.34,
      excess: 3573.28,
      rate: 0.6034,
      capRate: 0.5,
    });
    expect(failing[0].findings[0].message).toMatch(/^Taux FSE de 60,34/);
    expect(s15.tables[0].findings.map((f: { code: string; cell: string }) => [f.code, f.cell])).toEqual([
      ["TOTAL_ROW_MISMATCH", "E21"],
    ]);
    expect(s15.tables[0].totals.byFinancer.fse).toBe(577616.22);
    expect(s15.totals).toMatchObject({ totalCost: 1158459.59, fseRate: 0.4986 });
    const s19 = doc.files[1].sheets[0];
    expect(s19.budget.fse).toBe(600000);
    expect(s19.underProgramming.fse).toBe(42749.89);
    expect(s19.tables[1].lines[0]).toMatchObject({ row: 21, classification: "projet", host: null, fse: 24125 });
    expect(doc.byFinancerAndYear.fse).toEqual({ "2015": 577616.22, "2019": 557250.11 });
    expect(doc.byFinancerAndYear.dijon_metropole).toEqual({ "2015": 200000, "2019": 210000 });
    expect(doc.fseShareByYear).toEqual({ "2015": 0.4986, "2019": 0.47 });
  });

  it("applies --floor, --cap and --strict-floor", async () => {
    const strict = (await json("--strict-floor", F2019)).doc.files[0].sheets[0];
    const longvic = strict.tables[0].lines.find((l: { row: number }) => l.row === 7);
    expect(longvic).toMatchObject({ fse: 20000, classification: "lettre_de_commande" });
    expect(longvic?.findings.map((f: { code: string }) => f.code)).toEqual(["FSE_BELOW_FLOOR"]);
    const cap60 = (await json("--cap", "60", F2015)).doc;
    expect(cap60.rules).toEqual({ floor: 20000, floorStrict: false, cap: 0.6 });
    expect(cap60.files[0].sheets[0].counts).toEqual({ lines: 17, projet: 12, lettre_de_commande: 5, undetermined: 0 });
    const floor25 = (await json("--floor", "25 000", F2019)).doc.files[0].sheets[0];
    expect(floor25.counts.lettre_de_commande).toBe(5);
  });

  it("takes a user's financer aliases with --alias", async () => {
    const file = path.join(tmp, "alias.xlsx");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Programmation 2022");
    ws.addRow(["Programmation PLIE 2022"]);
    ws.addRow(GROUP);
    ws.addRow(HEADER.map((h) => (h === "Collectivité - Conseil Départemental" ? "Fondation Solidarité" : h)));
    ws.addRow(["422C", "Portage", "MILO", 1, 50000, 5000, 20000, 0, 25000, null, 0, 50000]);
    await wb.xlsx.writeFile(file);
    const without = (await json(file)).doc.files[0].sheets[0];
    expect(without.tables[0].findings.map((f: { code: string }) => f.code)).toEqual(["UNKNOWN_COLUMN"]);
    expect(without.tables[0].lines[0].findings.map((f: { code: string }) => f.code)).toEqual(["UNBALANCED"]);
    const withAlias = await json("--alias", "Fondation Solidarité=fonds_prives", file);
    expect(withAlias.code).toBe(0);
    expect(withAlias.doc.files[0].sheets[0].totals.byFinancer.fonds_prives).toBe(5000);
    const bad = await run("--alias", "Fondation=banque", file);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("--alias");
  });

  it("adds the multi-year synthesis with --synthese", async () => {
    const { doc } = await json("--synthese", F2015, F2019);
    expect(doc.synthese.byFinancerAndYear.fse).toEqual({ "2015": 577616.22, "2019": 557250.11 });
    expect(doc.synthese.byCategoryAndYear.animation).toEqual({ "2015": 179408.51, "2019": 290727.2 });
    expect(doc.synthese.byCategoryAndYear.clauses).toEqual({ "2015": 34542.69, "2019": 49469.73 });
    expect(doc.synthese.changeByFinancerAndYear.fse).toEqual({ "2015": null, "2019": -20366.11 });
    expect(doc.synthese.changeByCategoryAndYear.animation).toEqual({ "2015": null, "2019": 111318.69 });
    expect(doc.synthese.changeByCategoryAndYear.actions).toEqual({ "2015": null, "2019": -194859.59 });
    expect(doc.synthese.fseShareByCategoryAndYear.clauses).toEqual({ "2015": 0.6034, "2019": 0.4877 });
    const text = (await run("--synthese", F2015, F2019)).out;
    expect(text).toMatch(
      /Portage de référents \+ poste de chargé\(e\) de mission +609\u202f964,80\u00a0€ +561\u202f332,00\u00a0€/,
    );
    expect((await json(F2019)).doc.synthese).toBeUndefined();
  });

  it("takes a named rule profile with --profil, under explicit thresholds", async () => {
    const plus = (await json("--profil", "FSE+ 2021–2027, Côte-d'Or", F2015)).doc;
    expect(plus.rules).toEqual({ floor: 20000, floorStrict: false, cap: 0.6 });
    expect(plus.files[0].sheets[0].counts).toMatchObject({ projet: 12, lettre_de_commande: 5 });
    const tighter = (await json("--profil", "fse-plus-2021-2027-cote-dor", "--cap", "50", F2015)).doc;
    expect(tighter.rules.cap).toBe(0.5);
    const bad = await run("--profil", "inconnu", F2015);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("profil inconnu : inconnu (connus : plie-dijon-2015-2019");
  });

  it("lists the order letters with their quotes and procurement warnings", async () => {
    const { doc } = await json(F2015);
    const p = doc.files[0].procurement;
    expect(p.letters.map((l: { row: number }) => l.row)).toEqual([11, 12, 14, 15, 16, 17, 19]);
    // The PLIE's own lines are folded into their host project, with no quotes and no procurement warning.
    expect(p.ownLines.map((l: { row: number; operator: string; host: string }) => [l.row, l.operator, l.host])).toEqual(
      [
        [5, "PLIE", "animation"],
        [6, "PLIE", "assistance"],
      ],
    );
    expect(p.letters.find((l: { row: number }) => l.row === 12)).toMatchObject({
      operator: "IRFA",
      amount: 165513.75,
      threshold: 40000,
      aboveThreshold: true,
      quotes: 3,
    });
    expect(p.warnings.map((w: { code: string; cell: string }) => [w.code, w.cell])).toEqual([
      ["LETTER_ABOVE_THRESHOLD", "E11"],
      ["LETTER_ABOVE_THRESHOLD", "E12"],
      ["LETTER_ABOVE_THRESHOLD", "E14"],
      ["LETTER_ABOVE_THRESHOLD", "E15"],
      ["LETTER_ABOVE_THRESHOLD", "E17"],
    ]);
    expect((await json(F2019)).doc.files[0].procurement).toEqual({
      quotes: 3,
      letters: [],
      ownLines: [],
      warnings: [],
    });
  });

  it("simulates the FSE envelope with --optimiser, from the BUDGET row or a given amount", async () => {
    const o = (await json("--optimiser", F2019)).doc.files[0].sheets[0].optimiser;
    expect(o).toMatchObject({ envelope: 600000, programmed: 557250.11, proposed: 569501.11 });
    expect(o.lines.find((l: { row: number }) => l.row === 14)).toMatchObject({
      sheet: "Programmation 2019",
      row: 14,
      fse: 26184,
      proposedFse: 35592,
    });
    const tight = (await json("--optimiser", "560 000", F2019)).doc.files[0].sheets[0].optimiser;
    expect(tight).toMatchObject({ envelope: 560000, proposed: 560000 });
    const text = (await run("--optimiser", F2019)).out;
    expect(text).toContain("FSE proposé\u00a0: 569\u202f501,11\u00a0€ (+12\u202f251,00\u00a0€)");
    expect((await json(F2019)).doc.files[0].sheets[0].optimiser).toBeUndefined();
  });

  it("takes the quotes, the procurement threshold and the user's categories", async () => {
    const p = (await json("--devis", "2", "--seuil", "80 000", F2015)).doc.files[0].procurement;
    expect(p.quotes).toBe(2);
    expect(
      p.letters.filter((l: { aboveThreshold: boolean }) => l.aboveThreshold).map((l: { row: number }) => l.row),
    ).toEqual([12]);
    expect(p.warnings.map((w: { code: string }) => w.code)).toContain("SUPPLIER_SPLIT_ABOVE_THRESHOLD");
    const s = (await json("--synthese", "--categorie", "Remédiation=assistance", F2015)).doc.synthese;
    expect(s.byCategoryAndYear.assistance).toEqual({ "2015": 30000 });
    expect((await run("--devis", "4", F2015)).code).toBe(2);
    expect((await run("--categorie", "x=divers", F2015)).err).toContain("--categorie");
  });

  it("speaks English with --lang en", async () => {
    const r = await run("--lang", "en", F2015);
    expect(r.out).toContain("Findings: 10 errors, 0 warnings, 0 notes");
    expect(r.out).toContain("[error] L16 FSE_BELOW_FLOOR: ESF of €0.00 below the €20,000.00 floor");
    const j = (await json("--lang", "en", F2015)).doc;
    expect(j.files[0].sheets[0].tables[0].findings[0].message).toBe(
      "TOTAL row, column “Dépenses totales”: printed €1,158,459.58, computed €1,158,459.59 (difference -€0.01).",
    );
  });

  it("reads formula cells by their cached result and reports those without one", async () => {
    const { code, doc } = await json(path.join(tmp, "formules.xlsx"));
    expect(code).toBe(1);
    const lines = doc.files[0].sheets[0].tables[0].lines;
    expect(lines[0]).toMatchObject({ fse: 25000, classification: "projet" });
    expect(lines[1].classification).toBeNull();
    expect(lines[1].findings[0]).toMatchObject({
      code: "FORMULA_WITHOUT_VALUE",
      cell: "I5",
      figures: { formula: "=E5-G5" },
    });
    expect(lines[1].findings[0].message).toContain("recalculez");
    expect(lines[2].findings.map((f: { code: string; cell: string }) => [f.code, f.cell])).toEqual([
      ["INVALID_AMOUNT", "F6"],
    ]);
    expect(lines[2].classification).toBe("projet"); // its FSE is readable
  });

  it("reads merged header cells from the workbook", async () => {
    const grids = await readWorkbook(path.join(tmp, "fusion.xlsx"));
    expect(grids.map((g) => [g.name, g.merges])).toEqual([
      ["Programmation 2023", ["H3:I3"]],
      ["Notes", []],
    ]);
    const { code, doc } = await json(path.join(tmp, "fusion.xlsx"));
    expect(code).toBe(0);
    expect(doc.files[0].sheets[0].tables[0].lines[0]).toMatchObject({
      fse: 25000,
      classification: "projet",
      findings: [],
    });
    expect(doc.files[0].skippedSheets).toEqual(["Notes"]);
    const fixture = await readWorkbook(F2019);
    expect(fixture[0].merges).toEqual(["A2:E2", "F2:L2", "M2:O2", "A19:E19", "F19:L19", "M19:O19"]);
  });

  it("says so when a workbook has no programming sheet", async () => {
    const r = await run(path.join(tmp, "vide.xlsx"));
    expect(r.code).toBe(0);
    expect(r.out).toContain("Aucune feuille de programmation dans ce classeur.");
    expect(r.out).toContain("Feuilles sans tableau de programmation\u00a0: Feuil1");
  });

  it.each([
    ["protege.xlsx", "fichier protégé par mot de passe ou au format .xls"],
    ["abime.xlsx", "classeur .xlsx endommagé"],
    ["texte.xlsx", "ce n'est pas un classeur .xlsx"],
    ["absent.xlsx", "fichier introuvable ou inaccessible"],
  ])("exits 2 with a clear message on %s, and still checks the other files", async (name, message) => {
    const r = await run(path.join(tmp, name), F2019);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`plie-check: Fichier illisible ${path.join(tmp, name)}\u00a0: ${message}`);
    expect(r.out).toContain("Programmation 2019");
    // The report says it too, in the file's place; the JSON gives it as the file's error.
    expect(r.out).toContain(`Fichier\u00a0: ${path.join(tmp, name)}\n  Fichier illisible\u00a0: ${message}`);
    const { code, doc } = await json(path.join(tmp, name), F2019);
    expect(code).toBe(2);
    expect(
      doc.files.map((f: { file: string; error?: { code: string; message: string } }) => [
        f.file,
        f.error?.code ?? null,
      ]),
    ).toEqual([
      [path.join(tmp, name), "unreadable"],
      [F2019, null],
    ]);
    expect(doc.files[0].error.message).toContain(message);
  });

  it.each([[[]], [["--cap", "abc", "x.xlsx"]], [["--floor"]], [["--bogus", "x.xlsx"]], [["--lang", "de", "x.xlsx"]]])(
    "exits 2 on bad usage %j",
    async (argv) => {
      const r = await run(...argv);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^plie-check: /);
    },
  );

  it("runs as the package bin", async () => {
    // bin/plie-check.js beside the CLI compiled as `npm run build:cli` compiles it.
    const bin = path.join((await buildCli()).dir, "bin/plie-check.js");
    const p = spawnSync(process.execPath, [bin, "--json", F2015], { encoding: "utf8" });
    expect(p.status).toBe(1);
    expect(parseReport(p.stdout).byFinancerAndYear.fse).toEqual({ "2015": 577616.22 });
    const help = spawnSync(process.execPath, [bin, "--help"], { encoding: "utf8" });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage : plie-check/);
  }, 120_000);
});
