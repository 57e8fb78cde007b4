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
import { CLI, CLI_USAGE, OPTION_HELP, OPTION_VALUE } from "./cli";
import { AGENDA_REASON, COPIL, VOTE_STATE } from "./copil";
import { COPIL_SHEET } from "./copil-sheet";
import { AMOUNT_PROBLEM, FINDINGS } from "./findings";
import { OPTIMISER, UPPER_LIMIT } from "./optimiser";
import { OPTIMISER_SHEET } from "./optimiser-sheet";
import { PANE } from "./pane";
import { PROCUREMENT, PROCUREMENT_FINDINGS } from "./procurement";
import { COUNTED, FINANCER, HOST, REPORT, SEVERITY, TABLE_KIND } from "./report";
import { SETTINGS, SETTINGS_PROBLEMS } from "./settings";
import { MARKS, NUMBER_FORMAT, REPORT_SHEET } from "./sheets";
import { CATEGORY, SYNTHESIS } from "./synthesis";
import { SYNTHESIS_SHEET } from "./synthesis-sheet";
import { TYPOGRAPHY } from "./typography";
import { CONTENT_TYPE, DAMAGE, FILE_TYPE, UNREADABLE } from "./unreadable";

export const CATALOGUE = {
  // How each language writes (typography.ts).
  TYPOGRAPHY,
  // The report: plie-check's text, and what the sheets and the pane share with it (report.ts).
  REPORT,
  COUNTED,
  SEVERITY,
  HOST,
  TABLE_KIND,
  FINANCER,
  // Findings and warnings in words (findings.ts, procurement.ts, settings.ts, unreadable.ts).
  FINDINGS,
  AMOUNT_PROBLEM,
  PROCUREMENT_FINDINGS,
  PROCUREMENT,
  SETTINGS_PROBLEMS,
  SETTINGS,
  UNREADABLE,
  DAMAGE,
  FILE_TYPE,
  CONTENT_TYPE,
  // The COPIL agenda, the synthesis and the FSE simulation, in text (copil.ts, synthesis.ts, optimiser.ts) and as sheets (copil-sheet.ts, synthesis-sheet.ts, optimiser-sheet.ts).
  VOTE_STATE,
  AGENDA_REASON,
  COPIL,
  COPIL_SHEET,
  CATEGORY,
  SYNTHESIS,
  SYNTHESIS_SHEET,
  OPTIMISER,
  UPPER_LIMIT,
  OPTIMISER_SHEET,
  // The sheets the add-in writes (sheets.ts).
  NUMBER_FORMAT,
  REPORT_SHEET,
  MARKS,
  // plie-check's command line (cli.ts).
  CLI,
  OPTION_VALUE,
  OPTION_HELP,
  CLI_USAGE,
  // The task pane (pane.ts).
  PANE,
} as const;
