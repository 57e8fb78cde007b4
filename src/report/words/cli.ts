import type { Entry } from "./lookup";

/** The value each option of plie-check takes, as the help names it. */
export const OPTION_VALUE = {
  floor: { fr: "MONTANT", en: "AMOUNT" },
  cap: { fr: "TAUX", en: "RATE" },
  optimiser: { fr: "[MONTANT]", en: "[AMOUNT]" },
  profil: { fr: "NOM", en: "NAME" },
  devis: { fr: "2|3", en: "2|3" },
  seuil: { fr: "MONTANT", en: "AMOUNT" },
  categorie: { fr: '"TEXTE=catégorie"', en: '"TEXT=category"' },
  alias: { fr: '"EN-TÊTE=id"', en: '"HEADER=id"' },
  colonne: { fr: '"EN-TÊTE=RÔLE"', en: '"HEADER=ROLE"' },
  structure: { fr: "NOM", en: "NAME" },
  tailleMax: { fr: "MO", en: "MB" },
  lang: { fr: "fr|en", en: "fr|en" },
} satisfies Record<string, Entry>;

/** What each option of plie-check does, for its help (lists and defaults come from the code). */
export const OPTION_HELP = {
  json: { fr: "sortie JSON au lieu du rapport", en: "JSON output instead of the report" },
  floor: { fr: "plancher FSE en euros (défaut 20 000)", en: "ESF floor in euros (default 20 000)" },
  cap: { fr: "plafond du taux FSE : 50, 50 %, 0,5 (défaut 50 %)", en: "ESF rate cap: 50, 50 %, 0.5 (default 50 %)" },
  strictFloor: {
    fr: "le FSE doit dépasser le plancher (défaut : au moins égal)",
    en: "ESF must be above the floor (default: at least equal)",
  },
  synthese: {
    fr: "synthèse pluriannuelle : financeurs × années avec les évolutions, catégories de dépenses × années",
    en: "multi-year synthesis: financers × years with the changes, categories of expense × years",
  },
  optimiser: {
    fr: "répartition du FSE qui utilise au mieux l'enveloppe (la ligne BUDGET, ou MONTANT en euros, positif) ; simulation seulement",
    en: "ESF shares that use the envelope best (the BUDGET row, or AMOUNT in euros, positive); a simulation only",
  },
  profil: {
    fr: (known: string) => `jeu de règles nommé (${known}) ; --floor, --cap et --strict-floor s'appliquent ensuite`,
    en: (known: string) => `named rule set (${known}); --floor, --cap and --strict-floor apply on top`,
  },
  devis: { fr: "devis à demander par lettre de commande (défaut 3)", en: "quotes per order letter (default 3)" },
  seuil: {
    fr: "seuil de commande publique en euros HT (défaut 40 000 ; 60 000 pour les services à partir de 2027)",
    en: "public procurement threshold in euros excl. VAT (default 40 000; 60 000 for services from 2027)",
  },
  categorie: {
    fr: (categories: string) => `poste de dépenses d'une opération (répétable), catégorie parmi : ${categories}`,
    en: (categories: string) => `category of expense of an operation (repeatable), category among: ${categories}`,
  },
  alias: {
    fr: (ids: string) => `en-tête de colonne d'un financeur (répétable), id parmi : ${ids}`,
    en: (ids: string) => `a financer's column header (repeatable), id among: ${ids}`,
  },
  colonne: {
    fr: (roles: string) =>
      `rôle d'une colonne que la lecture ne reconnaît pas (répétable) : un id de financeur (voir --alias) ou ${roles}`,
    en: (roles: string) =>
      `role of a column the reader cannot tell (repeatable): a financer id (see --alias) or ${roles}`,
  },
  structure: {
    fr: (ownNames: string) =>
      `nom de la structure elle-même, en plus de ${ownNames} (répétable) : ses propres lignes n'ont ni devis ni avertissement de commande publique`,
    en: (ownNames: string) =>
      `a name of the structure itself, besides ${ownNames} (repeatable): its own lines get no quotes and no procurement warning`,
  },
  tailleMax: {
    fr: (megabytes: number) =>
      `taille maximale d'une partie du classeur une fois décompressée, en mégaoctets (défaut ${megabytes})`,
    en: (megabytes: number) =>
      `largest size of one part of the workbook once decompressed, in megabytes (default ${megabytes})`,
  },
  lang: { fr: "langue du rapport (défaut fr)", en: "report language (default fr)" },
  help: { fr: "cette aide", en: "this help" },
} satisfies Record<string, Entry<string | ((...args: never[]) => string)>>;

