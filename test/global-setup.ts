/**
 * Global set-up of the browser tests (vitest project "browser"): the add-in
 * is built once for all of them, before any test file runs, and the built
 * folder is handed to the tests with `inject("addinBuild")`.
 *
 * The browser tests run on the production build (what `npm run build`
 * ships, minified, for the test address): the run's one production build,
 * shared with build.test.ts through test/production-build.ts (a folder named
 * after a hash of the sources, reused while they do not change). The scripted
 * Excel host serves the pages from that folder; nothing in the pane depends
 * on the development build.
 *
 * Without Chromium (and outside CI) the browser tests skip: nothing is built.
 */
import * as fs from "fs";
import type { TestProject } from "vitest/node";
import { productionBuild } from "./production-build";

declare module "vitest" {
  export interface ProvidedContext {
    /** The built add-in folder (taskpane.html, taskpane.js, functions.js…), or "" when the browser tests skip. */
    addinBuild: string;
    /** Time of the build in this run, in ms (-1: reused, or not built). */
    addinBuildMs: number;
  }
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** Whether the browser tests run: Chromium is there, or CI demands it (a missing browser then fails). */
export const BROWSER_TESTS_RUN = fs.existsSync(CHROMIUM) || Boolean(process.env.CI);

export default async function setup(project: TestProject): Promise<void> {
  if (!BROWSER_TESTS_RUN) {
    project.provide("addinBuild", "");
    project.provide("addinBuildMs", -1);
    return;
  }
  const build = await productionBuild();
  project.provide("addinBuild", build.dir);
  project.provide("addinBuildMs", build.ms ?? -1);
}
