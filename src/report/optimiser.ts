import type { Cents } from "../domain/money";
import type { LetterToProject, OptimisedLine, Optimisation, UpperLimit } from "../domain/optimiser";
import { formatEuros, type Lang } from "./format";
import { colon, quote } from "./labels";
import { safeName } from "./safe-text";

/** Euros as a JSON number (exact: cents / 100). */
const euros = (c: Cents): number => c / 100;
const eurosOrNull = (c: Cents | null): number | null => (c === null ? null : c / 100);

const T = {
  title: { fr: "Simulation de l'enveloppe FSE", en: "ESF envelope what-if" },
  notApplied: { fr: "la feuille n'est pas modifiée", en: "the sheet is not changed" },
  envelope: { fr: "Enveloppe", en: "Envelope" },
  fromBudget: { fr: "ligne BUDGET de la feuille", en: "the sheet's BUDGET row" },
  fromArgument: { fr: "saisie", en: "entered" },
  noEnvelope: {
    fr: "Pas d'enveloppe : la feuille n'a pas de budget FSE et aucune enveloppe n'a été saisie. Aucune proposition.",
    en: "No envelope: the sheet has no ESF budget and none was entered. No proposal.",
  },
  programmed: { fr: "FSE programmé", en: "ESF programmed" },
  proposed: { fr: "FSE proposé", en: "ESF proposed" },
  unused: { fr: "Enveloppe non utilisée", en: "Unused envelope" },
  fixed: { fr: "dont FSE fixe (lettres de commande, lignes non classées)", en: "of which fixed ESF (order letters, unclassified lines)" },
  lines: { fr: "Lignes", en: "Lines" },
  why: { fr: "Pourquoi", en: "Why" },
  colRow: { fr: "Ligne", en: "Row" },
  colLine: { fr: "Opération", en: "Operation" },
  colFse: { fr: "FSE", en: "ESF" },
  colProposed: { fr: "Proposé", en: "Proposed" },
  colChange: { fr: "Écart", en: "Change" },
  colRange: { fr: "Plage [min ; max]", en: "Range [min, max]" },
  colAuto: { fr: "Autofinancement avant → après", en: "Self-financing before → after" },
  letter: { fr: "lettre de commande (fixe)", en: "order letter (fixed)" },
  unclassified: { fr: "non classée (fixe)", en: "not classified (fixed)" },
  cannot: { fr: "ne peut rester projet (fixe)", en: "cannot stay a project (fixed)" },
  lettersTitle: { fr: "Lettres de commande qui pourraient devenir des projets", en: "Order letters that could become projects" },
} as const satisfies Record<string, Record<Lang, string>>;

const rows = (ls: readonly OptimisedLine[]): string => ls.map((l) => `L${l.row}`).join(", ");

function label(l: { action: string; operation: string; operator: string }): string {
  return [l.action, l.operator].filter((s) => s !== "").map(safeName).join(" ") || safeName(l.operation);
}

function signed(c: Cents, lang: Lang): string {
  return (c > 0 ? "+" : "") + formatEuros(c, lang);
}

