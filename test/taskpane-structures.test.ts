import * as path from "path";
import { describe, expect, it, vi } from "vitest";
import { readWorkbook } from "../src/cli/read";
import * as procurement from "../src/domain/procurement";
import { makeRules } from "../src/domain/rules";
import { analyseWorkbook } from "../src/sheet/workbook";
import { beyondBlocks } from "../src/taskpane/beyond";

vi.mock("../src/domain/procurement", async (original) => {
  const actual = await original<typeof import("../src/domain/procurement")>();
  return { ...actual, procurementOf: vi.fn(actual.procurementOf) };
});

const FIXTURES = path.resolve(__dirname, "../../shared/fixtures");

describe("the structure's own names reach procurement in the pane", () => {
  it("PLIE always, then the names of the settings, with the quotes chosen", async () => {
    const sheets = analyseWorkbook(await readWorkbook(path.join(FIXTURES, "programmation-2015.xlsx"))).sheets;
    const spy = vi.mocked(procurement.procurementOf);
    beyondBlocks(sheets, { rules: makeRules(), aliases: [] }, "fr");
    expect(spy.mock.calls.at(-1)![1]).toEqual(procurement.DEFAULT_PROCUREMENT_SETTINGS);
    beyondBlocks(
      sheets,
      {
        rules: makeRules(),
        aliases: [],
        structures: ["IRFA", "plie"],
        procurement: { ...procurement.DEFAULT_PROCUREMENT_SETTINGS, quotes: 2 },
      },
      "fr",
    );
    expect(spy.mock.calls.at(-1)![1]).toEqual({
      ...procurement.DEFAULT_PROCUREMENT_SETTINGS,
      quotes: 2,
      ownNames: ["PLIE", "IRFA"],
    });
  });
});
