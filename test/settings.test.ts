import { describe, expect, it } from "vitest";
import { asCents } from "../src/domain/money";
import { DEFAULT_RULES } from "../src/domain/rules";
import { DEFAULT_PROCUREMENT_SETTINGS } from "../src/domain/procurement";
import {
  DEFAULT_SETTINGS,
  fromStored,
  ownNamesOf,
  parseSettings,
  procurementSettingsOf,
  serializeSettings,
  toStored,
  type Settings,
  type SettingsProblem,
} from "../src/domain/settings";
import { settingsLoadFailedMessage, settingsProblemMessage } from "../src/report/settings";

const MINE: Settings = {
  rules: { ...DEFAULT_RULES, floorCents: asCents(1_000_050), capBasisPoints: 6000, floorStrict: true },
  aliases: [{ header: "Fondation Solidarité", financer: "fonds_prives" }],
};

describe("domain settings", () => {
  it("round trip: stored shape, JSON text, and back", () => {
    expect(toStored(MINE)).toEqual({
      floor: 10000.5,
      cap: 0.6,
      strictFloor: true,
      aliases: [{ header: "Fondation Solidarité", financer: "fonds_prives" }],
    });
    const back = parseSettings(serializeSettings(MINE));
    expect(back.problems).toEqual([]);
    expect(back.settings).toEqual(MINE);
    expect(fromStored(toStored(MINE))).toEqual(back);
    expect(parseSettings(toStored(MINE))).toEqual(back);
    expect(toStored(DEFAULT_SETTINGS)).toEqual({ floor: 20000, cap: 0.5, strictFloor: false, aliases: [] });
  });

  it("bad JSON and a value that is not an object give the defaults and one problem", () => {
    expect(parseSettings("{floor: 20000")).toEqual({ settings: DEFAULT_SETTINGS, problems: [{ field: "json" }] });
    for (const [text, value] of [
      ["null", null],
      ["[]", []],
      ["42", 42],
      ['"x"', "x"],
    ] as const) {
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
    const mixed = fromStored({
      cap: 0.6,
      aliases: [
        { header: "A", financer: "nobody" },
        { header: " B ", financer: "FSE" },
        3,
        { header: " ", financer: "fse" },
      ],
    });
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
    expect(settingsProblemMessage({ field: "json" })).toBe(
      "Paramètres du classeur illisibles (JSON invalide) : valeurs par défaut utilisées.",
    );
    expect(settingsProblemMessage({ field: "json" }, "en")).toBe(
      "Unreadable workbook settings (invalid JSON): defaults used.",
    );
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
      for (const lang of ["fr", "en"] as const)
        expect(settingsProblemMessage({ field, index: 0, value: 1 }, lang)).toMatch(/\S/);
    }
  });
});

