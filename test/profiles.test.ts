import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";
import type { SheetResult } from "../src/domain/check";
import { asCents } from "../src/domain/money";
import { DEFAULT_PROFILE_ID, PROFILES, knownProfiles, profileById, profileByName } from "../src/domain/profiles";
import { DEFAULT_RULES, makeRules, minTotalCostForProject } from "../src/domain/rules";
import { readWorkbook } from "../src/cli/read";
import { analyseSheet, analyseWorkbook } from "../src/sheet/workbook";
import { balanced, sheet } from "./helpers";

const FIXTURE = path.resolve(__dirname, "../../shared/fixtures/programmation-2015.xlsx");
const IDS = ["plie-dijon-2015-2019", "fse-plus-2021-2027-cote-dor", "plancher-10000"];

function lines(s: SheetResult): [number, string | null][] {
  return s.tables.flatMap((t) => t.lines.map((l): [number, string | null] => [l.line.row, l.classification]));
}

describe("rule profiles: lookup", () => {
  it("knows three profiles, the PLIE's by default", () => {
    expect(knownProfiles()).toEqual([
      { id: "plie-dijon-2015-2019", name: "PLIE Dijon 2015–2019" },
      { id: "fse-plus-2021-2027-cote-dor", name: "FSE+ 2021–2027, Côte-d'Or" },
      { id: "plancher-10000", name: "Plancher 10 000 €" },
    ]);
    expect(DEFAULT_PROFILE_ID).toBe("plie-dijon-2015-2019");
    expect(profileById(DEFAULT_PROFILE_ID).profile!.rules).toEqual(DEFAULT_RULES);
  });

  it("finds a profile by its id", () => {
    for (const id of IDS) expect(profileById(id).profile!.id).toBe(id);
    expect(profileById(" plancher-10000 ").profile!.id).toBe("plancher-10000");
  });

  it("finds a profile by its name or id, whatever the case, accents, dashes and spaces", () => {
    const cases: [string, string][] = [
      ["PLIE Dijon 2015–2019", "plie-dijon-2015-2019"],
      ["plie dijon 2015-2019", "plie-dijon-2015-2019"],
      ["PLIE-DIJON-2015-2019", "plie-dijon-2015-2019"],
      ["FSE+ 2021–2027, Côte-d'Or", "fse-plus-2021-2027-cote-dor"],
      ["fse+ 2021-2027 cote d’or", "fse-plus-2021-2027-cote-dor"],
      ["fse-plus-2021-2027-cote-dor", "fse-plus-2021-2027-cote-dor"],
      ["FSE+ Côte-d'Or", "fse-plus-2021-2027-cote-dor"],
      ["Plancher 10 000 €", "plancher-10000"],
      ["plancher 10000", "plancher-10000"],
      ["PLANCHER-10000", "plancher-10000"],
    ];
    for (const [text, id] of cases) expect(profileByName(text).profile?.id, text).toBe(id);
  });

  it("an unknown profile is null, with the known ones", () => {
    for (const text of ["FSE 2014-2020", "", "   ", "plancher 20000"]) {
      const r = profileByName(text);
      expect(r.profile, text).toBeNull();
      expect(r.known.map((k) => k.id)).toEqual(IDS);
    }
    const r = profileById("PLIE Dijon 2015–2019");
    expect(r.profile).toBeNull();
    expect(r.known.map((k) => k.id)).toEqual(IDS);
  });
});

describe("rule profiles: rules", () => {
  it("gives each profile its rule set through makeRules", () => {
    const [plie, fsePlus, plancher] = IDS.map((id) => profileById(id).profile!.rules);
    expect(plie).toEqual(makeRules({ floorCents: asCents(2_000_000), floorStrict: false, capBasisPoints: 5000 }));
    expect(fsePlus).toEqual(makeRules({ floorCents: asCents(2_000_000), floorStrict: false, capBasisPoints: 6000 }));
    expect(plancher).toEqual(makeRules({ floorCents: asCents(1_000_000), floorStrict: false, capBasisPoints: 5000 }));
    expect(minTotalCostForProject(plie)).toBe(4_000_000);
    expect(minTotalCostForProject(fsePlus)).toBe(3_333_334);
    expect(minTotalCostForProject(plancher)).toBe(2_000_000);
    for (const p of PROFILES) expect(Object.isFrozen(p.rules)).toBe(true);
  });

  describe("on the 2015 programming", () => {
    let grids: Awaited<ReturnType<typeof readWorkbook>>;
    beforeAll(async () => {
      grids = await readWorkbook(FIXTURE);
    });
    const letters = (id: string) =>
      lines(analyseWorkbook(grids, { rules: profileById(id).profile!.rules }).sheets[0])
        .filter(([, c]) => c === "lettre_de_commande")
        .map(([row]) => row);

    it("the PLIE's profile keeps its 9 order letters", () => {
      expect(letters("plie-dijon-2015-2019")).toEqual([5, 6, 11, 12, 14, 15, 16, 17, 19]);
    });

    it("the 60 % profile makes the line at 58,72 % (IFPA, row 11) a project", () => {
      const s = analyseWorkbook(grids, { rules: profileByName("FSE+ 2021-2027 Côte-d'Or").profile!.rules }).sheets[0];
      const ifpa = s.tables[0].lines.find((l) => l.line.row === 11)!;
      expect(ifpa.fseRate).toBe(0.5872);
      expect(ifpa.classification).toBe("projet");
      // 60,02 % (IRFA), 60,34 %, 70,57 % and the lines without FSE stay order letters.
      expect(letters("fse-plus-2021-2027-cote-dor")).toEqual([5, 12, 14, 16, 19]);
    });

    it("the 10 000 € floor changes nothing in 2015 (every letter breaks the cap or has no FSE)", () => {
      expect(letters("plancher-10000")).toEqual([5, 6, 11, 12, 14, 15, 16, 17, 19]);
    });
  });

  it("the 10 000 € floor makes a 15 000 € FSE line a project", () => {
    const grid = sheet([balanced("Petite action", "X", 30_000, 15_000)]);
    expect(lines(analyseSheet(grid))).toEqual([[4, "lettre_de_commande"]]);
    expect(lines(analyseSheet(grid, { rules: profileByName("Plancher 10 000 €").profile!.rules }))).toEqual([
      [4, "projet"],
    ]);
  });
});
