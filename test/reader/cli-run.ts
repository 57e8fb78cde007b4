/**
 * Runs the built plie-check in a child process, as a user would, and
 * measures it: exit code, output, peak memory (the child's own
 * `process.resourceUsage().maxRSS`, printed by a small wrapper at exit),
 * and whether anything was left in its temporary folder (a fresh, empty
 * TMPDIR of its own).
 */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { cachedBuild, ROOT } from "../build-cache";

export interface CliBuild {
  /** The package as installed: bin/plie-check.js and the compiled dist/. */
  dir: string;
  /** plie-check with the peak-memory report at exit. */
  wrapper: string;
}

/**
 * The CLI compiled as `npm run build:cli` compiles it, with bin/ beside it,
 * into a folder of its own (not dist/): built once for the sources, shared by
 * the test files that run it (build-cache.ts).
 */
export async function buildCli(): Promise<CliBuild> {
  const { dir } = await cachedBuild({
    cache: "plie-cli-build",
    inputs: ["src", "scripts", "bench", "bin", "package.json", "tsconfig.json", "tsconfig.cli.json"],
    salt: "",
    marker: "measure.js",
    build(out) {
      try {
        execFileSync(
          process.execPath,
          [
            path.join(ROOT, "node_modules/typescript/bin/tsc"),
            "-p",
            "tsconfig.cli.json",
            "--outDir",
            path.join(out, "dist"),
            "--incremental",
            "false",
          ],
          { cwd: ROOT, stdio: "pipe" },
        );
      } catch {
        // Type errors elsewhere in the tree do not stop the emit; the checks below tell.
      }
      if (
        !fs.existsSync(path.join(out, "dist/src/cli/main.js")) ||
        !fs.existsSync(path.join(out, "dist/src/cli/read/index.js"))
      )
        throw new Error("the CLI did not build");
      fs.mkdirSync(path.join(out, "bin"));
      fs.copyFileSync(path.join(ROOT, "bin/plie-check.js"), path.join(out, "bin/plie-check.js"));
      fs.writeFileSync(
        path.join(out, "measure.js"),
        `process.on("exit", () => process.stderr.write("\\nMAXRSS_KB " + process.resourceUsage().maxRSS + "\\n"));\nrequire("./dist/src/cli/main.js").main();\n`,
      );
    },
  });
  return { dir, wrapper: path.join(dir, "measure.js") };
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** Peak resident memory of the child, in MB. */
  maxRssMb: number;
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
  const m = /MAXRSS_KB (\d+)/.exec(r.stderr ?? "");
  const tmpLeft = fs.readdirSync(tmp);
  fs.rmSync(own, { recursive: true, force: true });
  return {
    status: r.status,
    stdout: r.stdout ?? "",
    stderr: (r.stderr ?? "").replace(/\n?MAXRSS_KB \d+\n?/, ""),
    maxRssMb: m ? Number(m[1]) / 1024 : NaN,
    tmpLeft,
    ms,
  };
}
