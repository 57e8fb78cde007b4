/**
 * Property: for random programming sheets built from the layout vocabulary
 * (title blocks with a year, a group row, column order, total-cost, financer
 * and rate header spellings, extra non-money columns, sub-totals after random
 * groups of lines, section titles, blank rows, a TOTAL row, amounts as
 * numbers or French text), the checker finds exactly the generated operation
 * lines and the generated totals (line count, total cost, FSE, every
 * financer), or a finding at the right cell explains the difference: an
 * unreadable amount (left out of its financer's total) and a wrong printed
 * sub-total are injected on purpose in some sheets.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { columnLetters } from "../src/domain/address";
import { sheetJson } from "../src/report/json";
import type { CellValue, SheetGrid } from "../src/sheet/grid";
import { analyseWorkbook } from "../src/sheet/workbook";

// ---------------------------------------------------------------------------
// Vocabulary of real programming sheets

const COST_HEADERS = [
  "Dépenses totales",
  "Dépenses totales éligibles",
  "Coût total",
  "Coût total éligible",
  "Montant total",
  "Budget prévisionnel",
  "Total des dépenses",
  "Plan de financement total",
  "Total cost",
] as const;

const FSE_HEADERS = ["FSE", "FSE+", "Fonds social européen", "Etat - FSE", "FSE - CD21", "ESF"] as const;

/** Financers other than the FSE, with header spellings; one column each. */
const OTHER_FINANCERS: readonly { id: string; headers: readonly string[] }[] = [
  {
    id: "conseil_departemental",
    headers: [
      "Conseil départemental",
      "Département",
      "Département du Doubs",
      "CD21",
      "Department",
      "Collectivité - Conseil Départemental",
    ],
  },
  { id: "dijon_metropole", headers: ["Dijon Métropole", "Grand Dijon"] },
  {
    id: "intercommunalite",
    headers: [
      "EPCI",
      "Métropole",
      "Grand Besançon Métropole",
      "Communauté d'agglomération du Grand Dole",
      "Communauté de communes du Haut-Doubs",
    ],
  },
  { id: "conseil_regional", headers: ["Conseil régional", "Région", "Région Bourgogne-Franche-Comté", "Region"] },
  { id: "ville", headers: ["Ville", "Ville de Besançon", "Mairie"] },
  { id: "communes", headers: ["Communes", "Commune de Chenôve"] },
  { id: "etat", headers: ["ETAT", "État", "DREETS", "DDETS", "DIRECCTE"] },
  { id: "france_travail", headers: ["France Travail", "Pôle emploi"] },
  { id: "autres_financements", headers: ["Autres financements", "Autres financeurs"] },
  {
    id: "autofinancement",
    headers: ["Autofinancement", "Fonds propres", "Ressources propres", "Own funds", "Apport en nature"],
  },
];

const RATE_HEADERS = [
  "%FSE",
  "% FSE",
  "Part FSE",
  "Taux FSE",
  "Taux de cofinancement FSE",
  "Taux d'intervention",
  "ESF rate",
] as const;
const TOTAL_OPERATION_HEADERS = ["Total opération", "Total"] as const;
const TITLE_WORDS = ["Programmation PLIE", "Programmation", "Exercice"] as const;
const SUBTOTAL_LABELS = [
  (k: number) => `Sous-total Axe ${k}`,
  () => "S/Total",
  (k: number) => `Sous total OS${k}`,
  (k: number) => `Total Axe ${k}`,
];
const TOTAL_LABELS = ["TOTAL GÉNÉRAL", "TOTAL", "TOTAL APRES RÉPARTITION DES FINANCEMENTS :"] as const;

/** Extra non-money columns; `known`: a header the parser understands (else UNKNOWN_COLUMN is allowed there). */
const EXTRAS: readonly { header: string; known: boolean; values: readonly string[] }[] = [
  {
    header: "Commentaires",
    known: false,
    values: ["Reconduction", "Nouvelle action", "Dossier incomplet : pièces à fournir"],
  },
  { header: "Date de dépôt", known: false, values: ["12/01/2023", "03/02/2023", "15/02/2023"] },
  {
    header: "Statut COPIL",
    known: true,
    values: ["voté au COPIL du 14 mars 2023", "à voter au COPIL du 13 juin 2023", "à faire voter"],
  },
];

