import { spawnSync } from "child_process";
import * as path from "path";
import { describe, expect, it } from "vitest";
import {
  checkWorkbooks,
  internalFailure,
  JsonWriter,
  MEGABYTE,
  parseArgs,
  runCli,
  UsageError,
  type CliOptions,
  type WorkbookInput,
} from "../src/cli/main";
import type { CellValue, SheetGrid } from "../src/sheet/grid";
import { HEADER, balanced, op, sheet } from "./helpers";
import { buildCli } from "./reader/cli-run";
import { parseReport } from "./report-json";

const F2019 = path.resolve(__dirname, "../../shared/fixtures/programmation-2019.xlsx");

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const opts = (...argv: string[]) => parseArgs(argv) as CliOptions;

/** The usage error's message, or a failure if there is none. */
function usageMessage(...argv: string[]): string {
  try {
    parseArgs(argv);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error(`no usage error for ${JSON.stringify(argv)}`);
}

/** Checks in-memory workbooks the way plie-check checks files. */
function check(argv: string[], workbooks: WorkbookInput[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = checkWorkbooks(workbooks, opts(...argv, "unused.xlsx"), {
    out: (s) => out.push(s),
    err: (s) => err.push(s),
  });
  return { code, out: out.join("\n"), err };
}

describe("plie-check options", () => {
  it("has defaults for the new options", () => {
    const o = opts("a.xlsx");
    expect(o).toMatchObject({
      files: ["a.xlsx"],
      json: false,
      optimiser: null,
      lang: "fr",
      columns: [],
      maxPartBytes: 200 * 1024 * 1024,
    });
    expect(o.procurement.ownNames).toEqual(["PLIE"]);
  });

  it("lists every option in the help, French and English", async () => {
    const fr = await run("--help");
    expect(fr.code).toBe(0);
    for (const line of [
      '  --colonne, --column "EN-TÊTE=RÔLE"',
      "  --structure NOM   nom de la structure elle-même, en plus de PLIE (répétable)\u00a0:",
      "  --taille-max, --max-size MO",
      "                    décompressée, en mégaoctets (défaut 200)",
      "  --optimiser, --optimizer [MONTANT]",
      "  --                fin des options\u00a0: tout ce qui suit est un fichier",
      "  -h, --help        cette aide",
    ]) {
      expect(fr.out.split("\n")).toContain(line);
    }
    const en = await run("-h", "--lang", "en");
    expect(en.out).toMatch(/^Usage: plie-check \[options\] FILE\.xlsx\.\.\./);
    expect(en.out.split("\n")).toContain('  --colonne, --column "HEADER=ROLE"');
    expect(en.out.split("\n")).toContain(
      "  --structure NAME  a name of the structure itself, besides PLIE (repeatable):",
    );
    expect(en.out.split("\n")).toContain("                    in megabytes (default 200)");
    // One line per option and no line wider than 80 characters.
    expect(fr.out.split("\n").filter((l) => [...l].length > 80)).toEqual([]);
    expect(en.out.split("\n").filter((l) => [...l].length > 80)).toEqual([]);
  });

  describe("--optimiser [AMOUNT]", () => {
    it("takes the next argument when it reads as an amount, never a file name", () => {
      expect(opts("--optimiser", "a.xlsx")).toMatchObject({ optimiser: { envelopeCents: null }, files: ["a.xlsx"] });
      expect(opts("--optimiser", "560 000", "a.xlsx")).toMatchObject({
        optimiser: { envelopeCents: 56_000_000 },
        files: ["a.xlsx"],
      });
      expect(opts("--optimiser=560000,50", "a.xlsx").optimiser).toEqual({ envelopeCents: 56_000_050 });
      expect(opts("--optimizer", "25.000", "a.xlsx").optimiser).toEqual({ envelopeCents: 2_500_000 });
      expect(opts("--optimiser", "2019.xlsx")).toMatchObject({
        optimiser: { envelopeCents: null },
        files: ["2019.xlsx"],
      });
      expect(opts("--optimiser", "--json", "a.xlsx")).toMatchObject({
        optimiser: { envelopeCents: null },
        json: true,
        files: ["a.xlsx"],
      });
      expect(opts("a.xlsx", "--optimiser")).toMatchObject({ optimiser: { envelopeCents: null }, files: ["a.xlsx"] });
      // A file named like an amount: after --.
      expect(opts("--optimiser", "--", "2019")).toMatchObject({ optimiser: { envelopeCents: null }, files: ["2019"] });
    });

    it("refuses a negative, zero or ambiguous envelope with a clear message", () => {
      expect(usageMessage("--optimiser", "-1", "a.xlsx")).toBe(
        "--optimiser : l'enveloppe doit être un montant positif : -1",
      );
      expect(usageMessage("--optimiser", "0", "a.xlsx")).toBe(
        "--optimiser : l'enveloppe doit être un montant positif : 0",
      );
      expect(usageMessage("--optimizer", "-500,00", "a.xlsx")).toBe(
        "--optimizer : l'enveloppe doit être un montant positif : -500,00",
      );
      expect(usageMessage("--lang", "en", "--optimiser", "0", "a.xlsx")).toBe(
        "--optimiser: the envelope must be a positive amount: 0",
      );
      expect(usageMessage("--optimiser", "25.43", "a.xlsx")).toBe(
        "--optimiser : montant ambigu « 25.43 » : écrivez les centimes après une virgule (25,43) et les milliers sans point (25 430)",
      );
      expect(usageMessage("--optimiser", "50 %", "a.xlsx")).toBe("--optimiser : montant illisible : 50 %");
    });

    it("exits 2 on --optimiser 0 FILE without reading the file", async () => {
      const r = await run("--optimiser", "0", F2019);
      expect(r).toEqual({
        code: 2,
        out: "",
        err: "plie-check: --optimiser : l'enveloppe doit être un montant positif : 0\nUsage : plie-check [options] FICHIER.xlsx...",
      });
    });
  });

  it("ends the options at --", () => {
    expect(opts("--json", "--", "--json", "-x", "-h", "-")).toMatchObject({
      json: true,
      files: ["--json", "-x", "-h", "-"],
    });
    expect(opts("--", "--help")).toMatchObject({ files: ["--help"] });
    expect(opts("--lang", "en", "--", "--lang", "fr")).toMatchObject({ lang: "en", files: ["--lang", "fr"] });
    expect(usageMessage("--")).toBe("aucun fichier indiqué");
  });

  it("reads --name=value, and refuses a value for a flag", () => {
    expect(opts("--floor=25 000", "a.xlsx").rules.floorCents).toBe(2_500_000);
    expect(opts("--cap=60", "a.xlsx").rules.capBasisPoints).toBe(6000);
    expect(usageMessage("--json=oui", "a.xlsx")).toBe("--json ne prend pas de valeur");
    expect(usageMessage("--floor", "-5", "a.xlsx")).toBe("--floor : un montant positif ou nul est attendu : -5");
    expect(usageMessage("--floor", "a.xlsx")).toBe("--floor : montant illisible : a.xlsx");
    expect(usageMessage("--seuil", "--json", "a.xlsx")).toBe("--seuil demande une valeur");
  });

  describe("usage errors with --json", () => {
    it("print a JSON error object on stdout and the message on stderr, --json before or after the error", async () => {
      for (const argv of [
        ["--json", "--bogus", "a.xlsx"],
        ["--bogus", "a.xlsx", "--json"],
      ]) {
        const r = await run(...argv);
        expect(r.code).toBe(2);
        expect(r.out).toBe('{"error":{"code":"usage","message":"option inconnue : --bogus"}}');
        expect(r.err).toBe("plie-check: option inconnue : --bogus\nUsage : plie-check [options] FICHIER.xlsx...");
      }
    });

    it("speak the language asked, for every kind of usage error", async () => {
      expect(JSON.parse((await run("--lang", "en", "--cap", "abc", "a.xlsx", "--json")).out)).toEqual({
        error: { code: "usage", message: "--cap: not a rate between 0 and 100 %: abc" },
      });
      expect(JSON.parse((await run("--json")).out)).toEqual({
        error: { code: "usage", message: "aucun fichier indiqué" },
      });
      expect(JSON.parse((await run("--json", "--optimiser", "-1", "a.xlsx")).out)).toEqual({
        error: { code: "usage", message: "--optimiser : l'enveloppe doit être un montant positif : -1" },
      });
      expect(parseReport((await run("--json", "--colonne", "X=banque", "a.xlsx")).out).error.code).toBe("usage");
    });

    it("is not asked by a file named --json after --", async () => {
      const r = await run("--bogus", "--", "--json");
      expect(r.code).toBe(2);
      expect(r.out).toBe("");
      expect(r.err).toContain("plie-check: option inconnue : --bogus");
    });

    it("never echoes control characters from the command line", async () => {
      const r = await run("--json", "--bogus\n[erreur] x", "a.xlsx");
      expect(r.err.split("\n")[0]).toBe("plie-check: option inconnue : --bogus\\n[erreur] x");
      expect(parseReport(r.out).error.message).toBe("option inconnue : --bogus\\n[erreur] x");
    });
  });

  describe("--colonne HEADER=ROLE", () => {
    it("reads the mappings (repeatable, English alias --column)", () => {
      expect(
        opts(
          "--colonne",
          "Fondation Solidarité=fonds_prives",
          "--column",
          "Part CD = TAUX_FSE",
          "--colonne",
          "Notes=ignorer",
          "a.xlsx",
        ).columns,
      ).toEqual([
        { header: "Fondation Solidarité", role: "fonds_prives" },
        { header: "Part CD", role: "taux_fse" },
        { header: "Notes", role: "ignorer" },
      ]);
      expect(opts("--colonne", "Total = TTC=total_operation", "a.xlsx").columns).toEqual([
        { header: "Total = TTC", role: "total_operation" },
      ]);
    });

    it("refuses a mapping without a header or a known role", () => {
      const roles = "depenses_totales, taux_fse, total_operation, fse_sollicite, ignorer";
      expect(usageMessage("--colonne", "Fondation=banque", "a.xlsx")).toBe(
        `--colonne : attendu « EN-TÊTE=RÔLE », RÔLE étant un id de financeur ou ${roles} : Fondation=banque`,
      );
      expect(usageMessage("--lang", "en", "--column", "=fse", "a.xlsx")).toBe(
        `--column: expected "HEADER=ROLE", ROLE being a financer id or ${roles}: =fse`,
      );
      expect(usageMessage("--colonne", "Fondation", "a.xlsx")).toContain("--colonne : attendu");
    });

    it("gives the analysis the user's roles", () => {
      const grid = sheet([op("422C", "Portage", "MILO", 50000, { cd: 5000, dm: 20000, fse2: 25000 })], {
        header: HEADER.map((h) => (h === "Collectivité - Conseil Départemental" ? "Fondation Solidarité" : h)),
      });
      const without = check(["--json"], [{ file: "a.xlsx", grids: [grid] }]);
      const s0 = parseReport(without.out).files[0].sheets[0];
      expect(s0.tables[0].findings.map((f: { code: string }) => f.code)).toContain("UNKNOWN_COLUMN");
      expect(s0.totals.byFinancer.fonds_prives).toBeUndefined();
      const mapped = check(
        ["--json", "--colonne", "fondation solidarite=fonds_prives"],
        [{ file: "a.xlsx", grids: [grid] }],
      );
      expect(mapped.code).toBe(0);
      const s1 = parseReport(mapped.out).files[0].sheets[0];
      expect(s1.tables[0].findings.map((f: { code: string }) => f.code)).not.toContain("UNKNOWN_COLUMN");
      expect(s1.totals.byFinancer).toEqual({
        fonds_prives: 5000,
        dijon_metropole: 20000,
        autofinancement: 0,
        fse: 25000,
      });
      expect(s1.tables[0].lines[0].findings).toEqual([]);
    });
  });

  describe("--structure NAME", () => {
    it("adds names of the structure to PLIE (repeatable)", () => {
      expect(
        opts("--structure", "CREATIV'", "--structure", "GIP MDEF", "--structure", "plie", "a.xlsx").procurement
          .ownNames,
      ).toEqual(["PLIE", "CREATIV'", "GIP MDEF"]);
      expect(usageMessage("--structure", "  ", "a.xlsx")).toBe("--structure : un nom est attendu");
    });

    it("takes the structure's own lines out of the order letters to quote", () => {
      const grid = sheet([
        op("422B", "Animation", "CREATIV'", 30000, { fse2: 10000, dm: 20000 }),
        op("422D", "Atelier", "IRFA", 30000, { fse2: 10000, dm: 20000 }),
      ]);
      const before = parseReport(check(["--json"], [{ file: "a.xlsx", grids: [grid] }]).out).files[0].procurement;
      expect(before.letters.map((l: { operator: string }) => l.operator)).toEqual(["CREATIV'", "IRFA"]);
      const after = parseReport(check(["--json", "--structure", "CREATIV'"], [{ file: "a.xlsx", grids: [grid] }]).out)
        .files[0].procurement;
      expect(after.letters.map((l: { operator: string }) => l.operator)).toEqual(["IRFA"]);
      expect(after.ownLines.map((l: { operator: string; row: number }) => [l.operator, l.row])).toEqual([
        ["CREATIV'", 4],
      ]);
    });
  });

  describe("--taille-max MB", () => {
    it("reads a size in megabytes (English alias --max-size)", () => {
      expect(opts("--taille-max", "500", "a.xlsx").maxPartBytes).toBe(500 * MEGABYTE);
      expect(opts("--max-size", "0,5", "a.xlsx").maxPartBytes).toBe(MEGABYTE / 2);
      expect(opts("--taille-max=1.25", "a.xlsx").maxPartBytes).toBe(1.25 * MEGABYTE);
    });

    it("refuses what is not a positive size", () => {
      for (const v of ["0", "-5", "abc", "", "1e3", "0,0000001"]) {
        expect(usageMessage(`--taille-max=${v}`, "a.xlsx")).toBe(
          `--taille-max : une taille positive en mégaoctets est attendue : ${v}`,
        );
      }
      expect(usageMessage("--lang", "en", "--max-size", "0", "a.xlsx")).toBe(
        "--max-size: a positive size in megabytes is expected: 0",
      );
    });
  });
});

describe("a file whose check fails", () => {
  /** A workbook whose grid cannot be read: the analysis throws. */
  const broken: SheetGrid = {
    name: "Programmation 2020",
    get values(): CellValue[][] {
      throw new Error("grille illisible\n[erreur] A1 faux");
    },
  };
  const good = (name: string, fse: number) => [sheet([balanced(name, "MILO", 50000, fse)])];

  it("is reported in one line; the other files are checked and printed (text)", () => {
    const r = check(
      [],
      [
        { file: "a.xlsx", grids: good("Portage", 25000) },
        { file: "b.xlsx", grids: [broken] },
        { file: "c.xlsx", grids: good("Atelier", 20000) },
      ],
    );
    expect(r.code).toBe(2);
    expect(r.err).toEqual([
      "plie-check: Fichier non vérifié b.xlsx\u00a0: erreur interne (Error: grille illisible\\n[erreur] A1 faux). Les autres fichiers sont vérifiés.",
    ]);
    const lines = r.out.split("\n");
    expect(lines).toContain("Fichier\u00a0: a.xlsx");
    expect(lines).toContain("Fichier\u00a0: c.xlsx");
    const b = lines.indexOf("Fichier\u00a0: b.xlsx");
    expect(lines[b + 1]).toBe(
      "  Vérification interrompue par une erreur interne (Error: grille illisible\\n[erreur] A1 faux).",
    );
    expect(lines.filter((l) => l.startsWith("[erreur]") || l.startsWith("  [erreur]"))).toEqual([]);
    expect(r.out).not.toMatch(/\n\s+at /); // no stack trace
    // The totals across files count the files checked.
    expect(r.out).toMatch(/\n {2}Dépenses totales +100\u202f000,00\u00a0€ +100\u202f000,00\u00a0€\n/);
  });

  it("has an error object in its entry of files (JSON), the other files complete", () => {
    const r = check(
      ["--json", "--lang", "en"],
      [
        { file: "a.xlsx", grids: good("Portage", 25000) },
        { file: "b.xlsx", grids: [broken] },
        { file: "c.xlsx", grids: good("Atelier", 20000) },
      ],
    );
    expect(r.code).toBe(2);
    expect(r.err).toEqual([
      "plie-check: File not checked b.xlsx: internal error (Error: grille illisible\\n[erreur] A1 faux). The other files are checked.",
    ]);
    const doc = parseReport(r.out);
    expect(doc.files.map((f: { file: string }) => f.file)).toEqual(["a.xlsx", "b.xlsx", "c.xlsx"]);
    expect(doc.files[1]).toEqual({
      file: "b.xlsx",
      error: { code: "internal", message: "Error: grille illisible\\n[erreur] A1 faux" },
    });
    expect(doc.files[0].sheets[0].totals.fse).toBe(25000);
    expect(doc.files[2].sheets[0].totals.fse).toBe(20000);
    expect(doc.byFinancerAndYear.fse).toEqual({ "2020": 45000 });
  });

  it("exits 1 without failure when only rules are broken", () => {
    const r = check(["--json"], [{ file: "a.xlsx", grids: good("Atelier", 10000) }]);
    expect(r.code).toBe(1);
    expect(r.err).toEqual([]);
  });
});

describe("an error no file's check contained", () => {
  it("is one line on stderr, and a JSON error object on stdout with --json when nothing was printed", () => {
    const io = () => {
      const out: string[] = [];
      const err: string[] = [];
      return { out, err, io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) } };
    };
    const a = io();
    expect(internalFailure(["--json", "a.xlsx"], new TypeError("lecture\n  at x"), a.io, false)).toBe(2);
    expect(a.err).toEqual(["plie-check: erreur interne\u00a0: TypeError: lecture\\n  at x"]);
    expect(a.out).toEqual(['{"error":{"code":"internal","message":"TypeError: lecture\\\\n  at x"}}']);
    const b = io();
    expect(internalFailure(["--lang", "en", "a.xlsx"], "boom", b.io, false)).toBe(2);
    expect(b).toMatchObject({ out: [], err: ["plie-check: internal error: boom"] });
    const c = io();
    internalFailure(["--json", "a.xlsx"], new Error("late"), c.io, true);
    expect(c.out).toEqual([]);
  });
});

