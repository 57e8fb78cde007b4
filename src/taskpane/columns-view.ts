import type { ColumnRoleChoice } from "../domain/columns";
import { isColumnRoleChoice } from "../domain/columns";
import type { Lang } from "../report/format";
import { reasonWords, roleOptions, type ColumnEntry, type RoleOption } from "./columns-model";
import { t } from "./strings";

/**
 * The column panel's DOM: one labelled <select> of roles per header, and a
 * save button, in a form. Header texts come from the sheet: they are only
 * ever set as text (textContent, Option text), never as HTML.
 */

export interface ColumnChoice {
  header: string;
  role: ColumnRoleChoice | null;
}

function option(doc: Document, o: RoleOption, selected: string): HTMLOptionElement {
  const e = doc.createElement("option");
  e.value = o.value;
  e.textContent = o.label;
  if (o.value === selected) e.selected = true;
  return e;
}

function group(doc: Document, label: string, options: readonly RoleOption[], selected: string): HTMLOptGroupElement {
  const g = doc.createElement("optgroup");
  g.label = label;
  for (const o of options) g.append(option(doc, o, selected));
  return g;
}

/**
 * Replaces the panel's content with the entries (hidden when there are none).
 * Returns the function that reads the choices made.
 */
export function renderColumnsPanel(
  doc: Document,
  root: HTMLElement,
  entries: readonly ColumnEntry[],
  lang: Lang,
  onSave: (choices: ColumnChoice[]) => void,
): () => ColumnChoice[] {
  root.replaceChildren();
  root.hidden = entries.length === 0;
  if (entries.length === 0) return () => [];
  const roles = roleOptions(lang);

  // The section's heading (Colonnes) names the panel.
  const intro = doc.createElement("p");
  intro.id = "columns-intro";
  intro.textContent = t("columnsIntro", lang);
  root.setAttribute("aria-labelledby", "columns-section-title");

  const form = doc.createElement("form");
  form.id = "columns-form";
  form.setAttribute("aria-describedby", "columns-intro");
  const list = doc.createElement("ul");
  list.className = "columns";
  const selects: { entry: ColumnEntry; select: HTMLSelectElement }[] = [];
  entries.forEach((entry, i) => {
    const { item, select } = columnItem(doc, entry, `column-role-${i}`, roles, lang);
    list.append(item);
    selects.push({ entry, select });
  });
  form.append(list, saveActions(doc, lang));
  root.append(intro, form);

  const read = (): ColumnChoice[] =>
    selects.map(({ entry, select }) => ({
      header: entry.header,
      role: isColumnRoleChoice(select.value) ? select.value : null,
    }));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    onSave(read());
  });
  return read;
}

/** One header: its text and why it is asked about, as the label of its <select> of roles (the current one chosen). */
function columnItem(
  doc: Document,
  entry: ColumnEntry,
  id: string,
  roles: ReturnType<typeof roleOptions>,
  lang: Lang,
): { item: HTMLLIElement; select: HTMLSelectElement } {
  const item = doc.createElement("li");
  item.className = "column";
  const label = doc.createElement("label");
  label.htmlFor = id;
  const header = doc.createElement("span");
  header.className = "column-header";
  header.textContent = entry.header;
  const why = doc.createElement("span");
  why.className = "column-reason";
  why.id = `${id}-why`;
  const where = entry.places.length ? ` — ${entry.places.join(", ")}` : "";
  why.textContent = ` (${entry.reasons.map((r) => reasonWords(r, lang)).join(", ")}${where})`;
  label.append(header, why);
  const select = doc.createElement("select");
  select.id = id;
  const current = entry.role ?? "";
  select.append(
    option(doc, roles.unset, current),
    group(doc, t("roleFinancers", lang), roles.financers, current),
    group(doc, t("roleOthers", lang), roles.others, current),
  );
  select.value = current;
  item.append(label, select);
  return { item, select };
}

/** The form's save button, in its actions row. */
function saveActions(doc: Document, lang: Lang): HTMLDivElement {
  const save = doc.createElement("button");
  save.type = "submit";
  save.id = "columns-save";
  save.className = "primary";
  save.dataset.action = "columns-save";
  save.textContent = t("columnsSave", lang);
  const actions = doc.createElement("div");
  actions.className = "actions";
  actions.append(save);
  return actions;
}
