import { at } from "./arrays";
import type { FinancerId } from "./financers";
import type { Column, PrintedCell } from "./model";
import { addCents, ZERO_CENTS, type Cents } from "./money";
import { rateDiffExceeds, type Decimal } from "./rates";

/** A column a printed total can stand for. */
export interface Slot {
  col: number;
  header: string;
  kind: "money" | "rate" | "count";
  financer: FinancerId | null;
}

/** The computed figures a printed summary row is compared with. */
export interface Expected {
  /** Money per slot (index of the slot), for money slots. */
  money: (Cents | null)[];
  /** FSE and total cost behind the rate slot. */
  fse: Cents;
  totalCost: Cents;
  /** Sum of Objectifs, for a count slot. */
  count: number;
}

interface Placement {
  cell: PrintedCell;
  /** First and last slot the printed cell stands for (a range when it prints a sum of same-financer columns). */
  from: number;
  to: number;
  matches: boolean;
}

export interface Alignment {
  placements: Placement[];
  unplaced: PrintedCell[];
  score: number;
  matched: number;
}

const RATE_TOLERANCE: Decimal = { mantissa: 5, scale: 5 }; // printed rates are rounded to 0,01 %

export function slotsOf(columns: readonly Column[]): Slot[] {
  const slots: Slot[] = [];
  for (const c of columns) {
    if (c.role === "totalCost" || c.role === "totalOperation" || c.role === "financer") {
      slots.push({ col: c.index, header: c.header, kind: "money", financer: c.financer });
    } else if (c.role === "fseRate") {
      slots.push({ col: c.index, header: c.header, kind: "rate", financer: null });
    } else if (c.role === "objectifs") {
      slots.push({ col: c.index, header: c.header, kind: "count", financer: null });
    }
  }
  return slots;
}

function matchesSlot(cell: PrintedCell, slot: Slot, i: number, e: Expected): boolean {
  if (slot.kind === "money") return cell.cents !== null && cell.cents === e.money[i];
  if (slot.kind === "rate") {
    if (cell.rate === null || e.totalCost <= 0) return false;
    return !rateDiffExceeds(cell.rate, e.fse, e.totalCost, RATE_TOLERANCE);
  }
  return cell.number !== null && Math.abs(cell.number - e.count) < 1e-6;
}

/**
 * Places the printed cells of a summary row on the table's columns. Printed
 * rows are sometimes shifted (every cell after a point one column left of its
 * header) or print one figure for two columns of the same financer: the
 * placement that matches most computed figures wins, and at equal matches the
 * one that keeps cells under their own header. Order is kept (a monotone
 * alignment, by dynamic programming).
 */
export function alignSummaryRow(cells: readonly PrintedCell[], slots: readonly Slot[], e: Expected): Alignment {
  const n = cells.length;
  const m = slots.length;
  const W = m + 1;
  const score = new Float64Array((n + 1) * W).fill(-Infinity);
  // choice: 0 skip slot, 1 skip cell, 2+k place cell on slots [j, j+k]
  const choice = new Int32Array((n + 1) * W).fill(-1);
  score[n * W + m] = 0;
  /** Best score from cell i and slot j on (-Infinity past the grid). */
  const from = (i: number, j: number): number => score[i * W + j] ?? -Infinity;
  for (let i = n; i >= 0; i--) {
    for (let j = m; j >= 0; j--) {
      if (i === n && j === m) continue;
      let best = -Infinity;
      let pick = -1;
      if (j < m && from(i, j + 1) > best) {
        best = from(i, j + 1);
        pick = 0;
      }
      if (i < n && from(i + 1, j) > best) {
        best = from(i + 1, j);
        pick = 1;
      }
      if (i < n && j < m) {
        const cell = at(cells, i);
        const slot = at(slots, j);
        const positional = cell.col === slot.col ? 1 : 0;
        const ok = matchesSlot(cell, slot, j, e);
        if (ok || positional) {
          const s = (ok ? 10 : 0) + positional + from(i + 1, j + 1);
          if (s > best) {
            best = s;
            pick = 2;
          }
        }
        // A sum of adjacent columns of one financer printed as one figure.
        const fin = slot.financer;
        if (fin && cell.cents !== null) {
          let sum = e.money[j] ?? ZERO_CENTS;
          for (let k = j + 1; k < m && slots[k]?.financer === fin; k++) {
            sum = addCents(sum, e.money[k] ?? ZERO_CENTS);
            if (sum === cell.cents) {
              const s = 10 + positional + from(i + 1, k + 1);
              if (s > best) {
                best = s;
                pick = 2 + (k - j);
              }
            }
          }
        }
      }
      score[i * W + j] = best;
      choice[i * W + j] = pick;
    }
  }
  const placements: Placement[] = [];
  const unplaced: PrintedCell[] = [];
  let matched = 0;
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    const pick = choice[i * W + j];
    if (pick === 0) j++;
    else if (pick === 1) unplaced.push(at(cells, i++));
    else if (pick !== undefined && pick >= 2) {
      const k = pick - 2;
      const cell = at(cells, i);
      const ok = k > 0 || matchesSlot(cell, at(slots, j), j, e);
      if (ok) matched++;
      placements.push({ cell, from: j, to: j + k, matches: ok });
      i++;
      j += k + 1;
    } else {
      throw new RangeError(`internal error: no choice at cell ${i}, slot ${j}`);
    }
  }
  return { placements, unplaced, score: from(0, 0), matched };
}
