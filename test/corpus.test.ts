/**
 * The layout corpus: generated programming sheets (test/corpus/NN-name/
 * input.json) with their hand-written answers (expected.json), checked three
 * ways: the grid the add-in gives (values, merges, number formats), the same
 * sheets written to an .xlsx file and read back by the checker's reader, and,
 * for a few cases, `plie-check --json` end to end.
 *
 * expected.json holds, per result sheet (in the order the results come):
 * the year; `lines`, the exact list of operation rows with their
 * classification, total cost and FSE (euros, null when unreadable); the
 * sheet's totals (line count, total cost, FSE, every financer that has a
 * column); `errors` and `warnings`, exact lists (any order); `infos`, infos
 * that must be present. A finding is a code and a cell (null for a
 * sheet-level one); an expected finding without a `cell` key matches that
 * code at any cell (used only where the layout contract does not fix it).
 */
import { readWorkbook } from "../src/cli/read";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../src/cli/main";
import { parseColumnMapping, type ColumnMapping } from "../src/domain/columns";
import { sheetJson } from "../src/report/json";
import type { CellValue, SheetGrid } from "../src/sheet/grid";
import { analyseWorkbook } from "../src/sheet/workbook";
import { columnIndex, writeWorkbook, type SheetCell, type SheetSpec } from "../scripts/workbook-writer";

// ---------------------------------------------------------------------------
// The case files

type Cell = string | number | boolean | null;

interface CaseSheet {
  name: string;
  /** rows[0] is sheet row 1. */
  rows: Cell[][];
  merges?: string[];
  /** Number formats by A1 range, applied to the numbers of the range. */
  formats?: Record<string, string>;
}

interface CaseInput {
  about: string;
  options?: { columns?: string[]; ownNames?: string[] };
  sheets: CaseSheet[];
}

interface ExpectedFinding {
  code: string;
  cell?: string | null;
}

interface ExpectedLine {
  row: number;
  classification: "projet" | "lettre_de_commande" | null;
  totalCost: number | null;
  fse: number | null;
}

interface ExpectedSheet {
  sheet: string;
  year: number | null;
  lines: ExpectedLine[];
  totals: { lineCount: number; totalCost: number; fse: number; byFinancer: Record<string, number> };
  errors: ExpectedFinding[];
  warnings: ExpectedFinding[];
  infos: ExpectedFinding[];
}

interface Expected {
  sheets: ExpectedSheet[];
}

interface Case {
  name: string;
  input: CaseInput;
  expected: Expected;
  columns: ColumnMapping[];
}

const CORPUS = path.join(__dirname, "corpus");

function loadCases(): Case[] {
  const out: Case[] = [];
  for (const name of fs.readdirSync(CORPUS).sort()) {
    const dir = path.join(CORPUS, name);
    if (!fs.statSync(dir).isDirectory()) continue;
    const input = JSON.parse(fs.readFileSync(path.join(dir, "input.json"), "utf8")) as CaseInput;
    const expected = JSON.parse(fs.readFileSync(path.join(dir, "expected.json"), "utf8")) as Expected;
    const columns = (input.options?.columns ?? []).map((text) => {
      const m = parseColumnMapping(text);
      if (!m) throw new Error(`${name}: unreadable column mapping ${JSON.stringify(text)}`);
      return m;
    });
    out.push({ name, input, expected, columns });
  }
  return out;
}

const CASES = loadCases();

// ---------------------------------------------------------------------------
// Sheets as grids and as files

