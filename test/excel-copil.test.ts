/// <reference types="office-js" />
import { officeMock } from "./office-mock";
import { describe, expect, it, vi } from "vitest";
import { copilAgenda } from "../src/domain/copil";
import {
  COPIL_AGENDA_SHEET_NAME,
  isCopilAgendaSheetName,
  setVoteStatus,
  statusColumnOf,
  writeCopilAgendaSheet,
} from "../src/excel/copil-sheet";
import { isAddinSheetName } from "../src/excel/host";
import { analyseSheet } from "../src/sheet/workbook";
import { HEADER_WITH_STATUS, STATUS_COL, STATUS_ROWS, op, sheet } from "./helpers";

/** The workbook mock; `sheet(name)`: the sheet if the add-in asked for it by name (a missing one fails the sync with ItemNotFound, as in Excel). */
function copilWorkbookMock(existing: readonly string[]) {
  const m = officeMock({ sheets: existing });
  return { context: m.context, added: m.added, sheet: m.looked };
}

const NAME = "Programmation 2019";
const analysed = () =>
  analyseSheet(sheet(STATUS_ROWS, { name: NAME, title: "Programmation PLIE 2019", header: HEADER_WITH_STATUS }));

describe("writeCopilAgendaSheet", () => {
  const s = analysed();
  const agenda = copilAgenda([s], { date: "2019-03-14" });

  it("writes the lines to vote, the lines to decide and the totals per financer as numbers with € formats, in 2 syncs", async () => {
    const { context, added } = copilWorkbookMock([NAME]);
    const sync = vi.spyOn(context, "sync");
    const out = await writeCopilAgendaSheet(context, agenda, "fr");
    expect(sync).toHaveBeenCalledTimes(2);
    expect(out.sheetName).toBe("Ordre du jour COPIL");
    const ws = added()[0];
    expect(ws.name).toBe(out.sheetName);
    expect(ws.activated).toBe(true);
    const range = ws.ranges[out.address];
    const values = range.values as (string | number)[][];
    const formats = range.numberFormat as string[][];
    expect(values).toBe(out.values);
    expect(formats).toBe(out.numberFormats);
    expect(out.address).toBe(`A1:L${values.length}`);
    expect(values.every((row) => row.length === 12)).toBe(true);
    expect(formats.every((row) => row.length === 12)).toBe(true);
    expect(values[0][0]).toBe("Préparer le COPIL du 14 mars 2019");
    expect(values[1][0]).toBe("Dates à voter relevées\u00a0: 14 mars 2019, 13 juin 2019");

    const find = (label: string, from = 0) => values.findIndex((row, i) => i >= from && row[0] === label);
    const toVote = find("À voter\u00a0: 3 opérations, 1 projet, 2 lettres de commande");
    expect(toVote).toBeGreaterThan(0);
    expect(values[toVote + 1]).toEqual([
      "Feuille",
      "Ligne",
      "Action",
      "Opération",
      "Opérateur",
      "Classement",
      "Coût de l'opération",
      "FSE",
      "Taux FSE",
      "Statut (texte de la feuille)",
      "Statut lu",
      "Anomalies",
    ]);
    // The lines to vote: rows 5, 6, 7 of the programming, with their real figures in euros.
    const voteRows = values.slice(toVote + 2, toVote + 5);
    expect(voteRows.map((r) => r[1])).toEqual([5, 6, 7]);
    expect(voteRows[0].slice(0, 11)).toEqual([
      NAME,
      5,
      "OS1-422C",
      "Référents de parcours",
      "Mission locale",
      "projet",
      80000,
      40000,
      0.5,
      "à voter au COPIL du 14 mars 2019",
      "à voter (14 mars 2019)",
    ]);
    expect(voteRows[0][11]).toBe("aucune anomalie");
    expect(voteRows[1].slice(5, 9)).toEqual([
      "lettre de commande → Assistance, accompagnement et formation aux participants",
      30000,
      10000,
      0.3333,
    ]);
    expect(voteRows[1][11]).toMatch(/^\[erreur\] I6 FSE_BELOW_FLOOR\u00a0: /);
    expect(voteRows[2][11]).toContain("FSE_RATE_ABOVE_CAP");
    const fr = formats[toVote + 2];
    expect(fr.slice(6, 9)).toEqual(["#,##0.00 €", "#,##0.00 €", "0.00 %"]);
    expect(fr[0]).toBe("@");
    expect(fr[1]).toBe("General");
    expect(out.lineRows.slice(0, 3)).toEqual([toVote + 3, toVote + 4, toVote + 5]);

    // The lines to decide: to submit, without status, unreadable.
    const toDecide = find("À décider\u00a0: 3 opérations, 2 projets, 1 lettre de commande");
    const decideRows = values.slice(toDecide + 2, toDecide + 5);
    expect(decideRows.map((r) => r[1])).toEqual([9, 10, 11]);
    expect(decideRows.map((r) => r[10])).toEqual(["à faire voter", "sans statut", "statut illisible"]);
    expect(decideRows[1][9]).toBe("");
    expect(decideRows[0][11]).toContain("UNBALANCED");
    expect(decideRows[0].slice(6, 8)).toEqual([45000, 20000]);

    // Totals per financer: to vote, to decide, all (euros).
    const totals = find("Totaux par financeur");
    expect(values[totals + 1].slice(0, 4)).toEqual(["Financeur", "À voter", "À décider", "Ensemble"]);
    const row = (label: string) => values[find(label, totals)].slice(1, 4);
    expect(row("FSE - CD21 + FSE")).toEqual([76000, 46000, 122000]);
    expect(row("Dijon Métropole")).toEqual([74000, 46000, 120000]);
    expect(row("Coût total")).toEqual([160000, 97000, 257000]);
    expect(row("Opérations")).toEqual([3, 3, 6]);
    expect(formats[find("FSE - CD21 + FSE", totals)].slice(1, 4)).toEqual(["#,##0.00 €", "#,##0.00 €", "#,##0.00 €"]);
    expect(values.flat().join(" ")).not.toMatch(/undefined|NaN/);
  });

  it("never writes over an existing sheet: a second call makes (2)", async () => {
    const { context, added } = copilWorkbookMock([NAME]);
    const first = await writeCopilAgendaSheet(context, agenda);
    const sync = vi.spyOn(context, "sync");
    const second = await writeCopilAgendaSheet(context, agenda);
    expect(sync).toHaveBeenCalledTimes(2);
    expect([first.sheetName, second.sheetName]).toEqual(["Ordre du jour COPIL", "Ordre du jour COPIL (2)"]);
    expect(added().map((x) => x.name)).toEqual(["Ordre du jour COPIL", "Ordre du jour COPIL (2)"]);
    const { context: c2 } = copilWorkbookMock(["ordre du jour copil", "Ordre du jour COPIL (2)"]);
    expect((await writeCopilAgendaSheet(c2, agenda)).sheetName).toBe("Ordre du jour COPIL (3)");
    expect(COPIL_AGENDA_SHEET_NAME).toBe("Ordre du jour COPIL");
    expect(isCopilAgendaSheetName("Ordre du jour COPIL (12)")).toBe(true);
    expect(isAddinSheetName("Ordre du jour COPIL (2)")).toBe(true);
    expect(isAddinSheetName(NAME)).toBe(false);
  });

  it("is never read back as a programming table", async () => {
    const { context } = copilWorkbookMock([]);
    const out = await writeCopilAgendaSheet(context, agenda);
    expect(analyseSheet({ name: out.sheetName, values: out.values }).tables).toEqual([]);
  });

  it("speaks English with English formats, and writes an empty agenda", async () => {
    const { context } = copilWorkbookMock([]);
    const out = await writeCopilAgendaSheet(context, agenda, "en");
    expect(out.values[0][0]).toBe("Preparing the COPIL of 14 March 2019");
    expect(out.numberFormats.flat()).toContain("€#,##0.00");
    expect(out.numberFormats.flat()).not.toContain("#,##0.00 €");
    const { context: c2 } = copilWorkbookMock([]);
    const sync = vi.spyOn(c2, "sync");
    const empty = await writeCopilAgendaSheet(c2, copilAgenda([]), "fr");
    expect(sync).toHaveBeenCalledTimes(2);
    expect(empty.values.filter((r) => r[0] === "Aucune ligne.")).toHaveLength(2);
    expect(empty.lineRows).toEqual([]);
  });
});

