import * as path from "path";
import { describe, expect, it } from "vitest";
import { readWorkbook } from "../src/cli/read";
import { analyseWorkbook } from "../src/sheet/workbook";
import { parseAliasLines } from "../src/taskpane/controller";
import { paneModel } from "../src/taskpane/model";
import { langOf } from "../src/taskpane/strings";

const FIXTURES = path.resolve(__dirname, "../../shared/fixtures");

async function sheets(year: number) {
  return analyseWorkbook(await readWorkbook(path.join(FIXTURES, `programmation-${year}.xlsx`))).sheets;
}

describe("task pane model", () => {
  it("counts and lists the 2015 findings in French, with their cells", async () => {
    const m = paneModel(await sheets(2015), "fr");
    expect(m.counts).toMatchObject({
      sheets: 1,
      lines: 17,
      projects: 8,
      letters: 9,
      undetermined: 0,
      error: 10,
      warning: 0,
      info: 0,
    });
    expect(m.findings.map((f) => f.cell)).toEqual(["L5", "L6", "M11", "M12", "M14", "M15", "L16", "M17", "L19", "E21"]);
    expect(m.findings[0]).toMatchObject({
      sheet: "Programmation 2015",
      severity: "error",
      severityLabel: "erreur",
      code: "FSE_RATE_ABOVE_CAP",
    });
    expect(m.findings[0].message).toMatch(/^Taux FSE de 60,34/);
    const s = m.sheets[0];
    expect(s.projects.map((p) => p.row)).toEqual([4, 7, 8, 9, 10, 13, 18, 20]);
    expect(s.hosts.map((g) => [g.label, g.hostRow, g.letters.length, g.total])).toEqual([
      ["Animation du PLIE", 4, 1, "213\u202f951,20\u00a0€"],
      ["Assistance, accompagnement et formation aux participants", null, 8, "518\u202f518,38\u00a0€"],
    ]);
    expect(s.financers.find((f) => f.financer === "FSE")).toEqual({
      financer: "FSE",
      programmed: "577\u202f616,22\u00a0€",
      budget: "577\u202f616,22\u00a0€",
      under: "0,00\u00a0€",
      over: false,
      programmedCents: 57761622,
      budgetCents: 57761622,
    });
  });

  it("shows 2019 in English with its budget and the financer × year table", async () => {
    const m = paneModel(await sheets(2019), "en");
    expect(m.counts).toMatchObject({ lines: 13, projects: 13, letters: 0, error: 0, warning: 1, info: 3 });
    expect(m.findings.map((f) => [f.cell, f.severityLabel])).toEqual([
      ["L16", "info"],
      ["M16", "warning"],
      ["L17", "info"],
      ["L23", "info"],
    ]);
    // The sheet's own headers: two FSE columns, "FSE - CD21" and "Etat - FSE".
    expect(m.sheets[0].financers.map((f) => f.financer)).toEqual([
      "Conseil Départemental",
      "Dijon Métropole + Grand Dijon",
      "Conseil Régional",
      "Ville de Dijon",
      "Communes",
      "Fonds privés / Publics + Fonds privés",
      "Autofinancement / App Nature",
      "FSE - CD21 + FSE",
    ]);
    expect(m.sheets[0].financers.find((f) => f.financer === "FSE - CD21 + FSE")).toMatchObject({
      programmed: "€557,250.11",
      budget: "€600,000.00",
      under: "€42,749.89",
    });
    expect(m.cross.years).toEqual(["2019"]);
    expect(m.cross.rows.find((r) => r.financer === "FSE - CD21 + FSE")!.values).toEqual(["€557,250.11"]);
  });

  it("reads alias lines and says which do not read", () => {
    expect(
      parseAliasLines("Fondation X = fonds_prives\n\n  Région BFC=conseil_regional \nrien\nBanque = banque"),
    ).toEqual({
      aliases: [
        { header: "Fondation X", financer: "fonds_prives" },
        { header: "Région BFC", financer: "conseil_regional" },
      ],
      problems: ["rien", "Banque = banque"],
    });
  });

  it("speaks French unless Office is in English", () => {
    expect(langOf("fr-FR")).toBe("fr");
    expect(langOf("en-US")).toBe("en");
    expect(langOf("de-DE")).toBe("fr");
    expect(langOf(undefined)).toBe("fr");
  });
});

describe("task pane model: FSE requested", () => {
  it("shows the requested FSE beside the programmed FSE, never in it", async () => {
    const { analyseWorkbook } = await import("../src/sheet/workbook");
    const r = analyseWorkbook([
      {
        name: "Prog 2023",
        values: [
          ["Opération", "Opérateur", "Coût total", "FSE sollicité", "FSE retenu", "Département"],
          ["Référents", "Mission locale", 100000, 50000, 45000, 55000],
          ["Atelier", "CESAM", 60000, 25000, 30000, 30000],
        ],
      },
    ]);
    const m = paneModel(r.sheets, "fr");
    expect(m.sheets[0].fseRequested).toBe("75\u202f000,00\u00a0€");
    expect(m.sheets[0].financers.map((f) => [f.financer, f.programmed])).toEqual([
      ["Département", "85\u202f000,00\u00a0€"],
      ["FSE retenu", "75\u202f000,00\u00a0€"],
    ]);
    expect(paneModel(await sheets(2019), "fr").sheets[0].fseRequested).toBeNull();
  });
});
