import * as path from "path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { readWorkbook } from "../src/cli/read";
import { DEFAULT_RULES } from "../src/domain/rules";
import { FINANCER_IDS } from "../src/domain/financers";
import { FINANCER as FINANCER_LABELS } from "../src/report/words/report";
import { centsFromNumber } from "../src/domain/money";
import { gridOf } from "../src/functions/arguments";
import {
  check,
  control,
  financerTotal,
  floorShortfall,
  fseRate,
  gap,
  maxFse,
  status,
  FUNCTION_WORDS,
} from "../src/functions/functions";
import { resetSettings, setSettings } from "../src/functions/settings-store";

/*
 * The custom functions on the ranges Excel really passes: whole columns
 * (`A:T` is 1 048 576 rows, nearly all empty), whole rows, empty cells as ""
 * (Excel's values) or null; and the arguments they refuse.
 */

const FIXTURES = path.resolve(__dirname, "../../shared/fixtures");

/** Rows of a whole column in Excel, and the width of `A:T`. */
const EXCEL_ROWS = 1_048_576;
const A_TO_T = 20;
const MAX_SAFE = Number.MAX_SAFE_INTEGER; // 2^53 − 1 cents

/** French figures as the messages print them: thousands with U+202F, a no-break space before € and %. */
const fr = (s: string): string => s.replace(/(\d) (?=\d{3}\b)/g, "$1\u202f").replace(/ (€|%)/g, "\u00a0$1");

/** The #VALUE! a call throws, with its message (CustomFunctions.Error in Excel, FunctionArgumentError here). */
function valueError(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    const err = e as { code?: string; message?: string };
    expect(err.code).toBe("#VALUE!");
    expect(typeof err.message).toBe("string");
    return err.message!;
  }
  throw new Error("no error thrown");
}

/**
 * A range as Excel passes it to a custom function: `height` rows of `width`
 * cells, the table on top, every other cell `empty`. One array per row, as
 * Excel gives them.
 */
function excelRange(
  table: readonly (readonly unknown[])[],
  width: number,
  height: number,
  empty: "" | null = "",
): unknown[][] {
  const out = new Array<unknown[]>(height);
  for (let r = 0; r < height; r++) {
    const src = table[r];
    const row: unknown[] = new Array(width);
    for (let c = 0; c < width; c++) {
      const v = src?.[c];
      row[c] = v === undefined || v === null ? empty : v;
    }
    out[r] = row;
  }
  return out;
}

/**
 * A programming table written for these tests, its figures checked by hand:
 *
 * - 422B Animation du PLIE: 100 000,00 € = 30 000 + 10 000 + 50 000 (FSE) + 10 000; 50 % → Projet.
 * - 422D Atelier mobilité: 35 922,00 € = 10 000 + 5 957 + 17 965 (FSE) + 2 000; 17 965 < 20 000 and
 *   17 965 / 35 922 = 50,01 % > 50 % → Lettre de commande; largest FSE 17 961,00 € (excess 4,00 €),
 *   2 035,00 € short of the floor.
 * - 322D Chantier d'insertion: 60 000,50 € but its financers add up to 20 000,50 + 10 000 + 25 000
 *   (FSE) + 4 000 = 59 000,50 €: unbalanced by 1 000,00 €; 25 000 / 60 000,50 = 41,67 % → Projet.
 * - TOTAL: 195 922,50 €; Dijon Métropole 60 000,50; Conseil départemental 25 957,00; FSE 92 965,00;
 *   Autofinancement 16 000,00.
 */
const TABLE: readonly (readonly unknown[])[] = [
  [
    "Action",
    "OPERATIONS",
    "Opérateurs",
    "Dépenses totales",
    "Collectivité - Dijon Métropole",
    "Collectivité - Conseil Départemental",
    "Etat - FSE",
    "AUTRE - Autofinancement",
    "%FSE",
    "Total opération",
  ],
  ["422B", "Animation du PLIE", "PLIE", 100000, 30000, 10000, 50000, 10000, 0.5, 100000],
  ["422D", "Atelier mobilité", "Mobilité 21", 35922, 10000, 5957, 17965, 2000, 0.5001, 35922],
  ["322D", "Chantier d'insertion", "ACI Dijon", 60000.5, 20000.5, 10000, 25000, 4000, 0.4167, 60000.5],
  ["TOTAL", "", "", 195922.5, 60000.5, 25957, 92965, 16000, "", 195922.5],
];

