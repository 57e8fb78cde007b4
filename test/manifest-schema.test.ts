/**
 * manifest.xml against Microsoft's XSDs, offline (../shared/manifest-schemas,
 * xmllint-wasm), and the same schemas rejecting broken copies of it. The
 * production build's manifest is validated in build.test.ts.
 */
import * as fs from "fs";
import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";
import { validateManifests, type SchemaResult } from "./manifest-xsd";

const ROOT = path.resolve(__dirname, "..");
const MANIFEST = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");

/** Line (1-based) of the first occurrence of `text` in `xml`. */
const lineOf = (xml: string, text: string): number => {
  const i = xml.indexOf(text);
  expect(i, `${text} in the manifest`).toBeGreaterThanOrEqual(0);
  return xml.slice(0, i).split("\n").length;
};

/** A copy of manifest.xml with one change; the change must apply. */
function broken(from: string | RegExp, to: string): string {
  const out = MANIFEST.replace(from, to);
  expect(out, `${String(from)} should be in manifest.xml`).not.toBe(MANIFEST);
  return out;
}

const LONG_LABEL = `${"Programmation FSE ".repeat(7).trim()}!`; // one character over the limit
const BROKEN = {
  "order.xml": broken(
    /( {2}<Version>[^<]*<\/Version>\n)( {2}<ProviderName>[^\n]*\n)( {2}<DefaultLocale>fr-FR<\/DefaultLocale>\n)/,
    "$3$1$2",
  ),
  "resid.xml": broken('<Runtime resid="Taskpane.Url" lifetime="long"/>', '<Runtime lifetime="long"/>'),
  "lifetime.xml": broken(
    '<Runtime resid="Taskpane.Url" lifetime="long"/>',
    '<Runtime resid="Taskpane.Url" lifetime="forever"/>',
  ),
  "long-string.xml": broken(
    '<bt:String id="PlieGroup.Label" DefaultValue="Programmation FSE">',
    `<bt:String id="PlieGroup.Label" DefaultValue="${LONG_LABEL}">`,
  ),
  "version.xml": broken(/<Version>[^<]*<\/Version>/, "<Version>0.1.0-beta</Version>"),
  "requirement.xml": broken('<Set Name="ExcelApi" MinVersion="1.9"/>', '<Set Name="ExcelApi" MinVersion="1.9.0.0.1"/>'),
};

describe("manifest.xml against Microsoft's XSDs (offline)", () => {
  let good!: SchemaResult;
  let bad!: SchemaResult;

  beforeAll(async () => {
    good = await validateManifests([{ fileName: "manifest.xml", contents: MANIFEST }]);
    bad = await validateManifests(Object.entries(BROKEN).map(([fileName, contents]) => ({ fileName, contents })));
  }, 60_000);

  it("validates manifest.xml", () => {
    expect(good.errors.get("manifest.xml")).toEqual([]);
    expect(good.valid).toBe(true);
  });

  it("rejects elements out of order, naming the element and its line", () => {
    const errors = bad.errors.get("order.xml")!;
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`order.xml:${lineOf(BROKEN["order.xml"], "<DefaultLocale>")}:`);
    expect(errors[0]).toMatch(
      /Element '\{[^}]+\}DefaultLocale': This element is not expected\. Expected is one of \( \{[^}]+\}AlternateId, \{[^}]+\}Version \)/,
    );
  });

  it("rejects a runtime without its resid", () => {
    const errors = bad.errors.get("resid.xml")!;
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`resid.xml:${lineOf(BROKEN["resid.xml"], '<Runtime lifetime="long"/>')}:`);
    expect(errors[0]).toMatch(/Runtime': The attribute 'resid' is required but missing/);
  });

  it("rejects an unknown runtime lifetime", () => {
    const errors = bad.errors.get("lifetime.xml")!;
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /attribute 'lifetime': \[facet 'enumeration'\] The value 'forever' is not an element of the set \{'short', 'long'\}/,
    );
  });

  it("rejects a short string over 125 characters", () => {
    expect(LONG_LABEL.length).toBe(125 + 1);
    const errors = bad.errors.get("long-string.xml")!;
    expect(errors.length).toBeGreaterThanOrEqual(1);
    expect(errors[0]).toContain(`long-string.xml:${lineOf(BROKEN["long-string.xml"], LONG_LABEL)}:`);
    expect(errors[0]).toMatch(
      /attribute 'DefaultValue': \[facet 'maxLength'\] The value '.+' has a length of '126'; this exceeds the allowed maximum length of '125'/,
    );
  });

  it("rejects a version that is not four numbers, and a malformed requirement set version", () => {
    expect(bad.errors.get("version.xml")!.join("\n")).toMatch(
      /Version': \[facet 'pattern'\] The value '0\.1\.0-beta' is not accepted/,
    );
    expect(bad.errors.get("requirement.xml")!.join("\n")).toMatch(
      /attribute 'MinVersion': \[facet 'pattern'\] The value '1\.9\.0\.0\.1' is not accepted/,
    );
    expect(bad.valid).toBe(false);
    // Every broken copy is refused, and the validator names only the broken element.
    for (const [name, errors] of bad.errors) {
      expect(errors.length, name).toBeGreaterThanOrEqual(1);
      expect(errors.length, `${name}: ${errors.join(" | ")}`).toBeLessThanOrEqual(2);
    }
  });
});