interface Area {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** 0-based rows and columns of an A1 range (`H5:H9`, `F3`). */
function areaOf(range: string): Area {
  const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(range.trim().toUpperCase());
  if (!m) throw new Error(`not an A1 range: ${range}`);
  const top = Number(m[2]) - 1;
  const left = columnIndex(m[1]);
  return { top, left, bottom: m[4] ? Number(m[4]) - 1 : top, right: m[3] ? columnIndex(m[3]) : left };
}

/** The number format of each number cell, from the sheet's `formats`. */
function formatsOf(s: CaseSheet): (string | null)[][] {
  const out: (string | null)[][] = s.rows.map((r) => r.map(() => null));
  for (const [range, format] of Object.entries(s.formats ?? {})) {
    const a = areaOf(range);
    for (let r = a.top; r <= a.bottom && r < s.rows.length; r++) {
      for (let c = a.left; c <= a.right && c < s.rows[r].length; c++) {
        if (typeof s.rows[r][c] === "number") out[r][c] = format;
      }
    }
  }
  return out;
}

/** The grid Excel would give: values, merged areas, number formats. */
function gridOfCase(s: CaseSheet): SheetGrid {
  const values: CellValue[][] = s.rows.map((r) => r.map((v) => (v === undefined ? null : v)));
  return { name: s.name, values, merges: (s.merges ?? []).slice(), numberFormats: formatsOf(s) };
}

/** The sheet as the workbook writer describes it: plain cells, numbers with their format. */
function specOfCase(s: CaseSheet): SheetSpec {
  const formats = formatsOf(s);
  return {
    name: s.name,
    rows: s.rows.map((r, i) => ({
      kind: "footer" as const, // no style of its own: only the given formats
      cells: r.map((v, c): SheetCell =>
        typeof v === "number" && formats[i][c] ? { value: v, numFmt: formats[i][c] } : v,
      ),
    })),
    merges: (s.merges ?? []).slice(),
  };
}

type Reader = (file: string) => Promise<SheetGrid[]>;

// ---------------------------------------------------------------------------
// Comparison

interface ActualFinding {
  code: string;
  severity: string;
  cell: string | null;
}

interface JsonLine {
  row: number;
  classification: string | null;
  totalCost: number | null;
  fse: number | null;
  findings: ActualFinding[];
}

interface JsonSheet {
  sheet: string;
  year: number | null;
  tables: { lines: JsonLine[]; findings: ActualFinding[] }[];
  totals: { lineCount: number; totalCost: number; fse: number; byFinancer: Record<string, number> };
  findings: ActualFinding[];
}

function findingsOf(s: JsonSheet): ActualFinding[] {
  const out = s.findings.slice();
  for (const t of s.tables) {
    for (const f of t.findings) out.push(f);
    for (const l of t.lines) for (const f of l.findings) out.push(f);
  }
  return out;
}

const show = (v: unknown): string => (v === undefined ? "(absent)" : JSON.stringify(v));
const findingText = (f: ExpectedFinding): string => `${f.code}@${"cell" in f ? (f.cell ?? "sheet") : "*"}`;

/** Expected findings against actual ones; `exact`: actual ones not expected are reported too. */
function compareFindings(
  where: string,
  kind: string,
  expected: readonly ExpectedFinding[],
  actual: readonly ActualFinding[],
  exact: boolean,
  out: string[],
): void {
  const left = actual.slice();
  const missing: string[] = [];
  // Findings with a cell first, so that a wildcard does not take another one's match.
  const ordered = expected.slice().sort((a, b) => Number(!("cell" in a)) - Number(!("cell" in b)));
  for (const e of ordered) {
    const k = left.findIndex((a) => a.code === e.code && (!("cell" in e) || a.cell === (e.cell ?? null)));
    if (k < 0) missing.push(findingText(e));
    else left.splice(k, 1);
  }
  const unexpected = exact ? left.map((a) => `${a.code}@${a.cell ?? "sheet"}`) : [];
  if (missing.length || unexpected.length) {
    const got = actual.map((a) => `${a.code}@${a.cell ?? "sheet"}`).sort();
    out.push(
      `${where} ${kind}: missing [${missing.join(", ")}], unexpected [${unexpected.join(", ")}] (got [${got.join(", ")}])`,
    );
  }
}

/** Every difference between the JSON results and the expected answer, as messages. */
function differences(caseName: string, actual: readonly JsonSheet[], expected: Expected): string[] {
  const out: string[] = [];
  if (actual.length !== expected.sheets.length) {
    out.push(
      `${caseName}: ${expected.sheets.length} result sheet(s) expected (${expected.sheets.map((s) => `${s.sheet} ${s.year}`).join(", ")}), got ${actual.length} (${actual.map((s) => `${s.sheet} ${s.year}`).join(", ")})`,
    );
  }
  const n = Math.min(actual.length, expected.sheets.length);
  for (let i = 0; i < n; i++) {
    const a = actual[i];
    const e = expected.sheets[i];
    const where = `${caseName} › sheet ${i} "${e.sheet}"`;
    if (a.sheet !== e.sheet) out.push(`${where} name: expected ${show(e.sheet)}, got ${show(a.sheet)}`);
    if (a.year !== e.year) out.push(`${where} year: expected ${show(e.year)}, got ${show(a.year)}`);

    const lines = a.tables.flatMap((t) => t.lines);
    const rowsA = lines.map((l) => l.row);
    const rowsE = e.lines.map((l) => l.row);
    if (rowsA.join(",") !== rowsE.join(","))
      out.push(`${where} operation rows: expected [${rowsE.join(", ")}], got [${rowsA.join(", ")}]`);
    for (const el of e.lines) {
      const al = lines.find((l) => l.row === el.row);
      if (!al) continue;
      for (const field of ["classification", "totalCost", "fse"] as const) {
        if (al[field] !== el[field])
          out.push(`${where} › row ${el.row} ${field}: expected ${show(el[field])}, got ${show(al[field])}`);
      }
    }

    for (const field of ["lineCount", "totalCost", "fse"] as const) {
      if (a.totals[field] !== e.totals[field])
        out.push(`${where} › totals.${field}: expected ${show(e.totals[field])}, got ${show(a.totals[field])}`);
    }
    const ids = new Set([...Object.keys(e.totals.byFinancer), ...Object.keys(a.totals.byFinancer)]);
    for (const id of [...ids].sort()) {
      if (a.totals.byFinancer[id] !== e.totals.byFinancer[id]) {
        out.push(
          `${where} › totals.byFinancer.${id}: expected ${show(e.totals.byFinancer[id])}, got ${show(a.totals.byFinancer[id])}`,
        );
      }
    }

    const findings = findingsOf(a);
    compareFindings(
      where,
      "errors",
      e.errors,
      findings.filter((f) => f.severity === "error"),
      true,
      out,
    );
    compareFindings(
      where,
      "warnings",
      e.warnings,
      findings.filter((f) => f.severity === "warning"),
      true,
      out,
    );
    compareFindings(
      where,
      "infos",
      e.infos,
      findings.filter((f) => f.severity === "info"),
      false,
      out,
    );
  }
  return out;
}

function analyseGrids(grids: readonly SheetGrid[], c: Case): JsonSheet[] {
  const wb = analyseWorkbook(grids, { columns: c.columns });
  return wb.sheets.map((s) => JSON.parse(JSON.stringify(sheetJson(s, "fr"))) as JsonSheet);
}

// ---------------------------------------------------------------------------
// The runs

describe("layout corpus", () => {
  it("holds at least 30 cases, each saying what it shows", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
    for (const c of CASES) {
      expect(c.input.about, c.name).toMatch(/\S/);
      expect(c.expected.sheets.length, c.name).toBeGreaterThan(0);
    }
  });
});

