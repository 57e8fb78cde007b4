import { hostProjectOf } from "./hosts";
import { HOSTS, type LineChecks } from "./line-checks";
import type { Host, Table } from "./model";
import { addCents, ZERO_CENTS, type Cents } from "./money";

/** Split view: the projects, then the order letters under their host project (animation or assistance). */

/** A line of a sheet: its table, its index in the table, its sheet row. */
export interface LineRef {
  table: number;
  index: number;
  row: number;
}

export interface HostGroup {
  host: Host;
  /** The host project's own line, when the sheet has it. */
  hostLine: LineRef | null;
  letters: LineRef[];
  lettersTotalCost: Cents;
  lettersFse: Cents;
  /** The host's total cost including its order letters. */
  totalCost: Cents;
  fse: Cents;
}

export interface Split {
  projects: LineRef[];
  hosts: HostGroup[];
  undetermined: LineRef[];
}

/** Projects, then order letters under their host project (the host's total includes them). */
export function splitOf(tables: readonly { table: Table; checks: LineChecks }[]): Split {
  const projects: LineRef[] = [];
  const undetermined: LineRef[] = [];
  const groups = new Map<Host, HostGroup>();
  const group = (h: Host): HostGroup => {
    let g = groups.get(h);
    if (!g) {
      g = {
        host: h,
        hostLine: null,
        letters: [],
        lettersTotalCost: ZERO_CENTS,
        lettersFse: ZERO_CENTS,
        totalCost: ZERO_CENTS,
        fse: ZERO_CENTS,
      };
      groups.set(h, g);
    }
    return g;
  };
  const hostFigures = new Map<Host, { totalCost: Cents; fse: Cents }>();
  for (const t of tables) {
    const d = t.table.data;
    const c = t.checks;
    for (let i = 0; i < c.count; i++) {
      const ref: LineRef = { table: t.table.index, index: i, row: d.rowOf(i) };
      const cls = c.classification[i];
      const host = c.hostOf(i);
      if (cls === 0) {
        projects.push(ref);
        if (hostFigures.size < 2) {
          const h = hostProjectOf(d.action(i), d.operation(i));
          if (h && !hostFigures.has(h)) {
            group(h).hostLine = ref;
            hostFigures.set(h, { totalCost: d.totalCostOf(i) ?? ZERO_CENTS, fse: d.fseOf(i) });
          }
        }
      } else if (cls === 1 && host !== null) {
        const g = group(host);
        g.letters.push(ref);
        g.lettersTotalCost = addCents(g.lettersTotalCost, d.totalCostOf(i) ?? ZERO_CENTS);
        g.lettersFse = addCents(g.lettersFse, d.fseOf(i));
      } else {
        undetermined.push(ref);
      }
    }
  }
  const hosts: HostGroup[] = [];
  for (const h of HOSTS) {
    const g = groups.get(h);
    if (!g) continue;
    const own = hostFigures.get(h);
    g.totalCost = addCents(own?.totalCost ?? ZERO_CENTS, g.lettersTotalCost);
    g.fse = addCents(own?.fse ?? ZERO_CENTS, g.lettersFse);
    hosts.push(g);
  }
  return { projects, hosts, undetermined };
}
