import { groupDigits } from "../format";
import { word, type Entry, type Lang } from "./lookup";
import { TYPOGRAPHY } from "./typography";

const NBSP = "\u00a0";

/**
 * What a message about a file that cannot be read is written from
 * (src/report/unreadable.ts): texts read from the file already cleaned (one
 * line, cut), figures as the reader gave them (NaN when absent).
 */
export interface UnreadableView {
  /** The part of the file at fault ("" when none). */
  part: string;
  /** Whether the reader named a part. */
  hasPart: boolean;
  /** The reader's own words (English), for a case without a message of its own. */
  detail: string;
  /** ".xlsx" or ".ods". */
  workbook: string;
  what: string;
  root: string;
  sheet: string;
  /** Whether the reader named a sheet. */
  hasSheet: boolean;
  cell: string;
  address: string;
  encoding: string;
  index: number;
  count: number;
  declared: number;
  method: number;
  /** The size limit, in bytes. */
  limit: number;
  /** A part's size in bytes, as the zip directory gives it. */
  size: number;
}

/** A whole number with its groups of thousands. */
const int = (n: number, lang: Lang): string => groupDigits(String(Math.round(n)), lang);
/** Megabytes, rounded up (a limit to pass back to --taille-max). */
const mo = (bytes: number): number => Math.ceil(bytes / (1024 * 1024));
const q = (text: string, lang: Lang): string => word(TYPOGRAPHY.quote, lang)(text);
const app = (x: UnreadableView): string => (x.workbook === ".ods" ? "LibreOffice" : "Excel");
const maxMo = (x: UnreadableView, lang: Lang): string => (Number.isNaN(x.limit) ? "?" : int(mo(x.limit), lang));

