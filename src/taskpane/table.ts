import { el } from "./dom";

/** A table row: its cells as text (the first one names the row). */
export interface Row {
  cells: string[];
  over?: boolean;
  /** A total under the others (total cost, FSE share): its figure needs no column name. */
  summary?: boolean;
}

/**
 * A table that becomes stacked rows under 480 px (each row's name, then its
 * figures side by side, each under its column's name from `data-label`);
 * explicit roles keep it a table for assistive technology whatever its
 * display. Every cell is set as text.
 */
export function stackTable(
  doc: Document,
  id: string,
  caption: string,
  head: readonly string[],
  rows: readonly Row[],
): HTMLTableElement {
  const headRow = el(
    doc,
    "tr",
    { role: "row" },
    ...head.map((h, i) => el(doc, "th", { scope: "col", role: "columnheader", class: i > 0 ? "num" : "" }, h)),
  );
  const body = el(doc, "tbody", { role: "rowgroup" });
  for (const r of rows) {
    const tr = el(doc, "tr", { role: "row", class: r.over ? "over" : r.summary ? "summary" : "" });
    r.cells.forEach((c, i) => {
      if (i === 0) tr.append(el(doc, "th", { scope: "row", role: "rowheader" }, c));
      else
        tr.append(
          el(doc, "td", { role: "cell", class: c === "" ? "num empty" : "num", "data-label": head[i] ?? "" }, c),
        );
    });
    body.append(tr);
  }
  return el(
    doc,
    "table",
    { class: "stack", id, role: "table" },
    el(doc, "caption", {}, caption),
    el(doc, "thead", { role: "rowgroup" }, headRow),
    body,
  );
}
