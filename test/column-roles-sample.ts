import type { ColumnMapping } from "../src/domain/columns";
import type { CellValue } from "../src/sheet/grid";
import { GROUP, HEADER, op } from "./helpers";

/**
 * A programming whose column M, "Fondation X", holds a financer's amounts
 * under a header the parser cannot tell (no alias knows it): without the
 * user's role the column is UNKNOWN_COLUMN and its amounts are not counted,
 * so rows 4 and 5 do not balance; with `Fondation X = fonds_prives` they do.
 *
 * Columns A…L as in test/helpers (E Dépenses totales, F Département,
 * G Dijon Métropole, I Etat - FSE, L Total opération), then M Fondation X.
 *
 *   row 4  Atelier mobilité      60 000,00 = FSE 25 000 + Métropole 20 000 + Fondation 15 000,00
 *   row 5  Chantier d'insertion  40 000,50 = FSE 20 000 + Département 12 750 + Fondation 7 250,50
 *   row 6  Animation du PLIE     50 000,00 = FSE 25 000 + Métropole 25 000
 *
 * By hand: Fondation X (fonds privés) 15 000,00 + 7 250,50 = 22 250,50 €;
 * FSE 25 000 + 20 000 + 25 000 = 70 000,00 €; Dépenses totales 150 000,50 €;
 * Dijon Métropole 45 000,00 €; Département 12 750,00 €. Every line is a
 * project (41,67 %, 49,999 %, 50,00 %; FSE ≥ 20 000 €).
 */
const FONDATION_HEADER = "Fondation X";
export const FONDATION_COL = 12;

const withFondation = (cells: CellValue[], amount: CellValue): CellValue[] => {
  const row = cells.slice();
  row[FONDATION_COL] = amount;
  return row;
};

export const FONDATION_SHEET_NAME = "Programmation 2021";

export const FONDATION_ROWS: CellValue[][] = [
  ["Programmation PLIE 2021"],
  GROUP,
  [...HEADER, FONDATION_HEADER],
  withFondation(op("OS1-422C", "Atelier mobilité", "Association Alpha", 60000, { fse2: 25000, dm: 20000 }), 15000),
  withFondation(op("OS1-422C", "Chantier d'insertion", "Beta Insertion", 40000.5, { fse2: 20000, cd: 12750 }), 7250.5),
  withFondation(op("422B", "Animation du PLIE", "PLIE", 50000, { fse2: 25000, dm: 25000 }), null),
];

export const FONDATION_ROLE: ColumnMapping = { header: FONDATION_HEADER, role: "fonds_prives" };

/** The figures of the sample in cents, by hand. */
export const FONDATION_CENTS = {
  fondsPrives: 2_225_050,
  fse: 7_000_000,
  totalCost: 15_000_050,
  dijonMetropole: 4_500_000,
  departement: 1_275_000,
} as const;

/** The rows as Excel's range.values gives them: a rectangle, "" for blank cells. */
export function fondationRectangle(): (string | number | boolean)[][] {
  let width = 0;
  for (const r of FONDATION_ROWS) width = Math.max(width, r.length);
  return FONDATION_ROWS.map((r) =>
    Array.from({ length: width }, (_, c) => (r[c] === null || r[c] === undefined ? "" : r[c])),
  );
}
