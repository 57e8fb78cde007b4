import type { Lang } from "../report/format";
import { colon, count } from "../report/labels";
import { word } from "../report/words/lookup";
import { TYPOGRAPHY } from "../report/words/typography";
import { byId, el } from "./dom";
import type { PaneModel } from "./model";
import { t } from "./strings";

/** French keeps 0 and 1 singular; English only 1. */
const singular = (n: number, lang: Lang) => word(TYPOGRAPHY.singular, lang)(n);

/** `Prêt pour le COPIL`, or `10 anomalies bloquantes sur 10 lignes`. */
export function bannerTitle(m: PaneModel, lang: Lang): string {
  const c = m.counts;
  if (c.error === 0) return t("ready", lang);
  const what = `${c.error} ${t(singular(c.error, lang) ? "blockingOne" : "blockingMany", lang)}`;
  if (c.blockingRows === 0) return what;
  return `${what} ${t(singular(c.blockingRows, lang) ? "onLine" : "onLines", lang).replace("{n}", String(c.blockingRows))}`;
}

/** `Programmation 2015 (2015), Programmation 2019 (2019)`: each sheet once, with its years. */
export function checkedWords(m: PaneModel, lang: Lang): string {
  const years = new Map<string, string[]>();
  for (const c of m.checked) {
    const y = c.year === "?" ? t("unknownYear", lang) : c.year;
    const list = years.get(c.sheet);
    if (list) {
      if (!list.includes(y)) list.push(y);
    } else years.set(c.sheet, [y]);
  }
  const parts = Array.from(years, ([sheet, ys]) => `${sheet} (${ys.join(", ")})`);
  return `${t(parts.length > 1 ? "checkedSheets" : "checkedSheet", lang)}${colon(lang)} ${parts.join(", ")}`;
}

/** The answer first: ready or not, the counts, what was checked. */
export function renderBanner(doc: Document, m: PaneModel, lang: Lang): void {
  const c = m.counts;
  const root = byId(doc, "banner");
  root.className = `banner ${c.error === 0 ? "ready" : "blocking"}`;
  byId(doc, "banner-icon").setAttribute("href", c.error === 0 ? "#icon-ready" : "#icon-error");
  byId(doc, "banner-title").textContent = bannerTitle(m, lang);
  byId(doc, "banner-lines").replaceChildren(
    el(doc, "span", { "data-count": "projects" }, count(c.projects, "project", lang)),
    " · ",
    el(doc, "span", { "data-count": "letters" }, count(c.letters, "letter", lang)),
  );
  byId(doc, "banner-findings").replaceChildren(
    el(doc, "span", { "data-count": "error" }, count(c.error, "error", lang)),
    " · ",
    el(doc, "span", { "data-count": "warning" }, count(c.warning, "warning", lang)),
    " · ",
    el(doc, "span", { "data-count": "info" }, count(c.info, "info", lang)),
  );
  byId(doc, "banner-scope").textContent = checkedWords(m, lang);
  root.hidden = false;
}
