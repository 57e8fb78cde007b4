import * as fs from "fs";
import { countFindings, type SheetResult } from "../domain/check";
import { COLUMN_ROLE_WORDS, parseColumnMapping, type ColumnMapping } from "../domain/columns";
import { FINANCER_IDS, isFinancerId, makeAliasTable, type UserAlias } from "../domain/financers";
import { at } from "../domain/arrays";
import { maxCents, parseEuroText, ZERO_CENTS, type Cents } from "../domain/money";
import { makeRules, parseCap, type RuleSet } from "../domain/rules";
import { optimiseEnvelope } from "../domain/optimiser";
import { CATEGORIES, isCategory, type CategoryOverride } from "../domain/categories";
import {
  DEFAULT_PROCUREMENT_SETTINGS,
  makeProcurementSettings,
  procurementOf,
  type ProcurementSettings,
} from "../domain/procurement";
import { knownProfiles, profileByName } from "../domain/profiles";
import { synthesis } from "../domain/synthesis";
import { financerYearTable } from "../domain/totals";
import type { Lang } from "../report/format";
import { crossJson, jsonText, LazyArray, rulesJson, sheetJson } from "../report/json";
import { colon } from "../report/labels";
import { optimisationJson, optimisationText } from "../report/optimiser";
import { procurementJson, procurementText } from "../report/procurement";
import { safeName, safeText } from "../report/safe-text";
import { synthesisJson, synthesisText } from "../report/synthesis";
import { crossText, rulesText, sheetTextTo } from "../report/text";
import type { SheetGrid } from "../sheet/grid";
import { analyseWorkbook, type AnalyseOptions, type WorkbookResult } from "../sheet/workbook";
import { unreadableMessage } from "../report/unreadable";
import { CLI, CLI_USAGE, OPTION_HELP, OPTION_VALUE } from "../report/words/cli";
import { word, type Entry } from "../report/words/lookup";
import { REPORT } from "../report/words/report";
import { DEFAULT_MAX_PART_BYTES, readWorkbook, UnreadableFileError } from "./read";

export interface CliOptions {
  files: string[];
  json: boolean;
  /** Multi-year synthesis: financer × year with changes, category × year. */
  synthese: boolean;
  /** Quotes and thresholds for order letters, and the structure's own names. */
  procurement: ProcurementSettings;
  /** The user's categories of expense for the synthesis. */
  categories: CategoryOverride[];
  /** FSE envelope optimiser (what-if); the envelope, or null for each sheet's BUDGET row. */
  optimiser: { envelopeCents: Cents | null } | null;
  lang: Lang;
  rules: RuleSet;
  aliases: UserAlias[];
  /** The user's roles for columns the parser cannot tell (`--colonne`). */
  columns: ColumnMapping[];
  /** Largest decompressed size of one part of a workbook, in bytes (`--taille-max`, given in MB). */
  maxPartBytes: number;
}

export class UsageError extends Error {}

/** One megabyte (Mo) as `--taille-max` counts it. */
export const MEGABYTE = 1024 * 1024;

/** The options read so far, before defaults and checks across options. */
interface Draft {
  lang: Lang;
  files: string[];
  json: boolean;
  synthese: boolean;
  optimiser: CliOptions["optimiser"];
  base: RuleSet | null;
  overrides: Partial<RuleSet>;
  aliases: UserAlias[];
  categories: CategoryOverride[];
  procurement: Partial<ProcurementSettings>;
  ownNames: string[];
  columns: ColumnMapping[];
  maxPartBytes: number;
}

/**
 * One command-line option: its names, whether it takes a value, how the
 * value is read, and its help line. Adding an option is adding one entry to
 * `OPTIONS`. `value` says what follows the name: nothing (a flag), a value
 * (the next argument, or `--name=value`), or an optional value (the next
 * argument when `accepts` it).
 */
type OptionSpec = FlagOption | ValueOption | OptionalValueOption;

interface OptionBase {
  /** The option's names, the first one shown first (`--synthese`, then its English alias `--synthesis`). */
  names: readonly string[];
  /** The value's name in the help (`MONTANT` / `AMOUNT`). */
  meta?: Entry;
  /** The help text (lines after the first are indented under it). */
  help: (lang: Lang) => string;
}

interface FlagOption extends OptionBase {
  value: "none";
  /** Reads the flag into the draft. */
  read: (d: Draft) => void;
}

