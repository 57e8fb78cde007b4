import { describe, expect, it } from "vitest";
import { checkWorkbooks, parseArgs, type CliOptions } from "../src/cli/main";
import { analyseSheet } from "../src/sheet/workbook";
import { copilAgenda } from "../src/domain/copil";
import { copilAgendaText } from "../src/report/copil";
import { SAFE_LIST_MAX, SAFE_TEXT_MAX, safeName, safeText } from "../src/report/safe-text";
import type { CellValue } from "../src/sheet/grid";
import { HEADER, HEADER_WITH_STATUS, op, sheet, withStatus } from "./helpers";
import { parseReport } from "./report-json";

/**
 * Cell text can never forge a report line: newlines and other control
 * characters are shown escaped, bidi overrides and other invisible format
 * characters removed, very long names cut with "…" in the text report. The
 * JSON keeps the data as it is.
 */

const ESC = "\u001b";
const LONG = "A".repeat(5000);
const FORGED = "Atelier\n  [erreur] A1 FSE_BELOW_FLOOR\u00a0: faux\n== Feuille";
const ANSI = `${ESC}[31mRouge${ESC}[0m${ESC}]0;titre\u0007`;
const BIDI = "Facture \u202egpj.exe\u202c n\u00b0\u20661\u2069\u200f";
const TABS = "Col\tA\rB\u0085C\u2028D\u0000E\u007f";

describe("safeText", () => {
  it("shows control characters escaped", () => {
    expect(safeText("a\nb\tc\rd")).toBe("a\\nb\\tc\\rd");
    expect(safeText(ANSI)).toBe("\\u001b[31mRouge\\u001b[0m\\u001b]0;titre\\u0007");
    expect(safeText(TABS)).toBe("Col\\tA\\rB\\u0085C\\u2028D\\u0000E\\u007f");
    expect(safeText("x\u2029y\u009bz")).toBe("x\\u2029y\\u009bz");
    expect(safeText("lone \ud800 surrogate")).toBe("lone \\ud800 surrogate");
  });

  it("removes bidi overrides, isolates and other invisible format characters", () => {
    expect(safeText(BIDI)).toBe("Facture gpj.exe n\u00b01");
    expect(safeText("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")).toBe("");
    expect(safeText("zero\u200bwidth\u200c\u200d\ufeff soft\u00adhyphen \u061c\u2060")).toBe("zerowidth softhyphen ");
  });

  it("keeps every other character as it is", () => {
    const fine = "Dépenses 1\u202f234,56\u00a0€ — «\u00a0ok\u00a0» 🙂 中文 ع";
    expect(safeText(fine)).toBe(fine);
    expect(safeText(null)).toBe("");
    expect(safeText(undefined)).toBe("");
    expect(safeText(12.5)).toBe("12.5");
  });

  it("cuts long names with an ellipsis, in characters, never inside an escape or a pair", () => {
    expect(SAFE_TEXT_MAX).toBe(80);
    expect(safeName(LONG)).toBe("A".repeat(79) + "…");
    expect(safeName("A".repeat(80))).toBe("A".repeat(80));
    expect(safeName("A".repeat(81))).toBe("A".repeat(79) + "…");
    expect(safeName("🙂".repeat(100))).toBe("🙂".repeat(79) + "…");
    expect(safeName("\n".repeat(100))).toBe("\\n".repeat(39) + "…");
    expect(safeName("A".repeat(75) + ESC + "B".repeat(10))).toBe("A".repeat(75) + "…");
    expect(safeName("\u202e" + "A".repeat(80))).toBe("A".repeat(80));
    expect(safeText("abcdef", 3)).toBe("ab…");
    expect(safeText(LONG)).toBe(LONG);
  });
});

/** A sheet whose texts try to forge report lines, hide in escapes, reorder with bidi, or flood. */
function hostileSheet() {
  const header: CellValue[] = HEADER.map((h) =>
    h === "Collectivité - Conseil Départemental" ? `Fondation\n[erreur] E4 X${ESC}[2J` : h,
  );
  return sheet(
    [
      op("422D", FORGED, "IRFA", 30000, { fse2: 10000, dm: 20000 }),
      op("422D", ANSI, BIDI, 30000, { fse2: 10000, dm: 20000 }),
      op(TABS, LONG, LONG, 30000, { fse2: 10000, dm: 20000 }),
      op("422D", "Relooking", "CESAM", 30000, { fse2: 10000, dm: "20 000\n[info] faux" }),
    ],
    { name: `Programmation 2020\n== Feuille «\u00a0Fausse\u00a0» ==${ESC}[0m\u202e`, header },
  );
}

