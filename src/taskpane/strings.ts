/** The pane's words are in the word catalogue (src/report/words/pane.ts). */
export { paneWord as t, type PaneKey as UiKey } from "../report/words/pane";
export { langOf } from "../report/words/lookup";