const EXPECTED_CONTROL = [
  FUNCTION_WORDS.controlHeader,
  ["422B", "Animation du PLIE", "PLIE", "Projet", 50000, 0.5, "OK"],
  [
    "422D",
    "Atelier mobilité",
    "Mobilité 21",
    "Lettre de commande",
    17965,
    0.5001,
    fr(
      "FSE de 17 965,00 € sous le plancher de 20 000,00 € : il manque 2 035,00 € ; la ligne ne peut pas être un projet. " +
        "Un projet demande au moins 40 000,00 € de dépenses totales. ; " +
        "Taux FSE de 50,01 % au-dessus du plafond de 50,00 % : 17 965,00 € de FSE pour 35 922,00 € de dépenses ; FSE maximal 17 961,00 € (excédent 4,00 €).",
    ),
  ],
  [
    "322D",
    "Chantier d'insertion",
    "ACI Dijon",
    "Projet",
    25000,
    0.4167,
    fr(
      "Plan de financement déséquilibré : les financeurs totalisent 59 000,50 € pour 60 000,50 € de dépenses totales (écart 1 000,00 €).",
    ),
  ],
];

afterEach(() => resetSettings());

describe("whole columns: =PLIE.CONTROLE(A:T), =PLIE.TOTAL_FINANCEUR(A:T; …), =PLIE.ECART(E5; F:F)", () => {
  /** A:T as Excel gives it, empty cells as "" (built once: 1 048 576 arrays). */
  let column: unknown[][] = [];
  beforeAll(() => {
    column = excelRange(TABLE, A_TO_T, EXCEL_ROWS);
  });

  it("the table alone gives the figures computed by hand", () => {
    const range = excelRange(TABLE, A_TO_T, TABLE.length);
    expect(control(range)).toEqual(EXPECTED_CONTROL);
    expect(financerTotal(range, "FSE")).toBe(92965);
    expect(financerTotal(range, "Dijon Métropole")).toBe(60000.5);
  });

  it('A:T with empty cells as "" (1 048 576 rows × 20 columns): the same rows and totals', () => {
    expect(column.length).toBe(EXCEL_ROWS);
    expect(control(column)).toEqual(EXPECTED_CONTROL);
    expect(financerTotal(column, "FSE")).toBe(92965);
    expect(financerTotal(column, "Etat - FSE")).toBe(92965);
    expect(financerTotal(column, "Dijon Métropole")).toBe(60000.5);
    expect(financerTotal(column, "Conseil départemental")).toBe(25957);
    expect(financerTotal(column, "Autofinancement")).toBe(16000);
    // A financer without a column in the table totals 0, not an error.
    expect(financerTotal(column, "État")).toBe(0);
  });

  it("A:T with empty cells as null (as Excel on the web may give them): the same rows and totals", () => {
    const nulls = excelRange(TABLE, A_TO_T, EXCEL_ROWS, null);
    expect(control(nulls)).toEqual(EXPECTED_CONTROL);
    expect(financerTotal(nulls, "FSE")).toBe(92965);
  });

  it("a note at the very bottom of the column (A1048576): nothing can be trimmed, the results stay", () => {
    column[EXCEL_ROWS - 1][0] = "Mis à jour le 10/10/2019";
    try {
      expect(control(column)).toEqual(EXPECTED_CONTROL);
      expect(financerTotal(column, "Dijon Métropole")).toBe(60000.5);
    } finally {
      column[EXCEL_ROWS - 1][0] = "";
    }
  });

  it("ECART over a whole column F:F: the line's financers on top, the rest empty", () => {
    // Chantier d'insertion: 60 000,50 € − (20 000,50 + 10 000 + 25 000 + 4 000) = 1 000,00 €.
    const f = excelRange([[20000.5], [10000], [25000], [4000]], 1, EXCEL_ROWS);
    expect(gap(60000.5, f)).toBe(1000);
    expect(gap("60 000,50 €", f)).toBe(1000);
    // Amounts as French text, one of them in the very last cell of the column.
    const spread = excelRange([["20 000,50 €"], [""], ["10 000,00 €"], ["25 000"]], 1, EXCEL_ROWS, null);
    spread[EXCEL_ROWS - 1][0] = "4 000,00 €";
    expect(gap(60000.5, spread)).toBe(1000);
    // Balanced: the three others of the table.
    expect(gap(100000, excelRange([[30000], [10000], [50000], [10000]], 1, EXCEL_ROWS))).toBe(0);
    // VERIFIER takes the same whole column.
    expect(check(60000.5, 25000, f)).toBe(EXPECTED_CONTROL[3][6]);
  });

  it("ECART over a whole row (F5:XFD5, 16 379 cells)", () => {
    const row: unknown[] = new Array(16379).fill("");
    row[0] = 20000.5;
    row[1] = 10000;
    row[2] = 25000;
    row[16378] = 4000;
    expect(gap(60000.5, [row])).toBe(1000);
  });

  it("the 2019 sheet in a whole column: its printed totals", async () => {
    const grids = await readWorkbook(path.join(FIXTURES, "programmation-2019.xlsx"));
    const sheet = excelRange(grids[0].values, A_TO_T, EXCEL_ROWS);
    expect(financerTotal(sheet, "FSE")).toBe(557250.11);
    expect(financerTotal(sheet, "Dijon Métropole")).toBe(210000);
    const out = control(sheet);
    expect(out.length).toBe(14);
    expect(out[1]).toEqual(["422B", "OS3 Service PLIE (Partie Animation)", "PLIE", "Projet", 129103.56, 0.4441, "OK"]);
  });

  it("gridOf trims the empty rows and columns, and copies no row it can use as it is", () => {
    const small = excelRange([["Action", "Dépenses totales"], [], ["422B", 100000]], A_TO_T, EXCEL_ROWS);
    const grid = gridOf(small, "Tableau");
    expect(grid.values.length).toBe(3);
    // The empty row inside is one shared empty row; the others are Excel's own rows (no copy of 20 cells).
    expect(grid.values[1].length).toBe(0);
    expect(grid.values[0]).toBe(small[0]);
    expect(grid.values[2]).toBe(small[2]);
    expect(gridOf(column, "Tableau").values.length).toBe(TABLE.length);
    // Rows shorter than the width, and rows with values that are not plain cells, are copied to the width; a
    // plain row wider by empty cells only is used as it is.
    const rows = [["a"], ["b", 2, ""], [{ x: 1 }, ""], [null, null]];
    const ragged = gridOf(rows, "Tableau");
    expect(ragged.values).toEqual([
      ["a", null],
      ["b", 2, ""],
      ['{"x":1}', ""],
    ]);
    expect(ragged.values[1]).toBe(rows[1]);
    // Nothing but empty cells: no table.
    const emptyRow = new Array<string>(A_TO_T).fill("");
    expect(valueError(() => control(Array.from({ length: EXCEL_ROWS }, () => emptyRow)))).toContain(
      "Aucun tableau de programmation",
    );
  });
});

