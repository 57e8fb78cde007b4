/// <reference types="office-js" />
import type { SheetResult } from "../domain/check";
import type { Optimisation, OptimisedLine, UpperLimit } from "../domain/optimiser";
import type { Lang } from "../report/format";
import { colon, quote } from "../report/labels";
import { optimisationText } from "../report/optimiser";
import { OPTIMISER_SHEET_NAME, isOptimiserSheetName } from "./host";
import { eurosCell, layoutBuilder, numberCell, textCell, writeNewSheet, type SheetCell } from "./synthesis-sheet";

/** Base name of the what-if sheets: "Simulation FSE", "Simulation FSE (2)", … (in every language). */


/**
 * The sheet's words: those of the what-if report (src/report/optimiser),
 * with the column headers of a sheet. No header row pairs a cost column
 * with financer columns, so the sheet is never taken for a programming
 * table.
 */
const O = {
  simulation: {
    fr: "SIMULATION — la programmation n'est pas modifiée : aucune cellule de la feuille {sheet} n'a été changée.",
    en: "WHAT-IF — the programming is unchanged: no cell of the sheet {sheet} was changed.",
  },
  figures: { fr: "Enveloppe et totaux", en: "Envelope and totals" },
  envelope: { fr: "Enveloppe", en: "Envelope" },
  fromBudget: { fr: "ligne BUDGET de la feuille", en: "the sheet's BUDGET row" },
  fromArgument: { fr: "saisie", en: "entered" },
  programmed: { fr: "FSE programmé", en: "ESF programmed" },
  fixed: { fr: "dont FSE fixe (lettres de commande, lignes non classées)", en: "of which fixed ESF (order letters, unclassified lines)" },
  proposed: { fr: "FSE proposé", en: "ESF proposed" },
  change: { fr: "Écart", en: "Change" },
  unused: { fr: "Enveloppe non utilisée", en: "Unused envelope" },
  lines: { fr: "Lignes", en: "Lines" },
  colRow: { fr: "Ligne", en: "Row" },
  colAction: { fr: "Action", en: "Action" },
  colOperation: { fr: "Opération", en: "Operation" },
  colOperator: { fr: "Opérateur", en: "Operator" },
  colFse: { fr: "FSE aujourd'hui", en: "ESF today" },
  colProposed: { fr: "Proposé", en: "Proposed" },
  colChange: { fr: "Écart", en: "Change" },
  colMin: { fr: "Plage min", en: "Range min" },
  colMax: { fr: "Plage max", en: "Range max" },
  colLimit: { fr: "Limite haute", en: "Upper limit" },
  colAutoBefore: { fr: "Autofin. avant", en: "Self-fin. before" },
  colAutoAfter: { fr: "Autofin. après", en: "Self-fin. after" },
  colStatus: { fr: "Statut", en: "Status" },
  total: { fr: "Total", en: "Total" },
  letter: { fr: "lettre de commande (fixe)", en: "order letter (fixed)" },
  unclassified: { fr: "non classée (fixe)", en: "not classified (fixed)" },
  cannot: { fr: "ne peut rester projet (fixe)", en: "cannot stay a project (fixed)" },
  project: { fr: "projet", en: "project" },
  why: { fr: "Pourquoi", en: "Why" },
} as const satisfies Record<string, Record<Lang, string>>;
const o = (k: keyof typeof O, lang: Lang): string => O[k][lang];

function limitWords(limit: UpperLimit | null, lang: Lang): string {
  if (limit === null) return "";
  if (limit === "cap") return lang === "fr" ? "plafond" : "cap";
  if (limit === "cofinancing") return lang === "fr" ? "cofinancement" : "co-financing";
  return lang === "fr" ? "plafond et cofinancement" : "cap and co-financing";
}

function statusOf(l: OptimisedLine, lang: Lang): string {
  if (l.cannotStayProject) return o("cannot", lang);
  if (l.classification === "lettre_de_commande") return o("letter", lang);
  if (l.classification === null) return o("unclassified", lang);
  return o("project", lang);
}

/**
 * The what-if report's own sentences, as src/report/optimiser words them:
 * the title line, the status lines of a result without proposal (no
 * envelope, floors that do not fit), and the "why" lines with the order
 * letters that could become projects.
 */
