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