describe("the JSON writer", () => {
  it("writes what jsonText writes, in pieces separated by newlines", () => {
    const out: string[] = [];
    const jw = new JsonWriter((s) => out.push(s));
    jw.value({ a: [1, undefined, "x"], b: undefined, c: { d: null, e: [] }, f: new Date(0) });
    jw.flush();
    expect(out.join("\n")).toBe('{"a":[1,null,"x"],"c":{"d":null,"e":[]},"f":"1970-01-01T00:00:00.000Z"}');
  });

  it("ends open arrays and objects after an error, so the document stays JSON", () => {
    const out: string[] = [];
    const jw = new JsonWriter((s) => out.push(s));
    jw.begin("{");
    jw.key("files");
    jw.begin("[");
    const depth = jw.depth;
    jw.begin("{");
    jw.key("file");
    jw.value("a.xlsx");
    jw.key("sheets");
    try {
      jw.value([
        { n: 1 },
        {
          get n(): number {
            throw new Error("boom");
          },
        },
      ]);
    } catch {
      jw.recover(depth + 1);
      jw.key("error");
      jw.value({ code: "internal" });
      jw.end();
    }
    jw.end();
    jw.key("after");
    jw.value(true);
    jw.end();
    jw.flush();
    expect(JSON.parse(out.join("\n"))).toEqual({
      files: [{ file: "a.xlsx", sheets: [{ n: 1 }, {}], error: { code: "internal" } }],
      after: true,
    });
  });

  it("gives a key left without a value null", () => {
    const out: string[] = [];
    const jw = new JsonWriter((s) => out.push(s));
    jw.begin("{");
    jw.key("x");
    jw.recover(1);
    jw.end();
    jw.flush();
    expect(JSON.parse(out.join(""))).toEqual({ x: null });
  });
});

