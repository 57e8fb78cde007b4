import type { CellValue, SheetGrid } from "../src/sheet/grid";

/**
 * A small programming sheet in the real layout: title (row 1), group header
 * (row 2), column header (row 3), then the rows given (from row 4).
 * Columns: A Action, B OPERATIONS, C Opérateurs, D Objectifs, E Dépenses
 * totales, F Département, G Dijon Métropole, H FSE - CD21, I Etat - FSE,
 * J %FSE, K Autofinancement, L Total opération.
 */
export const HEADER: CellValue[] = [
  "Action",
  "OPERATIONS",
  "Opérateurs",
  "Objectifs",
  "Dépenses totales",
  "Collectivité - Conseil Départemental",
  "Collectivité - Dijon Métropole",
  "FSE - CD21",
  "Etat - FSE",
  "%FSE",
  "AUTRES - Autofinancement / App Nature",
  "Total opération",
];
export const GROUP: CellValue[] = [
  "Détail Opérations",
  "",
  "",
  "",
  "",
  "FINANCEURS PLIE (DIRECT)",
  "",
  "",
  "FINANCEURS AUTRES (INDIRECTS)",
];

export interface OpAmounts {
  cd?: CellValue;
  dm?: CellValue;
  fse1?: CellValue;
  fse2?: CellValue;
  auto?: CellValue;
  rate?: CellValue;
  totalOp?: CellValue;
}

export function op(action: string, name: string, operator: string, total: CellValue, a: OpAmounts = {}): CellValue[] {
  return [
    action,
    name,
    operator,
    null,
    total,
    a.cd ?? null,
    a.dm ?? null,
    a.fse1 ?? null,
    a.fse2 ?? null,
    a.rate ?? null,
    a.auto ?? null,
    a.totalOp ?? total,
  ];
}

/** A balanced line: FSE in the Etat - FSE column, the rest from Dijon Métropole. */
export function balanced(name: string, operator: string, total: number, fse: number): CellValue[] {
  return op("OS1-422C", name, operator, total, { fse2: fse, dm: Math.round((total - fse) * 100) / 100 });
}

export function totalRow(
  values: Partial<Record<number, CellValue>>,
  label = "TOTAL APRES RÉPARTITION DES FINANCEMENTS :",
): CellValue[] {
  const row: CellValue[] = [label];
  for (const [k, v] of Object.entries(values)) row[Number(k)] = v;
  return row;
}

export function sheet(
  rows: CellValue[][],
  opts: { name?: string; title?: string; header?: CellValue[]; merges?: string[] } = {},
): SheetGrid {
  return {
    name: opts.name ?? "Programmation 2020",
    values: [[opts.title ?? "Programmation PLIE 2020"], GROUP, opts.header ?? HEADER, ...rows],
    merges: opts.merges,
  };
}

/** The column of `Statut COPIL` in the sheet below (M). */
export const STATUS_COL = 12;

export function withStatus(cells: CellValue[], status: string | null): CellValue[] {
  const row = cells.slice();
  row[STATUS_COL] = status;
  return row;
}

export const HEADER_WITH_STATUS: CellValue[] = [...HEADER, "Statut COPIL"];

/** A programming with a Statut COPIL column: voted, to vote (14 March, 13 June 2019), to submit, none, unreadable. */
export const STATUS_ROWS: CellValue[][] = [
  // row 4: a project already voted
  withStatus(
    op("422B", "OS3 Service PLIE (Partie Animation)", "PLIE", 100000, { fse2: 40000, dm: 60000 }),
    "voté au copil et CA de décembre 2018",
  ),
  // row 5: a project to vote on 14 March 2019
  withStatus(
    op("OS1-422C", "Référents de parcours", "Mission locale", 80000, { fse2: 40000, cd: 10000, dm: 30000 }),
    "à voter au COPIL du 14 mars 2019",
  ),
  // row 6: FSE below the floor, same COPIL
  withStatus(
    op("422D", "Atelier estime de soi", "Association Alpha", 30000, { fse2: 10000, dm: 20000 }),
    "A voter au COPIL du 14/03/2019",
  ),
  // row 7: FSE above the cap, same COPIL
  withStatus(
    op("OS1-422C", "Remobilisation", "Beta Formation", 50000, { fse2: 26000, dm: 24000 }),
    "à voter au copil du 14-03-19",
  ),
  // row 8: to vote at the following COPIL
  withStatus(
    op("OS1-422C", "Portage de référents", "Commune de Longvic", 60000, { fse1: 30000, dm: 30000 }),
    "à voter au COPIL du 13 juin 2019",
  ),
  // row 9: to submit, unbalanced
  withStatus(op("OS1-422C", "Clauses sociales", "Gamma", 45000, { fse2: 20000, dm: 20000 }), "à faire voter"),
  // row 10: no status
  withStatus(op("OS1-422C", "Mobilité", "Delta", 40000, { fse2: 20000, dm: 20000 }), null),
  // row 11: a status that says nothing of the vote
  withStatus(op("OS1-422C", "Relooking", "Epsilon", 12000, { fse2: 6000, dm: 6000 }), "voir avec le CD21"),
];