/** What is damaged in a workbook (reason "corrupt"), by the kind of facts the reader gave. */
export const DAMAGE = {
  xml_truncated: {
    fr: (x: UnreadableView) => `la partie ${x.part} est coupée avant sa fin (son XML n'est pas terminé)`,
    en: (x: UnreadableView) => `the part ${x.part} is cut short (its XML does not end)`,
  },
  xml_malformed: {
    fr: (x: UnreadableView) => `la partie ${x.part} n'est pas du XML valide (${x.what})`,
    en: (x: UnreadableView) => `the part ${x.part} is not well-formed XML (${x.what})`,
  },
  xml_unexpected: {
    fr: (x: UnreadableView) => `la partie ${x.part} ne contient pas ce qu'elle devrait (<${x.root}>)`,
    en: (x: UnreadableView) => `the part ${x.part} does not hold what it should (<${x.root}>)`,
  },
  part_missing: {
    fr: (x: UnreadableView) => `la partie ${x.part}, à laquelle le classeur renvoie, est absente`,
    en: (x: UnreadableView) => `the part ${x.part}, which the workbook refers to, is missing`,
  },
  shared_string: {
    fr: (x: UnreadableView) =>
      `la cellule ${x.cell} de la feuille ${q(x.sheet, "fr")} renvoie au texte partagé n°${NBSP}${Number.isNaN(x.index) ? "?" : int(x.index, "fr")}, alors que le classeur n'en a que ${int(x.count, "fr")} (partie ${x.part})`,
    en: (x: UnreadableView) =>
      `cell ${x.cell} of sheet ${q(x.sheet, "en")} refers to shared text no. ${Number.isNaN(x.index) ? "?" : int(x.index, "en")}, but the workbook has ${int(x.count, "en")} (part ${x.part})`,
  },
  bad_address: {
    fr: (x: UnreadableView) =>
      `la feuille ${q(x.sheet, "fr")} a une adresse de cellule invalide (${x.address}) dans la partie ${x.part}`,
    en: (x: UnreadableView) => `sheet ${q(x.sheet, "en")} has an invalid cell address (${x.address}) in part ${x.part}`,
  },
  sheet_relation: {
    fr: (x: UnreadableView) =>
      `la feuille ${q(x.sheet, "fr")} est listée dans ${x.part} mais son contenu est introuvable`,
    en: (x: UnreadableView) => `sheet ${q(x.sheet, "en")} is listed in ${x.part} but its content cannot be found`,
  },
  zip_directory: {
    fr: (x: UnreadableView) =>
      `son répertoire zip est illisible${x.hasPart ? ` (partie ${x.part})` : ""}${NBSP}: le fichier est incomplet (copie ou téléchargement interrompu${NBSP}?)`,
    en: (x: UnreadableView) =>
      `its zip directory cannot be read${x.hasPart ? ` (part ${x.part})` : ""}: the file is incomplete (a copy or a download cut short?)`,
  },
  zip_duplicate: {
    fr: (x: UnreadableView) => `deux parties s'appellent ${x.part}`,
    en: (x: UnreadableView) => `two parts are named ${x.part}`,
  },
  crc: {
    fr: (x: UnreadableView) => `la partie ${x.part} ne correspond pas à sa somme de contrôle (CRC)`,
    en: (x: UnreadableView) => `the part ${x.part} does not match its checksum (CRC)`,
  },
  inflate: {
    fr: (x: UnreadableView) => `la partie ${x.part} ne peut pas être décompressée`,
    en: (x: UnreadableView) => `the part ${x.part} cannot be decompressed`,
  },
  size_mismatch: {
    fr: (x: UnreadableView) =>
      `la partie ${x.part} n'a pas la taille que déclare le répertoire zip (${int(x.declared, "fr")} octets)`,
    en: (x: UnreadableView) =>
      `the part ${x.part} does not have the size the zip directory declares (${int(x.declared, "en")} bytes)`,
  },
  compression: {
    fr: (x: UnreadableView) =>
      `la partie ${x.part} utilise une méthode de compression non prise en charge (${x.method})`,
    en: (x: UnreadableView) => `the part ${x.part} uses a compression method that is not supported (${x.method})`,
  },
  encoding: {
    fr: (x: UnreadableView) => `le texte de la partie ${x.part} n'est pas du ${x.encoding} valide`,
    en: (x: UnreadableView) => `the text of the part ${x.part} is not valid ${x.encoding}`,
  },
  /** Any other damage: the reader's own words, after the part when there is one. */
  other: {
    fr: (x: UnreadableView) => (x.hasPart ? `partie ${x.part}${NBSP}: ${x.detail}` : x.detail),
    en: (x: UnreadableView) => (x.hasPart ? `part ${x.part}: ${x.detail}` : x.detail),
  },
} satisfies Record<string, Entry<(x: UnreadableView) => string>>;

/** What a path is when it is not a regular file (reason "not_a_file"). */
export const FILE_TYPE = {
  directory: { fr: "un dossier", en: "a folder" },
  fifo: { fr: "un tube nommé", en: "a named pipe" },
  device: { fr: "un périphérique", en: "a device" },
  socket: { fr: "une socket", en: "a socket" },
  other: { fr: "pas un fichier ordinaire", en: "not a regular file" },
} satisfies Record<string, Entry>;

/** What a file is when it is not a workbook (reason "not_a_workbook"). */
export const CONTENT_TYPE = {
  empty: { fr: "le fichier est vide", en: "the file is empty" },
  text: { fr: "c'est un fichier texte (CSV ?)", en: "it is a text file (CSV?)" },
  zip: { fr: "c'est une archive zip sans classeur", en: "it is a zip archive without a workbook" },
  word: { fr: "c'est un document texte", en: "it is a text document" },
  powerpoint: { fr: "c'est une présentation", en: "it is a presentation" },
  ole: { fr: "c'est un fichier Office sans classeur", en: "it is an Office file without a workbook" },
  pdf: { fr: "c'est un PDF", en: "it is a PDF" },
} satisfies Record<string, Entry>;

/**
 * Why a file cannot be read, and what to do about it (no final period: the
 * caller prints the message after the file name). `what` is the FILE_TYPE or
 * CONTENT_TYPE in words, `damage` the DAMAGE in words.
 */
