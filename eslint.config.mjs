// Lint: ESLint's and typescript-eslint's type-aware recommended rules, the
// Office add-in rules (load and sync misuse), and nothing about layout:
// Prettier formats, eslint-config-prettier turns the layout rules off.
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import officeAddins from "eslint-plugin-office-addins";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/**", "dist-addin/**", "coverage/**", "node_modules/**", "examples/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { project: ["./tsconfig.test.json"], tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    plugins: { "office-addins": officeAddins },
    rules: {
      "office-addins/call-sync-after-load": "error",
      "office-addins/call-sync-before-read": "error",
      "office-addins/load-object-before-read": "error",
      "office-addins/no-context-sync-in-loop": "error",
      "office-addins/no-empty-load": "error",
      "office-addins/no-navigational-load": "error",
      "office-addins/no-office-initialize": "error",
      "office-addins/test-for-null-using-isNullObject": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // The pane, its commands and the functions run in the browser.
    files: ["src/taskpane/**", "src/functions/**", "src/excel/**", "src/help/**", "test/browser/**"],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Tests pass mocks' methods unbound on purpose: `expect(mock.method)`, `const { sync } = officeMock()`.
    files: ["test/**"],
    rules: { "@typescript-eslint/unbound-method": "off" },
  },
  {
    // The Office.js mock's own tests read unloaded properties and skip sync on purpose, to prove the mock refuses them.
    files: ["test/office-mock/office-mock.test.ts", "test/excel-marks.test.ts"],
    rules: {
      "office-addins/call-sync-after-load": "off",
      "office-addins/call-sync-before-read": "off",
      "office-addins/load-object-before-read": "off",
    },
  },
  {
    // Configuration files and plain JavaScript (the CLI's launcher, the
    // browser tests' host script): outside the TypeScript projects.
    files: ["**/*.js", "**/*.mjs", "**/*.cjs", "*.mts"],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      sourceType: "commonjs",
      globals: { ...globals.node },
      parserOptions: { project: false, program: null, projectService: false },
    },
    rules: { ...tseslint.configs.disableTypeChecked.rules, "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["**/*.mjs", "*.mts"],
    languageOptions: { sourceType: "module" },
  },
  prettier,
);
