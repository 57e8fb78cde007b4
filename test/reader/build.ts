/**
 * Workbooks written by hand for the reader's tests: zip archives part by
 * part (order, compression, sizes and CRC as the test wants them, ZIP64),
 * SpreadsheetML and OpenDocument parts, OLE compound files, and deflate
 * bombs built small (a block compressed once, repeated).
 */
import * as zlib from "zlib";

export interface ZipPart {
  name: string;
  data: Buffer | string;
  /** 0 stored, 8 deflated (default). */
  method?: 0 | 8;
  /** Already compressed data (with `size` and `crc`): for bombs. */
  raw?: { compressed: Buffer; size: number; crc: number };
  /** What the central directory declares instead of the truth. */
  declaredSize?: number;
  declaredCrc?: number;
  /** Sizes and offset written as ZIP64 (0xFFFFFFFF in the header, the values in the extra field). */
  zip64?: boolean;
  /** General-purpose flags (bit 0: encrypted). */
  flags?: number;
}

export interface ZipOptions {
  /** A ZIP64 end of central directory record and locator. */
  zip64?: boolean;
  /** zlib's deflate level (default 6): 1 deflates large generated parts several times faster. */
  level?: number;
}

function dosTime(buf: Buffer, at: number): void {
  buf.writeUInt16LE(0, at);
  buf.writeUInt16LE(((2024 - 1980) << 9) | (1 << 5) | 1, at + 2);
}

/** A zip archive of the parts, in the order given. */
export function makeZip(parts: readonly ZipPart[], options: ZipOptions = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const data = typeof p.data === "string" ? Buffer.from(p.data, "utf8") : p.data;
    const method = p.method ?? 8;
    const compressed = p.raw
      ? p.raw.compressed
      : method === 8
        ? zlib.deflateRawSync(data, { level: options.level ?? 6 })
        : data;
    const size = p.raw ? p.raw.size : data.length;
    const crc = p.raw ? p.raw.crc : zlib.crc32(data);
    const name = Buffer.from(p.name, "utf8");
    const z64 = p.zip64 === true;
    const declaredSize = p.declaredSize ?? size;
    const declaredCrc = p.declaredCrc ?? crc;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(z64 ? 45 : 20, 4);
    local.writeUInt16LE((p.flags ?? 0) | 0x800, 6);
    local.writeUInt16LE(method, 8);
    dosTime(local, 10);
    local.writeUInt32LE(declaredCrc >>> 0, 14);
    local.writeUInt32LE(z64 ? 0xffffffff : compressed.length, 18);
    local.writeUInt32LE(z64 ? 0xffffffff : declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    const localExtra = z64 ? Buffer.alloc(20) : Buffer.alloc(0);
    if (z64) {
      localExtra.writeUInt16LE(1, 0);
      localExtra.writeUInt16LE(16, 2);
      localExtra.writeBigUInt64LE(BigInt(declaredSize), 4);
      localExtra.writeBigUInt64LE(BigInt(compressed.length), 12);
    }
    local.writeUInt16LE(localExtra.length, 28);
    locals.push(local, name, localExtra, compressed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(z64 ? 45 : 20, 4);
    central.writeUInt16LE(z64 ? 45 : 20, 6);
    central.writeUInt16LE((p.flags ?? 0) | 0x800, 8);
    central.writeUInt16LE(method, 10);
    dosTime(central, 12);
    central.writeUInt32LE(declaredCrc >>> 0, 16);
    central.writeUInt32LE(z64 ? 0xffffffff : compressed.length, 20);
    central.writeUInt32LE(z64 ? 0xffffffff : declaredSize, 24);
    central.writeUInt16LE(name.length, 28);
    const extra = z64 ? Buffer.alloc(28) : Buffer.alloc(0);
    if (z64) {
      extra.writeUInt16LE(1, 0);
      extra.writeUInt16LE(24, 2);
      extra.writeBigUInt64LE(BigInt(declaredSize), 4);
      extra.writeBigUInt64LE(BigInt(compressed.length), 12);
      extra.writeBigUInt64LE(BigInt(offset), 20);
    }
    central.writeUInt16LE(extra.length, 30);
    central.writeUInt32LE(z64 ? 0xffffffff : offset, 42);
    centrals.push(central, name, extra);
    offset += local.length + name.length + localExtra.length + compressed.length;
  }
  const dir = Buffer.concat(centrals);
  const tail: Buffer[] = [];
  if (options.zip64) {
    const rec = Buffer.alloc(56);
    rec.writeUInt32LE(0x06064b50, 0);
    rec.writeBigUInt64LE(44n, 4);
    rec.writeUInt16LE(45, 12);
    rec.writeUInt16LE(45, 14);
    rec.writeBigUInt64LE(BigInt(parts.length), 24);
    rec.writeBigUInt64LE(BigInt(parts.length), 32);
    rec.writeBigUInt64LE(BigInt(dir.length), 40);
    rec.writeBigUInt64LE(BigInt(offset), 48);
    const loc = Buffer.alloc(20);
    loc.writeUInt32LE(0x07064b50, 0);
    loc.writeBigUInt64LE(BigInt(offset + dir.length), 8);
    loc.writeUInt32LE(1, 16);
    tail.push(rec, loc);
  }
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(options.zip64 ? 0xffff : parts.length, 8);
  eocd.writeUInt16LE(options.zip64 ? 0xffff : parts.length, 10);
  eocd.writeUInt32LE(options.zip64 ? 0xffffffff : dir.length, 12);
  eocd.writeUInt32LE(options.zip64 ? 0xffffffff : offset, 16);
  return Buffer.concat([...locals, dir, ...tail, eocd]);
}

/**
 * A deflate stream of `block` repeated `times` times, built from one
 * compression of the block: with a full flush after it, the block's
 * compressed bytes do not depend on what came before, so they repeat.
 */
export function repeatedDeflate(
  block: Buffer,
  times: number,
  head: Buffer = Buffer.alloc(0),
): { compressed: Buffer; size: number; crc: number } {
  const full = { finishFlush: zlib.constants.Z_FULL_FLUSH, level: 9 };
  const once = zlib.deflateRawSync(block, full);
  const end = zlib.deflateRawSync(Buffer.alloc(0));
  const parts: Buffer[] = [zlib.deflateRawSync(head, full)];
  let crc = zlib.crc32(head);
  for (let k = 0; k < times; k++) {
    parts.push(once);
    crc = zlib.crc32(block, crc);
  }
  parts.push(end);
  return { compressed: Buffer.concat(parts), size: head.length + block.length * times, crc };
}

// ---------------------------------------------------------------------------
// SpreadsheetML

const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

export function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export interface HandSheet {
  name: string;
  /** The inside of `<sheetData>`, or a whole part when `xml` is given. */
  rows?: string;
  xml?: string;
  /** After `</sheetData>` (mergeCells…). */
  after?: string;
  state?: "hidden" | "veryHidden";
  /** A chartsheet instead of a worksheet. */
  chart?: boolean;
}

export interface HandWorkbook {
  sheets: readonly HandSheet[];
  /** `<si>` items (inside `<sst>`), or null for no sharedStrings part. */
  sharedStrings?: string | null;
  /** `<numFmts>` and `<cellXfs>` inside `<styleSheet>`. */
  styles?: string;
  date1904?: boolean;
  /** Store workbook.xml (and its relations) after the sheets. */
  workbookLast?: boolean;
  /** Leave out parts by name. */
  omit?: readonly string[];
  /** Replace parts by name. */
  replace?: Readonly<Record<string, string | Buffer>>;
  /** Extra parts (vbaProject.bin of an .xlsm…). */
  extra?: readonly ZipPart[];
  macros?: boolean;
}

export function worksheetXml(rows: string, after = ""): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_R}"><sheetData>${rows}</sheetData>${after}</worksheet>`;
}

