/// <reference types="custom-functions-runtime" />
/**
 * The add-in's custom functions (namespace PLIE, from the manifest): thin
 * wrappers over the rules engine. Ids are English and stable; names are
 * French here (functions.json) and English in functions.en.json (names.ts).
 * Every function reads the workbook's settings when it runs, so a
 * recalculation after the settings change follows them.
 *
 * The build appends the `CustomFunctions.associate` calls to this file; it
 * must not call them itself.
 */
import { checkLine, type LineResult } from "../domain/line-checks";
import { isFinancerId, type FinancerId } from "../domain/financers";
import { finding, type Finding } from "../domain/findings";
import { FSE_COMPLETE } from "../domain/lines";
import type { ColumnRole, Line, LineLayout } from "../domain/model";
import { asCents, centsFromNumber, centsToEuros, MAX_CENTS, subCents, ZERO_CENTS, type Cents } from "../domain/money";
import { classify, fseShortfall, maxFseAllowed, type Classification } from "../domain/rules";
import { columnLetters } from "../domain/address";
import { formatEuros } from "../report/format";
import { findingMessage } from "../report/messages";
import { word } from "../report/words/lookup";
import { FINANCER } from "../report/words/report";
import { HeaderReader } from "../sheet/headers";
import { analyseSheet } from "../sheet/workbook";
import type { SheetResult } from "../domain/check";
import type { Settings } from "../domain/settings";
import { normalizeLabel } from "../domain/text";
import {
  amountOrZero,
  amountsOf,
  colon,
  gridOf,
  invalidValue,
  isBlankArg,
  nonNegative,
  quoted,
  readAmountArg,
  requiredAmount,
  requiredText,
  resolveFinancer,
  type AmountArg,
} from "./arguments";
import { connectSettings } from "./runtime";
import { aliasTableOf, currentSettings } from "./settings-store";

connectSettings();

/** Words of the functions' results, French first. */
export const FUNCTION_WORDS = {
  ok: "OK",
  status: { projet: "Projet", lettre_de_commande: "Lettre de commande", none: "Non classée" },
  separator: " ; ",
  controlHeader: ["Action", "Opération", "Opérateur", "Statut", "FSE", "Taux FSE", "Anomalies"],
  args: {
    totalCost: "Dépenses totales",
    fse: "FSE",
    financing: "Financements",
    totalOperation: "Total opération",
    table: "Tableau",
    financer: "Financeur",
  },
} as const;

const A = FUNCTION_WORDS.args;

/**
 * Taux FSE d'une opération : FSE ÷ dépenses totales (un nombre, à mettre au format pourcentage).
 * @customfunction FSE_RATE TAUX_FSE
 * @helpurl https://localhost:3000/aide.html#TAUX_FSE
 * @param fse Montant FSE de l'opération (nombre ou texte « 1 234,56 € » ; vide : 0).
 * @param depenses Dépenses totales de l'opération.
 * @returns Le taux FSE (0,4985 pour 49,85 %).
 */
export function fseRate(fse: unknown, depenses: unknown): number {
  const f = nonNegative(amountOrZero(fse, A.fse), A.fse);
  const total = requiredAmount(depenses, A.totalCost);
  if (total.cents <= 0)
    throw invalidValue(`${A.totalCost}${colon}${quoted(total.text)} : le taux FSE demande des dépenses positives.`);
  return f.cents / total.cents;
}

/**
 * « Projet » si l'opération respecte le plancher et le plafond FSE, sinon « Lettre de commande ».
 * @customfunction STATUS STATUT
 * @helpurl https://localhost:3000/aide.html#STATUT
 * @param depenses Dépenses totales de l'opération.
 * @param fse Montant FSE de l'opération (vide : 0).
 * @returns « Projet » ou « Lettre de commande ».
 */
export function status(depenses: unknown, fse: unknown): string {
  const total = nonNegative(requiredAmount(depenses, A.totalCost), A.totalCost);
  const f = nonNegative(amountOrZero(fse, A.fse), A.fse);
  return statusWord(classify(f.cents, total.cents, currentSettings().rules));
}

