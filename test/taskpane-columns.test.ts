import { describe, expect, it } from "vitest";
import type { SheetResult } from "../src/domain/check";
import { finding } from "../src/domain/findings";
import { columnEntries, headerOfFinding, mergeColumnChoices, roleOptions } from "../src/taskpane/columns-model";
import { parseStructureNames } from "../src/taskpane/controller";

/** A checked sheet reduced to what the column panel reads: its findings and its tables' columns. */
function checked(
  name: string,
  findings: ReturnType<typeof finding>[],
  columns: { index: number; header: string }[] = [],
): SheetResult {
  return {
    sheet: {
      name,
      tables: [
        {
          headerRow: 3,
          columns: columns.map((c) => ({ ...c, role: "financer", financer: null, headerSource: "header" })),
        },
      ],
    },
    findings,
    tables: [],
  } as unknown as SheetResult;
}

const SHEET = checked(
  "Programmation 2021",
  [
    finding("UNKNOWN_COLUMN", "M3", 3, { header: "Fondation X" }),
    finding("COLUMN_READ_AS_RATE", "J3", 3, { header: "Part Région", reason: "percent_format" }),
    finding("FSE_FROM_REQUEST", "N3", 3, { header: "FSE sollicité" }),
    finding("FINANCER_COLUMNS_MERGED", "H3", 3, {
      headers: "« Ville de Besançon », « Ville de Planoise »",
      financer: "ville",
    }),
    finding("UNBALANCED", "E4", 4, { sumOfFinancersCents: 1, totalCostCents: 2, gapCents: 1 }),
  ],
  [
    { index: 6, header: "Ville de Besançon" },
    { index: 7, header: "Ville de Planoise" },
  ],
);

describe("column panel model", () => {
  it("lists the headers not understood or guessed at, then the saved roles, each header once", () => {
    const entries = columnEntries(
      [SHEET, checked("Programmation 2022", [finding("UNKNOWN_COLUMN", "K2", 2, { header: "FONDATION  x" })])],
      [
        { header: "fondation x", role: "fonds_prives" },
        { header: "Commentaires", role: "ignorer" },
      ],
    );
    expect(entries.map((e) => [e.header, e.role, e.reasons, e.places])).toEqual([
      ["Fondation X", "fonds_prives", ["unknown", "saved"], ["Programmation 2021!M3", "Programmation 2022!K2"]],
      ["Part Région", null, ["rate"], ["Programmation 2021!J3"]],
      ["FSE sollicité", null, ["request"], ["Programmation 2021!N3"]],
      ["Ville de Planoise", null, ["merged"], ["Programmation 2021!H3"]],
      ["Commentaires", "ignorer", ["saved"], []],
    ]);
    expect(columnEntries(null, [])).toEqual([]);
    expect(columnEntries([checked("Propre", [])], []).length).toBe(0);
  });

  it("a merged column's header is the one at the finding's cell", () => {
    const merged = SHEET.findings[3];
    expect(headerOfFinding(SHEET, merged)).toBe("Ville de Planoise");
    expect(headerOfFinding(SHEET, SHEET.findings[0])).toBe("Fondation X");
  });

  it("choices: a role replaces the saved one, '(non défini)' removes it, the others are kept", () => {
    const saved = [
      { header: "Fondation X", role: "fonds_prives" as const },
      { header: "Commentaires", role: "ignorer" as const },
      { header: "Old", role: "fse" as const },
    ];
    expect(
      mergeColumnChoices(saved, [
        { header: "FONDATION X", role: "autres_financements" },
        { header: "Commentaires", role: null },
        { header: "Part Région", role: "taux_fse" },
        { header: "FSE sollicité", role: null },
      ]),
    ).toEqual([
      { header: "Fondation X", role: "autres_financements" },
      { header: "Old", role: "fse" },
      { header: "Part Région", role: "taux_fse" },
    ]);
  });

  it("roles offered: the financers by their label, then the other roles, French or English", () => {
    const fr = roleOptions("fr");
    expect(fr.unset).toEqual({ value: "", label: "(non défini)" });
    expect(fr.financers.length).toBe(17);
    expect(fr.financers.find((o) => o.value === "fonds_prives")!.label).toBe("Fonds privés / publics");
    expect(fr.others.map((o) => [o.value, o.label])).toEqual([
      ["depenses_totales", "Dépenses totales"],
      ["taux_fse", "Taux FSE"],
      ["total_operation", "Total opération"],
      ["fse_sollicite", "FSE sollicité"],
      ["ignorer", "Ignorer"],
    ]);
    const en = roleOptions("en");
    expect(en.unset.label).toBe("(not set)");
    expect(en.financers.find((o) => o.value === "fonds_prives")!.label).toBe("Private / other public funds");
    expect(en.others.map((o) => o.label)).toEqual([
      "Total cost",
      "ESF rate",
      "Total operation",
      "ESF requested",
      "Ignore",
    ]);
  });

  it("the structure's names: one field, separated by ';'", () => {
    expect(parseStructureNames(" Association Le Relais ;; Maison de l'emploi ; ")).toEqual([
      "Association Le Relais",
      "Maison de l'emploi",
    ]);
    expect(parseStructureNames("")).toEqual([]);
  });
});
