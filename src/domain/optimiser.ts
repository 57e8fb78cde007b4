import { at } from "./arrays";
import type { SheetResult, TableResult } from "./check";
import {
  addCents,
  asCents,
  maxCents,
  minCents,
  negCents,
  ONE_CENT,
  subCents,
  sumCents,
  ZERO_CENTS,
  type Cents,
} from "./money";
import { maxFseAllowed, minFseForFloor, minTotalCostForProject, type Classification, type RuleSet } from "./rules";

/**
 * A what-if on a sheet's FSE envelope: how much FSE each project could carry
 * so that the programming uses as much of the envelope as the rules allow.
 * Nothing is ever written back to the sheet.
 *
 * For each project line:
 * - lo = the smallest FSE that meets the floor;
 * - hi = min(largest FSE the cap allows, total cost − co-financing), where
 *   co-financing is every financer amount that is neither FSE nor
 *   autofinancement. Co-financing stays as it is; the operator's
 *   autofinancement takes the difference so the plan stays balanced, and it
 *   cannot go below zero.
 * Order letters (and lines that cannot be classified) keep their FSE: it
 * counts as programmed but does not move.
 *
 * The proposal maximises Σ proposed ≤ envelope − Σ fixed FSE: every project
 * at hi when that fits; otherwise exactly the available amount, starting from
 * the current FSE clipped to [lo, hi] and moving each line in proportion to
 * its room (up or down), in integer cents with a largest-remainder step so
 * the total is exact and the result does not depend on anything but the
 * figures and the line order.
 */

type OptimisationStatus = "ok" | "no_envelope" | "infeasible";

/** What stops a project's FSE from going higher. */
export type UpperLimit = "cap" | "cofinancing" | "both";

export interface OptimisedLine {
  /** 0-based table index in the sheet, index of the line in its table, 1-based sheet row. */
  tableIndex: number;
  index: number;
  row: number;
  action: string;
  operation: string;
  operator: string;
  /** null when the line cannot be classified (an amount the rules need is unreadable). */
  classification: Classification | null;
  totalCost: Cents | null;
  /** Co-financing: financers other than FSE and autofinancement. */
  cofinancing: Cents;
  fse: Cents;
  /** Proposed FSE; null when there is no proposal (no envelope, or no allocation meets the floors). */
  proposedFse: Cents | null;
  /** Bounds of a project's FSE (null for other lines). */
  lo: Cents | null;
  hi: Cents | null;
  /** Project lines: what sets hi. */
  limitedBy: UpperLimit | null;
  /** True when the FSE of a project is counted but not moved (order letters, unclassified lines, projects with lo > hi). */
  fixed: boolean;
  /** A project whose bounds cross (lo > hi): it cannot stay a project under these rules with its co-financing. */
  cannotStayProject: boolean;
  autofinancementBefore: Cents;
  /** Total cost − co-financing − proposed FSE for a moved project; otherwise the current amount. null without a proposal. */
  autofinancementAfter: Cents | null;
}

/** An order letter that could become a project, and what it needs. */
export type LetterToProject =
  | {
      kind: "fse_range";
      tableIndex: number;
      row: number;
      action: string;
      operation: string;
      operator: string;
      totalCost: Cents;
      fse: Cents;
      /** FSE range the line would need: [lo, hi] (hi < lo when its co-financing leaves too little room). */
      lo: Cents;
      hi: Cents;
      limitedBy: UpperLimit;
      /** Extra FSE needed to reach lo (0 when the letter already has it). */
      extraFseNeeded: Cents;
      /** Whether the envelope left unused by the proposal covers the extra FSE (null without a proposal). */
      coveredByUnused: boolean | null;
      /** Whether it would be covered if every project went down to its floor (null without an envelope). */
      coveredWithProjectsAtFloor: boolean | null;
    }
  | {
      kind: "total_cost_missing";
      tableIndex: number;
      row: number;
      action: string;
      operation: string;
      operator: string;
      totalCost: Cents | null;
      fse: Cents;
      /** The smallest total cost of a project, and what the line lacks to reach it. */
      minTotalCost: Cents;
      missingTotalCost: Cents;
    };

