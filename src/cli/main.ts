import { allFindings } from "../domain/check";
import { FINANCER_IDS, isFinancerId, makeAliasTable, type UserAlias } from "../domain/financers";
import { parseEuroText } from "../domain/money";
import { makeRules, parseCap, type RuleSet } from "../domain/rules";
import { optimiseEnvelope } from "../domain/optimiser";
import { CATEGORIES, isCategory, type CategoryOverride } from "../domain/categories";
import { makeProcurementSettings, procurementOf, type ProcurementSettings } from "../domain/procurement";
import { knownProfiles, profileByName } from "../domain/profiles";
import { synthesis } from "../domain/synthesis";
import { financerYearTable } from "../domain/totals";
import type { Lang } from "../report/format";
import { crossJson, jsonText, rulesJson, sheetJson } from "../report/json";
import { colon, w } from "../report/labels";
import { optimisationJson, optimisationText } from "../report/optimiser";
import { procurementJson, procurementText } from "../report/procurement";
import { synthesisJson, synthesisText } from "../report/synthesis";
import { crossText, rulesText, sheetText } from "../report/text";
import { analyseWorkbook, type WorkbookResult } from "../sheet/workbook";
import { unreadableMessage } from "../report/unreadable";
import { readWorkbook, UnreadableFileError } from "./read";

export interface CliOptions {
  files: string[];
  json: boolean;
  /** Multi-year synthesis: financer × year with changes, category × year. */
  synthese: boolean;
  /** Quotes and thresholds for order letters. */
  procurement: ProcurementSettings;
  /** The user's categories of expense for the synthesis. */
  categories: CategoryOverride[];
  /** FSE envelope optimiser (what-if); the envelope, or null for each sheet's BUDGET row. */
  optimiser: { envelopeCents: number | null } | null;
  lang: Lang;
  rules: RuleSet;
  aliases: UserAlias[];
}

export class UsageError extends Error {}

const HELP: Record<Lang, string> = {
  fr: `Usage : plie-check [options] FICHIER.xlsx...

Vérifie les feuilles de programmation PLIE/FSE et affiche un rapport.

Options :
  --json            sortie JSON au lieu du rapport
  --floor MONTANT   plancher FSE en euros (défaut 20 000)
  --cap TAUX        plafond du taux FSE : 50, 50 %, 0,5 (défaut 50 %)
  --strict-floor    le FSE doit dépasser le plancher (défaut : au moins égal)
  --synthese        synthèse pluriannuelle : financeurs × années avec les
                    évolutions, catégories de dépenses × années
  --optimiser [MONTANT]  répartition du FSE qui utilise au mieux l'enveloppe
                    (la ligne BUDGET, ou MONTANT en euros) ; simulation seulement
  --profil NOM      jeu de règles nommé (${knownProfiles().map((p) => p.id).join(", ")}) ;
                    --floor, --cap et --strict-floor s'appliquent ensuite
  --devis 2|3       devis à demander par lettre de commande (défaut 3)
  --seuil MONTANT   seuil de commande publique en euros HT (défaut 40 000 ;
                    60 000 pour les services à partir de 2027)
  --categorie "TEXTE=catégorie"  poste de dépenses d'une opération (répétable),
                    catégorie parmi : ${CATEGORIES.join(", ")}
  --alias "EN-TÊTE=id"  en-tête de colonne d'un financeur (répétable),
                    id parmi : ${FINANCER_IDS.join(", ")}
  --lang fr|en      langue du rapport (défaut fr)
  -h, --help        cette aide

Code de sortie : 0 sans erreur, 1 avec au moins une erreur, 2 si un fichier est illisible.`,
  en: `Usage: plie-check [options] FILE.xlsx...

Checks PLIE/ESF programming sheets and prints a report.

Options:
  --json            JSON output instead of the report
  --floor AMOUNT    ESF floor in euros (default 20 000)
  --cap RATE        ESF rate cap: 50, 50 %, 0.5 (default 50 %)
  --strict-floor    ESF must be above the floor (default: at least equal)
  --synthese        multi-year synthesis: financers × years with the changes,
                    categories of expense × years
  --optimiser [AMOUNT]   ESF shares that use the envelope best (the BUDGET
                    row, or AMOUNT in euros); a simulation only
  --profil NAME     named rule set (${knownProfiles().map((p) => p.id).join(", ")});
                    --floor, --cap and --strict-floor apply on top
  --devis 2|3       quotes per order letter (default 3)
  --seuil AMOUNT    public procurement threshold in euros excl. VAT (default
                    40 000; 60 000 for services from 2027)
  --categorie "TEXT=category"  category of expense of an operation (repeatable),
                    category among: ${CATEGORIES.join(", ")}
  --alias "HEADER=id"   a financer's column header (repeatable),
                    id among: ${FINANCER_IDS.join(", ")}
  --lang fr|en      report language (default fr)
  -h, --help        this help

Exit code: 0 without errors, 1 with at least one error, 2 when a file cannot be read.`,
};

