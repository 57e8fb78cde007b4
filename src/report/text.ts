import { allFindings, resultAt, type LineRef, type LineResult, type SheetResult } from "../domain/check";
import { FINANCER_IDS } from "../domain/financers";
import { countBySeverity, type Finding } from "../domain/findings";
import type { RuleSet } from "../domain/rules";
import { UNKNOWN_YEAR, type FinancerYearTable } from "../domain/totals";
import { formatEuros, formatRate, type Lang } from "./format";
import { HOST_LABELS, SEVERITY_LABELS, TABLE_KIND_LABELS, colon, count, financerLabel, financerName, quote, w } from "./labels";
import { findingMessage } from "./messages";
import { safeName } from "./safe-text";

/** Pads to a width counted in characters (the thin spaces of French numbers count as one). */
const padL = (s: string, n: number) => s.padStart(n);
const padR = (s: string, n: number) => s.padEnd(n);

function table(rows: string[][], rightAligned: (col: number) => boolean): string[] {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows.map((r) => "  " + r.map((c, i) => (rightAligned(i) ? padL(c, widths[i]) : padR(c, widths[i]))).join("  ").trimEnd());
}

const fseWord = (lang: Lang) => financerLabel("fse", lang);

function lineLabel(l: LineResult): string {
  const parts = [l.line.action, l.line.operation, l.line.operator].filter((s) => s !== "").map(safeName);
  return parts.join(" — ");
}

function findingLine(f: Finding, lang: Lang): string {
  const where = f.cell ?? (f.row !== null ? `${w("rows", lang)} ${f.row}` : "—");
  return `  [${SEVERITY_LABELS[f.severity][lang]}] ${where} ${f.code}${colon(lang)} ${findingMessage(f, lang)}`;
}

export function rulesText(r: RuleSet, lang: Lang): string {
  return `${w("rules", lang)}${colon(lang)} ${w("floor", lang)} ${formatEuros(r.floorCents, lang)} (${r.floorStrict ? w("strict", lang) : w("inclusive", lang)}), ${w("cap", lang)} ${formatRate(r.capBasisPoints / 10000, lang)}`;
}