describe("setVoteStatus", () => {
  const s = analysed();
  const table = s.tables[0].table;

  it("finds the status column of a table", () => {
    expect(statusColumnOf(table)).toBe(STATUS_COL);
    const plain = analyseSheet(
      sheet([op("OS1-422C", "A", "X", 50000, { fse2: 25000, dm: 25000 })], {
        name: NAME,
        title: "Programmation PLIE 2019",
      }),
    );
    expect(statusColumnOf(plain.tables[0].table)).toBeNull();
  });

  it("writes exactly one cell, the line's Statut COPIL cell, in 1 sync", async () => {
    const { context, sheet: ws, added } = copilWorkbookMock([NAME]);
    const sync = vi.spyOn(context, "sync");
    const out = await setVoteStatus(context, NAME, 5, "voté au COPIL du 14 mars 2019", table);
    expect(sync).toHaveBeenCalledTimes(1);
    expect(out).toEqual({ sheetName: NAME, address: "M5", text: "voté au COPIL du 14 mars 2019" });
    const ranges = ws(NAME)!.ranges;
    expect(Object.keys(ranges)).toEqual(["M5"]);
    expect(ranges.M5.values).toEqual([["voté au COPIL du 14 mars 2019"]]);
    expect(ranges.M5.numberFormat).toBeUndefined();
    expect(ranges.M5.format).toEqual({ font: {}, fill: {} });
    expect(added()).toEqual([]);
  });

  it("takes the status column's index too, and keeps a leading sign as text", async () => {
    const { context, sheet: ws } = copilWorkbookMock([NAME]);
    const sync = vi.spyOn(context, "sync");
    await setVoteStatus(context, NAME, 9, "  = à voter au COPIL du 13 juin 2019 ", STATUS_COL);
    expect(sync).toHaveBeenCalledTimes(1);
    expect(Object.keys(ws(NAME)!.ranges)).toEqual(["M9"]);
    expect(ws(NAME)!.ranges.M9.values).toEqual([["'= à voter au COPIL du 13 juin 2019"]]);
  });

  it("refuses a sheet without a status column, a row that is not a line, an add-in sheet, before any sync", async () => {
    const plain = analyseSheet(
      sheet([op("OS1-422C", "A", "X", 50000, { fse2: 25000, dm: 25000 })], {
        name: NAME,
        title: "Programmation PLIE 2019",
      }),
    );
    const { context, sheet: ws } = copilWorkbookMock([NAME]);
    const sync = vi.spyOn(context, "sync");
    await expect(setVoteStatus(context, NAME, 4, "voté", plain.tables[0].table)).rejects.toThrow(
      /n'a pas de colonne « Statut COPIL »/,
    );
    await expect(setVoteStatus(context, NAME, 4, "voté")).rejects.toThrow(/n'a pas de colonne « Statut COPIL »/);
    await expect(setVoteStatus(context, NAME, 3, "voté", table)).rejects.toThrow(
      /La ligne 3 .* n'est pas une opération du tableau/,
    );
    await expect(setVoteStatus(context, NAME, 0, "voté", STATUS_COL)).rejects.toThrow(/Ligne 0 invalide/);
    await expect(setVoteStatus(context, "Ordre du jour COPIL", 5, "voté", table)).rejects.toThrow(
      /écrite par le complément/,
    );
    expect(sync).not.toHaveBeenCalled();
    expect(ws(NAME)).toBeUndefined();
  });

  it("says so in French when the sheet is missing", async () => {
    const { context } = copilWorkbookMock([NAME]);
    await expect(setVoteStatus(context, "Programmation 2030", 5, "voté", table)).rejects.toThrow(
      /La feuille « Programmation 2030 » est introuvable/,
    );
  });
});
