import { containsWord, normalizeLabel } from "./text";

/** Canonical financer ids, in the order the programming prints them. */
export const FINANCER_IDS = [
  "conseil_departemental",
  "dijon_metropole",
  "intercommunalite",
  "conseil_regional",
  "ville_de_dijon",
  "ville",
  "communes",
  "fonds_prives",
  "contrat_de_ville",
  "autres_plie",
  "etat",
  "france_travail",
  "forco",
  "produit_actions",
  "autres_financements",
  "autofinancement",
  "fse",
] as const;

export type FinancerId = (typeof FINANCER_IDS)[number];

export function isFinancerId(s: string): s is FinancerId {
  return (FINANCER_IDS as readonly string[]).includes(s);
}

/**
 * One alias rule: a header matches when its normalised text contains one of
 * `anyOf` as whole words (or, with `exact`, is one of them once its prefix
 * `Collectivité -`, `Autre -`… is removed), or matches `pattern`. Rules are
 * tried in order; the first that matches gives the financer.
 */
interface AliasRule {
  financer: FinancerId;
  /** Normalised fragments; the header must contain one of them. */
  anyOf: string[];
  /** Matches only when the header, without its prefix, is exactly one of these. */
  exact?: boolean;
  /** Also matches a normalised header (without its prefix) this pattern accepts. */
  pattern?: RegExp;
}

/** Built-in aliases, from the headers seen in the PLIE's sheets since 2015. */
const BUILTIN_ALIASES: readonly AliasRule[] = [
  // FSE first: "FSE - CD21" is FSE, not the Département; "Etat – FSE DIRECCTE" is FSE, not the State.
  {
    financer: "fse",
    anyOf: ["fse", "fse+", "fonds social europeen", "fonds social europeen+", "esf", "esf+", "european social fund"],
  },
  {
    financer: "autofinancement",
    anyOf: [
      "autofinancement",
      "auto-financement",
      "auto financement",
      "app nature",
      "apport en nature",
      "fonds propres",
      "ressources propres",
      "own funds",
      "self-financing",
      "self financing",
    ],
  },
  {
    financer: "conseil_departemental",
    anyOf: ["conseil general", "conseil departemental", "departement", "department", "cd21", "cd 21"],
  },
  { financer: "dijon_metropole", anyOf: ["grand dijon", "dijon metropole"] },
  // Before `communes`: "Communauté de communes" is an intercommunality.
  {
    financer: "intercommunalite",
    anyOf: [
      "metropole",
      "epci",
      "intercommunalite",
      "communaute d'agglomeration",
      "communaute de communes",
      "communaute urbaine",
      "agglomeration",
      "agglo",
    ],
  },
  { financer: "conseil_regional", anyOf: ["conseil regional", "region"] },
  { financer: "ville_de_dijon", anyOf: ["ville de dijon"] },
  // Before `ville`: "Contrat de ville" and "Politique de la ville" are programmes, not a city.
  { financer: "contrat_de_ville", anyOf: ["contrat de ville", "politique de la ville"] },
  { financer: "ville", anyOf: ["ville", "mairie", "city"] },
  { financer: "communes", anyOf: ["communes", "commune"] },
  { financer: "fonds_prives", anyOf: ["fonds prives", "fonds publics", "private funds"] },
  { financer: "autres_plie", anyOf: ["autres plie", "autre plie"] },
  { financer: "france_travail", anyOf: ["france travail", "pole emploi"] },
  { financer: "forco", anyOf: ["forco"] },
  {
    financer: "produit_actions",
    anyOf: ["produit actions", "produit des actions", "produits des actions", "produits actions"],
  },
  {
    financer: "autres_financements",
    anyOf: [
      "autres financements",
      "autre financement",
      "autres financeurs",
      "autre financeur",
      "other funding",
      "other financing",
      "other funds",
    ],
  },
  // The State: its services (DREETS, DDETS, DIRECCTE), or "État" alone or
  // followed by a separator ("Etat (DDETS)"), not "État d'avancement".
  {
    financer: "etat",
    anyOf: ["dreets", "ddets", "direccte", "dirrecte", "dgefp", "state"],
    pattern: /^(l')?etat(\s*[-–(:/].*)?$/,
  },
];

/** A user's own alias: a header text (any case or accents) for a financer. */
export interface UserAlias {
  header: string;
  financer: FinancerId;
}

export interface AliasTable {
  match(header: string): FinancerId | null;
}

const PREFIX = /^(collectivites?|autres?|etat|financeurs?)\s*[-:/]\s*/;

/**
 * A financer's header as the reports print it: as written, without the
 * prefix that only sorts the columns (`Collectivité - Dijon Métropole` →
 * `Dijon Métropole`, `Etat - FSE` → `FSE`).
 */
export function printedFinancerName(header: string): string {
  const bare = header.trim().replace(/^(collectivit[ée]s?|autres?|[ée]tat|financeurs?)\s*[-–—:/]\s*/i, "");
  return bare === "" ? header.trim() : bare;
}

/** A financer header without its prefix (`Collectivité -`, `AUTRE -`…), normalised: two columns of one financer compare equal. */
export function financerHeaderKey(header: string): string {
  return normalizeLabel(header).replace(PREFIX, "");
}

/** Builds the alias table: the user's aliases first, then the built-in rules. */
export function makeAliasTable(userAliases: readonly UserAlias[] = []): AliasTable {
  const exactUser = new Map<string, FinancerId>();
  for (const a of userAliases) exactUser.set(normalizeLabel(a.header), a.financer);
  const cache = new Map<string, FinancerId | null>();
  return {
    match(header: string): FinancerId | null {
      const n = normalizeLabel(header);
      if (n === "") return null;
      const cached = cache.get(n);
      if (cached !== undefined) return cached;
      let found: FinancerId | null = exactUser.get(n) ?? null;
      if (!found) {
        const bare = n.replace(PREFIX, "");
        for (const rule of BUILTIN_ALIASES) {
          const hit = rule.exact
            ? rule.anyOf.includes(bare) || rule.anyOf.includes(n)
            : rule.anyOf.some((f) => containsWord(n, f)) ||
              (rule.pattern !== undefined && (rule.pattern.test(n) || rule.pattern.test(bare)));
          if (hit) {
            found = rule.financer;
            break;
          }
        }
      }
      cache.set(n, found);
      return found;
    },
  };
}

export const DEFAULT_ALIASES: AliasTable = makeAliasTable();
