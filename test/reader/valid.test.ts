import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readWorkbook } from "../../src/cli/read";
import { isPercentFormat, isUncalculatedFormula } from "../../src/sheet/grid";
import { makeZip, ods, odsParts, worksheetXml, xlsx, xlsxParts, type HandSheet } from "./build";

let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "plie-reader-valid-"));
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function write(name: string, data: Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, data);
  return file;
}

const STYLES =
  '<numFmts count="2"><numFmt numFmtId="164" formatCode="#,##0.00\\ &quot;€&quot;"/><numFmt numFmtId="165" formatCode="dd/mm/yyyy"/></numFmts>' +
  '<cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="10"/><xf numFmtId="165"/><xf numFmtId="9"/><xf numFmtId="20"/></cellXfs>';

describe("xlsx: sheets, order of the parts, tab order", () => {
  it("reads 7 sheets in tab order when workbook.xml is stored after the sheets, hidden ones and a chartsheet included", async () => {
    const sheets: HandSheet[] = [];
    for (let i = 1; i <= 7; i++) {
      sheets.push(
        i === 5
          ? { name: "Graphique", chart: true }
          : {
              name: `Feuille ${i}`,
              rows: `<row r="1"><c r="A1" t="inlineStr"><is><t>sheet ${i}</t></is></c><c r="B1"><v>${i * 100}</v></c></row>`,
              state: i === 3 ? "hidden" : i === 6 ? "veryHidden" : undefined,
            },
      );
    }
    const parts = xlsxParts({ sheets, workbookLast: true });
    // workbook.xml really comes after every sheet in the zip.
    const names = parts.map((p) => p.name);
    expect(names.indexOf("xl/workbook.xml")).toBeGreaterThan(names.indexOf("xl/worksheets/sheet7.xml"));
    const grids = await readWorkbook(write("sept.xlsx", makeZip(parts)));
    expect(grids.map((g) => g.name)).toEqual([
      "Feuille 1",
      "Feuille 2",
      "Feuille 3",
      "Feuille 4",
      "Graphique",
      "Feuille 6",
      "Feuille 7",
    ]);
    expect(grids[0].values).toEqual([["sheet 1", 100]]);
    expect(grids[2].values).toEqual([["sheet 3", 300]]);
    expect(grids[4].values).toEqual([]);
    expect(grids[6].values).toEqual([["sheet 7", 700]]);
  });

  it("follows the tab order of workbook.xml, not the part names", async () => {
    const parts = xlsxParts({
      sheets: [
        { name: "B", rows: '<row r="1"><c r="A1"><v>2</v></c></row>' },
        { name: "A", rows: '<row r="1"><c r="A1"><v>1</v></c></row>' },
      ],
    });
    // Swap the relations' targets: the first tab is sheet2.xml.
    const rels = parts.find((p) => p.name === "xl/_rels/workbook.xml.rels")!;
    rels.data = String(rels.data)
      .replace("worksheets/sheet1.xml", "worksheets/TMP")
      .replace("worksheets/sheet2.xml", "worksheets/sheet1.xml")
      .replace("worksheets/TMP", "/xl/worksheets/sheet2.xml");
    const grids = await readWorkbook(write("ordre.xlsx", makeZip(parts)));
    expect(grids.map((g) => [g.name, g.values[0][0]])).toEqual([
      ["B", 1],
      ["A", 2],
    ]);
  });
});

