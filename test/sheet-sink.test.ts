import { describe, expect, it } from "vitest";
import { IGNORED_FINDINGS, PendingFindings, readAmount, readRate } from "../src/sheet/amounts";
import type { CellValue } from "../src/sheet/grid";
import { parseSheet } from "../src/sheet/parse";

const HEADER: CellValue[] = ["Action", "Opération", "Opérateur", "Dépenses totales", "FSE", "Département"];

describe("the findings of the amount readers go to the caller's sink", () => {
  it("a clean cell adds nothing: take() gives the same shared empty array every time", () => {
    const sink = new PendingFindings();
    expect(readAmount(1234.5, 3, 4, sink)).toBe(123450);
    expect(readAmount("1 234,50 €", 3, 4, sink)).toBe(123450);
    expect(readAmount(null, 3, 4, sink)).toBeNull();
    expect(readRate(0.5, 3, 5, sink)).toBe(0.5);
    const first = sink.take();
    expect(first).toEqual([]);
    expect(Object.isFrozen(first)).toBe(true);
    expect(sink.take()).toBe(first);
    expect(new PendingFindings().take()).toBe(first);
  });

  it("take() gives the findings added since the last take, then nothing", () => {
    const sink = new PendingFindings();
    expect(readAmount("abc", 7, 3, sink)).toBeUndefined();
    expect(readAmount(-5, 7, 4, sink)).toBe(-500);
    const found = sink.take();
    expect(found.map((f) => [f.code, f.cell, f.row])).toEqual([
      ["INVALID_AMOUNT", "D7", 7],
      ["NEGATIVE_AMOUNT", "E7", 7],
    ]);
    expect(sink.take()).toEqual([]);
  });

  it("two readers interleaved keep their findings apart (re-entrant)", () => {
    const a = new PendingFindings();
    const b = new PendingFindings();
    readAmount("x", 2, 0, a);
    readAmount("#REF!", 9, 1, b);
    readRate("y", 2, 2, a);
    readAmount(-1, 9, 3, b);
    expect(a.take().map((f) => [f.code, f.cell])).toEqual([
      ["INVALID_AMOUNT", "A2"],
      ["INVALID_RATE", "C2"],
    ]);
    expect(b.take().map((f) => [f.code, f.cell])).toEqual([
      ["INVALID_AMOUNT", "B9"],
      ["NEGATIVE_AMOUNT", "D9"],
    ]);
  });

  it("the ignoring sink keeps nothing", () => {
    expect(readAmount("abc", 1, 0, IGNORED_FINDINGS)).toBeUndefined();
    expect(IGNORED_FINDINGS.take()).toEqual([]);
  });

  it("findings left in another sink never reach a parse", () => {
    const other = new PendingFindings();
    readAmount("not an amount", 1, 0, other);
    const sheet = parseSheet({
      name: "Programmation 2023",
      values: [HEADER, ["422B", "Atelier", "Asso", 1000, 500, 500]],
    });
    const table = sheet.tables[0];
    expect(table?.lines[0]?.findings ?? []).toEqual([]);
    expect(other.take().map((f) => f.code)).toEqual(["INVALID_AMOUNT"]);
  });

  it("two parses in turn, one within the lines of the other, keep each line's findings", () => {
    const bad = parseSheet({
      name: "Programmation 2023",
      values: [HEADER, ["422B", "Atelier", "Asso", "douze", 500, 500]],
    });
    const clean = parseSheet({
      name: "Programmation 2023",
      values: [HEADER, ["422B", "Atelier", "Asso", 1000, 500, 500]],
    });
    // The lazy lines of the first parse are built after the second parse.
    const badTable = bad.tables[0];
    const cleanTable = clean.tables[0];
    expect(cleanTable?.lines[0]?.findings).toEqual([]);
    expect(badTable?.lines[0]?.findings.map((f) => [f.code, f.cell])).toEqual([["INVALID_AMOUNT", "D2"]]);
  });
});
