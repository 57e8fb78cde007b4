import * as fs from "fs";
import * as path from "path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readWorkbook } from "../../src/cli/read";
import type { CellValue } from "../../src/sheet/grid";
import {
  FIXTURES,
  ROOT,
  RUN,
  addinBuild,
  axeViolations,
  overflow,
  paneBrowser,
  paneReady,
  screenshotPath,
  type FakeBook,
  type PaneBrowser,
} from "./harness";

/**
 * The pane fits Excel's task pane and is accessible, in every theme: at
 * 320 px (Excel's default width) and 450 px, light and dark (the system's
 * scheme, and Office's own theme), and Windows high contrast (forced
 * colours): no horizontal overflow (the page's scroll width, and no element
 * past the viewport), axe-core's WCAG 2 A and AA rules without a violation,
 * before and after a check with every section open. The first screen's
 * time is measured (performance marks) and printed, not asserted.
 *
 * The screenshots of the README and docs/ are made here:
 * `UPDATE_DOCS_SCREENSHOTS=1 npx vitest run test/browser/layout.test.ts`
 * writes docs/volet-*.png; otherwise they go to dist-addin/screenshots/.
 */
if (!RUN) console.warn("layout browser test skipped: no Chromium (set CI to make this a failure)");

const UPDATE_DOCS = Boolean(process.env.UPDATE_DOCS_SCREENSHOTS);
/** Office's dark theme ("Black"), as Office.context.officeTheme gives it. */
const OFFICE_DARK = {
  bodyBackgroundColor: "#262626",
  bodyForegroundColor: "#FFFFFF",
  controlBackgroundColor: "#1F1F1F",
  controlForegroundColor: "#FFFFFF",
  isDarkTheme: true,
};

async function book(year: number): Promise<FakeBook> {
  const grids = await readWorkbook(path.join(FIXTURES, `programmation-${year}.xlsx`));
  return {
    sheets: grids.map((g) => ({ name: g.name, values: g.values as CellValue[][] })),
    active: 0,
    displayLanguage: "fr-FR",
  };
}

async function checkAndOpenAll(page: Page): Promise<void> {
  await page.click("#check");
  await expect.poll(() => page.textContent("#status")).toBe("Vérification terminée.");
  for (const id of ["split", "financers", "simulation", "copil", "columns", "settings"]) {
    if ((await page.getAttribute(`#${id}-toggle`, "aria-expanded")) !== "true") await page.click(`#${id}-toggle`);
  }
}

async function expectFits(page: Page, what: string): Promise<void> {
  const o = await overflow(page);
  expect(o.wide, `${what}: elements past the viewport`).toEqual([]);
  expect(o.scrollWidth, `${what}: horizontal scroll`).toBeLessThanOrEqual(o.innerWidth);
}

async function expectAccessible(page: Page, what: string): Promise<void> {
  expect(await axeViolations(page), `${what}: axe-core WCAG 2 A/AA`).toEqual([]);
}

