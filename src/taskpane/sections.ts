import { byId } from "./dom";

/**
 * The pane's sections: each a heading whose button shows or hides the body
 * (a disclosure: Enter or Space on the button, `aria-expanded`), never tabs
 * (seven labels do not fit 320 px in one row).
 */
const SECTION_IDS = ["findings", "split", "financers", "simulation", "copil", "columns", "settings"] as const;
export type SectionId = (typeof SECTION_IDS)[number];

export interface Section {
  readonly id: SectionId;
  readonly body: HTMLElement;
  /** Shows or hides the whole section (results sections wait for a check). */
  show(visible: boolean): void;
  open(on: boolean): void;
  isOpen(): boolean;
  /**
   * The count beside the title (empty text: no badge); `spoken`, when given,
   * is what assistive technology reads instead of the figures; `tone`
   * colours it (the findings say it in words).
   */
  badge(text: string, tone?: "error" | null, spoken?: string): void;
}

export function sections(doc: Document): Record<SectionId, Section> {
  const out = {} as Record<SectionId, Section>;
  for (const id of SECTION_IDS) {
    const root = byId(doc, `section-${id}`);
    const toggle = byId<HTMLButtonElement>(doc, `${id}-toggle`);
    const body = byId(doc, `${id}-body`);
    const badge = doc.getElementById(`${id}-badge`);
    const open = (on: boolean) => {
      toggle.setAttribute("aria-expanded", String(on));
      body.hidden = !on;
    };
    toggle.addEventListener("click", () => open(body.hidden));
    out[id] = {
      id,
      body,
      show: (visible) => {
        root.hidden = !visible;
      },
      open,
      isOpen: () => !body.hidden,
      badge: (text, tone, spoken) => {
        if (!badge) return;
        badge.hidden = text === "";
        badge.className = tone ? `badge ${tone}` : "badge";
        if (!spoken) {
          badge.textContent = text;
          return;
        }
        const shown = doc.createElement("span");
        shown.setAttribute("aria-hidden", "true");
        shown.textContent = text;
        const said = doc.createElement("span");
        said.className = "visually-hidden";
        said.textContent = spoken;
        badge.replaceChildren(shown, said);
      },
    };
  }
  return out;
}
