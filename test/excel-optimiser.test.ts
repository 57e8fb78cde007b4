/// <reference types="office-js" />
import * as path from "path";
import { officeMock } from "./office-mock";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { readWorkbook } from "../src/cli/read";
import type { SheetResult } from "../src/domain/check";
import { optimiseEnvelope, type Optimisation } from "../src/domain/optimiser";
import { DEFAULT_RULES } from "../src/domain/rules";
import { isOptimiserSheetName, optimisationSentences, writeOptimiserSheet } from "../src/excel/optimiser-sheet";
import { optimisationText } from "../src/report/optimiser";
import { analyseSheet, analyseWorkbook } from "../src/sheet/workbook";

const FIXTURE_2019 = path.resolve(__dirname, "../../shared/fixtures/programmation-2019.xlsx");

describe("writeOptimiserSheet: programmation 2019", () => {
  let sheet: SheetResult;
  let opt: Optimisation;
  beforeAll(async () => {
    sheet = analyseWorkbook(await readWorkbook(FIXTURE_2019)).sheets[0];
    opt = optimiseEnvelope(sheet, DEFAULT_RULES);
  });

  it("writes today's and the proposed FSE per line, the envelope and the reasons, as a simulation, in 2 syncs", async () => {
    const { context, added } = officeMock({ sheets: ["Programmation 2019"] });
    const sync = vi.spyOn(context, "sync");
    const out = await writeOptimiserSheet(context, sheet, opt, "fr");
    expect(sync).toHaveBeenCalledTimes(2);
    expect(out.sheetName).toBe("Simulation FSE");
    const ws = added()[0];
    expect(ws.activated).toBe(true);
    expect(Object.keys(ws.ranges)).not.toContain("Programmation 2019");
    const range = ws.ranges[out.address];
    const values = range.values as (string | number)[][];
    const formats = range.numberFormat as string[][];
    expect(values).toBe(out.values);
    expect(values.every((row) => row.length === values[0].length)).toBe(true);
    const find = (label: string, from = 0) => values.findIndex((row, i) => i >= from && row[0] === label);

    // Said to be a simulation that changes nothing.
    expect(values[0][0]).toBe(
      "Simulation de l'enveloppe FSE — «\u00a0Programmation 2019\u00a0» (la feuille n'est pas modifiée)",
    );
    expect(values[1][0]).toBe(
      "SIMULATION — la programmation n'est pas modifiée : aucune cellule de la feuille «\u00a0Programmation 2019\u00a0» n'a été changée.",
    );

    // Envelope figures, as numbers with the euro format.
    const env = find("Enveloppe");
    expect(values[env].slice(1, 3)).toEqual([600000, "ligne BUDGET de la feuille"]);
    expect(formats[env][1]).toBe("#,##0.00 €");
    expect(values[find("FSE programmé")][1]).toBe(557250.11);
    const proposed = find("FSE proposé");
    expect(values[proposed][1]).toBe(569501.11);
    expect(values[proposed][3]).toBe(12251);
    expect(formats[proposed][3]).toBe("+#,##0.00 €;-#,##0.00 €;0.00 €");
    expect(values[find("Enveloppe non utilisée")][1]).toBe(30498.89);

    // The lines: today's FSE, proposed, change, range, limit, autofinancement.
    const head = find("Ligne");
    expect(values[head].slice(0, 7)).toEqual([
      "Ligne",
      "Action",
      "Opération",
      "Opérateur",
      "FSE aujourd'hui",
      "Proposé",
      "Écart",
    ]);
    const rowsOf = values.slice(head + 1, head + 1 + opt.lines.length);
    expect(rowsOf.map((r) => r[0])).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 21]);
    const l14 = rowsOf.find((r) => r[0] === 14)!;
    expect(l14.slice(4, 13)).toEqual([26184, 35592, 9408, 20000, 35592, "plafond", 45000, 35592, "projet"]);
    const l4 = rowsOf.find((r) => r[0] === 4)!;
    expect(l4.slice(1, 2)).toEqual(["422B"]);
    expect(l4.slice(4, 10)).toEqual([129103.56, 129103.56, 0, 20000, 129103.56, "cofinancement"]);
    const f14 = formats[head + 1 + rowsOf.indexOf(l14)];
    expect(f14[0]).toBe("General");
    expect(f14[2]).toBe("@");
    expect(f14.slice(4, 9)).toEqual([
      "#,##0.00 €",
      "#,##0.00 €",
      "+#,##0.00 €;-#,##0.00 €;0.00 €",
      "#,##0.00 €",
      "#,##0.00 €",
    ]);
    const total = head + 1 + opt.lines.length;
    expect(values[total].slice(0, 7)).toEqual(["Total", "", "", "", 557250.11, 569501.11, 12251]);

    // The reasons, in the words of the text report.
    const why = find("Pourquoi");
    expect(why).toBeGreaterThan(total);
    const reasons = values.slice(why + 1).map((r) => r[0] as string);
    expect(reasons[0]).toMatch(/^- L'enveloppe couvre le maximum de chaque projet/);
    const text = optimisationText(opt, "Programmation 2019", "fr");
    for (const r of reasons) expect(text).toContain(r);
    expect(reasons.some((r) => r.startsWith("- En hausse (l'autofinancement baisse d'autant)"))).toBe(true);
    expect(reasons.some((r) => r.includes("30\u202f498,89\u00a0€ d'enveloppe restent non utilisés"))).toBe(true);
  });

  it("is never read back as a programming table", async () => {
    const { context } = officeMock();
    const out = await writeOptimiserSheet(context, sheet, opt, "fr");
    expect(analyseSheet({ name: out.sheetName, values: out.values }).tables).toEqual([]);
    const en = await writeOptimiserSheet(officeMock().context, sheet, opt, "en");
    expect(analyseSheet({ name: en.sheetName, values: en.values }).tables).toEqual([]);
    expect(en.values[1][0]).toMatch(/^WHAT-IF — the programming is unchanged/);
    expect(en.numberFormats.flat()).toContain("€#,##0.00");
  });

  it("never writes over an existing sheet: Simulation FSE (2)…", async () => {
    const { context, added } = officeMock({ sheets: ["Programmation 2019", "simulation fse"] });
    const a = await writeOptimiserSheet(context, sheet, opt);
    const b = await writeOptimiserSheet(context, sheet, opt);
    expect([a.sheetName, b.sheetName]).toEqual(["Simulation FSE (2)", "Simulation FSE (3)"]);
    expect(added()).toHaveLength(2);
    expect(isOptimiserSheetName("Simulation FSE (3)")).toBe(true);
  });

  it("without an envelope: no proposal, the reason in words", async () => {
    const none = { ...sheet, budget: {} } as SheetResult;
    const o = optimiseEnvelope(none, DEFAULT_RULES);
    expect(o.status).toBe("no_envelope");
    const { context } = officeMock();
    const sync = vi.spyOn(context, "sync");
    const out = await writeOptimiserSheet(context, none, o, "fr");
    expect(sync).toHaveBeenCalledTimes(2);
    expect(out.values.some((r) => String(r[0]).startsWith("Pas d'enveloppe"))).toBe(true);
    expect(out.values.some((r) => r[0] === "Enveloppe")).toBe(false);
    expect(optimisationSentences(o, "X", "fr").status).toHaveLength(1);
  });
});
