import * as fs from "fs";
import * as path from "path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata/lib/generate";
import { readWorkbook } from "../src/cli/read";
import { DEFAULT_RULES } from "../src/domain/rules";
import { findingMessage } from "../src/report/messages";
import type { CellValue } from "../src/sheet/grid";
import { FunctionArgumentError } from "../src/functions/arguments";
import {
  check,
  checkArguments,
  control,
  financerTotal,
  floorShortfall,
  fseRate,
  gap,
  maxFse,
  status,
  FUNCTION_WORDS,
} from "../src/functions/functions";
import { ENGLISH_DESCRIPTIONS, FUNCTION_IDS, FUNCTION_NAMES } from "../src/functions/names";
import {
  DEFAULT_SETTINGS,
  currentSettings,
  loadSettings,
  onSettingsChange,
  parseSettings,
  resetSettings,
  serializeSettings,
  setSettings,
  type Settings,
} from "../src/functions/settings-store";
import { asCents } from "../src/domain/money";
import { englishMetadata } from "../scripts/functions-en";
import { FONDATION_ROLE, fondationRectangle } from "./column-roles-sample";

const FIXTURES = path.resolve(__dirname, "../../shared/fixtures");
const FUNCTIONS_TS = path.resolve(__dirname, "../src/functions/functions.ts");

