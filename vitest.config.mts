import { configDefaults, defineConfig } from "vitest/config";

/**
 * Two projects: the unit tests (`npm run test:fast`), and the tests of the
 * production build: the built task pane in Chromium and build.test.ts (what a
 * host receives), which share one build made by the global set-up (or by
 * build.test.ts itself when Chromium is absent), so that a fresh clone's
 * unit run builds no add-in. A run that selects neither builds nothing.
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
          exclude: [...configDefaults.exclude, "test/browser/**", "test/build.test.ts"],
          // Vitest's default on 2 cores is one file at a time; many of these
          // files wait on child processes (the CLI, tsc) and leave a core idle.
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: "browser",
          include: ["test/browser/**/*.test.ts", "test/build.test.ts"],
          globalSetup: ["test/global-setup.ts"],
          // After the unit tests, with Vitest's default workers: Chromium does not share the cores.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