describe("xlsx: cell values", () => {
  it("gives formulas by their cached value, 0 and empty text included, and the formula text when there is none", async () => {
    const rows =
      '<row r="1"><c r="A1"><f>B1-B1</f><v>0</v></c><c r="B1"><v>5</v></c></row>' +
      '<row r="2"><c r="A2" t="str"><f>IF(B1&gt;9,"x","")</f><v></v></c><c r="B2" t="str"><f>""</f><v/></c></row>' +
      '<row r="3"><c r="A3"><f>SUM(E5:E9)</f></c><c r="B3" t="str"><f>C1&amp;"x"</f></c><c r="C3" t="b"><f>TRUE()</f><v>0</v></c></row>' +
      '<row r="4"><c r="A4" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="B4" t="e"><v>#REF!</v></c></row>';
    const grids = await readWorkbook(write("formules.xlsx", xlsx({ sheets: [{ name: "F", rows }] })));
    expect(grids[0].values).toEqual([
      [0, 5],
      ["", ""],
      ["=SUM(E5:E9)", '=C1&"x"', false],
      ["#DIV/0!", "#REF!"],
    ]);
    expect(isUncalculatedFormula(grids[0].values[2][0])).toBe(true);
    expect(isUncalculatedFormula(grids[0].values[1][0])).toBe(false);
  });

  it("moves a shared formula without cached values from its master cell", async () => {
    const rows =
      '<row r="2"><c r="C2"><f t="shared" ref="C2:C4" si="0">A2*$B$1+B2</f></c></row>' +
      '<row r="3"><c r="C3"><f t="shared" si="0"/></c></row>' +
      '<row r="4"><c r="C4"><f t="shared" si="0"/><v>7</v></c></row>';
    const grids = await readWorkbook(write("partagee.xlsx", xlsx({ sheets: [{ name: "F", rows }] })));
    expect(grids[0].values.map((r) => r[2])).toEqual([undefined, "=A2*$B$1+B2", "=A3*$B$1+B3", 7]);
  });

  it("reads shared strings, rich text without phonetic runs, inline strings, escapes, entities and CDATA", async () => {
    const sst =
      "<si><t>Plain</t></si>" +
      '<si><r><rPr><b/></rPr><t xml:space="preserve">Rich </t></r><r><t>text</t></r><rPh sb="0" eb="1"><t>ふりがな</t></rPh></si>' +
      "<si><t>Line_x000D__x000A_two &amp; &lt;three&gt; &#233;t&#xE9;</t></si>" +
      "<si><t>under_x005F_x0041_score</t></si>" +
      "<si><t><![CDATA[<not a tag> & co]]></t></si>" +
      "<si><t/></si>";
    const rows =
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c><c r="F1" t="s"><v>5</v></c></row>' +
      '<row r="2"><c r="A2" t="inlineStr"><is><r><t>in</t></r><r><t>line</t></r><rPh><t>x</t></rPh></is></c><c r="B2" t="b"><v>1</v></c><c r="C2" t="d"><v>2019-03-15T00:00:00Z</v></c><c r="D2" t="str"><v>formula text</v></c></row>';
    const grids = await readWorkbook(write("textes.xlsx", xlsx({ sheets: [{ name: "T", rows }], sharedStrings: sst })));
    expect(grids[0].values).toEqual([
      ["Plain", "Rich text", "Line\r\ntwo & <three> été", "under_x0041_score", "<not a tag> & co", ""],
      ["inline", true, "2019-03-15", "formula text"],
    ]);
  });

  it("places cells and rows without r after the previous ones, and reads namespace prefixes", async () => {
    const xml =
      `<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>` +
      '<x:row><x:c t="inlineStr"><x:is><x:t>A1</x:t></x:is></x:c><x:c><x:v>2</x:v></x:c></x:row>' +
      '<x:row r="4"><x:c r="C4"><x:v>3</x:v></x:c><x:c><x:v>4</x:v></x:c></x:row>' +
      "<x:row><x:c><x:v>5</x:v></x:c></x:row>" +
      '</x:sheetData><x:mergeCells count="1"><x:mergeCell ref="A1:B1"/></x:mergeCells></x:worksheet>';
    const grids = await readWorkbook(write("prefixes.xlsx", xlsx({ sheets: [{ name: "P", xml }] })));
    expect(grids[0].values).toEqual([["A1", 2], [], [], [null, null, 3, 4], [5]]);
    expect(grids[0].merges).toEqual(["A1:B1"]);
  });

  it("turns date-formatted numbers into ISO dates, keeps other numbers with their format codes (built-in ids mapped)", async () => {
    const rows =
      '<row r="1"><c r="A1" s="1"><v>1234.5</v></c><c r="B1" s="2"><v>0.4985</v></c><c r="C1" s="3"><v>43525</v></c><c r="D1" s="4"><v>0.5</v></c><c r="E1"><v>12</v></c><c r="F1" s="5"><v>0.75</v></c><c r="G1" s="3"><v>1e300</v></c></row>';
    const grids = await readWorkbook(write("formats.xlsx", xlsx({ sheets: [{ name: "N", rows }], styles: STYLES })));
    const g = grids[0];
    expect(g.values).toEqual([[1234.5, 0.4985, "2019-03-01", 0.5, 12, 0.75, 1e300]]);
    expect(g.numberFormats?.[0]).toEqual([
      '#,##0.00\\ "€"',
      "0.00%",
      "dd/mm/yyyy",
      "0%",
      undefined,
      "h:mm",
      "dd/mm/yyyy",
    ]);
    expect(isPercentFormat(g.numberFormats?.[0]?.[1])).toBe(true);
    expect(isPercentFormat(g.numberFormats?.[0]?.[0])).toBe(false);
  });

  it("counts dates from 1904 when the workbook says so", async () => {
    const rows = '<row r="1"><c r="A1" s="3"><v>42063</v></c></row>';
    const grids = await readWorkbook(
      write("1904.xlsx", xlsx({ sheets: [{ name: "D", rows }], styles: STYLES, date1904: true })),
    );
    expect(grids[0].values).toEqual([["2019-03-01"]]);
  });

  it("reads an .xlsm like an .xlsx (its macros are never run)", async () => {
    const file = write(
      "macros.xlsm",
      xlsx({
        sheets: [
          {
            name: "Programmation 2021",
            rows: '<row r="1"><c r="A1" t="inlineStr"><is><t>Programmation PLIE 2021</t></is></c></row>',
          },
        ],
        macros: true,
        extra: [{ name: "xl/vbaProject.bin", data: Buffer.from("d0cf11e0a1b11ae1", "hex") }],
      }),
    );
    const grids = await readWorkbook(file);
    expect(grids).toEqual([{ name: "Programmation 2021", values: [["Programmation PLIE 2021"]], merges: [] }]);
  });

  it("reads a ZIP64 archive (as some writers emit even for small files)", async () => {
    const file = write(
      "zip64.xlsx",
      xlsx(
        { sheets: [{ name: "Z", rows: '<row r="1"><c r="A1"><v>64</v></c></row>' }] },
        { zip64: true, zip64Parts: true },
      ),
    );
    expect((await readWorkbook(file))[0].values).toEqual([[64]]);
  });

  it("reads stored (uncompressed) parts and UTF-8 with a byte-order mark", async () => {
    const parts = xlsxParts({ sheets: [{ name: "S", rows: "" }] }).map((p) => ({ ...p, method: 0 as const }));
    const sheet = parts.find((p) => p.name === "xl/worksheets/sheet1.xml")!;
    sheet.data = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(worksheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>Opération à 50 %</t></is></c></row>')),
    ]);
    expect((await readWorkbook(write("stored.xlsx", makeZip(parts))))[0].values).toEqual([["Opération à 50 %"]]);
  });
});

