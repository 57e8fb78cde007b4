/// <reference types="office-js" />
import { excelPaneHost } from "./excel-host";
import { startPane } from "./controller";
import { langOf } from "./strings";

/* The task pane's entry: French unless Office speaks English. */
void Office.onReady((info) => {
  if (info.host !== Office.HostType.Excel) return;
  const lang = langOf(Office.context.displayLanguage);
  startPane(document, excelPaneHost(lang), lang);
});
