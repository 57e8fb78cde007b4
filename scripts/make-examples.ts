/**
 * Writes the example workbooks under examples/:
 *
 * - programmation-2019.xlsx: the PLIE's 2019 programming (annex of the
 *   2015–2019 evaluation report), cell for cell as printed, mistakes included:
 *   the TOTAL row prints the two FSE columns as one figure, so every cell
 *   after it stands one column left of its header; the clauses table has its
 *   own header rows with older financer names.
 *
 * The figures are held here, so the examples can be rebuilt from the
 * repository alone: `npm run examples`.
 */
import * as fs from "fs";
import * as path from "path";
import {
  GROUPS_2019,
  HEADERS_2019,
  NUMBER_FORMATS_2019,
  SheetBuilder,
  WIDTHS_2019,
  cellsAt,
  count,
  money,
  rate,
  repoRoot,
  writeWorkbook,
  type SheetCell,
  type SheetSpec,
} from "./workbook-writer";

/** One operation line: descriptive cells, then the amounts by column letter (blank cells left out). */
interface Operation {
  action: string;
  operation: string;
  operator: string;
  objectifs: number | null;
  /** Dépenses totales (E). */
  totalCost: number;
  /** Financers F..M and O, by column letter, as printed (0 where the sheet prints 0,00 €). */
  amounts: Partial<Record<"F" | "G" | "H" | "I" | "J" | "K" | "L" | "M" | "O", number>>;
  /** %FSE as printed (N). */
  fseRate: number | null;
  /** Total opération (P). */
  totalOperation: number;
}

// ---------------------------------------------------------------------------
// 2019: the figures as printed

const HEADERS_MAIN = HEADERS_2019;

/** The clauses table's header, with older names (Grand Dijon, Fonds privés, AUTRE -). */
const HEADERS_CLAUSES = [
  "Action",
  "OPERATIONS",
  "Opérateurs",
  "Objectifs",
  "Dépenses totales",
  "Collectivité - Conseil Départemental",
  "Collectivité - Grand Dijon",
  "Collectivité - Conseil Régional",
  "Collectivité - Ville de Dijon",
  "AUTRE - Fonds privés",
  "Collectivité - Communes",
  "FSE - CD21",
  "Etat - FSE",
  "%FSE",
  "AUTRE - Autofinancement / App Nature",
];

const PORTAGE = "OS1_Portage de Référents";

const MAIN_2019: readonly Operation[] = [
  {
    action: "422B",
    operation: "OS3 Service PLIE (Partie Animation)",
    operator: "PLIE",
    objectifs: null,
    totalCost: 290727.2,
    amounts: { F: 0, G: 95335.64, H: 66288, I: 0, J: 0, K: 0, L: 129103.56 },
    fseRate: 0.4441,
    totalOperation: 290727.2,
  },
  {
    action: "422D",
    operation: "OS1_Projet d'assistance, d'accompagnement et de formations aux participants",
    operator: "PLIE",
    objectifs: null,
    totalCost: 144432.53,
    amounts: { F: 8714.85, G: 43453.13, H: 0, I: 0, J: 0, K: 26500, L: 65764.55 },
    fseRate: 0.4553,
    totalOperation: 144432.53,
  },
  {
    action: "OS1-422C",
    operation: PORTAGE,
    operator: "Ville de QUETIGNY",
    objectifs: 1,
    totalCost: 44340,
    amounts: { M: 22170, O: 22170 },
    fseRate: 0.5,
    totalOperation: 44340,
  },
  {
    action: "OS1-422C",
    operation: PORTAGE,
    operator: "Ville de LONGVIC",
    objectifs: 1,
    totalCost: 40000.8,
    amounts: { M: 20000, O: 20000.8 },
    fseRate: 0.5,
    totalOperation: 40000.8,
  },
  {
    action: "OS1-422C",
    operation: PORTAGE,
    operator: "IFPA",
    objectifs: 1,
    totalCost: 45360,
    amounts: { F: 22105, I: 575, M: 22680 },
    fseRate: 0.5,
    totalOperation: 45360,
  },
  {
    action: "OS1-422C",
    operation: PORTAGE,
    operator: "IRFA",
    objectifs: 3,
    totalCost: 124200,
    amounts: { I: 34425, K: 22500, M: 62100, O: 5175 },
    fseRate: 0.5,
    totalOperation: 124200,
  },
  {
    action: "OS1-422C",
    operation: "OS1_Chargé de mission emploi PLIE",
    operator: "IRFA",
    objectifs: 1,
    totalCost: 49380,
    amounts: { G: 22986.5, M: 24336, O: 2057.5 },
    fseRate: 0.4928,
    totalOperation: 49380,
  },
  {
    action: "OS1-422C",
    operation: PORTAGE,
    operator: "APSALC",
    objectifs: 2,
    totalCost: 122298,
    amounts: { F: 17010, K: 19500, M: 59400, O: 26388 },
    fseRate: 0.4857,
    totalOperation: 122298,
  },
  {
    action: "OS1-422C",
    operation: PORTAGE,
    operator: "CESAM",
    objectifs: 1.7,
    totalCost: 84877.2,
    amounts: { F: 16732.15, K: 22170, M: 41699, O: 4276.05 },
    fseRate: 0.4913,
    totalOperation: 84877.2,
  },
  {
    action: "OS1-422C",
    operation: PORTAGE,
    operator: "MILO",
    objectifs: 1,
    totalCost: 50876,
    amounts: { F: 25438, M: 25438 },
    fseRate: 0.5,
    totalOperation: 50876,
  },
  {
    action: "OS1-422C",
    operation: "OS1_estime de soi à destination des femmes",
    operator: "AMIS MOTS",
    objectifs: 24,
    totalCost: 71184,
    amounts: { M: 26184, O: 45000 },
    fseRate: 0.3678,
    totalOperation: 71184,
  },
  {
    action: "322C",
    operation: "OS1_Accomp. Clauses insertion",
    operator: "ARIQ BTP",
    objectifs: 100,
    totalCost: 68500,
    amounts: { G: 22880, M: 34250, O: 11370 },
    fseRate: 0.5,
    totalOperation: 68500,
  },
];

