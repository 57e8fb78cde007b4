import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";
import { CATEGORIES, categoryFinder, categoryOf, type Category } from "../src/domain/categories";
import type { SheetResult } from "../src/domain/check";
import { categorisedLines, synthesis, type Synthesis } from "../src/domain/synthesis";
import { financerYearTable, UNKNOWN_YEAR } from "../src/domain/totals";
import { readWorkbook } from "../src/cli/read";
import { CATEGORY_LABELS, synthesisJson, synthesisText } from "../src/report/synthesis";
import { analyseSheet, analyseWorkbook } from "../src/sheet/workbook";
import { balanced, sheet as grid } from "./helpers";

const FIXTURES = path.resolve(__dirname, "../../shared/fixtures");

async function fixture(year: number): Promise<SheetResult[]> {
  return analyseWorkbook(await readWorkbook(path.join(FIXTURES, `programmation-${year}.xlsx`))).sheets;
}

describe("categories from the action code and the operation's words", () => {
  it.each<[string, string, Category]>([
    ["422B", "Service PLIE (Partie Animation)", "animation"],
    ["OS3-422B", "OS3 Service PLIE (Partie Animation)", "animation"],
    ["422 b", "Fonctionnement", "animation"],
    ["", "Animation du PLIE", "animation"],
    ["", "Analyse de la pratique des référents", "animation"],
    ["422D", "OS1_Projet d'assistance, d'accompagnement et de formations aux participants", "assistance"],
    ["", "Projet d'assistance aux personnes", "assistance"],
    ["322D", "Clauses PLIE facilitateur", "clauses"],
    ["", "CLAUSES PLIE-FACILITATEURS", "clauses"],
    ["OS1-422C", "OS1_Portage de Référents", "referents"],
    ["422D", "Portage de Référents", "referents"],
    ["", "Portage de deux postes de référent", "referents"],
    ["OS1-422C", "OS1_Chargé de mission emploi PLIE", "referents"],
    ["", "Chargée de mission emploi-formation", "referents"],
    ["422C", "Remédiation linguistique Technique et professionnelle", "actions"],
    ["422C", "Accomp. Clauses Insertion", "actions"],
    ["322C", "OS1_Accomp. Clauses insertion", "actions"],
    ["422C", "Coordination vers l'emploi et travail sur les représentations", "actions"],
    ["422C", "Enveloppe souple (hôtellerie restauration participants)", "actions"],
    ["422C", "chantier métiers du négoce", "actions"],
    ["OS1-422C", "OS1_estime de soi à destination des femmes", "actions"],
  ])("%s %s → %s", (action, operation, expected) => {
    expect(categoryOf(action, operation)).toBe(expected);
  });

  it("puts unknown words and blank cells in actions", () => {
    expect(categoryOf("ZZ9", "Atelier xyz inconnu")).toBe("actions");
    expect(categoryOf("", "")).toBe("actions");
  });

  it("tries the user's overrides first, in their order", () => {
    const overrides = [
      { match: "COORDINATION vers l’emploi", category: "animation" as const },
      { match: "Portage", category: "assistance" as const },
      { match: "portage de référents", category: "actions" as const },
      { match: "322c", category: "clauses" as const },
    ];
    expect(categoryOf("422C", "Coordination vers l'emploi et travail sur les représentations", overrides)).toBe(
      "animation",
    );
    // Overrides beat the referent words, and the first matching one wins.
    expect(categoryOf("OS1-422C", "OS1_Portage de Référents", overrides)).toBe("assistance");
    // An action code matches when equal (case and spaces aside), not when merely contained.
    expect(categoryOf("322 C", "OS1_Accomp. Clauses insertion", overrides)).toBe("clauses");
    expect(categoryOf("OS1-322C", "OS1_Accomp. Clauses insertion", overrides)).toBe("actions");
    // A blank match is ignored; the built-in rules still apply behind the overrides.
    expect(categoryOf("422B", "Service PLIE", [{ match: " ", category: "actions" }])).toBe("animation");
    // Nothing leaks into the default rules.
    expect(categoryOf("422C", "Coordination vers l'emploi et travail sur les représentations")).toBe("actions");
  });

  it("answers repeated lines from its cache, per finder", () => {
    const a = categoryFinder([{ match: "chantier", category: "assistance" }]);
    const b = categoryFinder();
    for (let k = 0; k < 3; k++) {
      expect(a("422C", "chantier métiers du négoce")).toBe("assistance");
      expect(b("422C", "chantier métiers du négoce")).toBe("actions");
    }
  });
});

