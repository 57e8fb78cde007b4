/**
 * Local checks of the XML add-in manifest (manifest.xml).
 *
 * `office-addin-manifest validate` posts the manifest to a Microsoft web
 * service; these tests check offline what a broken manifest most often gets
 * wrong: well-formed XML with the right namespaces, element order, every
 * `resid` defined once in the right resource list, unique ids, https URLs
 * pointing at files the build serves, the shared-runtime wiring, icon sizes,
 * an English override for every French string in every English locale of
 * Office, and that it is the manifest `npm run manifest` writes (version from
 * package.json). The XSD validation is in manifest-schema.test.ts, the
 * requirement sets against the code in requirements.test.ts, the production
 * manifest in build.test.ts.
 */
import * as fs from "fs";
import * as path from "path";
import { SaxesParser } from "saxes";
import { beforeAll, describe, expect, it } from "vitest";
import { DEV_BASE_URL, ENGLISH_LOCALES, manifestVersion, packageVersion, renderManifest } from "../scripts/addin-build";

const ROOT = path.resolve(__dirname, "..");
const MANIFEST = path.join(ROOT, "manifest.xml");

const NS = {
  office: "http://schemas.microsoft.com/office/appforoffice/1.1",
  ov: "http://schemas.microsoft.com/office/taskpaneappversionoverrides",
  bt: "http://schemas.microsoft.com/office/officeappbasictypes/1.0",
  xsi: "http://www.w3.org/2001/XMLSchema-instance",
  xmlns: "http://www.w3.org/2000/xmlns/",
} as const;

/** Where the dev server serves the built add-in. */
const BASE_URL = "https://localhost:3000/";
/** Files the build emits, relative to BASE_URL. */
const SERVED_FILES = new Set([
  "taskpane.html",
  "functions.js",
  "functions.json",
  "functions.en.json",
  "aide.html",
  "help.html",
  ...[16, 32, 64, 80, 128].map((s) => `assets/icon-${s}.png`),
]);

// ---------------------------------------------------------------------------
// A small element tree built from the parser's events

interface Attr {
  uri: string;
  local: string;
  value: string;
}

interface El {
  uri: string;
  local: string;
  attrs: Attr[];
  children: El[];
  text: string;
  parent: El | null;
  /** Line of the start tag, for messages. */
  line: number;
}

function parseXml(xml: string): El {
  const parser = new SaxesParser({ xmlns: true, fileName: "manifest.xml" });
  const stack: El[] = [];
  let root: El | null = null;
  parser.on("error", (e) => {
    throw e;
  });
  parser.on("opentag", (tag) => {
    const parent = stack[stack.length - 1] ?? null;
    const el: El = {
      uri: tag.uri,
      local: tag.local,
      attrs: Object.values(tag.attributes).map((a) => ({ uri: a.uri, local: a.local, value: a.value })),
      children: [],
      text: "",
      parent,
      line: parser.line,
    };
    if (parent) parent.children.push(el);
    else root = el;
    stack.push(el);
  });
  parser.on("text", (t) => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  });
  parser.on("closetag", () => {
    stack.pop();
  });
  parser.write(xml).close();
  if (!root) throw new Error("no root element");
  return root;
}

/** Attribute without namespace (`resid`, `id`, `DefaultValue`…), or in namespace `uri`. */
function attr(el: El, local: string, uri = ""): string | undefined {
  return el.attrs.find((a) => a.local === local && a.uri === uri)?.value;
}
const xsiType = (el: El) => attr(el, "type", NS.xsi);

function* walk(el: El): Generator<El> {
  yield el;
  for (const c of el.children) yield* walk(c);
}

function kids(el: El, local: string, uri?: string): El[] {
  return el.children.filter((c) => c.local === local && (uri === undefined || c.uri === uri));
}

/** The only child named `local` (fails when there are none or several). */
function one(el: El, local: string, uri?: string): El {
  const found = kids(el, local, uri);
  expect(found, `<${el.local}> (line ${el.line}) should have exactly one <${local}>`).toHaveLength(1);
  return found[0];
}

/** Follows a path of child names, each step a single child. */
function at(el: El, ...names: string[]): El {
  return names.reduce((cur, n) => one(cur, n), el);
}

const where = (el: El) => `<${el.local}> line ${el.line}`;

/** Children must appear in the schema's sequence: no stranger, none out of order. */
function expectOrder(el: El, sequence: readonly string[]): void {
  let last = -1;
  for (const c of el.children) {
    const i = sequence.indexOf(c.local);
    expect(i, `${where(c)} is not expected inside <${el.local}>`).toBeGreaterThanOrEqual(0);
    expect(
      i,
      `${where(c)} is out of order inside <${el.local}> (expected ${sequence.join(", ")})`,
    ).toBeGreaterThanOrEqual(last);
    last = i;
  }
}

