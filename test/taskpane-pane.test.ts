import * as path from "path";
import { describe, expect, it } from "vitest";
import { readWorkbook } from "../src/cli/read";
import type { SheetResult } from "../src/domain/check";
import { analyseWorkbook } from "../src/sheet/workbook";
import { FONDATION_ROWS, FONDATION_SHEET_NAME } from "./column-roles-sample";
import { bannerTitle, checkedWords } from "../src/taskpane/banner";
import { percentOf } from "../src/taskpane/chart";
import { cellList, sheetWriter, withNotesLeft, writtenWords, type PaneContext } from "../src/taskpane/context";
import { errorCode, errorWords } from "../src/taskpane/errors";
import { groupCount, groupWhere } from "../src/taskpane/findings";
import { browserStorage, FIRST_RUN_KEY } from "../src/taskpane/first-run";
import type { Jobs } from "../src/taskpane/jobs";
import { paneModel } from "../src/taskpane/model";
import { contrast, paneTheme, parseHex } from "../src/taskpane/theme";
import { OfficeMockError } from "./office-mock";

const FIXTURES = path.resolve(__dirname, "../../shared/fixtures");

async function sheets(...years: number[]): Promise<SheetResult[]> {
  const out: SheetResult[] = [];
  for (const y of years)
    out.push(...analyseWorkbook(await readWorkbook(path.join(FIXTURES, `programmation-${y}.xlsx`))).sheets);
  return out;
}

/** An OfficeExtension.Error as Excel rejects with it (the Office.js mock's, with Microsoft's message for the code unless given). */
const excelError = (code: string, message?: string) => new OfficeMockError(code, message);

describe("the answer first", () => {
  it("2015: 10 blocking findings on 10 lines; 2019: ready for the COPIL; the sheets and years checked", async () => {
    const m2015 = paneModel(await sheets(2015), "fr");
    expect(m2015.counts.blockingRows).toBe(10);
    expect(bannerTitle(m2015, "fr")).toBe("10 anomalies bloquantes sur 10 lignes");
    expect(bannerTitle(m2015, "en")).toBe("10 blocking findings on 10 lines");
    const m2019 = paneModel(await sheets(2019), "fr");
    expect(bannerTitle(m2019, "fr")).toBe("Prêt pour le COPIL");
    expect(checkedWords(m2019, "fr")).toBe("Feuille vérifiée\u00a0: Programmation 2019 (2019)");
    const both = paneModel(await sheets(2015, 2019), "en");
    expect(checkedWords(both, "en")).toBe("Sheets checked: Programmation 2015 (2015), Programmation 2019 (2019)");
  });

  it("agrees the title with its counts, and leaves out the lines when the errors are the sheet's own", async () => {
    const m = paneModel(await sheets(2015), "fr");
    const one = { ...m, counts: { ...m.counts, error: 1, blockingRows: 1 } };
    expect(bannerTitle(one, "fr")).toBe("1 anomalie bloquante sur 1 ligne");
    expect(bannerTitle(one, "en")).toBe("1 blocking finding on 1 line");
    expect(bannerTitle({ ...m, counts: { ...m.counts, error: 2, blockingRows: 0 } }, "fr")).toBe(
      "2 anomalies bloquantes",
    );
  });
});

describe("findings by line", () => {
  it("groups 2015's findings under their operation (row, action, name, operator), then the table's", async () => {
    const m = paneModel(await sheets(2015), "fr");
    expect(m.groups.map((g) => [g.kind, g.row, g.findings.map((f) => f.cell).join(" ")])).toEqual([
      ["line", 5, "L5"],
      ["line", 6, "L6"],
      ["line", 11, "M11"],
      ["line", 12, "M12"],
      ["line", 14, "M14"],
      ["line", 15, "M15"],
      ["line", 16, "L16"],
      ["line", 17, "M17"],
      ["line", 19, "L19"],
      ["table", null, "E21"],
    ]);
    expect(m.groups[0]).toMatchObject({
      id: "g0-t0-r5",
      sheet: "Programmation 2015",
      label: "322D — Clauses PLIE facilitateur — PLIE",
      counts: { error: 1, warning: 0, info: 0 },
    });
    expect(groupWhere(m.groups[0], false, "fr")).toBe("Ligne 5");
    expect(groupWhere(m.groups[0], true, "en")).toBe("Programmation 2015 · Row 5");
    expect(groupWhere(m.groups[9], false, "fr")).toBe("Tableau principal — totaux et budget");
    expect(groupWhere({ ...m.groups[9], kind: "sheet" }, false, "en")).toBe("Sheet Programmation 2015");
    // Every finding is in one group, and the flat list keeps the sheet's order.
    expect(m.groups.flatMap((g) => g.findings)).toHaveLength(m.findings.length);
    expect(m.findings.map((f) => f.row)).toEqual([5, 6, 11, 12, 14, 15, 16, 17, 19, 21]);
  });

  it("puts a table's header findings (an unknown column) before its lines", () => {
    const r = analyseWorkbook([{ name: FONDATION_SHEET_NAME, values: FONDATION_ROWS }]).sheets;
    const m = paneModel(r, "fr");
    expect(m.groups[0]).toMatchObject({ kind: "table", part: "head", id: "g0-t0-head" });
    expect(m.groups[0].findings.map((f) => [f.code, f.cell])).toEqual([["UNKNOWN_COLUMN", "M3"]]);
    expect(groupWhere(m.groups[0], false, "fr")).toBe("Tableau principal — en-tête et colonnes");
    // Then the lines that do not balance without that column.
    expect(m.groups.slice(1).map((g) => [g.kind, g.row])).toEqual([
      ["line", 4],
      ["line", 5],
    ]);
  });

  it("counts a group's findings in words, the severities present only", () => {
    expect(groupCount({ error: 2, warning: 1, info: 0 }, "fr")).toBe("2 erreurs, 1 avertissement");
    expect(groupCount({ error: 0, warning: 0, info: 3 }, "en")).toBe("3 notes");
  });
});

