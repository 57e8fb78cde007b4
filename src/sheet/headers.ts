import { a1 } from "../domain/address";
import { columnKey, columnMappingTable, type ColumnMapping, type ColumnRoleChoice } from "../domain/columns";
import { financerHeaderKey, type AliasTable, type FinancerId } from "../domain/financers";
import { finding, type Finding } from "../domain/findings";
import type { Column, ColumnRole } from "../domain/model";
import { containsWord, normalizeLabel } from "../domain/text";
import { cellText, type CellValue } from "./grid";

/** Roles a header's words can give (financers come from the alias table). */
export type LabelRole = Exclude<ColumnRole, "financer" | "other" | "ignored">;

/** A longer text is never taken for a header when looking for the header row (a note, a title). */
export const MAX_HEADER_LENGTH = 120;

/** The header speaks of the FSE (ESF, FSE+). */
function namesFse(n: string): boolean {
  return (
    containsWord(n, "fse") ||
    containsWord(n, "esf") ||
    n.includes("fonds social europeen") ||
    n.includes("european social fund")
  );
}

/** The header speaks of a rate or a share (`Taux`, `Part`, `%`, `rate`). */
function namesRate(n: string): boolean {
  if (n.includes("%")) return true;
  for (const w of ["taux", "part", "parts", "pourcentage", "ratio", "quote-part", "rate", "share"])
    if (containsWord(n, w)) return true;
  return false;
}

const TOTAL_COST =
  /^(depenses? (totales?|eligibles? totales?)|cout (total|global)|couts? totaux|montant total|budget (previsionnel|total|global)|total (des )?depenses|plan de financement total|total (eligible )?cost|cout de l'operation|cout de l'action)\b/;