/** The custom functions runtime, as far as the functions use it. */
class StubError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}
const STUB = { Error: StubError, ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" } };

function installRuntime(): void {
  (globalThis as Record<string, unknown>).CustomFunctions = STUB;
}
function removeRuntime(): void {
  delete (globalThis as Record<string, unknown>).CustomFunctions;
}

/** The #VALUE! error a call throws, with its message. */
function valueError(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (e) {
    const err = e as { code?: string; message?: string };
    expect(err.code).toBe("#VALUE!");
    expect(typeof err.message).toBe("string");
    return { code: err.code!, message: err.message! };
  }
  throw new Error("no error thrown");
}

interface FixtureLine {
  row: number;
  action: string;
  operation: string;
  operator: string;
  totalCost: number;
  amounts: Record<string, number>;
  amountsByColumn: Record<string, number | null>;
  printedTotalOperation: number | null;
  rawFields: string[];
}
interface ExpectedLine {
  row: number;
  fse: number;
  fseRate: number;
  classification: "projet" | "lettre_de_commande";
  violationCodes: string[];
  balanceGap: number;
}

const read = <T>(file: string): T => JSON.parse(fs.readFileSync(path.join(FIXTURES, file), "utf8")) as T;
const p2015 = read<{ lines: FixtureLine[]; columns: string[] }>("programmation-2015.json");
const e2015 = read<{ lines: ExpectedLine[] }>("expected-2015.json");

let grid2019: CellValue[][] = [];

beforeAll(async () => {
  const grids = await readWorkbook(path.join(FIXTURES, "programmation-2019.xlsx"));
  // As Excel's range.values gives them: a rectangle, empty cells as "".
  const rows = grids[0].values;
  const width = Math.max(...rows.map((r) => r.length));
  grid2019 = rows.map((r) => Array.from({ length: width }, (_, c) => r[c] ?? ""));
});

afterEach(() => {
  resetSettings();
  installRuntime();
});

installRuntime();

describe("custom functions on the 2015 lines", () => {
  const cases = p2015.lines.map((l, i) => ({ l, e: e2015.lines[i] }));

  it("fixtures line up", () => {
    expect(cases.length).toBe(17);
    for (const { l, e } of cases) expect(l.row).toBe(e.row);
  });

  it.each(cases.map((c) => [c.l.operation + " / " + c.l.operator, c] as const))("%s", (_name, { l, e }) => {
    const fse = l.amounts.fse ?? 0;
    // Numbers as the cells hold them.
    expect(status(l.totalCost, fse)).toBe(e.classification === "projet" ? "Projet" : "Lettre de commande");
    expect(fseRate(fse, l.totalCost)).toBeCloseTo(e.fseRate, 4);
    const financing = [Object.values(l.amountsByColumn)];
    expect(gap(l.totalCost, financing)).toBe(e.balanceGap);
    const words = check(l.totalCost, fse, financing, l.printedTotalOperation);
    if (e.violationCodes.length === 0) expect(words).toBe("OK");
    else expect(words).not.toBe("OK");
    expect(words.includes("plafond")).toBe(e.violationCodes.includes("FSE_RATE_ABOVE_CAP"));
    expect(words.includes("plancher")).toBe(e.violationCodes.includes("FSE_BELOW_FLOOR"));
    expect(words.includes("déséquilibré")).toBe(e.violationCodes.includes("UNBALANCED"));
    // French text as printed in the report: "179 408,51 €".
    const raw = l.rawFields;
    const fseText = raw[11] !== "" ? raw[11] : raw[12];
    expect(status(raw[4], fseText)).toBe(status(l.totalCost, fse));
    expect(check(raw[4], fseText, [raw.slice(5, 13).concat(raw.slice(14, 17))], raw[17])).toBe(words);
    // Fixes for order letters.
    const result = checkArguments(l.totalCost, fse);
    if (e.violationCodes.includes("FSE_RATE_ABOVE_CAP")) {
      expect(maxFse(l.totalCost)).toBe(result.suggestions!.maxFseCents! / 100);
      expect(maxFse(l.totalCost)).toBeLessThan(fse);
      // The largest FSE allowed makes the line a project when it meets the floor.
      expect(status(l.totalCost, maxFse(l.totalCost))).toBe(
        maxFse(l.totalCost) >= 20000 ? "Projet" : "Lettre de commande",
      );
    }
    expect(floorShortfall(fse)).toBe(fse >= 20000 ? 0 : Math.round((20000 - fse) * 100) / 100);
  });

  it("Service PLIE (Partie Animation) 2015: 49,85 %, a project", () => {
    expect(fseRate(89442, 179408.51)).toBeCloseTo(0.4985, 4);
    expect(fseRate("89 442,00 €", "179 408,51 €")).toBe(8944200 / 17940851);
    expect(status("179 408,51 €", "89 442,00 €")).toBe("Projet");
  });

  it("Clauses 2015: 60,34 % breaks the cap; FSE_MAX gives 17 271,34 €", () => {
    expect(status(34542.69, 20844.62)).toBe("Lettre de commande");
    expect(maxFse(34542.69)).toBe(17271.34);
    expect(check(34542.69, 20844.62)).toMatch(/^Taux FSE de 60,34\u00a0% au-dessus du plafond de 50,00\u00a0%/);
  });
});

describe("rule boundaries", () => {
  it("FSE of exactly 20 000,00 € meets the floor (inclusive by default)", () => {
    expect(status(40000, 20000)).toBe("Projet");
    expect(status("40 000,00 €", "20 000,00 €")).toBe("Projet");
    expect(floorShortfall(20000)).toBe(0);
    expect(floorShortfall(19999.99)).toBe(0.01);
    expect(status(40000, 19999.99)).toBe("Lettre de commande");
    expect(check(40000, 20000)).toBe("OK");
  });

  it("a rate of exactly 50 % meets the cap", () => {
    expect(fseRate(25000, 50000)).toBe(0.5);
    expect(status(50000, 25000)).toBe("Projet");
    expect(maxFse(50000)).toBe(25000);
    expect(status(50000, 25000.01)).toBe("Lettre de commande");
  });

  it("24 645 of 49 289 breaks the cap although it rounds to 50,00 %", () => {
    expect(status(49289, 24645)).toBe("Lettre de commande");
    expect(maxFse(49289)).toBe(24644.5);
    const words = check(49289, 24645);
    expect(words).toContain("au-dessus du plafond");
    expect(words).toContain("24\u202f644,50\u00a0€");
    expect(words).toContain("excédent 0,50\u00a0€");
  });

  it("25 168,18 of 50 336,37 holds", () => {
    expect(status(50336.37, 25168.18)).toBe("Projet");
    expect(status("50 336,37 €", "25 168,18 €")).toBe("Projet");
    expect(maxFse(50336.37)).toBe(25168.18);
    expect(check(50336.37, 25168.18)).toBe("OK");
  });

  it("17 965 € out of 35 922 € is 50,01 % and breaks the cap", () => {
    expect(status(35922, 17965)).toBe("Lettre de commande");
    expect(maxFse(35922)).toBe(17961);
  });

  it("strict floor: 20 000,00 € is no longer enough", () => {
    setSettings({ rules: { ...DEFAULT_RULES, floorStrict: true }, aliases: [] });
    expect(status(40000, 20000)).toBe("Lettre de commande");
    expect(floorShortfall(20000)).toBe(0.01);
    expect(floorShortfall(20000.01)).toBe(0);
    expect(check(40000, 20000)).toContain("(strict)");
  });

  it("cap 60 % via setSettings; formulas follow on the next call", () => {
    // Portage de Référents 2015: 51,52 %.
    expect(status(49677.21, 25594.6)).toBe("Lettre de commande");
    setSettings({ rules: { ...DEFAULT_RULES, capBasisPoints: 6000 }, aliases: [] });
    expect(status(49677.21, 25594.6)).toBe("Projet");
    expect(check(49677.21, 25594.6)).toBe("OK");
    expect(maxFse(34542.69)).toBe(20725.61);
    expect(check(34542.69, 20844.62)).toContain("au-dessus du plafond de 60,00\u00a0%");
    expect(status(50000, 30000)).toBe("Projet");
    expect(status(50000, 30000.01)).toBe("Lettre de commande");
  });

  it("floor 10 000 € via setSettings", () => {
    setSettings({ rules: { ...DEFAULT_RULES, floorCents: asCents(1_000_000) }, aliases: [] });
    expect(status(30000, 12000)).toBe("Projet");
    expect(floorShortfall(9000)).toBe(1000);
  });

  it("a line below 40 000 € is told the minimum total cost", () => {
    expect(check(30000, 15000)).toContain("Un projet demande au moins 40\u202f000,00\u00a0€ de dépenses totales.");
  });
});

describe("VERIFIER", () => {
  it("balance: financements in a row or a column, blanks count as 0", () => {
    expect(check(100000, 50000, [[50000, "", null, "50 000,00 €"]])).toBe("OK");
    expect(check(100000, 50000, [[50000], [""], [50000]])).toBe("OK");
    const words = check(100000, 50000, [[50000, 38314.92]]);
    expect(words).toContain("Plan de financement déséquilibré");
    expect(words).toContain("écart 11\u202f685,08\u00a0€");
    expect(gap(100000, [[50000, 38314.92]])).toBe(11685.08);
    expect(gap("100 000,00 €", [["50 000"], [50000]])).toBe(0);
  });

  it("Total opération compared with Dépenses totales", () => {
    expect(check(100000, 50000, undefined, 100000)).toBe("OK");
    expect(checkArguments(100000, 50000, null, 100000).findings).toEqual([]);
    expect(check(100000, 50000, undefined, "100 000,01 €")).toContain(
      "Total opération (100\u202f000,01\u00a0€) différent des dépenses totales",
    );
  });

  it("several findings are joined with ' ; '", () => {
    const words = check(30000, 20000, [[20000, 5000]], 31000);
    const messages = checkArguments(30000, 20000, [[20000, 5000]], 31000).findings.map((f) => findingMessage(f, "fr"));
    expect(messages.length).toBe(3);
    expect(words).toBe(messages.join(FUNCTION_WORDS.separator));
    expect(messages[0]).toContain("plafond");
    expect(messages[1]).toContain("déséquilibré");
    expect(messages[2]).toContain("Total opération");
  });

  it("blank Dépenses totales: the rules cannot be checked", () => {
    expect(check("", 20000)).toBe(
      "Dépenses totales absentes : les règles FSE ne peuvent pas être vérifiées sur cette ligne.",
    );
  });

  it("sub-cent and negative amounts are reported, as in the sheet", () => {
    const words = check(40000.005, 20000);
    expect(words).toContain("plus de deux décimales");
    expect(check(40000, -5)).toContain("Montant négatif");
  });
});

describe("bad arguments give #VALUE! with a message naming the value", () => {
  it("text that is not an amount", () => {
    expect(valueError(() => status("abc", 20000)).message).toBe(
      "Dépenses totales\u00a0: «\u00a0abc\u00a0» n'est pas un montant.",
    );
    expect(valueError(() => fseRate("vingt mille", 40000)).message).toContain("FSE\u00a0: «\u00a0vingt mille\u00a0»");
    expect(valueError(() => maxFse("12,3,4")).message).toContain("«\u00a012,3,4\u00a0»");
  });

  it("a rate, a logical value, an error value", () => {
    expect(valueError(() => status(40000, "50 %")).message).toContain("est un taux, pas un montant");
    expect(valueError(() => floorShortfall(true)).message).toContain("valeur logique VRAI");
    expect(valueError(() => maxFse("#REF!")).message).toContain("valeur d'erreur «\u00a0#REF!\u00a0»");
  });

  it("financements: a bad cell, a 2-D range", () => {
    expect(valueError(() => gap(100000, [[50000, "n/a"]])).message).toContain("Financements\u00a0: «\u00a0n/a\u00a0»");
    expect(
      valueError(() =>
        check(100000, 50000, [
          [1, 2],
          [3, 4],
        ]),
      ).message,
    ).toContain("une seule ligne ou une seule colonne");
  });

  it("missing or non-positive Dépenses totales", () => {
    expect(valueError(() => status("", 20000)).message).toContain("montant manquant");
    expect(valueError(() => fseRate(20000, 0)).message).toContain("dépenses positives");
    expect(valueError(() => maxFse(null)).message).toContain("Dépenses totales");
  });

  it("an unknown financer, a range without a table", () => {
    expect(valueError(() => financerTotal(grid2019, "Banque de France")).message).toContain(
      "«\u00a0Banque de France\u00a0» inconnu",
    );
    expect(valueError(() => financerTotal(grid2019, 12)).message).toContain("texte attendu");
    expect(
      valueError(() =>
        control([
          ["a", "b"],
          [1, 2],
        ]),
      ).message,
    ).toContain("Aucun tableau de programmation");
  });

  it("without the runtime (CustomFunctions undefined) the same code and message, on a plain Error", () => {
    removeRuntime();
    let caught: unknown;
    try {
      status("abc", 1);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(FunctionArgumentError);
    expect((caught as FunctionArgumentError).code).toBe("#VALUE!");
    expect((caught as FunctionArgumentError).message).toContain("«\u00a0abc\u00a0»");
  });

  it("with the runtime, a CustomFunctions.Error", () => {
    let caught: unknown;
    try {
      status("abc", 1);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(StubError);
  });
});

describe("tables: the 2019 sheet", () => {
  it("TOTAL_FINANCEUR over the whole sheet: both tables", () => {
    expect(financerTotal(grid2019, "FSE")).toBe(557250.11);
    expect(financerTotal(grid2019, "fse")).toBe(557250.11);
    expect(financerTotal(grid2019, "Etat - FSE")).toBe(557250.11);
    expect(financerTotal(grid2019, "Dijon Métropole")).toBe(210000);
    expect(financerTotal(grid2019, "Grand Dijon")).toBe(210000);
    expect(financerTotal(grid2019, "dijon_metropole")).toBe(210000);
    expect(financerTotal(grid2019, "Collectivité - Conseil Départemental")).toBe(90000);
    expect(financerTotal(grid2019, "Région")).toBe(66288);
    expect(financerTotal(grid2019, "Autofinancement")).toBe(136437.35);
  });

  it("TOTAL_FINANCEUR over the main table's rows", () => {
    const main = grid2019.slice(0, 15);
    expect(financerTotal(main, "FSE")).toBe(533125.11);
    expect(financerTotal(main, "Dijon Métropole")).toBe(184655.27);
    // The range may start at the header rows.
    expect(financerTotal(grid2019.slice(1, 15), "FSE")).toBe(533125.11);
  });

  it("TOTAL_FINANCEUR: a financer without a column totals 0; an unreadable cell is an error", () => {
    expect(financerTotal(grid2019, "FORCO")).toBe(0);
    const broken = grid2019.map((r) => r.slice());
    broken[5][11] = "voir note";
    expect(valueError(() => financerTotal(broken, "FSE")).message).toContain(
      "FSE, ligne 6 du tableau\u00a0: Montant illisible : « voir note » n'est pas un montant.",
    );
    expect(financerTotal(broken, "Dijon Métropole")).toBe(210000);
  });

  it("TOTAL_FINANCEUR follows the user's aliases", () => {
    const renamed = grid2019.map((r) => r.slice());
    renamed[2][6] = "Métropole (subvention)";
    renamed[19][6] = "Métropole (subvention)";
    setSettings({ rules: DEFAULT_RULES, aliases: [{ header: "Métropole (subvention)", financer: "dijon_metropole" }] });
    expect(financerTotal(renamed, "Dijon Métropole")).toBe(210000);
    expect(financerTotal(renamed, "Métropole (subvention)")).toBe(210000);
  });

  it("CONTROLE spills a header then one row per operation", () => {
    const out = control(grid2019);
    expect(out[0]).toEqual(FUNCTION_WORDS.controlHeader);
    expect(out.length).toBe(14);
    for (const row of out) expect(row.length).toBe(out[0].length);
    expect(out[1]).toEqual(["422B", "OS3 Service PLIE (Partie Animation)", "PLIE", "Projet", 129103.56, 0.4441, "OK"]);
    expect(out.slice(1).every((r) => r[3] === "Projet")).toBe(true);
    expect(out[13][1]).toBe("OS2_Clauses PLIE facilitateur");
    expect(out[13][4]).toBe(24125);
    const totalFse = out.slice(1).reduce((s, r) => s + Math.round((r[4] as number) * 100), 0);
    expect(totalFse).toBe(55725011);
  });

  it("CONTROLE follows the settings: a 45 % cap makes order letters", () => {
    setSettings({ rules: { ...DEFAULT_RULES, capBasisPoints: 4500 }, aliases: [] });
    const out = control(grid2019);
    const quetigny = out.find((r) => r[2] === "Ville de QUETIGNY")!;
    expect(quetigny[3]).toBe("Lettre de commande");
    expect(quetigny[6]).toContain("au-dessus du plafond de 45,00\u00a0%");
    const animation = out[1];
    expect(animation[3]).toBe("Projet");
  });
});

describe("tables with a header the parser cannot tell: the user's column roles", () => {
  // Fondation X (M) holds 15 000,00 € on row 4 and 7 250,50 € on row 5: 22 250,50 € of private funds.
  const table = () => fondationRectangle();
  const gap = (euros: string, total: string, diff: string) =>
    `Plan de financement déséquilibré : les financeurs totalisent ${euros} pour ${total} de dépenses totales (écart ${diff}).`;

  it("TOTAL_FINANCEUR: nothing of Fondation X without a role, 22 250,50 € once the role is in the settings", () => {
    expect(financerTotal(table(), "fonds_prives")).toBe(0);
    expect(valueError(() => financerTotal(table(), "Fondation X")).message).toContain(
      "«\u00a0Fondation X\u00a0» inconnu",
    );
    setSettings({ rules: DEFAULT_RULES, aliases: [], columns: [FONDATION_ROLE] });
    expect(financerTotal(table(), "fonds_prives")).toBe(22250.5);
    expect(financerTotal(table(), "Fonds privés / publics")).toBe(22250.5);
    // The header the role was given to names the financer too.
    expect(financerTotal(table(), "Fondation X")).toBe(22250.5);
    expect(financerTotal(table(), "FSE")).toBe(70000);
    expect(financerTotal(table(), "Dijon Métropole")).toBe(45000);
    expect(financerTotal(table(), "Conseil départemental")).toBe(12750);
  });

  it("CONTROLE: rows 4 and 5 unbalanced without the role, OK with it", () => {
    const before = control(table());
    expect(before.length).toBe(4);
    expect(before[1][6]).toContain(gap("45\u202f000,00\u00a0€", "60\u202f000,00\u00a0€", "15\u202f000,00\u00a0€"));
    expect(before[2][6]).toContain(gap("32\u202f750,00\u00a0€", "40\u202f000,50\u00a0€", "7\u202f250,50\u00a0€"));
    expect(before[3][6]).toBe("OK");
    setSettings({ rules: DEFAULT_RULES, aliases: [], columns: [FONDATION_ROLE] });
    const after = control(table());
    expect(after.slice(1).map((r) => [r[1], r[3], r[4], r[6]])).toEqual([
      ["Atelier mobilité", "Projet", 25000, "OK"],
      ["Chantier d'insertion", "Projet", 20000, "OK"],
      ["Animation du PLIE", "Projet", 25000, "OK"],
    ]);
  });

  it("the roles come with the workbook's settings (loaded as JSON, like the aliases)", async () => {
    await loadSettings(() =>
      Promise.resolve(
        JSON.stringify({
          floor: 20000,
          cap: 0.5,
          strictFloor: false,
          aliases: [],
          columns: [{ header: "FONDATION X", role: "fonds_prives" }],
        }),
      ),
    );
    expect(currentSettings().columns).toEqual([{ header: "FONDATION X", role: "fonds_prives" }]);
    expect(financerTotal(table(), "fonds_prives")).toBe(22250.5);
    // "ignorer": the column is not read and raises no finding; its amounts stay out of the plan.
    setSettings({ rules: DEFAULT_RULES, aliases: [], columns: [{ header: "Fondation X", role: "ignorer" }] });
    expect(financerTotal(table(), "fonds_prives")).toBe(0);
    expect(control(table())[1][6]).toContain("déséquilibré");
  });
});

describe("settings store", () => {
  it("defaults: DEFAULT_RULES and no aliases", () => {
    expect(currentSettings()).toBe(DEFAULT_SETTINGS);
    expect(currentSettings().rules).toEqual(DEFAULT_RULES);
    expect(currentSettings().aliases).toEqual([]);
  });

  it("serialize / parse round trip: floor in euros, cap as a fraction", () => {
    const s: Settings = {
      rules: { ...DEFAULT_RULES, floorCents: asCents(1_000_050), capBasisPoints: 6000, floorStrict: true },
      aliases: [{ header: "Fondation X", financer: "fonds_prives" }],
    };
    const json = serializeSettings(s);
    expect(JSON.parse(json)).toEqual({
      floor: 10000.5,
      cap: 0.6,
      strictFloor: true,
      aliases: [{ header: "Fondation X", financer: "fonds_prives" }],
    });
    const back = parseSettings(json);
    expect(back.problems).toEqual([]);
    expect(back.settings.rules).toEqual(s.rules);
    expect(back.settings.aliases).toEqual(s.aliases);
  });

  it("parse never throws: bad JSON and bad fields give defaults and problems", () => {
    const bad = parseSettings("{not json");
    expect(bad.settings).toBe(DEFAULT_SETTINGS);
    expect(bad.problems.length).toBe(1);
    const mixed = parseSettings(
      JSON.stringify({
        floor: "beaucoup",
        cap: 2,
        strictFloor: "oui",
        aliases: [{ header: "A", financer: "nobody" }, { header: "B", financer: "FSE" }, 3],
      }),
    );
    expect(mixed.settings.rules).toEqual(DEFAULT_RULES);
    expect(mixed.settings.aliases).toEqual([{ header: "B", financer: "fse" }]);
    expect(mixed.problems.length).toBe(5);
    expect(mixed.problems[0]).toContain("beaucoup");
    expect(parseSettings("null").problems.length).toBe(1);
    expect(parseSettings(JSON.stringify({ floor: "20 000,00 €", cap: "60 %" })).settings.rules).toMatchObject({
      floorCents: 2_000_000,
      capBasisPoints: 6000,
    });
  });

  it("loadSettings applies the workbook's settings and notifies subscribers", async () => {
    const seen: Settings[] = [];
    const off = onSettingsChange((s) => seen.push(s));
    const r = await loadSettings(() => Promise.resolve({ floor: 10000, cap: 0.6, strictFloor: false, aliases: [] }));
    expect(r.problems).toEqual([]);
    expect(currentSettings().rules).toMatchObject({ floorCents: 1_000_000, capBasisPoints: 6000 });
    expect(seen.length).toBe(1);
    expect(status(30000, 15000)).toBe("Projet");
    off();
    resetSettings();
    expect(seen.length).toBe(1);
  });

  it("loadSettings: JSON text, a failing loader, a change made while loading", async () => {
    await loadSettings(() => Promise.resolve(JSON.stringify({ cap: 0.6 })));
    expect(currentSettings().rules.capBasisPoints).toBe(6000);
    resetSettings();
    const failed = await loadSettings(() => Promise.reject(new Error("no settings part")));
    expect(failed.problems[0]).toContain("no settings part");
    expect(currentSettings()).toBe(DEFAULT_SETTINGS);
    let release: (v: string) => void = () => {};
    const pending = loadSettings(() => new Promise<string>((res) => (release = res)));
    setSettings({ rules: { ...DEFAULT_RULES, capBasisPoints: 5500 }, aliases: [] });
    release(JSON.stringify({ cap: 0.6 }));
    await pending;
    expect(currentSettings().rules.capBasisPoints).toBe(5500);
  });

  it("setSettings refuses rules out of range", () => {
    expect(() => setSettings({ rules: { ...DEFAULT_RULES, capBasisPoints: 0 }, aliases: [] })).toThrow(RangeError);
    expect(currentSettings()).toBe(DEFAULT_SETTINGS);
  });
});

describe("metadata", () => {
  it("functions.ts yields valid metadata, every id of names.ts with its French name", async () => {
    const result = await generateCustomFunctionsMetadata(FUNCTIONS_TS);
    expect(result.errors).toEqual([]);
    const meta = JSON.parse(result.metadataJson) as {
      functions: {
        id: string;
        name: string;
        description?: string;
        helpUrl?: string;
        parameters: { name: string; optional?: boolean; dimensionality?: string }[];
        result?: { dimensionality?: string };
      }[];
    };
    expect(meta.functions.map((f) => f.id).sort()).toEqual([...FUNCTION_IDS].sort());
    for (const f of meta.functions) {
      const id = f.id as keyof typeof FUNCTION_NAMES;
      expect(f.name).toBe(FUNCTION_NAMES[id].fr);
      expect(f.description).toBeTruthy();
      expect(f.helpUrl).toMatch(/^https:\/\//);
      for (const p of f.parameters) expect(Object.keys(ENGLISH_DESCRIPTIONS[id].parameters)).toContain(p.name);
    }
    const checkFn = meta.functions.find((f) => f.id === "CHECK")!;
    expect(checkFn.parameters.map((p) => [p.name, p.optional ?? false])).toEqual([
      ["depenses", false],
      ["fse", false],
      ["financements", true],
      ["total_operation", true],
    ]);
    expect(meta.functions.find((f) => f.id === "CONTROL")!.result?.dimensionality).toBe("matrix");
    expect(result.associate.map((a) => a.id).sort()).toEqual([...FUNCTION_IDS].sort());
    // functions.ts leaves the associate calls to the build.
    expect(fs.readFileSync(FUNCTIONS_TS, "utf8")).not.toMatch(/CustomFunctions\.associate\s*\(/);

    const en = englishMetadata(meta) as typeof meta;
    expect(en.functions.map((f) => f.name)).toEqual(
      meta.functions.map((f) => FUNCTION_NAMES[f.id as keyof typeof FUNCTION_NAMES].en),
    );
    expect(en.functions.find((f) => f.id === "FSE_RATE")!.description).toBe(ENGLISH_DESCRIPTIONS.FSE_RATE.description);
    expect(en.functions.map((f) => f.id)).toEqual(meta.functions.map((f) => f.id));
    expect(meta.functions[0].name).toBe("TAUX_FSE"); // the French input is left as it was
    expect(() => englishMetadata({ functions: [{ id: "UNKNOWN", name: "X", parameters: [] }] })).toThrow(/UNKNOWN/);
  });

  it("names: ids, French and English names are unique", () => {
    const fr = FUNCTION_IDS.map((id) => FUNCTION_NAMES[id].fr);
    const en = FUNCTION_IDS.map((id) => FUNCTION_NAMES[id].en);
    expect(new Set(fr).size).toBe(FUNCTION_IDS.length);
    expect(new Set(en).size).toBe(FUNCTION_IDS.length);
    expect(FUNCTION_NAMES.FSE_RATE).toEqual({ fr: "TAUX_FSE", en: "FSE_RATE" });
    expect(FUNCTION_NAMES.CONTROL).toEqual({ fr: "CONTROLE", en: "CONTROL" });
  });
});
