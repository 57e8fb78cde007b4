/**
 * The manifest's <Requirements> against the Office.js APIs the code calls.
 *
 * Office installs the add-in only where every set of <Requirements><Sets> is
 * supported; an API of a later set must then sit behind a runtime check
 * (`isSetSupported`, through excelApiSupported / requirementSetSupported in
 * src/excel/host.ts). The TypeScript compiler reads the Office-facing source
 * (src/excel, src/taskpane, src/functions, src/commands: the files that name
 * Excel, Office, OfficeExtension or CustomFunctions) and resolves every
 * property access to its declaration in @types/office-js, whose comment gives
 * the requirement set ("[Api set: ExcelApi 1.9]"). The table below is what the
 * code uses above ExcelApi 1.1 — a new use of a later API, or a use that went
 * away, fails the test until the table says how it is covered.
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..");
const SOURCE_DIRS = ["src/excel", "src/taskpane", "src/functions", "src/commands"];
const OFFICE_JS = path.join(ROOT, "node_modules/@types/office-js/index.d.ts");
const CF_RUNTIME = path.join(ROOT, "node_modules/@types/custom-functions-runtime/index.d.ts");

/** The runtime check that makes an API of a later set safe, as it is written in the file. */
const guard = (set: string, version: string) =>
  set === "ExcelApi"
    ? new RegExp(
        `(excelApiSupported\\(\\s*"${version.replace(".", "\\.")}"\\s*\\)|requirementSetSupported\\(\\s*"ExcelApi"\\s*,\\s*"${version.replace(".", "\\.")}"\\s*\\))`,
      )
    : new RegExp(
        `requirementSetSupported\\(\\s*"${set}"\\s*,\\s*"${version.replace(".", "\\.")}"\\s*\\)|isSetSupported\\(\\s*"${set}"`,
      );

interface Use {
  /** Declaring type and member, e.g. `Excel.RangeFill.pattern`. */
  api: string;
  /** Requirement set and version, e.g. `ExcelApi 1.9`. */
  set: string;
  /** Source files (relative) that use it. */
  files: string[];
}

/**
 * APIs above ExcelApi 1.1 that the code calls without a runtime check: the
 * manifest's <Requirements> must cover each one.
 */
const UNGUARDED: Record<string, string> = {
  "Excel.RangeFormat.columnWidth": "ExcelApi 1.2", // report and synthesis sheets
  "Excel.Workbook.settings": "ExcelApi 1.4", // the product settings and the marks' record
  "Excel.SettingCollection.add": "ExcelApi 1.4",
  "Excel.SettingCollection.getItemOrNullObject": "ExcelApi 1.4",
  "Excel.Setting.value": "ExcelApi 1.4",
  "Excel.Setting.delete": "ExcelApi 1.4",
  "Excel.Worksheet.getUsedRangeOrNullObject": "ExcelApi 1.4", // reading a sheet
  "Excel.WorksheetCollection.getItemOrNullObject": "ExcelApi 1.4", // the live re-check finds a sheet by id
  "Excel.Worksheet.getRangeByIndexes": "ExcelApi 1.7", // big sheets read in row blocks
  "Excel.WorksheetChangedEventArgs.worksheetId": "ExcelApi 1.7",
  "Excel.WorksheetCollection.onChanged": "ExcelApi 1.9", // the live re-check
  "Excel.RangeFill.pattern": "ExcelApi 1.9", // marks keep and restore the original fill
  "Excel.RangeFill.patternColor": "ExcelApi 1.9",
  "Excel.RangeFill.tintAndShade": "ExcelApi 1.9",
  "Excel.RangeFill.patternTintAndShade": "ExcelApi 1.9",
  "Excel.RangeAreas.address": "ExcelApi 1.9", // read only from merged areas, themselves behind ExcelApi 1.13
  "Office.Addin.onVisibilityModeChanged": "SharedRuntime 1.1", // the pane closed stops the live re-check
};

/**
 * APIs of a set the manifest does not require, each behind a runtime check
 * that the file holds (what the code does without it is in the comment).
 */
const GUARDED: Record<string, { set: string; check: RegExp }> = {
  // Merged areas (a figure printed for two columns): read only where ExcelApi 1.13 is supported.
  "Excel.Range.getMergedAreasOrNullObject": { set: "ExcelApi 1.13", check: guard("ExcelApi", "1.13") },
  // Notes on marked cells (ExcelApi 1.18, not in Excel 2021/2024): fills only, without notes.
  "Excel.Worksheet.notes": { set: "ExcelApi 1.18", check: guard("ExcelApi", "1.18") },
  "Excel.NoteCollection.add": { set: "ExcelApi 1.18", check: guard("ExcelApi", "1.18") },
  "Excel.NoteCollection.getItem": { set: "ExcelApi 1.18", check: guard("ExcelApi", "1.18") },
  "Excel.NoteCollection.getItemOrNullObject": { set: "ExcelApi 1.18", check: guard("ExcelApi", "1.18") },
  "Excel.Note.content": { set: "ExcelApi 1.18", check: guard("ExcelApi", "1.18") },
  "Excel.Note.delete": { set: "ExcelApi 1.18", check: guard("ExcelApi", "1.18") },
  // An event argument older Excel leaves undefined: compared, never required.
  "Excel.WorksheetChangedEventArgs.triggerSource": {
    set: "ExcelApi 1.14",
    check: /\.triggerSource === "ThisLocalAddin"/,
  },
};