/** Parses the command line; throws UsageError with a message in the user's language. */
export function parseArgs(argv: readonly string[]): CliOptions | "help" {
  let lang: Lang = "fr";
  const li = argv.indexOf("--lang");
  if (li >= 0 && argv[li + 1] === "en") lang = "en";
  const files: string[] = [];
  let json = false;
  let synthese = false;
  let optimiser: CliOptions["optimiser"] = null;
  const overrides: Partial<RuleSet> = {};
  let base: RuleSet | null = null;
  const aliases: UserAlias[] = [];
  const categories: CategoryOverride[] = [];
  const procurement: Partial<ProcurementSettings> = {};
  const value = (i: number, name: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith("--")) {
      throw new UsageError(lang === "en" ? `${name} needs a value` : `${name} demande une valeur`);
    }
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    switch (a) {
      case "-h":
      case "--help":
        return "help";
      case "--json":
        json = true;
        break;
      case "--synthese":
      case "--synthesis":
        synthese = true;
        break;
      case "--optimiser":
      case "--optimizer": {
        // An optional amount: the next argument when it reads as euros and is not a file.
        const next = argv[i + 1];
        const p = next !== undefined && !next.startsWith("-") && !/\.xls[xm]?$/i.test(next) ? parseEuroText(next) : null;
        if (p && p.ok && p.cents > 0) {
          optimiser = { envelopeCents: p.cents };
          i++;
        } else {
          optimiser = { envelopeCents: null };
        }
        break;
      }
      case "--profil":
      case "--profile": {
        const v = value(i++, a);
        const found = profileByName(v);
        if (!found.profile) {
          const known = found.known.map((k) => k.id).join(", ");
          throw new UsageError(lang === "en" ? `unknown profile: ${v} (known: ${known})` : `profil inconnu : ${v} (connus : ${known})`);
        }
        base = found.profile.rules;
        break;
      }
      case "--strict-floor":
        overrides.floorStrict = true;
        break;
      case "--lang": {
        const v = value(i++, a);
        if (v !== "fr" && v !== "en") throw new UsageError(lang === "en" ? `unknown language: ${v}` : `langue inconnue : ${v}`);
        break;
      }
      case "--floor": {
        const v = value(i++, a);
        const p = parseEuroText(v);
        if (!p.ok || p.cents < 0) throw new UsageError(lang === "en" ? `--floor: not an amount: ${v}` : `--floor : montant illisible : ${v}`);
        overrides.floorCents = p.cents;
        break;
      }
      case "--cap": {
        const v = value(i++, a);
        const bp = parseCap(v);
        if (bp === null) throw new UsageError(lang === "en" ? `--cap: not a rate between 0 and 100 %: ${v}` : `--cap : taux illisible (entre 0 et 100 %) : ${v}`);
        overrides.capBasisPoints = bp;
        break;
      }
      case "--devis": {
        const v = value(i++, a);
        if (v !== "2" && v !== "3") throw new UsageError(lang === "en" ? `--devis: 2 or 3 expected: ${v}` : `--devis : 2 ou 3 attendu : ${v}`);
        procurement.quotes = v === "2" ? 2 : 3;
        break;
      }
      case "--seuil": {
        const v = value(i++, a);
        const p = parseEuroText(v);
        if (!p.ok || p.cents <= 0) throw new UsageError(lang === "en" ? `--seuil: not an amount: ${v}` : `--seuil : montant illisible : ${v}`);
        procurement.thresholdCents = p.cents;
        procurement.servicesThresholdCents = Math.max(p.cents, procurement.servicesThresholdCents ?? 0);
        break;
      }
      case "--categorie": {
        const v = value(i++, a);
        const eq = v.lastIndexOf("=");
        const category = v.slice(eq + 1).trim();
        if (eq <= 0 || !isCategory(category)) {
          throw new UsageError(lang === "en" ? `--categorie: expected "TEXT=category" (${CATEGORIES.join(", ")}): ${v}` : `--categorie : attendu « TEXTE=catégorie » (${CATEGORIES.join(", ")}) : ${v}`);
        }
        categories.push({ match: v.slice(0, eq).trim(), category });
        break;
      }
      case "--alias": {
        const v = value(i++, a);
        const eq = v.lastIndexOf("=");
        const id = v.slice(eq + 1).trim();
        if (eq <= 0 || !isFinancerId(id)) {
          throw new UsageError(lang === "en" ? `--alias: expected "HEADER=id" with a known id: ${v}` : `--alias : attendu « EN-TÊTE=id » avec un id connu : ${v}`);
        }
        aliases.push({ header: v.slice(0, eq), financer: id });
        break;
      }
      default:
        if (a.startsWith("-") && a !== "-") throw new UsageError(lang === "en" ? `unknown option: ${a}` : `option inconnue : ${a}`);
        files.push(a);
    }
  }
  if (files.length === 0) throw new UsageError(lang === "en" ? "no file given" : "aucun fichier indiqué");
  return { files, json, synthese, optimiser, procurement: makeProcurementSettings(procurement), categories, lang, rules: makeRules({ ...(base ?? {}), ...overrides }), aliases };
}

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