describe("rule profile in the settings", () => {
  it("keeps a known profile id and refuses an unknown one", () => {
    const ok = parseSettings('{"floor": 20000, "cap": 0.6, "profile": "fse-plus-2021-2027-cote-dor"}');
    expect(ok.problems).toEqual([]);
    expect(ok.settings.profile).toBe("fse-plus-2021-2027-cote-dor");
    expect(JSON.parse(serializeSettings(ok.settings))).toEqual({
      floor: 20000,
      cap: 0.6,
      strictFloor: false,
      aliases: [],
      profile: "fse-plus-2021-2027-cote-dor",
    });
    const bad = parseSettings('{"profile": "banque"}');
    expect(bad.settings.profile).toBeUndefined();
    expect(bad.problems).toEqual([{ field: "profile", value: "banque" }]);
    expect(settingsProblemMessage(bad.problems[0])).toMatch(
      /^Profil de règles «\u00a0banque\u00a0» inconnu \(connus : plie-dijon-2015-2019/,
    );
    expect(JSON.parse(serializeSettings(parseSettings("{}").settings))).not.toHaveProperty("profile");
  });
});

describe("procurement and categories in the settings", () => {
  it("stores only what differs from the defaults, and reads it back", () => {
    const read = parseSettings(
      '{"quotes": 2, "procurementThreshold": "60 000", "categories": [{"match": "Job Stand Up", "category": "animation"}]}',
    );
    expect(read.problems).toEqual([]);
    expect(read.settings.procurement).toMatchObject({
      quotes: 2,
      thresholdCents: 6000000,
      servicesThresholdCents: 6000000,
    });
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
    const read = parseSettings(
      '{"quotes": 4, "procurementThreshold": 0, "categories": [{"match": "x", "category": "divers"}]}',
    );
    expect(read.problems.map((p) => p.field)).toEqual(["quotes", "procurementThreshold", "category"]);
    expect(read.settings.procurement).toBeUndefined();
    expect(read.settings.categories).toBeUndefined();
    expect(settingsProblemMessage(read.problems[0])).toBe(
      "Nombre de devis «\u00a04\u00a0» invalide (2 ou 3 attendu) : 3 gardé.",
    );
    expect(settingsProblemMessage(read.problems[2], "en")).toMatch(
      /^Category rule 1 .* ignored: a text and a category \(animation, assistance, clauses, referents, actions\) are expected\.$/,
    );
  });
});

describe("the user's column roles and the structure's own names in the settings", () => {
  const WITH_COLUMNS: Settings = {
    rules: DEFAULT_RULES,
    aliases: [],
    columns: [
      { header: "Fondation X", role: "fonds_prives" },
      { header: "Part FSE (prévisionnelle)", role: "taux_fse" },
      { header: "Notes", role: "ignorer" },
    ],
    structures: ["Association Le Relais", "Maison de l'emploi"],
  };

  it('round trip: stored as "columns" and "structures", read back the same', () => {
    const stored = toStored(WITH_COLUMNS);
    expect(stored).toEqual({
      floor: 20000,
      cap: 0.5,
      strictFloor: false,
      aliases: [],
      columns: [
        { header: "Fondation X", role: "fonds_prives" },
        { header: "Part FSE (prévisionnelle)", role: "taux_fse" },
        { header: "Notes", role: "ignorer" },
      ],
      structures: ["Association Le Relais", "Maison de l'emploi"],
    });
    const back = parseSettings(serializeSettings(WITH_COLUMNS));
    expect(back.problems).toEqual([]);
    expect(back.settings.columns).toEqual(WITH_COLUMNS.columns);
    expect(back.settings.structures).toEqual(WITH_COLUMNS.structures);
    // Procurement is given the structure's names, "PLIE" first.
    expect(back.settings.procurement?.ownNames).toEqual(["PLIE", "Association Le Relais", "Maison de l'emploi"]);
    expect(toStored(back.settings)).toEqual(stored);
    expect(Object.isFrozen(back.settings.columns)).toBe(true);
    expect(Object.isFrozen(back.settings.columns![0])).toBe(true);
    // Nothing saved: neither key is written.
    expect(toStored(parseSettings("{}").settings)).not.toHaveProperty("columns");
    expect(toStored(parseSettings("{}").settings)).not.toHaveProperty("structures");
  });

  it("roles are read without case or spaces around them; headers are trimmed", () => {
    const r = fromStored({
      columns: [
        { header: "  Fondation X ", role: " FONDS_PRIVES " },
        { header: "Coût", role: "Depenses_Totales" },
      ],
    });
    expect(r.problems).toEqual([]);
    expect(r.settings.columns).toEqual([
      { header: "Fondation X", role: "fonds_prives" },
      { header: "Coût", role: "depenses_totales" },
    ]);
  });

  it("a bad entry is a problem with its index; the good ones are kept; reading never throws", () => {
    const r = fromStored({
      columns: [
        { header: "Fondation X", role: "banque" },
        { header: "Fondation Y", role: "fonds_prives" },
        "Z=fse",
        { header: " ", role: "fse" },
        null,
        { role: "fse" },
      ],
      structures: ["Association Le Relais", "", 42],
    });
    expect(r.settings.columns).toEqual([{ header: "Fondation Y", role: "fonds_prives" }]);
    expect(r.settings.structures).toEqual(["Association Le Relais"]);
    expect(r.problems).toEqual([
      { field: "column", index: 0, value: { header: "Fondation X", role: "banque" } },
      { field: "column", index: 2, value: "Z=fse" },
      { field: "column", index: 3, value: { header: " ", role: "fse" } },
      { field: "column", index: 4, value: null },
      { field: "column", index: 5, value: { role: "fse" } },
      { field: "structure", index: 1, value: "" },
      { field: "structure", index: 2, value: 42 },
    ]);
    const lists = fromStored({ columns: "Fondation X=fonds_prives", structures: "PLIE ; Le Relais" });
    expect(lists.settings.columns).toBeUndefined();
    expect(lists.settings.structures).toBeUndefined();
    expect(lists.settings.procurement).toBeUndefined();
    expect(lists.problems).toEqual([
      { field: "columns", value: "Fondation X=fonds_prives" },
      { field: "structures", value: "PLIE ; Le Relais" },
    ]);
    expect(() => parseSettings('{"columns": [{"header": {"x": 1}, "role": ["fse"]}]}')).not.toThrow();
  });

  it("problems in words, French first, naming the entry and what is expected", () => {
    expect(
      settingsProblemMessage({ field: "column", index: 0, value: { header: "Fondation X", role: "banque" } }),
    ).toBe(
      'Rôle de colonne 1 «\u00a0{"header":"Fondation X","role":"banque"}\u00a0» ignoré : un texte d\'en-tête et un rôle (un identifiant de financeur : conseil_departemental, dijon_metropole, intercommunalite, conseil_regional, ville_de_dijon, ville, communes, fonds_prives, contrat_de_ville, autres_plie, etat, france_travail, forco, produit_actions, autres_financements, autofinancement, fse ; ou depenses_totales, taux_fse, total_operation, fse_sollicite, ignorer) sont attendus.',
    );
    expect(settingsProblemMessage({ field: "column", index: 2, value: "Z=fse" }, "en")).toMatch(
      /^Column role 3 “Z=fse” ignored: a header text and a role \(a financer id: .*; or depenses_totales, taux_fse, total_operation, fse_sollicite, ignorer\) are expected\.$/,
    );
    expect(settingsProblemMessage({ field: "columns", value: "x" })).toBe(
      "Liste des rôles de colonnes «\u00a0x\u00a0» invalide (liste attendue) : ignorée.",
    );
    expect(settingsProblemMessage({ field: "structures", value: "x" })).toBe(
      "Liste des noms de la structure «\u00a0x\u00a0» invalide (liste attendue) : «\u00a0PLIE\u00a0» seul gardé.",
    );
    expect(settingsProblemMessage({ field: "structure", index: 1, value: 42 }, "en")).toBe(
      "Structure name 2 “42” ignored: a non-blank text is expected.",
    );
    for (const field of ["columns", "column", "structures", "structure"] as const) {
      for (const lang of ["fr", "en"] as const)
        expect(settingsProblemMessage({ field, index: 0, value: 1 }, lang)).toMatch(/\S/);
    }
  });

  it("the structure's own names: PLIE always, each name once", () => {
    expect(ownNamesOf({})).toEqual(["PLIE"]);
    expect(ownNamesOf({ structures: ["plie", " Le Relais ", "LE RELAIS", "Maison de l’emploi"] })).toEqual([
      "PLIE",
      "Le Relais",
      "Maison de l’emploi",
    ]);
    const p = procurementSettingsOf({
      procurement: { ...DEFAULT_PROCUREMENT_SETTINGS, quotes: 2 },
      structures: ["Le Relais"],
    });
    expect(p).toEqual({ ...DEFAULT_PROCUREMENT_SETTINGS, quotes: 2, ownNames: ["PLIE", "Le Relais"] });
    expect(procurementSettingsOf({})).toEqual(DEFAULT_PROCUREMENT_SETTINGS);
    // Quotes and structures together: the stored procurement keeps both.
    const read = parseSettings('{"quotes": 2, "structures": ["Le Relais"]}');
    expect(read.settings.procurement).toEqual({
      ...DEFAULT_PROCUREMENT_SETTINGS,
      quotes: 2,
      ownNames: ["PLIE", "Le Relais"],
    });
    expect(JSON.parse(serializeSettings(read.settings))).toEqual({
      floor: 20000,
      cap: 0.5,
      strictFloor: false,
      aliases: [],
      quotes: 2,
      structures: ["Le Relais"],
    });
  });
});