describe("the money", () => {
  it("2019's FSE envelope: programmed against the BUDGET row; financers in cents for the charts", async () => {
    const m = paneModel(await sheets(2019), "fr");
    expect(m.envelope).toEqual([
      {
        sheet: "Programmation 2019",
        year: "2019",
        programmedCents: 55725011,
        budgetCents: 60000000,
        programmed: "557\u202f250,11\u00a0€",
        budget: "600\u202f000,00\u00a0€",
        rest: "42\u202f749,89\u00a0€",
        over: false,
        share: "92,9\u00a0%",
      },
    ]);
    const fse = m.sheets[0].financers.find((f) => f.financer === "FSE - CD21 + FSE")!;
    expect([fse.programmedCents, fse.budgetCents]).toEqual([55725011, 60000000]);
  });

  it("draws bars as a share of the largest figure, within 0–100 %", () => {
    expect(percentOf(21000000, 55725011)).toBe("37.7%");
    expect(percentOf(5, 5)).toBe("100%");
    expect(percentOf(7, 5)).toBe("100%");
    expect(percentOf(-1, 5)).toBe("0%");
    expect(percentOf(3, 0)).toBe("0%");
  });
});

describe("Excel's errors in words", () => {
  it("maps Excel's error codes to what to do, French and English", () => {
    expect(errorWords(excelError("InvalidOperationInCellEditMode"), "fr")).toBe(
      "Une cellule est en cours de modification dans Excel : terminez la saisie (Entrée ou Échap), puis réessayez.",
    );
    expect(errorWords(excelError("InvalidOperationInCellEditMode"), "en")).toBe(
      "A cell is being edited in Excel: finish editing the cell (Enter or Esc), then try again.",
    );
    expect(errorWords(excelError("AccessDenied"), "fr")).toMatch(
      /^Excel refuse d'écrire dans le classeur : une feuille est protégée\. Ôtez sa protection/,
    );
    expect(errorWords(excelError("AccessDenied"), "fr", true)).toMatch(/^Le classeur est ouvert en lecture seule/);
    expect(errorWords(excelError("AccessDenied"), "en", true)).toMatch(/^The workbook is open read-only/);
    expect(errorWords(excelError("ApiNotFound"), "fr")).toMatch(/version trop ancienne/);
    expect(errorWords(excelError("ItemNotFound"), "en")).toMatch(/check again\.$/);
  });

  it("says any other error with its message", () => {
    expect(errorWords(excelError("GeneralException", "There was an internal error."), "fr")).toBe(
      "Échec\u00a0: There was an internal error.",
    );
    expect(errorWords(new Error("Plafond du taux FSE (%) ?"), "fr")).toBe("Échec\u00a0: Plafond du taux FSE (%) ?");
    expect(errorWords("boom", "en")).toBe("Failed: boom");
    expect([
      errorCode(excelError("AccessDenied")),
      errorCode(new Error("x")),
      errorCode(null),
      errorCode({ code: 42 }),
    ]).toEqual(["AccessDenied", null, null, null]);
  });
});