interface ValueOption extends OptionBase {
  value: "required";
  /** Reads the option and its value into the draft; throws UsageError on a bad value. */
  read: (d: Draft, value: string, name: string) => void;
}

interface OptionalValueOption extends OptionBase {
  value: "optional";
  /** Whether the next argument is this option's value rather than a file or an option. */
  accepts: (next: string) => boolean;
  /** Reads the option and its value, when given, into the draft; throws UsageError on a bad value. */
  read: (d: Draft, value: string | undefined, name: string) => void;
}

/** An argument echoed in a message: one line, cut when very long. */
const shown = (v: string): string => safeName(v);

/** Whether a command-line argument reads as an amount of euros (possibly negative, zero, ambiguous or too large). */
function readsAsAmount(s: string): boolean {
  const p = parseEuroText(s);
  return p.ok || p.reason === "ambiguous" || p.reason === "too_large" || p.reason === "percent";
}

/** An amount in cents from an option's value, or a usage error naming the option. */
function amountOf(d: Draft, name: string, v: string, min: "zero" | "positive"): Cents {
  const p = parseEuroText(v);
  if (!p.ok && p.reason === "ambiguous") {
    throw new UsageError(word(CLI_USAGE.ambiguousAmount, d.lang)(name, shown(v)));
  }
  if (!p.ok) throw new UsageError(word(CLI_USAGE.notAmount, d.lang)(name, shown(v)));
  if (min === "positive" && p.cents <= 0) {
    throw new UsageError(word(CLI_USAGE.positiveAmount, d.lang)(name, shown(v)));
  }
  if (p.cents < 0) throw new UsageError(word(CLI_USAGE.zeroOrPositiveAmount, d.lang)(name, shown(v)));
  return p.cents;
}

