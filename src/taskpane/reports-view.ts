import type { Category } from "../domain/categories";
import { subCents, type Cents } from "../domain/money";
import type { OptimisedLine, Optimisation } from "../domain/optimiser";
import type { Synthesis, YearChange } from "../domain/synthesis";
import { UNKNOWN_YEAR } from "../domain/totals";
import { formatEuros, formatRate, type Lang } from "../report/format";
import { colon, financerName } from "../report/labels";
import { optimisationText } from "../report/optimiser";
import { categoryRowsText } from "../report/synthesis";
import { safeName } from "../report/safe-text";
import { word } from "../report/words/lookup";
import { OPTIMISER } from "../report/words/optimiser";
import { REPORT } from "../report/words/report";
import { CATEGORY, SYNTHESIS } from "../report/words/synthesis";
import { el } from "./dom";
import { stackTable, type Row } from "./table";

/*
 * The envelope simulation and the multi-year synthesis in the pane (loaded
 * on demand): the report's own words and figures, their tables as tables
 * that stack under 480 px instead of text aligned in columns, which a
 * 320-px pane would wrap out of line.
 */

const signed = (c: Cents, lang: Lang) => (c > 0 ? "+" : "") + formatEuros(c, lang);
const signedRate = (r: number | null, lang: Lang) => (r === null ? "—" : (r > 0 ? "+" : "") + formatRate(r, lang));
const yearLabel = (y: string) => (y === UNKNOWN_YEAR ? "?" : y);

/** A line as the simulation names it: its action and operator, else its operation. */
function lineName(l: Pick<OptimisedLine, "action" | "operation" | "operator">): string {
  return (
    [l.action, l.operator]
      .filter((x) => x !== "")
      .map((x) => safeName(x))
      .join(" ") || safeName(l.operation)
  );
}

/** The simulation's lines, one row each: FSE now and proposed, the change, the range allowed, the self-financing before → after. */
function simulationRows(o: Optimisation, lang: Lang): { head: string[]; rows: Row[] } {
  const eur = (c: Cents) => formatEuros(c, lang);
  const head = [
    OPTIMISER.colLine,
    OPTIMISER.colFse,
    OPTIMISER.colProposed,
    OPTIMISER.colChange,
    OPTIMISER.colRange,
    OPTIMISER.colAuto,
  ].map((e) => word(e, lang));
  const rows = o.lines.map((l) => {
    const status = l.cannotStayProject
      ? word(OPTIMISER.cannot, lang)
      : l.classification === "lettre_de_commande"
        ? word(OPTIMISER.letter, lang)
        : l.classification === null
          ? word(OPTIMISER.unclassified, lang)
          : "";
    const range =
      l.lo !== null && l.hi !== null
        ? `${word(OPTIMISER.range, lang)(eur(l.lo), eur(l.hi))}${status ? ` ${status}` : ""}`
        : status;
    return {
      cells: [
        `L${l.row} ${lineName(l)}`,
        eur(l.fse),
        l.proposedFse === null ? "—" : eur(l.proposedFse),
        l.proposedFse === null ? "—" : signed(subCents(l.proposedFse, l.fse), lang),
        range || "—",
        `${eur(l.autofinancementBefore)} → ${l.autofinancementAfter === null ? "—" : eur(l.autofinancementAfter)}`,
      ],
    };
  });
  return { head: [word(OPTIMISER.colRow, lang), ...head.slice(1)], rows };
}

/**
 * One sheet's simulation: the report's figures (envelope, programmed,
 * proposed, unused), its lines as a table, then why, in the report's words.
 */
export function simulationBlock(
  doc: Document,
  id: string,
  title: string,
  o: Optimisation,
  sheet: string,
  lang: Lang,
): HTMLElement {
  // The report's text is made of parts separated by a blank line: the figures, the lines, why, the letters.
  const parts = optimisationText(o, sheet, lang).trimEnd().split("\n\n");
  const titleId = `${id}-title`;
  const root = el(
    doc,
    "section",
    { id, class: "text-block", "aria-labelledby": titleId },
    el(doc, "h3", { id: titleId }, title),
    el(doc, "pre", { class: "report" }, parts[0] ?? ""),
  );
  const { head, rows } = simulationRows(o, lang);
  if (rows.length) root.append(stackTable(doc, `${id}-lines`, word(OPTIMISER.lines, lang), head, rows));
  const rest = parts.slice(2).join("\n\n");
  if (rest) root.append(el(doc, "pre", { class: "report" }, rest));
  return root;
}

function categoryRows(s: Synthesis, amounts: Record<Category, Record<string, Cents>>, lang: Lang): Row[] {
  return categoryRowsText(s, amounts, lang).map((cells) => ({ cells }));
}

const changeWords = (c: YearChange | null | undefined, lang: Lang) =>
  c ? `${signed(c.cents, lang)} (${signedRate(c.rate, lang)})` : "—";

/** The multi-year synthesis: categories × years (cost, then FSE), and the changes from year to year, as tables. */
export function synthesisBlock(doc: Document, id: string, title: string, s: Synthesis, lang: Lang): HTMLElement {
  const titleId = `${id}-title`;
  const root = el(
    doc,
    "section",
    { id, class: "text-block", "aria-labelledby": titleId },
    el(doc, "h3", { id: titleId }, title),
  );
  const years = s.years.map(yearLabel);
  const head = [word(SYNTHESIS.category, lang), ...years, word(REPORT.total, lang)];
  root.append(
    stackTable(
      doc,
      `${id}-cost`,
      word(SYNTHESIS.categoryTitle, lang),
      head,
      categoryRows(s, s.byCategoryAndYear, lang),
    ),
  );
  const fse = categoryRows(s, s.fseByCategoryAndYear, lang);
  fse.push({
    cells: [
      word(REPORT.fseShare, lang),
      ...s.years.map((y) => formatRate(s.financers.fseShareByYear[y] ?? null, lang)),
      formatRate(s.financers.fseShare, lang),
    ],
  });
  root.append(stackTable(doc, `${id}-fse`, word(SYNTHESIS.fseTitle, lang), head, fse));
  const changed = s.years.filter((y) => y !== UNKNOWN_YEAR).slice(1);
  if (changed.length) {
    const versus = changed.map((y) => {
      const first = s.financers.financers.map((f) => s.changeByFinancerAndYear[f]![y]).find((c) => c);
      return first ? `${y} ${word(SYNTHESIS.versus, lang)} ${first.previousYear}` : y;
    });
    const rows = s.financers.financers.map((f) => ({
      cells: [
        financerName(f, s.financers.headers, lang),
        ...changed.map((y) => changeWords(s.changeByFinancerAndYear[f]![y], lang)),
      ],
    }));
    root.append(
      stackTable(
        doc,
        `${id}-financers`,
        word(SYNTHESIS.changeTitle, lang),
        [word(REPORT.financer, lang), ...versus],
        rows,
      ),
    );
    const categories = s.categories.map((c) => ({
      cells: [word(CATEGORY[c], lang), ...changed.map((y) => changeWords(s.changeByCategoryAndYear[c][y], lang))],
    }));
    root.append(
      stackTable(
        doc,
        `${id}-categories`,
        word(SYNTHESIS.categoryChangeTitle, lang),
        [word(SYNTHESIS.category, lang), ...changed],
        categories,
      ),
    );
  }
  root.append(
    el(doc, "p", {}, `${word(REPORT.totalCost, lang)}${colon(lang)} ${formatEuros(s.financers.totalCost, lang)}`),
  );
  return root;
}
