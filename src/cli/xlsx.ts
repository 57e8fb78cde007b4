/**
 * Former home of the workbook reader, kept while modules and tests still
 * import it from here: the reader is src/cli/read.
 */
export { readWorkbook, UnreadableFileError, DEFAULT_MAX_PART_BYTES, type ReadOptions, type UnreadableReason } from "./read";
