/**
 * Runs the built plie-check in a child process, as a user would, and
 * measures it: exit code, output, peak memory (the child's own
 * `process.resourceUsage().maxRSS`, printed by a small wrapper at exit),
 * and whether anything was left in its temporary folder (a fresh, empty
 * TMPDIR of its own).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ts from "typescript";
import { cachedBuild, ROOT } from "../build-cache";

export interface CliBuild {
  /** The package as installed: bin/plie-check.js and the compiled dist/. */
  dir: string;
  /** plie-check with the peak-memory report at exit. */
  wrapper: string;
}

/**
 * The CLI's JavaScript (what `npm run build:cli` emits for it), with bin/ beside it,
 * into a folder of its own (not dist/): built once for the sources, shared by
 * the test files that run it (build-cache.ts).
 */
export async function buildCli(): Promise<CliBuild> {
  const { dir } = await cachedBuild({
    cache: "plie-cli-build",
    inputs: [...CLI_LAYERS, "bin", "package.json", "tsconfig.json"],
    salt: MEASURE,
    marker: "measure.js",
    build(out) {
      transpileCli(path.join(out, "dist"));
      if (
        !fs.existsSync(path.join(out, "dist/src/cli/main.js")) ||
        !fs.existsSync(path.join(out, "dist/src/cli/read/index.js"))
      )
        throw new Error("the CLI did not build");
      fs.mkdirSync(path.join(out, "bin"));
      fs.copyFileSync(path.join(ROOT, "bin/plie-check.js"), path.join(out, "bin/plie-check.js"));
      fs.writeFileSync(path.join(out, "measure.js"), MEASURE);
    },
  });
  return { dir, wrapper: path.join(dir, "measure.js") };
}

/**
 * The wrapper the tests run: the CLI, with its peak memory printed at exit,
 * and the peak when the first workbook has been read (the reader's share:
 * nothing but loading the modules and reading has run by then).
 */
const MEASURE = `const read = require("./dist/src/cli/read/index.js");
const readWorkbook = read.readWorkbook;
let first = true;
read.readWorkbook = async (...args) => {
  const grids = await readWorkbook(...args);
  if (first) process.stderr.write("\\nREAD_MAXRSS_KB " + process.resourceUsage().maxRSS + "\\n");
  first = false;
  return grids;
};
process.on("exit", () => process.stderr.write("\\nMAXRSS_KB " + process.resourceUsage().maxRSS + "\\n"));
require("./dist/src/cli/main.js").main();
`;

/** The layers the CLI is made of (the add-in's folders are not part of it). */
const CLI_LAYERS = ["src/domain", "src/sheet", "src/report", "src/cli"];

/**
 * The CLI's JavaScript, each file transpiled on its own with the project's
 * compiler options: a second or two where a type-checking build takes ten.
 * The types are checked by `npm run typecheck`, not by the tests.
 */
function transpileCli(outDir: string): void {
  const { options } = ts.convertCompilerOptionsFromJson(
    (
      ts.readConfigFile(path.join(ROOT, "tsconfig.json"), (f) => ts.sys.readFile(f)).config as {
        compilerOptions: object;
      }
    ).compilerOptions,
    ROOT,
  );
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = path.join(dir, e.name);
      if (e.isDirectory()) walk(rel);
      else if (e.name.endsWith(".ts")) {
        const js = ts.transpileModule(fs.readFileSync(path.join(ROOT, rel), "utf8"), {
          compilerOptions: { ...options, sourceMap: false },
          fileName: rel,
        }).outputText;
        const target = path.join(outDir, rel.replace(/\.ts$/, ".js"));
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, js);
      }
    }
  };
  for (const layer of CLI_LAYERS) walk(layer);
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** Peak resident memory of the child, in MB. */
  maxRssMb: number;
  /** The child's peak when its first workbook was read (the reader's share), in MB; NaN when none was. */
  readMaxRssMb: number;
  /** What the child left in its TMPDIR. */
  tmpLeft: string[];
  ms: number;
}

/**
 * `toFile`: the report goes to a file, as `plie-check --json FILE > report.json`
 * (the default is a pipe, whose pending output the child also holds in memory).
 */
export function runCli(
  build: CliBuild,
  args: readonly string[],
  timeoutMs = 60_000,
  options: { toFile?: boolean } = {},
): CliRun {
  const own = fs.mkdtempSync(path.join(os.tmpdir(), "plie-cli-run-"));
  const tmp = path.join(own, "tmp");
  fs.mkdirSync(tmp);
  const outFile = path.join(own, "out.txt");
  const fd = options.toFile ? fs.openSync(outFile, "w") : null;
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [build.wrapper, ...args], {
    encoding: "utf8",
    timeout: timeoutMs,
    env: { ...process.env, TMPDIR: tmp, TMP: tmp, TEMP: tmp },
    maxBuffer: 256 * 1024 * 1024,
    stdio: ["ignore", fd ?? "pipe", "pipe"],
  });
  const ms = Date.now() - t0;
  if (fd !== null) {
    fs.closeSync(fd);
    r.stdout = fs.readFileSync(outFile, "utf8");
  }
  const err = r.stderr ?? "";
  const m = /(?:^|\n)MAXRSS_KB (\d+)/.exec(err);
  const read = /\nREAD_MAXRSS_KB (\d+)\n/.exec(err);
  const tmpLeft = fs.readdirSync(tmp);
  fs.rmSync(own, { recursive: true, force: true });
  return {
    status: r.status,
    stdout: r.stdout ?? "",
    stderr: err.replace(/\n?READ_MAXRSS_KB \d+\n?/, "").replace(/\n?MAXRSS_KB \d+\n?/, ""),
    maxRssMb: m ? Number(m[1]) / 1024 : NaN,
    readMaxRssMb: read ? Number(read[1]) / 1024 : NaN,
    tmpLeft,
    ms,
  };
}
