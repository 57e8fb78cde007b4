import { countFindings, forEachFinding, type SheetResult } from "../domain/check";
import type { LineRef } from "../domain/split";
import { at } from "../domain/arrays";
import { FSE_COMPLETE } from "../domain/lines";
import { FINANCER_IDS } from "../domain/financers";
import type { Finding } from "../domain/findings";
import { subCents, ZERO_CENTS } from "../domain/money";
import type { RuleSet } from "../domain/rules";
import { UNKNOWN_YEAR, type FinancerYearTable } from "../domain/totals";
import { aligned, formatEuros, formatRate, type Lang } from "./format";
import { colon, financerLabel, financerName, quote } from "./labels";
import { counted, word } from "./words/lookup";
import { COUNTED, HOST, REPORT, SEVERITY, TABLE_KIND } from "./words/report";
import { findingMessage } from "./messages";
import { safeName } from "./safe-text";

const fseWord = (lang: Lang) => financerLabel("fse", lang);

function findingLine(f: Finding, lang: Lang): string {
  const where = f.cell ?? (f.row !== null ? `${word(REPORT.rows, lang)} ${f.row}` : "—");
  return `  [${word(SEVERITY[f.severity], lang)}] ${where} ${f.code}${colon(lang)} ${findingMessage(f, lang)}`;
}

export function rulesText(r: RuleSet, lang: Lang): string {
  return `${word(REPORT.rules, lang)}${colon(lang)} ${word(REPORT.floor, lang)} ${formatEuros(r.floorCents, lang)} (${r.floorStrict ? word(REPORT.strict, lang) : word(REPORT.inclusive, lang)}), ${word(REPORT.cap, lang)} ${formatRate(r.capBasisPoints / 10000, lang)}`;
}

/**
 * Lines of text given to `emit` in pieces of about `CHUNK` characters
 * (lines joined by "\n", a piece never ends with one): a 100 000-line
 * report is never one string.
 */
class LineSink {
  static readonly CHUNK = 1 << 16;
  private lines: string[] = [];
  private size = 0;
  constructor(private readonly emit: (piece: string) => void) {}
  push(line: string): void {
    this.lines.push(line);
    this.size += line.length + 1;
    if (this.size >= LineSink.CHUNK) this.flush();
  }
  flush(): void {
    if (this.lines.length === 0) return;
    const piece = this.lines.join("\n");
    this.lines = [];
    this.size = 0;
    this.emit(piece);
  }
}

/** One line of the split: its row, words and figures, read from the table's columns (no line object built). */
function splitLine(s: SheetResult, ref: LineRef, lang: Lang, withFigures: boolean): string {
  const t = at(s.tables, ref.table);
  const d = t.table.data;
  const i = ref.index;
  const k = d.sourceIndexOf(i);
  const words = [d.source.action(k), d.source.operation(k), d.source.operator(k)]
    .filter((x) => x !== "")
    .map(safeName)
    .join(" — ");
  if (!withFigures) return `    L${d.rowOf(i)}  ${words}`;
  const tc = d.totalCostOf(i) ?? ZERO_CENTS;
  const fse = (d.flagsOf(i) & FSE_COMPLETE) !== 0 ? d.fseOf(i) : ZERO_CENTS;
  return `    L${d.rowOf(i)}  ${words}  ${formatEuros(tc, lang)}, ${fseWord(lang)} ${formatEuros(fse, lang)} (${formatRate(t.checks.fseRateOf(i), lang)})`;
}

/** The French (or English) report of one checked sheet. */
export function sheetText(s: SheetResult, lang: Lang): string {
  const pieces: string[] = [];
  sheetTextTo(s, lang, (p) => pieces.push(p));
  return pieces.join("\n");
}

