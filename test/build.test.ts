/**
 * The production build for a host, as `ADDIN_URL=… npm run build` makes it
 * (the test run's one production build, shared through production-build.ts),
 * then what a host receives is checked file by file — every
 * URL under ADDIN_URL and nothing pointing at localhost, relative script and
 * chunk URLs, the manifest valid against Microsoft's XSDs with
 * package.json's version, the help URLs of both metadata files, and the
 * pane's Content-Security-Policy. ADDIN_URL's checks are tested on their own.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  AddinBuildError,
  DEV_BASE_URL,
  ENGLISH_LOCALES,
  addinBaseUrl,
  manifestVersion,
  packageVersion,
  rebaseHelpUrls,
  renderManifest,
} from "../scripts/addin-build";
import { FUNCTION_NAMES } from "../src/functions/names";
import { validateManifests } from "./manifest-xsd";
import { productionBuild, TEST_ADDIN_URL, TEST_BASE_URL } from "./production-build";

const ROOT = path.resolve(__dirname, "..");
const WEBPACK_CLI = require.resolve("webpack-cli/bin/cli.js", { paths: [ROOT] });
/** Given without its final slash: the build adds it. */
const ADDIN_URL = TEST_ADDIN_URL;
const BASE = TEST_BASE_URL;

function webpack(out: string, addinUrl: string | undefined) {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.ADDIN_URL;
  if (addinUrl !== undefined) env.ADDIN_URL = addinUrl;
  return spawnSync(process.execPath, [WEBPACK_CLI, "--mode", "production", "--output-path", out], {
    cwd: ROOT,
    env,
    encoding: "utf8",
  });
}

/** Every file under `dir`, relative, with `/`. */
function filesOf(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(path.relative(dir, p).split(path.sep).join("/"));
    }
  };
  walk(dir);
  return out.sort();
}

interface Meta {
  functions: { id: string; name: string; helpUrl?: string }[];
}

// The production build minifies every HTML page: attribute values lose their quotes when they can.
/** Whether a (minified) page has an element with this id. */
const hasId = (page: string, id: string) => new RegExp(`\\sid=("?)${id}\\1[\\s>]`).test(page);
/** The src of every script element of a (minified) page, in order. */
const scriptSrcs = (page: string) =>
  [...page.matchAll(/<script\b[^>]*?\ssrc=(?:"([^"]*)"|([^\s>]+))/g)].map((m) => m[1] ?? m[2]);

describe("ADDIN_URL", () => {
  it("is required for a production build; a development build keeps https://localhost:3000/", () => {
    expect(() => addinBaseUrl(undefined, true)).toThrow(
      /ADDIN_URL is required for a production build.*ADDIN_URL=https:\/\/.*npm run build/,
    );
    expect(() => addinBaseUrl("  ", true)).toThrow(AddinBuildError);
    expect(addinBaseUrl(undefined, false)).toBe("https://localhost:3000/");
    expect(addinBaseUrl("", false)).toBe(DEV_BASE_URL);
  });

  it("is normalised: a final slash added, host in lower case, default port and spaces dropped", () => {
    expect(addinBaseUrl("https://addins.example.org/plie-fse", true)).toBe("https://addins.example.org/plie-fse/");
    expect(addinBaseUrl("https://addins.example.org/plie-fse/", true)).toBe("https://addins.example.org/plie-fse/");
    expect(addinBaseUrl(" https://Addins.Example.ORG:443 ", true)).toBe("https://addins.example.org/");
    expect(addinBaseUrl("https://addins.example.org:8443/a/b", true)).toBe("https://addins.example.org:8443/a/b/");
    expect(addinBaseUrl("https://localhost:3000", false)).toBe(DEV_BASE_URL);
  });

  it("is refused with the reason when it cannot serve Excel", () => {
    const refused: [string, RegExp][] = [
      ["http://addins.example.org/plie/", /must start with https:\/\/ \(Office loads add-ins over HTTPS only\)/],
      ["addins.example.org/plie/", /is not a URL/],
      ["https://addins.example.org/plie/?v=2", /must not have a query string or a fragment/],
      ["https://addins.example.org/plie/#top", /must not have a query string or a fragment/],
      ["https://addins.example.org/plie/?", /must not have a query string or a fragment/],
      ["https://user:secret@addins.example.org/plie/", /must not carry a user name or password/],
      ["https://localhost:3000/", /points at this machine/],
      ["https://127.0.0.1/plie/", /points at this machine/],
    ];
    for (const [url, message] of refused) expect(() => addinBaseUrl(url, true), url).toThrow(message);
  });

  it("stops webpack with that message and exit code 2, before anything is written", () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "plie-addin-bad-"));
    fs.rmSync(out, { recursive: true });
    const r = webpack(out, "http://addins.example.org/plie/");
    expect(r.status).toBe(2);
    expect(r.stderr + r.stdout).toContain(`ADDIN_URL "http://addins.example.org/plie/" must start with https://`);
    expect(r.stderr + r.stdout).not.toMatch(/\n\s+at /); // a message, not a stack trace
    expect(fs.existsSync(out)).toBe(false);
  }, 30_000);
});

