import { addCents, centsToEuros, negCents, subCents, ZERO_CENTS, type Cents } from "../domain/money";
import type { LetterToProject, OptimisedLine, Optimisation } from "../domain/optimiser";
import { aligned, formatEuros, type Lang } from "./format";
import { colon, quote } from "./labels";
import { safeName } from "./safe-text";
import { word } from "./words/lookup";
import { OPTIMISER, UPPER_LIMIT } from "./words/optimiser";

/** Euros as a JSON number. */
const euros = centsToEuros;
const eurosOrNull = (c: Cents | null): number | null => (c === null ? null : centsToEuros(c));

const rows = (ls: readonly OptimisedLine[]): string => ls.map((l) => `L${l.row}`).join(", ");

function label(l: { action: string; operation: string; operator: string }): string {
  return (
    [l.action, l.operator]
      .filter((s) => s !== "")
      .map(safeName)
      .join(" ") || safeName(l.operation)
  );
}

function signed(c: Cents, lang: Lang): string {
  return (c > 0 ? "+" : "") + formatEuros(c, lang);
}

/** An FSE range: [1 000,00 € ; 2 000,00 €] or [€1,000.00, €2,000.00]. */
function rangeText(lo: Cents, hi: Cents, lang: Lang): string {
  return word(OPTIMISER.range, lang)(formatEuros(lo, lang), formatEuros(hi, lang));
}

function letterText(x: LetterToProject, lang: Lang): string {
  const head = `  L${x.row}  ${label(x)}${colon(lang)} `;
  if (x.kind === "total_cost_missing") {
    const cost = x.totalCost === null ? "—" : formatEuros(x.totalCost, lang);
    return (
      head +
      word(OPTIMISER.letterCostMissing, lang)(
        cost,
        formatEuros(x.missingTotalCost, lang),
        formatEuros(x.minTotalCost, lang),
      )
    );
  }
  if (x.hi < x.lo)
    return head + word(OPTIMISER.letterBelowFloor, lang)(formatEuros(x.hi, lang), formatEuros(x.lo, lang));
  const cover =
    x.coveredByUnused === true
      ? OPTIMISER.coveredByUnused
      : x.coveredWithProjectsAtFloor === true
        ? OPTIMISER.coveredWithFloors
        : x.coveredWithProjectsAtFloor === false
          ? OPTIMISER.notCovered
          : OPTIMISER.noEnvelopeToJudge;
  return (
    head +
    word(OPTIMISER.letterNeeds, lang)(
      rangeText(x.lo, x.hi, lang),
      word(UPPER_LIMIT[x.limitedBy], lang),
      formatEuros(x.extraFseNeeded, lang),
      word(cover, lang),
    )
  );
}

/** The what-if in words, French or English, with the reasons of the result. */
export function optimisationText(o: Optimisation, sheetName: string, lang: Lang = "fr"): string {
  const out: string[] = [
    `== ${word(OPTIMISER.title, lang)} — ${quote(safeName(sheetName), lang)} (${word(OPTIMISER.notApplied, lang)}) ==`,
  ];
  summaryText(o, lang, out);
  out.push("");
  out.push(`${word(OPTIMISER.lines, lang)}`);
  for (const row of aligned(linesTable(o, lang), (i) => i >= 2 && i <= 4)) out.push(row); // one row per line: no spread
  out.push("");
  out.push(`${word(OPTIMISER.why, lang)}`);
  if (o.status === "ok" && o.available !== null && o.unused !== null) whyText(o, o.available, o.unused, lang, out);
  const cannot = o.lines.filter((l) => l.cannotStayProject);
  if (cannot.length) out.push(word(OPTIMISER.cannotStay, lang)(rows(cannot)));
  const letters = o.lines.filter((l) => l.classification === "lettre_de_commande");
  if (letters.length) out.push(word(OPTIMISER.lettersFixed, lang)(rows(letters)));
  if (o.lettersToProjects.length) {
    out.push("");
    out.push(word(OPTIMISER.lettersTitle, lang));
    for (const x of o.lettersToProjects) out.push(letterText(x, lang));
  }
  return out.join("\n");
}

