/// <reference types="office-js" />
import { OfficeMockObject } from "office-addin-mock";
import { describe, expect, it, vi } from "vitest";
import { defaultSettings, loadSettings, parseSettings, rulesOf, saveSettings, serializeSettings, SETTINGS_KEY, type ProductSettings } from "../src/excel/settings";

/** office-addin-mock has no SettingCollection model: add/getItemOrNullObject are seeded over a map. */
function settingsMock() {
  const map = new Map<string, unknown>();
  let n = 0;
  const context: any = new OfficeMockObject({
    workbook: {
      settings: {
        add(key: string, value: unknown) {
          map.set(key, value);
        },
        getItemOrNullObject(this: any, key: string) {
          const k = `i${n++}`;
          this.addMock(k);
          this[k].populate({ value: map.get(key) ?? "" });
          this[k].isNullObject = !map.has(key);
          return this[k];
        },
      },
    },
  });
  return { context: context as Excel.RequestContext, map };
}

const MINE: ProductSettings = { floor: 10000.5, cap: 0.6, strictFloor: true, aliases: [{ header: "Fondation Solidarité", financer: "fonds_prives" }] };

describe("settings", () => {
  it("round trip through the workbook's settings as one JSON value, one sync each way", async () => {
    const { context, map } = settingsMock();
    const sync = vi.spyOn(context, "sync");
    await saveSettings(context, MINE);
    expect(sync).toHaveBeenCalledTimes(1);
    expect(JSON.parse(map.get(SETTINGS_KEY) as string)).toEqual({ floor: 10000.5, cap: 0.6, strictFloor: true, aliases: [{ header: "Fondation Solidarité", financer: "fonds_prives" }] });
    const loaded = await loadSettings(context);
    expect(sync).toHaveBeenCalledTimes(2);
    expect(loaded).toEqual({ settings: MINE, problems: [] });
    expect(rulesOf(loaded.settings)).toMatchObject({ floorCents: 1000050, capBasisPoints: 6000, floorStrict: true });
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
    expect(loaded.problems).toEqual(["Paramètres du classeur illisibles (JSON invalide) : valeurs par défaut utilisées."]);
    for (const bad of ["null", "[]", "42", '"x"']) expect(parseSettings(bad).problems).toHaveLength(1);
  });

  it("each unreadable field keeps its default and is listed", () => {
    const r = parseSettings(
      JSON.stringify({ floor: -1, cap: 1.5, strictFloor: "oui", aliases: [{ header: "Fondation", financer: "fonds_prives" }, { header: "X", financer: "banque" }, 3] }),
    );
    expect(r.settings).toEqual({ ...defaultSettings(), aliases: [{ header: "Fondation", financer: "fonds_prives" }] });
    expect(r.problems).toHaveLength(5);
    expect(parseSettings(JSON.stringify({ floor: 20000.001 })).problems).toHaveLength(1);
    expect(parseSettings(JSON.stringify({ aliases: "x" }), "en").problems).toEqual(["Invalid alias list “x” (a list was expected): ignored."]);
    expect(parseSettings(JSON.stringify({ cap: "60 %", aliases: [{ header: " Fondation ", financer: "FONDS_PRIVES" }] })).settings).toMatchObject({ cap: 0.6, aliases: [{ header: "Fondation", financer: "fonds_prives" }] });
    expect(parseSettings(serializeSettings(MINE))).toEqual({ settings: MINE, problems: [] });
  });
});