/** Width and height from a PNG file's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const head = fs.readFileSync(file).subarray(0, 24);
  expect([...head.subarray(0, 8)], `${file} has no PNG signature`).toEqual([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a,
  ]);
  expect(head.toString("ascii", 12, 16), `${file}: first chunk is not IHDR`).toBe("IHDR");
  return { width: head.readUInt32BE(16), height: head.readUInt32BE(20) };
}

/** The local file behind a served URL. */
function assetFile(url: string): string {
  expect(url.startsWith(BASE_URL), url).toBe(true);
  return path.join(ROOT, url.slice(BASE_URL.length));
}

// ---------------------------------------------------------------------------

// Parsed in beforeAll, so a manifest that does not parse fails every test with the parser's message.
let root!: El;
let vo!: El;
let resources!: El;
let host!: El;

type ResourceKind = "Images" | "Urls" | "ShortStrings" | "LongStrings";
const RESOURCE_KINDS: readonly ResourceKind[] = ["Images", "Urls", "ShortStrings", "LongStrings"];
const RESOURCE_ITEM: Record<ResourceKind, string> = {
  Images: "Image",
  Urls: "Url",
  ShortStrings: "String",
  LongStrings: "String",
};

interface Definition {
  kind: ResourceKind;
  id: string;
  el: El;
}
/** Every resource definition, with its list. */
let definitions: Definition[] = [];
/** Elements of VersionOverrides carrying a `resid`: the uses of the resources. */
let references: El[] = [];

beforeAll(() => {
  root = parseXml(fs.readFileSync(MANIFEST, "utf8"));
  vo = one(root, "VersionOverrides", NS.ov);
  resources = one(vo, "Resources", NS.ov);
  host = one(one(vo, "Hosts"), "Host");
  definitions = RESOURCE_KINDS.flatMap((kind) =>
    kids(resources, kind, NS.bt).flatMap((list) =>
      list.children.map((item) => {
        expect(item.uri, where(item)).toBe(NS.bt);
        expect(item.local, `${where(item)} inside bt:${kind}`).toBe(RESOURCE_ITEM[kind]);
        return { kind, id: attr(item, "id") ?? "", el: item };
      }),
    ),
  );
  references = [...walk(vo)].filter((el) => attr(el, "resid") !== undefined);
});

const definition = (id: string) => {
  const found = definitions.filter((d) => d.id === id);
  expect(found, `resource ${id}`).toHaveLength(1);
  return found[0];
};
/** The resource `resid` points to, checked to be of the expected kind; returns its DefaultValue. */
function resolve(resid: string | undefined, kind: ResourceKind): string {
  expect(resid, "resid").toBeDefined();
  const d = definition(resid!);
  expect(d.kind, `resid ${resid}`).toBe(kind);
  return attr(d.el, "DefaultValue") ?? "";
}