/**
 * Uses the compiler cannot see, found by text: an Office object reached
 * through a type of the code's own. A set the manifest does not require
 * needs its runtime check (`check`) in the file.
 */
const BY_TEXT: { file: string; use: RegExp; api: string; set: string; check?: RegExp }[] = [
  // withEventsOff takes any context with a runtime: the add-in's own writes do not wake the live re-check.
  {
    file: "src/excel/live.ts",
    use: /context\.runtime\.enableEvents = false/,
    api: "Excel.Runtime.enableEvents",
    set: "ExcelApi 1.8",
  },
  // The custom functions runtime, looked up at run time so that the module loads without it:
  // `CustomFunctions.Error` with a message; where it is missing, a plain error (Excel shows #VALUE!).
  {
    file: "src/functions/arguments.ts",
    use: /new runtime\.Error\(runtime\.ErrorCode\.invalidValue/,
    api: "CustomFunctions.Error",
    set: "CustomFunctionsRuntime 1.2",
    check: /typeof runtime\.Error === "function" && runtime\.ErrorCode/,
  },
];

function sourceFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith(".ts")) out.push(p);
    }
  };
  for (const d of SOURCE_DIRS) walk(path.join(ROOT, d));
  return out;
}

const SET_TAG = /\[Api set: ([A-Za-z]+) ([0-9.]+)\]|Requirement set\*\*: \{@link [^|}]*\|\s*([A-Za-z]+) ([0-9.]+)\s*\}/;

/** `Excel.RangeFill.pattern`: the names of the declaration's enclosing namespaces and type. */
function qualifiedName(decl: ts.Declaration, member: string): string {
  const parts = [member];
  for (let n: ts.Node | undefined = decl.parent; n; n = n.parent) {
    if (
      (ts.isClassDeclaration(n) ||
        ts.isInterfaceDeclaration(n) ||
        ts.isModuleDeclaration(n) ||
        ts.isEnumDeclaration(n)) &&
      n.name
    )
      parts.unshift(n.name.text);
  }
  return parts.join(".");
}

/**
 * Every property access of the Office-facing files that resolves to a
 * declaration of @types/office-js or @types/custom-functions-runtime with a
 * requirement set. Local imports are not followed (noResolve): an Office
 * object is typed where it is used, from its `/// <reference types="office-js" />`.
 * Only the Office, OfficeExtension, OfficeCore and Excel namespaces of
 * office-js are read (the rest is Word, OneNote, Visio and PowerPoint).
 */
