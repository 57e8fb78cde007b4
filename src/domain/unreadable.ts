/**
 * Why a workbook cannot be read: the reasons the file reader (src/cli/read)
 * gives and the reports (src/report/unreadable.ts) put into words.
 */
export type UnreadableReason =
  | "missing"
  | "not_a_file"
  | "encrypted"
  | "xls"
  | "xlsb"
  | "not_a_workbook"
  | "corrupt"
  | "too_large"
  | "too_many_cells";
