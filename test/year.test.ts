import { describe, expect, it } from "vitest";
import { sheetYear, yearOfHeader } from "../src/sheet/year";

const codes = (r: ReturnType<typeof sheetYear>) =>
  r.findings.map((f) => [f.code, f.data.year ?? null, f.data.otherYear ?? null]);

describe("the year of a sheet", () => {
  it("takes an explicit year of the title", () => {
    expect(sheetYear(["Programmation PLIE 2019"], "Programmation 2019")).toMatchObject({
      year: 2019,
      source: "title",
      findings: [],
    });
    expect(sheetYear(["Exercice 2023"], "Feuil1")).toMatchObject({ year: 2023, source: "title", findings: [] });
    expect(sheetYear(["BP 2024 du PLIE"], "Feuil1")).toMatchObject({ year: 2024, source: "title" });
  });

  it("takes the sheet's name when the title has no year", () => {
    expect(sheetYear(["Tableau de programmation"], "Prog 2023")).toMatchObject({
      year: 2023,
      source: "sheet_name",
      findings: [],
    });
    expect(sheetYear([], "2022")).toMatchObject({ year: 2022, source: "sheet_name" });
  });

  it("never takes a period or a date for the year", () => {
    const p = sheetYear(["Programme FSE+ 2021-2027"], "Feuil1");
    expect(p.year).toBeNull();
    expect(p.findings.map((f) => [f.code, f.data.text])).toEqual([["YEAR_UNKNOWN", "Programme FSE+ 2021-2027"]]);
    expect(sheetYear(["Mis à jour le 05/12/2022"], "Feuil1").year).toBeNull();
    expect(sheetYear(["Programmation 2021-27"], "Feuil1").year).toBeNull();
  });

  it("prefers the explicit year to a period or a date, and says when they disagree", () => {
    expect(sheetYear(["Exercice 2023 (programme 2021-2027)"], "x")).toMatchObject({ year: 2023, findings: [] });
    expect(sheetYear(["Programmation 2023", "Mis à jour le 05/12/2022"], "x")).toMatchObject({
      year: 2023,
      findings: [],
    });
    expect(codes(sheetYear(["Mis à jour le 5 décembre 2020", "Programmation 2023"], "x"))).toEqual([
      ["YEAR_CONFLICT", 2023, 2020],
    ]);
    expect(codes(sheetYear(["Programmation 2023"], "Prog 2022"))).toEqual([["YEAR_CONFLICT", 2023, 2022]]);
    expect(codes(sheetYear(["Programmation 2028 (FSE+ 2021-2027)"], "x"))).toEqual([
      ["YEAR_CONFLICT", 2028, "2021–2027"],
    ]);
  });

  it("takes a lone year of the title last", () => {
    expect(sheetYear(["PLIE 2019"], "Feuil1")).toMatchObject({ year: 2019, source: "title" });
    expect(sheetYear(["PLIE 2019"], "Prog 2020")).toMatchObject({ year: 2020, source: "sheet_name" });
  });

  it("reads a year in a column's header or group", () => {
    expect(yearOfHeader("Coût total 2022")).toBe(2022);
    expect(yearOfHeader("2023")).toBe(2023);
    expect(yearOfHeader("Programmation 2023")).toBe(2023);
    expect(yearOfHeader("FSE")).toBeNull();
    expect(yearOfHeader("FSE+ 2021-2027")).toBeNull();
  });
});
