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

export const ROOT = path.resolve(__dirname, "../..");

export interface CliBuild {
  dir: string;
  wrapper: string;
}

/** Compiles the CLI into a folder of its own (not dist/, which other tests build too). */
export function buildCli(): CliBuild {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plie-reader-cli-"));
  const out = path.join(dir, "dist");
  try {
    execFileSync(
      process.execPath,
      [
        path.join(ROOT, "node_modules/typescript/bin/tsc"),
        "-p",
        "tsconfig.cli.json",
        "--outDir",
        out,
        "--tsBuildInfoFile",
        path.join(dir, "build.tsbuildinfo"),
      ],
      {
        cwd: ROOT,
        stdio: "pipe",
      },
    );
  } catch {
    // Type errors elsewhere in the tree do not stop the emit; the checks below tell.
  }
  const main = path.join(out, "src/cli/main.js");
  if (!fs.existsSync(main) || !fs.existsSync(path.join(out, "src/cli/read/index.js")))
    throw new Error("the CLI did not build");
  const wrapper = path.join(dir, "measure.js");
  fs.writeFileSync(
    wrapper,
    `process.on("exit", () => process.stderr.write("\\nMAXRSS_KB " + process.resourceUsage().maxRSS + "\\n"));\nrequire(${JSON.stringify(main)}).main();\n`,
  );
  return { dir, wrapper };
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
  const tmp = fs.mkdtempSync(path.join(build.dir, "tmp-"));
  const outFile = path.join(build.dir, `out-${path.basename(tmp)}.txt`);
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
    fs.rmSync(outFile);
  }
  const m = /MAXRSS_KB (\d+)/.exec(r.stderr ?? "");
  const tmpLeft = fs.readdirSync(tmp);
  fs.rmSync(tmp, { recursive: true, force: true });
  return {
    status: r.status,
    stdout: r.stdout ?? "",
    stderr: (r.stderr ?? "").replace(/\n?MAXRSS_KB \d+\n?/, ""),
    maxRssMb: m ? Number(m[1]) / 1024 : NaN,
    tmpLeft,
    ms,
  };
}
