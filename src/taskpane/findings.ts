import type { Severity } from "../domain/findings";
import type { Lang } from "../report/format";
import { count } from "../report/labels";
import { byId, el, icon } from "./dom";
import type { FindingGroup, PaneFinding, PaneModel } from "./model";
import { t, type UiKey } from "./strings";

/**
 * The findings, grouped under the line (operation) they are about, the table
 * (printed totals, budget) or the sheet (columns, year), with the count per
 * group; each finding in words, its severity in words and icon, and a button
 * that selects its cell in Excel. A filter by severity (toggle buttons,
 * `aria-pressed`) shows or hides findings; groups fold and unfold.
 */
const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];
const FILTER_WORDS: Record<Severity, UiKey> = { error: "errorsWord", warning: "warningsWord", info: "infosWord" };
/** Groups rendered at once; the others on demand (a 100 000-line sheet must not build 100 000 groups). */
const GROUPS_AT_ONCE = 150;

export interface FindingsView {
  show(m: PaneModel): void;
}

const capital = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);

/** A group's place: `Ligne 5`, `Tableau principal`, `Feuille Programmation 2015`; with the sheet when several are checked. */
export function groupWhere(g: FindingGroup, severalSheets: boolean, lang: Lang): string {
  if (g.kind === "sheet") return `${t("sheetGroup", lang)} ${g.sheet}`;
  const place =
    g.kind === "line"
      ? `${t("row", lang)} ${g.row}`
      : t(g.part === "head" ? "tableHeadGroup" : "tableGroup", lang).replace("{kind}", g.label);
  return severalSheets ? `${g.sheet} · ${place}` : place;
}

/** `2 erreurs, 1 avertissement` (the severities present). */
export function groupCount(counts: Record<Severity, number>, lang: Lang): string {
  return SEVERITIES.filter((s) => counts[s] > 0)
    .map((s) => count(counts[s], s, lang))
    .join(", ");
}

/** What the view's parts share: the page, its language, the cell selection, and the groups the user folded. */
interface ViewParts {
  doc: Document;
  lang: Lang;
  onSelect: (sheet: string, cell: string) => void;
  /** Ids of the folded groups (they stay folded when the results are shown again). */
  folded: Set<string>;
}

export function findingsView(doc: Document, lang: Lang, onSelect: (sheet: string, cell: string) => void): FindingsView {
  const parts: ViewParts = { doc, lang, onSelect, folded: new Set<string>() };
  const list = byId(doc, "findings-list");
  const filterRoot = byId(doc, "severity-filter");
  byId(doc, "filter-label").textContent = t("filterLabel", lang);
  const empty = el(doc, "p", { class: "placeholder", id: "findings-filtered" }, t("noFindingFiltered", lang));
  const filter = severityFilter(doc, lang, filterRoot, (shown) => applyFilter(list, empty, shown));

  return {
    show(m) {
      filterRoot.hidden = false;
      for (const s of SEVERITIES) filter.counts[s].textContent = String(m.counts[s]);
      if (m.groups.length === 0) {
        list.replaceChildren(el(doc, "p", { class: "placeholder" }, t("noFinding", lang)));
        return;
      }
      showGroups(parts, list, empty, m.groups, () => applyFilter(list, empty, filter.shown));
    },
  };
}

interface SeverityFilter {
  /** Whether each severity's findings are shown. */
  shown: Record<Severity, boolean>;
  /** Where each severity's count is written. */
  counts: Record<Severity, HTMLSpanElement>;
}

/** The filter's toggle buttons (`aria-pressed`), one per severity with its count, in `root`; `changed` after each click. */
function severityFilter(
  doc: Document,
  lang: Lang,
  root: HTMLElement,
  changed: (shown: Record<Severity, boolean>) => void,
): SeverityFilter {
  const shown: Record<Severity, boolean> = { error: true, warning: true, info: true };
  const counts = {} as Record<Severity, HTMLSpanElement>;
  for (const s of SEVERITIES) {
    const n = el(doc, "span", { class: "filter-count" });
    const b = el(
      doc,
      "button",
      { type: "button", class: `sev-${s}`, "aria-pressed": "true", id: `filter-${s}` },
      icon(doc, s, "sev-icon"),
      t(FILTER_WORDS[s], lang),
      " ",
      n,
    );
    b.addEventListener("click", () => {
      shown[s] = !shown[s];
      b.setAttribute("aria-pressed", String(shown[s]));
      changed(shown);
    });
    counts[s] = n;
    root.append(b);
  }
  return { shown, counts };
}

