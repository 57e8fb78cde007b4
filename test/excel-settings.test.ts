/// <reference types="office-js" />
import { describe, expect, it, vi } from "vitest";
import {
  analyseOptionsOf,
  columnsOf,
  defaultSettings,
  loadSettings,
  parseSettings,
  readSettingsValue,
  rulesOf,
  saveSettings,
  serializeSettings,
  settingsOf,
  SETTINGS_KEY,
  type ProductSettings,
} from "../src/excel/settings";
import { officeMock } from "./office-mock";
import { readJson } from "./report-json";

/** A workbook and its custom settings (`map`: the live settings). */
function settingsMock() {
  const { context, settings } = officeMock();
  return { context, map: settings };
}

const MINE: ProductSettings = {
  floor: 10000.5,
  cap: 0.6,
  strictFloor: true,
  aliases: [{ header: "Fondation Solidarité", financer: "fonds_prives" }],
};

describe("settings", () => {
  it("round trip through the workbook's settings as one JSON value, one sync each way", async () => {
    const { context, map } = settingsMock();
    const sync = vi.spyOn(context, "sync");
    await saveSettings(context, MINE);
    expect(sync).toHaveBeenCalledTimes(1);
    expect(JSON.parse(map.get(SETTINGS_KEY) as string)).toEqual({
      floor: 10000.5,
      cap: 0.6,
      strictFloor: true,
      aliases: [{ header: "Fondation Solidarité", financer: "fonds_prives" }],
    });
    const loaded = await loadSettings(context);
    expect(sync).toHaveBeenCalledTimes(2);
    expect(loaded).toEqual({ settings: MINE, problems: [] });
    expect(rulesOf(loaded.settings)).toMatchObject({ floorCents: 1000050, capBasisPoints: 6000, floorStrict: true });
  });

  it("one reader of the saved value for the pane and the functions: as stored, null when none, one sync", async () => {
    const { context, map } = settingsMock();
    const sync = vi.spyOn(context, "sync");
    expect(await readSettingsValue(context)).toBeNull();
    await saveSettings(context, MINE);
    sync.mockClear();
    expect(await readSettingsValue(context)).toBe(map.get(SETTINGS_KEY));
    expect(sync).toHaveBeenCalledTimes(1);
    expect(JSON.parse((await readSettingsValue(context)) as string)).toMatchObject({ floor: 10000.5, cap: 0.6 });
  });

  it("nothing saved: defaults, no problem", async () => {
    const { context } = settingsMock();
    expect(await loadSettings(context)).toEqual({ settings: defaultSettings(), problems: [] });
    expect(rulesOf(defaultSettings())).toMatchObject({ floorCents: 2000000, capBasisPoints: 5000, floorStrict: false });
  });

  it("bad JSON gives the defaults and a problem, never a throw", async () => {
    const { context, map } = settingsMock();
    map.set(SETTINGS_KEY, "{floor: 20000");
    const loaded = await loadSettings(context);
    expect(loaded.settings).toEqual(defaultSettings());
    expect(loaded.problems).toEqual([
      "Paramètres du classeur illisibles (JSON invalide) : valeurs par défaut utilisées.",
    ]);
    for (const bad of ["null", "[]", "42", '"x"']) expect(parseSettings(bad).problems).toHaveLength(1);
  });

  it("each unreadable field keeps its default and is listed", () => {
    const r = parseSettings(
      JSON.stringify({
        floor: -1,
        cap: 1.5,
        strictFloor: "oui",
        aliases: [{ header: "Fondation", financer: "fonds_prives" }, { header: "X", financer: "banque" }, 3],
      }),
    );
    expect(r.settings).toEqual({ ...defaultSettings(), aliases: [{ header: "Fondation", financer: "fonds_prives" }] });
    expect(r.problems).toHaveLength(5);
    expect(parseSettings(JSON.stringify({ floor: 20000.001 })).problems).toHaveLength(1);
    expect(parseSettings(JSON.stringify({ aliases: "x" }), "en").problems).toEqual([
      "Invalid alias list “x” (a list was expected): ignored.",
    ]);
    expect(
      parseSettings(JSON.stringify({ cap: "60 %", aliases: [{ header: " Fondation ", financer: "FONDS_PRIVES" }] }))
        .settings,
    ).toMatchObject({ cap: 0.6, aliases: [{ header: "Fondation", financer: "fonds_prives" }] });
    expect(parseSettings(serializeSettings(MINE))).toEqual({ settings: MINE, problems: [] });
  });
});

describe("column roles and the structure's names in the workbook's settings", () => {
  const WITH_ROLES: ProductSettings = {
    ...MINE,
    columns: [
      { header: "Fondation X", role: "fonds_prives" },
      { header: "Commentaires", role: "ignorer" },
    ],
    structures: ["Association Le Relais"],
  };

  it('round trip as one JSON value with "columns" and "structures", one sync each way', async () => {
    const { context, map } = settingsMock();
    const sync = vi.spyOn(context, "sync");
    await saveSettings(context, WITH_ROLES);
    expect(sync).toHaveBeenCalledTimes(1);
    const stored = readJson<{ columns: unknown; structures: unknown }>(map.get(SETTINGS_KEY) as string);
    expect(stored.columns).toEqual([
      { header: "Fondation X", role: "fonds_prives" },
      { header: "Commentaires", role: "ignorer" },
    ]);
    expect(stored.structures).toEqual(["Association Le Relais"]);
    const loaded = await loadSettings(context);
    expect(sync).toHaveBeenCalledTimes(2);
    expect(loaded).toEqual({ settings: WITH_ROLES, problems: [] });
    expect(columnsOf(loaded.settings)).toEqual(WITH_ROLES.columns);
    expect(analyseOptionsOf(loaded.settings).columns).toEqual(WITH_ROLES.columns);
    expect(analyseOptionsOf(loaded.settings).aliases.match("Fondation Solidarité")).toBe("fonds_prives");
    expect(settingsOf(loaded.settings).procurement?.ownNames).toEqual(["PLIE", "Association Le Relais"]);
  });

  it("a damaged role is listed with its number and left out; the others are used", async () => {
    const { context, map } = settingsMock();
    map.set(
      SETTINGS_KEY,
      JSON.stringify({
        ...MINE,
        columns: [
          { header: "Fondation X", role: "banque" },
          { header: "Fondation Y", role: "FONDS_PRIVES" },
        ],
      }),
    );
    const loaded = await loadSettings(context, "en");
    expect(loaded.settings.columns).toEqual([{ header: "Fondation Y", role: "fonds_prives" }]);
    expect(loaded.problems).toHaveLength(1);
    expect(loaded.problems[0]).toMatch(/^Column role 1 “\{"header":"Fondation X","role":"banque"\}” ignored/);
    expect(columnsOf(defaultSettings())).toEqual([]);
  });
});