const OPTIONS: readonly OptionSpec[] = [
  {
    names: ["--json"],
    value: "none",
    help: (lang) => word(OPTION_HELP.json, lang),
    read: (d) => {
      d.json = true;
    },
  },
  {
    names: ["--floor"],
    value: "required",
    meta: OPTION_VALUE.floor,
    help: (lang) => word(OPTION_HELP.floor, lang),
    read: (d, v, name) => {
      d.overrides.floorCents = amountOf(d, name, v, "zero");
    },
  },
  {
    names: ["--cap"],
    value: "required",
    meta: OPTION_VALUE.cap,
    help: (lang) => word(OPTION_HELP.cap, lang),
    read: (d, v, name) => {
      const bp = parseCap(v);
      if (bp === null) throw new UsageError(word(CLI_USAGE.notRate, d.lang)(name, shown(v)));
      d.overrides.capBasisPoints = bp;
    },
  },
  {
    names: ["--strict-floor"],
    value: "none",
    help: (lang) => word(OPTION_HELP.strictFloor, lang),
    read: (d) => {
      d.overrides.floorStrict = true;
    },
  },
  {
    names: ["--synthese", "--synthesis"],
    value: "none",
    help: (lang) => word(OPTION_HELP.synthese, lang),
    read: (d) => {
      d.synthese = true;
    },
  },
  {
    names: ["--optimiser", "--optimizer"],
    value: "optional",
    meta: OPTION_VALUE.optimiser,
    accepts: readsAsAmount,
    help: (lang) => word(OPTION_HELP.optimiser, lang),
    read: (d, v, name) => {
      if (v === undefined) {
        d.optimiser = { envelopeCents: null };
        return;
      }
      const p = parseEuroText(v);
      if (p.ok && p.cents <= 0) {
        throw new UsageError(word(CLI_USAGE.envelopePositive, d.lang)(name, shown(v)));
      }
      d.optimiser = { envelopeCents: amountOf(d, name, v, "positive") };
    },
  },
  {
    names: ["--profil", "--profile"],
    value: "required",
    meta: OPTION_VALUE.profil,
    help: (lang) =>
      word(
        OPTION_HELP.profil,
        lang,
      )(
        knownProfiles()
          .map((p) => p.id)
          .join(", "),
      ),
    read: (d, v) => {
      const found = profileByName(v);
      if (!found.profile) {
        const known = found.known.map((k) => k.id).join(", ");
        throw new UsageError(word(CLI_USAGE.unknownProfile, d.lang)(shown(v), known));
      }
      d.base = found.profile.rules;
    },
  },
  {
    names: ["--devis"],
    value: "required",
    meta: OPTION_VALUE.devis,
    help: (lang) => word(OPTION_HELP.devis, lang),
    read: (d, v, name) => {
      if (v !== "2" && v !== "3") throw new UsageError(word(CLI_USAGE.twoOrThree, d.lang)(name, shown(v)));
      d.procurement.quotes = v === "2" ? 2 : 3;
    },
  },
  {
    names: ["--seuil"],
    value: "required",
    meta: OPTION_VALUE.seuil,
    help: (lang) => word(OPTION_HELP.seuil, lang),
    read: (d, v, name) => {
      const cents = amountOf(d, name, v, "positive");
      d.procurement.thresholdCents = cents;
      d.procurement.servicesThresholdCents = maxCents(cents, d.procurement.servicesThresholdCents ?? ZERO_CENTS);
    },
  },
  {
    names: ["--categorie"],
    value: "required",
    meta: OPTION_VALUE.categorie,
    help: (lang) => word(OPTION_HELP.categorie, lang)(CATEGORIES.join(", ")),
    read: (d, v, name) => {
      const eq = v.lastIndexOf("=");
      const category = v.slice(eq + 1).trim();
      if (eq <= 0 || !isCategory(category)) {
        throw new UsageError(word(CLI_USAGE.categoryExpected, d.lang)(name, CATEGORIES.join(", "), shown(v)));
      }
      d.categories.push({ match: v.slice(0, eq).trim(), category });
    },
  },
  {
    names: ["--alias"],
    value: "required",
    meta: OPTION_VALUE.alias,
    help: (lang) => word(OPTION_HELP.alias, lang)(FINANCER_IDS.join(", ")),
    read: (d, v, name) => {
      const eq = v.lastIndexOf("=");
      const id = v.slice(eq + 1).trim();
      if (eq <= 0 || !isFinancerId(id)) {
        throw new UsageError(word(CLI_USAGE.aliasExpected, d.lang)(name, shown(v)));
      }
      d.aliases.push({ header: v.slice(0, eq), financer: id });
    },
  },
  {
    names: ["--colonne", "--column"],
    value: "required",
    meta: OPTION_VALUE.colonne,
    help: (lang) => word(OPTION_HELP.colonne, lang)(COLUMN_ROLE_WORDS.join(", ")),
    read: (d, v, name) => {
      const m = parseColumnMapping(v);
      if (m === null) {
        throw new UsageError(word(CLI_USAGE.columnExpected, d.lang)(name, COLUMN_ROLE_WORDS.join(", "), shown(v)));
      }
      d.columns.push(m);
    },
  },
  {
    names: ["--structure"],
    value: "required",
    meta: OPTION_VALUE.structure,
    help: (lang) => word(OPTION_HELP.structure, lang)(DEFAULT_PROCUREMENT_SETTINGS.ownNames.join(", ")),
    read: (d, v, name) => {
      const n = v.trim();
      if (n === "") throw new UsageError(word(CLI_USAGE.nameExpected, d.lang)(name));
      d.ownNames.push(n); // with PLIE, once each (makeProcurementSettings)
    },
  },
  {
    names: ["--taille-max", "--max-size"],
    value: "required",
    meta: OPTION_VALUE.tailleMax,
    help: (lang) => word(OPTION_HELP.tailleMax, lang)(DEFAULT_MAX_PART_BYTES / MEGABYTE),
    read: (d, v, name) => {
      const m = /^\s*(\d+)(?:[.,](\d+))?\s*$/.exec(v);
      const mb = m ? Number(`${m[1]}.${m[2] ?? "0"}`) : NaN;
      const bytes = Math.round(mb * MEGABYTE);
      if (!(bytes > 0) || !Number.isSafeInteger(bytes)) {
        throw new UsageError(word(CLI_USAGE.sizeExpected, d.lang)(name, shown(v)));
      }
      d.maxPartBytes = bytes;
    },
  },
  {
    names: ["--lang"],
    value: "required",
    meta: OPTION_VALUE.lang,
    help: (lang) => word(OPTION_HELP.lang, lang),
    read: (d, v) => {
      if (v !== "fr" && v !== "en") throw new UsageError(word(CLI_USAGE.unknownLanguage, d.lang)(shown(v)));
      d.lang = v;
    },
  },
  {
    names: ["-h", "--help"],
    value: "none",
    help: (lang) => word(OPTION_HELP.help, lang),
    read: () => {
      // Answered before any other option is read (see `parseArgs`).
    },
  },
];