describe("manifest.xml", () => {
  it("is well-formed XML: a TaskPaneApp for Excel with the Office namespaces", () => {
    expect(root.uri).toBe(NS.office);
    expect(root.local).toBe("OfficeApp");
    expect(xsiType(root)).toBe("TaskPaneApp");
    expect(attr(vo, "type", NS.xsi)).toBe("VersionOverridesV1_0");
    expect(kids(at(root, "Hosts"), "Host").map((h) => attr(h, "Name"))).toEqual(["Workbook"]);
    expect(xsiType(host)).toBe("Workbook");
    // Every element lives in one of the manifest's namespaces (a missing prefix declaration fails the parse).
    for (const el of walk(root)) expect([NS.office, NS.ov, NS.bt], where(el)).toContain(el.uri);
  });

  it("gives a fixed GUID, a four-part version, the display name and fr-FR as default locale", () => {
    expect(at(root, "Id").text).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    expect(at(root, "Version").text).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(at(root, "DefaultLocale").text).toBe("fr-FR");
    expect(attr(at(root, "DisplayName"), "DefaultValue")).toBe("Programmation PLIE – FSE");
    const provider = at(root, "ProviderName").text;
    expect(provider.length).toBeGreaterThan(0);
    expect(provider.length).toBeLessThanOrEqual(125);
    expect(attr(at(root, "DisplayName"), "DefaultValue")!.length).toBeLessThanOrEqual(125);
    expect(attr(at(root, "Description"), "DefaultValue")!.length).toBeLessThanOrEqual(250);
  });

  it("asks for ReadWriteDocument", () => {
    expect(at(root, "Permissions").text).toBe("ReadWriteDocument");
  });

  it("keeps the schema's element order", () => {
    expectOrder(root, [
      "Id",
      "AlternateId",
      "Version",
      "ProviderName",
      "DefaultLocale",
      "DisplayName",
      "Description",
      "IconUrl",
      "HighResolutionIconUrl",
      "SupportUrl",
      "AppDomains",
      "Hosts",
      "Requirements",
      "DefaultSettings",
      "Permissions",
      "AllowSnapshot",
      "VersionOverrides",
    ]);
    expectOrder(vo, ["Description", "Requirements", "Hosts", "Resources"]);
    expectOrder(host, ["Runtimes", "AllFormFactors", "DesktopFormFactor"]);
    expectOrder(at(host, "DesktopFormFactor"), ["GetStarted", "FunctionFile", "ExtensionPoint"]);
    expectOrder(resources, ["Images", "Urls", "ShortStrings", "LongStrings"]);
    for (const el of walk(vo)) {
      const type = xsiType(el);
      if (el.local === "ExtensionPoint" && type === "CustomFunctions")
        expectOrder(el, ["Script", "Page", "Metadata", "Namespace"]);
      if (el.local === "Group") expectOrder(el, ["Label", "Icon", "Control"]);
      if (el.local === "Control" && type === "Button") expectOrder(el, ["Label", "Supertip", "Icon", "Action"]);
      if (el.local === "Supertip") expectOrder(el, ["Title", "Description"]);
      if (el.local === "Action" && type === "ShowTaskpane") expectOrder(el, ["TaskpaneId", "SourceLocation", "Title"]);
    }
  });

  it("defines every resid used exactly once, in the list its element needs, and nothing unused", () => {
    expect(references.length).toBeGreaterThan(0);
    const ids = definitions.map((d) => d.id);
    expect(
      ids.every((id) => id.length > 0 && id.length <= 32),
      ids.join(", "),
    ).toBe(true);
    for (const el of references) {
      const resid = attr(el, "resid")!;
      expect(
        ids.filter((id) => id === resid),
        `${where(el)} resid="${resid}"`,
      ).toHaveLength(1);
      const expected: ResourceKind =
        el.local === "Image"
          ? "Images"
          : el.local === "Description"
            ? "LongStrings"
            : ["Label", "Title", "Namespace"].includes(el.local)
              ? "ShortStrings"
              : "Urls"; // SourceLocation, Runtime, FunctionFile, LearnMoreUrl
      expect(definition(resid).kind, `${where(el)} resid="${resid}"`).toBe(expected);
    }
    const used = new Set(references.map((el) => attr(el, "resid")));
    expect(
      ids.filter((id) => !used.has(id)),
      "resources never used",
    ).toEqual([]);
  });

  it("has unique ids (resources, tab groups and controls)", () => {
    const ids = [...walk(root)].map((el) => attr(el, "id")).filter((id): id is string => id !== undefined);
    const seen = new Set<string>();
    const dupes = ids.filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
    expect(dupes).toEqual([]);
    // Office's own tab is referenced, not defined: it stays TabHome.
    expect([...walk(vo)].filter((el) => el.local === "OfficeTab").map((el) => attr(el, "id"))).toEqual(["TabHome"]);
  });

  it("uses https everywhere, and every URL names a file the build serves", () => {
    const urls: string[] = [];
    for (const el of walk(root)) {
      for (const a of el.attrs) {
        if (a.uri === NS.xmlns || (a.uri === "" && a.local === "xmlns")) continue; // namespace names, not fetched
        if (/^[a-z][a-z0-9+.-]*:\/\//i.test(a.value)) urls.push(a.value);
      }
      if (/:\/\//.test(el.text)) urls.push(el.text.trim());
    }
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) {
      expect(url, url).toMatch(/^https:\/\//);
      expect(url.startsWith(BASE_URL), url).toBe(true);
      expect(SERVED_FILES.has(url.slice(BASE_URL.length)), `${url} is not a built file`).toBe(true);
    }
    expect(attr(at(root, "DefaultSettings", "SourceLocation"), "DefaultValue")).toBe(`${BASE_URL}taskpane.html`);
    // The support link is the functions' help page, French by default, English in English Excel.
    const support = at(root, "SupportUrl");
    expect(attr(support, "DefaultValue")).toBe(`${BASE_URL}aide.html`);
    expect(new Set(kids(support, "Override", NS.office).map((o) => attr(o, "Value")))).toEqual(
      new Set([`${BASE_URL}help.html`]),
    );
  });

  it("requires ExcelApi 1.9 and the shared runtime (which carries the custom functions); nothing in VersionOverrides", () => {
    // Why these versions: requirements.test.ts (the APIs the code calls without a guard).
    const sets = kids(at(root, "Requirements", "Sets"), "Set").map((s) => [attr(s, "Name"), attr(s, "MinVersion")]);
    expect(sets).toEqual([
      ["ExcelApi", "1.9"],
      ["SharedRuntime", "1.1"],
    ]);
    // A <Requirements> inside VersionOverrides would drop the ribbon button and the functions where it fails.
    expect(kids(vo, "Requirements")).toEqual([]);
  });

  it("wires the shared runtime: one long-lived runtime on the task pane page, used by functions and commands", () => {
    const runtimes = kids(one(host, "Runtimes"), "Runtime");
    expect(runtimes).toHaveLength(1);
    expect(attr(runtimes[0], "resid")).toBe("Taskpane.Url");
    expect(attr(runtimes[0], "lifetime")).toBe("long");
    expect(resolve("Taskpane.Url", "Urls")).toBe(`${BASE_URL}taskpane.html`);

    const desktop = one(host, "DesktopFormFactor");
    expect(attr(one(desktop, "FunctionFile"), "resid")).toBe("Taskpane.Url");

    const cf = one(host, "AllFormFactors").children.filter((el) => xsiType(el) === "CustomFunctions");
    expect(cf).toHaveLength(1);
    const [ext] = cf;
    expect(attr(at(ext, "Page", "SourceLocation"), "resid")).toBe("Taskpane.Url");
    expect(attr(at(ext, "Script", "SourceLocation"), "resid")).toBe("Functions.Script.Url");
    expect(resolve("Functions.Script.Url", "Urls")).toBe(`${BASE_URL}functions.js`);
    expect(attr(at(ext, "Metadata", "SourceLocation"), "resid")).toBe("Functions.Metadata.Url");
    expect(resolve("Functions.Metadata.Url", "Urls")).toBe(`${BASE_URL}functions.json`);
    const overrides = kids(definition("Functions.Metadata.Url").el, "Override", NS.bt).map((o) => [
      attr(o, "Locale"),
      attr(o, "Value"),
    ]);
    expect(overrides).toEqual(ENGLISH_LOCALES.map((l) => [l, `${BASE_URL}functions.en.json`]));
    expect(attr(one(ext, "Namespace"), "resid")).toBe("Functions.Namespace");
    expect(resolve("Functions.Namespace", "ShortStrings")).toBe("PLIE");

    // Every page the add-in opens is the one shared page (a second page would start a second runtime).
    const pages = references.filter(
      (el) => el.local === "SourceLocation" || el.local === "FunctionFile" || el.local === "Runtime",
    );
    const pageUrls = new Set(
      pages
        .filter((el) => el.parent?.local !== "Script" && el.parent?.local !== "Metadata")
        .map((el) => attr(el, "resid")),
    );
    expect([...pageUrls]).toEqual(["Taskpane.Url"]);
  });

  it("puts one button on the Home tab, in the group “Programmation FSE”, that shows the task pane", () => {
    const ext = one(host, "DesktopFormFactor").children.filter((el) => xsiType(el) === "PrimaryCommandSurface");
    expect(ext).toHaveLength(1);
    const tab = one(ext[0], "OfficeTab");
    expect(attr(tab, "id")).toBe("TabHome");
    const group = one(tab, "Group");
    expect(resolve(attr(one(group, "Label"), "resid"), "ShortStrings")).toBe("Programmation FSE");
    const controls = kids(group, "Control");
    expect(controls).toHaveLength(1);
    expect(xsiType(controls[0])).toBe("Button");
    const action = one(controls[0], "Action");
    expect(xsiType(action)).toBe("ShowTaskpane");
    expect(one(action, "TaskpaneId").text).toBe("PlieTaskpane");
    expect(attr(one(action, "SourceLocation"), "resid")).toBe("Taskpane.Url");
  });

  it("points at icons that exist in assets/ with the sizes announced", () => {
    const checked: string[] = [];
    const expectPng = (url: string, size: number) => {
      const file = assetFile(url);
      expect(fs.existsSync(file), `${url} → ${file}`).toBe(true);
      expect(path.basename(file)).toBe(`icon-${size}.png`);
      expect(pngSize(file), url).toEqual({ width: size, height: size });
      checked.push(url);
    };
    expectPng(attr(at(root, "IconUrl"), "DefaultValue")!, 32);
    expectPng(attr(at(root, "HighResolutionIconUrl"), "DefaultValue")!, 64);
    // Ribbon icons: the size attribute of each use matches the image behind its resid.
    for (const img of references.filter((el) => el.local === "Image")) {
      expectPng(resolve(attr(img, "resid"), "Images"), Number(attr(img, "size")));
    }
    for (const d of definitions.filter((x) => x.kind === "Images")) {
      const size = Number(/icon-(\d+)\.png$/.exec(attr(d.el, "DefaultValue") ?? "")?.[1]);
      expectPng(attr(d.el, "DefaultValue")!, size);
    }
    expect(checked.length).toBeGreaterThanOrEqual(5);
    // Every icon the build ships is there, including the ones the manifest does not name.
    for (const size of [16, 32, 64, 80, 128]) {
      expect(pngSize(path.join(ROOT, "assets", `icon-${size}.png`))).toEqual({ width: size, height: size });
    }
  });

  it("gives every French string an English override in every English locale, within Office's length limits", () => {
    const translated = (el: El, ns: string) => {
      const overrides = kids(el, "Override", ns);
      expect(
        overrides.map((o) => attr(o, "Locale")),
        `${where(el)} overrides`,
      ).toEqual([...ENGLISH_LOCALES]);
      expect(
        new Set(overrides.map((o) => attr(o, "Value"))).size,
        `${where(el)}: one English text for every English locale`,
      ).toBe(1);
      const en = attr(overrides[0], "Value") ?? "";
      expect(en.length, where(el)).toBeGreaterThan(0);
      expect(en, `${where(el)}: the English text repeats the French one`).not.toBe(attr(el, "DefaultValue"));
      return en;
    };
    expect(translated(at(root, "DisplayName"), NS.office).length).toBeLessThanOrEqual(125);
    expect(translated(at(root, "Description"), NS.office).length).toBeLessThanOrEqual(250);
    for (const d of definitions.filter((x) => x.kind === "ShortStrings" || x.kind === "LongStrings")) {
      const limit = d.kind === "ShortStrings" ? 125 : 250;
      const fr = attr(d.el, "DefaultValue") ?? "";
      expect(fr.length, d.id).toBeGreaterThan(0);
      expect(fr.length, d.id).toBeLessThanOrEqual(limit);
      // The function namespace is typed in formulas: the same in every language.
      if (d.id === "Functions.Namespace") {
        expect(kids(d.el, "Override", NS.bt), d.id).toEqual([]);
        continue;
      }
      expect(translated(d.el, NS.bt).length, d.id).toBeLessThanOrEqual(limit);
    }
  });

  it("covers the English locales of Office, and leaves every French locale on the French default", () => {
    // Microsoft's list of Office locales: English in the US, UK, Australia, Canada, Ireland, India,
    // New Zealand, South Africa, Singapore, the Philippines, Malaysia and the Caribbean.
    const expected = [
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
      "en-029",
    ];
    for (const l of expected) expect(ENGLISH_LOCALES, l).toContain(l);
    expect(new Set(ENGLISH_LOCALES).size).toBe(ENGLISH_LOCALES.length);
    const overridden = new Set<string>();
    for (const el of walk(root)) if (el.local === "Override") overridden.add(attr(el, "Locale") ?? "");
    expect([...overridden].sort()).toEqual([...ENGLISH_LOCALES].sort());
    for (const fr of ["fr-FR", "fr-BE", "fr-CA", "fr-CH", "fr-LU"]) expect(overridden.has(fr), fr).toBe(false);
    // Every element that has an English override has it for every English locale (the display name,
    // description, support page, ribbon strings and the English functions metadata).
    const withOverrides = [...walk(root)]
      .filter((el) => kids(el, "Override").length > 0)
      .map((el) => attr(el, "id") ?? el.local);
    expect(withOverrides.sort()).toEqual(
      [
        "Description",
        "DisplayName",
        "Functions.Metadata.Url",
        "PlieGroup.Label",
        "SupportUrl",
        "TaskpaneButton.Label",
        "TaskpaneButton.Tooltip",
      ].sort(),
    );
  });

  it("is the manifest `npm run manifest` writes: package.json's version, the en-US strings repeated for every English locale", () => {
    const text = fs.readFileSync(MANIFEST, "utf8");
    const version = manifestVersion(packageVersion(ROOT));
    expect(at(root, "Version").text).toBe(version);
    expect(
      renderManifest(text, { baseUrl: DEV_BASE_URL, version }),
      "manifest.xml is out of date: run `npm run manifest`",
    ).toBe(text);
    expect(DEV_BASE_URL).toBe(BASE_URL);
  });
});