describe("layout corpus: the grid (Excel's values, merges and number formats)", () => {
  for (const c of CASES) {
    it(c.name, () => {
      const actual = analyseGrids(c.input.sheets.map(gridOfCase), c);
      expect(differences(c.name, actual, c.expected), c.input.about).toEqual([]);
    });
  }
});

describe("layout corpus: the .xlsx file read back by the checker's reader", () => {
  let dir = "";
  const read: Reader = readWorkbook;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "plie-corpus-"));
  });
  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });
  for (const c of CASES) {
    it(c.name, async () => {
      const file = path.join(dir, `${c.name}.xlsx`);
      await writeWorkbook(file, c.input.sheets.map(specOfCase), { date: new Date(Date.UTC(2023, 2, 14)) });
      const actual = analyseGrids(await read(file), c);
      expect(differences(c.name, actual, c.expected), c.input.about).toEqual([]);
    });
  }
});

/** A few cases end to end through `plie-check --json`, mapped columns given as `--colonne`. */
const CLI_CASES = [
  "01-sous-total-axe",
  "19-fse-requested-and-granted",
  "33-two-years-side-by-side",
  "39-colonne-rate-request-ignore",
];

describe("layout corpus: plie-check --json", () => {
  let dir = "";
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "plie-corpus-cli-"));
  });
  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });
  for (const name of CLI_CASES) {
    const c = CASES.find((x) => x.name === name);
    it(name, async () => {
      expect(c, `case ${name} exists`).toBeDefined();
      const file = path.join(dir, `${name}.xlsx`);
      await writeWorkbook(file, c!.input.sheets.map(specOfCase), { date: new Date(Date.UTC(2023, 2, 14)) });
      const argv = ["--json"];
      for (const m of c!.input.options?.columns ?? []) argv.push("--colonne", m);
      argv.push(file);
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
      expect(err.join("\n"), "stderr").toBe("");
      const doc = JSON.parse(out.join("\n")) as { files: { sheets: JsonSheet[] }[] };
      expect(differences(name, doc.files[0].sheets, c!.expected), c!.input.about).toEqual([]);
      const errors = c!.expected.sheets.reduce((k, s) => k + s.errors.length, 0);
      expect(code, "exit code").toBe(errors > 0 ? 1 : 0);
    });
  }
});