/** The report of one checked sheet, given to `emit` piece by piece (lines joined by "\n"). */
export function sheetTextTo(s: SheetResult, lang: Lang, emit: (piece: string) => void): void {
  const out = new LineSink(emit);
  const year = s.sheet.year === null ? word(REPORT.unknownYear, lang) : `${word(REPORT.year, lang)} ${s.sheet.year}`;
  out.push(`== ${word(REPORT.sheet, lang)} ${quote(safeName(s.sheet.name), lang)} — ${year} ==`);
  for (const t of s.tables) {
    const c = t.checks;
    const d = t.table.data;
    let p = 0;
    let lc = 0;
    for (let i = 0; i < c.count; i++) {
      if (c.classification[i] === 0) p++;
      else if (c.classification[i] === 1) lc++;
    }
    const u = c.count - p - lc;
    const span = c.count ? `${word(REPORT.rows, lang)} ${d.rowOf(0)}–${d.rowOf(c.count - 1)}` : "—";
    out.push(
      `${word(REPORT.table, lang)} ${t.table.index + 1} (${word(TABLE_KIND[t.table.kind], lang)}), ${span}${colon(lang)} ${counted(COUNTED.operation, c.count, lang)}, ` +
        `${counted(COUNTED.project, p, lang)}, ${counted(COUNTED.letter, lc, lang)}${u ? `, ${counted(COUNTED.undetermined, u, lang)}` : ""}`,
    );
  }
  const counts = countFindings(s);
  out.push("");
  out.push(
    `${word(REPORT.findings, lang)}${colon(lang)} ${counted(COUNTED.error, counts.error, lang)}, ${counted(COUNTED.warning, counts.warning, lang)}, ${counted(COUNTED.info, counts.info, lang)}`,
  );
  if (counts.error + counts.warning + counts.info === 0) out.push(`  ${word(REPORT.noFinding, lang)}`);
  forEachFinding(s, (f) => out.push(findingLine(f, lang)));

  out.push("");
  out.push(`${word(REPORT.split, lang)}`);
  out.push(`  ${word(REPORT.projectsTitle, lang)} (${s.split.projects.length})`);
  for (const ref of s.split.projects) out.push(splitLine(s, ref, lang, true));
  for (const g of s.split.hosts) {
    const hostLine = g.hostLine ? `${word(REPORT.hostLine, lang)} L${g.hostLine.row}` : word(REPORT.noHostLine, lang);
    out.push(
      `  ${word(REPORT.lettersUnder, lang)} ${quote(word(HOST[g.host], lang), lang)} (${hostLine}) — ${word(REPORT.hostTotal, lang)}${colon(lang)} ${formatEuros(g.totalCost, lang)}, ${fseWord(lang)} ${formatEuros(g.fse, lang)}`,
    );
    for (const ref of g.letters) {
      const src =
        at(s.tables, ref.table).checks.hostSourceOf(ref.index) === "column"
          ? word(REPORT.fromColumn, lang)
          : word(REPORT.suggested, lang);
      out.push(`${splitLine(s, ref, lang, true)} [${src}]`);
    }
  }
  if (s.split.undetermined.length) {
    out.push(`  ${word(REPORT.undetermined, lang)} (${s.split.undetermined.length})`);
    for (const ref of s.split.undetermined) out.push(splitLine(s, ref, lang, false));
  }
  out.push("");
  out.push(`${word(REPORT.financersTitle, lang)}`);
  const rows: string[][] = [
    [word(REPORT.financer, lang), word(REPORT.programmed, lang), word(REPORT.budget, lang), word(REPORT.under, lang)],
  ];
  for (const id of FINANCER_IDS) {
    const v = s.totals.byFinancer[id];
    if (v === undefined) continue;
    const b = s.budget[id];
    const u = s.underProgramming[id];
    rows.push([
      financerName(id, s.financerHeaders, lang),
      formatEuros(v, lang),
      b === undefined ? "—" : formatEuros(b, lang),
      u === undefined ? "—" : formatEuros(u, lang),
    ]);
  }
  rows.push([word(REPORT.totalCost, lang), formatEuros(s.totals.totalCost, lang), "", ""]);
  rows.push([word(REPORT.fseShare, lang), formatRate(s.totals.fseRate, lang), "", ""]);
  const requested = s.totals.fseRequested;
  if (requested !== undefined) {
    // Shown and compared with the FSE programmed, never added to it.
    rows.push([
      word(REPORT.fseRequested, lang),
      formatEuros(requested, lang),
      "",
      `${word(REPORT.gap, lang)} ${formatEuros(subCents(s.totals.fse, requested), lang)}`,
    ]);
  }
  for (const line of aligned(rows, (i) => i > 0)) out.push(line);
  out.flush();
}

/** The financer × year table over every checked sheet. */
export function crossText(c: FinancerYearTable, lang: Lang): string {
  const yearLabel = (y: string) => (y === UNKNOWN_YEAR ? "?" : y);
  const rows: string[][] = [[word(REPORT.financer, lang), ...c.years.map(yearLabel), word(REPORT.total, lang)]];
  for (const id of c.financers) {
    rows.push([
      financerName(id, c.headers, lang),
      ...c.years.map((y) => formatEuros(c.byFinancerAndYear[id]?.[y] ?? ZERO_CENTS, lang)),
      formatEuros(c.totalByFinancer[id] ?? ZERO_CENTS, lang),
    ]);
  }
  rows.push([
    word(REPORT.totalCost, lang),
    ...c.years.map((y) => formatEuros(c.totalCostByYear[y] ?? ZERO_CENTS, lang)),
    formatEuros(c.totalCost, lang),
  ]);
  rows.push([
    word(REPORT.fseShare, lang),
    ...c.years.map((y) => formatRate(c.fseShareByYear[y] ?? null, lang)),
    formatRate(c.fseShare, lang),
  ]);
  return [`== ${word(REPORT.crossTitle, lang)} ==`, ...aligned(rows, (i) => i > 0)].join("\n");
}
