/**
 * Builds that several test files need, made once and shared: a build lives in
 * a folder named after a hash of everything it reads, under the system's
 * temporary folder. Test files run in parallel workers: the first one builds
 * (under a lock), the others wait for it and reuse the folder; a later run
 * with the same sources reuses it too.
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export const ROOT = path.resolve(__dirname, "..");

export interface CachedBuild {
  /** The built folder. */
  dir: string;
  /** Time of the build, when this call made it; null when it reused a build. */
  ms: number | null;
}

export interface BuildRecipe {
  /** Folder under the temporary folder that holds this kind of build. */
  cache: string;
  /** Folders (walked) and files, relative to the project's root, that the build reads. */
  inputs: readonly string[];
  /** Anything else the build depends on (an address, options). */
  salt: string;
  /** A file whose presence in the folder means the build is complete. */
  marker: string;
  /** Builds into `out` (a fresh folder's path); throws on failure. */
  build(out: string): void;
}

function inputHash(recipe: BuildRecipe): string {
  const hash = crypto.createHash("sha256");
  hash.update(recipe.salt);
  const add = (file: string) => {
    hash.update(path.relative(ROOT, file));
    hash.update(fs.readFileSync(file));
  };
  const walk = (p: string) => {
    if (!fs.existsSync(p)) return;
    if (!fs.statSync(p).isDirectory()) return add(p);
    for (const e of fs.readdirSync(p).sort()) walk(path.join(p, e));
  };
  for (const input of recipe.inputs) walk(path.join(ROOT, input));
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

/** Age after which a build of other sources is removed (a run still using it would have ended). */
const STALE_MS = 60 * 60 * 1000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The build for the current sources: built once, then reused. */
export async function cachedBuild(recipe: BuildRecipe, timeoutMs = 240_000): Promise<CachedBuild> {
  const cache = path.join(os.tmpdir(), recipe.cache);
  fs.mkdirSync(cache, { recursive: true });
  const key = inputHash(recipe);
  const dir = path.join(cache, key);
  const lock = `${dir}.lock`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (fs.existsSync(path.join(dir, recipe.marker))) return { dir, ms: null };
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, "pid"), String(process.pid));
      break; // this worker builds
    } catch {
      const pid = Number(fs.existsSync(path.join(lock, "pid")) ? fs.readFileSync(path.join(lock, "pid"), "utf8") : NaN);
      if (Number.isFinite(pid) && !alive(pid)) fs.rmSync(lock, { recursive: true, force: true }); // left by a run that died
      if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for the build under ${lock}`);
      await sleep(250);
    }
  }
  try {
    const tmp = `${dir}.tmp-${process.pid}`;
    fs.rmSync(tmp, { recursive: true, force: true });
    const t0 = Date.now();
    recipe.build(tmp);
    const ms = Date.now() - t0;
    fs.renameSync(tmp, dir);
    // Builds of other sources are of no further use once no run can be using them.
    for (const e of fs.readdirSync(cache)) {
      const p = path.join(cache, e);
      if (e !== key && !e.endsWith(".lock") && !e.includes(".tmp-") && Date.now() - fs.statSync(p).mtimeMs > STALE_MS)
        fs.rmSync(p, { recursive: true, force: true });
    }
    return { dir, ms };
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}