/** Shows the findings of the severities shown and hides the groups left empty; `empty` says when the filter hides them all. */
function applyFilter(list: HTMLElement, empty: HTMLElement, shown: Record<Severity, boolean>): void {
  let visible = 0;
  for (const g of Array.from(list.querySelectorAll<HTMLElement>("li.group"))) {
    let n = 0;
    for (const f of Array.from(g.querySelectorAll<HTMLElement>("li.finding"))) {
      const on = shown[f.dataset.severity as Severity];
      f.hidden = !on;
      if (on) n++;
    }
    g.hidden = n === 0;
    visible += n;
  }
  empty.hidden = visible > 0 || list.querySelector("li.group") === null;
}

/** The groups in `list`, `GROUPS_AT_ONCE` at a time (a button adds the next ones), the filter applied after each batch. */
function showGroups(
  parts: ViewParts,
  list: HTMLElement,
  empty: HTMLElement,
  all: readonly FindingGroup[],
  refilter: () => void,
): void {
  const { doc, lang } = parts;
  const severalSheets = new Set(all.map((g) => g.sheet)).size > 1;
  const groups = el(doc, "ol", { class: "groups", id: "finding-groups" });
  let next = 0;
  const more = el(doc, "button", { type: "button", class: "more", id: "findings-more" });
  const addBatch = () => {
    const end = Math.min(all.length, next + GROUPS_AT_ONCE);
    for (const g of all.slice(next, end)) groups.append(groupItem(parts, g, severalSheets));
    next = end;
    const left = all.length - next;
    more.hidden = left === 0;
    more.textContent = t("moreGroups", lang)
      .replace("{n}", String(Math.min(left, GROUPS_AT_ONCE)))
      .replace("{total}", String(left));
    refilter();
  };
  more.addEventListener("click", addBatch);
  list.replaceChildren(groups, empty, more);
  addBatch();
}

/** A group: its heading (a button that folds and unfolds it) and its findings. */
function groupItem(parts: ViewParts, g: FindingGroup, severalSheets: boolean): HTMLLIElement {
  const { doc, folded } = parts;
  const listId = `${g.id}-list`;
  const open = !folded.has(g.id);
  const toggle = el(
    doc,
    "button",
    { type: "button", class: "group-toggle", "aria-expanded": String(open), "aria-controls": listId },
    icon(doc, "chevron", "chevron"),
    groupText(parts, g, severalSheets),
  );
  const items = el(doc, "ul", { class: "findings", id: listId });
  items.hidden = !open;
  for (const f of g.findings) items.append(findingItem(parts, f));
  toggle.addEventListener("click", () => {
    const on = items.hidden;
    items.hidden = !on;
    toggle.setAttribute("aria-expanded", String(on));
    if (on) folded.delete(g.id);
    else folded.add(g.id);
  });
  return el(
    doc,
    "li",
    { class: "group", "data-group": g.id, "data-kind": g.kind },
    el(doc, "h3", { class: "group-head" }, toggle),
    items,
  );
}

/** A group's heading words: where, the line's label, the counts. */
function groupText({ doc, lang }: ViewParts, g: FindingGroup, severalSheets: boolean): HTMLSpanElement {
  const text = el(
    doc,
    "span",
    { class: "group-text" },
    el(doc, "span", { class: "group-where" }, groupWhere(g, severalSheets, lang)),
  );
  if (g.kind === "line" && g.label !== "") text.append(" — ", el(doc, "span", { class: "group-label" }, g.label));
  text.append(" ", el(doc, "span", { class: "group-count" }, groupCount(g.counts, lang)));
  return text;
}

/** A finding: its severity in words and icon, a button that selects its cell, its message. */
function findingItem({ doc, lang, onSelect }: ViewParts, f: PaneFinding): HTMLLIElement {
  // Spaces between the parts: the finding reads as one sentence in text (copy, assistive technology).
  const head = el(
    doc,
    "div",
    { class: "finding-head" },
    el(doc, "span", { class: "severity" }, icon(doc, f.severity, "sev-icon"), capital(f.severityLabel)),
  );
  const cell = f.cell;
  if (cell) {
    const where = `${f.sheet}!${cell}`;
    const go = el(
      doc,
      "button",
      { type: "button", class: "cell-link", "aria-label": `${t("goTo", lang)} ${where}` },
      cell,
    );
    go.addEventListener("click", () => onSelect(f.sheet, cell));
    head.append(" ", go);
  }
  return el(
    doc,
    "li",
    { class: `finding ${f.severity}`, "data-severity": f.severity, "data-code": f.code },
    head,
    " ",
    el(doc, "p", { class: "message" }, f.message),
  );
}
