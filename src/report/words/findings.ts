import type { FindingCode } from "../../domain/findings";
import { financerLabel } from "../labels";
import { eur, list, pct, txt, type Fig } from "./figures";
import { word, type Entry, type Lang } from "./lookup";

/** The financer of a finding: its printed header when the finding has it, else its label. */
const who = (d: Fig, lang: Lang): string =>
  typeof d.financerHeader === "string" && d.financerHeader !== ""
    ? txt(d.financerHeader)
    : financerLabel(txt(d.financer), lang);

/** Why a cell is not an amount (the `reason` of INVALID_AMOUNT), from the cell's text. */
export const AMOUNT_PROBLEM = {
  error_value: {
    fr: (t: string) => `valeur d'erreur « ${t} » au lieu d'un montant.`,
    en: (t: string) => `error value “${t}” instead of an amount.`,
  },
  percent: {
    fr: (t: string) => `« ${t} » est un taux, pas un montant.`,
    en: (t: string) => `“${t}” is a rate, not an amount.`,
  },
  boolean: {
    fr: (t: string) => `valeur logique ${t} au lieu d'un montant.`,
    en: (t: string) => `logical value ${t} instead of an amount.`,
  },
  too_large: { fr: (t: string) => `montant « ${t} » trop grand.`, en: (t: string) => `amount “${t}” is too large.` },
  other: { fr: (t: string) => `« ${t} » n'est pas un montant.`, en: (t: string) => `“${t}” is not an amount.` },
} satisfies Record<string, Entry<(text: string) => string>>;

function amountProblem(d: Fig, lang: Lang): string {
  const known = typeof d.reason === "string" && Object.prototype.hasOwnProperty.call(AMOUNT_PROBLEM, d.reason);
  return word(AMOUNT_PROBLEM[known ? (d.reason as keyof typeof AMOUNT_PROBLEM) : "other"], lang)(txt(d.text));
}

