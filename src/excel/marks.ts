/// <reference types="office-js" />
import { allFindings, type SheetResult } from "../domain/check";
import type { Finding, Severity } from "../domain/findings";
import type { Lang } from "../report/format";
import { colon } from "../report/labels";
import { word } from "../report/words/lookup";
import { SEVERITY } from "../report/words/report";
import { MARKS } from "../report/words/sheets";
import { findingMessage } from "../report/messages";
import { excelApiSupported } from "./host";

/**
 * Marks on the cells with findings: a fill colour by severity and a note
 * saying the finding in words, so a finding is never told by colour alone.
 *
 * Where the originals are kept: in the workbook's custom settings
 * (Excel.SettingCollection), one JSON value under MARKS_KEY. For each cell
 * touched it holds the sheet, the address, the original fill (empty or not,
 * colour, pattern, pattern colour, tint and shade) and the original note
 * text. Settings are saved with the workbook, invisible to formulas and to
 * "read every sheet", and cannot be edited by mistake the way a hidden sheet
 * could be unhidden and changed. clearMarks restores exactly those fills and
 * notes and removes the record; cells are never given a value.
 *
 * Notes need ExcelApi 1.18 (not in Excel 2021 or 2024 LTSC). Marks written
 * with notes (on Microsoft 365) and cleared on an Excel without them: the
 * fills are restored, the notes stay on their cells, and those cells stay in
 * the record (their fill marked as restored), so that clearing the marks
 * again on an Excel with notes puts the original notes back. The result
 * names the cells whose note was left.
 */
export const MARKS_KEY = "plie.marks";

export const MARK_FILLS: Readonly<Record<Severity, string>> = Object.freeze({
  error: "#FDE7E9",
  warning: "#FFF4CE",
  info: "#DEECF9",
});

/** Between the user's own note and the findings, when the cell already had a note. */
const NOTE_SEPARATOR = "\n\n";

interface SavedFill {
  /** No fill at all (pattern "None"): restored with fill.clear(). */
  empty: boolean;
  color: string | null;
  pattern: string | null;
  patternColor: string | null;
  tintAndShade: number | null;
  patternTintAndShade: number | null;
}

interface SavedCell {
  sheet: string;
  /** A1 address in the sheet. */
  cell: string;
  fill: SavedFill;
  /** The cell's note before marking, or null when it had none. */
  note: string | null;
  /** Whether a note was added or changed on the cell. */
  noted: boolean;
  /** The fill is already back (cleared on an Excel without notes); only the note is left to restore. */
  fillRestored?: boolean;
}

interface MarksRecord {
  version: 1;
  cells: SavedCell[];
}

export interface MarkOptions {
  lang?: Lang;
  /** Write notes (ExcelApi 1.18); default: when the host supports them. */
  notes?: boolean;
}

export interface MarksSummary {
  /** Cells marked, by their most severe finding. */
  cells: number;
  bySeverity: Record<Severity, number>;
  /** Notes written (added or completed). */
  notes: number;
  /** Cells marked by a previous run and restored because they no longer have a finding. */
  restored: number;
  /** Of those, the cells (`Sheet!A1`) whose note could not be put back: this Excel has no notes (ExcelApi 1.18). */
  notesLeft: string[];
}

/** What clearMarks did. */
export interface ClearSummary {
  /** Cells put back as they were (fill and note). */
  restored: number;
  /**
   * Cells (`Sheet!A1`) whose fill is back but whose note from the marks is
   * still there: this Excel has no notes (ExcelApi 1.18). They stay in the
   * record, for a clear on an Excel with notes.
   */
  notesLeft: string[];
}

export interface ClearOptions {
  /** Restore notes (ExcelApi 1.18); default: when the host supports them. */
  notes?: boolean;
}

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };
const FILL_PROPS = "color,pattern,patternColor,tintAndShade,patternTintAndShade";

interface Target {
  sheet: string;
  cell: string;
  severity: Severity;
  findings: Finding[];
}

