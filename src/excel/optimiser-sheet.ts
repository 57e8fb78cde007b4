/// <reference types="office-js" />
import type { SheetResult } from "../domain/check";
import { subCents } from "../domain/money";
import type { Optimisation, OptimisedLine } from "../domain/optimiser";
import type { Lang } from "../report/format";
import { colon, quote } from "../report/labels";
import { optimisationText } from "../report/optimiser";
import { word } from "../report/words/lookup";
import { UPPER_LIMIT } from "../report/words/optimiser";
import { OPTIMISER_SHEET } from "../report/words/optimiser-sheet";
import { OPTIMISER_SHEET_NAME, isOptimiserSheetName } from "./host";
import {
  eurosCell,
  layoutBuilder,
  numberCell,
  textCell,
  writeNewSheet,
  type LayoutBuilder,
  type SheetCell,
} from "./synthesis-sheet";

/** Base name of the what-if sheets: "Simulation FSE", "Simulation FSE (2)", … (in every language). */

function statusOf(l: OptimisedLine, lang: Lang): string {
  if (l.cannotStayProject) return word(OPTIMISER_SHEET.cannot, lang);
  if (l.classification === "lettre_de_commande") return word(OPTIMISER_SHEET.letter, lang);
  if (l.classification === null) return word(OPTIMISER_SHEET.unclassified, lang);
  return word(OPTIMISER_SHEET.project, lang);
}

/**
 * The what-if report's own sentences, as src/report/optimiser words them:
 * the title line, the status lines of a result without proposal (no
 * envelope, floors that do not fit), and the "why" lines with the order
 * letters that could become projects.
 */
export function optimisationSentences(
  opt: Optimisation,
  sheetName: string,
  lang: Lang,
): { title: string; status: string[]; why: string[] } {
  const lines = optimisationText(opt, sheetName, lang).split("\n");
  const [first = "", ...rest] = lines;
  const title = first.replace(/^==\s*/, "").replace(/\s*==$/, "");
  const head: string[] = [];
  for (const t of rest) {
    if (t === "") break;
    head.push(t);
  }
  // The figures are written as numbers; only the sentences without figures of their own stay.
  const figures = [word(OPTIMISER_SHEET.envelope, lang), word(OPTIMISER_SHEET.programmed, lang)].map(
    (k) => k + colon(lang),
  );
  const status = opt.status === "ok" ? [] : head.filter((t) => !figures.some((k) => t.startsWith(k)));
  const at = lines.findIndex((t, i) => i > 0 && t === word(OPTIMISER_SHEET.why, lang));
  const why =
    at < 0
      ? []
      : lines
          .slice(at + 1)
          .map((t) => t.trim())
          .filter((t) => t !== "");
  return { title, status, why };
}

interface OptimiserLayout {
  rows: SheetCell[][];
  bold: number[];
}

/** The what-if sheet's rows (0-based) and bold rows. */
function optimiserLayout(sheet: SheetResult, opt: Optimisation, lang: Lang): OptimiserLayout {
  const b = layoutBuilder();
  const name = sheet.sheet.name;
  const words = optimisationSentences(opt, name, lang);
  b.heading(textCell(words.title));
  b.heading(textCell(word(OPTIMISER_SHEET.simulation, lang)(quote(name, lang))));
  figureRows(b, opt, words.status, lang);
  lineRows(b, opt, lang);
  if (words.why.length) {
    b.blank();
    b.heading(textCell(word(OPTIMISER_SHEET.why, lang)));
    for (const t of words.why) b.push(textCell(t));
  }
  return { rows: b.rows, bold: b.bold };
}