const TOTAL_OPERATION =
  /^(total (de l'|de la |des )?operations?\b|total( general)?$|total (des )?(financements|ressources|recettes)\b)/;
const REQUESTED = ["sollicite", "sollicitee", "demande", "demandee", "requested", "request"];

/**
 * Role of a header label other than a financer, or null. Rates are told by
 * their words (`Part FSE`, `Taux d'intervention`, `% FSE`, `ESF rate`) before
 * the alias table can read them as the FSE's money.
 */
export function roleOfLabel(label: string): LabelRole | null {
  const n = normalizeLabel(label);
  if (n === "") return null;
  if (
    /^actions?$|^code( (de l')?action)?$|^n° (d')?action$|^n° d'operation$|^n°$|^numero( d'action)?$|^ref(erence|\.)?$/.test(
      n,
    )
  )
    return "action";
  if (/^(projet (de rattachement|hote)|rattachement|hote|host project)\b/.test(n)) return "host";
  if (
    /^(operations?|intitule|libelle|designation|titre|nom (de l'|du |de la )?(operation|action|projet)|projets?$|operation name)\b/.test(
      n,
    )
  )
    return "operation";
  if (
    /^(operateurs?|porteurs?( de projet)?|structures?( porteuses?)?|beneficiaires?|organismes?( porteurs?)?|prestataires?|maitre d'ouvrage|operator|project holder)\b/.test(
      n,
    )
  )
    return "operator";
  if (/^objectifs?\b/.test(n)) return "objectifs";
  if (/^(statut( copil)?|vote( copil)?|etat du vote)\b/.test(n)) return "status";
  if (namesRate(n)) {
    if (namesFse(n) || /^taux (d'intervention|de cofinancement)$/.test(n)) return "fseRate";
    return "rate";
  }
  if (namesFse(n) && REQUESTED.some((w) => containsWord(n, w))) return "fseRequested";
  if (TOTAL_COST.test(n) && !(n.startsWith("montant total") && namesFse(n))) return "totalCost";
  if (TOTAL_OPERATION.test(n)) return "totalOperation";
  return null;
}

/** What a header says: a role, or a financer; `mapped` when the user's mapping said it. */
export interface ColumnReading {
  role: ColumnRole;
  financer: FinancerId | null;
  mapped: boolean;
}

const ROLE_OF_CHOICE: Partial<Record<ColumnRoleChoice, ColumnRole>> = {
  depenses_totales: "totalCost",
  taux_fse: "fseRate",
  total_operation: "totalOperation",
  fse_sollicite: "fseRequested",
  ignorer: "ignored",
};

/**
 * Reads header labels: the user's column mapping first, then the words of
 * the built-in roles, then the financer aliases. Null: not understood.
 */
export class HeaderReader {
  private readonly mapping: ReadonlyMap<string, ColumnRoleChoice>;
  private readonly cache = new Map<string, ColumnReading | null>();

  constructor(
    readonly aliases: AliasTable,
    columns: readonly ColumnMapping[] = [],
  ) {
    this.mapping = columnMappingTable(columns);
  }

  read(label: string): ColumnReading | null {
    const known = this.cache.get(label);
    if (known !== undefined) return known;
    let out: ColumnReading | null = null;
    const choice = this.mapping.size ? this.mapping.get(columnKey(label)) : undefined;
    if (choice !== undefined) {
      const role = ROLE_OF_CHOICE[choice];
      out = role
        ? { role, financer: null, mapped: true }
        : { role: "financer", financer: choice as FinancerId, mapped: true };
    } else {
      const role = roleOfLabel(label);
      if (role) out = { role, financer: null, mapped: false };
      else {
        const financer = this.aliases.match(label);
        if (financer) out = { role: "financer", financer, mapped: false };
      }
    }
    this.cache.set(label, out);
    return out;
  }

  /** True when the user's mapping names this header. */
  isMapped(label: string): boolean {
    return this.mapping.size > 0 && this.mapping.has(columnKey(label));
  }
}

/** True when a row reads as a column-header row of a programming table. */
export function isHeaderRow(cells: readonly CellValue[], reader: HeaderReader | AliasTable): boolean {
  const r = reader instanceof HeaderReader ? reader : new HeaderReader(reader);
  let totalCost = false;
  let financers = 0;
  let descriptive = 0;
  let numbers = 0;
  for (let c = 0; c < cells.length; c++) {
    const v = cells[c];
    if (typeof v === "number") {
      if (++numbers > 1) return false;
      continue;
    }
    if (typeof v !== "string" || v.length === 0 || v.length > MAX_HEADER_LENGTH) continue;
    const reading = r.read(v);
    if (!reading) continue;
    if (reading.role === "totalCost") totalCost = true;
    else if (reading.role === "operation" || reading.role === "operator" || reading.role === "action") descriptive++;
    else if (reading.role === "financer" || reading.role === "fseRequested") financers++;
  }
  return (totalCost && financers >= 1) || (financers >= 2 && descriptive >= 1);
}

/** Number of cells of a row whose text has a meaning as a header. */
export function meaningfulCells(cells: readonly CellValue[], reader: HeaderReader): number {
  let n = 0;
  for (const v of cells)
    if (typeof v === "string" && v.length > 0 && v.length <= MAX_HEADER_LENGTH && reader.read(v)) n++;
  return n;
}

interface MergeArea {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** The header rows of a table as the parser found them. */
export interface HeaderBlock {
  /** The column-header row's cells and its 1-based sheet row. */
  cells: readonly CellValue[];
  row: number;
  /** A second header row below it (`Département` under `Cofinancements publics`), or null. */
  lower: readonly CellValue[] | null;
  /** The group-header row above (or null). */
  groupCells: readonly CellValue[] | null;
  /** Text of a merged area covering (sheetRow, sheetCol) from another cell (not its top-left), if any. */
  mergedText: (sheetRow: number, sheetCol: number) => string | null;
  colOffset: number;
}

export interface BuiltColumns {
  columns: Column[];
  /** Texts around each column's header (its group, the upper row of a two-row header), for years. */
  contexts: string[];
  findings: Finding[];
}

/**
 * Builds the column model of a table's header rows. A two-row header gives
 * each column the lower cell when it means something alone, else the upper
 * (group) cell and the lower one read together (`FSE` over `sollicité`);
 * a vertically merged cell keeps the upper text. Findings about the header
 * (duplicates, unknown columns, financers read twice) name the real header.
 */
export function buildColumns(h: HeaderBlock, reader: HeaderReader): BuiltColumns {
  const width = Math.max(h.cells.length, h.groupCells?.length ?? 0, h.lower?.length ?? 0);
  const columns: Column[] = [];
  const contexts: string[] = [];
  const findings: Finding[] = [];
  const seenRoles = new Set<ColumnRole>();
  const lowerRow = h.row + 1;
  let leftUpper = "";
  for (let c = 0; c < width; c++) {
    const sheetCol = c + h.colOffset;
    let upper = cellText(h.cells[c]);
    let source: Column["headerSource"] = "header";
    if (upper === "") {
      const merged = h.mergedText(h.row, sheetCol);
      if (merged) {
        upper = merged;
        source = "merge";
      }
    }
    let header = upper;
    let cell: string | null = upper !== "" ? a1(h.row, sheetCol) : null;
    const context: string[] = [];
    if (h.lower) {
      // A cell of the lower row covered by a merge from above is blank here.
      const low = h.mergedText(lowerRow, sheetCol) !== null ? "" : cellText(h.lower[c]);
      if (upper !== "") leftUpper = upper;
      if (low !== "") {
        const up = upper !== "" ? upper : leftUpper;
        if (up !== "") context.push(up);
        if (reader.read(low)) header = low;
        else header = up !== "" && reader.read(`${up} ${low}`) ? `${up} ${low}` : low;
        source = "lower";
        cell = a1(lowerRow, sheetCol);
      }
    }
    const group = h.groupCells ? cellText(h.groupCells[c]) || (h.mergedText(h.row - 1, sheetCol) ?? "") : "";
    if (group !== "") context.push(group);
    if (header === "" && group !== "" && reader.read(group)) {
      header = group;
      source = "group";
      cell = a1(h.row - 1, sheetCol);
    }
    // A group label spilling over this column from a merged cell is not its header.
    if (source === "merge" && !reader.read(header)) {
      context.push(header);
      header = "";
    }
    contexts.push(context.join(" "));
    if (header === "") {
      columns.push({
        index: sheetCol,
        header: "",
        role: "other",
        financer: null,
        headerSource: "none",
        headerCell: null,
      });
      continue;
    }
    const reading = reader.read(header);
    let col: Column;
    if (!reading) {
      col = { index: sheetCol, header, role: "other", financer: null, headerSource: source, headerCell: cell };
      findings.push(finding("UNKNOWN_COLUMN", cell, Number(/\d+$/.exec(cell ?? "")?.[0] ?? h.row), { header }));
    } else if (reading.role === "financer") {
      col = {
        index: sheetCol,
        header,
        role: "financer",
        financer: reading.financer,
        headerSource: source,
        headerCell: cell,
      };
    } else {
      col = { index: sheetCol, header, role: reading.role, financer: null, headerSource: source, headerCell: cell };
      const repeatable = reading.role === "rate" || reading.role === "ignored";
      if (!repeatable && seenRoles.has(reading.role)) {
        if (source !== "merge") findings.push(finding("DUPLICATE_COLUMN", cell, rowOf(cell, h.row), { header }));
        col = { ...col, role: "other" };
      } else {
        seenRoles.add(reading.role);
      }
    }
    columns.push(col);
  }
  return { columns, contexts, findings };
}

/** The 1-based row of an A1 address (the fallback when there is none). */
export function rowOf(cell: string | null | undefined, fallback: number): number {
  const m = cell ? /\d+$/.exec(cell) : null;
  return m ? Number(m[0]) : fallback;
}

/**
 * Two columns of one table read as the same financer under different
 * headers (`Ville de Besançon`, `Ville de Planoise`): their amounts are
 * added under that financer, which the user must be told. Several FSE
 * columns are normal (the FSE of a line is their sum).
 */
export function mergedFinancerFindings(columns: readonly Column[], headerRow: number): Finding[] {
  const out: Finding[] = [];
  const first = new Map<FinancerId, Column>();
  for (const col of columns) {
    if (col.role !== "financer" || !col.financer || col.financer === "fse") continue;
    const prev = first.get(col.financer);
    if (!prev) first.set(col.financer, col);
    else if (financerHeaderKey(prev.header) !== financerHeaderKey(col.header)) {
      out.push(
        finding("FINANCER_COLUMNS_MERGED", col.headerCell ?? null, rowOf(col.headerCell, headerRow), {
          header: col.header,
          otherHeader: prev.header,
          financer: col.financer,
        }),
      );
    }
  }
  return out;
}

export function parseMerges(merges: readonly string[] | undefined): MergeArea[] {
  const out: MergeArea[] = [];
  for (const m of merges ?? []) {
    const mm = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/i.exec(m.trim().replace(/^.*!/, ""));
    const firstCol = mm?.[1];
    if (!mm || firstCol === undefined) continue;
    const col = (s: string) => [...s.toUpperCase()].reduce((a, ch) => a * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    const top = Number(mm[2]);
    const left = col(firstCol);
    out.push({ top, left, bottom: mm[4] ? Number(mm[4]) : top, right: mm[3] ? col(mm[3]) : left });
  }
  return out;
}

export function findMerge(areas: readonly MergeArea[], row: number, col: number): MergeArea | null {
  for (const a of areas) if (row >= a.top && row <= a.bottom && col >= a.left && col <= a.right) return a;
  return null;
}