/** Cells with findings, one entry per cell, with its most severe finding's severity. */
export function markTargets(results: readonly SheetResult[]): Target[] {
  const out = new Map<string, Target>();
  for (const s of results) {
    const sheet = s.sheet.name;
    for (const f of allFindings(s)) {
      if (!f.cell) continue;
      const key = `${sheet}!${f.cell}`;
      const t = out.get(key);
      if (!t) out.set(key, { sheet, cell: f.cell, severity: f.severity, findings: [f] });
      else {
        t.findings.push(f);
        if (RANK[f.severity] > RANK[t.severity]) t.severity = f.severity;
      }
    }
  }
  return Array.from(out.values());
}

/** The note text of a cell's findings, in words. */
function noteText(findings: readonly Finding[], lang: Lang = "fr"): string {
  const lines = findings.map((f) => {
    const sev = word(SEVERITY[f.severity], lang);
    return `• ${sev.charAt(0).toUpperCase()}${sev.slice(1)} (${f.code})${colon(lang)} ${findingMessage(f, lang)}`;
  });
  return `${word(MARKS.noteTitle, lang)}\n${lines.join("\n")}`;
}

function savedFillOf(fill: Excel.RangeFill): SavedFill {
  const str = (v: unknown): string | null => (typeof v === "string" ? v : null);
  const num = (v: unknown): number | null => (typeof v === "number" ? v : null);
  const pattern = str(fill.pattern);
  const color = str(fill.color);
  return {
    empty: pattern !== null ? pattern === "None" : color === null || color.toUpperCase() === "#FFFFFF",
    color,
    pattern,
    patternColor: str(fill.patternColor),
    tintAndShade: num(fill.tintAndShade),
    patternTintAndShade: num(fill.patternTintAndShade),
  };
}

function parseRecord(value: unknown): MarksRecord | null {
  try {
    const r = (typeof value === "string" ? JSON.parse(value) : value) as MarksRecord;
    return r && Array.isArray(r.cells) ? r : null;
  } catch {
    return null;
  }
}

/** Queues the writes that put a saved fill back. */
function restoreFill(fill: Excel.RangeFill, saved: SavedFill): void {
  if (saved.empty) {
    fill.clear();
    return;
  }
  if (saved.color !== null) fill.color = saved.color;
  const patterned = saved.pattern !== null && saved.pattern !== "Solid" && saved.pattern !== "None";
  if (patterned) fill.pattern = saved.pattern as Excel.FillPattern;
  if (patterned && saved.patternColor !== null) fill.patternColor = saved.patternColor;
  if (saved.tintAndShade !== null) fill.tintAndShade = saved.tintAndShade;
  if (patterned && saved.patternTintAndShade !== null) fill.patternTintAndShade = saved.patternTintAndShade;
}

/**
 * Queues the writes that put a saved cell back; `noteExists` says whether the
 * cell has a note now. Without the notes API (`withNotes` false) the note
 * cannot be touched: the result is then the cell left to restore (its fill
 * restored), else null.
 */
function restoreCell(
  context: Excel.RequestContext,
  c: SavedCell,
  noteExists: boolean,
  withNotes: boolean,
): SavedCell | null {
  const ws = context.workbook.worksheets.getItem(c.sheet);
  // `format.fill` is a navigation property (a proxy, only written here): nothing to load.
  // eslint-disable-next-line office-addins/load-object-before-read
  if (!c.fillRestored) restoreFill(ws.getRange(c.cell).format.fill, c.fill);
  if (!c.noted) return null;
  if (!withNotes) return { ...c, fillRestored: true };
  if (c.note === null) {
    if (noteExists) ws.notes.getItem(c.cell).delete();
  } else if (noteExists) ws.notes.getItem(c.cell).content = c.note;
  else ws.notes.add(c.cell, c.note);
  return null;
}

const cellName = (c: SavedCell): string => `${c.sheet}!${c.cell}`;

