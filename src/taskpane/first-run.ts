import { DEFAULT_RULES, type RuleSet } from "../domain/rules";
import { formatEuros, formatRate, type Lang } from "../report/format";
import { byId, el } from "./dom";
import { t } from "./strings";

/**
 * The first run: a short explanation of what the pane checks and where the
 * settings are, shown until the first check, remembered per machine in
 * localStorage. Where storage is unavailable (a locked-down webview, storage
 * disabled) it is shown until the first check of each session.
 */
export const FIRST_RUN_KEY = "plie.pane.firstCheckDone";

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The page's localStorage, or null when it cannot be used (reading it may throw). */
export function browserStorage(win: { localStorage?: KeyValueStore } | undefined): KeyValueStore | null {
  try {
    const s = win?.localStorage;
    if (!s) return null;
    s.getItem(FIRST_RUN_KEY); // throws where storage is denied
    return s;
  } catch {
    return null;
  }
}

export interface FirstRun {
  /** Fills the explanation with the thresholds in force. */
  rules(rules: RuleSet): void;
  /** A check ran: the explanation goes, for good. */
  checked(): void;
}

export function firstRun(doc: Document, store: KeyValueStore | null, lang: Lang): FirstRun {
  const root = byId(doc, "first-run");
  const list = byId(doc, "first-run-list");
  let done = false;
  try {
    done = store?.getItem(FIRST_RUN_KEY) === "1";
  } catch {
    done = false;
  }
  byId(doc, "first-run-title").textContent = t("introTitle", lang);
  byId(doc, "first-run-settings").textContent = t("introSettings", lang);
  const fill = (rules: RuleSet | null) => {
    // Whole euros without their cents: 20 000 €.
    const floor = formatEuros(rules?.floorCents ?? DEFAULT_RULES.floorCents, lang).replace(/[,.]00(?=\u00a0€|$)/, "");
    const cap = formatRate(
      (rules?.capBasisPoints ?? DEFAULT_RULES.capBasisPoints) / 10000,
      lang,
      rules && rules.capBasisPoints % 100 !== 0 ? 2 : 0,
    );
    list.replaceChildren(
      el(doc, "li", {}, t("introRules", lang).replace("{floor}", floor).replace("{cap}", cap)),
      el(doc, "li", {}, t("introSplit", lang)),
      el(doc, "li", {}, t("introMoney", lang)),
      el(doc, "li", {}, t("introWrites", lang)),
    );
  };
  fill(null);
  root.hidden = done;
  return {
    rules: (r) => fill(r),
    checked: () => {
      root.hidden = true;
      if (done) return;
      done = true;
      try {
        store?.setItem(FIRST_RUN_KEY, "1");
      } catch {
        // Storage refused (full, or disabled meanwhile): the explanation comes back next time.
      }
    },
  };
}