describe("negative amounts: #VALUE! with a message, except in VERIFIER which reports them", () => {
  const negative = (what: string, text: string) =>
    `${what}\u00a0: «\u00a0${text}\u00a0» est un montant négatif (un montant du plan de financement est positif ou nul).`;

  it("TAUX_FSE", () => {
    expect(valueError(() => fseRate(-5, 40000))).toBe(negative("FSE", "-5"));
    expect(valueError(() => fseRate("-20 000,00 €", 40000))).toBe(negative("FSE", "-20 000,00 €"));
    expect(valueError(() => fseRate(20000, -40000))).toContain("demande des dépenses positives");
    expect(fseRate(0, 40000)).toBe(0);
  });

  it("STATUT", () => {
    expect(valueError(() => status(-40000, 20000))).toBe(negative("Dépenses totales", "-40000"));
    expect(valueError(() => status(40000, "-20 000,00 €"))).toBe(negative("FSE", "-20 000,00 €"));
    expect(status(40000, 20000)).toBe("Projet");
  });

  it("FSE_MAX and MANQUE_PLANCHER", () => {
    expect(valueError(() => maxFse(-34542.69))).toBe(negative("Dépenses totales", "-34542,69"));
    expect(valueError(() => floorShortfall(-0.01))).toBe(negative("FSE", "-0,01"));
    expect(maxFse(0)).toBe(0);
    expect(floorShortfall(0)).toBe(20000);
  });

  it("ECART: a negative total or financer", () => {
    expect(valueError(() => gap(-100, [[50, 50]]))).toBe(negative("Dépenses totales", "-100"));
    expect(valueError(() => gap(100, [[150, "-50"]]))).toBe(negative("Financements", "-50"));
    expect(gap(100, [[150, 0]])).toBe(-50);
  });

  it("VERIFIER still reports them as findings", () => {
    expect(check(40000, -5)).toContain(fr("Montant négatif (-5,00 €)"));
    expect(check(40000, 20000, [[30000, -10000]])).toContain(fr("Montant négatif (-10 000,00 €)"));
  });
});

