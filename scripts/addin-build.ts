/**
 * What the add-in's build writes for a host: the base URL every file is
 * served from (ADDIN_URL), the manifest's version (package.json's, in four
 * parts), the manifest for that host with one English override per English
 * locale of Office, and the custom functions' help URLs under the same base.
 *
 * webpack.config.js calls these at build time; the tests call them too.
 *
 *   npm run manifest    rewrites manifest.xml (the development manifest):
 *                       package.json's version, and every English override
 *                       repeated for each locale of ENGLISH_LOCALES from its
 *                       en-US line.
 */
import * as fs from "fs";
import * as path from "path";
import { at } from "../src/domain/arrays";

/** Where the development server serves the add-in; the URLs of manifest.xml and of the `@helpurl` tags. */
export const DEV_BASE_URL = "https://localhost:3000/";

/**
 * The English locales of Office: those office.js ships strings for
 * (@microsoft/office-js, dist/en-*), the English locale ids of Office's
 * language table ([MS-OE376] ST_LangCode). Excel takes an override only for
 * the exact locale it runs in, so each one is listed; en-US is the source
 * the others repeat.
 */
export const ENGLISH_LOCALES = [
  "en-US",
  "en-GB",
  "en-AU",
  "en-CA",
  "en-IE",
  "en-IN",
  "en-NZ",
  "en-ZA",
  "en-SG",
  "en-PH",
  "en-MY",
  "en-JM",
  "en-BZ",
  "en-TT",
  "en-ZW",
  "en-029",
] as const;

/** The source locale of the English strings in manifest.xml. */
const SOURCE_LOCALE = "en-US";

export class AddinBuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AddinBuildError";
  }
}

function isLoopback(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, "");
  return h === "localhost" || h.endsWith(".localhost") || /^127\./.test(h) || h === "::1" || h === "0.0.0.0";
}

/**
 * The base URL the add-in is served from, ending with `/`.
 *
 * - Without ADDIN_URL: the development server (https://localhost:3000/) for a
 *   development build; a production build is refused (it would ship localhost).
 * - Normalised: surrounding spaces dropped, host in lower case, default port
 *   dropped, a `/` added at the end of the path (`https://h/plie` → `https://h/plie/`).
 * - Refused with a message saying what to write instead: not a URL, not
 *   https, a user name or password, a query string or a fragment (the files
 *   are found by appending their names), and in production a loopback host.
 */
export function addinBaseUrl(raw: string | undefined, production: boolean): string {
  const text = (raw ?? "").trim();
  const example = "ADDIN_URL=https://addins.example.org/plie/ npm run build";
  if (text === "") {
    if (production) {
      throw new AddinBuildError(
        `ADDIN_URL is required for a production build: the HTTPS address the add-in is served from, e.g. ${example} (npm run build:dev builds for ${DEV_BASE_URL}).`,
      );
    }
    return DEV_BASE_URL;
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new AddinBuildError(
      `ADDIN_URL "${text}" is not a URL: give the full HTTPS address of the folder, e.g. ${example}.`,
    );
  }
  if (url.protocol !== "https:") {
    throw new AddinBuildError(
      `ADDIN_URL "${text}" must start with https:// (Office loads add-ins over HTTPS only), e.g. ${example}.`,
    );
  }
  if (url.username !== "" || url.password !== "") {
    throw new AddinBuildError(`ADDIN_URL "${text}" must not carry a user name or password.`);
  }
  if (url.search !== "" || url.hash !== "" || text.includes("?") || text.includes("#")) {
    throw new AddinBuildError(
      `ADDIN_URL "${text}" must not have a query string or a fragment (? or #): the add-in's files are found by appending their names to it.`,
    );
  }
  if (production && isLoopback(url.hostname)) {
    throw new AddinBuildError(
      `ADDIN_URL "${text}" points at this machine: a production build is for the server the users' Excel reaches.`,
    );
  }
  const pathname = url.pathname.endsWith("/") ? url.pathname : `${url.pathname}/`;
  return `${url.origin}${pathname}`;
}

/**
 * The manifest's `<Version>` for package.json's version: `0.1.0` → `0.1.0.0`.
 * A pre-release or build suffix (`1.0.0-beta.1`) has no place in the
 * manifest's four numbers and is refused.
 */
export function manifestVersion(packageVersion: string): string {
  const m = /^(\d{1,5})\.(\d{1,5})\.(\d{1,5})$/.exec(packageVersion.trim());
  if (!m) {
    throw new AddinBuildError(
      `package.json version "${packageVersion}" cannot be the manifest's version: use MAJOR.MINOR.PATCH numbers of at most 5 digits (written as MAJOR.MINOR.PATCH.0 in the manifest), without a pre-release suffix.`,
    );
  }
  return `${Number(m[1])}.${Number(m[2])}.${Number(m[3])}.0`;
}