const BY_NAME: ReadonlyMap<string, OptionSpec> = new Map(OPTIONS.flatMap((o) => o.names.map((n) => [n, o] as const)));

/** Ends the options: every argument after it is a file. */
const END_OF_OPTIONS = "--";

/**
 * What must be known before the options are read one by one: the language
 * of the messages, whether the output is JSON (a usage error is then a JSON
 * object too) and whether help is asked. Looks at the options only, before `--`.
 */
export function scanArgs(argv: readonly string[]): { lang: Lang; json: boolean; help: boolean } {
  let lang: Lang = "fr";
  let json = false;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === END_OF_OPTIONS) break;
    if (a === "--json") json = true;
    else if (a === "-h" || a === "--help") help = true;
    else if (a === "--lang" && (argv[i + 1] === "en" || argv[i + 1] === "fr")) lang = argv[++i] as Lang;
    else if (a === "--lang=en" || a === "--lang=fr") lang = a.slice(7) as Lang;
  }
  return { lang, json, help };
}

const HELP_INDENT = 20;
const HELP_WIDTH = 80;

/** Words of a help text in lines of at most `width` characters (a longer word stays whole). */
function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  for (const para of text.split("\n")) {
    let line = "";
    for (const word of para.split(" ")) {
      if (line !== "" && line.length + 1 + word.length > width) {
        out.push(line);
        line = word;
      } else line = line === "" ? word : `${line} ${word}`;
    }
    out.push(line);
  }
  return out;
}

function helpText(lang: Lang): string {
  const lines: string[] = [];
  const entry = (left: string, text: string) => {
    const [first, ...rest] = wrap(text, HELP_WIDTH - HELP_INDENT);
    const head = `  ${left}`;
    if (head.length < HELP_INDENT) lines.push(head.padEnd(HELP_INDENT) + first);
    else lines.push(head, " ".repeat(HELP_INDENT) + first);
    for (const r of rest) lines.push(" ".repeat(HELP_INDENT) + r);
  };
  // French puts a no-break space before a colon or a semicolon: never at the start of a line.
  // Nor is a number's group of thousands.
  const typeset = (t: string) => word(CLI.helpPunctuation, lang)(t).replace(/(\d) (\d{3})\b/g, "$1\u00a0$2");
  for (const o of OPTIONS) entry(o.names.join(", ") + (o.meta ? ` ${word(o.meta, lang)}` : ""), typeset(o.help(lang)));
  entry(END_OF_OPTIONS, typeset(word(CLI.endOfOptions, lang)));
  return word(CLI.helpPage, lang)(lines.join("\n"));
}

/** The help of `plie-check`, generated from the table of options. */
export function cliHelp(lang: Lang): string {
  return helpText(lang);
}

/** Parses the command line; throws UsageError with a message in the user's language. */
export function parseArgs(argv: readonly string[]): CliOptions | "help" {
  const scan = scanArgs(argv);
  if (scan.help) return "help";
  const d = newDraft(scan.lang);
  let onlyFiles = false;
  for (let i = 0; i < argv.length; i++) {
    const a = at(argv, i);
    if (onlyFiles || a === "-" || !a.startsWith("-")) d.files.push(a);
    else if (a === END_OF_OPTIONS) onlyFiles = true;
    else i = readOption(d, argv, i, a);
  }
  if (d.files.length === 0) throw new UsageError(word(CLI_USAGE.noFile, d.lang)());
  return optionsOf(d);
}

/** Nothing read yet: every option at its default. */
function newDraft(lang: Lang): Draft {
  return {
    lang,
    files: [],
    json: false,
    synthese: false,
    optimiser: null,
    base: null,
    overrides: {},
    aliases: [],
    categories: [],
    procurement: {},
    ownNames: [],
    columns: [],
    maxPartBytes: DEFAULT_MAX_PART_BYTES,
  };
}

/**
 * Reads the option `a` (argument i) and its value into the draft; returns
 * the index of the last argument read (i, or i + 1 for a value given apart).
 */