describe("the theme", () => {
  it("follows Office's theme where the host gives one, else the system's scheme", () => {
    expect(paneTheme(undefined, true)).toEqual({ mode: "dark", source: "system", properties: {} });
    expect(paneTheme(undefined, false).mode).toBe("light");
    // Office's Black theme: dark, its body colours kept (readable with the pane's words).
    const black = paneTheme(
      {
        bodyBackgroundColor: "#262626",
        bodyForegroundColor: "#FFFFFF",
        controlBackgroundColor: "#1F1F1F",
        controlForegroundColor: "#FFFFFF",
        isDarkTheme: true,
      },
      false,
    );
    expect(black).toEqual({
      mode: "dark",
      source: "office",
      properties: {
        "--office-bg": "#262626",
        "--office-fg": "#FFFFFF",
        "--office-control-bg": "#1F1F1F",
        "--office-control-fg": "#FFFFFF",
      },
    });
    // Colorful: light, white body, wins over a dark system.
    expect(
      paneTheme(
        {
          bodyBackgroundColor: "#FFFFFF",
          bodyForegroundColor: "#000000",
          controlBackgroundColor: "#FFFFFF",
          controlForegroundColor: "#262626",
          isDarkTheme: false,
        },
        true,
      ).mode,
    ).toBe("light");
    // Without isDarkTheme (older hosts), the body's lightness tells.
    expect(paneTheme({ bodyBackgroundColor: "#333333", bodyForegroundColor: "#F0F0F0" }, false).mode).toBe("dark");
  });

  it("keeps Office's colours only where the pane's words stay readable (WCAG AA)", () => {
    // Dark gray (#666): the pane's dark tokens would not read on it: tokens kept, mode dark.
    const gray = paneTheme(
      {
        bodyBackgroundColor: "#666666",
        bodyForegroundColor: "#FFFFFF",
        controlBackgroundColor: "#444444",
        controlForegroundColor: "#FFFFFF",
        isDarkTheme: true,
      },
      false,
    );
    expect(gray.mode).toBe("dark");
    expect(gray.properties["--office-bg"]).toBeUndefined();
    // A foreground too faint on its background: not taken.
    expect(
      paneTheme({ bodyBackgroundColor: "#FFFFFF", bodyForegroundColor: "#BBBBBB", isDarkTheme: false }, false)
        .properties,
    ).toEqual({});
    expect(contrast("#000", "#fff")).toBeCloseTo(21, 5);
    expect(contrast("#0f6cbd", "#ffffff")).toBeGreaterThan(4.5);
    expect([parseHex("#abc"), parseHex("nope"), parseHex(undefined)]).toEqual([[170, 187, 204], null, null]);
  });
});

describe("first run and the pane's helpers", () => {
  it("uses localStorage when it can, and does without when reading it throws", () => {
    const map = new Map<string, string>();
    const store = { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) };
    expect(browserStorage({ localStorage: store })).toBe(store);
    const denied = {
      get localStorage(): never {
        throw new DOMException("denied", "SecurityError");
      },
    };
    expect(browserStorage(denied)).toBeNull();
    expect(
      browserStorage({
        localStorage: {
          getItem: () => {
            throw new Error("disabled");
          },
          setItem: () => undefined,
        },
      }),
    ).toBeNull();
    expect(browserStorage(undefined)).toBeNull();
    expect(FIRST_RUN_KEY).toBe("plie.pane.firstCheckDone");
  });

  it("names the sheets written, or the marks' notes left, in words", () => {
    expect(writtenWords(["Rapport COPIL"], "fr")).toBe("Rapport écrit dans la feuille «\u00a0Rapport COPIL\u00a0».");
    expect(writtenWords(["Simulation FSE", "Simulation FSE (2)"], "en")).toBe(
      "Report written to sheet “Simulation FSE”, “Simulation FSE (2)”.",
    );
    expect(writtenWords([], "fr")).toBe("Aucune feuille n'a de budget FSE (ligne BUDGET) : pas de simulation.");
    expect(withNotesLeft("Marques effacées.", [], "fr")).toBe("Marques effacées.");
    expect(withNotesLeft("Cleared.", ["S!A1"], "en")).toMatch(
      /^Cleared\. This Excel has no notes \(ExcelApi 1\.18\).*: S!A1\.$/,
    );
    const many = Array.from({ length: 12 }, (_, i) => `S!A${i + 1}`);
    expect(cellList(many, "fr")).toBe("S!A1, S!A2, S!A3, S!A4, S!A5, S!A6, S!A7, S!A8, S!A9, S!A10… (+2 de plus)");
  });

  it("one helper writes a sheet: a job with its words, the sheet named, or a check asked for first", async () => {
    const said: string[] = [];
    const jobs: string[] = [];
    let results: SheetResult[] | null = null;
    const runner: Jobs = {
      busy: () => false,
      run: async (words, work) => {
        jobs.push(words);
        await work();
      },
    };
    const ctx = {
      lang: "fr",
      jobs: runner,
      results: () => results,
      say: (t: string) => said.push(t),
    } as unknown as PaneContext;
    const written: number[] = [];
    const write = sheetWriter(ctx, "writing", (r) => {
      written.push(r.length);
      return Promise.resolve("Synthèse");
    });
    await write();
    expect(said.pop()).toBe("Lancez d'abord une vérification.");
    results = await sheets(2019);
    await write();
    expect(said.pop()).toBe("Rapport écrit dans la feuille «\u00a0Synthèse\u00a0».");
    expect(written).toEqual([1]);
    expect(jobs).toEqual(["writing", "writing"]);
    await sheetWriter(ctx, "writing", () => Promise.resolve([]), "noBudget")();
    expect(said.pop()).toBe("Aucune feuille n'a de budget FSE (ligne BUDGET) : pas de simulation.");
  });
});
