/**
 * The workbook reader of plie-check: .xlsx, .xlsm and LibreOffice .ods
 * files into grids, one per sheet in tab order; anything else, or anything
 * damaged, refused with the reason and the part at fault.
 *
 * Bounded: the path must be a regular file (checked on the open file, so a
 * FIFO or a device is never read); each part of the zip is inflated as a
 * stream, at most `maxPartBytes` of it (checked against the zip directory,
 * then on the bytes as they come out); the parts read add up to at most
 * four times that; the grids and the text kept have a budget of cells and
 * characters. Nothing is written anywhere: no temporary file, ever.
 */
import * as fs from "fs";
import type { SheetGrid } from "../../sheet/grid";
import { fail, ReadFailure, UnreadableFileError, type UnreadableFacts } from "./errors";
import type { Budget } from "./grid";
import { readOds } from "./ods";
import { oleStreamNames } from "./ole";
import type { PartLimits } from "./part";
import { readRelations, readXlsx } from "./xlsx";
import { FileSource, ZipArchive } from "./zip";

export { UnreadableFileError, type UnreadableReason } from "./errors";

/** Default limit of one decompressed part (a sheet's XML, the shared strings, content.xml). */
export const DEFAULT_MAX_PART_BYTES = 200 * 1024 * 1024;
/**
 * Default budget of grid cells of a workbook: each row, and each column of
 * a row up to its last cell (a 100 000-line programming of 16 columns is
 * 1,7 million). What keeps plie-check under 400 MB on any workbook: the
 * grid, then the parser's lines and the report, grow with it. Scaled with
 * `maxPartBytes` when that is raised.
 */
export const DEFAULT_MAX_CELLS = 2_000_000;
/**
 * Default budget of characters of text kept (shared strings, and each
 * distinct text of the cells: 8 more per string); scaled likewise.
 */
export const DEFAULT_MAX_CHARS = 10_000_000;

export interface ReadOptions {
  /** Limit of one decompressed part, in bytes (default DEFAULT_MAX_PART_BYTES). */
  maxPartBytes?: number;
  /** Budget of grid cells (default: DEFAULT_MAX_CELLS, scaled with maxPartBytes). */
  maxCells?: number;
  /** Budget of characters of text (default: DEFAULT_MAX_CHARS, scaled with maxPartBytes). */
  maxChars?: number;
}

const O_NONBLOCK = (fs.constants as { O_NONBLOCK?: number }).O_NONBLOCK ?? 0;