export function optimisationSentences(opt: Optimisation, sheetName: string, lang: Lang): { title: string; status: string[]; why: string[] } {
  const lines = optimisationText(opt, sheetName, lang).split("\n");
  const title = lines[0].replace(/^==\s*/, "").replace(/\s*==$/, "");
  const head: string[] = [];
  for (let i = 1; i < lines.length && lines[i] !== ""; i++) head.push(lines[i]);
  // The figures are written as numbers; only the sentences without figures of their own stay.
  const figures = [o("envelope", lang), o("programmed", lang)].map((k) => k + colon(lang));
  const status = opt.status === "ok" ? [] : head.filter((t) => !figures.some((k) => t.startsWith(k)));
  const at = lines.findIndex((t, i) => i > 0 && t === o("why", lang));
  const why = at < 0 ? [] : lines.slice(at + 1).map((t) => t.trim()).filter((t) => t !== "");
  return { title, status, why };
}

export interface OptimiserLayout {
  rows: SheetCell[][];
  bold: number[];
}

/** The what-if sheet's rows (0-based) and bold rows. */
export function optimiserLayout(sheet: SheetResult, opt: Optimisation, lang: Lang): OptimiserLayout {
  const { rows, bold, push, heading, blank } = layoutBuilder();
  const name = sheet.sheet.name;
  const words = optimisationSentences(opt, name, lang);

  heading(textCell(words.title));
  heading(textCell(o("simulation", lang).replace("{sheet}", quote(name, lang))));

  blank();
  heading(textCell(o("figures", lang)));
  if (opt.envelope !== null) push(textCell(o("envelope", lang)), eurosCell(opt.envelope), textCell(opt.envelopeSource === "budget" ? o("fromBudget", lang) : o("fromArgument", lang)));
  push(textCell(o("programmed", lang)), eurosCell(opt.programmed));
  if (opt.fixed) push(textCell(o("fixed", lang)), eurosCell(opt.fixed));
  if (opt.status === "ok") {
    push(textCell(o("proposed", lang)), eurosCell(opt.proposed), textCell(`${o("change", lang)}${colon(lang)}`), eurosCell(opt.proposed! - opt.programmed, "signedEuros"));
    push(textCell(o("unused", lang)), eurosCell(opt.unused));
  }
  for (const t of words.status) push(textCell(t));

  blank();
  heading(textCell(o("lines", lang)));
  heading(
    ...(["colRow", "colAction", "colOperation", "colOperator", "colFse", "colProposed", "colChange", "colMin", "colMax", "colLimit", "colAutoBefore", "colAutoAfter", "colStatus"] as const).map((k) =>
      textCell(o(k, lang)),
    ),
  );
  for (const l of opt.lines) {
    push(
      numberCell(l.row),
      textCell(l.action),
      textCell(l.operation),
      textCell(l.operator),
      eurosCell(l.fse),
      eurosCell(l.proposedFse),
      l.proposedFse === null ? null : eurosCell(l.proposedFse - l.fse, "signedEuros"),
      eurosCell(l.lo),
      eurosCell(l.hi),
      textCell(limitWords(l.limitedBy, lang)),
      eurosCell(l.autofinancementBefore),
      eurosCell(l.autofinancementAfter),
      textCell(statusOf(l, lang)),
    );
  }
  heading(
    textCell(o("total", lang)),
    null,
    null,
    null,
    eurosCell(opt.programmed),
    eurosCell(opt.proposed),
    opt.proposed === null ? null : eurosCell(opt.proposed - opt.programmed, "signedEuros"),
  );

  if (words.why.length) {
    blank();
    heading(textCell(o("why", lang)));
    for (const t of words.why) push(textCell(t));
  }
  return { rows, bold };
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
export async function writeOptimiserSheet(context: Excel.RequestContext, sheet: SheetResult, optimisation: Optimisation, lang: Lang = "fr"): Promise<OptimiserSheetResult> {
  const layout = optimiserLayout(sheet, optimisation, lang);
  return writeNewSheet(context, OPTIMISER_SHEET_NAME, { ...layout, widths: [["A", 150], ["C", 220], ["D", 110], ["E:L", 90]] }, lang);
}

export { OPTIMISER_SHEET_NAME, isOptimiserSheetName };