function officeApiUses(): { uses: Use[]; files: string[] } {
  const files = sourceFiles().filter((f) =>
    /\b(Excel|Office|OfficeExtension|CustomFunctions)\.|reference types="office-js"/.test(fs.readFileSync(f, "utf8")),
  );
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2021,
    lib: ["lib.es2021.d.ts"],
    types: [],
    noResolve: true,
    skipLibCheck: true,
    noEmit: true,
  };
  const host = ts.createCompilerHost(options);
  let officeText = fs.readFileSync(OFFICE_JS, "utf8");
  const end = officeText.indexOf("\ndeclare namespace Word {");
  if (end > 0) officeText = officeText.slice(0, end);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, ...rest) =>
    path.resolve(name) === OFFICE_JS
      ? ts.createSourceFile(name, officeText, language)
      : getSourceFile(name, language, ...rest);
  const program = ts.createProgram([...files, OFFICE_JS, CF_RUNTIME], options, host);
  const checker = program.getTypeChecker();
  const libs = new Set([OFFICE_JS, CF_RUNTIME]);
  const found = new Map<string, Use>();
  for (const file of files) {
    const sf = program.getSourceFile(file)!;
    const rel = path.relative(ROOT, file).split(path.sep).join("/");
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAccessExpression(node)) {
        const symbol = checker.getSymbolAtLocation(node.name);
        for (const decl of symbol?.declarations ?? []) {
          const lib = decl.getSourceFile();
          if (!libs.has(path.resolve(lib.fileName))) continue;
          const tag = SET_TAG.exec(lib.text.slice(decl.getFullStart(), decl.getStart()));
          if (!tag) continue;
          const set = `${tag[1] ?? tag[3]} ${tag[2] ?? tag[4]}`;
          const api = qualifiedName(decl, symbol!.name);
          const key = `${api} ${set}`;
          const use = found.get(key) ?? { api, set, files: [] };
          if (!use.files.includes(rel)) use.files.push(rel);
          found.set(key, use);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return { uses: [...found.values()], files: files.map((f) => path.relative(ROOT, f).split(path.sep).join("/")) };
}

const versionOf = (set: string) => set.split(" ")[1].split(".").map(Number);
const atLeast = (v: number[], min: number[]) => v[0] > min[0] || (v[0] === min[0] && (v[1] ?? 0) >= (min[1] ?? 0));

/** The manifest's <Requirements><Sets>: name → MinVersion. */
function declaredSets(): Map<string, string> {
  const xml = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
  const requirements = /<Requirements>([\s\S]*?)<\/Requirements>/.exec(xml)?.[1] ?? "";
  return new Map([...requirements.matchAll(/<Set Name="([^"]+)" MinVersion="([^"]+)"\/>/g)].map((m) => [m[1], m[2]]));
}

describe("requirement sets: the manifest against the Office.js APIs the code uses", () => {
  let uses: Use[] = [];
  let scanned: string[] = [];
  const declared = declaredSets();
  /** Whether the manifest's <Requirements> covers a set ("ExcelApi 1.9"). */
  const covered = (set: string) => {
    const [name] = set.split(" ");
    const min = declared.get(name);
    return min !== undefined && atLeast(versionOf(`${name} ${min}`), versionOf(set)) && atLeast(versionOf(set), [0, 0]);
  };

  beforeAll(() => {
    ({ uses, files: scanned } = officeApiUses());
  }, 60_000);

  it("reads the Office-facing source and finds its Office.js calls", () => {
    for (const f of ["src/excel/read.ts", "src/excel/marks.ts", "src/excel/live.ts", "src/taskpane/excel-host.ts"])
      expect(scanned, f).toContain(f);
    // Calls of ExcelApi 1.1 are found too (the base every Excel has): the scan sees the code.
    expect(uses.some((u) => u.api === "Excel.Worksheet.getRange" && u.set === "ExcelApi 1.1")).toBe(true);
    expect(uses.some((u) => u.api === "Excel.RequestContext.workbook" || u.api === "Excel.Workbook.worksheets")).toBe(
      true,
    );
  });

  it("lists in the table every API used above ExcelApi 1.1, with its set; nothing listed is unused", () => {
    const above = uses.filter((u) => !(u.set === "ExcelApi 1.1"));
    const actual = Object.fromEntries(above.map((u) => [u.api, u.set] as const).sort());
    const table = Object.fromEntries(
      [...Object.entries(UNGUARDED), ...Object.entries(GUARDED).map(([api, g]) => [api, g.set] as const)].sort(),
    );
    expect(
      actual,
      "add the new API to UNGUARDED (if the manifest covers its set) or to GUARDED (with its runtime check)",
    ).toEqual(table);
  });

  it("the manifest's <Requirements> cover every unguarded API", () => {
    for (const [api, set] of Object.entries(UNGUARDED))
      expect(covered(set), `${api} (${set}) needs a runtime check or the manifest to require ${set}`).toBe(true);
  });

  it("every API of a later set sits behind its runtime check, in each file that calls it", () => {
    for (const u of uses) {
      if (covered(u.set)) continue;
      const g = GUARDED[u.api];
      expect(
        g,
        `${u.api} (${u.set}), used in ${u.files.join(", ")}, is not required by the manifest: check it at run time and list it in GUARDED`,
      ).toBeDefined();
      for (const f of u.files)
        expect(fs.readFileSync(path.join(ROOT, f), "utf8"), `${f}: ${u.api} without ${g.check}`).toMatch(g.check);
    }
    for (const t of BY_TEXT) {
      const text = fs.readFileSync(path.join(ROOT, t.file), "utf8");
      expect(text, `${t.file} no longer uses ${t.api} (${t.use}): update BY_TEXT`).toMatch(t.use);
      if (covered(t.set)) continue;
      expect(
        t.check,
        `${t.api} (${t.set}) in ${t.file} is not required by the manifest: it needs a runtime check`,
      ).toBeDefined();
      expect(text, `${t.file}: ${t.api} (${t.set}) without its check`).toMatch(t.check!);
    }
  });

  it("requires no more than the code needs: ExcelApi at the highest unguarded version, the shared runtime the manifest declares", () => {
    const highest = [...Object.values(UNGUARDED), ...BY_TEXT.filter((t) => !t.check).map((t) => t.set)]
      .filter((s) => s.startsWith("ExcelApi "))
      .map(versionOf)
      .reduce((a, b) => (atLeast(a, b) ? a : b), [1, 1]);
    expect(declared.get("ExcelApi")).toBe(highest.join("."));
    expect(declared.get("ExcelApi")).toBe("1.9");
    // SharedRuntime 1.1: the <Runtimes> element itself (one long-lived runtime for the pane and the functions).
    const xml = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
    expect(xml).toMatch(/<Runtime resid="Taskpane\.Url" lifetime="long"\/>/);
    expect(declared.get("SharedRuntime")).toBe("1.1");
    expect([...declared.keys()].sort()).toEqual(["ExcelApi", "SharedRuntime"]);
  });
});