describe("TOTAL_FINANCEUR: a header that names no financer is #VALUE!", () => {
  const table = excelRange(TABLE, 12, TABLE.length);
  const notAFinancer = (name: string, what: string) =>
    `Financeur\u00a0: «\u00a0${name}\u00a0» n'est pas un financeur\u00a0: cette colonne donne ${what}. Donnez un financeur (« FSE », « Dijon Métropole »…).`;

  it("%FSE, Taux FSE, Part FSE: the FSE rate", () => {
    expect(valueError(() => financerTotal(table, "%FSE"))).toBe(
      notAFinancer("%FSE", "le taux FSE de chaque opération"),
    );
    expect(valueError(() => financerTotal(table, "Taux FSE"))).toBe(
      notAFinancer("Taux FSE", "le taux FSE de chaque opération"),
    );
    expect(valueError(() => financerTotal(table, "Part FSE"))).toContain("n'est pas un financeur");
    expect(valueError(() => financerTotal(table, "% Région"))).toBe(notAFinancer("% Région", "un taux"));
  });

  it("Dépenses totales, Total opération, FSE sollicité, Opérateurs", () => {
    expect(valueError(() => financerTotal(table, "Dépenses totales"))).toBe(
      notAFinancer("Dépenses totales", "les dépenses totales de chaque opération"),
    );
    expect(valueError(() => financerTotal(table, "Coût total"))).toContain("les dépenses totales");
    expect(valueError(() => financerTotal(table, "Total opération"))).toBe(
      notAFinancer("Total opération", "le total de chaque opération"),
    );
    expect(valueError(() => financerTotal(table, "FSE sollicité"))).toContain("le FSE sollicité");
    expect(valueError(() => financerTotal(table, "Opérateurs"))).toBe(notAFinancer("Opérateurs", "les opérateurs"));
  });

  it("a header the user's column roles give another role", () => {
    setSettings({ rules: DEFAULT_RULES, aliases: [], columns: [{ header: "Fondation X", role: "ignorer" }] });
    expect(valueError(() => financerTotal(table, "Fondation X"))).toBe(
      notAFinancer("Fondation X", "une colonne que les paramètres font ignorer"),
    );
  });

  it("every financer still answers by its id, its French and English labels", () => {
    for (const id of FINANCER_IDS) {
      const expected =
        id === "fse"
          ? 92965
          : id === "dijon_metropole"
            ? 60000.5
            : id === "conseil_departemental"
              ? 25957
              : id === "autofinancement"
                ? 16000
                : 0;
      expect([id, financerTotal(table, id)]).toEqual([id, expected]);
      expect([FINANCER_LABELS[id].fr, financerTotal(table, FINANCER_LABELS[id].fr)]).toEqual([
        FINANCER_LABELS[id].fr,
        expected,
      ]);
      expect([FINANCER_LABELS[id].en, financerTotal(table, FINANCER_LABELS[id].en)]).toEqual([
        FINANCER_LABELS[id].en,
        expected,
      ]);
    }
    expect(financerTotal(table, "FSE - CD21")).toBe(92965);
    expect(financerTotal(table, "Montant total FSE")).toBe(92965);
  });
});

