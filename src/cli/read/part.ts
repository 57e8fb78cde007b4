/**
 * One XML part of a zip, read as a stream: inflated (bounded, CRC-checked),
 * decoded (UTF-8, or the encoding its BOM or XML declaration names; invalid
 * bytes refused) and scanned, chunk by chunk.
 */
import { isAscii, isUtf8 } from "buffer";
import { TextDecoder } from "util";
import { fail } from "./errors";
import { XmlScanner, type XmlHandler } from "./xml";
import type { ZipArchive, ZipEntry } from "./zip";

/** Shared by the parts of one workbook: the per-part limit and the total decompressed so far. */
export interface PartLimits {
  maxPartBytes: number;
  /** Bytes inflated from the whole file so far, and the most allowed. */
  total: { used: number; max: number };
}

/** UTF-8 chunks to text, a character cut between two chunks kept for the next; invalid bytes refused. */
class Utf8Decoder {
  readonly encoding = "utf-8";
  private rest: Buffer | null = null;
  private first = true;

  decode(chunk: Buffer, options: { stream: boolean }): string {
    let buf = this.rest ? Buffer.concat([this.rest, chunk]) : chunk;
    this.rest = null;
    if (this.first && buf.length >= 3) {
      this.first = false;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
    }
    if (options.stream) {
      // Where the last character starts; keep it when its bytes are not all here.
      let j = buf.length - 1;
      while (j >= 0 && j > buf.length - 4 && isContinuation(buf[j])) j--;
      const lead = buf[j];
      if (lead !== undefined) {
        const need = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
        if (j + need > buf.length) {
          this.rest = Buffer.from(buf.subarray(j));
          buf = buf.subarray(0, j);
        }
      }
    }
    if (isAscii(buf)) return buf.toString("latin1");
    if (!isUtf8(buf)) throw new Error("invalid UTF-8");
    return buf.toString("utf8");
  }
}

/** A byte that continues a UTF-8 character (10xxxxxx). */
function isContinuation(byte: number | undefined): boolean {
  return byte !== undefined && (byte & 0xc0) === 0x80;
}

function decoderFor(head: Buffer, part: string): TextDecoder | Utf8Decoder {
  let label = "utf-8";
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) label = "utf-16le";
  else if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) label = "utf-16be";
  else {
    const decl = /^(?:\xef\xbb\xbf)?<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(
      head.toString("latin1", 0, Math.min(head.length, 200)),
    );
    const declared = decl?.[1];
    if (declared !== undefined) label = declared.toLowerCase();
  }
  if (label === "utf-8" || label === "utf8") return new Utf8Decoder();
  try {
    return new TextDecoder(label, { fatal: true });
  } catch {
    return fail("corrupt", part, `unknown text encoding ${label}`, { kind: "encoding", encoding: label });
  }
}

/** Scans the XML of a part with `handler`; returns the name of its root element. */
export async function scanPart(
  zip: ZipArchive,
  entry: ZipEntry,
  handler: XmlHandler,
  limits: PartLimits,
): Promise<string> {
  const part = entry.name;
  const scanner = new XmlScanner(handler, part);
  let decoder: TextDecoder | Utf8Decoder | null = null;
  const decode = (chunk: Buffer, last: boolean): string => {
    try {
      return decoder!.decode(chunk, { stream: !last });
    } catch {
      return fail("corrupt", part, `invalid ${decoder!.encoding} text`, {
        kind: "encoding",
        encoding: decoder!.encoding,
      });
    }
  };
  const total = limits.total;
  const tooMuch = (): never =>
    fail("too_large", part, `the workbook's parts add up to more than ${total.max} bytes`, {
      kind: "total_size",
      limit: total.max,
    });
  if (entry.size <= limits.maxPartBytes && total.used + entry.size > total.max) tooMuch();
  await zip.stream(entry, limits.maxPartBytes, (chunk) => {
    total.used += chunk.length;
    if (total.used > total.max) tooMuch();
    decoder ??= decoderFor(chunk, part);
    const text = decode(chunk, false);
    if (text.length) scanner.write(text);
  });
  decoder ??= decoderFor(Buffer.alloc(0), part);
  const rest = decode(Buffer.alloc(0), true);
  if (rest.length) scanner.write(rest);
  scanner.end();
  return scanner.root ?? "";
}