const CLAUSES_2019: readonly Operation[] = [
  {
    action: "322D",
    operation: "OS2_Clauses PLIE facilitateur",
    operator: "PLIE",
    objectifs: 0.6,
    totalCost: 49469.73,
    amounts: { F: 0, G: 25344.73, H: 0, I: 0, J: 0, K: 0, L: 24125 },
    fseRate: null,
    totalOperation: 49469.73,
  },
];

const TOTAL_LABEL = "TOTAL APRES RÉPARTITION DES FINANCEMENTS :";

/**
 * The main table's TOTAL row as printed: E..K under their headers, then the
 * two FSE columns as one figure in L, so %FSE, Autofinancement and
 * Total opération stand in M, N and O (one column left of their header).
 */
const TOTAL_MAIN_2019: Record<string, SheetCell> = {
  A: {
    value: TOTAL_LABEL,
    note: "Tel qu'imprimé : les deux colonnes FSE sont totalisées en un seul montant (L), donc %FSE, Autofinancement et Total opération sont une colonne à gauche de leur en-tête.",
  },
  E: money(1136175.73),
  F: money(90000),
  G: money(184655.27),
  H: money(66288),
  I: money(35000),
  J: money(0),
  K: money(90670),
  L: money(533125.11),
  M: rate(0.4692),
  N: money(136437.35),
  O: money(1136175.73),
};

const BUDGET_2019: Record<string, SheetCell> = {
  A: "BUDGET disponible par les financeurs (CR,CG,GD, FSE) :",
  F: money(90000),
  G: money(210000),
  H: money(66288),
  I: money(35000),
  J: money(0),
  K: money(90670),
  L: money(600000),
};

/** The clauses table's TOTAL row: both tables, FSE printed once under FSE - CD21. */
const TOTAL_CLAUSES_2019: Record<string, SheetCell> = {
  A: TOTAL_LABEL,
  E: money(1185645.46),
  F: money(90000),
  G: money(210000),
  H: money(66288),
  I: money(35000),
  J: money(0),
  K: money(90670),
  L: money(557250.11),
  P: money(1185645.46),
};

const UNDER_2019: Record<string, SheetCell> = {
  A: "SOUS PROGRAMMATION POUR UN MONTANT DE :",
  F: money(0),
  G: money(0),
  H: money(0),
  I: money(0),
  J: money(0),
  K: money(0),
  L: money(42749.89),
};

const LEGEND_2019 = [
  "voté au copil et CA de décembre 2018",
  "voté au COPIL du 14 mars 2019",
  "voté au COPIL du 13/06/19",
  "voté au copil et CA de juin 2018",
  "voté au COPIL du 9 octobre 2018",
  "à voter au COPIL du 14 mars 2019",
  "à faire voter",
];

function operationCells(op: Operation): SheetCell[] {
  const cells: Record<string, SheetCell> = { A: op.action, B: op.operation, C: op.operator, E: money(op.totalCost) };
  if (op.objectifs !== null) cells.D = count(op.objectifs);
  for (const [letter, v] of Object.entries(op.amounts)) cells[letter] = money(v);
  if (op.fseRate !== null) cells.N = rate(op.fseRate);
  cells.P = money(op.totalOperation);
  return cellsAt(cells);
}

export function programmation2019(): SheetSpec {
  const b = new SheetBuilder("Programmation 2019", {
    columnWidths: WIDTHS_2019,
    numberFormats: NUMBER_FORMATS_2019,
    freeze: { rows: 3, columns: 3 },
    landscape: true,
  });
  b.title(cellsAt({ A: "Programmation PLIE 2019", M: "DOC 3 Bis" })); // 1
  b.group(GROUPS_2019); // 2
  b.header(HEADERS_MAIN); // 3
  for (const op of MAIN_2019) b.operation(operationCells(op)); // 4..15
  b.summary(cellsAt(TOTAL_MAIN_2019)); // 16
  b.summary(cellsAt(BUDGET_2019)); // 17
  b.blank(); // 18
  b.group(GROUPS_2019); // 19
  b.header(HEADERS_CLAUSES); // 20
  for (const op of CLAUSES_2019) b.operation(operationCells(op)); // 21
  b.blank(); // 22
  b.summary(cellsAt(TOTAL_CLAUSES_2019)); // 23
  b.summary(cellsAt(UNDER_2019)); // 24
  b.blank(); // 25
  b.footer(cellsAt({ A: "09/10/2019" })); // 26
  b.blank(); // 27
  for (const text of LEGEND_2019) b.footer(cellsAt({ B: text })); // 28..34
  return b.build();
}

async function main(): Promise<void> {
  const dir = path.join(repoRoot(), "examples");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "programmation-2019.xlsx");
  await writeWorkbook(file, [programmation2019()], { date: new Date("2019-10-09T00:00:00Z") });
  process.stdout.write(`${path.relative(process.cwd(), file) || file}\n`);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 1;
  });
}
