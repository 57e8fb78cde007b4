/**
 * The one production build of the test run, shared by the test files that
 * need it (build.test.ts, and any browser test of the production build):
 * `webpack --mode production` with ADDIN_URL = TEST_ADDIN_URL, as
 * `npm run build` makes it, into a folder named after a hash of everything
 * the build reads (src/, scripts/, assets/, the manifest, package files,
 * webpack and TypeScript configurations). Test files run in parallel
 * workers: the first one builds (under a lock), the others wait for it and
 * reuse the folder; a later run with the same sources reuses it too.
 */
import { spawnSync } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
/** Given without its final slash: the build adds it. */
export const TEST_ADDIN_URL = "https://addins.example.org/plie";
export const TEST_BASE_URL = `${TEST_ADDIN_URL}/`;

const INPUT_DIRS = ["src", "scripts", "assets"];
const INPUT_FILES = ["manifest.xml", "package.json", "package-lock.json", "webpack.config.js", "tsconfig.json"];
const CACHE = path.join(os.tmpdir(), "plie-addin-production");

export interface ProductionBuild {
  /** The built folder (what dist-addin/ would hold). */
  dir: string;
  /** Time of the webpack run, when this call made it; null when it reused a build. */
  ms: number | null;
}

function inputHash(): string {
  const hash = crypto.createHash("sha256");
  hash.update(TEST_ADDIN_URL);
  const add = (file: string) => {
    hash.update(path.relative(ROOT, file));
    hash.update(fs.readFileSync(file));
  };
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else add(p);
    }
  };
  for (const d of INPUT_DIRS) walk(path.join(ROOT, d));
  for (const f of INPUT_FILES) add(path.join(ROOT, f));
  return hash.digest("hex").slice(0, 16);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The production build for the current sources: built once, then reused. */
export async function productionBuild(timeoutMs = 240_000): Promise<ProductionBuild> {
  fs.mkdirSync(CACHE, { recursive: true });
  const key = inputHash();
  const dir = path.join(CACHE, key);
  const lock = `${dir}.lock`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (fs.existsSync(path.join(dir, "manifest.xml"))) return { dir, ms: null };
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, "pid"), String(process.pid));
      break; // this worker builds
    } catch {
      const pid = Number(fs.existsSync(path.join(lock, "pid")) ? fs.readFileSync(path.join(lock, "pid"), "utf8") : NaN);
      if (Number.isFinite(pid) && !alive(pid)) fs.rmSync(lock, { recursive: true, force: true }); // left by a run that died
      if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for the production build under ${lock}`);
      await sleep(250);
    }
  }
  try {
    const tmp = `${dir}.tmp-${process.pid}`;
    fs.rmSync(tmp, { recursive: true, force: true });
    const env: NodeJS.ProcessEnv = { ...process.env, ADDIN_URL: TEST_ADDIN_URL };
    const t0 = Date.now();
    const r = spawnSync(
      process.execPath,
      [require.resolve("webpack-cli/bin/cli.js", { paths: [ROOT] }), "--mode", "production", "--output-path", tmp],
      {
        cwd: ROOT,
        env,
        encoding: "utf8",
      },
    );
    const ms = Date.now() - t0;
    if (r.status !== 0) throw new Error(`webpack --mode production failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
    fs.renameSync(tmp, dir);
    // Builds of other sources are of no further use.
    for (const e of fs.readdirSync(CACHE)) {
      if (e !== key && !e.endsWith(".lock") && !e.includes(".tmp-"))
        fs.rmSync(path.join(CACHE, e), { recursive: true, force: true });
    }
    return { dir, ms };
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}
