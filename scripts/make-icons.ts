/**
 * Draws the add-in icons (assets/icon-16.png … icon-128.png): a rounded blue
 * square with a white check mark.
 *
 * Every pixel's coverage comes from the signed distance to the shapes (a
 * rounded rectangle, and a check mark drawn as two round-capped strokes), so
 * the edges are anti-aliased at every size without an image library. The PNG
 * file is written here too: RGBA, 8 bits per channel, one zlib-compressed
 * IDAT chunk, CRC-32 computed locally.
 *
 * `npm run build:cli && node dist/scripts/make-icons.js`
 */
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import { repoRoot } from "./workbook-writer";
import { at } from "../src/domain/arrays";

/** Icon sizes in pixels: ribbon (16, 32, 80), manifest icon (32, 64), store-size (128). */
export const ICON_SIZES = [16, 32, 64, 80, 128] as const;

/** Background colour of the square: #0F6CBD. */
const BLUE: Rgb = [0x0f, 0x6c, 0xbd];
const WHITE: Rgb = [0xff, 0xff, 0xff];

type Rgb = readonly [number, number, number];

// ---------------------------------------------------------------------------
// PNG encoding

const CRC_TABLE: readonly number[] = (() => {
  const table = new Array<number>(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (ISO 3309, as PNG uses it) of the bytes given. */
export function crc32(...parts: Uint8Array[]): number {
  let c = 0xffffffff;
  for (const bytes of parts) {
    for (const byte of bytes) c = at(CRC_TABLE, (c ^ byte) & 0xff) ^ (c >>> 8);
  }
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const typeBytes = Buffer.from(type, "ascii");
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  typeBytes.copy(out, 4);
  Buffer.from(data.buffer, data.byteOffset, data.length).copy(out, 8);
  out.writeUInt32BE(crc32(typeBytes, data), 8 + data.length);
  return out;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A PNG file from straight (not premultiplied) RGBA pixels, row by row. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (rgba.length !== width * height * 4) throw new Error(`expected ${width * height * 4} bytes, got ${rgba.length}`);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  ihdr[10] = 0; // compression: deflate
  ihdr[11] = 0; // filter method 0
  ihdr[12] = 0; // no interlace
  // Each scanline starts with its filter type; 0 (None) keeps the encoder plain.
  const stride = width * 4;
  const raw = Buffer.alloc(height * (stride + 1));
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0;
    Buffer.from(rgba.buffer, rgba.byteOffset + y * stride, stride).copy(raw, y * (stride + 1) + 1);
  }
  const idat = zlib.deflateSync(raw, { level: 9 });
  return Buffer.concat([PNG_SIGNATURE, chunk("IHDR", ihdr), chunk("IDAT", idat), chunk("IEND", new Uint8Array(0))]);
}

// ---------------------------------------------------------------------------
// Drawing

/** Signed distance from (px, py) to a rounded rectangle centred on (cx, cy); negative inside. */
function roundedRectDistance(
  px: number,
  py: number,
  cx: number,
  cy: number,
  halfW: number,
  halfH: number,
  r: number,
): number {
  const qx = Math.abs(px - cx) - (halfW - r);
  const qy = Math.abs(py - cy) - (halfH - r);
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  const inside = Math.min(Math.max(qx, qy), 0);
  return outside + inside - r;
}

/** Distance from (px, py) to the segment a–b. */
function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Coverage of a pixel by a shape, from the signed distance at its centre (in pixels). */
const coverage = (distance: number): number => Math.max(0, Math.min(1, 0.5 - distance));

/** Check mark corners, as fractions of the icon side. */
const CHECK: ReadonlyArray<readonly [number, number]> = [
  [0.27, 0.52],
  [0.43, 0.68],
  [0.74, 0.35],
];

/** RGBA pixels of the icon at `size` × `size`. */
export function drawIcon(size: number): Uint8Array {
  const margin = size / 16;
  const half = size / 2 - margin;
  const radius = size * 0.2;
  // The stroke stays at least 1.7 px wide so the mark reads at 16 px.
  const stroke = Math.max(size * 0.105, 1.7);
  const pts = CHECK.map(([x, y]) => [x * size, y * size] as const);
  const segments = pts.slice(1).map((b, i) => [at(pts, i), b] as const);
  const out = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const px = x + 0.5;
      const py = y + 0.5;
      const square = coverage(roundedRectDistance(px, py, size / 2, size / 2, half, half, radius));
      let toCheck = Infinity;
      for (const [a, b] of segments) toCheck = Math.min(toCheck, segmentDistance(px, py, a[0], a[1], b[0], b[1]));
      const mark = coverage(toCheck - stroke / 2);
      const o = (y * size + x) * 4;
      out[o] = Math.round(BLUE[0] + (WHITE[0] - BLUE[0]) * mark);
      out[o + 1] = Math.round(BLUE[1] + (WHITE[1] - BLUE[1]) * mark);
      out[o + 2] = Math.round(BLUE[2] + (WHITE[2] - BLUE[2]) * mark);
      out[o + 3] = Math.round(255 * square);
    }
  }
  return out;
}

/** Writes every icon into `dir`; returns the paths written. */
export function writeIcons(dir: string): string[] {
  fs.mkdirSync(dir, { recursive: true });
  return ICON_SIZES.map((size) => {
    const file = path.join(dir, `icon-${size}.png`);
    fs.writeFileSync(file, encodePng(size, size, drawIcon(size)));
    return file;
  });
}

if (require.main === module) {
  const root = repoRoot();
  for (const file of writeIcons(path.join(root, "assets"))) console.log(path.relative(root, file));
}
