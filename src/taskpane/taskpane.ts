/// <reference types="office-js" />
import { excelPaneHost } from "./excel-host";
import { startPane } from "./controller";
import { browserStorage } from "./first-run";
import { langOf } from "./strings";
import { applyTheme, paneTheme } from "./theme";

/** Marks the pane's first screen ready (the browser test reads it: performance.getEntriesByName). */
export const PANE_READY_MARK = "plie:pane-ready";

/**
 * The theme: Office's where the host gives one, else the system's. Excel has
 * no theme-change event for task panes (Office.EventType.OfficeThemeChanged
 * is Outlook's): the theme is read again when the pane is shown again and
 * when the system's scheme changes.
 */
function followTheme(): void {
  const dark = typeof matchMedia === "function" ? matchMedia("(prefers-color-scheme: dark)") : null;
  const apply = () => {
    let office: Office.OfficeTheme | undefined;
    try {
      office = Office.context.officeTheme;
    } catch {
      office = undefined; // a host without the theme API
    }
    applyTheme(document.documentElement, paneTheme(office, dark?.matches ?? false));
  };
  apply();
  dark?.addEventListener("change", apply);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") apply();
  });
}

/* The task pane's entry: French unless Office speaks English. */
void Office.onReady((info) => {
  if (info.host !== Office.HostType.Excel) return;
  followTheme();
  const lang = langOf(Office.context.displayLanguage);
  startPane(document, excelPaneHost(lang), lang, { storage: browserStorage(window) });
  performance.mark(PANE_READY_MARK);
});