/** What is wrong with the command line: `name` the option, `v` the value as given (one line, cut). */
export const CLI_USAGE = {
  ambiguousAmount: {
    fr: (name: string, v: string) =>
      `${name} : montant ambigu « ${v} » : écrivez les centimes après une virgule (25,43) et les milliers sans point (25 430)`,
    en: (name: string, v: string) =>
      `${name}: ambiguous amount “${v}”: write cents after a comma (25,43) and thousands without a dot (25 430)`,
  },
  notAmount: {
    fr: (name: string, v: string) => `${name} : montant illisible : ${v}`,
    en: (name: string, v: string) => `${name}: not an amount: ${v}`,
  },
  positiveAmount: {
    fr: (name: string, v: string) => `${name} : un montant positif est attendu : ${v}`,
    en: (name: string, v: string) => `${name}: a positive amount is expected: ${v}`,
  },
  zeroOrPositiveAmount: {
    fr: (name: string, v: string) => `${name} : un montant positif ou nul est attendu : ${v}`,
    en: (name: string, v: string) => `${name}: a positive amount or zero is expected: ${v}`,
  },
  notRate: {
    fr: (name: string, v: string) => `${name} : taux illisible (entre 0 et 100 %) : ${v}`,
    en: (name: string, v: string) => `${name}: not a rate between 0 and 100 %: ${v}`,
  },
  envelopePositive: {
    fr: (name: string, v: string) => `${name} : l'enveloppe doit être un montant positif : ${v}`,
    en: (name: string, v: string) => `${name}: the envelope must be a positive amount: ${v}`,
  },
  unknownProfile: {
    fr: (v: string, known: string) => `profil inconnu : ${v} (connus : ${known})`,
    en: (v: string, known: string) => `unknown profile: ${v} (known: ${known})`,
  },
  twoOrThree: {
    fr: (name: string, v: string) => `${name} : 2 ou 3 attendu : ${v}`,
    en: (name: string, v: string) => `${name}: 2 or 3 expected: ${v}`,
  },
  categoryExpected: {
    fr: (name: string, list: string, v: string) => `${name} : attendu « TEXTE=catégorie » (${list}) : ${v}`,
    en: (name: string, list: string, v: string) => `${name}: expected "TEXT=category" (${list}): ${v}`,
  },
  aliasExpected: {
    fr: (name: string, v: string) => `${name} : attendu « EN-TÊTE=id » avec un id connu : ${v}`,
    en: (name: string, v: string) => `${name}: expected "HEADER=id" with a known id: ${v}`,
  },
  columnExpected: {
    fr: (name: string, list: string, v: string) =>
      `${name} : attendu « EN-TÊTE=RÔLE », RÔLE étant un id de financeur ou ${list} : ${v}`,
    en: (name: string, list: string, v: string) =>
      `${name}: expected "HEADER=ROLE", ROLE being a financer id or ${list}: ${v}`,
  },
  nameExpected: {
    fr: (name: string) => `${name} : un nom est attendu`,
    en: (name: string) => `${name}: a name is expected`,
  },
  sizeExpected: {
    fr: (name: string, v: string) => `${name} : une taille positive en mégaoctets est attendue : ${v}`,
    en: (name: string, v: string) => `${name}: a positive size in megabytes is expected: ${v}`,
  },
  unknownLanguage: { fr: (v: string) => `langue inconnue : ${v}`, en: (v: string) => `unknown language: ${v}` },
  unknownOption: { fr: (v: string) => `option inconnue : ${v}`, en: (v: string) => `unknown option: ${v}` },
  takesNoValue: {
    fr: (name: string) => `${name} ne prend pas de valeur`,
    en: (name: string) => `${name} takes no value`,
  },
  needsValue: { fr: (name: string) => `${name} demande une valeur`, en: (name: string) => `${name} needs a value` },
  noFile: { fr: () => "aucun fichier indiqué", en: () => "no file given" },
} satisfies Record<string, Entry<(...args: never[]) => string>>;

/** plie-check's own words besides its options (the report's are in REPORT). */
export const CLI = {
  endOfOptions: {
    fr: "fin des options : tout ce qui suit est un fichier",
    en: "end of the options: every argument after it is a file",
  },
  /** The help page around the options' lines. */
  helpPage: {
    fr: (options: string) => `Usage : plie-check [options] FICHIER.xlsx...

Vérifie les feuilles de programmation PLIE/FSE et affiche un rapport.

Options :
${options}

Un montant s'écrit comme dans les feuilles : 20000, "20 000,00", 20.000.
Code de sortie : 0 sans erreur, 1 avec au moins une erreur, 2 si un fichier
ne peut être lu ou vérifié, ou si la ligne de commande est fausse (avec
--json, un objet JSON {"error":{"code":"usage","message":…}} sur stdout).`,
    en: (options: string) => `Usage: plie-check [options] FILE.xlsx...

Checks PLIE/ESF programming sheets and prints a report.

Options:
${options}

An amount reads as in the sheets: 20000, "20 000,00", 20.000.
Exit code: 0 without errors, 1 with at least one error, 2 when a file cannot
be read or checked, or the command line is wrong (with --json, a JSON object
{"error":{"code":"usage","message":…}} on stdout).`,
  },
  /** French puts a no-break space before a colon or a semicolon of the help: never at the start of a line. */
  helpPunctuation: { fr: (text: string) => text.replace(/ ([:;])/g, "\u00a0$1"), en: (text: string) => text },
  internalError: { fr: "erreur interne", en: "internal error" },
  noProgrammingSheet: {
    fr: "Aucune feuille de programmation dans ce classeur.",
    en: "No programming sheet in this workbook.",
  },
  /** A file whose check failed on an unexpected error (`m` the error in one line). */
  fileNotChecked: {
    fr: (file: string, m: string) =>
      `Fichier non vérifié ${file}\u00a0: erreur interne (${m}). Les autres fichiers sont vérifiés.`,
    en: (file: string, m: string) => `File not checked ${file}: internal error (${m}). The other files are checked.`,
  },
  checkStopped: {
    fr: (m: string) => `Vérification interrompue par une erreur interne (${m}).`,
    en: (m: string) => `Check stopped by an internal error (${m}).`,
  },
  crossFailed: {
    fr: (m: string) => `Totaux entre fichiers non calculés\u00a0: erreur interne (${m}).`,
    en: (m: string) => `Totals across files not computed: internal error (${m}).`,
  },
} satisfies Record<string, Entry<unknown>>;
