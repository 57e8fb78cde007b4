/**
 * The sheets this add-in writes into a workbook ("Rapport COPIL", "Rapport
 * COPIL (2)", …): never read as a programming, by the pane or by plie-check
 * (a workbook saved with its report would otherwise count its tables twice).
 */
export const REPORT_SHEET_NAME = "Rapport COPIL";
export const SYNTHESIS_SHEET_NAME = "Synthèse";
export const OPTIMISER_SHEET_NAME = "Simulation FSE";
export const COPIL_AGENDA_SHEET_NAME = "Ordre du jour COPIL";

const BASES = [REPORT_SHEET_NAME, SYNTHESIS_SHEET_NAME, OPTIMISER_SHEET_NAME, COPIL_AGENDA_SHEET_NAME] as const;

/** `base`, or `base (n)`. */
export function isNumberedSheetName(base: string, name: string): boolean {
  if (name === base) return true;
  return name.startsWith(`${base} (`) && /^\(\d+\)$/.test(name.slice(base.length + 1));
}

/** Any sheet the add-in writes (never read as a programming, never watched). */
export function isAddinSheetName(name: string): boolean {
  return BASES.some((base) => isNumberedSheetName(base, name));
}
