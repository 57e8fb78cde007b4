/**
 * The one production build of the test run, shared by the test files that
 * need it (build.test.ts, and any browser test of the production build):
 * `webpack --mode production` with ADDIN_URL = TEST_ADDIN_URL, as
 * `npm run build` makes it, into a folder named after a hash of everything
 * the build reads (src/, scripts/, assets/, the manifest, package files,
 * webpack and TypeScript configurations), made once and reused
 * (build-cache.ts).
 */
import { spawnSync } from "child_process";
import { cachedBuild, ROOT, type CachedBuild } from "./build-cache";

/** Given without its final slash: the build adds it. */
export const TEST_ADDIN_URL = "https://addins.example.org/plie";
export const TEST_BASE_URL = `${TEST_ADDIN_URL}/`;

/** The production build for the current sources: built once, then reused. */
export function productionBuild(timeoutMs = 240_000): Promise<CachedBuild> {
  return cachedBuild(
    {
      cache: "plie-addin-production",
      inputs: [
        "src",
        "scripts",
        "assets",
        "manifest.xml",
        "package.json",
        "package-lock.json",
        "webpack.config.js",
        "tsconfig.json",
      ],
      salt: TEST_ADDIN_URL,
      marker: "manifest.xml",
      build(out) {
        const env: NodeJS.ProcessEnv = { ...process.env, ADDIN_URL: TEST_ADDIN_URL };
        const r = spawnSync(
          process.execPath,
          [require.resolve("webpack-cli/bin/cli.js", { paths: [ROOT] }), "--mode", "production", "--output-path", out],
          { cwd: ROOT, env, encoding: "utf8" },
        );
        if (r.status !== 0)
          throw new Error(`webpack --mode production failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
      },
    },
    timeoutMs,
  );
}