export interface Optimisation {
  status: OptimisationStatus;
  /** Where the envelope came from. */
  envelopeSource: "argument" | "budget" | null;
  envelope: Cents | null;
  /** Σ current FSE of every line (both tables). */
  programmed: Cents;
  /** Σ FSE that does not move (order letters, unclassified lines, projects with lo > hi). */
  fixed: Cents;
  /** envelope − fixed: what the movable projects may share (null without an envelope). */
  available: Cents | null;
  /** Σ lo and Σ hi over the movable projects. */
  sumLo: Cents;
  sumHi: Cents;
  /** Σ proposed FSE of every line (fixed lines included); null without a proposal. */
  proposed: Cents | null;
  /** Σ proposed FSE of the movable projects only. */
  proposedProjects: Cents | null;
  /** envelope − proposed; null without a proposal. */
  unused: Cents | null;
  /** When even the floors do not fit: Σ lo − available. */
  infeasible: { shortfall: Cents; sumLo: Cents; available: Cents } | null;
  /** Every operation line, table by table, in sheet order. */
  lines: OptimisedLine[];
  lettersToProjects: LetterToProject[];
}

const BUDGET_FINANCER = "fse";

/**
 * Shares `amount` (≥ 0) between lines in proportion to their weights (≥ 0,
 * Σ weights ≥ amount): each gets floor(amount × w / W), then the cents left
 * go one by one to the largest remainders (ties: the earlier line). No share
 * exceeds its weight.
 */
export function shareByWeight(amount: Cents, weights: readonly Cents[]): Cents[] {
  const n = weights.length;
  const shares = new Array<Cents>(n).fill(ZERO_CENTS);
  if (amount <= 0) return shares;
  let total = 0n;
  for (const wt of weights) total += BigInt(wt);
  if (total === 0n) return shares;
  const a = BigInt(amount);
  const rema: bigint[] = [];
  let given = ZERO_CENTS;
  weights.forEach((wt, i) => {
    const p = a * BigInt(wt);
    const q = p / total;
    const share = asCents(Number(q));
    shares[i] = share;
    rema.push(p - q * total);
    given = addCents(given, share);
  });
  let left: number = subCents(amount, given);
  if (left > 0) {
    const order = Array.from({ length: n }, (_, i) => i).filter((i) => at(rema, i) > 0n);
    order.sort((x, y) => {
      const rx = at(rema, x);
      const ry = at(rema, y);
      return ry > rx ? 1 : ry < rx ? -1 : x - y;
    });
    for (let k = 0; k < order.length && left > 0; k++, left--) {
      const j = at(order, k);
      shares[j] = addCents(at(shares, j), ONE_CENT);
    }
  }
  return shares;
}

/** Bounds of a line's FSE: floor, and the cap or what the co-financing leaves. */
function boundsOf(
  totalCost: Cents,
  cofinancing: Cents,
  rules: RuleSet,
): { lo: Cents; hi: Cents; limitedBy: UpperLimit } {
  const byCap = maxFseAllowed(totalCost, rules);
  const byCofinancing = subCents(totalCost, cofinancing);
  const hi = minCents(byCap, byCofinancing);
  const limitedBy: UpperLimit = byCap === byCofinancing ? "both" : byCap < byCofinancing ? "cap" : "cofinancing";
  return { lo: minFseForFloor(rules), hi, limitedBy };
}

/** A project whose FSE may move, with its bounds (lo ≤ hi). */
interface Movable {
  line: OptimisedLine;
  totalCost: Cents;
  lo: Cents;
  hi: Cents;
}

/** Every operation line of the sheet, the projects whose FSE may move, and the FSE programmed and fixed. */
interface LinesOfSheet {
  lines: OptimisedLine[];
  movable: Movable[];
  programmed: Cents;
  fixed: Cents;
}