function openRegularFile(file: string): FileSource {
  let fd: number;
  try {
    // Non-blocking: opening a FIFO for reading would otherwise wait for a writer.
    fd = fs.openSync(file, fs.constants.O_RDONLY | O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EISDIR") fail("not_a_file", null, "a directory", { kind: "file_type", type: "directory" });
    return fail("missing", null, (e as Error).message);
  }
  let st: fs.Stats;
  try {
    st = fs.fstatSync(fd);
  } catch (e) {
    fs.closeSync(fd);
    return fail("missing", null, (e as Error).message);
  }
  if (!st.isFile()) {
    fs.closeSync(fd);
    const type = st.isDirectory()
      ? "directory"
      : st.isFIFO()
        ? "fifo"
        : st.isCharacterDevice() || st.isBlockDevice()
          ? "device"
          : st.isSocket()
            ? "socket"
            : "other";
    fail("not_a_file", null, `not a regular file (${type})`, { kind: "file_type", type });
  }
  return new FileSource(fd, st.size);
}

/** What a file that is neither a zip nor an OLE file looks like. */
function sniffOther(head: Buffer): UnreadableFacts {
  if (head.length === 0) return { kind: "content", type: "empty" };
  if (head.toString("latin1", 0, 5) === "%PDF-") return { kind: "content", type: "pdf" };
  if (head.indexOf(0) < 0) return { kind: "content", type: "text" };
  return { kind: "content", type: "other" };
}

async function readZip(zip: ZipArchive, limits: PartLimits, budget: Budget): Promise<SheetGrid[]> {
  const mimetype = zip.get("mimetype");
  if (mimetype) {
    const type = (await zip.readBuffer(mimetype, 4096)).toString("latin1").trim();
    if (type.startsWith("application/vnd.oasis.opendocument.spreadsheet")) return readOds(zip, limits, budget);
    if (type.startsWith("application/vnd.oasis.opendocument.text"))
      fail("not_a_workbook", null, `an OpenDocument text (${type})`, { kind: "content", type: "word" });
    if (type.startsWith("application/vnd.oasis.opendocument.presentation"))
      fail("not_a_workbook", null, `an OpenDocument presentation (${type})`, { kind: "content", type: "powerpoint" });
  }
  const rels = await readRelations(zip, "", limits);
  let workbookPart: string | null = null;
  if (rels) {
    for (const r of rels.values()) {
      if (!r.external && r.type.endsWith("/officeDocument")) {
        workbookPart = r.target;
        break;
      }
    }
  } else if (zip.has("xl/workbook.xml")) workbookPart = "xl/workbook.xml";
  else if (zip.has("xl/workbook.bin")) workbookPart = "xl/workbook.bin";
  else if (zip.has("content.xml")) return readOds(zip, limits, budget);
  if (workbookPart === null)
    fail("not_a_workbook", null, "a zip archive without a workbook", { kind: "content", type: "zip" });
  if (/\.bin$/i.test(workbookPart)) fail("xlsb", workbookPart, "binary workbook (.xlsb)");
  if (/^word\//i.test(workbookPart))
    fail("not_a_workbook", workbookPart, "a Word document", { kind: "content", type: "word" });
  if (/^ppt\//i.test(workbookPart))
    fail("not_a_workbook", workbookPart, "a PowerPoint presentation", { kind: "content", type: "powerpoint" });
  return readXlsx(zip, workbookPart, limits, budget);
}

function refuseOle(src: FileSource): never {
  const names = oleStreamNames(src);
  if (!names)
    fail("xls", null, "OLE compound file whose directory cannot be read (an .xls or a password-protected workbook)", {
      kind: "ole_unknown",
    });
  const has = (n: string): boolean => names.some((x) => x.toLowerCase() === n.toLowerCase());
  if (has("EncryptedPackage"))
    fail("encrypted", "EncryptedPackage", "password-protected workbook (encrypted OOXML package)");
  if (has("Workbook")) fail("xls", "Workbook", "Excel 97-2003 workbook (.xls, BIFF8)");
  if (has("Book")) fail("xls", "Book", "Excel 5.0/95 workbook (.xls, BIFF5)");
  if (has("WordDocument")) fail("not_a_workbook", null, "a Word 97-2003 document", { kind: "content", type: "word" });
  if (has("PowerPoint Document"))
    fail("not_a_workbook", null, "a PowerPoint 97-2003 presentation", { kind: "content", type: "powerpoint" });
  return fail("not_a_workbook", null, "an OLE compound file without a workbook", { kind: "content", type: "ole" });
}

/**
 * Reads a workbook into grids, one per sheet in tab order (hidden sheets
 * included; a chartsheet is an empty grid). Throws UnreadableFileError with
 * the reason, the part at fault and the details when it cannot.
 */
export async function readWorkbook(file: string, options: ReadOptions = {}): Promise<SheetGrid[]> {
  const maxPartBytes = options.maxPartBytes ?? DEFAULT_MAX_PART_BYTES;
  const scale = Math.max(1, maxPartBytes / DEFAULT_MAX_PART_BYTES);
  const budget: Budget = {
    cells: 0,
    maxCells: options.maxCells ?? Math.round(DEFAULT_MAX_CELLS * scale),
    chars: 0,
    maxChars: options.maxChars ?? Math.round(DEFAULT_MAX_CHARS * scale),
    pool: new Map(),
  };
  const limits: PartLimits = { maxPartBytes, total: { used: 0, max: 4 * maxPartBytes } };
  let src: FileSource | null = null;
  try {
    src = openRegularFile(file);
    const head = src.read(0, 4096);
    if (head.length >= 4 && head.readUInt32LE(0) === 0x04034b50)
      return await readZip(ZipArchive.open(src), limits, budget);
    if (head.length >= 4 && head.readUInt32LE(0) === 0x06054b50)
      fail("not_a_workbook", null, "an empty zip archive", { kind: "content", type: "zip" });
    if (head.length >= 8 && head.readUInt32BE(0) === 0xd0cf11e0 && head.readUInt32BE(4) === 0xa1b11ae1) refuseOle(src);
    const facts = sniffOther(head);
    return fail(
      "not_a_workbook",
      null,
      facts.kind === "content" ? `not a workbook (${facts.type})` : "not a workbook",
      facts,
    );
  } catch (e) {
    if (e instanceof ReadFailure) throw new UnreadableFileError(file, e.reason, e.part, e.detail, e.facts);
    // Anything else a file's content could cause is damage too: never a crash that loses the other files.
    const err = new UnreadableFileError(file, "corrupt", null, (e as Error)?.message ?? String(e));
    (err as { cause?: unknown }).cause = e;
    throw err;
  } finally {
    if (src) fs.closeSync(src.fd);
  }
}
