/**
 * The hostile-file matrix: damaged, disguised, huge or not-a-file inputs.
 * Each is refused by plie-check (a child process, as a user runs it) with
 * exit code 2 and a message that names the part at fault, in bounded
 * memory, leaving nothing in its temporary folder; the same files read
 * through the API give the reason and the part.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readWorkbook, UnreadableFileError, type UnreadableReason } from "../../src/cli/read";
import { compoundFile, makeZip, ods, repeatedDeflate, worksheetXml, xlsx, xlsxParts, type ZipPart } from "./build";
import { buildCli, runCli, type CliBuild } from "./cli-run";
import { parseReport } from "../report-json";

let dir: string;
let cli: CliBuild;

/** A valid two-sheet workbook with shared strings, as the parts to damage. */
const SST = "<si><t>Action</t></si><si><t>OPERATIONS</t></si>";
function goodRows(n: number): string {
  let rows = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>';
  for (let r = 2; r <= n; r++)
    rows += `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>422C</t></is></c><c r="B${r}"><v>${r * 1000}</v></c></row>`;
  return rows;
}
function goodParts(): ZipPart[] {
  return xlsxParts({
    sheets: [
      { name: "Programmation 2021", rows: goodRows(200) },
      { name: "Notes", rows: goodRows(3) },
    ],
    sharedStrings: SST,
  });
}
function withPart(parts: ZipPart[], name: string, change: (p: ZipPart) => ZipPart | null): ZipPart[] {
  const out: ZipPart[] = [];
  for (const p of parts) {
    if (p.name !== name) out.push(p);
    else {
      const q = change(p);
      if (q) out.push(q);
    }
  }
  return out;
}

/** The start of a worksheet part, before its rows. */
const SHEET_HEAD = Buffer.from(worksheetXml("").replace("</sheetData></worksheet>", ""));

/** One row of a programming, repeated to fill a block of 1 MiB. */
function rowBlock(): Buffer {
  const row = Buffer.from(
    '<row><c t="inlineStr"><is><t>OS1-422C</t></is></c><c><v>62912.51</v></c><c><v>26613.48</v></c><c><v>0.423</v></c></row>',
  );
  return Buffer.concat(new Array(Math.floor((1 << 20) / row.length)).fill(row));
}

interface Case {
  name: string;
  file: () => string;
  reason: UnreadableReason;
  /** The part named (null: none). */
  part: string | null;
  /** Words of the French message. */
  words: string;
  /** Peak memory allowed to the child process, MB. */
  maxRssMb?: number;
}

function write(name: string, data: Buffer | string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, data);
  return file;
}

const SHEET1 = "xl/worksheets/sheet1.xml";

