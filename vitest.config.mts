import * as fs from "node:fs";
import * as path from "node:path";
import { configDefaults, defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

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
 * The longest unit files (child processes at the memory budgets, hostile
 * files, large outputs, whole Excel columns), longest first. Vitest orders
 * files by the durations it saw last time; a fresh clone has none, and these
 * would otherwise start last and stretch the run.
 */
const LONGEST = [
  "test/reader/budget-dense.test.ts",
  "test/reader/hostile.test.ts",
  "test/large-output.test.ts",
  "test/functions-ranges.test.ts",
  "test/reader/budget.test.ts",
];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification): number => {
      const rel = path.relative(process.cwd(), f.moduleId).split(path.sep).join("/");
      const i = LONGEST.indexOf(rel);
      return i < 0 ? LONGEST.length : i;
    };
    // Stable: the base order (groups, projects, durations) stays within each rank of a project.
    const project = new Map<string, number>();
    for (const f of sorted) if (!project.has(f.project.name)) project.set(f.project.name, project.size);
    const key = (f: TestSpecification): number => (project.get(f.project.name) ?? 0) * (LONGEST.length + 1) + rank(f);
    return sorted
      .map((f, i) => ({ f, i, k: key(f) }))
      .sort((a, b) => a.k - b.k || a.i - b.i)
      .map((x) => x.f);
  }
}

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
    sequence: { sequencer: LongestFirst },
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