/**
 * Vérifie une ligne d'opération : « OK », ou ses anomalies en clair séparées par « ; ».
 * @customfunction CHECK VERIFIER
 * @helpurl https://localhost:3000/aide.html#VERIFIER
 * @param depenses Dépenses totales de l'opération.
 * @param fse Montant FSE de l'opération (somme de ses colonnes FSE ; vide : 0).
 * @param [financements] Facultatif : les montants des financeurs de la ligne, FSE compris, sur une ligne ou une colonne (cellules vides : 0), pour vérifier l'équilibre du plan de financement.
 * @param [total_operation] Facultatif : le Total opération imprimé, comparé aux dépenses totales.
 * @returns « OK » ou les anomalies de la ligne.
 */
export function check(depenses: unknown, fse: unknown, financements?: unknown[][], total_operation?: unknown): string {
  const result = checkArguments(depenses, fse, financements, total_operation);
  return wordsOf(result.findings);
}

/**
 * FSE maximal que le plafond autorise sur ces dépenses totales (en euros, arrondi au centime inférieur).
 * @customfunction MAX_FSE FSE_MAX
 * @helpurl https://localhost:3000/aide.html#FSE_MAX
 * @param depenses Dépenses totales de l'opération.
 * @returns Le FSE maximal, en euros.
 */
export function maxFse(depenses: unknown): number {
  const total = nonNegative(requiredAmount(depenses, A.totalCost), A.totalCost);
  return euros(maxFseAllowed(total.cents, currentSettings().rules));
}

/**
 * FSE manquant pour atteindre le plancher (0 quand il est atteint).
 * @customfunction FLOOR_SHORTFALL MANQUE_PLANCHER
 * @helpurl https://localhost:3000/aide.html#MANQUE_PLANCHER
 * @param fse Montant FSE de l'opération (vide : 0).
 * @returns Le FSE manquant, en euros.
 */
export function floorShortfall(fse: unknown): number {
  const f = nonNegative(amountOrZero(fse, A.fse), A.fse);
  return euros(fseShortfall(f.cents, currentSettings().rules));
}

/**
 * Dépenses totales moins la somme des financeurs (0 quand le plan de financement est équilibré).
 * @customfunction GAP ECART
 * @helpurl https://localhost:3000/aide.html#ECART
 * @param depenses Dépenses totales de l'opération.
 * @param financements Les montants des financeurs de la ligne, FSE compris, sur une ligne ou une colonne (cellules vides : 0 ; une colonne entière, F:F, convient).
 * @returns L'écart, en euros.
 */
export function gap(depenses: unknown, financements: unknown[][]): number {
  const total = nonNegative(requiredAmount(depenses, A.totalCost), A.totalCost);
  const financing = amountsOf(financements, A.financing, { nonNegative: true });
  return exactEuros(
    subCents(
      total.cents,
      exactSum(financing, (a) => a.cents, A.financing),
    ),
    A.financing,
  );
}

/**
 * Total programmé par un financeur dans un tableau de programmation (la plage commence à la ligne d'en-tête).
 * @customfunction FINANCER_TOTAL TOTAL_FINANCEUR
 * @helpurl https://localhost:3000/aide.html#TOTAL_FINANCEUR
 * @param tableau Le tableau de programmation, de sa (ses) ligne(s) d'en-tête à sa dernière ligne (des colonnes entières, A:T, conviennent).
 * @param financeur Le financeur : un en-tête de colonne (« Collectivité - Grand Dijon »), un nom (« Dijon Métropole », « FSE ») ou un identifiant (« dijon_metropole »).
 * @returns Le total du financeur, en euros.
 */
