import { asCents } from "./money";
import { makeRules, type RuleSet } from "./rules";
import { normalizeLabel } from "./text";

/**
 * Named rule profiles: the thresholds of a programme or of an intermediate
 * body, as data. Each gives a rule set through makeRules.
 *
 * - `plie-dijon-2015-2019`: the PLIE's 2015–2019 rules (evaluation report):
 *   FSE ≥ 20 000 € (inclusive: lines with exactly 20 000,00 € were
 *   programmed as projects every year), FSE ≤ 50 % of the total cost.
 * - `fse-plus-2021-2027-cote-dor`: the 2021–2027 FSE+ national programme
 *   allows up to 60 % in Côte-d'Or. No floor published for the department
 *   was found, so the PLIE's own 20 000 € (inclusive) is kept; with a 60 %
 *   cap a project then needs at least 33 333,34 € of total cost.
 * - `plancher-10000`: a 10 000 € floor (inclusive), as some intermediate
 *   bodies use, with the 50 % cap.
 */
export interface RuleProfile {
  /** Stable identifier, e.g. `plie-dijon-2015-2019`. */
  id: string;
  /** The profile's name as shown to users. */
  name: string;
  /** Other names accepted by profileByName. */
  aliases: readonly string[];
  rules: Readonly<RuleSet>;
}

export interface ProfileRef {
  id: string;
  name: string;
}

/** A lookup's answer: the profile, or null, with the known profiles. */
export interface ProfileLookup {
  profile: RuleProfile | null;
  known: readonly ProfileRef[];
}

function profile(id: string, name: string, aliases: string[], overrides: Partial<RuleSet>): RuleProfile {
  return Object.freeze({ id, name, aliases: Object.freeze(aliases), rules: Object.freeze(makeRules(overrides)) });
}

export const PROFILES: readonly RuleProfile[] = Object.freeze([
  profile("plie-dijon-2015-2019", "PLIE Dijon 2015–2019", ["PLIE Dijon", "PLIE 2015–2019"], {
    floorCents: asCents(2_000_000),
    floorStrict: false,
    capBasisPoints: 5000,
  }),
  profile(
    "fse-plus-2021-2027-cote-dor",
    "FSE+ 2021–2027, Côte-d'Or",
    ["FSE+ Côte-d'Or", "FSE+ 2021–2027", "FSE plus 2021-2027"],
    {
      floorCents: asCents(2_000_000),
      floorStrict: false,
      capBasisPoints: 6000,
    },
  ),
  profile("plancher-10000", "Plancher 10 000 €", ["Plancher 10 000", "10 000 €"], {
    floorCents: asCents(1_000_000),
    floorStrict: false,
    capBasisPoints: 5000,
  }),
]);

export const DEFAULT_PROFILE_ID = "plie-dijon-2015-2019";

/** The known profiles, id and name. */
export function knownProfiles(): ProfileRef[] {
  return PROFILES.map((p) => ({ id: p.id, name: p.name }));
}

/**
 * A name reduced to letters and digits: case, accents, dashes, spaces,
 * apostrophes, commas and the euro sign do not count; `+` reads `plus`.
 * "FSE+ 2021–2027, Côte-d'Or" and "fse-plus-2021-2027-cote-dor" meet.
 */
function compact(text: string): string {
  return normalizeLabel(text)
    .replace(/\+/g, "plus")
    .replace(/[^a-z0-9]/g, "");
}

/** The profile with this exact id. */
export function profileById(id: string): ProfileLookup {
  return { profile: PROFILES.find((p) => p.id === id.trim()) ?? null, known: knownProfiles() };
}

/** The profile a user names: by id or name (or an alias), whatever the case, accents, dashes and spaces. */
export function profileByName(text: string): ProfileLookup {
  const key = compact(text);
  const found =
    key === "" ? undefined : PROFILES.find((p) => [p.id, p.name, ...p.aliases].some((n) => compact(n) === key));
  return { profile: found ?? null, known: knownProfiles() };
}
