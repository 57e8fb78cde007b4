/**
 * Why a file cannot be read, in the user's words: what is wrong, which part
 * of the file, and what to do about it. French first, English second.
 */
import type { Lang } from "./format";

/** The reasons of the reader (src/cli/read), repeated here so that reports do not depend on the CLI. */
export type UnreadableReasonCode = "missing" | "not_a_file" | "encrypted" | "xls" | "xlsb" | "not_a_workbook" | "corrupt" | "too_large" | "too_many_cells";

/** The facts the reader gives with a reason (see src/cli/read/errors.ts); messages fall back to `detail` without them. */
interface Facts {
  kind: string;
  [key: string]: unknown;
}

export interface UnreadableInfo {
  reason: UnreadableReasonCode;
  part: string | null;
  detail: string;
  facts?: Facts | null;
}

const NNBSP = "\u202f";
const NBSP = "\u00a0";

function int(n: number, lang: Lang): string {
  const s = String(Math.round(n));
  let out = "";
  for (let i = 0; i < s.length; i++) {
    if (i > 0 && (s.length - i) % 3 === 0) out += lang === "fr" ? NNBSP : ",";
    out += s[i];
  }
  return out;
}

/** Megabytes, rounded up (a limit to pass back to --taille-max). */
function mo(bytes: number): number {
  return Math.ceil(bytes / (1024 * 1024));
}

/**
 * A name read from the file (sheet, part, cell) as the message prints it:
 * control characters escaped, invisible format characters (bidi overrides…)
 * removed, cut with "…" beyond 80 characters; it can never forge a line.
 */