describe("xlsx: other writers", () => {
  it("reads Strict Open XML (other namespaces and relationship types)", async () => {
    const strict = (x: string) =>
      x
        .replace(
          /http:\/\/schemas\.openxmlformats\.org\/spreadsheetml\/2006\/main/g,
          "http://purl.oclc.org/ooxml/spreadsheetml/main",
        )
        .replace(
          /http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships/g,
          "http://purl.oclc.org/ooxml/officeDocument/relationships",
        );
    const parts = xlsxParts({
      sheets: [{ name: "Strict", rows: '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>3</v></c></row>' }],
      sharedStrings: "<si><t>strict</t></si>",
    }).map((p) => ({
      ...p,
      data: strict(String(p.data)),
    }));
    expect(String(parts.find((p) => p.name === "_rels/.rels")!.data)).toContain(
      "purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",
    );
    expect((await readWorkbook(write("strict.xlsx", makeZip(parts))))[0].values).toEqual([["strict", 3]]);
  });

  it("finds xl/workbook.xml without the package relations, and reads parts in UTF-16 or ISO-8859-1", async () => {
    const parts = xlsxParts({ sheets: [{ name: "U", rows: "" }], sharedStrings: "<si><t>é</t></si>" }).filter(
      (p) => p.name !== "_rels/.rels",
    );
    const sheet = parts.find((p) => p.name === "xl/worksheets/sheet1.xml")!;
    sheet.data = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(
        worksheetXml(
          '<row r="1"><c r="A1" t="inlineStr"><is><t>Coût € total</t></is></c><c r="B1" t="s"><v>0</v></c></row>',
        ),
        "utf16le",
      ),
    ]);
    const sst = parts.find((p) => p.name === "xl/sharedStrings.xml")!;
    sst.data = Buffer.from(
      `<?xml version="1.0" encoding="ISO-8859-1"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Département</t></si></sst>`,
      "latin1",
    );
    expect((await readWorkbook(write("encodages.xlsx", makeZip(parts))))[0].values).toEqual([
      ["Coût € total", "Département"],
    ]);
  });

  it("gives a number cell whose value is not a number as its text (the parser reports it), never a zero", async () => {
    const rows = '<row r="1"><c r="A1"><v>12 500,00</v></c><c r="B1"><v> </v></c><c r="C1"><v>1.5E3</v></c></row>';
    expect((await readWorkbook(write("texte-nombre.xlsx", xlsx({ sheets: [{ name: "N", rows }] }))))[0].values).toEqual(
      [["12 500,00", null, 1500]],
    );
  });
});