const CASES: Case[] = [
  {
    name: "a sheet XML cut short",
    file: () =>
      write(
        "tronquee.xlsx",
        makeZip(
          withPart(goodParts(), SHEET1, (p) => {
            const xml = String(p.data);
            return { ...p, data: xml.slice(0, xml.length >> 1) };
          }),
        ),
      ),
    reason: "corrupt",
    part: SHEET1,
    words: "est coupée avant sa fin",
  },
  {
    name: "a missing sharedStrings part",
    file: () => write("sans-sst.xlsx", makeZip(withPart(goodParts(), "xl/sharedStrings.xml", () => null))),
    reason: "corrupt",
    part: "xl/sharedStrings.xml",
    words: "à laquelle le classeur renvoie, est absente",
  },
  {
    name: "a missing sheet part",
    file: () => write("sans-feuille.xlsx", makeZip(withPart(goodParts(), "xl/worksheets/sheet2.xml", () => null))),
    reason: "corrupt",
    part: "xl/worksheets/sheet2.xml",
    words: "est absente",
  },
  {
    name: "a shared-string index out of range",
    file: () =>
      write(
        "sst-hors.xlsx",
        makeZip(
          withPart(goodParts(), SHEET1, (p) => ({
            ...p,
            data: String(p.data).replace('<c r="B1" t="s"><v>1</v></c>', '<c r="B1" t="s"><v>7</v></c>'),
          })),
        ),
      ),
    reason: "corrupt",
    part: SHEET1,
    words:
      "la cellule B1 de la feuille «\u00a0Programmation 2021\u00a0» renvoie au texte partagé n°\u00a07, alors que le classeur n'en a que 2",
  },
  {
    name: "a CRC mismatch",
    file: () => write("crc.xlsx", makeZip(withPart(goodParts(), SHEET1, (p) => ({ ...p, declaredCrc: 0x12345678 })))),
    reason: "corrupt",
    part: SHEET1,
    words: "ne correspond pas à sa somme de contrôle (CRC)",
  },
  {
    name: "deflated data that cannot be inflated",
    file: () => {
      const data = Buffer.from(String(goodParts().find((p) => p.name === SHEET1)!.data));
      const compressed = zlib.deflateRawSync(data);
      for (let i = 20; i < compressed.length - 20; i += 7) compressed[i] ^= 0x5a;
      return write(
        "inflate.xlsx",
        makeZip(
          withPart(goodParts(), SHEET1, (p) => ({
            ...p,
            raw: { compressed, size: data.length, crc: zlib.crc32(data) },
          })),
        ),
      );
    },
    reason: "corrupt",
    part: SHEET1,
    words: "ne peut pas être décompressée",
  },
  {
    name: "a zip directory that lies about a size",
    file: () =>
      write("taille-fausse.xlsx", makeZip(withPart(goodParts(), SHEET1, (p) => ({ ...p, declaredSize: 1000 })))),
    reason: "corrupt",
    part: SHEET1,
    words: "n'a pas la taille que déclare le répertoire zip (1\u202f000 octets)",
  },
  {
    name: "a broken zip directory (file cut short)",
    file: () => {
      const whole = makeZip(goodParts());
      return write("coupe.xlsx", whole.subarray(0, whole.length - 200));
    },
    reason: "corrupt",
    part: null,
    words: "classeur .xlsx endommagé\u00a0: son répertoire zip est illisible",
  },
  {
    name: "a DTD in a part (entity expansion)",
    file: () =>
      write(
        "dtd.xlsx",
        makeZip(
          withPart(goodParts(), SHEET1, (p) => ({
            ...p,
            data: `<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol">]>${String(p.data).replace(/^<\?xml[^>]*>\s*/, "")}`,
          })),
        ),
      ),
    reason: "corrupt",
    part: SHEET1,
    words: "n'est pas du XML valide",
  },
  {
    name: "a 1 GiB bomb above the default limit (honest directory)",
    file: () => {
      const raw = repeatedDeflate(rowBlock(), 1024, SHEET_HEAD);
      return write("bombe-1g.xlsx", makeZip(withPart(goodParts(), SHEET1, (p) => ({ ...p, raw }))));
    },
    reason: "too_large",
    part: SHEET1,
    words:
      "Mo une fois décompressée, au-delà de la limite de 200\u00a0Mo\u00a0: si le classeur est authentique, relancez avec --taille-max 1025",
  },
  {
    name: "a 1 GiB bomb whose directory declares 10 MB",
    file: () => {
      const raw = repeatedDeflate(rowBlock(), 1024, SHEET_HEAD);
      return write(
        "bombe-menteuse.xlsx",
        makeZip(withPart(goodParts(), SHEET1, (p) => ({ ...p, raw, declaredSize: 10 * 1024 * 1024 }))),
      );
    },
    reason: "corrupt",
    part: SHEET1,
    words: "n'a pas la taille que déclare le répertoire zip",
  },
  {
    name: "a FIFO",
    file: () => {
      const fifo = path.join(dir, "tube.xlsx");
      execFileSync("mkfifo", [fifo]);
      return fifo;
    },
    reason: "not_a_file",
    part: null,
    words: "c'est un tube nommé, pas un fichier",
  },
  {
    name: "/dev/zero",
    file: () => "/dev/zero",
    reason: "not_a_file",
    part: null,
    words: "c'est un périphérique, pas un fichier",
  },
  {
    name: "a directory",
    file: () => {
      const d = path.join(dir, "dossier.xlsx");
      fs.mkdirSync(d);
      return d;
    },
    reason: "not_a_file",
    part: null,
    words: "c'est un dossier, pas un fichier",
  },
  {
    name: "an .xls (OLE with a Workbook stream)",
    file: () => write("ancien.xls", compoundFile(["Workbook", "\u0005SummaryInformation"])),
    reason: "xls",
    part: "Workbook",
    words:
      "classeur au format .xls (Excel 97-2003), que plie-check ne lit pas\u00a0: ouvrez-le dans Excel ou LibreOffice et enregistrez-le au format .xlsx (Fichier > Enregistrer sous > Classeur Excel) [flux Workbook]",
  },
  {
    name: "an encrypted workbook (OLE with EncryptedPackage)",
    file: () => write("chiffre.xlsx", compoundFile(["EncryptionInfo", "EncryptedPackage"])),
    reason: "encrypted",
    part: "EncryptedPackage",
    words: "fichier protégé par mot de passe (EncryptedPackage chiffré)\u00a0: ouvrez-le dans Excel",
  },
  {
    name: "an OLE file whose directory cannot be read",
    file: () => write("ole-vide.xlsx", Buffer.concat([Buffer.from("d0cf11e0a1b11ae1", "hex"), Buffer.alloc(512)])),
    reason: "xls",
    part: null,
    words: "fichier protégé par mot de passe ou au format .xls",
  },
  {
    name: "an encrypted .ods",
    file: () => write("chiffre.ods", ods('<table:table table:name="S"/>', { encrypted: true })),
    reason: "encrypted",
    part: "content.xml",
    words: "fichier protégé par mot de passe",
  },
  {
    name: "an .xlsb",
    file: () =>
      write(
        "binaire.xlsb",
        makeZip([
          {
            name: "_rels/.rels",
            data: '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.bin"/></Relationships>',
          },
          { name: "xl/workbook.bin", data: Buffer.alloc(64) },
        ]),
      ),
    reason: "xlsb",
    part: "xl/workbook.bin",
    words: "classeur Excel binaire (.xlsb, partie xl/workbook.bin)",
  },
  {
    name: "a text file (not a zip)",
    file: () => write("texte.xlsx", "Action;OPERATIONS\n422C;Portage\n"),
    reason: "not_a_workbook",
    part: null,
    words: "ce n'est pas un classeur .xlsx, .xlsm ou .ods (c'est un fichier texte (CSV\u00a0?))",
  },
  {
    name: "an empty file",
    file: () => write("vide.xlsx", ""),
    reason: "not_a_workbook",
    part: null,
    words: "(le fichier est vide)",
  },
  {
    name: "a zip without a workbook",
    file: () => write("archive.xlsx", makeZip([{ name: "readme.txt", data: "hello" }])),
    reason: "not_a_workbook",
    part: null,
    words: "c'est une archive zip sans classeur",
  },
  {
    name: "many far-away cells (XFD on every row)",
    file: () => {
      let rows = "";
      for (let r = 1; r <= 2000; r++)
        rows += `<row r="${r}"><c r="A${r}"><v>1</v></c><c r="XFD${r}"><v>1</v></c></row>`;
      return write("loin.xlsx", xlsx({ sheets: [{ name: "Loin", rows }] }));
    },
    reason: "too_many_cells",
    part: SHEET1,
    words:
      "la feuille «\u00a0Loin\u00a0» (partie xl/worksheets/sheet1.xml) s'étend sur plus de 2\u202f000\u202f000 cellules",
  },
  {
    name: "an ODS repeat bomb",
    file: () =>
      write(
        "repetitions.ods",
        ods(
          '<table:table table:name="Bombe"><table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row></table:table>',
        ),
      ),
    reason: "too_many_cells",
    part: "content.xml",
    words: "la feuille «\u00a0Bombe\u00a0» (partie content.xml) s'étend sur plus de 2\u202f000\u202f000 cellules",
  },
];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "plie-reader-hostile-"));
  cli = await buildCli();
}, 120_000);

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("hostile files: plie-check exits 2, names the part, in bounded memory, without temporary files", () => {
  it.each(CASES.map((c) => [c.name, c] as const))(
    "%s",
    async (_name, c) => {
      const file = c.file();
      // Through the API: the reason and the part.
      let error: unknown = null;
      try {
        await readWorkbook(file);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(UnreadableFileError);
      const e = error as UnreadableFileError;
      expect([e.reason, e.part]).toEqual([c.reason, c.part]);
      // As a user runs it, with a readable file after it (still checked).
      const r = runCli(cli, [file, path.resolve(__dirname, "../../examples/programmation-2019.xlsx")]);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`plie-check: Fichier illisible ${file}\u00a0: `);
      expect(r.stderr).toContain(c.words);
      if (c.part) expect(r.stderr).toContain(c.part);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(r.stdout).toContain("Programmation 2019");
      expect(r.maxRssMb).toBeLessThan(c.maxRssMb ?? 160);
      expect(r.tmpLeft).toEqual([]);
      console.log(`${c.name}: ${r.maxRssMb.toFixed(0)} MB, ${r.ms} ms`);
    },
    120_000,
  );
});

