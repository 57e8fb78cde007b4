import { describe, expect, it } from "vitest";
import { DEFAULT_RULES } from "../src/domain/rules";
import { DEFAULT_SETTINGS, fromStored, parseSettings, serializeSettings, toStored, type Settings, type SettingsProblem } from "../src/domain/settings";
import { settingsLoadFailedMessage, settingsProblemMessage } from "../src/report/settings";

const MINE: Settings = {
  rules: { ...DEFAULT_RULES, floorCents: 1_000_050, capBasisPoints: 6000, floorStrict: true },
  aliases: [{ header: "Fondation Solidarité", financer: "fonds_prives" }],
};

describe("domain settings", () => {
  it("round trip: stored shape, JSON text, and back", () => {
    expect(toStored(MINE)).toEqual({ floor: 10000.5, cap: 0.6, strictFloor: true, aliases: [{ header: "Fondation Solidarité", financer: "fonds_prives" }] });
    const back = parseSettings(serializeSettings(MINE));
    expect(back.problems).toEqual([]);
    expect(back.settings).toEqual(MINE);
    expect(fromStored(toStored(MINE))).toEqual(back);
    expect(parseSettings(toStored(MINE))).toEqual(back);
    expect(toStored(DEFAULT_SETTINGS)).toEqual({ floor: 20000, cap: 0.5, strictFloor: false, aliases: [] });
  });

  it("bad JSON and a value that is not an object give the defaults and one problem", () => {
    expect(parseSettings("{floor: 20000")).toEqual({ settings: DEFAULT_SETTINGS, problems: [{ field: "json" }] });
    for (const [text, value] of [["null", null], ["[]", []], ["42", 42], ['"x"', "x"]] as const) {
      expect(parseSettings(text)).toEqual({ settings: DEFAULT_SETTINGS, problems: [{ field: "shape", value }] });
    }
    expect(parseSettings(undefined).problems).toEqual([{ field: "shape", value: undefined }]);
    expect(parseSettings("{}")).toEqual({ settings: DEFAULT_SETTINGS, problems: [] });
  });

  it("each bad field keeps its default and gives its problem code", () => {
    const cases: [Record<string, unknown>, SettingsProblem][] = [
      [{ floor: -1 }, { field: "floor", value: -1 }],
      [{ floor: "beaucoup" }, { field: "floor", value: "beaucoup" }],
      [{ floor: true }, { field: "floor", value: true }],
      [{ cap: 0 }, { field: "cap", value: 0 }],
      [{ cap: 1.5 }, { field: "cap", value: 1.5 }],
      [{ cap: "150 %" }, { field: "cap", value: "150 %" }],
      [{ cap: 0.00001 }, { field: "cap", value: 0.00001 }],
      [{ strictFloor: "oui" }, { field: "strictFloor", value: "oui" }],
      [{ aliases: "x" }, { field: "aliases", value: "x" }],
    ];
    for (const [data, problem] of cases) {
      const r = parseSettings(JSON.stringify(data));
      expect(r.settings, JSON.stringify(data)).toEqual(DEFAULT_SETTINGS);
      expect(r.problems).toEqual([problem]);
    }
    const mixed = fromStored({ cap: 0.6, aliases: [{ header: "A", financer: "nobody" }, { header: " B ", financer: "FSE" }, 3, { header: " ", financer: "fse" }] });
    expect(mixed.settings.rules).toEqual({ ...DEFAULT_RULES, capBasisPoints: 6000 });
    expect(mixed.settings.aliases).toEqual([{ header: "B", financer: "fse" }]);
    expect(mixed.problems).toEqual([
      { field: "alias", index: 0, value: { header: "A", financer: "nobody" } },
      { field: "alias", index: 2, value: 3 },
      { field: "alias", index: 3, value: { header: " ", financer: "fse" } },
    ]);
  });

  it("cap as a fraction or as rate text", () => {
    expect(fromStored({ cap: 0.6 }).settings.rules.capBasisPoints).toBe(6000);
    expect(fromStored({ cap: 1 }).settings.rules.capBasisPoints).toBe(10000);
    expect(fromStored({ cap: 0.4985 }).settings.rules.capBasisPoints).toBe(4985);
    expect(fromStored({ cap: "60 %" }).settings.rules.capBasisPoints).toBe(6000);
    expect(fromStored({ cap: "49,5 %" }).settings.rules.capBasisPoints).toBe(4950);
    expect(fromStored({ cap: "0.6" }).settings.rules.capBasisPoints).toBe(6000);
  });

  it("floor in euros: at most two decimals, a number or euro text", () => {
    expect(fromStored({ floor: 10000.5 }).settings.rules.floorCents).toBe(1_000_050);
    expect(fromStored({ floor: 0 }).settings.rules.floorCents).toBe(0);
    expect(fromStored({ floor: "20 000,00 €" }).settings.rules.floorCents).toBe(2_000_000);
    expect(fromStored({ floor: 20000.001 }).problems).toEqual([{ field: "floor", value: 20000.001 }]);
    expect(fromStored({ floor: "15 000,005" }).problems).toEqual([{ field: "floor", value: "15 000,005" }]);
    expect(fromStored({ floor: 20000.001 }).settings.rules.floorCents).toBe(DEFAULT_RULES.floorCents);
  });

  it("settings are frozen", () => {
    const r = parseSettings(serializeSettings(MINE));
    expect(Object.isFrozen(r.settings)).toBe(true);
    expect(Object.isFrozen(r.settings.rules)).toBe(true);
    expect(Object.isFrozen(r.settings.aliases)).toBe(true);
  });
});