describe("text amounts with a dot that may be a decimal point", () => {
  const ambiguous = (what: string, text: string) =>
    `${what}\u00a0: «\u00a0${text}\u00a0» est ambigu\u00a0: le point peut séparer les centimes ou les milliers. ` +
    `Écrivez les centimes après une virgule (25,43) et les milliers sans point ou avec une espace (25 430), ou donnez un nombre.`;

  it("« 25.43 » is #VALUE! saying why, never read as 25,43 or 2 543", () => {
    expect(valueError(() => status("25.43", 10000))).toBe(ambiguous("Dépenses totales", "25.43"));
    expect(valueError(() => floorShortfall("1158459.58"))).toBe(ambiguous("FSE", "1158459.58"));
    expect(valueError(() => gap(100000, [["50 000,00 €", "25.43"]]))).toBe(ambiguous("Financements", "25.43"));
    expect(valueError(() => check(100000, "25.43"))).toBe(ambiguous("FSE", "25.43"));
  });

  it("TOTAL_FINANCEUR: « 25.43 » in the financer's column is #VALUE! naming the line, never left out of the total", () => {
    const table = excelRange(TABLE, 12, TABLE.length);
    table[2][6] = "17965.00";
    expect(valueError(() => financerTotal(table, "FSE"))).toBe(
      "FSE, ligne 3 du tableau\u00a0: Montant ambigu « 17965.00 » : le point peut séparer les centimes ou les milliers. " +
        "Écrivez les centimes après une virgule (25,43) et les milliers sans point ou avec une espace (25 430).",
    );
    // The other financers' totals do not need that cell.
    expect(financerTotal(table, "Dijon Métropole")).toBe(60000.5);
  });

  it("dots that group thousands and numbers are read as before", () => {
    expect(status("40.000", "20.000")).toBe("Projet");
    expect(floorShortfall("19.999,99")).toBe(0.01);
    expect(floorShortfall(19999.99)).toBe(0.01);
  });
});