/** The envelope, what is programmed and proposed, and why nothing fits when the floors do not. */
function summaryText(o: Optimisation, lang: Lang, out: string[]): void {
  const c = colon(lang);
  const eur = (cents: Cents): string => formatEuros(cents, lang);
  if (o.status === "no_envelope" || o.envelope === null) {
    out.push(word(OPTIMISER.noEnvelope, lang));
    out.push(`${word(OPTIMISER.programmed, lang)}${c} ${eur(o.programmed)}`);
  } else {
    const src = o.envelopeSource === "budget" ? word(OPTIMISER.fromBudget, lang) : word(OPTIMISER.fromArgument, lang);
    out.push(`${word(OPTIMISER.envelope, lang)}${c} ${eur(o.envelope)} (${src})`);
    out.push(
      `${word(OPTIMISER.programmed, lang)}${c} ${eur(o.programmed)}${o.fixed ? ` (${word(OPTIMISER.fixed, lang)}${c} ${eur(o.fixed)})` : ""}`,
    );
    if (o.status === "ok" && o.proposed !== null && o.unused !== null) {
      out.push(
        `${word(OPTIMISER.proposed, lang)}${c} ${eur(o.proposed)} (${signed(subCents(o.proposed, o.programmed), lang)})`,
      );
      out.push(`${word(OPTIMISER.unused, lang)}${c} ${eur(o.unused)}`);
    }
  }
  if (o.status === "infeasible" && o.infeasible !== null) {
    const inf = o.infeasible;
    out.push(word(OPTIMISER.infeasible, lang)(eur(inf.sumLo), eur(inf.available), eur(inf.shortfall)));
  }
}

/** The table of lines: a header row, then one row per line with its FSE, proposal, range and self-financing. */
function linesTable(o: Optimisation, lang: Lang): string[][] {
  const eur = (cents: Cents): string => formatEuros(cents, lang);
  const table: string[][] = [
    [
      word(OPTIMISER.colRow, lang),
      word(OPTIMISER.colLine, lang),
      word(OPTIMISER.colFse, lang),
      word(OPTIMISER.colProposed, lang),
      word(OPTIMISER.colChange, lang),
      word(OPTIMISER.colRange, lang),
      word(OPTIMISER.colAuto, lang),
    ],
  ];
  for (const l of o.lines) {
    const status = l.cannotStayProject
      ? word(OPTIMISER.cannot, lang)
      : l.classification === "lettre_de_commande"
        ? word(OPTIMISER.letter, lang)
        : l.classification === null
          ? word(OPTIMISER.unclassified, lang)
          : "";
    const range =
      l.lo !== null && l.hi !== null ? `${rangeText(l.lo, l.hi, lang)}${status ? ` ${status}` : ""}` : status;
    const after = l.autofinancementAfter === null ? "—" : eur(l.autofinancementAfter);
    table.push([
      `L${l.row}`,
      label(l),
      eur(l.fse),
      l.proposedFse === null ? "—" : eur(l.proposedFse),
      l.proposedFse === null ? "—" : signed(subCents(l.proposedFse, l.fse), lang),
      range,
      `${eur(l.autofinancementBefore)} → ${after}`,
    ]);
  }
  return table;
}

/** Σ (proposed − current FSE) over lines that all have a proposal. */
function change(ls: readonly OptimisedLine[]): Cents {
  let sum = ZERO_CENTS;
  for (const l of ls) if (l.proposedFse !== null) sum = addCents(sum, subCents(l.proposedFse, l.fse));
  return sum;
}

