/**
 * Why a file cannot be read, in facts a message can be written from (see
 * src/report/unreadable.ts): the reason, the part of the file at fault and,
 * for most reasons, the figures.
 */

import type { UnreadableReason } from "../../domain/unreadable";

export type { UnreadableReason };

/** What exactly is wrong, with its figures; `detail` says the same in English for logs. */
export type UnreadableFacts =
  /** A path that is not a regular file. */
  | { kind: "file_type"; type: "directory" | "fifo" | "device" | "socket" | "other" }
  /** What the file is when it is not a workbook. */
  | { kind: "content"; type: "empty" | "text" | "zip" | "word" | "powerpoint" | "ole" | "pdf" | "other" }
  /** An OLE compound file whose streams could not be listed (an old .xls or a password-protected workbook). */
  | { kind: "ole_unknown" }
  /** The part ends before its XML is closed. */
  | { kind: "xml_truncated" }
  /** The part is not well-formed XML (`what` in English). */
  | { kind: "xml_malformed"; what: string }
  /** The part is not the kind of XML expected there (e.g. no `<worksheet>` root). */
  | { kind: "xml_unexpected"; root: string }
  /** A part the workbook refers to is not in the file. */
  | { kind: "part_missing"; from: string | null }
  /** A cell refers to a shared string that does not exist. */
  | { kind: "shared_string"; sheet: string; cell: string; index: number; count: number }
  /** A cell's reference or a row number is not a valid address. */
  | { kind: "bad_address"; sheet: string; address: string }
  /** A sheet of the workbook refers to a relation that does not exist. */
  | { kind: "sheet_relation"; sheet: string }
  /** The zip directory cannot be read (file cut short, not a complete zip). */
  | { kind: "zip_directory" }
  /** Two entries of the zip have the same name. */
  | { kind: "zip_duplicate" }
  /** The decompressed bytes do not match their CRC-32. */
  | { kind: "crc" }
  /** The deflated data cannot be inflated. */
  | { kind: "inflate" }
  /** The part inflates to another size than the zip directory declares. */
  | { kind: "size_mismatch"; declared: number; actual: number | null }
  /** A compression method other than stored or deflate. */
  | { kind: "compression"; method: number }
  /** The text is not valid in its encoding. */
  | { kind: "encoding"; encoding: string }
  /** A part above the size limit: `size` from the zip directory, or null when found while inflating. */
  | { kind: "part_size"; size: number | null; limit: number }
  /** The parts read add up to more than the total allowed (a multiple of the part limit). */
  | { kind: "total_size"; limit: number }
  /** A sheet whose grid (rows × columns up to its last cell, plus texts) is above the budget. */
  | { kind: "cells"; sheet: string; cells: number; limit: number }
  /** The file's text exceeds the budget of characters kept in memory. */
  | { kind: "text"; sheet: string | null; chars: number; limit: number };

/** Thrown inside the reader, before the file name is known to the thrower. */
export class ReadFailure extends Error {
  constructor(
    readonly reason: UnreadableReason,
    readonly part: string | null,
    readonly detail: string,
    readonly facts: UnreadableFacts | null = null,
  ) {
    super(`${reason}${part ? ` (${part})` : ""}: ${detail}`);
    this.name = "ReadFailure";
  }
}

export function fail(
  reason: UnreadableReason,
  part: string | null,
  detail: string,
  facts: UnreadableFacts | null = null,
): never {
  throw new ReadFailure(reason, part, detail, facts);
}

/** A file that cannot be read: why, which part of it, and the details. */
export class UnreadableFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: UnreadableReason,
    readonly part: string | null,
    readonly detail: string,
    readonly facts: UnreadableFacts | null = null,
  ) {
    super(`${file}: ${reason}${part ? ` (${part})` : ""}: ${detail}`);
    this.name = "UnreadableFileError";
  }
}