/** Every finding in words, from its figures (`findingMessage` in src/report/messages.ts). */
export const FINDINGS = {
  FSE_BELOW_FLOOR: {
    fr: (d) =>
      `FSE de ${eur(d.fseCents, "fr")} sous le plancher de ${eur(d.floorCents, "fr")}${d.strict ? " (strict)" : ""} : il manque ${eur(d.shortfallCents, "fr")} ; la ligne ne peut pas être un projet.` +
      (typeof d.totalCostCents === "number" &&
      typeof d.minTotalCostCents === "number" &&
      d.totalCostCents < d.minTotalCostCents
        ? ` Un projet demande au moins ${eur(d.minTotalCostCents, "fr")} de dépenses totales.`
        : ""),
    en: (d) =>
      `ESF of ${eur(d.fseCents, "en")} below the ${eur(d.floorCents, "en")} floor${d.strict ? " (strict)" : ""}: ${eur(d.shortfallCents, "en")} short; the line cannot be a project.` +
      (typeof d.totalCostCents === "number" &&
      typeof d.minTotalCostCents === "number" &&
      d.totalCostCents < d.minTotalCostCents
        ? ` A project needs a total cost of at least ${eur(d.minTotalCostCents, "en")}.`
        : ""),
  },
  FSE_RATE_ABOVE_CAP: {
    fr: (d) =>
      `Taux FSE de ${pct(d.rate, "fr")} au-dessus du plafond de ${pct(d.capRate, "fr")} : ${eur(d.fseCents, "fr")} de FSE pour ${eur(d.totalCostCents, "fr")} de dépenses ; FSE maximal ${eur(d.maxFseCents, "fr")} (excédent ${eur(d.excessCents, "fr")}).`,
    en: (d) =>
      `ESF rate of ${pct(d.rate, "en")} above the ${pct(d.capRate, "en")} cap: ${eur(d.fseCents, "en")} of ESF on a ${eur(d.totalCostCents, "en")} total cost; largest ESF allowed ${eur(d.maxFseCents, "en")} (excess ${eur(d.excessCents, "en")}).`,
  },
  UNBALANCED: {
    fr: (d) =>
      `Plan de financement déséquilibré : les financeurs totalisent ${eur(d.sumOfFinancersCents, "fr")} pour ${eur(d.totalCostCents, "fr")} de dépenses totales (écart ${eur(d.gapCents, "fr")}).`,
    en: (d) =>
      `Unbalanced financing plan: financers add up to ${eur(d.sumOfFinancersCents, "en")} for a ${eur(d.totalCostCents, "en")} total cost (gap ${eur(d.gapCents, "en")}).`,
  },
  TOTAL_MISMATCH: {
    fr: (d) =>
      `Total opération (${eur(d.totalOperationCents, "fr")}) différent des dépenses totales (${eur(d.totalCostCents, "fr")}) : écart ${eur(d.gapCents, "fr")}.`,
    en: (d) =>
      `Total opération (${eur(d.totalOperationCents, "en")}) differs from the total cost (${eur(d.totalCostCents, "en")}): gap ${eur(d.gapCents, "en")}.`,
  },
  PRINTED_RATE_MISMATCH: {
    fr: (d) =>
      `%FSE imprimé (${pct(d.printedRate, "fr")}) éloigné du taux calculé (${pct(d.rate, "fr")}) de plus de ${pct(d.tolerance, "fr")}.`,
    en: (d) =>
      `Printed %FSE (${pct(d.printedRate, "en")}) is more than ${pct(d.tolerance, "en")} away from the computed rate (${pct(d.rate, "en")}).`,
  },
  INVALID_AMOUNT: {
    fr: (d) => `Montant illisible : ${amountProblem(d, "fr")}`,
    en: (d) => `Unreadable amount: ${amountProblem(d, "en")}`,
  },
  AMBIGUOUS_AMOUNT: {
    fr: (d) =>
      `Montant ambigu « ${txt(d.text)} » : le point peut séparer les centimes ou les milliers. Écrivez les centimes après une virgule (25,43) et les milliers sans point ou avec une espace (25 430).`,
    en: (d) =>
      `Ambiguous amount “${txt(d.text)}”: the dot may separate cents or thousands. Write cents after a comma (25,43) and thousands without a dot or with a space (25 430).`,
  },
  FORMULA_WITHOUT_VALUE: {
    fr: (d) =>
      `Formule sans valeur calculée (« ${txt(d.formula)} ») : le fichier a été enregistré sans recalcul. Ouvrez-le dans Excel ou LibreOffice, recalculez (F9) et enregistrez-le.`,
    en: (d) =>
      `Formula without a computed value (“${txt(d.formula)}”): the file was saved without recalculation. Open it in Excel or LibreOffice, recalculate (F9) and save it.`,
  },
  NEGATIVE_AMOUNT: {
    fr: (d) => `Montant négatif (${eur(d.amountCents, "fr")}).`,
    en: (d) => `Negative amount (${eur(d.amountCents, "en")}).`,
  },
  MISSING_TOTAL_COST: {
    fr: () => `Dépenses totales absentes : les règles FSE ne peuvent pas être vérifiées sur cette ligne.`,
    en: () => `No total cost: the ESF rules cannot be checked on this line.`,
  },
  SUB_CENT_AMOUNT: {
    fr: (d) => `Montant à plus de deux décimales (« ${txt(d.text)} ») : arrondi à ${eur(d.roundedCents, "fr")}.`,
    en: (d) => `Amount with more than two decimals (“${txt(d.text)}”): rounded to ${eur(d.roundedCents, "en")}.`,
  },
  INVALID_RATE: {
    fr: (d) => `%FSE illisible (« ${txt(d.text)} »).`,
    en: (d) => `Unreadable %FSE (“${txt(d.text)}”).`,
  },
  INVALID_HOST: {
    fr: (d) => `Projet de rattachement « ${txt(d.text)} » inconnu (attendu : animation ou assistance).`,
    en: (d) => `Unknown host project “${txt(d.text)}” (expected animation or assistance).`,
  },
  UNNAMED_OPERATION: {
    fr: () => `Ligne avec des montants mais sans action, opération ni opérateur.`,
    en: () => `Row with amounts but no action, operation or operator.`,
  },
  ROW_WITHOUT_AMOUNTS: {
    fr: (d) => `Ligne « ${txt(d.text)} » sans aucun montant : non comptée.`,
    en: (d) => `Row “${txt(d.text)}” has no amount: not counted.`,
  },
  FSE_ABOVE_REQUEST: {
    fr: (d) =>
      `FSE programmé (${eur(d.fseCents, "fr")}) supérieur au FSE sollicité (${eur(d.requestedCents, "fr")}) de ${eur(d.excessCents, "fr")}.`,
    en: (d) =>
      `Programmed ESF (${eur(d.fseCents, "en")}) above the ESF requested (${eur(d.requestedCents, "en")}) by ${eur(d.excessCents, "en")}.`,
  },
  LINE_EQUALS_SUM_ABOVE: {
    fr: (d) =>
      `Les montants de cette opération sont la somme des lignes ${txt(d.fromRow)} à ${txt(d.toRow)} : est-ce un sous-total ? Elle est comptée comme une opération parce qu'elle a un opérateur ou un code action.`,
    en: (d) =>
      `This operation's amounts are the sum of rows ${txt(d.fromRow)} to ${txt(d.toRow)}: is it a sub-total? It is counted as an operation because it has an operator or an action code.`,
  },
  TOTAL_ROW_MISMATCH: {
    fr: (d) => {
      const where = d.kind === "subtotal" ? `Sous-total des lignes ${txt(d.fromRow)} à ${txt(d.toRow)}` : "Ligne TOTAL";
      const printed = d.printedText
        ? `« ${txt(d.printedText)} »`
        : "computedRate" in d
          ? pct(d.printedRate, "fr")
          : eur(d.printedCents, "fr");
      if ("computedRate" in d)
        return `${where}, colonne « ${txt(d.column)} » : imprimé ${printed}, calculé ${pct(d.computedRate, "fr")}.`;
      return (
        `${where}, colonne « ${txt(d.column)} » : imprimé ${printed}, calculé ${eur(d.computedCents, "fr")}` +
        (typeof d.differenceCents === "number" ? ` (écart ${eur(d.differenceCents, "fr")}).` : ".")
      );
    },
    en: (d) => {
      const where = d.kind === "subtotal" ? `Sub-total of rows ${txt(d.fromRow)} to ${txt(d.toRow)}` : "TOTAL row";
      const printed = d.printedText
        ? `“${txt(d.printedText)}”`
        : "computedRate" in d
          ? pct(d.printedRate, "en")
          : eur(d.printedCents, "en");
      if ("computedRate" in d)
        return `${where}, column “${txt(d.column)}”: printed ${printed}, computed ${pct(d.computedRate, "en")}.`;
      return (
        `${where}, column “${txt(d.column)}”: printed ${printed}, computed ${eur(d.computedCents, "en")}` +
        (typeof d.differenceCents === "number" ? ` (difference ${eur(d.differenceCents, "en")}).` : ".")
      );
    },
  },
  OVER_PROGRAMMED: {
    fr: (d) =>
      `${who(d, "fr")} programmé au-delà de son budget : ${eur(d.programmedCents, "fr")} pour ${eur(d.budgetCents, "fr")} (dépassement ${eur(d.excessCents, "fr")}).`,
    en: (d) =>
      `${who(d, "en")} programmed above its budget: ${eur(d.programmedCents, "en")} for ${eur(d.budgetCents, "en")} (excess ${eur(d.excessCents, "en")}).`,
  },
  UNDER_PROGRAMMED: {
    fr: (d) =>
      `${who(d, "fr")} : sous-programmation de ${eur(d.remainingCents, "fr")} (${eur(d.programmedCents, "fr")} programmés pour un budget de ${eur(d.budgetCents, "fr")}).`,
    en: (d) =>
      `${who(d, "en")}: ${eur(d.remainingCents, "en")} under-programmed (${eur(d.programmedCents, "en")} programmed of a ${eur(d.budgetCents, "en")} budget).`,
  },
  UNDER_PROGRAMMING_MISMATCH: {
    fr: (d) =>
      `Sous-programmation imprimée pour ${who(d, "fr")} : ${eur(d.printedCents, "fr")}, calculée ${eur(d.computedCents, "fr")}.`,
    en: (d) =>
      `Printed under-programming for ${who(d, "en")}: ${eur(d.printedCents, "en")}, computed ${eur(d.computedCents, "en")}.`,
  },
  SUMMARY_ROW_SHIFTED: {
    fr: (d) =>
      `Ligne de totaux décalée : à partir de cette cellule, les montants sont ${Math.abs(Number(d.offset))} colonne(s) ${Number(d.offset) < 0 ? "à gauche" : "à droite"} de leur en-tête (ici « ${txt(d.header)} ») ; ils ont été comparés à la bonne colonne.`,
    en: (d) =>
      `Shifted totals row: from this cell on, amounts stand ${Math.abs(Number(d.offset))} column(s) ${Number(d.offset) < 0 ? "left" : "right"} of their header (here “${txt(d.header)}”); they were compared with the right column.`,
  },
  SUMMARY_CELLS_COMBINED: {
    fr: (d) => `Cette cellule imprime en un seul montant les colonnes ${list(d.columns)}.`,
    en: (d) => `This cell prints columns ${list(d.columns)} as one amount.`,
  },
  SUMMARY_CELL_UNMATCHED: {
    fr: (d) => `Montant imprimé « ${txt(d.text)} » sans colonne correspondante.`,
    en: (d) => `Printed amount “${txt(d.text)}” matches no column.`,
  },
  UNLABELLED_TOTAL_ROW: {
    fr: () => `Ligne de totaux sans libellé, reconnue à ses montants.`,
    en: () => `Totals row without a label, recognised by its amounts.`,
  },
  SUBTOTAL_BY_FIGURES: {
    fr: (d) =>
      `Ligne ${d.text ? `« ${txt(d.text)} » ` : "sans libellé "}lue comme un sous-total : ses montants sont la somme des lignes ${txt(d.fromRow)} à ${txt(d.toRow)}. Elle n'est pas comptée comme une opération.`,
    en: (d) =>
      `Row ${d.text ? `“${txt(d.text)}” ` : "without a label "}read as a sub-total: its amounts are the sum of rows ${txt(d.fromRow)} to ${txt(d.toRow)}. It is not counted as an operation.`,
  },
  NO_TOTAL_COST_COLUMN: {
    fr: () => `Pas de colonne « Dépenses totales » : les règles FSE ne peuvent pas être vérifiées dans ce tableau.`,
    en: () => `No “Dépenses totales” column: the ESF rules cannot be checked in this table.`,
  },
  NO_FSE_COLUMN: {
    fr: () => `Pas de colonne FSE : plancher et plafond ne peuvent pas être vérifiés dans ce tableau.`,
    en: () => `No ESF column: floor and cap cannot be checked in this table.`,
  },
  DUPLICATE_COLUMN: {
    fr: (d) => `Colonne « ${txt(d.header)} » en double : seule la première est lue.`,
    en: (d) => `Duplicate column “${txt(d.header)}”: only the first one is read.`,
  },
  UNKNOWN_COLUMN: {
    fr: (d) =>
      `Colonne « ${txt(d.header)} » inconnue : ses montants ne sont pas comptés. Indiquez son rôle (un financeur, les dépenses totales, le taux FSE…) dans le volet Colonnes ou avec --colonne « en-tête=rôle ».`,
    en: (d) =>
      `Unknown column “${txt(d.header)}”: its amounts are not counted. Give its role (a financer, the total cost, the ESF rate…) in the Columns panel or with --colonne "header=role".`,
  },
  UNLABELLED_COLUMN: {
    fr: (d) => `Colonne sans en-tête contenant « ${txt(d.text)} » : non comptée.`,
    en: (d) => `Column without a header holding “${txt(d.text)}”: not counted.`,
  },
  COLUMN_READ_AS_RATE: {
    fr: (d) =>
      `Colonne « ${txt(d.header)} » lue comme un taux (${d.reason === "percent_format" ? "ses valeurs sont au format pourcentage" : "toutes ses valeurs sont entre 0 et 1 à côté de montants en milliers"}) : comparée au taux FSE calculé, jamais additionnée comme des euros.`,
    en: (d) =>
      `Column “${txt(d.header)}” read as a rate (${d.reason === "percent_format" ? "its values are formatted as percentages" : "all its values lie between 0 and 1 beside amounts in thousands"}): compared with the computed ESF rate, never added up as euros.`,
  },
  FSE_FROM_REQUEST: {
    fr: (d) =>
      `La seule colonne FSE est « ${txt(d.header)} » (FSE sollicité) : le FSE des lignes y est lu. Si une colonne donne le FSE retenu, indiquez-la.`,
    en: (d) =>
      `The only ESF column is “${txt(d.header)}” (ESF requested): the lines' ESF is read from it. If a column gives the ESF granted, say which.`,
  },
  FINANCER_COLUMNS_MERGED: {
    fr: (d) =>
      `Les colonnes « ${txt(d.otherHeader)} » et « ${txt(d.header)} » sont lues comme un même financeur (${financerLabel(txt(d.financer), "fr")}) : leurs montants sont additionnés. Si ce sont deux financeurs, attribuez un autre rôle à l'une d'elles (volet Colonnes, ou --colonne).`,
    en: (d) =>
      `Columns “${txt(d.otherHeader)}” and “${txt(d.header)}” are read as the same financer (${financerLabel(txt(d.financer), "en")}): their amounts are added together. If they are two financers, give one of them another role (Columns panel, or --colonne).`,
  },
  YEAR_UNKNOWN: {
    fr: (d) =>
      d.text
        ? `Année introuvable : « ${txt(d.text)} » donne une période ou une date, pas l'année de la programmation. Indiquez l'année dans le titre (« Programmation 2023 ») ou le nom de la feuille.`
        : `Année introuvable, ni dans le titre ni dans le nom de la feuille.`,
    en: (d) =>
      d.text
        ? `No year found: “${txt(d.text)}” gives a period or a date, not the programming's year. Put the year in the title (“Programmation 2023”) or the sheet name.`
        : `No year found in the title or the sheet name.`,
  },
  YEAR_CONFLICT: {
    fr: (d) =>
      `Année ${txt(d.year)} (« ${txt(d.text)} ») différente de ${txt(d.otherYear)} (« ${txt(d.otherText)} ») : ${txt(d.year)} est retenue.`,
    en: (d) =>
      `Year ${txt(d.year)} (“${txt(d.text)}”) differs from ${txt(d.otherYear)} (“${txt(d.otherText)}”): ${txt(d.year)} is kept.`,
  },
  YEARS_SIDE_BY_SIDE: {
    fr: (d) =>
      `La feuille présente plusieurs années côte à côte (${list(d.years)}) : chaque année est lue comme un tableau à part, avec ses propres colonnes.`,
    en: (d) =>
      `The sheet shows several years side by side (${list(d.years)}): each year is read as a table of its own, with its own columns.`,
  },
  YEARS_MIXED: {
    fr: (d) =>
      `Des colonnes de plusieurs années (${list(d.years)}) sont mélangées dans ce tableau : aucune année n'est additionnée à une autre, mais les colonnes des autres années que ${txt(d.year)} ne sont pas lues. Séparez les années en deux tableaux ou deux feuilles.`,
    en: (d) =>
      `Columns of several years (${list(d.years)}) are mixed in this table: no year is added to another, but the columns of years other than ${txt(d.year)} are not read. Split the years into two tables or two sheets.`,
  },
  NO_TABLE: {
    fr: () => `Aucun tableau de programmation (pas de ligne d'en-tête avec « Dépenses totales » et des financeurs).`,
    en: () => `No programming table (no header row with “Dépenses totales” and financers).`,
  },
} satisfies Record<FindingCode, Entry<(d: Fig) => string>>;