/** The parts of a workbook, in zip order. */
export function xlsxParts(wb: HandWorkbook): ZipPart[] {
  const sheetParts: ZipPart[] = [];
  const rels: string[] = [];
  const sheetsXml: string[] = [];
  wb.sheets.forEach((s, i) => {
    const n = i + 1;
    const id = `rId${n}`;
    if (s.chart) {
      rels.push(`<Relationship Id="${id}" Type="${REL}/chartsheet" Target="chartsheets/sheet${n}.xml"/>`);
      sheetParts.push({
        name: `xl/chartsheets/sheet${n}.xml`,
        data: `<?xml version="1.0"?><chartsheet xmlns="${NS_MAIN}"><sheetViews/></chartsheet>`,
      });
    } else {
      rels.push(`<Relationship Id="${id}" Type="${REL}/worksheet" Target="worksheets/sheet${n}.xml"/>`);
      sheetParts.push({ name: `xl/worksheets/sheet${n}.xml`, data: s.xml ?? worksheetXml(s.rows ?? "", s.after) });
    }
    sheetsXml.push(
      `<sheet name="${escapeXml(s.name)}" sheetId="${n}"${s.state ? ` state="${s.state}"` : ""} r:id="${id}"/>`,
    );
  });
  const k = wb.sheets.length;
  if (wb.sharedStrings !== null && wb.sharedStrings !== undefined)
    rels.push(`<Relationship Id="rId${k + 1}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`);
  rels.push(`<Relationship Id="rId${k + 2}" Type="${REL}/styles" Target="styles.xml"/>`);
  const main = wb.macros
    ? "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
    : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
  const head: ZipPart[] = [
    {
      name: "[Content_Types].xml",
      data: `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${main}"/></Types>`,
    },
    {
      name: "_rels/.rels",
      data: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
  ];
  const workbook: ZipPart[] = [
    {
      name: "xl/workbook.xml",
      data: `<?xml version="1.0"?><workbook xmlns="${NS_MAIN}" xmlns:r="${NS_R}">${wb.date1904 ? '<workbookPr date1904="1"/>' : "<workbookPr/>"}<sheets>${sheetsXml.join("")}</sheets></workbook>`,
    },
    {
      name: "xl/_rels/workbook.xml.rels",
      data: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join("")}</Relationships>`,
    },
  ];
  const others: ZipPart[] = [
    {
      name: "xl/styles.xml",
      data: `<?xml version="1.0"?><styleSheet xmlns="${NS_MAIN}">${wb.styles ?? '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'}</styleSheet>`,
    },
  ];
  if (wb.sharedStrings !== null && wb.sharedStrings !== undefined) {
    others.push({
      name: "xl/sharedStrings.xml",
      data: `<?xml version="1.0"?><sst xmlns="${NS_MAIN}">${wb.sharedStrings}</sst>`,
    });
  }
  const all = wb.workbookLast
    ? [...head, ...sheetParts, ...others, ...workbook]
    : [...head, ...workbook, ...others, ...sheetParts];
  const out = all
    .filter((p) => !(wb.omit ?? []).includes(p.name))
    .map((p) => (wb.replace && p.name in wb.replace ? { ...p, data: wb.replace[p.name] } : p));
  return [...out, ...(wb.extra ?? [])];
}

export function xlsx(wb: HandWorkbook, options: ZipOptions & { zip64Parts?: boolean } = {}): Buffer {
  const parts = xlsxParts(wb).map((p) => (options.zip64Parts ? { ...p, zip64: true } : p));
  return makeZip(parts, options);
}

// ---------------------------------------------------------------------------
// OpenDocument

export function odsParts(contentBody: string, options: { encrypted?: boolean } = {}): ZipPart[] {
  const manifestEntries = options.encrypted
    ? '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"><manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="x"><manifest:algorithm manifest:algorithm-name="Blowfish CFB" manifest:initialisation-vector="x"/></manifest:encryption-data></manifest:file-entry>'
    : '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>';
  return [
    { name: "mimetype", data: "application/vnd.oasis.opendocument.spreadsheet", method: 0 },
    {
      name: "META-INF/manifest.xml",
      data: `<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>${manifestEntries}</manifest:manifest>`,
    },
    {
      name: "content.xml",
      data: `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" office:version="1.2"><office:body><office:spreadsheet>${contentBody}</office:spreadsheet></office:body></office:document-content>`,
    },
  ];
}

