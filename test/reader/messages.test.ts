import { describe, expect, it } from "vitest";
import { unreadableMessage } from "../../src/report/unreadable";

describe("unreadable-file messages", () => {
  it("say what is wrong, which part, and what to do, in French and in English", () => {
    const truncated = {
      reason: "corrupt" as const,
      part: "xl/worksheets/sheet3.xml",
      detail: "XML cut short",
      facts: { kind: "xml_truncated" },
    };
    expect(unreadableMessage(truncated, "fr")).toBe(
      "classeur .xlsx endommagé\u00a0: la partie xl/worksheets/sheet3.xml est coupée avant sa fin (son XML n'est pas terminé)\u00a0; rien n'en a été vérifié. " +
        "Ouvrez-le dans Excel (qui propose de le réparer) et enregistrez-le à nouveau, ou reprenez une copie intacte",
    );
    expect(unreadableMessage(truncated, "en")).toBe(
      "damaged .xlsx workbook: the part xl/worksheets/sheet3.xml is cut short (its XML does not end); nothing of it was checked. Open it in Excel (which offers to repair it) and save it again, or take an intact copy",
    );
    const ods = { reason: "corrupt" as const, part: "content.xml", detail: "", facts: { kind: "crc" } };
    expect(unreadableMessage(ods, "fr")).toContain(
      "classeur .ods endommagé\u00a0: la partie content.xml ne correspond pas à sa somme de contrôle (CRC)",
    );
    expect(unreadableMessage(ods, "fr")).toContain("Ouvrez-le dans LibreOffice");
  });

  it("give the size limit in MB and the --taille-max to pass", () => {
    const big = {
      reason: "too_large" as const,
      part: "xl/worksheets/sheet1.xml",
      detail: "",
      facts: { kind: "part_size", size: 300 * 1024 * 1024 + 1, limit: 200 * 1024 * 1024 },
    };
    expect(unreadableMessage(big, "fr")).toBe(
      "la partie xl/worksheets/sheet1.xml fait 301\u00a0Mo une fois décompressée, au-delà de la limite de 200\u00a0Mo\u00a0: si le classeur est authentique, relancez avec --taille-max 302",
    );
    expect(unreadableMessage(big, "en")).toBe(
      "the part xl/worksheets/sheet1.xml takes 301 MB once decompressed, above the limit of 200 MB: if the workbook is genuine, run again with --taille-max 302",
    );
  });

  it("give the cell budget with its figures and how to get past it", () => {
    const cells = {
      reason: "too_many_cells" as const,
      part: "xl/worksheets/sheet2.xml",
      detail: "",
      facts: { kind: "cells", sheet: "Prog 2023", cells: 2_000_001, limit: 2_000_000 },
    };
    const fr = unreadableMessage(cells, "fr");
    expect(fr).toContain(
      "la feuille «\u00a0Prog 2023\u00a0» (partie xl/worksheets/sheet2.xml) s'étend sur plus de 2\u202f000\u202f000 cellules",
    );
    expect(fr).toContain(
      "supprimez les lignes et colonnes vides ou parasites au-delà du tableau (Ctrl+Fin montre la dernière cellule)",
    );
    expect(unreadableMessage(cells, "en")).toContain(
      "sheet “Prog 2023” (part xl/worksheets/sheet2.xml) spans more than 2,000,000 cells",
    );
  });

  it("never let a name read from the file forge a line or reorder the text", () => {
    const sheet = "Prog\n== Feuille «\u00a0x\u00a0» ==\u202eevil";
    const m = unreadableMessage(
      {
        reason: "corrupt",
        part: "xl/worksheets/sheet1.xml",
        detail: "",
        facts: { kind: "shared_string", sheet, cell: "B7", index: 99, count: 3 },
      },
      "fr",
    );
    expect(m).not.toContain("\n");
    expect(m).not.toContain("\u202e");
    expect(m).toContain(
      "la cellule B7 de la feuille «\u00a0Prog\\u000a== Feuille «\u00a0x\u00a0» ==evil\u00a0» renvoie au texte partagé n°\u00a099, alors que le classeur n'en a que 3",
    );
    const long = unreadableMessage(
      {
        reason: "too_many_cells",
        part: null,
        detail: "",
        facts: { kind: "cells", sheet: "x".repeat(500), cells: 1, limit: 1 },
      },
      "en",
    );
    expect(long).toContain(`“${"x".repeat(79)}…”`);
  });

  it("cover every reason", () => {
    for (const reason of [
      "missing",
      "not_a_file",
      "encrypted",
      "xls",
      "xlsb",
      "not_a_workbook",
      "corrupt",
      "too_large",
      "too_many_cells",
    ] as const) {
      for (const lang of ["fr", "en"] as const)
        expect(unreadableMessage({ reason, part: null, detail: "detail" }, lang).length).toBeGreaterThan(20);
    }
    expect(unreadableMessage({ reason: "xls", part: null, detail: "" }, "fr")).toMatch(
      /^fichier protégé par mot de passe ou au format \.xls/,
    );
    expect(unreadableMessage({ reason: "xls", part: "Workbook", detail: "" }, "fr")).toMatch(
      /^classeur au format \.xls \(Excel 97-2003\)/,
    );
    expect(
      unreadableMessage(
        { reason: "not_a_file", part: null, detail: "", facts: { kind: "file_type", type: "fifo" } },
        "en",
      ),
    ).toBe("this is a named pipe, not a file: give the path of an .xlsx, .xlsm or .ods workbook");
  });
});