const escapeXmlAttr = (s: string): string => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

const OVERRIDE_LINE = /^(\s*)<((?:bt:)?Override) Locale="(en-[A-Za-z0-9]+)" Value="([^"]*)"\s*\/>\s*$/;

/**
 * Every run of English `<Override>` lines rewritten as one line per locale of
 * ENGLISH_LOCALES, all with the value of the run's en-US line. A run without
 * an en-US line is an error.
 */
function expandEnglishOverrides(xml: string): string {
  const lines = xml.split("\n");
  const out: string[] = [];
  for (let i = 0; i < lines.length;) {
    const line = at(lines, i);
    const m = OVERRIDE_LINE.exec(line);
    if (!m) {
      out.push(line);
      i++;
      continue;
    }
    const [, indent, tag] = m;
    let source: string | undefined;
    let j = i;
    for (; j < lines.length; j++) {
      const r = OVERRIDE_LINE.exec(at(lines, j));
      if (!r || r[2] !== tag) break;
      if (r[3]?.toLowerCase() === SOURCE_LOCALE.toLowerCase()) source = r[4];
    }
    if (source === undefined) {
      throw new AddinBuildError(
        `manifest.xml line ${i + 1}: English overrides without an ${SOURCE_LOCALE} line, the one the other English locales repeat.`,
      );
    }
    for (const locale of ENGLISH_LOCALES) out.push(`${indent}<${tag} Locale="${locale}" Value="${source}"/>`);
    i = j;
  }
  return out.join("\n");
}

export interface ManifestOptions {
  /** Base URL of the served files (addinBaseUrl). */
  baseUrl: string;
  /** Four-part version (manifestVersion). */
  version: string;
}

/**
 * The manifest for a host from manifest.xml (written for DEV_BASE_URL): every
 * URL moved under `baseUrl`, `<Version>` set, English overrides for every
 * English locale. Applied to its own output it changes nothing.
 */
export function renderManifest(source: string, options: ManifestOptions): string {
  if (!source.includes(DEV_BASE_URL))
    throw new AddinBuildError(`manifest.xml: no URL under ${DEV_BASE_URL}, the development base the build replaces.`);
  const versions = source.match(/<Version>[^<]*<\/Version>/g) ?? [];
  if (versions.length !== 1)
    throw new AddinBuildError(`manifest.xml: expected one <Version> element, found ${versions.length}.`);
  let xml = source.split(DEV_BASE_URL).join(escapeXmlAttr(options.baseUrl));
  xml = xml.replace(/<Version>[^<]*<\/Version>/, `<Version>${options.version}</Version>`);
  return expandEnglishOverrides(xml);
}

interface FunctionsMetadata {
  functions?: { id?: unknown; helpUrl?: unknown }[];
}

/**
 * functions.json with every `helpUrl` (from the `@helpurl` tags, written for
 * DEV_BASE_URL) moved under `baseUrl`. A help URL elsewhere is an error: it
 * would not follow the add-in to its host.
 */
export function rebaseHelpUrls<T extends object>(metadata: T, baseUrl: string): T {
  const copy = JSON.parse(JSON.stringify(metadata)) as T & FunctionsMetadata;
  if (!Array.isArray(copy.functions)) throw new AddinBuildError("functions.json: no `functions` list");
  for (const f of copy.functions) {
    if (f.helpUrl === undefined) continue;
    if (typeof f.helpUrl !== "string" || !f.helpUrl.startsWith(DEV_BASE_URL)) {
      throw new AddinBuildError(
        `functions.json: the helpUrl of ${String(f.id)} (${typeof f.helpUrl === "string" ? f.helpUrl : JSON.stringify(f.helpUrl)}) is not under ${DEV_BASE_URL}; write the @helpurl tag as ${DEV_BASE_URL}aide.html#NAME.`,
      );
    }
    f.helpUrl = baseUrl + f.helpUrl.slice(DEV_BASE_URL.length);
  }
  return copy;
}

/** package.json's version, read from the project root. */
export function packageVersion(root: string): string {
  return (JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { version: string }).version;
}

if (require.main === module) {
  // dist/scripts/addin-build.js → the project root.
  const root = path.resolve(__dirname, "..", "..");
  const file = path.join(root, "manifest.xml");
  try {
    const before = fs.readFileSync(file, "utf8");
    const after = renderManifest(before, { baseUrl: DEV_BASE_URL, version: manifestVersion(packageVersion(root)) });
    if (after !== before) fs.writeFileSync(file, after);
    process.stdout.write(after === before ? "manifest.xml is up to date\n" : "manifest.xml rewritten\n");
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  }
}
