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
export const GROUP: CellValue[] = ["Détail Opérations", "", "", "", "", "FINANCEURS PLIE (DIRECT)", "", "", "FINANCEURS AUTRES (INDIRECTS)"];

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
  return [action, name, operator, null, total, a.cd ?? null, a.dm ?? null, a.fse1 ?? null, a.fse2 ?? null, a.rate ?? null, a.auto ?? null, a.totalOp ?? total];
}

/** A balanced line: FSE in the Etat - FSE column, the rest from Dijon Métropole. */
export function balanced(name: string, operator: string, total: number, fse: number): CellValue[] {
  return op("OS1-422C", name, operator, total, { fse2: fse, dm: Math.round((total - fse) * 100) / 100 });
}

export function totalRow(values: Partial<Record<number, CellValue>>, label = "TOTAL APRES RÉPARTITION DES FINANCEMENTS :"): CellValue[] {
  const row: CellValue[] = [label];
  for (const [k, v] of Object.entries(values)) row[Number(k)] = v;
  return row;
}

export function sheet(rows: CellValue[][], opts: { name?: string; title?: string; header?: CellValue[]; merges?: string[] } = {}): SheetGrid {
  return {
    name: opts.name ?? "Programmation 2020",
    values: [[opts.title ?? "Programmation PLIE 2020"], GROUP, opts.header ?? HEADER, ...rows],
    merges: opts.merges,
  };
}