function clean(text: string): string {
  const s = text
    .replace(/\p{Cf}/gu, "")
    .replace(/[\p{Cc}\u2028\u2029]|\p{Cs}/gu, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
  const chars = Array.from(s);
  return chars.length > 80 ? `${chars.slice(0, 79).join("")}…` : s;
}

function q(text: string, lang: Lang): string {
  return lang === "fr" ? `«${NBSP}${clean(text)}${NBSP}»` : `“${clean(text)}”`;
}

const ODS_PARTS = /^(content\.xml|styles\.xml|meta\.xml|settings\.xml|mimetype|META-INF\/)/i;

function kindOfWorkbook(part: string | null): string {
  return part && ODS_PARTS.test(part) ? ".ods" : ".xlsx";
}

function num(v: unknown): number {
  return typeof v === "number" ? v : NaN;
}

function str(v: unknown): string {
  return typeof v === "string" ? clean(v) : "";
}

/** What is damaged, for reason "corrupt". */
function damage(e: UnreadableInfo, lang: Lang): string {
  const f = e.facts;
  const part = clean(e.part ?? "");
  const en = lang === "en";
  switch (f?.kind) {
    case "xml_truncated":
      return en ? `the part ${part} is cut short (its XML does not end)` : `la partie ${part} est coupée avant sa fin (son XML n'est pas terminé)`;
    case "xml_malformed":
      return en ? `the part ${part} is not well-formed XML (${str(f.what)})` : `la partie ${part} n'est pas du XML valide (${str(f.what)})`;
    case "xml_unexpected":
      return en ? `the part ${part} does not hold what it should (<${str(f.root)}>)` : `la partie ${part} ne contient pas ce qu'elle devrait (<${str(f.root)}>)`;
    case "part_missing":
      return en ? `the part ${part}, which the workbook refers to, is missing` : `la partie ${part}, à laquelle le classeur renvoie, est absente`;
    case "shared_string":
      return en
        ? `cell ${str(f.cell)} of sheet ${q(str(f.sheet), lang)} refers to shared text no. ${Number.isNaN(num(f.index)) ? "?" : int(num(f.index), lang)}, but the workbook has ${int(num(f.count), lang)} (part ${part})`
        : `la cellule ${str(f.cell)} de la feuille ${q(str(f.sheet), lang)} renvoie au texte partagé n°${NBSP}${Number.isNaN(num(f.index)) ? "?" : int(num(f.index), lang)}, alors que le classeur n'en a que ${int(num(f.count), lang)} (partie ${part})`;
    case "bad_address":
      return en
        ? `sheet ${q(str(f.sheet), lang)} has an invalid cell address (${str(f.address)}) in part ${part}`
        : `la feuille ${q(str(f.sheet), lang)} a une adresse de cellule invalide (${str(f.address)}) dans la partie ${part}`;
    case "sheet_relation":
      return en
        ? `sheet ${q(str(f.sheet), lang)} is listed in ${part} but its content cannot be found`
        : `la feuille ${q(str(f.sheet), lang)} est listée dans ${part} mais son contenu est introuvable`;
    case "zip_directory":
      return en
        ? `its zip directory cannot be read${e.part ? ` (part ${part})` : ""}: the file is incomplete (a copy or a download cut short?)`
        : `son répertoire zip est illisible${e.part ? ` (partie ${part})` : ""}${NBSP}: le fichier est incomplet (copie ou téléchargement interrompu${NBSP}?)`;
    case "zip_duplicate":
      return en ? `two parts are named ${part}` : `deux parties s'appellent ${part}`;
    case "crc":
      return en ? `the part ${part} does not match its checksum (CRC)` : `la partie ${part} ne correspond pas à sa somme de contrôle (CRC)`;
    case "inflate":
      return en ? `the part ${part} cannot be decompressed` : `la partie ${part} ne peut pas être décompressée`;
    case "size_mismatch":
      return en
        ? `the part ${part} does not have the size the zip directory declares (${int(num(f.declared), lang)} bytes)`
        : `la partie ${part} n'a pas la taille que déclare le répertoire zip (${int(num(f.declared), lang)} octets)`;
    case "compression":
      return en ? `the part ${part} uses a compression method that is not supported (${num(f.method)})` : `la partie ${part} utilise une méthode de compression non prise en charge (${num(f.method)})`;
    case "encoding":
      return en ? `the text of the part ${part} is not valid ${str(f.encoding)}` : `le texte de la partie ${part} n'est pas du ${str(f.encoding)} valide`;
    default:
      return e.part ? (en ? `part ${part}: ${clean(e.detail)}` : `partie ${part}${NBSP}: ${clean(e.detail)}`) : clean(e.detail);
  }
}

/**
 * The message for a file that cannot be read (no final period; the caller
 * prints it after the file name).
 */
export function unreadableMessage(e: UnreadableInfo, lang: Lang): string {
  const text = message(e, lang);
  // French typography: a no-break space before the double punctuation.
  return lang === "fr" ? text.replace(/ ([:;?!])/g, `${NBSP}$1`) : text;
}

function message(e: UnreadableInfo, lang: Lang): string {
  const en = lang === "en";
  const f = e.facts ?? null;
  const part = clean(e.part ?? "");
  switch (e.reason) {
    case "missing":
      return en ? "file not found or not accessible: check the path and the read permission" : "fichier introuvable ou inaccessible : vérifiez le chemin et le droit de lecture";
    case "not_a_file": {
      const type = str(f?.type);
      const what = en
        ? { directory: "a folder", fifo: "a named pipe", device: "a device", socket: "a socket" }[type] ?? "not a regular file"
        : { directory: "un dossier", fifo: "un tube nommé", device: "un périphérique", socket: "une socket" }[type] ?? "pas un fichier ordinaire";
      return en
        ? `this is ${what}, not a file: give the path of an .xlsx, .xlsm or .ods workbook`
        : `c'est ${what}, pas un fichier${NBSP}: indiquez le chemin d'un classeur .xlsx, .xlsm ou .ods`;
    }
    case "encrypted":
      return en
        ? `password-protected file${part ? ` (encrypted ${part})` : ""}: open it in Excel (or LibreOffice), remove the password (File > Info > Protect Workbook > Encrypt with Password) and save it as .xlsx`
        : `fichier protégé par mot de passe${part ? ` (${part} chiffré)` : ""} : ouvrez-le dans Excel (ou LibreOffice), retirez le mot de passe (Fichier > Informations > Protéger le classeur > Chiffrer avec mot de passe) et enregistrez-le au format .xlsx`;
    case "xls":
      if (e.part === null) {
        // An OLE file whose streams could not be listed: one or the other.
        return en
          ? "password-protected file or .xls format: save it without a password as .xlsx (File > Save As > Excel Workbook)"
          : "fichier protégé par mot de passe ou au format .xls : enregistrez-le sans mot de passe au format .xlsx (Fichier > Enregistrer sous > Classeur Excel)";
      }
      return en
        ? `Excel 97-2003 workbook (.xls, stream ${part}), a format plie-check does not read: open it in Excel or LibreOffice and save it as .xlsx (File > Save As > Excel Workbook)`
        : `classeur au format .xls (Excel 97-2003), que plie-check ne lit pas : ouvrez-le dans Excel ou LibreOffice et enregistrez-le au format .xlsx (Fichier > Enregistrer sous > Classeur Excel) [flux ${part}]`;
    case "xlsb":
      return en
        ? `binary Excel workbook (.xlsb${part ? `, part ${part}` : ""}), a format plie-check does not read: open it in Excel and save it as .xlsx`
        : `classeur Excel binaire (.xlsb${part ? `, partie ${part}` : ""}), que plie-check ne lit pas : ouvrez-le dans Excel et enregistrez-le au format .xlsx`;
    case "not_a_workbook": {
      const type = str(f?.type);
      const what = en
        ? { empty: "the file is empty", text: "it is a text file (CSV?)", zip: "it is a zip archive without a workbook", word: "it is a text document", powerpoint: "it is a presentation", ole: "it is an Office file without a workbook", pdf: "it is a PDF" }[type]
        : { empty: "le fichier est vide", text: "c'est un fichier texte (CSV ?)", zip: "c'est une archive zip sans classeur", word: "c'est un document texte", powerpoint: "c'est une présentation", ole: "c'est un fichier Office sans classeur", pdf: "c'est un PDF" }[type];
      return en
        ? `not an .xlsx, .xlsm or .ods workbook${what ? ` (${what})` : ""}: open the programming in Excel or LibreOffice and save it as .xlsx`
        : `ce n'est pas un classeur .xlsx, .xlsm ou .ods${what ? ` (${what})` : ""}${NBSP}: ouvrez la programmation dans Excel ou LibreOffice et enregistrez-la au format .xlsx`;
    }
    case "corrupt": {
      const kind = kindOfWorkbook(e.part);
      return en
        ? `damaged ${kind} workbook: ${damage(e, lang)}; nothing of it was checked. Open it in ${kind === ".ods" ? "LibreOffice" : "Excel"} (which offers to repair it) and save it again, or take an intact copy`
        : `classeur ${kind} endommagé : ${damage(e, lang)}${NBSP}; rien n'en a été vérifié. Ouvrez-le dans ${kind === ".ods" ? "LibreOffice" : "Excel"} (qui propose de le réparer) et enregistrez-le à nouveau, ou reprenez une copie intacte`;
    }
    case "too_large": {
      if (f?.kind === "total_size") {
        const limit = num(f.limit);
        return en
          ? `the parts of this workbook add up to more than ${int(mo(limit), lang)} MB once decompressed (part ${part} reached it), above the limit of plie-check (four times --taille-max): if the workbook is genuine, run again with --taille-max ${int(mo(limit / 2), lang)}`
          : `les parties de ce classeur dépassent ${int(mo(limit), lang)}${NBSP}Mo une fois décompressées (atteint à la partie ${part}), au-delà de la limite de plie-check (quatre fois --taille-max)${NBSP}: si le classeur est authentique, relancez avec --taille-max ${mo(limit / 2)}`;
      }
      const limit = num(f?.limit);
      const size = f?.size;
      const limitMo = Number.isNaN(limit) ? "?" : int(mo(limit), lang);
      if (typeof size === "number") {
        const suggest = mo(size) + 1;
        return en
          ? `the part ${part} takes ${int(mo(size), lang)} MB once decompressed, above the limit of ${limitMo} MB: if the workbook is genuine, run again with --taille-max ${suggest}`
          : `la partie ${part} fait ${int(mo(size), lang)}${NBSP}Mo une fois décompressée, au-delà de la limite de ${limitMo}${NBSP}Mo${NBSP}: si le classeur est authentique, relancez avec --taille-max ${suggest}`;
      }
      return en
        ? `the part ${part} takes more than ${limitMo} MB once decompressed (more than its zip directory declared), above the limit: if the workbook is genuine, run again with a larger --taille-max (in MB)`
        : `la partie ${part} dépasse ${limitMo}${NBSP}Mo une fois décompressée (plus que ne l'annonce son répertoire zip), au-delà de la limite${NBSP}: si le classeur est authentique, relancez avec une --taille-max plus grande (en Mo)`;
    }
    case "too_many_cells": {
      const limit = num(f?.limit);
      if (f?.kind === "text") {
        return en
          ? `the workbook holds more than ${int(limit, lang)} characters of text${f.sheet ? ` (reached in sheet ${q(str(f.sheet), lang)}, part ${part})` : ` (reached in part ${part})`}, above the budget of plie-check: remove what is not the programming (notes, pasted texts) or copy the table alone into a new workbook; the budget grows with --taille-max`
          : `le classeur contient plus de ${int(limit, lang)} caractères de texte${f.sheet ? ` (atteint dans la feuille ${q(str(f.sheet), lang)}, partie ${part})` : ` (atteint dans la partie ${part})`}, au-delà du budget de plie-check${NBSP}: retirez ce qui n'est pas la programmation (notes, textes collés) ou copiez le tableau seul dans un nouveau classeur${NBSP}; le budget augmente avec --taille-max`;
      }
      const sheet = `${q(str(f?.sheet), lang)}${part ? ` (${en ? "part" : "partie"} ${part})` : ""}`;
      return en
        ? `sheet ${sheet} spans more than ${int(limit, lang)} cells (rows × columns up to its last filled cell), above the budget of plie-check: if it is a real sheet, delete the empty or stray rows and columns beyond the table (Ctrl+End shows the last cell) or copy the table alone into a new workbook; the budget grows with --taille-max`
        : `la feuille ${sheet} s'étend sur plus de ${int(limit, lang)} cellules (lignes × colonnes jusqu'à sa dernière cellule remplie), au-delà du budget de plie-check${NBSP}: si c'est une vraie feuille, supprimez les lignes et colonnes vides ou parasites au-delà du tableau (Ctrl+Fin montre la dernière cellule) ou copiez le tableau seul dans un nouveau classeur${NBSP}; le budget augmente avec --taille-max`;
    }
  }
  return clean(e.detail);
}