/**
 * Highlights every cell with a finding and puts the findings on it as a
 * note. The original fills and notes are saved first (see MARKS_KEY); cells
 * marked by a previous run keep their first saved originals, and those that
 * no longer have a finding are restored. Two syncs whatever the number of
 * findings: one reads the stored record, the fills and the notes, one writes.
 */
export async function applyMarks(
  context: Excel.RequestContext,
  results: readonly SheetResult[],
  options: MarkOptions = {},
): Promise<MarksSummary> {
  const lang = options.lang ?? "fr";
  const withNotes = options.notes ?? excelApiSupported("1.18");
  const targets = markTargets(results);

  // Round trip 1: the previous record, and each target cell's fill and note.
  const stored = context.workbook.settings.getItemOrNullObject(MARKS_KEY);
  stored.load("value");
  const sheetOf = worksheetCache(context);
  const reads = targets.map((t) => readTarget(sheetOf(t.sheet), t, withNotes));
  await context.sync();

  // Round trip 2: restore what no longer has a finding, mark, save the originals.
  const previous = previousCells(stored);
  const summary: MarksSummary = {
    cells: targets.length,
    bySeverity: { error: 0, warning: 0, info: 0 },
    notes: 0,
    restored: 0,
    notesLeft: [],
  };
  const record: MarksRecord = { version: 1, cells: [] };
  const marked = new Set<string>();
  const writing: MarkWriting = { lang, withNotes, sheetOf };
  for (const read of reads) {
    const key = `${read.t.sheet}!${read.t.cell}`;
    marked.add(key);
    record.cells.push(markCell(read, previous.get(key), writing));
    summary.bySeverity[read.t.severity]++;
    if (withNotes) summary.notes++;
  }
  restoreUnmarked(context, previous, marked, withNotes, record, summary);
  if (record.cells.length) context.workbook.settings.add(MARKS_KEY, JSON.stringify(record));
  else if (!stored.isNullObject) stored.delete();
  await context.sync();
  return summary;
}

/** Each sheet's proxy, got once by name. */
function worksheetCache(context: Excel.RequestContext): (name: string) => Excel.Worksheet {
  const sheets = new Map<string, Excel.Worksheet>();
  return (name) => {
    let ws = sheets.get(name);
    if (!ws) sheets.set(name, (ws = context.workbook.worksheets.getItem(name)));
    return ws;
  };
}

/** A target cell with its fill and (with notes) its note, loaded at the next sync. */
interface TargetRead {
  t: Target;
  fill: Excel.RangeFill;
  note: Excel.Note | null;
}

/** Queues the loads of a target cell's fill and, with notes, its note. */
function readTarget(ws: Excel.Worksheet, t: Target, withNotes: boolean): TargetRead {
  const fill = ws.getRange(t.cell).format.fill;
  fill.load(FILL_PROPS);
  let note: Excel.Note | null = null;
  if (withNotes) {
    note = ws.notes.getItemOrNullObject(t.cell);
    note.load("content");
  }
  return { t, fill, note };
}

/** The cells of the stored record (none when there is none or it does not read), by `Sheet!A1`. */
function previousCells(stored: Excel.Setting): Map<string, SavedCell> {
  const previous = new Map<string, SavedCell>();
  for (const c of (stored.isNullObject ? null : parseRecord(stored.value))?.cells ?? [])
    previous.set(`${c.sheet}!${c.cell}`, c);
  return previous;
}

/** What marking a cell needs beside the cell. */
interface MarkWriting {
  lang: Lang;
  withNotes: boolean;
  sheetOf: (name: string) => Excel.Worksheet;
}

/**
 * Queues the writes that mark a cell (fill, and the findings added to its
 * note) and returns its saved originals: those of a previous run when it was
 * marked before, else the ones read now.
 */