describe("ods", () => {
  const content =
    '<table:table table:name="Programmation 2022">' +
    '<table:table-column table:number-columns-repeated="5"/>' +
    '<table:table-row><table:table-cell office:value-type="string" table:number-columns-spanned="3" table:number-rows-spanned="1"><text:p>Programmation <text:span>PLIE</text:span><text:s text:c="2"/>2022</text:p></table:table-cell><table:covered-table-cell table:number-columns-repeated="2"/><table:table-cell table:number-columns-repeated="1020"/></table:table-row>' +
    '<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>' +
    '<table:table-row><table:table-cell office:value-type="float" office:value="49289"><text:p>49 289</text:p></table:table-cell><table:table-cell office:value-type="percentage" office:value="0.5"><text:p>50 %</text:p></table:table-cell><table:table-cell office:value-type="currency" office:currency="EUR" office:value="24644.5"><text:p>24 644,50 €</text:p></table:table-cell><table:table-cell office:value-type="date" office:date-value="2022-03-15"><text:p>15/03/22</text:p></table:table-cell><table:table-cell office:value-type="boolean" office:boolean-value="true"><text:p>VRAI</text:p></table:table-cell><table:table-cell table:number-columns-repeated="1019"/></table:table-row>' +
    '<table:table-row><table:table-cell table:formula="of:=[.A4]*2"/><table:table-cell table:formula="of:=[.A4]-[.A4]" office:value-type="float" office:value="0"><text:p>0</text:p></table:table-cell><table:table-cell table:formula="of:=&quot;&quot;" office:value-type="string" office:string-value=""><text:p/></table:table-cell><table:table-cell table:formula="of:=1/0" office:value-type="float" office:value="0" calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell><table:table-cell office:value-type="time" office:time-value="PT12H30M00S"><text:p>12:30</text:p></table:table-cell></table:table-row>' +
    '<table:table-row><table:table-cell office:value-type="string"><text:p>Ligne 1</text:p><text:p>ligne<text:tab/>2<text:line-break/>fin</text:p><office:annotation><text:p>a note, not a value</text:p></office:annotation></table:table-cell><table:table-cell table:number-columns-repeated="3" office:value-type="float" office:value="7"><text:p>7</text:p></table:table-cell></table:table-row>' +
    '<table:table-row table:number-rows-repeated="2"><table:table-cell office:value-type="string"><text:p>x &amp; y</text:p></table:table-cell></table:table-row>' +
    '<table:table-row table:number-rows-repeated="1048567"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>' +
    "</table:table>" +
    '<table:table table:name="Cachée"><table:table-row><table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row></table:table>';

  it("reads values of every type, repeats only where there is content, spans as merges, formulas and percent formats", async () => {
    const grids = await readWorkbook(write("programmation.ods", ods(content)));
    expect(grids.map((g) => g.name)).toEqual(["Programmation 2022", "Cachée"]);
    const g = grids[0];
    expect(g.values).toEqual([
      ["Programmation PLIE  2022"],
      [],
      [],
      [49289, 0.5, 24644.5, "2022-03-15", true],
      ["=[.A4]*2", 0, "", "#DIV/0!", 0.5208333333333334],
      ["Ligne 1\nligne\t2\nfin", 7, 7, 7],
      ["x & y"],
      ["x & y"],
    ]);
    expect(g.merges).toEqual(["A1:C1"]);
    expect(g.numberFormats?.[3]?.[1]).toBe("0%");
    expect(isPercentFormat(g.numberFormats?.[3]?.[1])).toBe(true);
    expect(g.numberFormats?.[3]?.[0]).toBeUndefined();
    expect(grids[1].values).toEqual([[1]]);
  });

  it("reads an .ods whose parts are in any order, and row-spanned cells", async () => {
    const body =
      '<table:table table:name="S"><table:table-row><table:table-cell office:value-type="string" table:number-rows-spanned="2"><text:p>Total opération</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Etat</text:p></table:table-cell></table:table-row>' +
      '<table:table-row><table:covered-table-cell/><table:table-cell office:value-type="string"><text:p>FSE</text:p></table:table-cell></table:table-row></table:table>';
    const parts = odsParts(body).reverse();
    const grids = await readWorkbook(write("desordre.ods", makeZip(parts)));
    expect(grids[0].values).toEqual([
      ["Total opération", "Etat"],
      [null, "FSE"],
    ]);
    expect(grids[0].merges).toEqual(["A1:A2"]);
  });
});
