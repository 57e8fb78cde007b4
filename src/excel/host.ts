import { OPTIMISER_SHEET_NAME, SYNTHESIS_SHEET_NAME, isNumberedSheetName } from "../domain/addin-sheets";

/**
 * Small facts about the Excel host shared by the adapter modules.
 */

/** What the requirement checks read of `Office`. */
export interface OfficeRequirements {
  context?: { requirements?: { isSetSupported?(name: string, version?: string): boolean } };
}

/**
 * Whether the host supports a requirement set (`ExcelApi`, `SharedRuntime`…).
 * Outside Office (unit tests over the project's Office.js mock, where `Office` is not
 * defined) every set is taken as supported: the mock is seeded with what the
 * code calls. `office` defaults to the global `Office`.
 */
export function requirementSetSupported(
  name: string,
  version: string,
  office: OfficeRequirements | undefined = globalOffice(),
): boolean {
  const req = office?.context?.requirements;
  return typeof req?.isSetSupported === "function" ? req.isSetSupported(name, version) : true;
}

/** Whether the host supports an ExcelApi requirement set (see requirementSetSupported). */
export function excelApiSupported(version: string, office?: OfficeRequirements): boolean {
  return requirementSetSupported("ExcelApi", version, office ?? globalOffice());
}

function globalOffice(): OfficeRequirements | undefined {
  return (globalThis as { Office?: OfficeRequirements }).Office;
}

/** 0-based column index of column letters: A → 0, AA → 26. */
function columnIndexOf(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export interface CellRef {
  /** 0-based sheet row and column. */
  row: number;
  col: number;
}

/** `B3`, `$B$3` → 0-based row and column; null when it is not a cell address. */
function parseCell(a1: string): CellRef | null {
  const [, letters, digits] = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(a1.trim()) ?? [];
  return letters !== undefined && digits !== undefined
    ? { row: Number(digits) - 1, col: columnIndexOf(letters) }
    : null;
}

/** The part of an address after its sheet name: `'Prog 2019'!B3:Q40` → `B3:Q40` (no `$`). */
function localAddress(address: string): string {
  const bang = address.lastIndexOf("!");
  return (bang >= 0 ? address.slice(bang + 1) : address).replace(/\$/g, "").trim();
}

/** Top-left cell of a range address (with or without a sheet name). */
export function rangeStart(address: string): CellRef | null {
  const [start = ""] = localAddress(address).split(":");
  return parseCell(start);
}

/**
 * The areas of a multi-area address as Excel prints it (`RangeAreas.address`):
 * `Sheet1!A1:B2, Sheet1!D4` or `'Prog, 2019'!A1:B2,'Prog, 2019'!C3`
 * → [`A1:B2`, `D4`]. Commas inside a quoted sheet name are not separators.
 */
export function areasOfAddress(address: string): string[] {
  const parts: string[] = [];
  let cur = "";
  let quoted = false;
  for (const ch of address) {
    if (ch === "'") quoted = !quoted;
    if (ch === "," && !quoted) {
      parts.push(cur);
      cur = "";
    } else cur += ch;
  }
  parts.push(cur);
  const out: string[] = [];
  for (const p of parts) {
    const local = localAddress(p).toUpperCase();
    if (/^[A-Z]{1,3}\d+(:[A-Z]{1,3}\d+)?$/.test(local)) out.push(local);
  }
  return out;
}

/** Base names of the sheets this add-in writes ("Rapport COPIL", "Rapport COPIL (2)", …): one list, in src/domain. */
export {
  COPIL_AGENDA_SHEET_NAME,
  OPTIMISER_SHEET_NAME,
  REPORT_SHEET_NAME,
  SYNTHESIS_SHEET_NAME,
  isAddinSheetName,
  isNumberedSheetName,
} from "../domain/addin-sheets";

export function isSynthesisSheetName(name: string): boolean {
  return isNumberedSheetName(SYNTHESIS_SHEET_NAME, name);
}

export function isOptimiserSheetName(name: string): boolean {
  return isNumberedSheetName(OPTIMISER_SHEET_NAME, name);
}
