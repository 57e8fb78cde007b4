import type { AliasTable } from "../domain/financers";
import type { Column, ColumnRole } from "../domain/model";
import { normalizeLabel } from "../domain/text";
import { cellText, isBlank, type CellValue } from "./grid";

/** Role of a header label other than a financer, or null. */
export function roleOfLabel(label: string): Exclude<ColumnRole, "financer" | "other"> | null {
  const n = normalizeLabel(label);
  if (n === "") return null;
  if (/^(depenses? totales?|cout total|couts? totaux|montant total)\b/.test(n)) return "totalCost";
  if (/^total (de l'|de la |des )?operations?\b/.test(n) || n === "total" || n === "total general") return "totalOperation";
  if (n.includes("%") && n.includes("fse")) return "fseRate";
  if (/^(taux( d'intervention)?( du)? fse|taux fse|% ?fse)/.test(n)) return "fseRate";
  if (/^actions?$|^code( action)?$|^n° action$/.test(n)) return "action";
  if (/^(operations?|intitule|libelle)\b/.test(n)) return "operation";
  if (/^(operateurs?|porteurs?( de projet)?|structures?)\b/.test(n)) return "operator";
  if (/^objectifs?\b/.test(n)) return "objectifs";
  if (/^(projet (de rattachement|hote)|rattachement|hote|host project)\b/.test(n)) return "host";
  if (/^(statut( copil)?|vote( copil)?|etat du vote)\b/.test(n)) return "status";
  return null;
}

/** True when a row reads as a column-header row of a programming table. */
export function isHeaderRow(cells: readonly CellValue[], aliases: AliasTable): boolean {
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
    if (typeof v !== "string" || v.length === 0 || v.length > 80) continue;
    const role = roleOfLabel(v);
    if (role === "totalCost") totalCost = true;
    else if (role === "operation" || role === "operator" || role === "action") descriptive++;
    else if (role === null && aliases.match(v)) financers++;
  }
  return (totalCost && financers >= 1) || (financers >= 2 && descriptive >= 1);
}

interface MergeArea {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface HeaderContext {
  /** The header row's cells, and its 1-based sheet row. */
  cells: readonly CellValue[];
  /** The group-header row above (or null). */
  groupCells: readonly CellValue[] | null;
  /** Text of a merged area's top-left cell covering (sheetRow, sheetCol), if any. */
  mergedText: (sheetCol: number) => string | null;
  colOffset: number;
}

/** Builds the column model of a header row; findings about it are returned as notes. */
export function buildColumns(
  ctx: HeaderContext,
  aliases: AliasTable,
): { columns: Column[]; duplicates: Column[]; unknown: Column[] } {
  const width = Math.max(ctx.cells.length, ctx.groupCells?.length ?? 0);
  const columns: Column[] = [];
  const duplicates: Column[] = [];
  const unknown: Column[] = [];
  const seenRoles = new Set<ColumnRole>();
  for (let c = 0; c < width; c++) {
    const sheetCol = c + ctx.colOffset;
    let header = cellText(ctx.cells[c]);
    let source: Column["headerSource"] = "header";
    if (header === "") {
      const merged = ctx.mergedText(sheetCol);
      if (merged) {
        header = merged;
        source = "merge";
      } else if (ctx.groupCells && !isBlank(ctx.groupCells[c])) {
        const g = cellText(ctx.groupCells[c]);
        if (roleOfLabel(g) || aliases.match(g)) {
          header = g;
          source = "group";
        }
      }
    }
    if (header === "") {
      columns.push({ index: sheetCol, header: "", role: "other", financer: null, headerSource: "none" });
      continue;
    }
    const role = roleOfLabel(header);
    let col: Column;
    if (role) {
      col = { index: sheetCol, header, role, financer: null, headerSource: source };
      if (seenRoles.has(role)) {
        if (source !== "merge") duplicates.push(col);
        col = { ...col, role: "other" };
      } else {
        seenRoles.add(role);
      }
    } else {
      const financer = aliases.match(header);
      col = financer
        ? { index: sheetCol, header, role: "financer", financer, headerSource: source }
        : { index: sheetCol, header, role: "other", financer: null, headerSource: source };
      if (!financer) unknown.push(col);
    }
    columns.push(col);
  }
  return { columns, duplicates, unknown };
}

export function parseMerges(merges: readonly string[] | undefined): MergeArea[] {
  const out: MergeArea[] = [];
  for (const m of merges ?? []) {
    const mm = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/i.exec(m.trim().replace(/^.*!/, ""));
    if (!mm) continue;
    const col = (s: string) => [...s.toUpperCase()].reduce((a, ch) => a * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    const top = Number(mm[2]);
    const left = col(mm[1]);
    out.push({ top, left, bottom: mm[4] ? Number(mm[4]) : top, right: mm[3] ? col(mm[3]) : left });
  }
  return out;
}

export function findMerge(areas: readonly MergeArea[], row: number, col: number): MergeArea | null {
  for (const a of areas) if (row >= a.top && row <= a.bottom && col >= a.left && col <= a.right) return a;
  return null;
}
