import * as fs from "node:fs";
import * as path from "node:path";
import { configDefaults, defineConfig } from "vitest/config";

/** Test files under `dir`, relative to the project's root. */
function testFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...testFiles(p));
    else if (e.name.endsWith(".test.ts")) out.push(p.split(path.sep).join("/"));
  }
  return out;
}

/** Files that replace a module with vi.mock: each runs with a module registry of its own. */
const MOCKING = testFiles("test").filter((f) => /\bvi\.mock\(/.test(fs.readFileSync(f, "utf8")));
const BUILD = ["test/browser/**", "test/build.test.ts"];

/**
 * Three projects: the unit tests (`npm run test:fast`: "unit" and
 * "unit-isolated"), and the tests of the production build: the built task
 * pane in Chromium and build.test.ts (what a host receives), which share one
 * build made by the global set-up (or by build.test.ts itself when Chromium
 * is absent), so that a fresh clone's unit run builds no add-in. A run that
 * selects neither builds nothing.
 *
 * The unit files share their workers' module registry (`isolate: false`):
 * they hold no state between files, and importing the sources once per
 * worker instead of once per file saves about a third of the run's time.
 * The files that mock a module keep the default isolation.
 */
export default defineConfig({
  test: {
    environment: "node",
    testTimeout: 30000,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: [...configDefaults.exclude, ...BUILD, ...MOCKING],
          isolate: false,
          // Vitest's default on 2 cores is one file at a time; many of these
          // files wait on child processes (the CLI, tsc) and leave a core idle.
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: "unit-isolated",
          include: MOCKING.length ? MOCKING : ["test/no-file-mocks-a-module"],
          passWithNoTests: true,
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: "browser",
          include: BUILD.map((p) => (p.endsWith("**") ? `${p}/*.test.ts` : p)),
          globalSetup: ["test/global-setup.ts"],
          // After the unit tests, with Vitest's default workers: Chromium does not share the cores.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