/** Runs the checker; returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let opts: CliOptions | "help";
  try {
    opts = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError || e instanceof RangeError) {
      io.err(`plie-check: ${e.message}\n${HELP[argv.includes("en") ? "en" : "fr"].split("\n")[0]}`);
      return 2;
    }
    throw e;
  }
  if (opts === "help") {
    io.out(HELP[argv.includes("en") ? "en" : "fr"]);
    return 0;
  }
  const { lang, rules } = opts;
  const aliases = makeAliasTable(opts.aliases);
  const results: { file: string; result: WorkbookResult }[] = [];
  let unreadable = false;
  for (const file of opts.files) {
    try {
      const grids = await readWorkbook(file);
      results.push({ file, result: analyseWorkbook(grids, { rules, aliases }) });
    } catch (e) {
      if (!(e instanceof UnreadableFileError)) throw e;
      unreadable = true;
      io.err(`plie-check: ${w("unreadable", lang)} ${file}${colon(lang)} ${unreadableMessage(e, lang)}.`);
    }
  }
  const allSheets = results.flatMap((r) => r.result.sheets);
  const cross = financerYearTable(allSheets);
  const synth = opts.synthese ? synthesis(allSheets, { overrides: opts.categories }) : null;
  const errors = results.reduce((n, r) => n + r.result.sheets.reduce((m, s) => m + allFindings(s).filter((f) => f.severity === "error").length, 0), 0);

  if (opts.json) {
    const doc = {
      rules: rulesJson(rules),
      files: results.map((r) => ({
        file: r.file,
        sheets: r.result.sheets.map((s) =>
          opts.optimiser ? { ...sheetJson(s, lang), optimiser: optimisationJson(optimiseEnvelope(s, rules, opts.optimiser.envelopeCents ?? undefined), s.sheet.name) } : sheetJson(s, lang),
        ),
        skippedSheets: r.result.skipped,
        procurement: procurementJson(procurementOf(r.result.sheets, opts.procurement), lang),
      })),
      ...crossJson(cross),
      ...(synth ? { synthese: synthesisJson(synth) } : {}),
    };
    // Compact: the JSON is for programs (and jq); a 10 000-line workbook gives megabytes.
    io.out(jsonText(doc));
  } else {
    const parts: string[] = [rulesText(rules, lang)];
    for (const r of results) {
      parts.push("");
      parts.push(`${w("file", lang)}${colon(lang)} ${r.file}`);
      if (r.result.sheets.length === 0) {
        parts.push(lang === "en" ? "  No programming sheet in this workbook." : "  Aucune feuille de programmation dans ce classeur.");
      }
      for (const s of r.result.sheets) {
        parts.push("", sheetText(s, lang));
        if (opts.optimiser) parts.push("", optimisationText(optimiseEnvelope(s, rules, opts.optimiser.envelopeCents ?? undefined), s.sheet.name, lang).trimEnd());
      }
      if (r.result.skipped.length) parts.push("", `${w("skipped", lang)}${colon(lang)} ${r.result.skipped.join(", ")}`);
      const procurement = procurementOf(r.result.sheets, opts.procurement);
      if (procurement.letters.length) parts.push("", procurementText(procurement, lang).trimEnd());
    }
    if (cross.years.length) parts.push("", crossText(cross, lang));
    if (synth && synth.years.length) parts.push("", synthesisText(synth, lang));
    io.out(parts.join("\n"));
  }
  if (unreadable) return 2;
  return errors > 0 ? 1 : 0;
}

export function main(): void {
  runCli(process.argv.slice(2), {
    out: (s) => process.stdout.write(s + "\n"),
    err: (s) => process.stderr.write(s + "\n"),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`plie-check: ${(e as Error).stack ?? String(e)}\n`);
      process.exitCode = 2;
    },
  );
}

if (require.main === module) main();