export function ods(contentBody: string, options: { encrypted?: boolean } = {}): Buffer {
  return makeZip(odsParts(contentBody, options));
}

// ---------------------------------------------------------------------------
// OLE compound files

/** A compound file (version 3, 512-byte sectors) whose directory lists `streams` (empty streams). */
export function compoundFile(streams: readonly string[]): Buffer {
  const sector = 512;
  const header = Buffer.alloc(512);
  Buffer.from("d0cf11e0a1b11ae1", "hex").copy(header, 0);
  header.writeUInt16LE(0x3e, 24);
  header.writeUInt16LE(3, 26);
  header.writeUInt16LE(0xfffe, 28);
  header.writeUInt16LE(9, 30);
  header.writeUInt16LE(6, 32);
  header.writeUInt32LE(1, 44); // FAT sectors
  header.writeUInt32LE(1, 48); // first directory sector
  header.writeUInt32LE(4096, 56);
  header.writeUInt32LE(0xfffffffe, 60);
  header.writeUInt32LE(0xfffffffe, 68);
  for (let k = 0; k < 109; k++) header.writeUInt32LE(k === 0 ? 0 : 0xffffffff, 76 + 4 * k);
  const fat = Buffer.alloc(sector, 0xff);
  fat.writeUInt32LE(0xfffffffd, 0); // sector 0: the FAT itself
  fat.writeUInt32LE(0xfffffffe, 4); // sector 1: the directory, one sector
  const dir = Buffer.alloc(sector);
  const names = ["Root Entry", ...streams].slice(0, 4);
  names.forEach((name, i) => {
    const at = i * 128;
    const n = Buffer.from(`${name}\0`, "utf16le");
    n.copy(dir, at);
    dir.writeUInt16LE(n.length, at + 64);
    dir[at + 66] = i === 0 ? 5 : 2;
    dir.writeUInt32LE(0xffffffff, at + 68);
    dir.writeUInt32LE(0xffffffff, at + 72);
    dir.writeUInt32LE(i === 0 && names.length > 1 ? 1 : 0xffffffff, at + 76);
    dir.writeUInt32LE(0xfffffffe, at + 116);
  });
  return Buffer.concat([header, fat, dir]);
}
