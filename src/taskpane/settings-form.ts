import { CATEGORIES, isCategory, type CategoryOverride } from "../domain/categories";
import { FINANCER_IDS, isFinancerId, type UserAlias } from "../domain/financers";
import { centsToEuros, parseEuroText, type Cents } from "../domain/money";
import { DEFAULT_PROCUREMENT_SETTINGS } from "../domain/procurement";
import { PROFILES } from "../domain/profiles";
import { makeRules, parseCap, type RuleSet } from "../domain/rules";
import { ownNamesOf } from "../domain/settings";
import { formatRate, type Lang } from "../report/format";
import { colon } from "../report/labels";
import { word } from "../report/words/lookup";
import { TYPOGRAPHY } from "../report/words/typography";
import type { PaneSettings } from "./controller";
import { byId } from "./dom";
import { t } from "./strings";

/** `texte = catégorie` lines → the user's categories; lines that do not read are returned as problems. */
function parseCategoryLines(text: string): { overrides: CategoryOverride[]; problems: string[] } {
  const overrides: CategoryOverride[] = [];
  const problems: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "") continue;
    const eq = line.lastIndexOf("=");
    const category = line.slice(eq + 1).trim();
    if (eq <= 0 || !isCategory(category)) problems.push(line);
    else overrides.push({ match: line.slice(0, eq).trim(), category });
  }
  return { overrides, problems };
}

/** `en-tête = id` lines → aliases; lines that do not read are returned as problems. */
export function parseAliasLines(text: string): { aliases: UserAlias[]; problems: string[] } {
  const aliases: UserAlias[] = [];
  const problems: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "") continue;
    const eq = line.lastIndexOf("=");
    const id = line.slice(eq + 1).trim();
    if (eq <= 0 || !isFinancerId(id)) problems.push(line);
    else aliases.push({ header: line.slice(0, eq).trim(), financer: id });
  }
  return { aliases, problems };
}

/** The structure's names typed in one field, separated by ";". */
export function parseStructureNames(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(";")) {
    const name = part.trim();
    if (name !== "") out.push(name);
  }
  return out;
}

/**
 * The settings form (section Paramètres): a rule profile fills the
 * thresholds; "Enregistrer" reads the form into settings (or throws the
 * field that does not read) for `save`.
 */
export interface SettingsForm {
  /** Shows the settings in the form. */
  show(settings: PaneSettings): void;
  /** The settings the form holds, on top of `current` (its column roles kept); throws on a field that does not read. */
  read(current: PaneSettings): PaneSettings;
}

export function settingsForm(doc: Document, lang: Lang): SettingsForm {
  const input = (id: string) => byId<HTMLInputElement>(doc, id);
  const area = (id: string) => byId<HTMLTextAreaElement>(doc, id);
  const profile = byId<HTMLSelectElement>(doc, "profile");
  const quotes = byId<HTMLSelectElement>(doc, "quotes");
  area("aliases").setAttribute("placeholder", `Fondation X = fonds_prives\n(${FINANCER_IDS.join(", ")})`);
  area("categories").setAttribute("placeholder", `Job Stand Up = animation\n(${CATEGORIES.join(", ")})`);
  const decimal = (cents: Cents) => String(centsToEuros(cents)).replace(".", word(TYPOGRAPHY.decimal, lang));
  profile.replaceChildren(new Option(t("customProfile", lang), ""), ...PROFILES.map((p) => new Option(p.name, p.id)));
  const showRules = (rules: RuleSet) => {
    input("floor").value = decimal(rules.floorCents);
    input("cap").value = formatRate(rules.capBasisPoints / 10000, lang).replace(/\s*%$/, "");
    input("strict").checked = rules.floorStrict;
  };
  profile.addEventListener("change", () => {
    const p = PROFILES.find((x) => x.id === profile.value);
    // A profile fills the thresholds; they can still be adjusted before saving.
    if (p) showRules(p.rules);
  });
  return {
    show(settings) {
      showRules(settings.rules);
      profile.value = settings.profile ?? "";
      const p = settings.procurement ?? DEFAULT_PROCUREMENT_SETTINGS;
      quotes.value = String(p.quotes);
      input("threshold").value = decimal(p.thresholdCents);
      area("categories").value = (settings.categories ?? []).map((c) => `${c.match} = ${c.category}`).join("\n");
      area("aliases").value = settings.aliases.map((a) => `${a.header} = ${a.financer}`).join("\n");
      input("structures").value = (settings.structures ?? []).join(" ; ");
    },
    read(current) {
      const floor = parseEuroText(input("floor").value);
      const cap = parseCap(input("cap").value + " %");
      const { aliases, problems } = parseAliasLines(area("aliases").value);
      if (!floor.ok || floor.cents < 0) throw new Error(`${t("floor", lang)} ?`);
      if (cap === null) throw new Error(`${t("cap", lang)} ?`);
      if (problems.length) throw new Error(`${t("aliases", lang)}${colon(lang)} ${problems.join(" ; ")}`);
      const rules = makeRules({ floorCents: floor.cents, capBasisPoints: cap, floorStrict: input("strict").checked });
      // The profile is kept only while the thresholds are still its own.
      const chosen = PROFILES.find((p) => p.id === profile.value);
      const same =
        chosen &&
        chosen.rules.floorCents === rules.floorCents &&
        chosen.rules.capBasisPoints === rules.capBasisPoints &&
        chosen.rules.floorStrict === rules.floorStrict;
      const threshold = parseEuroText(input("threshold").value);
      if (!threshold.ok || threshold.cents <= 0) throw new Error(`${t("threshold", lang)} ?`);
      const categories = parseCategoryLines(area("categories").value);
      if (categories.problems.length)
        throw new Error(`${t("categories", lang)}${colon(lang)} ${categories.problems.join(" ; ")}`);
      const structures = parseStructureNames(input("structures").value);
      return {
        rules,
        aliases,
        profile: same ? chosen.id : null,
        procurement: {
          ...(current.procurement ?? DEFAULT_PROCUREMENT_SETTINGS),
          quotes: quotes.value === "2" ? 2 : 3,
          thresholdCents: threshold.cents,
          ownNames: ownNamesOf({ structures }),
        },
        categories: categories.overrides,
        columns: current.columns,
        structures,
      };
    },
  };
}
