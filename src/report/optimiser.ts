import type { Cents } from "../domain/money";
import type { LetterToProject, OptimisedLine, Optimisation } from "../domain/optimiser";
import { formatEuros, type Lang } from "./format";
import { colon, quote } from "./labels";
import { safeName } from "./safe-text";
import { word } from "./words/lookup";
import { OPTIMISER, UPPER_LIMIT } from "./words/optimiser";

/** Euros as a JSON number (exact: cents / 100). */
const euros = (c: Cents): number => c / 100;
const eurosOrNull = (c: Cents | null): number | null => (c === null ? null : c / 100);

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

function pad(rowsIn: string[][], right: (col: number) => boolean): string[] {
  const widths: number[] = [];
  for (const r of rowsIn) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rowsIn.map(
    (r) =>
      "  " +
      r
        .map((c, i) => (right(i) ? c.padStart(widths[i]) : c.padEnd(widths[i])))
        .join("  ")
        .trimEnd(),
  );
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
  const out: string[] = [];
  const c = colon(lang);
  const eur = (cents: Cents): string => formatEuros(cents, lang);
  out.push(
    `== ${word(OPTIMISER.title, lang)} — ${quote(safeName(sheetName), lang)} (${word(OPTIMISER.notApplied, lang)}) ==`,
  );
  if (o.status === "no_envelope") {
    out.push(word(OPTIMISER.noEnvelope, lang));
    out.push(`${word(OPTIMISER.programmed, lang)}${c} ${eur(o.programmed)}`);
  } else {
    const src = o.envelopeSource === "budget" ? word(OPTIMISER.fromBudget, lang) : word(OPTIMISER.fromArgument, lang);
    out.push(`${word(OPTIMISER.envelope, lang)}${c} ${eur(o.envelope!)} (${src})`);
    out.push(
      `${word(OPTIMISER.programmed, lang)}${c} ${eur(o.programmed)}${o.fixed ? ` (${word(OPTIMISER.fixed, lang)}${c} ${eur(o.fixed)})` : ""}`,
    );
    if (o.status === "ok") {
      out.push(
        `${word(OPTIMISER.proposed, lang)}${c} ${eur(o.proposed!)} (${signed(o.proposed! - o.programmed, lang)})`,
      );
      out.push(`${word(OPTIMISER.unused, lang)}${c} ${eur(o.unused!)}`);
    }
  }
  if (o.status === "infeasible") {
    const inf = o.infeasible!;
    out.push(word(OPTIMISER.infeasible, lang)(eur(inf.sumLo), eur(inf.available), eur(inf.shortfall)));
  }

  out.push("");
  out.push(`${word(OPTIMISER.lines, lang)}`);
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
      l.proposedFse === null ? "—" : signed(l.proposedFse - l.fse, lang),
      range,
      `${eur(l.autofinancementBefore)} → ${after}`,
    ]);
  }
  for (const row of pad(table, (i) => i >= 2 && i <= 4)) out.push(row); // one row per line: no spread

  out.push("");
  out.push(`${word(OPTIMISER.why, lang)}`);
  const movable = o.lines.filter((l) => !l.fixed);
  if (o.status === "ok") {
    const atHi = movable.filter((l) => l.proposedFse === l.hi);
    const atCap = atHi.filter((l) => l.limitedBy === "cap" || l.limitedBy === "both");
    const byCofin = atHi.filter((l) => l.limitedBy === "cofinancing" || l.limitedBy === "both");
    const blocked = byCofin.filter((l) => l.hi === l.fse);
    const raised = movable.filter((l) => l.proposedFse! > l.fse);
    const lowered = movable.filter((l) => l.proposedFse! < l.fse);
    const everyAtHi = o.sumHi <= o.available!;
    out.push(word(everyAtHi ? OPTIMISER.everyAtMax : OPTIMISER.shared, lang)(eur(o.sumHi), eur(o.available!)));
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
    if (raised.length) {
      const sum = raised.reduce((s, l) => s + l.proposedFse! - l.fse, 0);
      out.push(word(OPTIMISER.raised, lang)(rows(raised), signed(sum, lang)));
    }
    if (lowered.length) {
      const sum = lowered.reduce((s, l) => s + l.proposedFse! - l.fse, 0);
      out.push(word(OPTIMISER.lowered, lang)(rows(lowered), signed(sum, lang)));
    }
    if (o.unused! > 0) out.push(word(OPTIMISER.unusedLeft, lang)(eur(o.unused!)));
    else if (o.unused! < 0) out.push(word(OPTIMISER.exceeded, lang)(eur(-o.unused!)));
  }
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
    change: l.proposedFse === null ? null : euros(l.proposedFse - l.fse),
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

/** The what-if as JSON data: euros as numbers (cents / 100), `sheet` on every line. */
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