describe("far-away cells within the budget", () => {
  it("reads a sheet whose only cells are XFD1 and XFD1048576 quickly and in little memory", async () => {
    const file = write(
      "coin.xlsx",
      xlsx({
        sheets: [
          {
            name: "Coin",
            rows: '<row r="1"><c r="XFD1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>2</v></c></row>',
          },
        ],
      }),
    );
    const grids = await readWorkbook(file);
    expect(grids[0].values.length).toBe(1_048_576);
    expect(grids[0].values[0].length).toBe(16_384);
    expect(grids[0].values[1_048_575][16_383]).toBe(2);
    const r = runCli(cli, ["--json", file]);
    expect(r.status).toBe(0);
    expect(parseReport(r.stdout).files[0].skippedSheets).toEqual(["Coin"]);
    expect(r.maxRssMb).toBeLessThan(250);
    expect(r.tmpLeft).toEqual([]);
    console.log(`XFD1 + XFD1048576: ${r.maxRssMb.toFixed(0)} MB, ${r.ms} ms`);
  }, 120_000);
});

describe("limits through the API", () => {
  it("refuses a part above a low limit from the zip directory, and reads it under a higher one", async () => {
    const rows = goodRows(20_000);
    const file = write("limite.xlsx", xlsx({ sheets: [{ name: "S", rows }], sharedStrings: SST }));
    const size = Buffer.byteLength(worksheetXml(rows));
    await expect(readWorkbook(file, { maxPartBytes: 100_000 })).rejects.toMatchObject({
      reason: "too_large",
      part: SHEET1,
      facts: { kind: "part_size", size, limit: 100_000 },
    });
    const grids = await readWorkbook(file, { maxPartBytes: size });
    expect(grids[0].values.length).toBe(20_000);
    expect(grids[0].values[19_999]).toEqual(["422C", 20_000_000]);
  });

  it("stops inflating at the declared size when the directory lies, whatever the real size", async () => {
    const raw = repeatedDeflate(rowBlock(), 64, SHEET_HEAD);
    const file = write(
      "menteuse-64.xlsx",
      makeZip(withPart(goodParts(), SHEET1, (p) => ({ ...p, raw, declaredSize: 4096 }))),
    );
    await expect(readWorkbook(file, { maxPartBytes: 1_000_000 })).rejects.toMatchObject({
      reason: "corrupt",
      part: SHEET1,
      facts: { kind: "size_mismatch", declared: 4096, actual: null },
    });
  });

  it("counts every expanded cell in the budget, and raises it with the part limit", async () => {
    let rows = "";
    for (let r = 1; r <= 300; r++) rows += `<row r="${r}"><c r="A${r}"><v>1</v></c><c r="Z${r}"><v>2</v></c></row>`;
    const file = write("budget.xlsx", xlsx({ sheets: [{ name: "B", rows }] }));
    // 300 rows × 26 columns + 300 rows = 8 100 cells.
    await expect(readWorkbook(file, { maxCells: 8_099 })).rejects.toMatchObject({
      reason: "too_many_cells",
      part: SHEET1,
      facts: { kind: "cells", sheet: "B", limit: 8_099 },
    });
    expect((await readWorkbook(file, { maxCells: 8_100 }))[0].values.length).toBe(300);
  });

  it("budgets the text kept", async () => {
    const sst = `<si><t>${"x".repeat(1000)}</t></si>`.repeat(50);
    const file = write(
      "texte-long.xlsx",
      xlsx({ sheets: [{ name: "T", rows: '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' }], sharedStrings: sst }),
    );
    await expect(readWorkbook(file, { maxChars: 40_000 })).rejects.toMatchObject({
      reason: "too_many_cells",
      part: "xl/sharedStrings.xml",
      facts: { kind: "text" },
    });
    expect((await readWorkbook(file, { maxChars: 60_000 }))[0].values).toEqual([["x".repeat(1000)]]);
  });

  it.each([
    ["invalid UTF-8", Buffer.from([0x3c, 0x61, 0x3e, 0xc3, 0x28, 0x3c, 0x2f, 0x61, 0x3e]), "encoding"],
    [
      "an unknown entity",
      Buffer.from(
        '<worksheet><sheetData><row><c t="inlineStr"><is><t>&nbsp;</t></is></c></row></sheetData></worksheet>',
      ),
      "xml_malformed",
    ],
    ["mismatched tags", Buffer.from("<worksheet><sheetData></row></sheetData></worksheet>"), "xml_malformed"],
    ["two root elements", Buffer.from("<worksheet/><worksheet/>"), "xml_malformed"],
    ["text after the root", Buffer.from("<worksheet/>garbage"), "xml_malformed"],
    ["an unquoted attribute", Buffer.from("<worksheet><sheetData><row r=1/></sheetData></worksheet>"), "xml_malformed"],
    [
      "a cell address beyond XFD",
      Buffer.from('<worksheet><sheetData><row><c r="XFE1"><v>1</v></c></row></sheetData></worksheet>'),
      "bad_address",
    ],
    ["a part that is not a worksheet", Buffer.from("<html><body/></html>"), "xml_unexpected"],
  ])("refuses a sheet part with %s, naming it", async (_what, data, kind) => {
    const file = write(
      `feuille-${kind}-${data.length}.xlsx`,
      makeZip(withPart(goodParts(), SHEET1, (p) => ({ ...p, data }))),
    );
    await expect(readWorkbook(file)).rejects.toMatchObject({ reason: "corrupt", part: SHEET1, facts: { kind } });
  });

  it("refuses overlapping zip entries (a way to inflate a small file many times)", async () => {
    const good = makeZip(goodParts());
    // Point the second sheet's local offset at the first sheet's data.
    const parts = goodParts();
    const names = parts.map((p) => p.name);
    const zip = Buffer.from(good);
    let p = zip.readUInt32LE(zip.length - 6);
    const offsets: number[] = [];
    for (let k = 0; k < names.length; k++) {
      offsets.push(zip.readUInt32LE(p + 42));
      if (names[k] === "xl/worksheets/sheet2.xml") zip.writeUInt32LE(offsets[names.indexOf(SHEET1)], p + 42);
      p += 46 + zip.readUInt16LE(p + 28) + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
    }
    const file = write("chevauchement.xlsx", zip);
    await expect(readWorkbook(file)).rejects.toMatchObject({ reason: "corrupt", facts: { kind: "zip_directory" } });
  });
});
