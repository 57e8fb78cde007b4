/**
 * Small DOM helpers of the pane. Sheet content is only ever set as text
 * (text nodes, textContent), never as HTML.
 */
export type Child = Node | string;

export function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  attrs: Record<string, string> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const e = doc.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(typeof c === "string" ? doc.createTextNode(c) : c);
  return e;
}

const SVG = "http://www.w3.org/2000/svg";

export function svg<K extends keyof SVGElementTagNameMap>(
  doc: Document,
  tag: K,
  attrs: Record<string, string | number> = {},
  ...children: Child[]
): SVGElementTagNameMap[K] {
  const e = doc.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  for (const c of children) e.append(typeof c === "string" ? doc.createTextNode(c) : c);
  return e;
}

/** One of the page's icons (symbols in taskpane.html), decorative: the words beside it carry the meaning. */
export function icon(
  doc: Document,
  name: "error" | "warning" | "info" | "ready" | "chevron",
  cls: string,
): SVGSVGElement {
  return svg(
    doc,
    "svg",
    { class: cls, "aria-hidden": "true", focusable: "false" },
    svg(doc, "use", { href: `#icon-${name}` }),
  );
}

/** The element with this id (the page's own markup: it is there). */
export function byId<T extends HTMLElement = HTMLElement>(doc: Document, id: string): T {
  return doc.getElementById(id) as T;
}