function markCell({ t, fill, note }: TargetRead, prev: SavedCell | undefined, w: MarkWriting): SavedCell {
  const hasNote = note !== null && !note.isNullObject;
  const saved: SavedCell = !prev
    ? { sheet: t.sheet, cell: t.cell, fill: savedFillOf(fill), note: hasNote ? note.content : null, noted: false }
    : prev.fillRestored
      ? // Its fill was put back by a clear without notes: the fill now is the original.
        { sheet: prev.sheet, cell: prev.cell, fill: savedFillOf(fill), note: prev.note, noted: prev.noted }
      : { ...prev };
  fill.color = MARK_FILLS[t.severity];
  if (fill.pattern !== "Solid" && fill.pattern !== "None" && typeof fill.pattern === "string") fill.pattern = "Solid";
  if (typeof fill.tintAndShade === "number" && fill.tintAndShade !== 0) fill.tintAndShade = 0;
  if (w.withNotes) {
    const text = noteText(t.findings, w.lang);
    const content = saved.note === null ? text : saved.note + NOTE_SEPARATOR + text;
    if (hasNote) note.content = content;
    else w.sheetOf(t.sheet).notes.add(t.cell, content);
    saved.noted = true;
  }
  return saved;
}

/** Queues the restore of the cells marked before and clean now; counts them, and keeps those whose note is left. */
function restoreUnmarked(
  context: Excel.RequestContext,
  previous: ReadonlyMap<string, SavedCell>,
  marked: ReadonlySet<string>,
  withNotes: boolean,
  record: MarksRecord,
  summary: MarksSummary,
): void {
  for (const [key, c] of previous) {
    if (marked.has(key)) continue;
    // A cell marked before and clean now: its note is the one written then.
    const left = restoreCell(context, c, c.noted, withNotes);
    summary.restored++;
    if (left) {
      record.cells.push(left);
      summary.notesLeft.push(cellName(c));
    }
  }
}

/**
 * Removes the marks: puts back the saved fills and notes and deletes the
 * record. Two syncs (read the record, write); when the write fails because a
 * note was removed by hand in between, the notes are read again and the
 * restore replayed (two more syncs, only then). On an Excel without notes
 * (ExcelApi 1.18) the fills are put back, the notes of the marks stay, and
 * their cells stay in the record (see MARKS_KEY); still two syncs.
 */
export async function clearMarks(context: Excel.RequestContext, options: ClearOptions = {}): Promise<ClearSummary> {
  const withNotes = options.notes ?? excelApiSupported("1.18");
  const stored = context.workbook.settings.getItemOrNullObject(MARKS_KEY);
  stored.load("value");
  await context.sync();
  if (stored.isNullObject) return { restored: 0, notesLeft: [] };
  const record = parseRecord(stored.value);
  const cells = record?.cells ?? [];
  const left: SavedCell[] = [];
  for (const c of cells) {
    const l = restoreCell(context, c, c.noted, withNotes);
    if (l) left.push(l);
  }
  if (left.length)
    context.workbook.settings.add(MARKS_KEY, JSON.stringify({ version: 1, cells: left } satisfies MarksRecord));
  else stored.delete();
  const summary: ClearSummary = { restored: cells.length - left.length, notesLeft: left.map(cellName) };
  try {
    await context.sync();
  } catch (e) {
    // Without notes there is nothing to read again: the failure is not a note removed by hand.
    if (!withNotes) throw e;
    // Read which notes are really there, then replay (fills are idempotent).
    const notes = cells.map((c) => {
      if (!c.noted) return null;
      const n = context.workbook.worksheets.getItem(c.sheet).notes.getItemOrNullObject(c.cell);
      n.load("content");
      return n;
    });
    const again = context.workbook.settings.getItemOrNullObject(MARKS_KEY);
    again.load("value");
    await context.sync();
    cells.forEach((c, i) => {
      const n = notes[i];
      restoreCell(context, c, n !== null && n !== undefined && !n.isNullObject, true);
    });
    if (!again.isNullObject) again.delete();
    await context.sync();
  }
  return summary;
}
