import type { Lang } from "../report/format";
import { colon } from "../report/labels";
import { t, type UiKey } from "./strings";

/**
 * Excel's own errors in words, with what to do. Excel's API rejects with an
 * OfficeExtension.Error whose `code` is one of Excel.ErrorCodes (a string);
 * the pane maps the codes a user can act on, and says any other error with
 * its message.
 */
const BY_CODE: Record<string, UiKey> = {
  // A protected sheet, or a workbook opened read-only (told apart by the document's mode).
  AccessDenied: "errorProtected",
  InvalidOperationInCellEditMode: "errorCellEditing",
  ApiNotFound: "errorApiMissing",
  NotImplemented: "errorApiMissing",
  UnsupportedOperation: "errorApiMissing",
  ItemNotFound: "errorItemNotFound",
  ResponsePayloadSizeLimitExceeded: "errorTooLarge",
  RequestPayloadSizeLimitExceeded: "errorTooLarge",
};

/** The error's code, when it has one (an OfficeExtension.Error, or any object with a string `code`). */
export function errorCode(e: unknown): string | null {
  const code = typeof e === "object" && e !== null ? (e as { code?: unknown }).code : undefined;
  return typeof code === "string" && code !== "" ? code : null;
}

function messageOf(e: unknown): string {
  if (typeof e === "object" && e !== null && typeof (e as { message?: unknown }).message === "string")
    return (e as { message: string }).message;
  return String(e);
}

/**
 * What the pane says when work fails: Excel's error in words and what to do,
 * else "Échec : <message>". `readOnly` tells a read-only workbook from a
 * protected sheet when Excel refuses access.
 */
export function errorWords(e: unknown, lang: Lang, readOnly = false): string {
  const code = errorCode(e);
  const key = code === "AccessDenied" && readOnly ? "errorReadOnly" : code ? BY_CODE[code] : undefined;
  if (key) return t(key, lang);
  return `${t("failed", lang)}${colon(lang)} ${messageOf(e)}`;
}
