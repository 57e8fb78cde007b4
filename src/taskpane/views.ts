import type { Lang } from "../report/format";
import { colon } from "../report/labels";
import { barChart, type Bar } from "./chart";
import { el } from "./dom";
import { stackTable, type Row } from "./table";
import type { PaneLine, PaneModel, PaneSheet } from "./model";
import { t } from "./strings";

/*
 * Loaded on demand by the pane (its own chunk): the projects and order
 * letters, and the money (charts and tables), rendered after a check.
 */

type Select = (sheet: string, cell: string) => void;

/** A line: its row as a button that selects it, its name, its figures on a second line. */
function lineItem(doc: Document, sheet: string, l: PaneLine, onSelect: Select, lang: Lang): HTMLLIElement {
  const go = el(
    doc,
    "button",
    { type: "button", class: "cell-link", "aria-label": `${t("goToLine", lang)} L${l.row} — ${sheet}` },
    `L${l.row}`,
  );
  go.addEventListener("click", () => onSelect(sheet, `A${l.row}`));
  const figures = el(
    doc,
    "span",
    { class: "line-figures" },
    `${t("totalCost", lang)}${colon(lang)} ${l.totalCost} · FSE ${l.fse} (${l.rate})`,
  );
  return el(doc, "li", {}, go, " ", el(doc, "span", { class: "line-label" }, l.label), figures);
}

const sheetTitle = (s: PaneSheet) => `${s.name} (${s.year})`;

/** Projects, then order letters under their host with the host's total. */
export function renderSplit(doc: Document, root: HTMLElement, m: PaneModel, lang: Lang, onSelect: Select): void {
  root.replaceChildren();
  for (const s of m.sheets) {
    const part = el(doc, "section", { class: "split-sheet", "aria-label": `${t("split", lang)} — ${s.name}` });
    if (m.sheets.length > 1) part.append(el(doc, "h3", {}, sheetTitle(s)));
    part.append(el(doc, "h3", {}, `${t("projects", lang)} (${s.projects.length})`));
    const projects = part.appendChild(el(doc, "ul", { class: "lines" }));
    for (const l of s.projects) projects.append(lineItem(doc, s.name, l, onSelect, lang)); // a loop: one item per line
    for (const g of s.hosts) {
      const host = g.hostRow === null ? t("noHostLine", lang) : `${t("hostLine", lang)} L${g.hostRow}`;
      const box = part.appendChild(el(doc, "div", { class: "host" }));
      box.append(
        el(doc, "h4", {}, `${t("letters", lang)} — ${g.label} (${g.letters.length})`),
        el(
          doc,
          "p",
          { class: "caption" },
          `${host} — ${t("withLetters", lang)}${colon(lang)} ${g.total}, FSE ${g.fse}`,
        ),
      );
      const letters = box.appendChild(el(doc, "ul", { class: "lines" }));
      for (const l of g.letters) letters.append(lineItem(doc, s.name, l, onSelect, lang));
    }
    root.append(part);
  }
}

/** The FSE envelope (programmed against budget, per year), then each sheet's funding per financer: charts and their figures. */
export function renderFinancers(doc: Document, root: HTMLElement, m: PaneModel, lang: Lang): void {
  root.replaceChildren();
  if (m.envelope.length) renderEnvelope(doc, root, m.envelope, lang);
  else root.append(el(doc, "p", { class: "placeholder" }, t("noEnvelope", lang)));
  m.sheets.forEach((s, k) => renderSheetFinancers(doc, root, s, k, m.sheets.length > 1, lang));
  if (m.cross.years.length > 1) renderCross(doc, root, m.cross, lang);
}

/** The envelope's chart, one bar per sheet and year, and its figures in words for assistive technology. */
function renderEnvelope(doc: Document, root: HTMLElement, envelope: PaneModel["envelope"], lang: Lang): void {
  const listId = "envelope-figures";
  const several = new Set(envelope.map((e) => e.year)).size < envelope.length;
  const bars: Bar[] = envelope.map((e) => ({
    label: several ? `${e.year} — ${e.sheet}` : e.year,
    value: `${e.programmed} / ${e.budget}`,
    amount: e.programmedCents,
    limit: e.budgetCents,
    over: e.over,
  }));
  const figures = el(doc, "ul", { id: listId, class: "visually-hidden" });
  for (const e of envelope) {
    const words = t(e.over ? "envelopeOver" : "envelopeUnder", lang)
      .replace("{programmed}", e.programmed)
      .replace("{budget}", e.budget)
      .replace("{share}", e.share)
      .replace("{rest}", e.rest.replace(/^-/, ""));
    figures.append(el(doc, "li", {}, `${several ? `${e.year} — ${e.sheet}` : e.year}${colon(lang)} ${words}`));
  }
  root.append(
    barChart(doc, { id: "envelope-chart", caption: t("envelope", lang), bars, describedBy: listId }),
    figures,
  );
}

/** The `k`th sheet's funding per financer: its chart (when there is a financer), then its table with the totals. */
function renderSheetFinancers(
  doc: Document,
  root: HTMLElement,
  s: PaneSheet,
  k: number,
  severalSheets: boolean,
  lang: Lang,
): void {
  const tableId = `financers-table-${k}`;
  const bars: Bar[] = s.financers.map((f) => ({
    label: f.financer,
    value: f.programmed,
    amount: f.programmedCents,
    over: f.over,
  }));
  if (severalSheets) root.append(el(doc, "h3", {}, sheetTitle(s)));
  if (bars.length)
    root.append(
      barChart(doc, {
        id: `financers-chart-${k}`,
        caption: `${t("totals", lang)} — ${s.name}`,
        bars,
        describedBy: tableId,
      }),
    );
  const rows: Row[] = s.financers.map((f) => ({
    cells: [f.financer, f.programmed, f.budget, f.over ? `${f.under} (${t("overWord", lang)})` : f.under],
    over: f.over,
  }));
  rows.push(
    { cells: [t("totalCost", lang), s.totalCost, "", ""], summary: true },
    { cells: [t("fseShare", lang), s.fseShare, "", ""], summary: true },
  );
  if (s.fseRequested !== null) rows.push({ cells: [t("fseRequested", lang), s.fseRequested, "", ""], summary: true });
  root.append(
    stackTable(
      doc,
      tableId,
      `${t("totals", lang)} — ${s.name}`,
      [t("financer", lang), t("programmed", lang), t("budget", lang), t("under", lang)],
      rows,
    ),
  );
}

/** Funding per financer and year across the sheets checked (several years). */
function renderCross(doc: Document, root: HTMLElement, cross: PaneModel["cross"], lang: Lang): void {
  const rows: Row[] = cross.rows.map((r) => ({ cells: [r.financer, ...r.values, r.total] }));
  rows.push(
    { cells: [t("totalCost", lang), ...cross.totalCost, ""] },
    { cells: [t("fseShare", lang), ...cross.fseShare, ""] },
  );
  root.append(
    stackTable(doc, "cross-table", t("cross", lang), [t("financer", lang), ...cross.years, t("total", lang)], rows),
  );
}