function readOption(d: Draft, argv: readonly string[], i: number, a: string): number {
  // `--name=value` gives the value in the same argument.
  const eq = a.startsWith("--") ? a.indexOf("=") : -1;
  const name = eq > 0 ? a.slice(0, eq) : a;
  const spec = BY_NAME.get(name);
  if (!spec) throw new UsageError(word(CLI_USAGE.unknownOption, d.lang)(shown(a)));
  const inline = eq > 0 ? a.slice(eq + 1) : undefined;
  const next = argv[i + 1];
  switch (spec.value) {
    case "none":
      if (inline !== undefined) throw new UsageError(word(CLI_USAGE.takesNoValue, d.lang)(name));
      spec.read(d);
      return i;
    case "required":
      if (inline !== undefined) {
        spec.read(d, inline, name);
        return i;
      }
      if (next === undefined || next.startsWith("--")) throw new UsageError(word(CLI_USAGE.needsValue, d.lang)(name));
      spec.read(d, next, name);
      return i + 1;
    case "optional":
      if (inline !== undefined) {
        spec.read(d, inline, name);
        return i;
      }
      if (next !== undefined && next !== END_OF_OPTIONS && spec.accepts(next)) {
        spec.read(d, next, name);
        return i + 1;
      }
      spec.read(d, undefined, name);
      return i;
  }
}

/** The options read, with their defaults and what follows from several of them. */
function optionsOf(d: Draft): CliOptions {
  return {
    files: d.files,
    json: d.json,
    synthese: d.synthese,
    optimiser: d.optimiser,
    procurement: makeProcurementSettings({ ...d.procurement, ownNames: d.ownNames }),
    categories: d.categories,
    lang: d.lang,
    rules: makeRules({ ...(d.base ?? {}), ...d.overrides }),
    aliases: d.aliases,
    columns: d.columns,
    maxPartBytes: d.maxPartBytes,
  };
}

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

/** A workbook read from a file, ready to be checked. */
export interface WorkbookInput {
  file: string;
  grids: readonly SheetGrid[];
  /** Why the file could not be read (then `grids` is empty): it is reported in its place, in the text and the JSON. */
  unreadable?: { reason: string; part: string | null; message: string };
}

/** A usage error: the message and the usage line on stderr, and with --json an error object on stdout. */
function usageFailure(argv: readonly string[], message: string, io: CliIo): number {
  const { lang, json } = scanArgs(argv);
  io.err(`plie-check: ${message}\n${cliHelp(lang).split("\n")[0]}`);
  if (json) io.out(jsonText({ error: { code: "usage", message } }));
  return 2;
}

/** Runs the checker; returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let opts: CliOptions | "help";
  try {
    opts = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError || e instanceof RangeError) return usageFailure(argv, safeText(e.message), io);
    throw e;
  }
  if (opts === "help") {
    io.out(cliHelp(scanArgs(argv).lang));
    return 0;
  }
  const { lang } = opts;
  const workbooks: WorkbookInput[] = [];
  let unreadable = false;
  for (const file of opts.files) {
    try {
      const grids = await readWorkbook(file, { maxPartBytes: opts.maxPartBytes });
      workbooks.push({ file, grids });
    } catch (e) {
      unreadable = true;
      // A reading error the reader did not foresee is still this file's alone: the others are checked.
      const known = e instanceof UnreadableFileError;
      const why = known ? unreadableMessage(e, lang) : `${word(CLI.internalError, lang)} (${oneLine(e)})`;
      io.err(`plie-check: ${word(REPORT.unreadable, lang)} ${safeText(file)}${colon(lang)} ${why}.`);
      workbooks.push({
        file,
        grids: [],
        unreadable: { reason: known ? e.reason : "internal", part: known ? e.part : null, message: why },
      });
    }
  }
  return checkWorkbooks(workbooks, opts, io, unreadable);
}

/** An unexpected error in one line of words (never a stack trace). */
function oneLine(e: unknown): string {
  const m = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return safeText(m, 200);
}

function errorCount(result: WorkbookResult): number {
  let n = 0;
  for (const s of result.sheets) n += countFindings(s).error;
  return n;
}

