/**
 * A zip archive read in place, by random access through its central
 * directory: nothing is read before it is asked for, nothing is written
 * anywhere. Each entry is inflated as a stream, bounded (the size the
 * directory declares and the caller's limit, counted on the bytes as they
 * come out, since a directory can lie) and checked against its CRC-32.
 * ZIP64 directories and sizes are read; encrypted entries are refused.
 */
import * as fs from "fs";
import * as zlib from "zlib";
import { fail, ReadFailure } from "./errors";

/** Positional reads of an open file. */
export class FileSource {
  constructor(
    readonly fd: number,
    readonly size: number,
  ) {}

  /** `length` bytes at `position`, or fewer at the end of the file. */
  read(position: number, length: number): Buffer {
    const n = Math.max(0, Math.min(length, this.size - position));
    const buf = Buffer.allocUnsafe(n);
    let done = 0;
    while (done < n) {
      const got = fs.readSync(this.fd, buf, done, n - done, position + done);
      if (got === 0) break;
      done += got;
    }
    return done === n ? buf : buf.subarray(0, done);
  }
}

export interface ZipEntry {
  /** The name as stored (slashes normalised). */
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** A central directory larger than this is not a workbook's (one entry is 46 bytes and a name). */
const MAX_DIRECTORY_BYTES = 64 * 1024 * 1024;
/** Compressed bytes read from the file at a time. */
const READ_CHUNK = 256 * 1024;
/** Decompressed bytes handed over at a time. */
const INFLATE_CHUNK = 256 * 1024;

function directoryError(detail: string): never {
  return fail("corrupt", null, `zip directory: ${detail}`, { kind: "zip_directory" });
}

/** A uint64 little-endian as a number; beyond 2^53 it is not a size any file has. */
function u64(buf: Buffer, at: number): number {
  const v = buf.readUInt32LE(at) + buf.readUInt32LE(at + 4) * 0x100000000;
  if (!Number.isSafeInteger(v)) directoryError("64-bit field out of range");
  return v;
}

export class ZipArchive {
  private readonly byName = new Map<string, ZipEntry>();
  /** Entries in directory order. */
  readonly entries: ZipEntry[] = [];

  private constructor(readonly source: FileSource) {}

  /** Reads the central directory; throws ReadFailure("corrupt") when it is not a readable zip. */
  static open(source: FileSource): ZipArchive {
    const zip = new ZipArchive(source);
    zip.readDirectory();
    return zip;
  }