/** Why the proposal is what it is: which limit holds each project, what moved, what is left of the envelope. */
function whyText(o: Optimisation, available: Cents, unused: Cents, lang: Lang, out: string[]): void {
  const eur = (cents: Cents): string => formatEuros(cents, lang);
  const movable = o.lines.filter((l) => !l.fixed);
  const atHi = movable.filter((l) => l.proposedFse === l.hi);
  const atCap = atHi.filter((l) => l.limitedBy === "cap" || l.limitedBy === "both");
  const byCofin = atHi.filter((l) => l.limitedBy === "cofinancing" || l.limitedBy === "both");
  const blocked = byCofin.filter((l) => l.hi === l.fse);
  const raised = movable.filter((l) => l.proposedFse !== null && l.proposedFse > l.fse);
  const lowered = movable.filter((l) => l.proposedFse !== null && l.proposedFse < l.fse);
  const everyAtHi = o.sumHi <= available;
  out.push(word(everyAtHi ? OPTIMISER.everyAtMax : OPTIMISER.shared, lang)(eur(o.sumHi), eur(available)));
  if (atCap.length) out.push(word(OPTIMISER.atCap, lang)(rows(atCap)));
  if (byCofin.length) {
    const allBlocked = blocked.length === byCofin.length;
    const tail = allBlocked
      ? word(OPTIMISER.blockedAll, lang)
      : blocked.length
        ? word(OPTIMISER.blockedSome, lang)(rows(blocked))
        : "";
    out.push(word(OPTIMISER.limitedByCofinancing, lang)(rows(byCofin), tail));
  }
  if (raised.length) out.push(word(OPTIMISER.raised, lang)(rows(raised), signed(change(raised), lang)));
  if (lowered.length) out.push(word(OPTIMISER.lowered, lang)(rows(lowered), signed(change(lowered), lang)));
  if (unused > 0) out.push(word(OPTIMISER.unusedLeft, lang)(eur(unused)));
  else if (unused < 0) out.push(word(OPTIMISER.exceeded, lang)(eur(negCents(unused))));
}

function lineJson(l: OptimisedLine, sheet: string) {
  return {
    sheet,
    row: l.row,
    table: l.tableIndex,
    action: l.action,
    operation: l.operation,
    operator: l.operator,
    classification: l.classification,
    totalCost: eurosOrNull(l.totalCost),
    cofinancing: euros(l.cofinancing),
    fse: euros(l.fse),
    proposedFse: eurosOrNull(l.proposedFse),
    change: l.proposedFse === null ? null : euros(subCents(l.proposedFse, l.fse)),
    lo: eurosOrNull(l.lo),
    hi: eurosOrNull(l.hi),
    limitedBy: l.limitedBy,
    fixed: l.fixed,
    cannotStayProject: l.cannotStayProject,
    autofinancementBefore: euros(l.autofinancementBefore),
    autofinancementAfter: eurosOrNull(l.autofinancementAfter),
  };
}

function letterJson(x: LetterToProject, sheet: string) {
  const base = {
    sheet,
    row: x.row,
    table: x.tableIndex,
    action: x.action,
    operation: x.operation,
    operator: x.operator,
    kind: x.kind,
    fse: euros(x.fse),
  };
  if (x.kind === "total_cost_missing") {
    return {
      ...base,
      totalCost: eurosOrNull(x.totalCost),
      minTotalCost: euros(x.minTotalCost),
      missingTotalCost: euros(x.missingTotalCost),
    };
  }
  return {
    ...base,
    totalCost: euros(x.totalCost),
    lo: euros(x.lo),
    hi: euros(x.hi),
    limitedBy: x.limitedBy,
    extraFseNeeded: euros(x.extraFseNeeded),
    coveredByUnused: x.coveredByUnused,
    coveredWithProjectsAtFloor: x.coveredWithProjectsAtFloor,
  };
}

/** The what-if as JSON data: euros as numbers, `sheet` on every line. */
export function optimisationJson(o: Optimisation, sheetName: string) {
  return {
    sheet: sheetName,
    status: o.status,
    envelopeSource: o.envelopeSource,
    envelope: eurosOrNull(o.envelope),
    programmed: euros(o.programmed),
    proposed: eurosOrNull(o.proposed),
    fixed: euros(o.fixed),
    available: eurosOrNull(o.available),
    sumLo: euros(o.sumLo),
    sumHi: euros(o.sumHi),
    unused: eurosOrNull(o.unused),
    infeasible: o.infeasible && {
      shortfall: euros(o.infeasible.shortfall),
      sumLo: euros(o.infeasible.sumLo),
      available: euros(o.infeasible.available),
    },
    lines: o.lines.map((l) => lineJson(l, sheetName)),
    lettersToProjects: o.lettersToProjects.map((x) => letterJson(x, sheetName)),
  };
}