/** The text report of one file, printed section by section (a sheet at a time). */
function printFileText(file: string, result: WorkbookResult, opts: CliOptions, out: (s: string) => void): void {
  const { lang, rules } = opts;
  const head = ["", `${word(REPORT.file, lang)}${colon(lang)} ${safeText(file)}`];
  if (result.sheets.length === 0) {
    head.push(`  ${word(CLI.noProgrammingSheet, lang)}`);
  }
  out(head.join("\n"));
  for (const s of result.sheets) {
    out("");
    sheetTextTo(s, lang, out);
    if (opts.optimiser)
      out(
        [
          "",
          optimisationText(
            optimiseEnvelope(s, rules, opts.optimiser.envelopeCents ?? undefined),
            s.sheet.name,
            lang,
          ).trimEnd(),
        ].join("\n"),
      );
  }
  const tail: string[] = [];
  if (result.skipped.length)
    tail.push("", `${word(REPORT.skipped, lang)}${colon(lang)} ${result.skipped.map(safeName).join(", ")}`);
  const procurement = procurementOf(result.sheets, opts.procurement);
  if (procurement.letters.length || procurement.ownLines.length)
    tail.push("", procurementText(procurement, lang).trimEnd());
  if (tail.length) out(tail.join("\n"));
}

/** A plain array written item by item (see `JsonWriter`), instead of as one string. */
const lazy = <T>(xs: readonly T[]): LazyArray<T> => new LazyArray(xs.length, (i) => at(xs, i));

/**
 * A JSON document printed in pieces of about `CHUNK` characters as it is
 * written: a report of 200 000 lines never exists whole in memory. A piece
 * holds whole tokens only, so the newline printed after each piece is
 * whitespace between tokens. `LazyArray` items are written one at a time
 * (by `JSON.stringify`). After an error in the middle of a value, `recover`
 * ends the open arrays and objects: the document stays valid JSON.
 */
export class JsonWriter {
  static readonly CHUNK = 1 << 20;
  private buf: string[] = [];
  private size = 0;
  /** Open arrays and objects, with how many items each holds so far. */
  private readonly open: { close: "]" | "}"; items: number }[] = [];
  /** A key was written; its value not yet. */
  private afterKey = false;

  constructor(private readonly out: (s: string) => void) {}

  get depth(): number {
    return this.open.length;
  }

  private put(s: string): void {
    this.buf.push(s);
    this.size += s.length;
    if (this.size >= JsonWriter.CHUNK) this.flush();
  }

  flush(): void {
    if (this.size === 0) return;
    this.out(this.buf.join(""));
    this.buf = [];
    this.size = 0;
  }

  /** The comma before a new item, unless it is the value of a key just written. */
  private next(): void {
    if (this.afterKey) {
      this.afterKey = false;
      return;
    }
    const top = this.open[this.open.length - 1];
    if (top && top.items++ > 0) this.put(",");
  }

  begin(kind: "{" | "["): void {
    this.next();
    this.put(kind);
    this.open.push({ close: kind === "{" ? "}" : "]", items: 0 });
  }

  end(): void {
    const top = this.open.pop();
    if (!top) throw new Error("internal error: JsonWriter.end() with no array or object open");
    this.put(top.close);
  }

  key(k: string): void {
    this.next();
    this.put(`${JSON.stringify(k)}:`);
    this.afterKey = true;
  }

  /** A value already in JSON. */
  private token(json: string): void {
    this.next();
    this.put(json);
  }

  /** Any value, as `jsonText` writes it: arrays and objects walked, objects with `toJSON` by `JSON.stringify`. */
  value(v: unknown): void {
    if (v instanceof LazyArray) {
      this.begin("[");
      for (let i = 0; i < v.length; i++) this.token(JSON.stringify(v.item(i)) ?? "null");
      this.end();
    } else if (Array.isArray(v)) {
      this.begin("[");
      for (const x of v) this.value(x === undefined ? null : x);
      this.end();
    } else if (v !== null && typeof v === "object" && !("toJSON" in v)) {
      this.begin("{");
      for (const [k, x] of Object.entries(v)) {
        if (x === undefined) continue;
        this.key(k);
        this.value(x);
      }
      this.end();
    } else {
      this.token(JSON.stringify(v) ?? "null");
    }
  }

  /** After an error: a key left without a value gets null, and every array or object deeper than `depth` is ended. */
  recover(depth: number): void {
    if (this.afterKey) this.token("null");
    while (this.open.length > depth) this.end();
  }
}

