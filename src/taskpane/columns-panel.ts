import type { SheetResult } from "../domain/check";
import type { ColumnMapping } from "../domain/columns";
import type { Lang } from "../report/format";
import { columnEntries, mergeColumnChoices } from "./columns-model";
import { renderColumnsPanel } from "./columns-view";

/**
 * The column panel's controller: after each check (and once the settings are
 * loaded) it lists the headers the check did not understand or guessed at,
 * and the roles already saved; "Enregistrer" hands the new roles to `save`
 * (which writes the workbook's settings and checks again).
 */
export interface ColumnsPanelDeps {
  lang: Lang;
  /** The roles saved in the workbook's settings now. */
  saved(): readonly ColumnMapping[];
  /** Saves the roles (the whole list) and checks again. */
  save(columns: ColumnMapping[]): Promise<void>;
}

export interface ColumnsPanel {
  /** Shows the panel for the last check's results (null: no check yet); returns the number of headers listed. */
  show(results: readonly SheetResult[] | null): number;
}

export function columnsPanel(doc: Document, root: HTMLElement, deps: ColumnsPanelDeps): ColumnsPanel {
  let busy = false;
  return {
    show(results) {
      const entries = columnEntries(results, deps.saved());
      renderColumnsPanel(doc, root, entries, deps.lang, (choices) => {
        if (busy) return;
        busy = true;
        void deps.save(mergeColumnChoices(deps.saved(), choices)).finally(() => {
          busy = false;
        });
      });
      return entries.length;
    },
  };
}