  private readDirectory(): void {
    const size = this.source.size;
    if (size < 22) directoryError("file too short");
    // End of central directory: 22 bytes, then a comment of at most 65 535 bytes.
    const tailLength = Math.min(size, 22 + 0xffff);
    const tailStart = size - tailLength;
    const tail = this.source.read(tailStart, tailLength);
    let at = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD && i + 22 + tail.readUInt16LE(i + 20) <= tail.length) {
        at = i;
        break;
      }
    }
    if (at < 0) directoryError("no end-of-directory record (the file is cut short or is not a zip)");
    let count = tail.readUInt16LE(at + 10);
    let dirSize = tail.readUInt32LE(at + 12);
    let dirOffset = tail.readUInt32LE(at + 16);
    // ZIP64: a locator just before the record points to the ZIP64 end record.
    const eocdPos = tailStart + at;
    if (eocdPos >= 20) {
      const loc = this.source.read(eocdPos - 20, 20);
      if (loc.readUInt32LE(0) === ZIP64_LOCATOR) {
        const recPos = u64(loc, 8);
        if (recPos + 56 > eocdPos) directoryError("ZIP64 end record out of the file");
        const rec = this.source.read(recPos, 56);
        if (rec.readUInt32LE(0) !== ZIP64_EOCD) directoryError("ZIP64 end record not found");
        count = u64(rec, 32);
        dirSize = u64(rec, 40);
        dirOffset = u64(rec, 48);
      }
    }
    if (dirOffset + dirSize > size) directoryError("the directory lies beyond the end of the file");
    if (dirSize > MAX_DIRECTORY_BYTES) directoryError(`directory of ${dirSize} bytes`);
    if (count * 46 > dirSize) directoryError("more entries than the directory can hold");
    const dir = this.source.read(dirOffset, dirSize);
    let p = 0;
    for (let k = 0; k < count; k++) {
      if (p + 46 > dir.length || dir.readUInt32LE(p) !== CENTRAL)
        directoryError(`entry ${k + 1} of ${count} not found`);
      const flags = dir.readUInt16LE(p + 8);
      const method = dir.readUInt16LE(p + 10);
      const crc = dir.readUInt32LE(p + 16);
      let compressedSize = dir.readUInt32LE(p + 20);
      let entrySize = dir.readUInt32LE(p + 24);
      const nameLength = dir.readUInt16LE(p + 28);
      const extraLength = dir.readUInt16LE(p + 30);
      const commentLength = dir.readUInt16LE(p + 32);
      let localOffset = dir.readUInt32LE(p + 42);
      const end = p + 46 + nameLength + extraLength + commentLength;
      if (end > dir.length) directoryError(`entry ${k + 1} overruns the directory`);
      const name = dir.toString(flags & 0x800 ? "utf8" : "latin1", p + 46, p + 46 + nameLength).replace(/\\/g, "/");
      // ZIP64 extra field: the 64-bit values of the fields saturated at 0xFFFFFFFF, in this order.
      if (entrySize === 0xffffffff || compressedSize === 0xffffffff || localOffset === 0xffffffff) {
        let e = p + 46 + nameLength;
        const extraEnd = e + extraLength;
        let found = false;
        while (e + 4 <= extraEnd) {
          const id = dir.readUInt16LE(e);
          const len = dir.readUInt16LE(e + 2);
          if (e + 4 + len > extraEnd) break;
          if (id === 0x0001) {
            let q = e + 4;
            const qEnd = q + len;
            const next = (): number => {
              if (q + 8 > qEnd) directoryError(`ZIP64 field of ${name} too short`);
              const v = u64(dir, q);
              q += 8;
              return v;
            };
            if (entrySize === 0xffffffff) entrySize = next();
            if (compressedSize === 0xffffffff) compressedSize = next();
            if (localOffset === 0xffffffff) localOffset = next();
            found = true;
            break;
          }
          e += 4 + len;
        }
        if (!found) directoryError(`ZIP64 sizes of ${name} missing`);
      }
      if (localOffset + 30 + compressedSize > size) directoryError(`entry ${name} points outside the file`);
      const entry: ZipEntry = { name, flags, method, crc, compressedSize, size: entrySize, localOffset };
      const key = name.toLowerCase();
      if (this.byName.has(key)) fail("corrupt", name, `two zip entries named ${name}`, { kind: "zip_duplicate" });
      this.byName.set(key, entry);
      this.entries.push(entry);
      p = end;
    }
    // Entries whose data overlap (a way to make a small file inflate to many
    // times its size): a real workbook never has them.
    const sorted = this.entries.slice().sort((a, b) => a.localOffset - b.localOffset);
    let prev: ZipEntry | null = null;
    for (const e of sorted) {
      if (prev && prev.localOffset + 30 + prev.compressedSize > e.localOffset) {
        fail("corrupt", e.name, `zip entries ${prev.name} and ${e.name} overlap`, { kind: "zip_directory" });
      }
      prev = e;
    }
  }

  /** The entry of a part name (case-insensitive, as OPC part names are), if any. */
  get(name: string): ZipEntry | undefined {
    return this.byName.get(name.replace(/^\/+/, "").toLowerCase());
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /** Where the entry's data starts, from its local header. */
  private dataStart(entry: ZipEntry): number {
    const head = this.source.read(entry.localOffset, 30);
    if (head.length < 30 || head.readUInt32LE(0) !== LOCAL) {
      fail("corrupt", entry.name, "local header not found where the directory says", { kind: "zip_directory" });
    }
    const start = entry.localOffset + 30 + head.readUInt16LE(26) + head.readUInt16LE(28);
    if (start + entry.compressedSize > this.source.size) {
      fail("corrupt", entry.name, "data runs past the end of the file", { kind: "zip_directory" });
    }
    return start;
  }

  /**
   * Streams the decompressed bytes of an entry to `sink`, in chunks, at most
   * `maxBytes` of them; checks the size and the CRC-32 at the end. Throws
   * ReadFailure: "too_large" (the directory declares more than the limit),
   * "encrypted", or "corrupt" (inflate error, CRC mismatch, more or fewer
   * bytes than declared: counted as they come out, so a lying directory
   * stops the read at its declared size). An error thrown by `sink` stops
   * the read and is rethrown.
   */
  async stream(entry: ZipEntry, maxBytes: number, sink: (chunk: Buffer) => void): Promise<void> {
    const part = entry.name;
    if (entry.flags & 0x1) fail("encrypted", part, "encrypted zip entry");
    if (entry.size > maxBytes) {
      fail("too_large", part, `${entry.size} bytes declared, limit ${maxBytes}`, {
        kind: "part_size",
        size: entry.size,
        limit: maxBytes,
      });
    }
    if (entry.method !== 0 && entry.method !== 8) {
      fail("corrupt", part, `compression method ${entry.method} not supported`, {
        kind: "compression",
        method: entry.method,
      });
    }
    if (entry.method === 0 && entry.compressedSize !== entry.size) {
      fail("corrupt", part, "stored entry whose two sizes differ", {
        kind: "size_mismatch",
        declared: entry.size,
        actual: entry.compressedSize,
      });
    }
    const start = this.dataStart(entry);
    let out = 0;
    let crc = 0;
    // The bytes out are counted as they come: past the size the directory
    // declares (itself within the limit), the directory lied; stop there.
    const take = (chunk: Buffer): void => {
      out += chunk.length;
      if (out > entry.size) {
        fail("corrupt", part, `inflates to more than the ${entry.size} bytes declared`, {
          kind: "size_mismatch",
          declared: entry.size,
          actual: null,
        });
      }
      crc = crc32(chunk, crc);
      sink(chunk);
    };
    if (entry.method === 0) {
      for (let pos = 0; pos < entry.compressedSize; pos += READ_CHUNK) {
        take(this.source.read(start + pos, Math.min(READ_CHUNK, entry.compressedSize - pos)));
      }
    } else {
      await this.inflate(entry, start, take);
    }
    if (out !== entry.size) {
      fail("corrupt", part, `inflates to ${out} bytes, ${entry.size} declared`, {
        kind: "size_mismatch",
        declared: entry.size,
        actual: out,
      });
    }
    if (crc >>> 0 !== entry.crc) fail("corrupt", part, "CRC-32 mismatch", { kind: "crc" });
  }

  /** The whole decompressed entry (for small parts: relations, workbook, manifest). */
  async readBuffer(entry: ZipEntry, maxBytes: number): Promise<Buffer> {
    const chunks: Buffer[] = [];
    await this.stream(entry, maxBytes, (c) => chunks.push(c));
    const [only] = chunks;
    return only !== undefined && chunks.length === 1 ? only : Buffer.concat(chunks);
  }

  private inflate(entry: ZipEntry, start: number, take: (chunk: Buffer) => void): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const inflater = zlib.createInflateRaw({ chunkSize: INFLATE_CHUNK });
      let pos = 0;
      let failed = false;
      const stop = (e: unknown): void => {
        if (failed) return;
        failed = true;
        inflater.destroy();
        if (e instanceof ReadFailure) reject(e);
        else reject(new ReadFailure("corrupt", entry.name, `inflate: ${(e as Error).message}`, { kind: "inflate" }));
      };
      inflater.on("data", (chunk: Buffer) => {
        if (failed) return;
        try {
          take(chunk);
        } catch (e) {
          stop(e);
        }
      });
      inflater.on("error", stop);
      inflater.on("end", () => {
        if (failed) return;
        if (pos < entry.compressedSize) stop(new Error("deflate stream ends before its data"));
        else resolve();
      });
      const pump = (): void => {
        try {
          while (!failed && pos < entry.compressedSize) {
            const chunk = this.source.read(start + pos, Math.min(READ_CHUNK, entry.compressedSize - pos));
            if (chunk.length === 0) throw new Error("file ends inside the deflated data");
            pos += chunk.length;
            if (!inflater.write(chunk)) {
              inflater.once("drain", pump);
              return;
            }
          }
          if (!failed) inflater.end();
        } catch (e) {
          stop(e);
        }
      };
      pump();
    });
  }
}

// ---------------------------------------------------------------------------
// CRC-32 (zlib's when Node has it: 20.15 and later)

/** The CRC-32 of each byte value (the polynomial of zip and zlib). */
function crcTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

/** CRC-32 in JavaScript, for a Node without zlib's. */
function crc32With(table: Uint32Array): (buf: Buffer, crc: number) => number {
  return (buf, crc) => {
    let c = ~crc >>> 0;
    // (c ^ byte) & 0xff is within the table's 256 entries.
    for (const byte of buf) c = (table[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
    return ~c >>> 0;
  };
}

/** zlib's CRC-32: Node 20.15 and later have it, the engines field allows any Node 20. */
type Crc32 = (data: Buffer, value?: number) => number;
const nativeCrc32: Crc32 | undefined = "crc32" in zlib && typeof zlib.crc32 === "function" ? zlib.crc32 : undefined;

const crc32: (buf: Buffer, crc: number) => number = nativeCrc32
  ? (buf, crc) => nativeCrc32(buf, crc)
  : crc32With(crcTable());