/** Category of every operation line of the fixtures, by sheet row. */
const LINES_2015: [number, string, string, Category][] = [
  [4, "422B", "Service PLIE (Partie Animation)", "animation"],
  [5, "322D", "Clauses PLIE facilitateur", "clauses"],
  [6, "422D", "Portage de Référents", "referents"], // PLIE (GIP MDEF's own referent post)
  [7, "422C", "Portage de Référents", "referents"], // TALANT
  [8, "422C", "Portage de Référents", "referents"], // QUETIGNY
  [9, "422C", "Portage de Référents", "referents"], // CHENOVE
  [10, "422C", "Portage de Référents", "referents"], // LONGVIC
  [11, "422C", "Portage de Référents", "referents"], // IFPA
  [12, "422C", "Portage de Référents", "referents"], // IRFA
  [13, "422C", "Portage de Référents", "referents"], // MILO
  [14, "422C", "Portage de Référents", "referents"], // APSALC
  [15, "422C", "Portage de Référents", "referents"], // CESAM
  [16, "422C", "Remédiation linguistique Technique et professionnelle", "actions"],
  [17, "422C", "Accomp. Clauses Insertion", "actions"], // ARIQ BTP
  [18, "422C", "Coordination vers l'emploi et travail sur les représentations", "actions"],
  [19, "422C", "Enveloppe souple (hôtellerie restauration participants)", "actions"],
  [20, "422C", "chantier métiers du négoce", "actions"], // ETHICOFIL
];
const LINES_2019: [number, string, string, Category][] = [
  [4, "422B", "OS3 Service PLIE (Partie Animation)", "animation"],
  [5, "422D", "OS1_Projet d'assistance, d'accompagnement et de formations aux participants", "assistance"],
  [6, "OS1-422C", "OS1_Portage de Référents", "referents"], // Ville de QUETIGNY
  [7, "OS1-422C", "OS1_Portage de Référents", "referents"], // Ville de LONGVIC
  [8, "OS1-422C", "OS1_Portage de Référents", "referents"], // IFPA
  [9, "OS1-422C", "OS1_Portage de Référents", "referents"], // IRFA
  [10, "OS1-422C", "OS1_Chargé de mission emploi PLIE", "referents"], // IRFA
  [11, "OS1-422C", "OS1_Portage de Référents", "referents"], // APSALC
  [12, "OS1-422C", "OS1_Portage de Référents", "referents"], // CESAM
  [13, "OS1-422C", "OS1_Portage de Référents", "referents"], // MILO
  [14, "OS1-422C", "OS1_estime de soi à destination des femmes", "actions"], // AMIS MOTS
  [15, "322C", "OS1_Accomp. Clauses insertion", "actions"], // ARIQ BTP
  [21, "322D", "OS2_Clauses PLIE facilitateur", "clauses"], // second table
];