describe("the manifest's version", () => {
  it("is package.json's version in four parts", () => {
    expect(manifestVersion("0.1.0")).toBe("0.1.0.0");
    expect(manifestVersion("12.3.45")).toBe("12.3.45.0");
    for (const v of ["1.0.0-beta.1", "1.0", "1.0.0.0", "1.0.0+build", "100000.0.0", "v1.0.0"])
      expect(() => manifestVersion(v), v).toThrow(/cannot be the manifest's version/);
  });

  it("renders idempotently, and refuses a manifest without an en-US source line", () => {
    const source = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
    const once = renderManifest(source, { baseUrl: BASE, version: "2.3.4.0" });
    expect(renderManifest(once.split(BASE).join(DEV_BASE_URL), { baseUrl: BASE, version: "2.3.4.0" })).toBe(once);
    expect(once).toContain("<Version>2.3.4.0</Version>");
    const withoutUs = source.replace(/\n\s*<Override Locale="en-US" Value="[^"]*"\/>/, "");
    expect(() => renderManifest(withoutUs, { baseUrl: BASE, version: "1.0.0.0" })).toThrow(/without an en-US line/);
    // A help URL written for another host would not follow the add-in.
    expect(() =>
      rebaseHelpUrls({ functions: [{ id: "GAP", helpUrl: "https://elsewhere.example/aide.html#ECART" }] }, BASE),
    ).toThrow(/not under https:\/\/localhost:3000\//);
  });
});

describe(`production build for ADDIN_URL=${ADDIN_URL}`, () => {
  let out = "";
  let files: string[] = [];
  const read = (f: string) => fs.readFileSync(path.join(out, f), "utf8");

  beforeAll(async () => {
    const build = await productionBuild();
    out = build.dir;
    files = filesOf(out);
    const sizes = files.map((f) => `${f} ${fs.statSync(path.join(out, f)).size}`);
    const total = files.reduce((n, f) => n + fs.statSync(path.join(out, f)).size, 0);
    console.log(
      `production build: ${build.ms === null ? "reused" : `${build.ms} ms`}; ${total} bytes: ${sizes.join(", ")}`,
    );
  }, 300_000);

  it("writes a static folder: pages, scripts, metadata, help, icons and the manifest, no source maps", () => {
    for (const f of [
      "taskpane.html",
      "taskpane.js",
      "functions.js",
      "functions.json",
      "functions.en.json",
      "manifest.xml",
      "aide.html",
      "help.html",
    ]) {
      expect(files, f).toContain(f);
    }
    for (const size of [16, 32, 64, 80, 128]) expect(files).toContain(`assets/icon-${size}.png`);
    expect(files.filter((f) => f.endsWith(".map"))).toEqual([]);
    expect(
      files.every((f) => /^[\w.-]+(\/[\w.-]+)?$/.test(f)),
      files.join(", "),
    ).toBe(true);
  });

  it("has no localhost anywhere, in any file", () => {
    for (const f of files) {
      const bytes = fs.readFileSync(path.join(out, f));
      expect(bytes.includes("localhost"), f).toBe(false);
      expect(bytes.includes("127.0.0.1"), f).toBe(false);
    }
  });

  it("puts every manifest URL under ADDIN_URL, each naming a file of the folder", () => {
    const manifest = read("manifest.xml");
    const urls = [...manifest.matchAll(/(?:DefaultValue|Value)="(https?:\/\/[^"]*)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThanOrEqual(20);
    for (const url of urls) {
      expect(url.startsWith(BASE), url).toBe(true);
      expect(files, url).toContain(url.slice(BASE.length).split("#")[0]);
    }
    expect(manifest).toContain(`<SourceLocation DefaultValue="${BASE}taskpane.html"/>`);
    expect(manifest).toContain(`<bt:Url id="Functions.Metadata.Url" DefaultValue="${BASE}functions.json">`);
    for (const l of ENGLISH_LOCALES)
      expect(manifest).toContain(`<bt:Override Locale="${l}" Value="${BASE}functions.en.json"/>`);
  });

  it("writes package.json's version into the manifest, which is manifest.xml rendered for the host", () => {
    const version = manifestVersion(packageVersion(ROOT));
    const manifest = read("manifest.xml");
    expect(manifest.match(/<Version>([^<]*)<\/Version>/)?.[1]).toBe(version);
    expect(manifest).toBe(
      renderManifest(fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8"), { baseUrl: BASE, version }),
    );
  });

  it("validates the built manifest against Microsoft's XSDs", async () => {
    const r = await validateManifests([{ fileName: "manifest.xml", contents: read("manifest.xml") }]);
    expect(r.errors.get("manifest.xml")).toEqual([]);
    expect(r.valid).toBe(true);
  }, 30_000);

  it("points every function's help at its section under ADDIN_URL: aide.html in French, help.html in English", () => {
    const fr = JSON.parse(read("functions.json")) as Meta;
    const en = JSON.parse(read("functions.en.json")) as Meta;
    const aide = read("aide.html");
    const help = read("help.html");
    expect(fr.functions.map((f) => f.id).sort()).toEqual(Object.keys(FUNCTION_NAMES).sort());
    expect(en.functions.map((f) => f.id)).toEqual(fr.functions.map((f) => f.id));
    for (const [i, f] of fr.functions.entries()) {
      const names = FUNCTION_NAMES[f.id as keyof typeof FUNCTION_NAMES];
      expect(f.name).toBe(names.fr);
      expect(f.helpUrl).toBe(`${BASE}aide.html#${names.fr}`);
      expect(hasId(aide, names.fr), names.fr).toBe(true);
      expect(en.functions[i].name).toBe(names.en);
      expect(en.functions[i].helpUrl).toBe(`${BASE}help.html#${names.en}`);
      expect(hasId(help, names.en), names.en).toBe(true);
    }
  });

  it("loads scripts and chunks by relative URLs, so any HTTPS server and path can serve the folder", () => {
    const page = read("taskpane.html");
    expect(scriptSrcs(page)).toEqual([
      "https://appsforoffice.microsoft.com/lib/1/hosted/office.js",
      "functions.js",
      "taskpane.js",
    ]);
    // No inline script: the policy below forbids them.
    expect([...page.matchAll(/<script\b([^>]*)>/g)].map((m) => /\ssrc=/.test(m[1]))).toEqual([true, true, true]);
    // The pane's extra views are chunks of their own, fetched relative to taskpane.js (publicPath "auto").
    const chunks = files.filter((f) => /^\d+\.js$/.test(f));
    expect(chunks.length).toBeGreaterThanOrEqual(1);
    const runtime = read("taskpane.js");
    expect(runtime).toContain("Automatic publicPath is not supported in this browser");
    for (const f of ["taskpane.js", "functions.js", ...chunks])
      expect(read(f).includes(new URL(BASE).host), f).toBe(false);
  });

  it("keeps a Content-Security-Policy on the pane: its own origin and office.js only", () => {
    const page = read("taskpane.html");
    const metas = [...page.matchAll(/<meta\s+http-equiv="?Content-Security-Policy"?\s+content="([^"]+)"/gi)].map(
      (m) => m[1],
    );
    expect(metas).toHaveLength(1);
    expect(page.indexOf("Content-Security-Policy")).toBeLessThan(page.indexOf("<script"));
    const policy = new Map(
      metas[0]
        .split(";")
        .map((d) => d.trim().split(/\s+/))
        .filter((d) => d[0])
        .map(([name, ...values]) => [name, values] as const),
    );
    expect(Object.fromEntries(policy)).toEqual({
      "default-src": ["'self'"],
      "script-src": ["'self'", "https://appsforoffice.microsoft.com"],
      "style-src": ["'self'", "'unsafe-inline'"],
      "img-src": ["'self'", "data:"],
      "connect-src": ["'self'"],
      "frame-src": ["https://appsforoffice.microsoft.com"],
      "object-src": ["'none'"],
      "base-uri": ["'self'"],
      "form-action": ["'none'"],
    });
    const sources = [...policy.values()].flat();
    expect(
      sources.filter(
        (s) => !["'self'", "'none'", "'unsafe-inline'", "data:", "https://appsforoffice.microsoft.com"].includes(s),
      ),
    ).toEqual([]);
  });
});
