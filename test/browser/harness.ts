/**
 * What the browser tests share: the built add-in (built once for the run by
 * test/global-setup.ts, handed over with `inject`), served from a local
 * server; Debian's Chromium; the task pane opened over the scripted Excel
 * host (fake-office.js); axe-core injected for the accessibility audit; the
 * layout measured for horizontal overflow.
 */
import * as fs from "fs";
import * as http from "http";
import type { AddressInfo } from "net";
import * as path from "path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { inject } from "vitest";
import type { CellValue } from "../../src/sheet/grid";

export const ROOT = path.resolve(__dirname, "../..");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** In CI the browser must be there: a missing Chromium fails the run instead of skipping it. */
export const RUN = fs.existsSync(CHROMIUM) || Boolean(process.env.CI);
export const FIXTURES = path.resolve(ROOT, "../shared/fixtures");
/** Where screenshots of a run are kept for review (not committed). */
const SCREENSHOTS = path.join(ROOT, "dist-addin", "screenshots");
const FAKE = fs.readFileSync(path.join(__dirname, "fake-office.js"), "utf8");
const AXE = path.join(ROOT, "node_modules/axe-core/axe.min.js");

export interface FakeBook {
  sheets: { name: string; values: CellValue[][]; formats?: string[][] }[];
  active: number;
  displayLanguage: string;
  settings?: Record<string, string>;
  lateExcelMs?: number;
  unsupported?: string[];
  formulas?: { id: string; args: unknown[] }[];
  officeTheme?: {
    bodyBackgroundColor: string;
    bodyForegroundColor: string;
    controlBackgroundColor: string;
    controlForegroundColor: string;
    isDarkTheme: boolean;
  };
  readOnly?: boolean;
  syncDelayMs?: number;
}

interface Opened {
  page: Page;
  dialogs: string[];
  errors: string[];
  warnings: string[];
}

interface OpenOptions {
  /** The page to open (taskpane.html by default). */
  page?: string;
  width?: number;
  height?: number;
  colorScheme?: "light" | "dark";
  forcedColors?: "active" | "none";
  /** A context of the test's own (its storage kept between pages); by default each page has a new one. */
  context?: BrowserContext;
}

export interface PaneBrowser {
  base: string;
  browser: Browser;
  /** Opens a page over a scripted workbook; records dialogs, page errors and console warnings. */
  open(book: FakeBook, options?: OpenOptions): Promise<Opened>;
  close(): Promise<void>;
}

/** The folder of the add-in built for this run (test/global-setup.ts). */
export function addinBuild(): string {
  const dir = inject("addinBuild");
  if (!dir) throw new Error("the add-in was not built for the browser tests (test/global-setup.ts)");
  return dir;
}

/** A server over the built folder (and any extra pages), and Chromium. */
export async function paneBrowser(dir = addinBuild(), extraPages: Record<string, string> = {}): Promise<PaneBrowser> {
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent((req.url ?? "/").split("?")[0]);
    if (extraPages[url] !== undefined) {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(extraPages[url]);
      return;
    }
    const file = path.join(dir, url);
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    const type = file.endsWith(".html")
      ? "text/html"
      : file.endsWith(".js")
        ? "application/javascript"
        : file.endsWith(".json")
          ? "application/json"
          : "application/octet-stream";
    res.writeHead(200, { "content-type": `${type}; charset=utf-8` }).end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    base,
    browser,
    async open(book, options = {}) {
      const context =
        options.context ??
        (await browser.newContext({
          viewport: { width: options.width ?? 420, height: options.height ?? 900 },
          colorScheme: options.colorScheme ?? "light",
          forcedColors: options.forcedColors ?? "none",
        }));
      const page = await context.newPage();
      const dialogs: string[] = [];
      const errors: string[] = [];
      const warnings: string[] = [];
      page.on("dialog", (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      page.on("pageerror", (e) => errors.push(e.message));
      page.on("console", (m) => {
        if (m.type() === "warning") warnings.push(m.text());
      });
      if (!options.context) page.on("close", () => void context.close());
      // No network but this test's server: office.js itself is the scripted host.
      await page.route("**/*", (route) => (route.request().url().startsWith(base) ? route.continue() : route.abort()));
      await page.route("https://appsforoffice.microsoft.com/**", (route) =>
        route.fulfill({
          status: 200,
          contentType: "application/javascript",
          body: "/* office.js: scripted by the test */",
        }),
      );
      await page.addInitScript(`window.__FAKE_BOOK__ = ${JSON.stringify(book)};\n${FAKE}`);
      await page.goto(`${base}/${options.page ?? "taskpane.html"}`);
      return { page, dialogs, errors, warnings };
    },
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** axe-core's WCAG 2 A and AA rules on the page as it is now: the violations, each with the elements concerned. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol: the page's Content-Security-Policy does not apply.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(fs.readFileSync(AXE, "utf8"));
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            ctx: Document,
            o: object,
          ): Promise<{
            violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
          }>;
        };
      }
    ).axe;
    const r = await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa"] },
      resultTypes: ["violations"],
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(" ")),
    }));
  });
}

/**
 * Horizontal overflow: the page's scroll width against the viewport, and
 * every rendered element whose box goes past the viewport's right edge (or
 * starts left of 0).
 */
export async function overflow(page: Page): Promise<{ scrollWidth: number; innerWidth: number; wide: string[] }> {
  return page.evaluate(() => {
    const wide: string[] = [];
    const vw = window.innerWidth;
    for (const e of Array.from(document.querySelectorAll("body *"))) {
      const r = e.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.right > vw + 0.5 || r.left < -0.5) {
        // A visually hidden element (1 px, clipped) is not seen: skip it.
        if (r.width <= 1 && r.height <= 1) continue;
        wide.push(
          `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ""}${e.className && typeof e.className === "string" ? `.${e.className.split(/\s+/).join(".")}` : ""} [${Math.round(r.left)}–${Math.round(r.right)}]`,
        );
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: vw, wide };
  });
}

/** The pane's first screen is up (taskpane.ts marks it); resolves to its time since navigation, in ms. */
export async function paneReady(page: Page): Promise<number> {
  await page.waitForFunction(() => performance.getEntriesByName("plie:pane-ready").length > 0);
  return page.evaluate(() => performance.getEntriesByName("plie:pane-ready")[0].startTime);
}

/** The scripted host's record of calls (fake-office.js). */
export interface FakeCalls {
  selected: string[];
  syncs: number;
  settings: Record<string, string>;
  calculations: number;
  written: { sheet: string; address: string; values: unknown[][] }[];
  formatsRead: number;
  settingsReads: number;
  ready: boolean;
  passes: unknown[][];
  passReady: boolean[];
}

export const fakeCalls = (page: Page) =>
  page.evaluate(() => (window as unknown as { __FAKE_CALLS__: FakeCalls }).__FAKE_CALLS__);

/** Text with its white space folded. */
export const folded = (s: string | null | undefined) => (s ?? "").replace(/\s+/g, " ").trim();

/** A table's body rows, each cell's text with its white space folded. */
export const tableRows = (page: Page, selector: string) =>
  page.$$eval(`${selector} tbody tr`, (rows) =>
    rows.map((r) =>
      Array.from((r as HTMLTableRowElement).cells).map((c) => (c.textContent ?? "").replace(/\s+/g, " ").trim()),
    ),
  );

export function screenshotPath(name: string): string {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return path.join(SCREENSHOTS, name);
}