describe("synthesis of the 2015 and 2019 programmings", () => {
  let sheets: SheetResult[];
  let s: Synthesis;

  beforeAll(async () => {
    sheets = [...(await fixture(2015)), ...(await fixture(2019))];
    s = synthesis(sheets);
  });

  it("gives every fixture line its category", () => {
    const lines = categorisedLines(sheets);
    const got = (year: string) =>
      lines.filter((l) => l.year === year).map((l) => [l.row, l.action, l.operation, l.category]);
    expect(got("2015")).toEqual(LINES_2015);
    expect(got("2019")).toEqual(LINES_2019);
    expect(lines.filter((l) => l.year === "2019" && l.table === 1).map((l) => l.row)).toEqual([21]);
  });

  it("sums Dépenses totales per category and year, to the cent", () => {
    expect(s.years).toEqual(["2015", "2019"]);
    expect(s.categories).toEqual(CATEGORIES);
    expect(s.byCategoryAndYear).toEqual({
      // The report's table (rounded to the euro, "Détail de la programmation
      // du PLIE par grands postes de dépenses") agrees with the 2015 sums:
      // animation 179 408, clauses 34 542, referents 609 965, actions 334 543,
      // no assistance project yet; its total 1 158 458 is about 1 € off.
      // For 2019 only clauses (49 470) agree; its other 2019 figures come from
      // the last COPIL version of the year (animation 280 331, assistance
      // 154 108, referents 665 275, actions 139 624), not this sheet.
      animation: { "2015": 17940851, "2019": 29072720 },
      assistance: { "2015": 0, "2019": 14443253 },
      clauses: { "2015": 3454269, "2019": 4946973 },
      referents: { "2015": 60996480, "2019": 56133200 },
      actions: { "2015": 33454359, "2019": 13968400 },
    });
    expect(s.lineCountByCategoryAndYear).toEqual({
      animation: { "2015": 1, "2019": 1 },
      assistance: { "2015": 0, "2019": 1 },
      clauses: { "2015": 1, "2019": 1 },
      referents: { "2015": 10, "2019": 8 },
      actions: { "2015": 5, "2019": 2 },
    });
    // The categories add up to the sheets' Dépenses totales.
    expect(s.totalCostByYear).toEqual({ "2015": 115845959, "2019": 118564546 });
    expect(s.totalCostByYear).toEqual(financerYearTable(sheets).totalCostByYear);
    expect(s.totalByCategory.referents).toBe(60996480 + 56133200);
  });

  it("sums the FSE of each category per year", () => {
    expect(s.fseByCategoryAndYear).toEqual({
      animation: { "2015": 8944200, "2019": 12910356 },
      assistance: { "2015": 0, "2019": 6576455 },
      clauses: { "2015": 2084462, "2019": 2412500 },
      referents: { "2015": 33897416, "2019": 27782300 },
      actions: { "2015": 12835544, "2019": 6043400 },
    });
    for (const y of s.years) {
      const fse = CATEGORIES.reduce((a, c) => a + s.fseByCategoryAndYear[c][y], 0);
      expect(fse).toBe(s.financers.byFinancerAndYear.fse![y]);
    }
    expect(s.financers.byFinancerAndYear.fse).toEqual({ "2015": 57761622, "2019": 55725011 });
  });

  it("gives the FSE share per year", () => {
    expect(s.financers.fseShareByYear).toEqual({ "2015": 0.4986, "2019": 0.47 });
  });

  it("gives each financer's change from 2015 to 2019, nothing for the first year", () => {
    const change = (id: keyof Synthesis["changeByFinancerAndYear"]) => s.changeByFinancerAndYear[id]!;
    for (const id of s.financers.financers) expect(change(id)["2015"]).toBeNull();
    expect(change("fse")["2019"]).toEqual({ previousYear: "2015", cents: 55725011 - 57761622, rate: -0.0353 });
    expect(change("dijon_metropole")["2019"]).toEqual({ previousYear: "2015", cents: 1000000, rate: 0.05 });
    expect(change("conseil_regional")["2019"]).toEqual({ previousYear: "2015", cents: -1657200, rate: -0.2 });
    expect(change("conseil_departemental")["2019"]).toEqual({ previousYear: "2015", cents: 0, rate: 0 });
    expect(change("ville_de_dijon")["2019"]).toEqual({ previousYear: "2015", cents: 0, rate: 0 });
    expect(change("communes")["2019"]).toEqual({ previousYear: "2015", cents: 1690100, rate: 0.2291 });
    expect(change("fonds_prives")["2019"]).toEqual({ previousYear: "2015", cents: -200000, rate: -1 });
    expect(change("autofinancement")["2019"]).toEqual({ previousYear: "2015", cents: 3922298, rate: 0.4035 });
    // No amount in 2015: no rate.
    expect(change("etat")["2019"]).toEqual({ previousYear: "2015", cents: 0, rate: null });
  });

  it("lets the user's overrides move lines between categories", () => {
    const moved = synthesis(sheets, {
      overrides: [
        { match: "Coordination vers l'emploi", category: "animation" },
        { match: "322C", category: "clauses" },
      ],
    });
    expect(moved.byCategoryAndYear.animation["2015"]).toBe(17940851 + 13485506);
    expect(moved.byCategoryAndYear.actions["2015"]).toBe(33454359 - 13485506);
    expect(moved.byCategoryAndYear.clauses["2019"]).toBe(4946973 + 6850000);
    expect(moved.byCategoryAndYear.actions["2019"]).toBe(7118400);
    expect(moved.totalCostByYear).toEqual(s.totalCostByYear);
  });

  it("writes the JSON in euros", () => {
    const j = synthesisJson(s);
    expect(j.byFinancerAndYear.fse).toEqual({ "2015": 577616.22, "2019": 557250.11 });
    expect(j.changeByFinancerAndYear.fse).toEqual({ "2015": null, "2019": -20366.11 });
    expect(j.changeByFinancerAndYear.conseil_regional).toEqual({ "2015": null, "2019": -16572 });
    expect(j.changeRateByFinancerAndYear.fse).toEqual({ "2015": null, "2019": -0.0353 });
    expect(j.fseShareByYear).toEqual({ "2015": 0.4986, "2019": 0.47 });
    expect(j.byCategoryAndYear.animation).toEqual({ "2015": 179408.51, "2019": 290727.2 });
    expect(j.byCategoryAndYear.assistance).toEqual({ "2015": 0, "2019": 144432.53 });
    expect(j.byCategoryAndYear.referents).toEqual({ "2015": 609964.8, "2019": 561332 });
    expect(j.fseByCategoryAndYear.clauses).toEqual({ "2015": 20844.62, "2019": 24125 });
    expect(Object.keys(j.byCategoryAndYear)).toEqual([...CATEGORIES]);
    expect(JSON.parse(JSON.stringify(j))).toEqual(j);
  });

  it("renders aligned tables in French and English", () => {
    const fr = synthesisText(s, "fr");
    const rows = fr.split("\n");
    const anim = rows.find((r) => r.includes("Animation du PLIE"))!;
    expect(anim).toContain("179\u202f408,51\u00a0€");
    expect(anim).toContain("290\u202f727,20\u00a0€");
    for (const c of CATEGORIES) expect(fr).toContain(CATEGORY_LABELS[c].fr);
    expect(fr).toContain("Portage de référents + poste de chargé(e) de mission");
    expect(fr).toContain("49,86\u00a0%");
    expect(rows.find((r) => r.trimStart().startsWith("FSE "))).toContain("-20\u202f366,11\u00a0€ (-3,53\u00a0%)");
    // Columns line up: each amount of a table ends at the same place.
    const table = rows.slice(1, 8);
    expect(new Set(table.map((r) => r.length)).size).toBe(1);
    const en = synthesisText(s, "en");
    expect(en).toContain("Actions for participants");
    expect(en).toContain("€334,543.59");
    expect(en).toContain("+€10,000.00 (+5.00%)");
  });
});

