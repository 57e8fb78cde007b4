import type { SheetResult } from "./check";
import type { Cents } from "./money";
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

export type OptimisationStatus = "ok" | "no_envelope" | "infeasible";

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
  const shares = new Array<Cents>(n).fill(0);
  if (amount <= 0) return shares;
  let total = 0n;
  for (const wt of weights) total += BigInt(wt);
  if (total === 0n) return shares;
  const a = BigInt(amount);
  const rema: bigint[] = new Array<bigint>(n);
  let given = 0;
  for (let i = 0; i < n; i++) {
    const p = a * BigInt(weights[i]);
    const q = p / total;
    shares[i] = Number(q);
    rema[i] = p - q * total;
    given += shares[i];
  }
  let left = amount - given;
  if (left > 0) {
    const order = Array.from({ length: n }, (_, i) => i).filter((i) => rema[i] > 0n);
    order.sort((x, y) => (rema[y] > rema[x] ? 1 : rema[y] < rema[x] ? -1 : x - y));
    for (let k = 0; k < order.length && left > 0; k++, left--) shares[order[k]] += 1;
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
  const byCofinancing = totalCost - cofinancing;
  const hi = Math.min(byCap, byCofinancing);
  const limitedBy: UpperLimit = byCap === byCofinancing ? "both" : byCap < byCofinancing ? "cap" : "cofinancing";
  return { lo: minFseForFloor(rules), hi, limitedBy };
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

  const lines: OptimisedLine[] = [];
  const movable: number[] = [];
  let programmed = 0;
  let fixed = 0;
  for (const t of sheet.tables) {
    const d = t.table.data;
    const ids = d.layout.financers;
    for (let i = 0; i < d.count; i++) {
      const at = d.at[i];
      const amounts = d.source.financerAmounts(at);
      let auto = 0;
      let cofinancing = 0;
      for (let k = 0; k < ids.length; k++) {
        if (ids[k] === "autofinancement") auto += amounts[k] ?? 0;
        else if (ids[k] !== "fse") cofinancing += amounts[k] ?? 0;
      }
      const tc = d.totalCost[i];
      const totalCost = tc === tc ? tc : null;
      const fse = d.fse[i];
      const classification = t.checks.classificationOf(i);
      programmed += fse;
      const line: OptimisedLine = {
        tableIndex: t.table.index,
        index: i,
        row: d.row[i],
        action: d.source.action(at),
        operation: d.source.operation(at),
        operator: d.source.operator(at),
        classification,
        totalCost,
        cofinancing,
        fse,
        proposedFse: null,
        lo: null,
        hi: null,
        limitedBy: null,
        fixed: true,
        cannotStayProject: false,
        autofinancementBefore: auto,
        autofinancementAfter: null,
      };
      if (classification === "projet" && totalCost !== null) {
        const b = boundsOf(totalCost, cofinancing, rules);
        line.lo = b.lo;
        line.hi = b.hi;
        line.limitedBy = b.limitedBy;
        if (b.lo > b.hi) line.cannotStayProject = true;
        else {
          line.fixed = false;
          movable.push(lines.length);
        }
      }
      if (line.fixed) fixed += fse;
      lines.push(line);
    }
  }

  let sumLo = 0;
  let sumHi = 0;
  for (const j of movable) {
    sumLo += lines[j].lo!;
    sumHi += lines[j].hi!;
  }

  let status: OptimisationStatus = "ok";
  let available: Cents | null = null;
  let infeasible: Optimisation["infeasible"] = null;
  let proposedProjects: Cents | null = null;
  if (envelope === null) {
    status = "no_envelope";
  } else {
    available = envelope - fixed;
    if (sumLo > available) {
      status = "infeasible";
      infeasible = { shortfall: sumLo - available, sumLo, available };
    } else {
      const proposal = allocate(
        movable.map((j) => lines[j]),
        available,
        sumHi,
      );
      proposedProjects = 0;
      movable.forEach((j, k) => {
        lines[j].proposedFse = proposal[k];
        proposedProjects! += proposal[k];
      });
    }
  }

  let proposed: Cents | null = null;
  let unused: Cents | null = null;
  if (status === "ok") {
    for (const l of lines) {
      if (l.fixed) {
        l.proposedFse = l.fse;
        l.autofinancementAfter = l.autofinancementBefore;
      } else {
        l.autofinancementAfter = l.totalCost! - l.cofinancing - l.proposedFse!;
      }
    }
    proposed = fixed + proposedProjects!;
    unused = envelope! - proposed;
  }

  const lettersToProjects: LetterToProject[] = [];
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
      lettersToProjects.push({
        kind: "total_cost_missing",
        ...base,
        totalCost: l.totalCost,
        minTotalCost: minTotal,
        missingTotalCost: minTotal - (l.totalCost ?? 0),
      });
      continue;
    }
    const b = boundsOf(l.totalCost, l.cofinancing, rules);
    const extra = Math.max(0, b.lo - l.fse);
    lettersToProjects.push({
      kind: "fse_range",
      ...base,
      totalCost: l.totalCost,
      lo: b.lo,
      hi: b.hi,
      limitedBy: b.limitedBy,
      extraFseNeeded: extra,
      coveredByUnused: unused === null ? null : unused >= extra,
      coveredWithProjectsAtFloor: available === null ? null : available - sumLo >= extra,
    });
  }

  return {
    status,
    envelopeSource,
    envelope,
    programmed,
    fixed,
    available,
    sumLo,
    sumHi,
    proposed,
    proposedProjects,
    unused,
    infeasible,
    lines,
    lettersToProjects,
  };
}

/**
 * Proposed FSE of the movable projects for `available` (Σ lo ≤ available):
 * every line at hi when Σ hi fits, else exactly `available`, moving from the
 * current FSE clipped to [lo, hi] in proportion to each line's room.
 */
function allocate(ls: readonly OptimisedLine[], available: Cents, sumHi: Cents): Cents[] {
  if (sumHi <= available) return ls.map((l) => l.hi!);
  const start = ls.map((l) => Math.min(l.hi!, Math.max(l.lo!, l.fse)));
  let sum = 0;
  for (const s of start) sum += s;
  const delta = available - sum;
  if (delta === 0) return start;
  if (delta > 0) {
    const up = shareByWeight(
      delta,
      ls.map((l, k) => l.hi! - start[k]),
    );
    return start.map((s, k) => s + up[k]);
  }
  const down = shareByWeight(
    -delta,
    ls.map((l, k) => start[k] - l.lo!),
  );
  return start.map((s, k) => s - down[k]);
}