describe.runIf(RUN)("the pane fits 320 px and 450 px in light, dark and high contrast, accessible (axe-core)", () => {
  let pane: PaneBrowser;
  let b2015: FakeBook;
  let b2019: FakeBook;

  beforeAll(async () => {
    pane = await paneBrowser(addinBuild());
    [b2015, b2019] = await Promise.all([book(2015), book(2019)]);
  }, 60_000);

  afterAll(async () => {
    await pane?.close();
  });

  for (const width of [320, 450]) {
    for (const scheme of ["light", "dark"] as const) {
      it(`${width} px, ${scheme}: the first screen and the 2015 results with every section open fit and pass axe`, async () => {
        const { page, errors } = await pane.open(b2015, { width, height: 800, colorScheme: scheme });
        await paneReady(page);
        expect(await page.getAttribute("html", "data-theme")).toBe(scheme);
        await expectFits(page, "first screen");
        await expectAccessible(page, "first screen");
        await checkAndOpenAll(page);
        await expectFits(page, "2015, every section open");
        await expectAccessible(page, "2015, every section open");
        await page.screenshot({ path: screenshotPath(`layout-2015-${width}-${scheme}.png`), fullPage: true });
        // A folded group and a filtered list too.
        await page.click("li.group .group-toggle");
        await page.click("#filter-error");
        await expectAccessible(page, "2015, a group folded, errors filtered out");
        // The audit does run: an image without words is a violation.
        await page.evaluate(() =>
          document.body.append(
            Object.assign(document.createElement("img"), { src: "data:image/gif;base64,R0lGODlhAQABAAAAACw=" }),
          ),
        );
        expect((await axeViolations(page)).map((v) => v.id)).toEqual(["image-alt"]);
        expect(errors).toEqual([]);
      }, 90_000);
    }
  }

  it("320 px in Office's dark theme (Office.context.officeTheme): dark tokens, Office's colours, 2019 fits and passes axe", async () => {
    const { page, errors } = await pane.open(
      { ...b2019, officeTheme: OFFICE_DARK },
      { width: 320, height: 800, colorScheme: "light" },
    );
    await paneReady(page);
    // Office's theme wins over the system's scheme.
    expect(await page.getAttribute("html", "data-theme")).toBe("dark");
    expect(await page.getAttribute("html", "data-theme-source")).toBe("office");
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe("rgb(38, 38, 38)");
    await checkAndOpenAll(page);
    await expectFits(page, "Office dark");
    await expectAccessible(page, "Office dark");
    expect(errors).toEqual([]);
  }, 90_000);

  it("320 px in forced colours (Windows high contrast): 2015 fits and passes axe", async () => {
    const { page, errors } = await pane.open(b2015, { width: 320, height: 800, forcedColors: "active" });
    await paneReady(page);
    expect(await page.evaluate(() => matchMedia("(forced-colors: active)").matches)).toBe(true);
    await checkAndOpenAll(page);
    await expectFits(page, "forced colours");
    await expectAccessible(page, "forced colours");
    await page.screenshot({ path: screenshotPath("layout-2015-320-forced.png"), fullPage: true });
    expect(errors).toEqual([]);
  }, 90_000);

  it("the first screen shows within the scripted host's start (measured, printed)", async () => {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const { page } = await pane.open(b2019, { width: 320, height: 800 });
      times.push(await paneReady(page));
      const paint = await page.evaluate(
        () => performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null,
      );
      if (i === 0) console.log(`first contentful paint: ${paint === null ? "?" : Math.round(paint)} ms`);
      await page.close();
    }
    console.log(
      `pane's first screen ready (performance mark plie:pane-ready, from navigation): ${times.map((t) => Math.round(t)).join(", ")} ms`,
    );
    expect(times.every((t) => t > 0)).toBe(true);
  }, 60_000);

  it("screenshots: 2015 and 2019 at 320 px (light), 2019 in Office's dark theme", async () => {
    const docs = (name: string) => (UPDATE_DOCS ? path.join(ROOT, "docs", name) : screenshotPath(name));
    const shoot = async (b: FakeBook, name: string, scheme: "light" | "dark", open: string[], height: number) => {
      const { page } = await pane.open(b, { width: 320, height, colorScheme: scheme });
      await paneReady(page);
      await page.click("#check");
      await expect.poll(() => page.textContent("#status")).toBe("Vérification terminée.");
      for (const id of open) await page.click(`#${id}-toggle`);
      await page.mouse.move(0, 0);
      await page.evaluate(() => {
        (document.activeElement as HTMLElement | null)?.blur();
        window.scrollTo(0, 0);
      });
      await page.screenshot({ path: docs(name) });
      await page.close();
    };
    await shoot(b2015, "volet-2015.png", "light", [], 1000);
    await shoot(b2019, "volet-2019.png", "light", ["financers"], 1500);
    await shoot({ ...b2019, officeTheme: OFFICE_DARK }, "volet-2019-sombre.png", "light", ["financers"], 1500);
    if (UPDATE_DOCS)
      for (const f of ["volet-2015.png", "volet-2019.png", "volet-2019-sombre.png"])
        expect(fs.statSync(path.join(ROOT, "docs", f)).size).toBeGreaterThan(10_000);
  }, 90_000);
});
