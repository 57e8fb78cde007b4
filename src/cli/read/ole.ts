/**
 * OLE compound files (the container of .xls workbooks, and of password-
 * protected .xlsx files): only the names of the streams, to say which of
 * the two a file is. Nothing else of it is read.
 */
import type { FileSource } from "./zip";

const FREE_LIMIT = 0xfffffffa; // sector numbers at or above this end a chain
/** Directory sectors and DIFAT sectors followed at most (a real file has a handful). */
const MAX_CHAIN = 4096;

/** The names in the compound file's directory, or null when its header or directory cannot be read. */
export function oleStreamNames(src: FileSource): string[] | null {
  const head = src.read(0, 512);
  if (head.length < 512 || head.readUInt32BE(0) !== 0xd0cf11e0 || head.readUInt32BE(4) !== 0xa1b11ae1) return null;
  const shift = head.readUInt16LE(30);
  if (shift !== 9 && shift !== 12) return null;
  const size = 1 << shift;
  const perSector = size / 4;
  const offset = (sector: number): number => (sector + 1) * size;
  // The FAT's own sectors: 109 in the header, the rest in the DIFAT chain.
  const fatSectors: number[] = [];
  for (let k = 0; k < 109; k++) {
    const s = head.readUInt32LE(76 + 4 * k);
    if (s >= FREE_LIMIT) break;
    fatSectors.push(s);
  }
  let difat = head.readUInt32LE(68);
  for (let hops = 0; difat < FREE_LIMIT && hops < MAX_CHAIN; hops++) {
    const buf = src.read(offset(difat), size);
    if (buf.length < size) return null;
    for (let k = 0; k < perSector - 1; k++) {
      const s = buf.readUInt32LE(4 * k);
      if (s < FREE_LIMIT) fatSectors.push(s);
    }
    difat = buf.readUInt32LE(size - 4);
  }
  const next = (sector: number): number => {
    const fat = fatSectors[Math.floor(sector / perSector)];
    if (fat === undefined) return FREE_LIMIT;
    const b = src.read(offset(fat) + (sector % perSector) * 4, 4);
    return b.length < 4 ? FREE_LIMIT : b.readUInt32LE(0);
  };
  const names: string[] = [];
  const seen = new Set<number>();
  let sector = head.readUInt32LE(48);
  while (sector < FREE_LIMIT && !seen.has(sector) && seen.size < MAX_CHAIN) {
    seen.add(sector);
    const buf = src.read(offset(sector), size);
    if (buf.length < size) return null;
    for (let e = 0; e + 128 <= size; e += 128) {
      const length = buf.readUInt16LE(e + 64);
      const type = buf[e + 66];
      if ((type === 1 || type === 2 || type === 5) && length >= 2 && length <= 64)
        names.push(buf.toString("utf16le", e, e + length - 2));
    }
    sector = next(sector);
  }
  return names.length ? names : null;
}