function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const file = "dossier\n[erreur] fichier.xlsx";
  const code = checkWorkbooks([{ file, grids: [hostileSheet()] }], parseArgs([...argv, "unused.xlsx"]) as CliOptions, {
    out: (s) => out.push(s),
    err: (s) => err.push(s),
  });
  return { code, out: out.join("\n"), err };
}

describe("the text report of a hostile sheet", () => {
  const r = run(["--optimiser", "--synthese"]);
  const lines = r.out.split("\n");

  it("prints no control, bidi or invisible format character", () => {
    expect(r.err).toEqual([]);
    // Newlines separate the report's own lines; nothing else from the Cc and Cf categories.
    expect(r.out.replace(/\n/g, "")).not.toMatch(/[\p{Cc}\p{Cf}\u2028\u2029]/u);
  });

  it("forges no line: every finding line is one of the checker's", () => {
    expect(
      lines
        .filter((l) => /^\s*\[(erreur|avertissement|information)\]/.test(l))
        .every((l) => /^ {2}\[(erreur|avertissement|information)\] [A-Z]+\d+ [A-Z_]+\u00a0: /.test(l)),
    ).toBe(true);
    expect(lines.filter((l) => l.startsWith("== "))).toEqual([
      "== Feuille «\u00a0Programmation 2020\\n== Feuille «\u00a0Fausse\u00a0» ==\\u001b[0m\u00a0» — année 2020 ==",
      "== Simulation de l'enveloppe FSE — «\u00a0Programmation 2020\\n== Feuille «\u00a0Fausse\u00a0» ==\\u001b[0m\u00a0» (la feuille n'est pas modifiée) ==",
      "== Financeurs × années ==",
      "== Programmation par grands postes de dépenses (Dépenses totales) ==",
      "== FSE par grand poste de dépenses ==",
    ]);
    expect(lines).toContain("Fichier\u00a0: dossier\\n[erreur] fichier.xlsx");
  });

  it("shows each text escaped, in the split, the simulation and the order letters", () => {
    const forged = "Atelier\\n  [erreur] A1 FSE_BELOW_FLOOR\u00a0: faux\\n== Feuille";
    const ansi = "\\u001b[31mRouge\\u001b[0m\\u001b]0;titre\\u0007";
    const bidi = "Facture gpj.exe n\u00b01";
    const cut = "A".repeat(79) + "…";
    const tabs = "Col\\tA\\rB\\u0085C\\u2028D\\u0000E\\u007f";
    // The split of projects and order letters.
    expect(lines).toContain(
      `    L4  422D — ${forged} — IRFA  30\u202f000,00\u00a0€, FSE 10\u202f000,00\u00a0€ (33,33\u00a0%) [suggéré]`,
    );
    expect(lines).toContain(
      `    L5  422D — ${ansi} — ${bidi}  30\u202f000,00\u00a0€, FSE 10\u202f000,00\u00a0€ (33,33\u00a0%) [suggéré]`,
    );
    expect(lines).toContain(
      `    L6  ${tabs} — ${cut} — ${cut}  30\u202f000,00\u00a0€, FSE 10\u202f000,00\u00a0€ (33,33\u00a0%) [suggéré]`,
    );
    // The order letters.
    expect(lines).toContain(
      `  ligne 4  IRFA — «\u00a0${forged}\u00a0» [Assistance, accompagnement et formation aux participants]\u00a0: 30\u202f000,00\u00a0€ HT — 3 devis à demander`,
    );
    expect(lines).toContain(
      `  ligne 5  ${bidi} — «\u00a0${ansi}\u00a0» [Assistance, accompagnement et formation aux participants]\u00a0: 30\u202f000,00\u00a0€ HT — 3 devis à demander`,
    );
    expect(lines.some((l) => l.startsWith(`  ligne 6  ${cut} — «\u00a0${cut}\u00a0» [`))).toBe(true);
    // The simulation's table and its letters that could become projects.
    expect(lines.some((l) => l.startsWith(`  L5  ${"422D"} ${bidi}`))).toBe(true);
    expect(lines.some((l) => l.startsWith(`  L6  ${tabs} ${cut}`))).toBe(true);
    expect(lines).not.toContain(LONG);
    expect(r.out).not.toContain("A".repeat(80));
  });

  it("shows cell texts and headers escaped in the findings", () => {
    const header = "Fondation\\n[erreur] E4 X\\u001b[2J";
    const unknown = lines.find((l) => l.includes("UNKNOWN_COLUMN"))!;
    expect(unknown).toMatch(/^ {2}\[\w+\] F3 UNKNOWN_COLUMN\u00a0: /);
    expect(unknown).toContain(`« ${header} »`);
    const invalid = lines.find((l) => l.includes("INVALID_AMOUNT"))!;
    expect(invalid).toBe(
      "  [erreur] G7 INVALID_AMOUNT\u00a0: Montant illisible : « 20 000\\n[info] faux » n'est pas un montant.",
    );
  });
});