export function financerTotal(tableau: unknown[][], financeur: unknown): number {
  const settings = currentSettings();
  const name = requiredText(financeur, A.financer);
  const id = financerNamed(name, settings);
  const sheet = analyseTable(tableau);
  const unreadable = unreadableCellOf(sheet, id);
  if (unreadable) {
    throw invalidValue(
      `${word(FINANCER[id], "fr")}, ligne ${unreadable.row ?? "?"} du tableau${colon}${findingMessage(unreadable, "fr")}`,
    );
  }
  return exactEuros(financerCents(sheet, id), word(FINANCER[id], "fr"));
}

/**
 * Contrôle chaque opération d'un tableau de programmation : une ligne par opération avec son statut, son FSE, son taux FSE et ses anomalies (après une ligne d'en-tête).
 * @customfunction CONTROL CONTROLE
 * @helpurl https://localhost:3000/aide.html#CONTROLE
 * @param tableau Le tableau de programmation, de sa (ses) ligne(s) d'en-tête à sa dernière ligne (des colonnes entières, A:T, conviennent).
 * @returns Un tableau : Action, Opération, Opérateur, Statut, FSE, Taux FSE, Anomalies.
 */
export function control(tableau: unknown[][]): unknown[][] {
  const sheet = analyseTable(tableau);
  let count = 1;
  for (const t of sheet.tables) count += t.checks.count;
  const out = new Array<(string | number)[]>(count);
  out[0] = FUNCTION_WORDS.controlHeader.slice();
  let k = 1;
  // Straight from the checks' columns: no line object is built (see LineData, LineChecks).
  for (const t of sheet.tables) {
    const checks = t.checks;
    const d = checks.data;
    const source = d.source;
    for (let i = 0; i < checks.count; i++) {
      const at = d.sourceIndexOf(i);
      const rate = checks.fseRateOf(i);
      out[k++] = [
        source.action(at),
        source.operation(at),
        source.operator(at),
        statusWord(checks.classificationOf(i)),
        (d.flagsOf(i) & FSE_COMPLETE) === 0 ? "" : euros(d.fseOf(i)),
        rate === null ? "" : rate,
        wordsOf(checks.findingsAt(i)),
      ];
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Below: plain helpers (no @customfunction tag), shared by the functions.

function euros(cents: Cents): number {
  return centsToEuros(cents);
}

function sumOf(amounts: readonly AmountArg[]): Cents {
  return exactSum(amounts, (a) => a.cents, A.financing);
}

/** The largest sum of cents that is exact: 2^53 − 1 cents (90 071 992 547 409,91 €). */
const MAX_EXACT_CENTS = Number.MAX_SAFE_INTEGER;

/** The #VALUE! of a sum too large to be exact, naming what was added up. */
function tooLarge(what: string): unknown {
  return invalidValue(
    `${what}${colon}somme trop grande pour être exacte au centime (au-delà de ${formatEuros(MAX_CENTS, "fr")}) ; vérifiez les montants, un nombre a pu être saisi à la place d'un autre.`,
  );
}

/**
 * The exact sum of integer cents. Added as numbers while every partial sum
 * is a safe integer (the common case); when one is not, the sum is made
 * again with BigInt, so that no order of the amounts loses a cent. A sum
 * beyond 2^53 − 1 cents is #VALUE!, never a rounded figure.
 */
function exactSum<T>(items: readonly T[], cents: (item: T) => Cents, what: string): Cents {
  let s = 0;
  for (const item of items) {
    s += cents(item);
    if (s > MAX_EXACT_CENTS || s < -MAX_EXACT_CENTS) return exactBigSum(items, cents, what);
  }
  // Every partial sum was a safe integer, so is the sum.
  return asCents(s);
}

function exactBigSum<T>(items: readonly T[], cents: (item: T) => Cents, what: string): Cents {
  let s = BigInt(0);
  for (const item of items) s += BigInt(cents(item));
  if (s > BigInt(MAX_EXACT_CENTS) || s < -BigInt(MAX_EXACT_CENTS)) throw tooLarge(what);
  return asCents(Number(s));
}

/**
 * Cents as the euros a cell shows, when that number is exactly those cents
 * (read back, it gives the same cents); else #VALUE!. Beyond about 2^51
 * cents a double no longer holds every cent.
 */
function exactEuros(cents: Cents, what: string): number {
  if (!Number.isSafeInteger(cents)) throw tooLarge(what);
  const e = centsToEuros(cents);
  const back = centsFromNumber(e);
  if (!back.ok || back.cents !== cents) throw tooLarge(what);
  return e;
}

function statusWord(c: Classification | null): string {
  return c === null ? FUNCTION_WORDS.status.none : FUNCTION_WORDS.status[c];
}

function wordsOf(findings: readonly Finding[]): string {
  return findings.length === 0
    ? FUNCTION_WORDS.ok
    : findings.map((f) => findingMessage(f, "fr")).join(FUNCTION_WORDS.separator);
}

/** Columns of the one-line sheet that VERIFIER checks: A Dépenses totales, B FSE, C Total opération. */
const TOTAL_COST_COL = 0;
const FSE_COL = 1;
const TOTAL_OPERATION_COL = 2;

/** Reading findings of an amount argument, as the sheet parser raises them. */
function readingFindings(a: AmountArg | null, col: number, out: Finding[]): void {
  if (!a) return;
  const cell = `${columnLetters(col)}1`;
  if (a.subCent) out.push(finding("SUB_CENT_AMOUNT", cell, 1, { text: a.text, roundedCents: a.cents }));
  if (a.cents < 0) out.push(finding("NEGATIVE_AMOUNT", cell, 1, { amountCents: a.cents }));
}

/** The arguments of VERIFIER as a one-line programming, checked by the engine. */
export function checkArguments(
  depenses: unknown,
  fse: unknown,
  financements?: unknown,
  totalOperation?: unknown,
): LineResult {
  const total = readAmountArg(depenses, A.totalCost);
  const f = amountOrZero(fse, A.fse);
  const financing = isBlankArg(financements) ? null : amountsOf(financements, A.financing);
  const printed = readAmountArg(totalOperation, A.totalOperation);
  const findings: Finding[] = [];
  if (total === null) findings.push(finding("MISSING_TOTAL_COST", `${columnLetters(TOTAL_COST_COL)}1`, 1, {}));
  readingFindings(total, TOTAL_COST_COL, findings);
  readingFindings(f, FSE_COL, findings);
  for (const a of financing ?? []) readingFindings(a, FSE_COL, findings);
  readingFindings(printed, TOTAL_OPERATION_COL, findings);
  const layout: LineLayout = {
    totalCost: TOTAL_COST_COL,
    fseRate: -1,
    totalOperation: printed ? TOTAL_OPERATION_COL : -1,
    fseRequested: -1,
    financers: [],
    financerColumns: [],
  };
  const line: Line = {
    row: 1,
    action: "",
    operation: "",
    operator: "",
    objectifs: null,
    totalCost: total ? total.cents : null,
    financerAmounts: [],
    sumOfFinancers: financing ? sumOf(financing) : ZERO_CENTS,
    financersComplete: financing !== null,
    fse: f.cents,
    fseComplete: true,
    fseCol: FSE_COL,
    printedRate: null,
    printedTotalOperation: printed ? printed.cents : null,
    fseRequested: null,
    hostOverride: null,
    status: null,
    layout,
    findings,
  };
  return checkLine(line, 0, currentSettings().rules);
}

/** A range holding a programming table, parsed and checked with the workbook's settings. */
function analyseTable(tableau: unknown): SheetResult {
  const settings = currentSettings();
  const sheet = analyseSheet(gridOf(tableau, A.table), {
    rules: settings.rules,
    aliases: aliasTableOf(settings),
    columns: settings.columns,
  });
  if (sheet.sheet.tables.length === 0) {
    throw invalidValue(`${A.table}${colon}${findingMessage(finding("NO_TABLE", null, null, {}), "fr")}`);
  }
  return sheet;
}

/** What a column of each role holds, for the message of a header that names no financer. */
const ROLE_WORDS: Partial<Record<ColumnRole, string>> = {
  fseRate: "le taux FSE de chaque opération",
  rate: "un taux",
  totalCost: "les dépenses totales de chaque opération",
  totalOperation: "le total de chaque opération",
  fseRequested: "le FSE sollicité (demandé), montré à côté du FSE programmé mais jamais additionné",
  action: "le code action",
  operation: "le nom des opérations",
  operator: "les opérateurs",
  objectifs: "les objectifs",
  host: "le projet de rattachement",
  status: "le statut COPIL",
  ignored: "une colonne que les paramètres font ignorer",
};

/**
 * The financer the user names: a canonical id, a header the user's column
 * roles or the alias table give a financer, or a financer's label. A header
 * that names another role (`%FSE`, `Dépenses totales`, `Total opération`)
 * is #VALUE!, never read as the financer its words contain.
 */
function financerNamed(name: string, settings: Settings): FinancerId {
  const aliases = aliasTableOf(settings);
  const asId = normalizeLabel(name).replace(/[\s-]+/g, "_");
  if (isFinancerId(asId)) return asId;
  const reading = new HeaderReader(aliases, settings.columns ?? []).read(name);
  if (reading && reading.role === "financer" && reading.financer) return reading.financer;
  if (reading && reading.role !== "other") {
    const what = ROLE_WORDS[reading.role] ?? "une autre donnée";
    throw invalidValue(
      `${A.financer}${colon}${quoted(name)} n'est pas un financeur${colon}cette colonne donne ${what}. Donnez un financeur (« FSE », « Dijon Métropole »…).`,
    );
  }
  const id = resolveFinancer(name, aliases);
  if (!id)
    throw invalidValue(
      `${A.financer}${colon}${quoted(name)} inconnu (ajoutez un alias dans les paramètres si c'est un en-tête de colonne).`,
    );
  return id;
}

/**
 * A financer's exact total over the sheet's tables, from the cells of its
 * columns (the parser's own reading of each line's amounts), summed without
 * losing a cent (see exactSum).
 */
function financerCents(sheet: SheetResult, id: FinancerId): Cents {
  const parts: Cents[] = [];
  for (const t of sheet.tables) {
    const d = t.checks.data;
    const ks: number[] = [];
    d.layout.financers.forEach((f, k) => {
      if (f === id) ks.push(k);
    });
    if (ks.length === 0) continue;
    for (let i = 0; i < d.count; i++) {
      const amounts = d.source.financerAmounts(d.sourceIndexOf(i));
      for (const k of ks) {
        const v = amounts[k];
        if (v !== undefined && v !== 0) parts.push(v);
      }
    }
  }
  return exactSum(parts, (c) => c, word(FINANCER[id], "fr"));
}

/** Reading findings of a cell whose amount is left out of the sums. */
const UNREAD_AMOUNT: ReadonlySet<string> = new Set(["INVALID_AMOUNT", "AMBIGUOUS_AMOUNT", "FORMULA_WITHOUT_VALUE"]);

/**
 * The first cell of a financer's columns whose amount could not be read
 * (not an amount, ambiguous, a formula without a value): its total would be
 * short of it.
 */
function unreadableCellOf(sheet: SheetResult, id: FinancerId): Finding | null {
  for (const t of sheet.tables) {
    const letters = new Set(t.table.columns.filter((c) => c.financer === id).map((c) => columnLetters(c.index)));
    if (letters.size === 0) continue;
    // The lines' reading findings, in line order (the rules' findings are not built).
    for (const list of t.checks.data.findings.values()) {
      for (const f of list) {
        if (!UNREAD_AMOUNT.has(f.code) || f.cell === null) continue;
        const col = /^[A-Z]+/.exec(f.cell)?.[0];
        if (col && letters.has(col)) return f;
      }
    }
  }
  return null;
}