/** What the envelope allows the movable projects, with the sums the result shows. */
interface Proposal {
  status: OptimisationStatus;
  available: Cents | null;
  infeasible: Optimisation["infeasible"];
  proposed: Cents | null;
  proposedProjects: Cents | null;
  unused: Cents | null;
}

/**
 * The what-if: proposed FSE per project for the envelope given, else the
 * sheet's FSE budget (BUDGET row). Without either, the result says so
 * (`status: "no_envelope"`) and proposes nothing.
 */
export function optimiseEnvelope(sheet: SheetResult, rules: RuleSet, envelopeCents?: Cents): Optimisation {
  const fromBudget = sheet.budget[BUDGET_FINANCER];
  const envelope = envelopeCents ?? fromBudget ?? null;
  const envelopeSource = envelopeCents !== undefined ? "argument" : fromBudget !== undefined ? "budget" : null;
  const { lines, movable, programmed, fixed } = linesOfSheet(sheet, rules);
  const sumLo = sumCents(movable.map((m) => m.lo));
  const sumHi = sumCents(movable.map((m) => m.hi));
  const p = propose(lines, movable, envelope, fixed, sumLo, sumHi);
  return {
    status: p.status,
    envelopeSource,
    envelope,
    programmed,
    fixed,
    available: p.available,
    sumLo,
    sumHi,
    proposed: p.proposed,
    proposedProjects: p.proposedProjects,
    unused: p.unused,
    infeasible: p.infeasible,
    lines,
    lettersToProjects: lettersToProjects(lines, rules, p, sumLo),
  };
}

/** Step 1: every line with its figures; a project with room between its bounds may move, every other line is fixed. */
function linesOfSheet(sheet: SheetResult, rules: RuleSet): LinesOfSheet {
  const lines: OptimisedLine[] = [];
  const movable: Movable[] = [];
  let programmed = ZERO_CENTS;
  let fixed = ZERO_CENTS;
  for (const t of sheet.tables) {
    for (let i = 0; i < t.table.data.count; i++) {
      const line = optimisedLine(t, i);
      programmed = addCents(programmed, line.fse);
      if (line.classification === "projet" && line.totalCost !== null) {
        const b = boundsOf(line.totalCost, line.cofinancing, rules);
        line.lo = b.lo;
        line.hi = b.hi;
        line.limitedBy = b.limitedBy;
        if (b.lo > b.hi) line.cannotStayProject = true;
        else {
          line.fixed = false;
          movable.push({ line, totalCost: line.totalCost, lo: b.lo, hi: b.hi });
        }
      }
      if (line.fixed) fixed = addCents(fixed, line.fse);
      lines.push(line);
    }
  }
  return { lines, movable, programmed, fixed };
}

/** Line i of a table as it stands (fixed, no proposal yet). */
function optimisedLine(t: TableResult, i: number): OptimisedLine {
  const d = t.table.data;
  const ids = d.layout.financers;
  const k = d.sourceIndexOf(i);
  const amounts = d.source.financerAmounts(k);
  let auto = ZERO_CENTS;
  let cofinancing = ZERO_CENTS;
  ids.forEach((id, c) => {
    const v = amounts[c] ?? ZERO_CENTS;
    if (id === "autofinancement") auto = addCents(auto, v);
    else if (id !== "fse") cofinancing = addCents(cofinancing, v);
  });
  return {
    tableIndex: t.table.index,
    index: i,
    row: d.rowOf(i),
    action: d.source.action(k),
    operation: d.source.operation(k),
    operator: d.source.operator(k),
    classification: t.checks.classificationOf(i),
    totalCost: d.totalCostOf(i),
    cofinancing,
    fse: d.fseOf(i),
    proposedFse: null,
    lo: null,
    hi: null,
    limitedBy: null,
    fixed: true,
    cannotStayProject: false,
    autofinancementBefore: auto,
    autofinancementAfter: null,
  };
}

/**
 * Step 2: the proposal for the envelope, written on the lines: the movable
 * projects share what the fixed FSE leaves, the autofinancement takes the
 * difference; fixed lines keep their FSE.
 */