export const UNREADABLE = {
  missing: {
    fr: "fichier introuvable ou inaccessible : vérifiez le chemin et le droit de lecture",
    en: "file not found or not accessible: check the path and the read permission",
  },
  not_a_file: {
    fr: (x: UnreadableView, what: string) =>
      `c'est ${what}, pas un fichier${NBSP}: indiquez le chemin d'un classeur .xlsx, .xlsm ou .ods`,
    en: (x: UnreadableView, what: string) =>
      `this is ${what}, not a file: give the path of an .xlsx, .xlsm or .ods workbook`,
  },
  encrypted: {
    fr: (x: UnreadableView) =>
      `fichier protégé par mot de passe${x.part ? ` (${x.part} chiffré)` : ""} : ouvrez-le dans Excel (ou LibreOffice), retirez le mot de passe (Fichier > Informations > Protéger le classeur > Chiffrer avec mot de passe) et enregistrez-le au format .xlsx`,
    en: (x: UnreadableView) =>
      `password-protected file${x.part ? ` (encrypted ${x.part})` : ""}: open it in Excel (or LibreOffice), remove the password (File > Info > Protect Workbook > Encrypt with Password) and save it as .xlsx`,
  },
  /** An OLE file whose streams could not be listed: an .xls or a password-protected workbook. */
  xlsOrEncrypted: {
    fr: "fichier protégé par mot de passe ou au format .xls : enregistrez-le sans mot de passe au format .xlsx (Fichier > Enregistrer sous > Classeur Excel)",
    en: "password-protected file or .xls format: save it without a password as .xlsx (File > Save As > Excel Workbook)",
  },
  xls: {
    fr: (x: UnreadableView) =>
      `classeur au format .xls (Excel 97-2003), que plie-check ne lit pas : ouvrez-le dans Excel ou LibreOffice et enregistrez-le au format .xlsx (Fichier > Enregistrer sous > Classeur Excel) [flux ${x.part}]`,
    en: (x: UnreadableView) =>
      `Excel 97-2003 workbook (.xls, stream ${x.part}), a format plie-check does not read: open it in Excel or LibreOffice and save it as .xlsx (File > Save As > Excel Workbook)`,
  },
  xlsb: {
    fr: (x: UnreadableView) =>
      `classeur Excel binaire (.xlsb${x.part ? `, partie ${x.part}` : ""}), que plie-check ne lit pas : ouvrez-le dans Excel et enregistrez-le au format .xlsx`,
    en: (x: UnreadableView) =>
      `binary Excel workbook (.xlsb${x.part ? `, part ${x.part}` : ""}), a format plie-check does not read: open it in Excel and save it as .xlsx`,
  },
  not_a_workbook: {
    fr: (x: UnreadableView, what: string) =>
      `ce n'est pas un classeur .xlsx, .xlsm ou .ods${what ? ` (${what})` : ""}${NBSP}: ouvrez la programmation dans Excel ou LibreOffice et enregistrez-la au format .xlsx`,
    en: (x: UnreadableView, what: string) =>
      `not an .xlsx, .xlsm or .ods workbook${what ? ` (${what})` : ""}: open the programming in Excel or LibreOffice and save it as .xlsx`,
  },
  corrupt: {
    fr: (x: UnreadableView, damage: string) =>
      `classeur ${x.workbook} endommagé : ${damage}${NBSP}; rien n'en a été vérifié. Ouvrez-le dans ${app(x)} (qui propose de le réparer) et enregistrez-le à nouveau, ou reprenez une copie intacte`,
    en: (x: UnreadableView, damage: string) =>
      `damaged ${x.workbook} workbook: ${damage}; nothing of it was checked. Open it in ${app(x)} (which offers to repair it) and save it again, or take an intact copy`,
  },
  /** The parts read add up to more than four times the part limit. */
  totalSize: {
    fr: (x: UnreadableView) =>
      `les parties de ce classeur dépassent ${int(mo(x.limit), "fr")}${NBSP}Mo une fois décompressées (atteint à la partie ${x.part}), au-delà de la limite de plie-check (quatre fois --taille-max)${NBSP}: si le classeur est authentique, relancez avec --taille-max ${mo(x.limit / 2)}`,
    en: (x: UnreadableView) =>
      `the parts of this workbook add up to more than ${int(mo(x.limit), "en")} MB once decompressed (part ${x.part} reached it), above the limit of plie-check (four times --taille-max): if the workbook is genuine, run again with --taille-max ${int(mo(x.limit / 2), "en")}`,
  },
  /** A part whose size the zip directory gives. */
  partSize: {
    fr: (x: UnreadableView) =>
      `la partie ${x.part} fait ${int(mo(x.size), "fr")}${NBSP}Mo une fois décompressée, au-delà de la limite de ${maxMo(x, "fr")}${NBSP}Mo${NBSP}: si le classeur est authentique, relancez avec --taille-max ${mo(x.size) + 1}`,
    en: (x: UnreadableView) =>
      `the part ${x.part} takes ${int(mo(x.size), "en")} MB once decompressed, above the limit of ${maxMo(x, "en")} MB: if the workbook is genuine, run again with --taille-max ${mo(x.size) + 1}`,
  },
  /** A part found too large while it was decompressed. */
  partSizeFound: {
    fr: (x: UnreadableView) =>
      `la partie ${x.part} dépasse ${maxMo(x, "fr")}${NBSP}Mo une fois décompressée (plus que ne l'annonce son répertoire zip), au-delà de la limite${NBSP}: si le classeur est authentique, relancez avec une --taille-max plus grande (en Mo)`,
    en: (x: UnreadableView) =>
      `the part ${x.part} takes more than ${maxMo(x, "en")} MB once decompressed (more than its zip directory declared), above the limit: if the workbook is genuine, run again with a larger --taille-max (in MB)`,
  },
  /** The file's text is above the budget of characters. */
  tooMuchText: {
    fr: (x: UnreadableView) =>
      `le classeur contient plus de ${int(x.limit, "fr")} caractères de texte${x.hasSheet ? ` (atteint dans la feuille ${q(x.sheet, "fr")}, partie ${x.part})` : ` (atteint dans la partie ${x.part})`}, au-delà du budget de plie-check${NBSP}: retirez ce qui n'est pas la programmation (notes, textes collés) ou copiez le tableau seul dans un nouveau classeur${NBSP}; le budget augmente avec --taille-max`,
    en: (x: UnreadableView) =>
      `the workbook holds more than ${int(x.limit, "en")} characters of text${x.hasSheet ? ` (reached in sheet ${q(x.sheet, "en")}, part ${x.part})` : ` (reached in part ${x.part})`}, above the budget of plie-check: remove what is not the programming (notes, pasted texts) or copy the table alone into a new workbook; the budget grows with --taille-max`,
  },
  /** A sheet's grid is above the budget of cells. */
  tooManyCells: {
    fr: (x: UnreadableView) =>
      `la feuille ${q(x.sheet, "fr")}${x.part ? ` (partie ${x.part})` : ""} s'étend sur plus de ${int(x.limit, "fr")} cellules (lignes × colonnes jusqu'à sa dernière cellule remplie), au-delà du budget de plie-check${NBSP}: si c'est une vraie feuille, supprimez les lignes et colonnes vides ou parasites au-delà du tableau (Ctrl+Fin montre la dernière cellule) ou copiez le tableau seul dans un nouveau classeur${NBSP}; le budget augmente avec --taille-max`,
    en: (x: UnreadableView) =>
      `sheet ${q(x.sheet, "en")}${x.part ? ` (part ${x.part})` : ""} spans more than ${int(x.limit, "en")} cells (rows × columns up to its last filled cell), above the budget of plie-check: if it is a real sheet, delete the empty or stray rows and columns beyond the table (Ctrl+End shows the last cell) or copy the table alone into a new workbook; the budget grows with --taille-max`,
  },
} satisfies Record<string, Entry<string | ((x: UnreadableView, words: string) => string)>>;