const ACTIONS = ["OS1-422C", "422D", "OS2-322D", "OS3-422B"];
const OPERATIONS = [
  "Référents de parcours",
  "Atelier estime de soi",
  "Remobilisation",
  "Prospection entreprises",
  "Clauses sociales",
  "Mobilité",
];
const OPERATORS = ["Mission locale", "CESAM", "IFPA", "IRFA", "APSALC", "AMIS MOTS", "Ville de Longvic"];

const FLOOR_CENTS = 2_000_000;
const MIN_OTHER_CENTS = 10_000; // every financer gives at least 100 € on every line: no column of zeros

// ---------------------------------------------------------------------------
// Random layouts

const lineArb = fc.record({
  cost: fc.noBias(fc.integer({ min: 4_000_000, max: 20_000_000 })),
  fseShare: fc.noBias(fc.integer({ min: 0, max: 6_000 })), // FSE up to about 60 % of the cost: most lines projets, some above the cap
  weights: fc.array(fc.noBias(fc.integer({ min: 1, max: 1000 })), { minLength: 4, maxLength: 4 }),
  blankBefore: fc.boolean(),
  asText: fc.boolean(),
  pick: fc.nat(),
});

const layoutArb = fc.record({
  year: fc.integer({ min: 2015, max: 2030 }),
  titleWord: fc.constantFrom(...TITLE_WORDS),
  orgLine: fc.boolean(),
  dateLine: fc.boolean(),
  blanksAfterTitle: fc.integer({ min: 1, max: 2 }),
  groupRow: fc.boolean(),
  sheetNameWithYear: fc.boolean(),
  costHeader: fc.constantFrom(...COST_HEADERS),
  fseHeader: fc.constantFrom(...FSE_HEADERS),
  others: fc.shuffledSubarray(OTHER_FINANCERS.slice(), { minLength: 1, maxLength: 4 }),
  spelling: fc.array(fc.nat(), { minLength: 4, maxLength: 4 }),
  rate: fc.option(fc.constantFrom(...RATE_HEADERS), { nil: null }),
  ratePercent: fc.boolean(),
  totalOperation: fc.option(fc.constantFrom(...TOTAL_OPERATION_HEADERS), { nil: null }),
  extras: fc.subarray(EXTRAS.slice()),
  order: fc.array(fc.nat({ max: 1000 }), { minLength: 16, maxLength: 16 }),
  groups: fc.array(
    fc.record({
      lines: fc.array(lineArb, { minLength: 1, maxLength: 4 }),
      subtotal: fc.option(fc.integer({ min: 0, max: SUBTOTAL_LABELS.length - 1 }), { nil: null }),
      sectionTitle: fc.boolean(),
    }),
    { minLength: 1, maxLength: 4 },
  ),
  total: fc.option(fc.integer({ min: 0, max: TOTAL_LABELS.length - 1 }), { nil: null }),
  unreadable: fc.option(fc.record({ line: fc.nat(), financer: fc.nat() }), { nil: null, freq: 2 }),
  wrongSubtotal: fc.option(fc.record({ subtotal: fc.nat(), financer: fc.nat() }), { nil: null, freq: 2 }),
});

type Layout = typeof layoutArb extends fc.Arbitrary<infer T> ? T : never;

type Column =
  | { kind: "action" | "operation" | "operator" }
  | { kind: "cost"; header: string }
  | { kind: "financer"; id: string; header: string; other: number }
  | { kind: "rate"; header: string }
  | { kind: "totalOperation"; header: string }
  | { kind: "extra"; header: string; known: boolean; values: readonly string[] };

interface GeneratedLine {
  row: number;
  costCents: number;
  fseCents: number;
  /** Cents per other financer (index in `others`); null where the cell is unreadable. */
  otherCents: (number | null)[];
}

interface Generated {
  grid: SheetGrid;
  year: number;
  lines: GeneratedLine[];
  /** Financer totals the checker must give, by id (unreadable amounts left out). */
  byFinancer: Record<string, number>;
  /** Findings the sheet must hold (code@cell), and those it may hold. */
  required: string[];
  allowed: Set<string>;
}