/** One file's JSON: its sheets, the sheets without a table, and the order letters. */
function writeFileJson(jw: JsonWriter, file: string, result: WorkbookResult, opts: CliOptions): void {
  const { lang, rules } = opts;
  jw.begin("{");
  jw.key("file");
  jw.value(file);
  jw.key("sheets");
  jw.begin("[");
  for (const s of result.sheets) {
    if (opts.optimiser) {
      const o = optimisationJson(optimiseEnvelope(s, rules, opts.optimiser.envelopeCents ?? undefined), s.sheet.name);
      jw.value({
        ...sheetJson(s, lang),
        optimiser: { ...o, lines: lazy(o.lines), lettersToProjects: lazy(o.lettersToProjects) },
      });
    } else {
      jw.value(sheetJson(s, lang));
    }
  }
  jw.end();
  jw.key("skippedSheets");
  jw.value(result.skipped);
  const p = procurementJson(procurementOf(result.sheets, opts.procurement), lang);
  jw.key("procurement");
  jw.value({ ...p, letters: lazy(p.letters), warnings: lazy(p.warnings) });
  jw.end();
}

/**
 * Checks workbooks already read and prints the report (text, or JSON with
 * `opts.json`); returns the exit code. Each file is analysed and printed on
 * its own: an unexpected error in one file is reported in one line (exit 2)
 * and the other files are still checked and printed. The totals across files
 * count the files checked whole.
 *
 * Text is printed a sheet at a time; JSON in pieces of about 1 MB separated
 * by newlines (one JSON object in all). A file whose check failed has an
 * `error` object (`{"code":"internal","message":…}`) in its entry of
 * `files`, after what was written of it.
 */
export function checkWorkbooks(
  workbooks: readonly WorkbookInput[],
  opts: CliOptions,
  io: CliIo,
  unreadable = false,
): number {
  const run = new ReportRun(opts, io);
  for (const wb of workbooks) run.file(wb);
  run.totals();
  if (unreadable || run.failed) return 2;
  return run.errors > 0 ? 1 : 0;
}

/** One report of `checkWorkbooks`: the rules first, then each file, then the totals across files. */
class ReportRun {
  failed = false;
  errors = 0;
  private readonly checked: WorkbookResult[] = [];
  private readonly jw: JsonWriter;
  /** Depth of the JSON writer inside the `files` array. */
  private readonly filesDepth: number;
  private readonly analyse: AnalyseOptions;

  constructor(
    private readonly opts: CliOptions,
    private readonly io: CliIo,
  ) {
    const { lang, rules } = opts;
    this.analyse = { rules, aliases: makeAliasTable(opts.aliases), columns: opts.columns };
    const jw = (this.jw = new JsonWriter(io.out));
    if (opts.json) {
      jw.begin("{");
      jw.key("rules");
      jw.value(rulesJson(rules));
      jw.key("files");
      jw.begin("[");
    } else {
      io.out(rulesText(rules, lang));
    }
    this.filesDepth = jw.depth;
  }

  /** One file: why it was not read, or its report (or why its check stopped). */
  file(wb: WorkbookInput): void {
    if (wb.unreadable) {
      this.unreadableFile(wb.file, wb.unreadable);
      return;
    }
    const { opts, io, jw } = this;
    let printed = false; // text: a sheet at a time, as rendered
    try {
      const result = analyseWorkbook(wb.grids, this.analyse);
      const fileErrors = errorCount(result);
      if (opts.json) {
        writeFileJson(jw, wb.file, result, opts);
      } else {
        printFileText(wb.file, result, opts, (s) => {
          printed = true;
          io.out(s);
        });
      }
      this.errors += fileErrors;
      this.checked.push(result);
    } catch (e) {
      this.fileFailed(wb.file, e, printed);
    }
  }

  /** In its place in the report: the file and why it was not read (stderr says it too). */
  private unreadableFile(file: string, unreadable: NonNullable<WorkbookInput["unreadable"]>): void {
    const { lang } = this.opts;
    if (this.opts.json) this.jw.value({ file, error: { code: "unreadable", ...unreadable } });
    else
      this.io.out(
        [
          "",
          `${word(REPORT.file, lang)}${colon(lang)} ${safeText(file)}`,
          `  ${word(REPORT.unreadable, lang)}${colon(lang)} ${unreadable.message}.`,
        ].join("\n"),
      );
  }