describe("sums beyond 2^53 cents: exact or #VALUE!, never a cent off", () => {
  const tooLarge = (what: string) =>
    `${what}\u00a0: somme trop grande pour être exacte au centime (au-delà de ${fr("90 071 992 547 409,91 €")}) ; vérifiez les montants, un nombre a pu être saisi à la place d'un autre.`;
  // 9 000 000 000 000,00 € is 9 × 10^14 cents; nine of them are 8,1 × 10^15 cents.
  const NINE = Array.from({ length: 9 }, () => "9 000 000 000 000,00 €");
  /** Financements adding up to `cents` (≥ 8,1 × 10^15): nine big amounts and the rest, all as French text. */
  const financingOf = (cents: bigint): string[][] => {
    const rest = cents - BigInt(9) * BigInt(900_000_000_000_000);
    const euros = rest / BigInt(100);
    const cc = (rest % BigInt(100)).toString().padStart(2, "0");
    return [NINE.concat([`${euros.toString().replace(/\B(?=(\d{3})+$)/g, " ")},${cc} €`])];
  };

  beforeAll(() => {
    // The two doubles around 2^53 − 1 cents: 2^53 − 1 reads back as itself, 2^53 − 2 does not (both print 90 071 992 547 409,9).
    expect(centsFromNumber(MAX_SAFE / 100)).toMatchObject({ ok: true, cents: MAX_SAFE });
    expect(centsFromNumber((MAX_SAFE - 1) / 100)).toMatchObject({ ok: true, cents: MAX_SAFE });
  });

  it("ECART at 2^53 − 1 cents: exact; at 2^53: #VALUE!", () => {
    expect(financingOf(BigInt(MAX_SAFE))[0][9]).toBe("9 071 992 547 409,91 €");
    const atMax = gap(0, financingOf(BigInt(MAX_SAFE)));
    expect(atMax).toBe(-MAX_SAFE / 100);
    expect(centsFromNumber(atMax)).toMatchObject({ ok: true, cents: -MAX_SAFE });
    expect(valueError(() => gap(0, financingOf(BigInt(MAX_SAFE) + BigInt(1))))).toBe(tooLarge("Financements"));
    expect(valueError(() => gap(0, financingOf(BigInt(MAX_SAFE) + BigInt(500))))).toBe(tooLarge("Financements"));
    // A sum below 2^53 whose euros no number holds to the cent is refused too.
    expect(valueError(() => gap(0, financingOf(BigInt(MAX_SAFE) - BigInt(1))))).toBe(tooLarge("Financements"));
    // Well below: exact to the cent (9 999 999 999 999,99 € − 81 000 000 000 000,01 €).
    const below = gap("9 999 999 999 999,99 €", financingOf(BigInt("8100000000000001")));
    expect(below).toBe(-71_000_000_000_000.02);
    expect(centsFromNumber(below)).toMatchObject({ ok: true, cents: -7_100_000_000_000_002 });
  });

  it("VERIFIER's balance check refuses such a sum rather than round it", () => {
    expect(valueError(() => check(100000, 50000, financingOf(BigInt(MAX_SAFE) + BigInt(1))))).toBe(
      tooLarge("Financements"),
    );
  });

  /** A table whose FSE column holds `amounts` (French text), one line each. */
  const fseTable = (amounts: readonly string[]): unknown[][] => [
    ["Action", "OPERATIONS", "Opérateurs", "Dépenses totales", "Etat - FSE", "AUTRE - Autofinancement"],
    ...amounts.map((a, i) => [
      `4${String(i).padStart(2, "0")}B`,
      `Opération ${i + 1}`,
      `Opérateur ${i + 1}`,
      100000,
      a,
      "",
    ]),
  ];

  it("TOTAL_FINANCEUR at 2^53 − 1 cents: exact; at 2^53: #VALUE!", () => {
    const at = (cents: bigint) => fseTable(financingOf(cents)[0]);
    expect(financerTotal(at(BigInt(MAX_SAFE)), "FSE")).toBe(MAX_SAFE / 100);
    expect(valueError(() => financerTotal(at(BigInt(MAX_SAFE) + BigInt(1)), "FSE"))).toBe(tooLarge("FSE"));
  });

  it("TOTAL_FINANCEUR: partial sums beyond 2^53 that come back below are added exactly", () => {
    // Eleven lines of 9 000 000 000 000,01 € (the running sum passes 2^53), then ten of −9 000 000 000 000,01 €: 9 000 000 000 000,01 €.
    const amounts = [
      ...Array.from({ length: 11 }, () => "9 000 000 000 000,01 €"),
      ...Array.from({ length: 10 }, () => "-9 000 000 000 000,01 €"),
    ];
    // Added as plain numbers, the same cents lose one.
    let naive = 0;
    for (const a of amounts) naive += a.startsWith("-") ? -900_000_000_000_001 : 900_000_000_000_001;
    expect(naive).not.toBe(900_000_000_000_001);
    expect(financerTotal(fseTable(amounts), "FSE")).toBe(9_000_000_000_000.01);
    expect(centsFromNumber(financerTotal(fseTable(amounts), "FSE"))).toMatchObject({
      ok: true,
      cents: 900_000_000_000_001,
    });
  });
});