describe("settings problems in words", () => {
  it("French first, English second, with the refused value and the default kept", () => {
    expect(settingsProblemMessage({ field: "json" })).toBe("Paramètres du classeur illisibles (JSON invalide) : valeurs par défaut utilisées.");
    expect(settingsProblemMessage({ field: "json" }, "en")).toBe("Unreadable workbook settings (invalid JSON): defaults used.");
    expect(settingsProblemMessage({ field: "floor", value: "beaucoup" })).toContain("«\u00a0beaucoup\u00a0»");
    expect(settingsProblemMessage({ field: "floor", value: -1 })).toContain("20\u202f000,00\u00a0€ gardé");
    expect(settingsProblemMessage({ field: "floor", value: -1 }, "en")).toContain("€20,000.00 kept");
    expect(settingsProblemMessage({ field: "cap", value: 2 })).toContain("50,00\u00a0% gardé");
    expect(settingsProblemMessage({ field: "alias", index: 1, value: 3 }, "en")).toMatch(/^Alias 2 “3” ignored/);
    expect(settingsProblemMessage({ field: "aliases", value: "x".repeat(200) }).length).toBeLessThan(140);
    expect(settingsLoadFailedMessage(new Error("no settings part"))).toContain("no settings part");
  });

  it("every problem code has words in both languages", () => {
    for (const field of ["json", "shape", "floor", "cap", "strictFloor", "aliases", "alias"] as const) {
      for (const lang of ["fr", "en"] as const) expect(settingsProblemMessage({ field, index: 0, value: 1 }, lang)).toMatch(/\S/);
    }
  });
});

describe("rule profile in the settings", () => {
  it("keeps a known profile id and refuses an unknown one", () => {
    const ok = parseSettings('{"floor": 20000, "cap": 0.6, "profile": "fse-plus-2021-2027-cote-dor"}');
    expect(ok.problems).toEqual([]);
    expect(ok.settings.profile).toBe("fse-plus-2021-2027-cote-dor");
    expect(JSON.parse(serializeSettings(ok.settings))).toEqual({ floor: 20000, cap: 0.6, strictFloor: false, aliases: [], profile: "fse-plus-2021-2027-cote-dor" });
    const bad = parseSettings('{"profile": "banque"}');
    expect(bad.settings.profile).toBeUndefined();
    expect(bad.problems).toEqual([{ field: "profile", value: "banque" }]);
    expect(settingsProblemMessage(bad.problems[0])).toMatch(/^Profil de règles «\u00a0banque\u00a0» inconnu \(connus : plie-dijon-2015-2019/);
    expect(JSON.parse(serializeSettings(parseSettings("{}").settings))).not.toHaveProperty("profile");
  });
});

describe("procurement and categories in the settings", () => {
  it("stores only what differs from the defaults, and reads it back", () => {
    const read = parseSettings('{"quotes": 2, "procurementThreshold": "60 000", "categories": [{"match": "Job Stand Up", "category": "animation"}]}');
    expect(read.problems).toEqual([]);
    expect(read.settings.procurement).toMatchObject({ quotes: 2, thresholdCents: 6000000, servicesThresholdCents: 6000000 });
    expect(read.settings.categories).toEqual([{ match: "Job Stand Up", category: "animation" }]);
    expect(JSON.parse(serializeSettings(read.settings))).toEqual({
      floor: 20000,
      cap: 0.5,
      strictFloor: false,
      aliases: [],
      quotes: 2,
      procurementThreshold: 60000,
      categories: [{ match: "Job Stand Up", category: "animation" }],
    });
  });

  it("refuses what cannot be a setting, with words", () => {
    const read = parseSettings('{"quotes": 4, "procurementThreshold": 0, "categories": [{"match": "x", "category": "divers"}]}');
    expect(read.problems.map((p) => p.field)).toEqual(["quotes", "procurementThreshold", "category"]);
    expect(read.settings.procurement).toBeUndefined();
    expect(read.settings.categories).toBeUndefined();
    expect(settingsProblemMessage(read.problems[0])).toBe("Nombre de devis «\u00a04\u00a0» invalide (2 ou 3 attendu) : 3 gardé.");
    expect(settingsProblemMessage(read.problems[2], "en")).toMatch(/^Category rule 1 .* ignored: a text and a category \(animation, assistance, clauses, referents, actions\) are expected\.$/);
  });
});
