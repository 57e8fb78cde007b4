import { el, svg } from "./dom";

/**
 * Small horizontal bar charts drawn by the pane (no chart library): one row
 * per bar, its label and figure as text above a bar drawn in SVG (its length
 * a percentage of the chart's largest figure), so that long names from the
 * sheet wrap instead of being cut. The chart is one image for assistive
 * technology (`role="img"`, named by its caption) described by the same
 * figures as text (`aria-describedby`: a table or a list the caller
 * renders). Labels come from the sheet: set as text only.
 */
export interface Bar {
  label: string;
  /** The figure shown with the label. */
  value: string;
  /** Length of the bar, in any unit shared by the chart's bars (cents). */
  amount: number;
  /** When given, the bar is drawn on a track of this length, with a mark at its end (a budget). */
  limit?: number | null;
  /** Drawn in the danger colour (over the limit): the figures say it in words too. */
  over?: boolean;
}

/** Percentage of `top`, in [0, 100], with one decimal. */
export function percentOf(value: number, top: number): string {
  const p = top > 0 ? Math.max(0, Math.min(100, (value / top) * 100)) : 0;
  return `${Math.round(p * 10) / 10}%`;
}

export function barChart(
  doc: Document,
  opts: { id: string; caption: string; bars: readonly Bar[]; describedBy: string },
): HTMLElement {
  let top = 0;
  for (const b of opts.bars) top = Math.max(top, b.amount, b.limit ?? 0);
  const captionId = `${opts.id}-caption`;
  const rows = el(doc, "div", {
    class: "bars",
    role: "img",
    "aria-labelledby": captionId,
    "aria-describedby": opts.describedBy,
  });
  for (const b of opts.bars) {
    const drawing = svg(doc, "svg", { class: "bar-svg", "aria-hidden": "true", focusable: "false" });
    const hasLimit = b.limit !== undefined && b.limit !== null;
    if (hasLimit)
      drawing.append(
        svg(doc, "rect", { x: 0, y: 0, width: percentOf(b.limit!, top), height: 12, rx: 2, class: "track" }),
      );
    if (b.amount > 0)
      drawing.append(
        svg(doc, "rect", {
          x: 0,
          y: 0,
          width: percentOf(b.amount, top),
          height: 12,
          rx: 2,
          class: b.over ? "bar over" : "bar",
        }),
      );
    if (hasLimit) {
      const x = percentOf(b.limit!, top);
      drawing.append(svg(doc, "line", { x1: x, x2: x, y1: -2, y2: 14, class: "limit" }));
    }
    rows.append(
      el(
        doc,
        "div",
        { class: "bar-row" },
        el(doc, "span", { class: "bar-label" }, b.label),
        el(doc, "span", { class: "bar-value" }, b.value),
        drawing,
      ),
    );
  }
  return el(
    doc,
    "figure",
    { class: "chart", id: opts.id },
    el(doc, "figcaption", { id: captionId }, opts.caption),
    rows,
  );
}
