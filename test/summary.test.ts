import { describe, expect, it } from "vitest";
import type { Column, PrintedCell } from "../src/domain/model";
import { asCents } from "../src/domain/money";
import { alignSummaryRow, slotsOf, type Expected } from "../src/domain/summary";

const col = (index: number, header: string, role: Column["role"], financer: Column["financer"] = null): Column => ({
  index,
  header,
  role,
  financer,
  headerSource: "header",
});

// E total, F département, G FSE 1, H FSE 2, I %FSE, J autofinancement, K total opération
const COLUMNS = [
  col(4, "Dépenses totales", "totalCost"),
  col(5, "Département", "financer", "conseil_departemental"),
  col(6, "FSE - CD21", "financer", "fse"),
  col(7, "Etat - FSE", "financer", "fse"),
  col(8, "%FSE", "fseRate"),
  col(9, "Autofinancement", "financer", "autofinancement"),
  col(10, "Total opération", "totalOperation"),
];
const slots = slotsOf(COLUMNS);
// 1 000,00 total: 100 Département, 300 + 150 FSE, 450 autofinancement → rate 0,45
const E: Expected = {
  money: [100000, 10000, 30000, 15000, null, 45000, 100000].map((c) => (c === null ? null : asCents(c))),
  fse: asCents(45000),
  totalCost: asCents(100000),
  count: 0,
};

const printed = (col: number, cents: number | null, rate: number | null = null): PrintedCell => ({
  col,
  cell: `${String.fromCharCode(65 + col)}9`,
  cents: cents === null ? null : asCents(cents),
  rate: rate === null ? null : { mantissa: Math.round(rate * 10000), scale: 4 },
  number: cents === null ? rate : cents / 100,
  text: "",
});

describe("summary row alignment", () => {
  it("keeps a row printed under its headers", () => {
    const a = alignSummaryRow(
      [
        printed(4, 100000),
        printed(5, 10000),
        printed(6, 30000),
        printed(7, 15000),
        printed(8, 45, 0.45),
        printed(9, 45000),
        printed(10, 100000),
      ],
      slots,
      E,
    );
    expect(a.placements.map((p) => [p.cell.col, p.from, p.to, p.matches])).toEqual([
      [4, 0, 0, true],
      [5, 1, 1, true],
      [6, 2, 2, true],
      [7, 3, 3, true],
      [8, 4, 4, true],
      [9, 5, 5, true],
      [10, 6, 6, true],
    ]);
  });

  it("realigns a row that prints both FSE columns as one figure, then shifts left", () => {
    const a = alignSummaryRow(
      [
        printed(4, 100000),
        printed(5, 10000),
        printed(6, 45000),
        printed(7, 45, 0.45),
        printed(8, 45000),
        printed(9, 100000),
      ],
      slots,
      E,
    );
    expect(a.placements.map((p) => [p.cell.col, p.from, p.to, p.matches])).toEqual([
      [4, 0, 0, true],
      [5, 1, 1, true],
      [6, 2, 3, true],
      [7, 4, 4, true],
      [8, 5, 5, true],
      [9, 6, 6, true],
    ]);
    expect(a.unplaced).toEqual([]);
  });

  it("reports a wrong figure under its own column rather than shifting around it", () => {
    const a = alignSummaryRow(
      [printed(4, 99999), printed(5, 10000), printed(6, 30000), printed(7, 15000), printed(10, 100000)],
      slots,
      E,
    );
    expect(a.placements.map((p) => [p.cell.col, p.from, p.matches])).toEqual([
      [4, 0, false],
      [5, 1, true],
      [6, 2, true],
      [7, 3, true],
      [10, 6, true],
    ]);
  });

  it("leaves a figure that fits nowhere unplaced", () => {
    const a = alignSummaryRow([printed(2, 123456), printed(4, 100000)], slots, E);
    expect(a.unplaced.map((c) => c.col)).toEqual([2]);
    expect(a.matched).toBe(1);
  });
});
