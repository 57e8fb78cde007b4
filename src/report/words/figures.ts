import type { FigureValue } from "../../domain/findings";
import { asCents } from "../../domain/money";
import { formatEuros, formatRate } from "../format";
import { SAFE_LIST_MAX, safeName, safeText } from "../safe-text";
import type { Lang } from "./lookup";

/**
 * Readers of a finding's figures (see src/domain/findings.ts) for the
 * sentences of the catalogue: money in fields ending with `Cents`, rates as
 * fractions, text as the user wrote it. A figure a finding does not carry
 * reads as `undefined`: money and rates print as "—", text as "".
 */
export type Fig = Record<string, FigureValue>;
type Figure = FigureValue | undefined;

/** A money figure (a `…Cents` field) in euros. */
export const eur = (v: Figure, lang: Lang): string => (typeof v === "number" ? formatEuros(asCents(v), lang) : "—");
/** A rate figure in percent. */
export const pct = (v: Figure, lang: Lang): string => (typeof v === "number" ? formatRate(v, lang) : "—");
/** User text in a message (cell text, header, operator): safe to print, cut with "…" when very long. */
export const txt = (v: Figure): string => safeName(v);
/** A list the domain joined (columns, headers, years, rows): safe, with more room before the cut. */
export const list = (v: Figure): string => safeText(v, SAFE_LIST_MAX);