/** The French (or English) report of one checked sheet. */
export function sheetText(s: SheetResult, lang: Lang): string {
  const out: string[] = [];
  const year = s.sheet.year === null ? w("unknownYear", lang) : `${w("year", lang)} ${s.sheet.year}`;
  out.push(`== ${w("sheet", lang)} ${quote(safeName(s.sheet.name), lang)} — ${year} ==`);
  for (const t of s.tables) {
    const rows = t.lines.map((l) => l.line.row);
    const p = t.lines.filter((l) => l.classification === "projet").length;
    const lc = t.lines.filter((l) => l.classification === "lettre_de_commande").length;
    const u = t.lines.length - p - lc;
    const span = rows.length ? `${w("rows", lang)} ${rows[0]}–${rows[rows.length - 1]}` : "—";
    out.push(
      `${w("table", lang)} ${t.table.index + 1} (${TABLE_KIND_LABELS[t.table.kind][lang]}), ${span}${colon(lang)} ${count(t.lines.length, "operation", lang)}, ` +
        `${count(p, "project", lang)}, ${count(lc, "letter", lang)}${u ? `, ${count(u, "undetermined", lang)}` : ""}`,
    );
  }
  const findings = allFindings(s);
  const counts = countBySeverity(findings);
  out.push("");
  out.push(`${w("findings", lang)}${colon(lang)} ${count(counts.error, "error", lang)}, ${count(counts.warning, "warning", lang)}, ${count(counts.info, "info", lang)}`);
  if (findings.length === 0) out.push(`  ${w("noFinding", lang)}`);
  for (const f of findings) out.push(findingLine(f, lang));

  out.push("");
  out.push(`${w("split", lang)}`);
  out.push(`  ${w("projectsTitle", lang)} (${s.split.projects.length})`);
  const at = (ref: LineRef) => resultAt(s, ref);
  for (const ref of s.split.projects) {
    const l = at(ref);
    out.push(`    L${l.line.row}  ${lineLabel(l)}  ${formatEuros(l.line.totalCost ?? 0, lang)}, ${fseWord(lang)} ${formatEuros(l.fse ?? 0, lang)} (${formatRate(l.fseRate, lang)})`);
  }
  for (const g of s.split.hosts) {
    const hostLine = g.hostLine ? `${w("hostLine", lang)} L${g.hostLine.row}` : w("noHostLine", lang);
    out.push(`  ${w("lettersUnder", lang)} ${quote(HOST_LABELS[g.host][lang], lang)} (${hostLine}) — ${w("hostTotal", lang)}${colon(lang)} ${formatEuros(g.totalCost, lang)}, ${fseWord(lang)} ${formatEuros(g.fse, lang)}`);
    for (const ref of g.letters) {
      const l = at(ref);
      const src = l.hostSource === "column" ? w("fromColumn", lang) : w("suggested", lang);
      out.push(`    L${l.line.row}  ${lineLabel(l)}  ${formatEuros(l.line.totalCost ?? 0, lang)}, ${fseWord(lang)} ${formatEuros(l.fse ?? 0, lang)} (${formatRate(l.fseRate, lang)}) [${src}]`);
    }
  }
  if (s.split.undetermined.length) {
    out.push(`  ${w("undetermined", lang)} (${s.split.undetermined.length})`);
    for (const ref of s.split.undetermined) out.push(`    L${ref.row}  ${lineLabel(at(ref))}`);
  }

  out.push("");
  out.push(`${w("financersTitle", lang)}`);
  const rows: string[][] = [[w("financer", lang), w("programmed", lang), w("budget", lang), w("under", lang)]];
  for (const id of FINANCER_IDS) {
    const v = s.totals.byFinancer[id];
    if (v === undefined) continue;
    const b = s.budget[id];
    const u = s.underProgramming[id];
    rows.push([financerName(id, s.financerHeaders, lang), formatEuros(v, lang), b === undefined ? "—" : formatEuros(b, lang), u === undefined ? "—" : formatEuros(u, lang)]);
  }
  rows.push([w("totalCost", lang), formatEuros(s.totals.totalCost, lang), "", ""]);
  rows.push([w("fseShare", lang), formatRate(s.totals.fseRate, lang), "", ""]);
  const requested = s.totals.fseRequested;
  if (requested !== undefined) {
    // Shown and compared with the FSE programmed, never added to it.
    rows.push([w("fseRequested", lang), formatEuros(requested, lang), "", `${w("gap", lang)} ${formatEuros(s.totals.fse - requested, lang)}`]);
  }
  out.push(...table(rows, (i) => i > 0));
  return out.join("\n");
}

/** The financer × year table over every checked sheet. */
export function crossText(c: FinancerYearTable, lang: Lang): string {
  const yearLabel = (y: string) => (y === UNKNOWN_YEAR ? "?" : y);
  const rows: string[][] = [[w("financer", lang), ...c.years.map(yearLabel), w("total", lang)]];
  for (const id of c.financers) {
    rows.push([financerName(id, c.headers, lang), ...c.years.map((y) => formatEuros(c.byFinancerAndYear[id]![y], lang)), formatEuros(c.totalByFinancer[id]!, lang)]);
  }
  rows.push([w("totalCost", lang), ...c.years.map((y) => formatEuros(c.totalCostByYear[y], lang)), formatEuros(c.totalCost, lang)]);
  rows.push([w("fseShare", lang), ...c.years.map((y) => formatRate(c.fseShareByYear[y], lang)), formatRate(c.fseShare, lang)]);
  return [`== ${w("crossTitle", lang)} ==`, ...table(rows, (i) => i > 0)].join("\n");
}