describe("the JSON report of a hostile sheet", () => {
  const r = run(["--json", "--optimiser"]);
  const doc = parseReport(r.out);
  const s = doc.files[0].sheets[0];

  it("keeps the data as it is", () => {
    expect(doc.files[0].file).toBe("dossier\n[erreur] fichier.xlsx");
    expect(s.sheet).toBe(`Programmation 2020\n== Feuille «\u00a0Fausse\u00a0» ==${ESC}[0m\u202e`);
    const lines = s.tables[0].lines;
    expect(lines.map((l: { operation: string }) => l.operation)).toEqual([FORGED, ANSI, LONG, "Relooking"]);
    expect(lines.map((l: { operator: string }) => l.operator)).toEqual(["IRFA", BIDI, LONG, "CESAM"]);
    expect(lines[2].action).toBe(TABS);
    expect(s.tables[0].columns.find((c: { column: number }) => c.column === 5)?.header).toBe(
      `Fondation\n[erreur] E4 X${ESC}[2J`,
    );
    expect(doc.files[0].procurement.letters.map((l: { operation: string }) => l.operation)).toEqual([
      FORGED,
      ANSI,
      LONG,
      "Relooking",
    ]);
    expect(s.optimiser.lines.map((l: { operator: string }) => l.operator)).toEqual(["IRFA", BIDI, LONG, "CESAM"]);
    const invalid = lines[3].findings.find((f: { code: string }) => f.code === "INVALID_AMOUNT");
    expect(invalid?.figures.text).toBe("20 000\n[info] faux");
  });

  it("gives the safe text in its messages", () => {
    const invalid = s.tables[0].lines[3].findings.find((f: { code: string }) => f.code === "INVALID_AMOUNT");
    expect(invalid?.message).toBe("Montant illisible : « 20 000\\n[info] faux » n'est pas un montant.");
    const unknown = s.tables[0].findings.find((f: { code: string }) => f.code === "UNKNOWN_COLUMN");
    expect(unknown?.message).toContain("« Fondation\\n[erreur] E4 X\\u001b[2J »");
    expect(unknown?.figures.header).toBe(`Fondation\n[erreur] E4 X${ESC}[2J`);
  });
});

describe("messages with lists", () => {
  it("cut a list of rows at SAFE_LIST_MAX characters", () => {
    expect(SAFE_LIST_MAX).toBe(320);
    const rows: CellValue[][] = [];
    for (let i = 0; i < 200; i++) rows.push(op("422D", `Atelier ${i}`, "IRFA", 30000, { fse2: 10000, dm: 20000 }));
    const out: string[] = [];
    checkWorkbooks([{ file: "a.xlsx", grids: [sheet(rows)] }], parseArgs(["a.xlsx"]) as CliOptions, {
      out: (s) => out.push(s),
      err: () => {},
    });
    const all = Array.from({ length: 200 }, (_, i) => i + 4).join(", ");
    const warning = out
      .join("\n")
      .split("\n")
      .find((l) => l.includes("IRFA reçoit 200 lettres"))!;
    expect(warning).toContain(`(lignes ${all.slice(0, 319)}…) qui totalisent`);
  });
});

describe("the COPIL agenda", () => {
  it("shows the sheet's status texts and names escaped", () => {
    const grid = sheet(
      [
        withStatus(
          op("OS1-422C", `Référents\n${ESC}[1mgras`, "Mission locale\u202e", 80000, { fse2: 40000, dm: 40000 }),
          "à voter au COPIL du 14 mars 2019\n[erreur] faux",
        ),
      ],
      {
        header: HEADER_WITH_STATUS,
        title: "Programmation PLIE 2019",
        name: "Programmation 2019",
      },
    );
    const text = copilAgendaText(copilAgenda([analyseSheet(grid)], { date: "2019-03-14" }), "fr");
    expect(text.split("\n")).toContain(
      "  Feuille «\u00a0Programmation 2019\u00a0», ligne 4\u00a0: OS1-422C — Référents\\n\\u001b[1mgras — Mission locale",
    );
    expect(text).toContain("statut\u00a0: «\u00a0à voter au COPIL du 14 mars 2019\\n[erreur] faux\u00a0»");
    expect(text.replace(/\n/g, "")).not.toMatch(/[\p{Cc}\p{Cf}]/u);
  });
});