describe("plie-check on a real file", () => {
  it("keeps its report with the new options", async () => {
    const r = await run("--structure", "CREATIV'", "--taille-max", "50", "--colonne", "Notes=ignorer", F2019);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      "Tableau 1 (principal), lignes 4–15\u00a0: 12 opérations, 12 projets, 0 lettre de commande",
    );
    const j = await run("--json", F2019, "--optimiser", "560 000");
    expect(j.code).toBe(0);
    expect(parseReport(j.out).files[0].sheets[0].optimiser).toMatchObject({ envelope: 560000, proposed: 560000 });
  });
});

describe("plie-check writing into a pipe", () => {
  it("stops quietly when the reader goes away: the check's own exit code, no error on stderr", async () => {
    const root = (await buildCli()).dir;
    const fixture = path.resolve(__dirname, "../../shared/fixtures/programmation-2015.xlsx");
    const full = spawnSync(process.execPath, ["bin/plie-check.js", fixture], { cwd: root });
    expect(full.status).toBe(1);
    // `head -c 40` closes the pipe after 40 bytes: the writer meets EPIPE, which is no failure of the check.
    const p = spawnSync(
      "bash",
      ["-c", `set -o pipefail; "${process.execPath}" bin/plie-check.js "${fixture}" | head -c 40`],
      { cwd: root },
    );
    expect(p.stdout.equals(full.stdout.subarray(0, 40))).toBe(true);
    expect(p.stderr.toString("utf8")).toBe("");
    expect(p.status).toBe(1);
  }, 120_000);
});
