/// <reference types="office-js" />
import { SETTINGS_EVENT, SETTINGS_KEY } from "../domain/settings";
import { loadSettings, parseSettings, setSettings } from "./settings-store";

/**
 * The custom functions' link with the workbook, in the shared runtime: the
 * settings saved in the workbook are loaded once, and the task pane's saves
 * reach the functions through a window event (the pane then recalculates).
 * The settings key comes from src/domain/settings; the event name is the one
 * src/taskpane/excel-host.ts dispatches.
 */
export { SETTINGS_EVENT, SETTINGS_KEY };

export function connectSettings(): void {
  if (typeof window !== "undefined" && typeof window.addEventListener === "function") {
    window.addEventListener(SETTINGS_EVENT, (e) => {
      const detail = (e as CustomEvent<unknown>).detail;
      if (typeof detail === "string") setSettings(parseSettings(detail).settings);
    });
  }
  if (typeof Excel !== "undefined" && typeof Excel.run === "function") {
    void loadSettings(() =>
      Excel.run(async (ctx) => {
        const item = ctx.workbook.settings.getItemOrNullObject(SETTINGS_KEY);
        item.load("value");
        await ctx.sync();
        return item.isNullObject ? null : (item.value as string);
      }),
    );
  }
}
