import { configDefaults, defineConfig } from "vitest/config";

/**
 * Two projects: the unit tests, and the browser tests (the built task pane in
 * Chromium), whose global set-up builds the add-in once for all of them. A
 * run that selects no browser test builds nothing.
 */
export default defineConfig({
  test: {
    environment: "node",
    testTimeout: 30000,
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["test/**/*.test.ts"], exclude: [...configDefaults.exclude, "test/browser/**"] },
      },
      {
        extends: true,
        test: { name: "browser", include: ["test/browser/**/*.test.ts"], globalSetup: ["test/global-setup.ts"] },
      },
    ],
  },
});