  /** A file whose check stopped on an unexpected error: said after what was printed of it. */
  private fileFailed(file: string, e: unknown, printed: boolean): void {
    const { lang } = this.opts;
    const jw = this.jw;
    this.failed = true;
    const m = oneLine(e);
    this.io.err(`plie-check: ${word(CLI.fileNotChecked, lang)(safeText(file), m)}`);
    if (this.opts.json) {
      if (jw.depth > this.filesDepth) {
        jw.recover(this.filesDepth + 1); // back in this file's object
      } else {
        jw.begin("{");
        jw.key("file");
        jw.value(file);
      }
      jw.key("error");
      jw.value({ code: "internal", message: m });
      jw.end();
    } else {
      this.io.out(
        (printed ? [""] : ["", `${word(REPORT.file, lang)}${colon(lang)} ${safeText(file)}`])
          .concat(`  ${word(CLI.checkStopped, lang)(m)}`)
          .join("\n"),
      );
    }
  }

  /** Totals across files: financer × year, and the multi-year synthesis; then the JSON document ends. */
  totals(): void {
    const { opts, io, jw } = this;
    const { lang } = opts;
    if (opts.json) jw.end();
    try {
      const allSheets: SheetResult[] = [];
      for (const r of this.checked) for (const s of r.sheets) allSheets.push(s);
      const cross = financerYearTable(allSheets);
      const synth = opts.synthese ? synthesis(allSheets, { overrides: opts.categories }) : null;
      if (opts.json) {
        for (const [k, v] of Object.entries(crossJson(cross))) {
          jw.key(k);
          jw.value(v);
        }
        if (synth) {
          jw.key("synthese");
          jw.value(synthesisJson(synth));
        }
      } else {
        const parts: string[] = [];
        if (cross.years.length) parts.push("", crossText(cross, lang));
        if (synth && synth.years.length) parts.push("", synthesisText(synth, lang));
        if (parts.length) io.out(parts.join("\n"));
      }
    } catch (e) {
      this.failed = true;
      const m = oneLine(e);
      io.err(`plie-check: ${word(CLI.crossFailed, lang)(m)}`);
      if (opts.json) {
        jw.recover(1);
        jw.key("error");
        jw.value({ code: "internal", message: m });
      } else {
        io.out(`\n${word(CLI.crossFailed, lang)(m)}`);
      }
    }
    if (opts.json) {
      jw.end();
      jw.flush();
    }
  }
}

/**
 * The last resort for an error no file's check contained (while reading the
 * files, before anything is printed): one line on stderr, never a stack
 * trace, and with --json an error object on stdout if nothing was printed there.
 */
export function internalFailure(argv: readonly string[], e: unknown, io: CliIo, printed: boolean): number {
  const { lang, json } = scanArgs(argv);
  const m = oneLine(e);
  io.err(`plie-check: ${word(CLI.internalError, lang)}${colon(lang)} ${m}`);
  if (json && !printed) io.out(jsonText({ error: { code: "internal", message: m } }));
  return 2;
}

/**
 * Writes text to a file descriptor and returns once the system has taken
 * all of it: a report piped into a slow reader waits for it instead of
 * piling up in memory (process.stdout queues what a pipe cannot take yet).
 * Returns false when the reader has gone (`plie-check … | head`).
 */
export function writeAllSync(fd: number, text: string): boolean {
  const buf = Buffer.from(text, "utf8");
  let off = 0;
  let pause: Int32Array | null = null;
  while (off < buf.length) {
    try {
      off += fs.writeSync(fd, buf, off, buf.length - off);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "EAGAIN") {
        pause ??= new Int32Array(new SharedArrayBuffer(4));
        Atomics.wait(pause, 0, 0, 2); // the pipe is full: let the reader catch up
        continue;
      }
      if (code === "EPIPE") return false;
      throw e;
    }
  }
  return true;
}

export function main(): void {
  const argv = process.argv.slice(2);
  let printed = false;
  let readerGone = false;
  const io: CliIo = {
    out: (s) => {
      printed = true;
      if (!readerGone && !writeAllSync(1, s + "\n")) readerGone = true;
    },
    err: (s) => void writeAllSync(2, s + "\n"),
  };
  runCli(argv, io).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.exitCode = internalFailure(argv, e, io, printed);
    },
  );
}

if (require.main === module) main();
