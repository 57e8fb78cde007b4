import * as zlib from "zlib";

/**
 * Reads one entry of a zip archive held in memory (an .xlsx is a zip). Only
 * what a workbook needs: stored or deflated entries, no ZIP64, no encryption.
 * Returns null when the entry is absent or cannot be read this way.
 */
export function readZipEntry(zip: Buffer, name: string): Buffer | null {
  // End of central directory: at the end, before a comment of at most 64 KiB.
  const EOCD = 0x06054b50;
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  for (let k = 0; k < entries; k++) {
    if (p + 46 > zip.length || zip.readUInt32LE(p) !== 0x02014b50) return null;
    const method = zip.readUInt16LE(p + 10);
    const compressed = zip.readUInt32LE(p + 20);
    const nameLength = zip.readUInt16LE(p + 28);
    const extraLength = zip.readUInt16LE(p + 30);
    const commentLength = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const entryName = zip.toString("utf8", p + 46, p + 46 + nameLength);
    if (entryName === name) {
      if (local + 30 > zip.length || zip.readUInt32LE(local) !== 0x04034b50) return null;
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + compressed);
      try {
        if (method === 0) return data;
        if (method === 8) return zlib.inflateRawSync(data);
      } catch {
        return null;
      }
      return null;
    }
    p += 46 + nameLength + extraLength + commentLength;
  }
  return null;
}

/** Merged areas (`A2:E2`) of a worksheet's XML. */
export function mergesOfSheetXml(xml: string): string[] {
  const out: string[] = [];
  const start = xml.indexOf("mergeCells");
  if (start < 0) return out;
  const re = /<(?:\w+:)?mergeCell\s[^>]*?ref="([A-Z]+\d+(?::[A-Z]+\d+)?)"/g;
  re.lastIndex = start;
  for (let m = re.exec(xml); m; m = re.exec(xml)) out.push(m[1]);
  return out;
}