function propose(
  lines: readonly OptimisedLine[],
  movable: readonly Movable[],
  envelope: Cents | null,
  fixed: Cents,
  sumLo: Cents,
  sumHi: Cents,
): Proposal {
  const none = { infeasible: null, proposed: null, proposedProjects: null, unused: null };
  if (envelope === null) return { status: "no_envelope", available: null, ...none };
  const available = subCents(envelope, fixed);
  if (sumLo > available) {
    return {
      status: "infeasible",
      available,
      ...none,
      infeasible: { shortfall: subCents(sumLo, available), sumLo, available },
    };
  }
  const proposal = allocate(movable, available, sumHi);
  let proposedProjects = ZERO_CENTS;
  movable.forEach((m, k) => {
    const fse = at(proposal, k);
    m.line.proposedFse = fse;
    m.line.autofinancementAfter = subCents(subCents(m.totalCost, m.line.cofinancing), fse);
    proposedProjects = addCents(proposedProjects, fse);
  });
  for (const l of lines) {
    if (l.fixed) {
      l.proposedFse = l.fse;
      l.autofinancementAfter = l.autofinancementBefore;
    }
  }
  const proposed = addCents(fixed, proposedProjects);
  return {
    status: "ok",
    available,
    infeasible: null,
    proposed,
    proposedProjects,
    unused: subCents(envelope, proposed),
  };
}

/** Step 3: each order letter that could become a project, and what it would need. */
function lettersToProjects(
  lines: readonly OptimisedLine[],
  rules: RuleSet,
  p: Proposal,
  sumLo: Cents,
): LetterToProject[] {
  const out: LetterToProject[] = [];
  const minTotal = minTotalCostForProject(rules);
  for (const l of lines) {
    if (l.classification !== "lettre_de_commande") continue;
    const base = {
      tableIndex: l.tableIndex,
      row: l.row,
      action: l.action,
      operation: l.operation,
      operator: l.operator,
      fse: l.fse,
    };
    if (l.totalCost === null || l.totalCost < minTotal) {
      out.push({
        kind: "total_cost_missing",
        ...base,
        totalCost: l.totalCost,
        minTotalCost: minTotal,
        missingTotalCost: subCents(minTotal, l.totalCost ?? ZERO_CENTS),
      });
      continue;
    }
    const b = boundsOf(l.totalCost, l.cofinancing, rules);
    const extra = maxCents(ZERO_CENTS, subCents(b.lo, l.fse));
    out.push({
      kind: "fse_range",
      ...base,
      totalCost: l.totalCost,
      lo: b.lo,
      hi: b.hi,
      limitedBy: b.limitedBy,
      extraFseNeeded: extra,
      coveredByUnused: p.unused === null ? null : p.unused >= extra,
      coveredWithProjectsAtFloor: p.available === null ? null : subCents(p.available, sumLo) >= extra,
    });
  }
  return out;
}

/**
 * Proposed FSE of the movable projects for `available` (Σ lo ≤ available):
 * every line at hi when Σ hi fits, else exactly `available`, moving from the
 * current FSE clipped to [lo, hi] in proportion to each line's room.
 */
function allocate(ms: readonly Movable[], available: Cents, sumHi: Cents): Cents[] {
  if (sumHi <= available) return ms.map((m) => m.hi);
  const start = ms.map((m) => minCents(m.hi, maxCents(m.lo, m.line.fse)));
  const delta = subCents(available, sumCents(start));
  if (delta === 0) return start;
  if (delta > 0) {
    const up = shareByWeight(
      delta,
      ms.map((m, k) => subCents(m.hi, at(start, k))),
    );
    return start.map((s, k) => addCents(s, at(up, k)));
  }
  const down = shareByWeight(
    negCents(delta),
    ms.map((m, k) => subCents(at(start, k), m.lo)),
  );
  return start.map((s, k) => subCents(s, at(down, k)));
}
