/**
 * The word catalogue: every section of words shown to users, by area, each
 * entry `{ fr, en }` (French first). Words are read with `word` and
 * `counted` (lookup.ts) from the section modules of this folder.
 *
 * This registry is for checks and tools (the test that every entry has its
 * French and its English); the product's code imports the sections it needs
 * directly, never this file, so that the parts of the pane loaded on demand
 * keep their words out of the first bundle.
 */
import { PANE } from "./pane";
import { TYPOGRAPHY } from "./typography";

export const CATALOGUE = {
  typography: TYPOGRAPHY,
  pane: PANE,
} as const;

export type SectionName = keyof typeof CATALOGUE;
