import type { SheetResult } from "../domain/check";
import type { Lang } from "../report/format";
import { colon, quote } from "../report/labels";
import type { PaneHost, PaneSettings } from "./controller";
import type { Jobs } from "./jobs";
import { t, type UiKey } from "./strings";

/** What every section's controller shares: the page, the host, the last check, the settings, the status line and the job runner. */
export interface PaneContext {
  doc: Document;
  lang: Lang;
  host: PaneHost;
  jobs: Jobs;
  /** The last check's results (null before the first check). */
  results(): SheetResult[] | null;
  settings(): PaneSettings;
  /** Says what happened (the status line). */
  say(text: string): void;
  /** Says what failed (the status line, as an error). */
  fail(text: string): void;
  /** Selects a cell of a sheet in Excel (an error is said in words); a plain function, handed to the views as it is. */
  select: (sheet: string, cell: string) => void;
}

/** At most this many cells are named in a status line; the others are counted. */
const CELLS_NAMED = 10;

/** `A!B1, A!B2, … (+3 de plus)`. */
export function cellList(cells: readonly string[], lang: Lang): string {
  const named = cells.slice(0, CELLS_NAMED).join(", ");
  return cells.length > CELLS_NAMED ? `${named}… (+${cells.length - CELLS_NAMED} ${t("more", lang)})` : named;
}

/** `Rapport écrit dans la feuille « Rapport COPIL ».` (several names: joined), or the words for none. */
export function writtenWords(names: readonly string[], lang: Lang, none: UiKey = "noBudget"): string {
  return names.length ? `${t("reportWritten", lang)} ${names.map((n) => quote(n, lang)).join(", ")}.` : t(none, lang);
}

/** A status, with the cells whose marks' note could not be removed (an Excel without notes). */
export function withNotesLeft(text: string, notesLeft: readonly string[] | undefined, lang: Lang): string {
  return notesLeft && notesLeft.length
    ? `${text} ${t("notesLeft", lang)}${colon(lang)} ${cellList(notesLeft, lang)}.`
    : text;
}

/**
 * The one helper of the sheet writers: after a check, runs `work` on the
 * results as a job (progress shown, actions disabled, Excel's errors in
 * words) and says the sheets written; before a check, asks for one.
 */
export function sheetWriter(
  ctx: PaneContext,
  words: UiKey,
  work: (results: SheetResult[]) => Promise<string | string[]>,
  none?: UiKey,
): () => Promise<void> {
  return () =>
    ctx.jobs.run(words, async () => {
      const results = ctx.results();
      if (!results) return ctx.say(t("checkFirst", ctx.lang));
      const written = await work(results);
      ctx.say(writtenWords(typeof written === "string" ? [written] : written, ctx.lang, none));
    });
}
