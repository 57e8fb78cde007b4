/*
 * The rendering of a check's results, loaded on demand (its own chunk,
 * fetched in the background once the first screen is up): the pane's model,
 * the banner, the findings by line, the split, the money, the text blocks.
 */
export { paneModel } from "./model";
export { renderBanner } from "./banner";
export { findingsView } from "./findings";
export { renderFinancers, renderSplit } from "./views";
export { beyondBlocks, renderSimulations, renderSynthesis, renderTextBlocks } from "./beyond";
