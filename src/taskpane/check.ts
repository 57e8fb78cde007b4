import type { SheetResult } from "../domain/check";
import { quote } from "../report/labels";
import type { PaneContext } from "./context";
import type { PaneHost } from "./controller";
import { byId } from "./dom";
import { errorWords } from "./errors";
import { t } from "./strings";

/**
 * The check's controller: the primary action (Vérifier) with its scope, and
 * the live re-check. A check runs as a job (progress, actions disabled);
 * `checked` receives the results to show.
 */
export interface CheckController {
  /** Runs a check of the scope chosen (what Vérifier does); a plain function, handed on as it is. */
  check: () => Promise<void>;
}

export interface CheckDeps {
  /** The results replaced (a check, a re-check): the caller keeps and shows them. */
  checked(results: SheetResult[], how: "check" | "recheck"): Promise<void>;
}

/** The scope chosen beside Vérifier. */
export function checkScope(doc: Document): "active" | "all" {
  return doc.querySelector<HTMLInputElement>('input[name="scope"]:checked')?.value === "all" ? "all" : "active";
}

export function checkController(ctx: PaneContext, deps: CheckDeps): CheckController {
  const { doc, host, lang } = ctx;
  const check = () =>
    ctx.jobs.run("working", async () => {
      const results = await host.check(checkScope(doc), ctx.settings());
      await deps.checked(results, "check");
      ctx.say(t(results.length ? "done" : "noSheet", lang));
    });
  byId(doc, "check").addEventListener("click", () => void check());
  liveRecheck(ctx, deps);
  return { check };
}

/**
 * Live re-check: an edit of a programming sheet checks that sheet again (one
 * read). It watches while the box is ticked AND the pane is shown: with a
 * shared runtime the page lives on when the pane is closed, so closing it
 * stops the watch (handler removed, pending pauses dropped) and reopening it
 * starts the watch again, then reads again the sheets shown (their edits
 * while the pane was closed were not watched).
 */
function liveRecheck(ctx: PaneContext, deps: CheckDeps): void {
  const { doc, host, lang } = ctx;
  let visible = true;
  const live = byId<HTMLInputElement>(doc, "live");
  const onSheetChanged = (sheet: string) =>
    void ctx.jobs.run("rechecking", async () => {
      if (await recheck(ctx, deps, sheet)) ctx.say(`${t("rechecked", lang)} ${quote(sheet, lang)}.`);
    });
  const setWatching = watchSwitch(host, onSheetChanged);
  const guard = (work: () => Promise<void>) => () => void work().catch((e: unknown) => ctx.fail(errorWords(e, lang)));
  live.addEventListener(
    "change",
    guard(async () => {
      const done = await setWatching(live.checked && visible);
      if (done === "started") ctx.say(t("liveOn", lang));
      else if (done === "stopped") ctx.say(t("liveOff", lang));
    }),
  );
  host.onVisibilityChange?.((shown) =>
    guard(async () => {
      if (shown === visible) return;
      visible = shown;
      if (!live.checked) return;
      const done = await setWatching(shown);
      if (done === "stopped") ctx.say(t("liveHidden", lang));
      if (done !== "started") return;
      ctx.say(t("liveResumed", lang));
      await recheckShown(ctx, deps);
    })(),
  );
}

/**
 * Starts (`true`) or stops (`false`) the host's watch, one request at a
 * time: a click and a visibility change never overlap. Says what it did.
 */
function watchSwitch(
  host: PaneHost,
  changed: (sheet: string) => void,
): (on: boolean) => Promise<"started" | "stopped" | "unchanged"> {
  let stopWatch: (() => Promise<void>) | null = null;
  let watchQueue: Promise<unknown> = Promise.resolve();
  return (on) => {
    const run = watchQueue.then(async () => {
      if (on && !stopWatch) {
        stopWatch = await host.watch(changed);
        return "started" as const;
      }
      if (!on && stopWatch) {
        const stop = stopWatch;
        stopWatch = null;
        await stop();
        return "stopped" as const;
      }
      return "unchanged" as const;
    });
    watchQueue = run.catch(() => undefined);
    return run;
  };
}

/** Reads one sheet again and puts its results in place of the old ones; false when it is gone. */
async function recheck(ctx: PaneContext, deps: CheckDeps, sheet: string): Promise<boolean> {
  const fresh = await ctx.host.recheck(sheet, ctx.settings());
  if (!fresh) return false;
  const before = ctx.results() ?? [];
  const i = before.findIndex((s) => s.sheet.name === sheet);
  const others = before.filter((s) => s.sheet.name !== sheet);
  await deps.checked(i >= 0 ? [...others.slice(0, i), ...fresh, ...others.slice(i)] : [...before, ...fresh], "recheck");
  return true;
}

/** Reads again every sheet shown (as a job) and says which were read. */
async function recheckShown(ctx: PaneContext, deps: CheckDeps): Promise<void> {
  const { lang } = ctx;
  const sheets: string[] = [];
  for (const s of ctx.results() ?? []) if (!sheets.includes(s.sheet.name)) sheets.push(s.sheet.name);
  if (sheets.length === 0) return;
  await ctx.jobs.run("rechecking", async () => {
    const read: string[] = [];
    for (const sheet of sheets) if (await recheck(ctx, deps, sheet)) read.push(quote(sheet, lang));
    if (read.length)
      ctx.say(
        `${t("liveResumed", lang)} ${t(read.length > 1 ? "recheckedSheets" : "rechecked", lang)} ${read.join(", ")}.`,
      );
  });
}