/** "12 345,67 €" */
function frenchText(cents: number): string {
  const e = String(Math.floor(cents / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, " ");
  return `${e},${String(cents % 100).padStart(2, "0")} €`;
}

const euros = (cents: number): number => cents / 100;

/** Splits `cents` over the weights, each part at least MIN_OTHER_CENTS, exact sum. */
function split(cents: number, weights: readonly number[]): number[] {
  const free = cents - MIN_OTHER_CENTS * weights.length;
  const sum = weights.reduce((a, b) => a + b, 0);
  const out: number[] = [];
  let given = 0;
  for (let k = 0; k < weights.length; k++) {
    const part = k === weights.length - 1 ? free - given : Math.floor((free * weights[k]) / sum);
    given += part;
    out.push(MIN_OTHER_CENTS + part);
  }
  return out;
}

function generate(l: Layout): Generated {
  const others = l.others.map((f, k) => ({ id: f.id, header: f.headers[l.spelling[k] % f.headers.length] }));
  // Columns: Action first (it holds the summary labels), the others in a random order.
  const rest: Column[] = [
    { kind: "operation" },
    { kind: "operator" },
    { kind: "cost", header: l.costHeader },
    { kind: "financer", id: "fse", header: l.fseHeader, other: -1 },
    ...others.map((o, k): Column => ({ kind: "financer", id: o.id, header: o.header, other: k })),
  ];
  if (l.rate) rest.push({ kind: "rate", header: l.rate });
  if (l.totalOperation) rest.push({ kind: "totalOperation", header: l.totalOperation });
  for (const e of l.extras) rest.push({ kind: "extra", ...e });
  const keyed = rest.map((c, i) => ({ c, key: l.order[i] * 100 + i }));
  keyed.sort((a, b) => a.key - b.key);
  const columns: Column[] = [{ kind: "action" }, ...keyed.map((k) => k.c)];
  const width = columns.length;
  const colOf = (pred: (c: Column) => boolean): number => columns.findIndex(pred);
  const costCol = colOf((c) => c.kind === "cost");
  const fseCol = colOf((c) => c.kind === "financer" && c.id === "fse");
  const opCol = colOf((c) => c.kind === "operation");
  const otherCols = others.map((_, k) => colOf((c) => c.kind === "financer" && c.other === k));

  const rows: CellValue[][] = [];
  const formats: (string | null)[][] = [];
  const push = (cells: CellValue[], fmt: (string | null)[] = []): number => {
    rows.push(cells);
    formats.push(fmt);
    return rows.length; // sheet row
  };
  const blankRow = (): CellValue[] => new Array<CellValue>(width).fill(null);

  // Title block, then blank rows.
  if (l.orgLine) push(["PLIE du Grand Dijon"]);
  push([`${l.titleWord} ${l.year}`]);
  if (l.dateLine) push([`Mis à jour le 05/12/${l.year - 1}`]);
  for (let k = 0; k < l.blanksAfterTitle; k++) push([]);
  if (l.groupRow) {
    const g = blankRow();
    g[0] = "Détail des opérations";
    g[fseCol] = "Financeurs";
    push(g);
  }
  const header = columns.map((c): CellValue => {
    switch (c.kind) {
      case "action":
        return "Action";
      case "operation":
        return "Opération";
      case "operator":
        return "Opérateur";
      default:
        return c.header;
    }
  });
  const headerRow = push(header);

  const lines: GeneratedLine[] = [];
  const allLines = l.groups.flatMap((g) => g.lines);
  const unreadableLine = l.unreadable ? l.unreadable.line % allLines.length : -1;
  const unreadableOther = l.unreadable ? l.unreadable.financer % others.length : -1;
  const required: string[] = [];
  const allowed = new Set<string>();
  const cell = (row: number, col: number): string => `${columnLetters(col)}${row}`;
  for (const c of columns) {
    if (c.kind === "extra" && !c.known) allowed.add(`UNKNOWN_COLUMN@${cell(headerRow, columns.indexOf(c))}`);
  }

  /** A summary row printing the sums of `group` lines (readable amounts, as Excel's SUM does). */
  const summaryRow = (label: string, group: readonly GeneratedLine[]): CellValue[] => {
    const r = blankRow();
    r[0] = label;
    r[costCol] = euros(group.reduce((a, x) => a + x.costCents, 0));
    r[fseCol] = euros(group.reduce((a, x) => a + x.fseCents, 0));
    otherCols.forEach((col, k) => {
      r[col] = euros(group.reduce((a, x) => a + (x.otherCents[k] ?? 0), 0));
    });
    const tot = colOf((c) => c.kind === "totalOperation");
    if (tot >= 0) r[tot] = r[costCol];
    return r;
  };

  const subtotalRows: { row: number; cells: CellValue[] }[] = [];
  let index = 0;
  /** The lines since the last boundary (table start, sub-total, section title): what a sub-total covers. */
  let sinceBoundary: GeneratedLine[] = [];
  l.groups.forEach((g, gi) => {
    if (g.sectionTitle) {
      const t = blankRow();
      t[opCol] = `Axe ${gi + 1} – ${OPERATIONS[gi % OPERATIONS.length]}`;
      push(t);
      sinceBoundary = [];
    }
    for (const spec of g.lines) {
      if (spec.blankBefore) push([]);
      const k = others.length;
      const fse = MIN_OTHER_CENTS + Math.floor(((spec.cost - MIN_OTHER_CENTS * (k + 1)) * spec.fseShare) / 10_000);
      const otherCents: (number | null)[] = split(spec.cost - fse, spec.weights.slice(0, k));
      const asText = spec.asText && index > 0; // the first line keeps numbers in every column
      const amount = (cents: number): CellValue => (asText ? frenchText(cents) : euros(cents));
      const r = blankRow();
      const f: (string | null)[] = new Array<string | null>(width).fill(null);
      for (let c = 0; c < width; c++) {
        const col = columns[c];
        switch (col.kind) {
          case "action":
            r[c] = ACTIONS[(spec.pick + index) % ACTIONS.length];
            break;
          case "operation":
            r[c] = OPERATIONS[(spec.pick + 2 * index) % OPERATIONS.length];
            break;
          case "operator":
            r[c] = OPERATORS[(spec.pick + 3 * index) % OPERATORS.length];
            break;
          case "cost":
          case "totalOperation":
            r[c] = amount(spec.cost);
            break;
          case "financer":
            r[c] = amount(col.other < 0 ? fse : otherCents[col.other]!);
            break;
          case "rate":
            r[c] = Math.round((fse * 10_000) / spec.cost) / 10_000;
            if (l.ratePercent) f[c] = "0.00%";
            break;
          case "extra":
            r[c] = col.values[(spec.pick + index) % col.values.length];
            break;
        }
      }
      const row = push(r, f);
      if (index === unreadableLine) {
        r[otherCols[unreadableOther]] = "n.c.";
        otherCents[unreadableOther] = null;
        required.push(`INVALID_AMOUNT@${cell(row, otherCols[unreadableOther])}`);
        allowed.add(`UNBALANCED@${cell(row, costCol)}`);
      }
      if (fse < FLOOR_CENTS) required.push(`FSE_BELOW_FLOOR@${cell(row, fseCol)}`);
      if (fse * 2 > spec.cost) required.push(`FSE_RATE_ABOVE_CAP@${cell(row, fseCol)}`);
      allowed.add(`LINE_EQUALS_SUM_ABOVE@${cell(row, costCol)}`); // a coincidence of random amounts, never wrong
      const line: GeneratedLine = { row, costCents: spec.cost, fseCents: fse, otherCents };
      lines.push(line);
      sinceBoundary.push(line);
      index++;
    }
    if (g.subtotal !== null) {
      const cells = summaryRow(SUBTOTAL_LABELS[g.subtotal](gi + 1), sinceBoundary);
      subtotalRows.push({ row: push(cells), cells });
      sinceBoundary = [];
    }
  });
  if (l.total !== null) push(summaryRow(TOTAL_LABELS[l.total], lines));
  if (l.wrongSubtotal && subtotalRows.length) {
    const s = subtotalRows[l.wrongSubtotal.subtotal % subtotalRows.length];
    const col = otherCols[l.wrongSubtotal.financer % others.length];
    s.cells[col] = euros(Math.round((s.cells[col] as number) * 100) + 100_000);
    required.push(`TOTAL_ROW_MISMATCH@${cell(s.row, col)}`);
  }

  const byFinancer: Record<string, number> = { fse: 0 };
  for (const x of lines) byFinancer.fse += x.fseCents;
  others.forEach((o, k) => {
    byFinancer[o.id] = lines.reduce((a, x) => a + (x.otherCents[k] ?? 0), 0);
  });
  const name = l.sheetNameWithYear ? `Programmation ${l.year}` : "Feuil1";
  return { grid: { name, values: rows, numberFormats: formats }, year: l.year, lines, byFinancer, required, allowed };
}

// ---------------------------------------------------------------------------
// The check

interface JsonFinding {
  code: string;
  severity: string;
  cell: string | null;
}

interface JsonSheet {
  year: number | null;
  tables: {
    lines: {
      row: number;
      classification: string | null;
      totalCost: number | null;
      fse: number | null;
      findings: JsonFinding[];
    }[];
    findings: JsonFinding[];
  }[];
  totals: { lineCount: number; totalCost: number; fse: number; byFinancer: Record<string, number> };
  findings: JsonFinding[];
}

/** The differences between the checker's reading and the generated truth (empty when right). */
function problems(g: Generated): string[] {
  const wb = analyseWorkbook([g.grid]);
  if (wb.sheets.length !== 1) return [`${wb.sheets.length} result sheets (skipped: ${wb.skipped.join(", ")})`];
  const s = JSON.parse(JSON.stringify(sheetJson(wb.sheets[0], "fr"))) as JsonSheet;
  const out: string[] = [];
  if (s.year !== g.year) out.push(`year ${s.year}, expected ${g.year}`);
  const lines = s.tables.flatMap((t) => t.lines);
  const rows = lines.map((x) => x.row).join(",");
  const expectedRows = g.lines.map((x) => x.row).join(",");
  if (rows !== expectedRows) out.push(`operation rows [${rows}], expected [${expectedRows}]`);
  for (const e of g.lines) {
    const a = lines.find((x) => x.row === e.row);
    if (!a) continue;
    const cls = e.fseCents >= FLOOR_CENTS && e.fseCents * 2 <= e.costCents ? "projet" : "lettre_de_commande";
    if (a.classification !== cls) out.push(`row ${e.row}: ${a.classification}, expected ${cls}`);
    if (a.totalCost !== euros(e.costCents))
      out.push(`row ${e.row}: total cost ${a.totalCost}, expected ${euros(e.costCents)}`);
    if (a.fse !== euros(e.fseCents)) out.push(`row ${e.row}: FSE ${a.fse}, expected ${euros(e.fseCents)}`);
  }
  const t = s.totals;
  const totalCost = g.lines.reduce((a, x) => a + x.costCents, 0);
  if (t.lineCount !== g.lines.length) out.push(`lineCount ${t.lineCount}, expected ${g.lines.length}`);
  if (t.totalCost !== euros(totalCost)) out.push(`totalCost ${t.totalCost}, expected ${euros(totalCost)}`);
  if (t.fse !== euros(g.byFinancer.fse)) out.push(`fse ${t.fse}, expected ${euros(g.byFinancer.fse)}`);
  const ids = new Set([...Object.keys(t.byFinancer), ...Object.keys(g.byFinancer)]);
  for (const id of ids) {
    const want = g.byFinancer[id] === undefined ? undefined : euros(g.byFinancer[id]);
    if (t.byFinancer[id] !== want) out.push(`byFinancer.${id} ${t.byFinancer[id]}, expected ${want}`);
  }
  // Findings: the required ones present; no other error or warning than those allowed.
  const found: string[] = [];
  const collect = (fs: readonly JsonFinding[]) => {
    for (const f of fs) if (f.severity !== "info") found.push(`${f.code}@${f.cell ?? "sheet"}`);
  };
  collect(s.findings);
  for (const tb of s.tables) {
    collect(tb.findings);
    for (const x of tb.lines) collect(x.findings);
  }
  for (const r of g.required) if (!found.includes(r)) out.push(`missing finding ${r}`);
  for (const f of found) if (!g.required.includes(f) && !g.allowed.has(f)) out.push(`unexpected finding ${f}`);
  return out;
}

describe("layout property", () => {
  it("random layouts give the generated lines and totals, or a finding at the cell that explains the difference", () => {
    fc.assert(
      fc.property(layoutArb, (l) => {
        const g = generate(l);
        const p = problems(g);
        if (p.length) {
          const sheet = g.grid.values.map((r, i) => `${i + 1}: ${JSON.stringify(r)}`).join("\n");
          throw new Error(`${p.join("\n")}\n--- sheet "${g.grid.name}" ---\n${sheet}`);
        }
      }),
      { numRuns: 200, seed: 20230314 },
    );
  });

  it("the generator's sheets are what they claim: balanced lines, summary rows equal to their lines", () => {
    // The property above is only as good as the figures it compares with.
    fc.assert(
      fc.property(layoutArb, (l) => {
        const g = generate(l);
        for (const x of g.lines) {
          const others = x.otherCents.reduce<number>((a, c) => a + (c ?? 0), 0);
          const unreadable = x.otherCents.some((c) => c === null);
          if (!unreadable) expect(x.fseCents + others, `row ${x.row}`).toBe(x.costCents);
          expect(x.fseCents).toBeGreaterThanOrEqual(MIN_OTHER_CENTS);
        }
        const sum = Object.values(g.byFinancer).reduce((a, b) => a + b, 0);
        const cost = g.lines.reduce((a, x) => a + x.costCents, 0);
        if (!l.unreadable) expect(sum).toBe(cost);
      }),
      { numRuns: 100, seed: 7 },
    );
  });
});