/** The envelope, the FSE programmed, fixed, proposed and left unused, then the status sentences. */
function figureRows({ push, heading, blank }: LayoutBuilder, opt: Optimisation, status: string[], lang: Lang): void {
  blank();
  heading(textCell(word(OPTIMISER_SHEET.figures, lang)));
  if (opt.envelope !== null)
    push(
      textCell(word(OPTIMISER_SHEET.envelope, lang)),
      eurosCell(opt.envelope),
      textCell(
        opt.envelopeSource === "budget"
          ? word(OPTIMISER_SHEET.fromBudget, lang)
          : word(OPTIMISER_SHEET.fromArgument, lang),
      ),
    );
  push(textCell(word(OPTIMISER_SHEET.programmed, lang)), eurosCell(opt.programmed));
  if (opt.fixed) push(textCell(word(OPTIMISER_SHEET.fixed, lang)), eurosCell(opt.fixed));
  if (opt.status === "ok") {
    push(
      textCell(word(OPTIMISER_SHEET.proposed, lang)),
      eurosCell(opt.proposed),
      textCell(`${word(OPTIMISER_SHEET.change, lang)}${colon(lang)}`),
      opt.proposed === null ? null : eurosCell(subCents(opt.proposed, opt.programmed), "signedEuros"),
    );
    push(textCell(word(OPTIMISER_SHEET.unused, lang)), eurosCell(opt.unused));
  }
  for (const t of status) push(textCell(t));
}

/** One row per line (today's FSE, the proposal, its range and what limits it, the autofinancement), then the total. */
function lineRows({ push, heading, blank }: LayoutBuilder, opt: Optimisation, lang: Lang): void {
  blank();
  heading(textCell(word(OPTIMISER_SHEET.lines, lang)));
  heading(
    ...(
      [
        "colRow",
        "colAction",
        "colOperation",
        "colOperator",
        "colFse",
        "colProposed",
        "colChange",
        "colMin",
        "colMax",
        "colLimit",
        "colAutoBefore",
        "colAutoAfter",
        "colStatus",
      ] as const
    ).map((k) => textCell(word(OPTIMISER_SHEET[k], lang))),
  );
  for (const l of opt.lines) {
    push(
      numberCell(l.row),
      textCell(l.action),
      textCell(l.operation),
      textCell(l.operator),
      eurosCell(l.fse),
      eurosCell(l.proposedFse),
      l.proposedFse === null ? null : eurosCell(subCents(l.proposedFse, l.fse), "signedEuros"),
      eurosCell(l.lo),
      eurosCell(l.hi),
      textCell(l.limitedBy === null ? "" : word(UPPER_LIMIT[l.limitedBy], lang)),
      eurosCell(l.autofinancementBefore),
      eurosCell(l.autofinancementAfter),
      textCell(statusOf(l, lang)),
    );
  }
  heading(
    textCell(word(OPTIMISER_SHEET.total, lang)),
    null,
    null,
    null,
    eurosCell(opt.programmed),
    eurosCell(opt.proposed),
    opt.proposed === null ? null : eurosCell(subCents(opt.proposed, opt.programmed), "signedEuros"),
  );
}

export interface OptimiserSheetResult {
  /** Name of the new sheet. */
  sheetName: string;
  /** Address written (A1:…). */
  address: string;
  /** The values written, row by row (euros as numbers). */
  values: (string | number)[][];
  numberFormats: string[][];
}

/**
 * Writes a what-if of a sheet's FSE envelope (optimiseEnvelope) on a NEW
 * sheet ("Simulation FSE", or "Simulation FSE (2)"… when the name is taken;
 * an existing sheet is never written over): the title and a line saying it
 * is a simulation and the programming is unchanged; the envelope, the FSE
 * programmed, proposed and left unused; per line today's FSE, the proposed
 * FSE, the change, the [min; max] range and what limits it, the
 * autofinancement before and after; then the reasons in words. Figures are
 * Excel numbers with euro formats; text cells are formatted as text first.
 * The programming sheet is not touched. Two syncs: the sheet names, then
 * every write.
 */
export async function writeOptimiserSheet(
  context: Excel.RequestContext,
  sheet: SheetResult,
  optimisation: Optimisation,
  lang: Lang = "fr",
): Promise<OptimiserSheetResult> {
  const layout = optimiserLayout(sheet, optimisation, lang);
  return writeNewSheet(
    context,
    OPTIMISER_SHEET_NAME,
    {
      ...layout,
      widths: [
        ["A", 150],
        ["C", 220],
        ["D", 110],
        ["E:L", 90],
      ],
    },
    lang,
  );
}

export { isOptimiserSheetName };
