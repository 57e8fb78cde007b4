import type { Lang } from "../report/format";
import { colon, count } from "../report/labels";
import type { PaneFinding, PaneLine, PaneModel } from "./model";
import { t } from "./strings";

/**
 * DOM rendering of the pane's model. Sheet content is only ever set as text
 * (textContent), never as HTML.
 */
type Child = Node | string;

function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const e = doc.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(typeof c === "string" ? doc.createTextNode(c) : c);
  return e;
}

const SEVERITY_MARK: Record<PaneFinding["severity"], string> = { error: "✖", warning: "▲", info: "ℹ" };

function table(doc: Document, caption: string, head: string[], rows: string[][], numeric: (col: number) => boolean): HTMLTableElement {
  return el(
    doc,
    "table",
    {},
    el(doc, "caption", {}, caption),
    el(doc, "thead", {}, el(doc, "tr", {}, ...head.map((h, i) => el(doc, "th", { scope: "col", class: numeric(i) ? "num" : "" }, h)))),
    el(doc, "tbody", {}, ...rows.map((r) => el(doc, "tr", {}, ...r.map((c, i) => el(doc, i === 0 ? "th" : "td", i === 0 ? { scope: "row" } : { class: numeric(i) ? "num" : "" }, c))))),
  );
}

function lineItem(doc: Document, sheet: string, l: PaneLine, onSelect: (sheet: string, cell: string) => void, lang: Lang): HTMLLIElement {
  const go = el(doc, "button", { type: "button", class: "link", "aria-label": `${t("goTo", lang)} ${t("row", lang)} ${l.row}` }, `L${l.row}`);
  go.addEventListener("click", () => onSelect(sheet, `A${l.row}`));
  return el(doc, "li", {}, go, ` ${l.label} — ${l.totalCost}, FSE ${l.fse} (${l.rate})`);
}

export interface RenderHandlers {
  /** Select a cell of a sheet in Excel. */
  onSelect: (sheet: string, cell: string) => void;
}

/** Replaces the content of `root` with the results. */
export function renderResults(doc: Document, root: HTMLElement, m: PaneModel, lang: Lang, h: RenderHandlers): void {
  root.replaceChildren();
  const c = m.counts;
  root.append(
    el(
      doc,
      "section",
      { "aria-labelledby": "counts-title" },
      el(doc, "h2", { id: "counts-title" }, t("counts", lang)),
      el(
        doc,
        "ul",
        { class: "counts" },
        el(doc, "li", { "data-count": "projects" }, `${t("projects", lang)}${colon(lang)} `, el(doc, "strong", {}, String(c.projects))),
        el(doc, "li", { "data-count": "letters" }, `${t("letters", lang)}${colon(lang)} `, el(doc, "strong", {}, String(c.letters))),
        el(doc, "li", { "data-count": "findings" }, `${t("findings", lang)}${colon(lang)} `, el(doc, "strong", {}, count(c.error, "error", lang)), `, ${count(c.warning, "warning", lang)}, ${count(c.info, "info", lang)}`),
        el(doc, "li", {}, `${c.sheets} ${t("sheets", lang)}, ${count(c.lines, "operation", lang)}`),
      ),
    ),
  );

  const list = el(doc, "ul", { class: "findings" });
  if (m.findings.length === 0) list.append(el(doc, "li", {}, t("noFinding", lang)));
  for (const f of m.findings) {
    const where = f.cell ? `${f.sheet}!${f.cell}` : f.sheet;
    const item = el(doc, "li", { class: `finding ${f.severity}` });
    const label = el(doc, "span", { class: "severity" }, `${SEVERITY_MARK[f.severity]} ${f.severityLabel}`);
    if (f.cell) {
      const go = el(doc, "button", { type: "button", class: "link", "aria-label": `${t("goTo", lang)} ${where}` }, where);
      go.addEventListener("click", () => h.onSelect(f.sheet, f.cell!));
      item.append(label, " ", go, " ", el(doc, "span", { class: "message" }, f.message));
    } else {
      item.append(label, ` ${where} `, el(doc, "span", { class: "message" }, f.message));
    }
    list.append(item);
  }
  root.append(el(doc, "section", { "aria-labelledby": "findings-title" }, el(doc, "h2", { id: "findings-title" }, t("findings", lang)), list));

  for (const s of m.sheets) {
    const split = el(doc, "section", { "aria-label": `${t("split", lang)} — ${s.name}` }, el(doc, "h2", {}, `${t("split", lang)} — ${s.name} (${s.year})`));
    split.append(el(doc, "h3", {}, `${t("projects", lang)} (${s.projects.length})`));
    const projects = split.appendChild(el(doc, "ul", { class: "lines" })); // one item per line: a loop, not a spread
    for (const l of s.projects) projects.append(lineItem(doc, s.name, l, h.onSelect, lang));
    for (const g of s.hosts) {
      const host = g.hostRow === null ? t("noHostLine", lang) : `${t("hostLine", lang)} L${g.hostRow}`;
      split.append(el(doc, "h3", {}, `${t("letters", lang)} — ${g.label} (${host}) — ${t("withLetters", lang)}${colon(lang)} ${g.total}, FSE ${g.fse}`));
      const letters = split.appendChild(el(doc, "ul", { class: "lines" }));
      for (const l of g.letters) letters.append(lineItem(doc, s.name, l, h.onSelect, lang));
    }
    root.append(split);
    const rows = s.financers.map((f) => [f.financer, f.programmed, f.budget, f.over ? `${f.under} (${t("overWord", lang)})` : f.under]);
    rows.push([t("totalCost", lang), s.totalCost, "", ""], [t("fseShare", lang), s.fseShare, "", ""]);
    if (s.fseRequested !== null) rows.push([t("fseRequested", lang), s.fseRequested, "", ""]);
    root.append(
      el(doc, "section", {}, table(doc, `${t("totals", lang)} — ${s.name}`, [t("financer", lang), t("programmed", lang), t("budget", lang), t("under", lang)], rows, (i) => i > 0)),
    );
  }
  if (m.cross.years.length) {
    const rows = m.cross.rows.map((r) => [r.financer, ...r.values, r.total]);
    rows.push([t("totalCost", lang), ...m.cross.totalCost, ""], [t("fseShare", lang), ...m.cross.fseShare, ""]);
    root.append(el(doc, "section", {}, table(doc, t("cross", lang), [t("financer", lang), ...m.cross.years, t("total", lang)], rows, (i) => i > 0)));
  }
}

/** A block of the pane shown as preformatted text (the report's own words and figures). */
export interface TextBlock {
  id: string;
  title: string;
  text: string;
}

/** Appends collapsible text blocks (synthesis, envelope simulation, COPIL agenda, procurement). */
export function renderTextBlocks(doc: Document, root: HTMLElement, blocks: readonly TextBlock[]): void {
  for (const b of blocks) {
    const pre = el(doc, "pre", { class: "report", tabindex: "0" }, b.text);
    root.append(el(doc, "details", { id: b.id, class: "block" }, el(doc, "summary", {}, b.title), pre));
  }
}