describe("a sheet without a year", () => {
  it("is kept under ? after the known years, with no change", async () => {
    const noYear = analyseSheet(
      grid([balanced("Portage de Référents", "X", 50000, 25000), balanced("Atelier inconnu", "Y", 10000, 0)], {
        name: "Feuil1",
        title: "Programmation PLIE",
      }),
    );
    expect(noYear.sheet.year).toBeNull();
    const s = synthesis([noYear, ...(await fixture(2019))]);
    expect(s.years).toEqual(["2019", UNKNOWN_YEAR]);
    expect(s.byCategoryAndYear.referents[UNKNOWN_YEAR]).toBe(5000000);
    expect(s.byCategoryAndYear.actions[UNKNOWN_YEAR]).toBe(1000000);
    expect(s.byCategoryAndYear.animation[UNKNOWN_YEAR]).toBe(0);
    expect(s.fseByCategoryAndYear.referents[UNKNOWN_YEAR]).toBe(2500000);
    expect(s.changeByFinancerAndYear.fse).toEqual({ "2019": null, [UNKNOWN_YEAR]: null });
    expect(synthesisJson(s).byCategoryAndYear.referents).toEqual({ "2019": 561332, "?": 50000 });
    expect(synthesisText(s, "fr")).toContain("?");
  });

  it("gives an empty synthesis for no sheet", () => {
    const s = synthesis([]);
    expect(s.years).toEqual([]);
    expect(s.byCategoryAndYear.animation).toEqual({});
    expect(synthesisJson(s).byFinancerAndYear).toEqual({});
    expect(synthesisText(s, "en")).toContain("Category");
  });
});