function pad(rowsIn: string[][], right: (col: number) => boolean): string[] {
  const widths: number[] = [];
  for (const r of rowsIn) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rowsIn.map((r) => "  " + r.map((c, i) => (right(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ").trimEnd());
}

function limitWords(limit: UpperLimit, lang: Lang): string {
  if (limit === "cap") return lang === "fr" ? "plafond" : "cap";
  if (limit === "cofinancing") return lang === "fr" ? "cofinancement" : "co-financing";
  return lang === "fr" ? "plafond et cofinancement" : "cap and co-financing";
}

function letterText(x: LetterToProject, lang: Lang): string {
  const head = `  L${x.row}  ${label(x)}${colon(lang)} `;
  if (x.kind === "total_cost_missing") {
    const cost = x.totalCost === null ? "—" : formatEuros(x.totalCost, lang);
    return lang === "fr"
      ? `${head}dépenses totales ${cost}, il manque ${formatEuros(x.missingTotalCost, lang)} pour atteindre le coût minimum d'un projet (${formatEuros(x.minTotalCost, lang)}).`
      : `${head}total cost ${cost}; it lacks ${formatEuros(x.missingTotalCost, lang)} to reach a project's minimum cost (${formatEuros(x.minTotalCost, lang)}).`;
  }
  if (x.hi < x.lo) {
    return lang === "fr"
      ? `${head}son cofinancement ne laisse que ${formatEuros(x.hi, lang)} de FSE possible, sous le plancher de ${formatEuros(x.lo, lang)} : il faudrait réduire ses cofinancements.`
      : `${head}its co-financing leaves room for only ${formatEuros(x.hi, lang)} of ESF, below the ${formatEuros(x.lo, lang)} floor: its co-financing would have to shrink.`;
  }
  const range = `[${formatEuros(x.lo, lang)} ; ${formatEuros(x.hi, lang)}]`;
  const cover =
    x.coveredByUnused === true
      ? lang === "fr"
        ? "l'enveloppe non utilisée le couvre"
        : "the unused envelope covers it"
      : x.coveredWithProjectsAtFloor === true
        ? lang === "fr"
          ? "l'enveloppe non utilisée ne le couvre pas, mais il serait couvert en ramenant des projets vers leur plancher"
          : "the unused envelope does not cover it, but it would be covered by moving projects down towards their floor"
        : x.coveredWithProjectsAtFloor === false
          ? lang === "fr"
            ? "l'enveloppe ne le couvre pas, même avec tous les projets à leur plancher"
            : "the envelope does not cover it, even with every project at its floor"
          : lang === "fr"
            ? "pas d'enveloppe pour en juger"
            : "no envelope to judge";
  return lang === "fr"
    ? `${head}il lui faudrait un FSE dans ${range} (limite haute : ${limitWords(x.limitedBy, lang)}), soit ${formatEuros(x.extraFseNeeded, lang)} de FSE en plus ; ${cover}.`
    : `${head}it would need an ESF amount in ${range.replace(" ;", ",")} (upper limit: ${limitWords(x.limitedBy, lang)}), i.e. ${formatEuros(x.extraFseNeeded, lang)} more ESF; ${cover}.`;
}

/** The what-if in words, French or English, with the reasons of the result. */
export function optimisationText(o: Optimisation, sheetName: string, lang: Lang = "fr"): string {
  const out: string[] = [];
  const c = colon(lang);
  out.push(`== ${T.title[lang]} — ${quote(safeName(sheetName), lang)} (${T.notApplied[lang]}) ==`);
  if (o.status === "no_envelope") {
    out.push(T.noEnvelope[lang]);
    out.push(`${T.programmed[lang]}${c} ${formatEuros(o.programmed, lang)}`);
  } else {
    const src = o.envelopeSource === "budget" ? T.fromBudget[lang] : T.fromArgument[lang];
    out.push(`${T.envelope[lang]}${c} ${formatEuros(o.envelope!, lang)} (${src})`);
    out.push(`${T.programmed[lang]}${c} ${formatEuros(o.programmed, lang)}${o.fixed ? ` (${T.fixed[lang]}${c} ${formatEuros(o.fixed, lang)})` : ""}`);
    if (o.status === "ok") {
      out.push(`${T.proposed[lang]}${c} ${formatEuros(o.proposed!, lang)} (${signed(o.proposed! - o.programmed, lang)})`);
      out.push(`${T.unused[lang]}${c} ${formatEuros(o.unused!, lang)}`);
    }
  }
  if (o.status === "infeasible") {
    const inf = o.infeasible!;
    out.push(
      lang === "fr"
        ? `Aucune répartition ne respecte les planchers : les projets demandent au moins ${formatEuros(inf.sumLo, lang)} de FSE, l'enveloppe n'en laisse que ${formatEuros(inf.available, lang)} (manque ${formatEuros(inf.shortfall, lang)}).`
        : `No allocation meets the floors: the projects need at least ${formatEuros(inf.sumLo, lang)} of ESF, the envelope leaves ${formatEuros(inf.available, lang)} (short by ${formatEuros(inf.shortfall, lang)}).`,
    );
  }

  out.push("");
  out.push(`${T.lines[lang]}`);
  const table: string[][] = [[T.colRow[lang], T.colLine[lang], T.colFse[lang], T.colProposed[lang], T.colChange[lang], T.colRange[lang], T.colAuto[lang]]];
  for (const l of o.lines) {
    const status = l.cannotStayProject ? T.cannot[lang] : l.classification === "lettre_de_commande" ? T.letter[lang] : l.classification === null ? T.unclassified[lang] : "";
    const range = l.lo !== null && l.hi !== null ? `[${formatEuros(l.lo, lang)}${lang === "fr" ? " ;" : ","} ${formatEuros(l.hi, lang)}]${status ? ` ${status}` : ""}` : status;
    const after = l.autofinancementAfter === null ? "—" : formatEuros(l.autofinancementAfter, lang);
    table.push([
      `L${l.row}`,
      label(l),
      formatEuros(l.fse, lang),
      l.proposedFse === null ? "—" : formatEuros(l.proposedFse, lang),
      l.proposedFse === null ? "—" : signed(l.proposedFse - l.fse, lang),
      range,
      `${formatEuros(l.autofinancementBefore, lang)} → ${after}`,
    ]);
  }
  for (const row of pad(table, (i) => i >= 2 && i <= 4)) out.push(row); // one row per line: no spread

  out.push("");
  out.push(`${T.why[lang]}`);
  const movable = o.lines.filter((l) => !l.fixed);
  if (o.status === "ok") {
    const atHi = movable.filter((l) => l.proposedFse === l.hi);
    const atCap = atHi.filter((l) => l.limitedBy === "cap" || l.limitedBy === "both");
    const byCofin = atHi.filter((l) => l.limitedBy === "cofinancing" || l.limitedBy === "both");
    const blocked = byCofin.filter((l) => l.hi === l.fse);
    const raised = movable.filter((l) => l.proposedFse! > l.fse);
    const lowered = movable.filter((l) => l.proposedFse! < l.fse);
    const everyAtHi = o.sumHi <= o.available!;
    if (everyAtHi) {
      out.push(
        lang === "fr"
          ? `- L'enveloppe couvre le maximum de chaque projet (${formatEuros(o.sumHi, lang)} pour ${formatEuros(o.available!, lang)} disponibles) : chaque projet reçoit son maximum.`
          : `- The envelope covers every project's maximum (${formatEuros(o.sumHi, lang)} for ${formatEuros(o.available!, lang)} available): every project gets its maximum.`,
      );
    } else {
      out.push(
        lang === "fr"
          ? `- Les maximums des projets (${formatEuros(o.sumHi, lang)}) dépassent l'enveloppe disponible (${formatEuros(o.available!, lang)}) : elle est répartie exactement, au prorata de la marge de chaque ligne.`
          : `- The projects' maximums (${formatEuros(o.sumHi, lang)}) exceed the available envelope (${formatEuros(o.available!, lang)}): it is shared exactly, in proportion to each line's room.`,
      );
    }
    if (atCap.length) {
      out.push(
        lang === "fr"
          ? `- À leur plafond de FSE (taux maximum)${c} ${rows(atCap)}.`
          : `- At their ESF cap (maximum rate)${c} ${rows(atCap)}.`,
      );
    }
    if (byCofin.length) {
      const allBlocked = blocked.length === byCofin.length;
      const tail =
        lang === "fr"
          ? allBlocked
            ? " ; sans autofinancement à céder, leur FSE ne peut pas augmenter"
            : blocked.length
              ? ` ; sans autofinancement à céder, inchangés${c} ${rows(blocked)}`
              : ""
          : allBlocked
            ? "; with no self-financing to give back, their ESF cannot go up"
            : blocked.length
              ? `; with no self-financing to give back, unchanged${c} ${rows(blocked)}`
              : "";
      out.push(
        lang === "fr"
          ? `- Limités par leur cofinancement (plus de FSE demanderait de réduire les autres financeurs)${c} ${rows(byCofin)}${tail}.`
          : `- Limited by their co-financing (more ESF would mean cutting other financers)${c} ${rows(byCofin)}${tail}.`,
      );
    }
    if (raised.length) {
      const sum = raised.reduce((s, l) => s + l.proposedFse! - l.fse, 0);
      out.push(
        lang === "fr"
          ? `- En hausse (l'autofinancement baisse d'autant)${c} ${rows(raised)}, ${signed(sum, lang)} au total.`
          : `- Raised (self-financing goes down as much)${c} ${rows(raised)}, ${signed(sum, lang)} in all.`,
      );
    }
    if (lowered.length) {
      const sum = lowered.reduce((s, l) => s + l.proposedFse! - l.fse, 0);
      out.push(
        lang === "fr"
          ? `- En baisse (l'autofinancement augmente d'autant)${c} ${rows(lowered)}, ${signed(sum, lang)} au total.`
          : `- Lowered (self-financing goes up as much)${c} ${rows(lowered)}, ${signed(sum, lang)} in all.`,
      );
    }
    if (o.unused! > 0) {
      out.push(
        lang === "fr"
          ? `- ${formatEuros(o.unused!, lang)} d'enveloppe restent non utilisés${c} aucun projet ne peut recevoir davantage de FSE sans dépasser son plafond ou réduire ses cofinancements.`
          : `- ${formatEuros(o.unused!, lang)} of the envelope stay unused${c} no project can take more ESF without going over its cap or cutting its co-financing.`,
      );
    } else if (o.unused! < 0) {
      out.push(
        lang === "fr"
          ? `- Enveloppe dépassée de ${formatEuros(-o.unused!, lang)} par le FSE fixe des lignes qui ne bougent pas.`
          : `- Envelope exceeded by ${formatEuros(-o.unused!, lang)} by the fixed ESF of lines that do not move.`,
      );
    }
  }
  const cannot = o.lines.filter((l) => l.cannotStayProject);
  if (cannot.length) {
    out.push(
      lang === "fr"
        ? `- Ne peuvent rester des projets avec leurs cofinancements actuels (plancher au-dessus du maximum)${c} ${rows(cannot)} ; leur FSE est compté sans être déplacé.`
        : `- Cannot stay projects with their current co-financing (floor above the maximum)${c} ${rows(cannot)}; their ESF is counted but not moved.`,
    );
  }
  const letters = o.lines.filter((l) => l.classification === "lettre_de_commande");
  if (letters.length) {
    out.push(
      lang === "fr"
        ? `- Lettres de commande, FSE compté mais non déplacé${c} ${rows(letters)}.`
        : `- Order letters, ESF counted but not moved${c} ${rows(letters)}.`,
    );
  }
  if (o.lettersToProjects.length) {
    out.push("");
    out.push(T.lettersTitle[lang]);
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
  const base = { sheet, row: x.row, table: x.tableIndex, action: x.action, operation: x.operation, operator: x.operator, kind: x.kind, fse: euros(x.fse) };
  if (x.kind === "total_cost_missing") {
    return { ...base, totalCost: eurosOrNull(x.totalCost), minTotalCost: euros(x.minTotalCost), missingTotalCost: euros(x.missingTotalCost) };
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
    infeasible: o.infeasible && { shortfall: euros(o.infeasible.shortfall), sumLo: euros(o.infeasible.sumLo), available: euros(o.infeasible.available) },
    lines: o.lines.map((l) => lineJson(l, sheetName)),
    lettersToProjects: o.lettersToProjects.map((x) => letterJson(x, sheetName)),
  };
}
