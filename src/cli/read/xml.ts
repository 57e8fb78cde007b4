/**
 * A streaming XML scanner for the parts of a workbook: text is fed in
 * chunks as it is inflated, elements and text are handed to a handler as
 * they close, and nothing but the current unfinished token is kept.
 *
 * It checks what a damaged part breaks: tags balanced and closed, one root
 * element, nothing after it, attributes quoted, no `<` in attribute values,
 * known entities only, and the document complete at its end (a part cut
 * short is refused). DTDs are refused (a workbook part never has one, and
 * entity expansion is a classic attack). Namespaces are not resolved: the
 * handlers match local names (`x:c` is `c`), which is what OOXML readers
 * do, and the ODS reader maps prefixes from the root's declarations.
 */
import { fail } from "./errors";

export interface XmlHandler {
  /** When false, text between tags is not sliced (the common case: markup only). */
  wantText: boolean;
  /**
   * A start tag: its qualified name, and its attributes as the raw text
   * `src.slice(from, to)` (read them with `attr(src, from, to, …)`).
   */
  open(name: string, src: string, from: number, to: number, selfClosing: boolean): void;
  /** Text inside the root: raw (call `decodeText`), or CDATA (already literal). */
  text(text: string, cdata: boolean): void;
  close(name: string): void;
}

/** The longest single token (tag, comment, CDATA) kept while waiting for its end. */
const MAX_TOKEN = 16 * 1024 * 1024;

export class XmlScanner {
  private carry = "";
  private readonly stack: string[] = [];
  private rootSeen = false;
  private rootClosed = false;

  constructor(
    private readonly handler: XmlHandler,
    private readonly part: string,
  ) {}

  /** Name of the root element, once seen. */
  root: string | null = null;

  write(chunk: string): void {
    const s = this.carry.length ? this.carry + chunk : chunk;
    const used = this.scan(s, false);
    this.carry = used === s.length ? "" : s.slice(used);
    if (this.carry.length > MAX_TOKEN) this.error(`a token longer than ${MAX_TOKEN} characters`);
  }

  /** The end of the part: everything must be closed. */
  end(): void {
    if (this.carry.length) this.scan(this.carry, true);
    this.carry = "";
    if (!this.rootSeen) this.error("no root element", true);
    if (this.stack.length) {
      fail("corrupt", this.part, `XML cut short: <${this.stack[this.stack.length - 1]}> not closed`, {
        kind: "xml_truncated",
      });
    }
  }

  private error(what: string, truncated = false): never {
    if (truncated) fail("corrupt", this.part, `XML cut short: ${what}`, { kind: "xml_truncated" });
    return fail("corrupt", this.part, `malformed XML: ${what}`, { kind: "xml_malformed", what });
  }

  /** Scans `s`; returns how much of it was consumed (the rest waits for more text). */
  private scan(s: string, final: boolean): number {
    const n = s.length;
    const h = this.handler;
    let i = 0;
    while (i < n) {
      if (s.charCodeAt(i) !== 60 /* < */) {
        let j = s.indexOf("<", i);
        if (j < 0) {
          if (!final) {
            // Keep an entity that may continue in the next chunk.
            const amp = s.lastIndexOf("&");
            const cut = amp >= i && s.indexOf(";", amp) < 0 && n - amp < 40 ? amp : n;
            if (cut > i) this.textAt(s, i, cut);
            return cut;
          }
          j = n;
        }
        this.textAt(s, i, j);
        i = j;
        continue;
      }
      if (i + 1 >= n) {
        if (final) this.error("the part ends inside a tag", true);
        return i;
      }
      const c = s.charCodeAt(i + 1);
      if (c === 47 /* / */) {
        const gt = s.indexOf(">", i + 2);
        if (gt < 0) {
          if (final) this.error("the part ends inside an end tag", true);
          return i;
        }
        let e = gt;
        while (e > i + 2 && isSpace(s.charCodeAt(e - 1))) e--;
        const open = this.stack.pop();
        if (open === undefined) this.error(`</${s.slice(i + 2, e)}> without a start tag`);
        if (e - i - 2 !== open.length || !s.startsWith(open, i + 2))
          this.error(`</${s.slice(i + 2, e)}> closes <${open}>`);
        h.close(open);
        if (this.stack.length === 0) this.rootClosed = true;
        i = gt + 1;
        continue;
      }
      if (c === 63 /* ? */) {
        const end = s.indexOf("?>", i + 2);
        if (end < 0) {
          if (final) this.error("the part ends inside a processing instruction", true);
          return i;
        }
        i = end + 2;
        continue;
      }
      if (c === 33 /* ! */) {
        if (s.startsWith("<!--", i)) {
          const end = s.indexOf("-->", i + 4);
          if (end < 0) {
            if (final) this.error("the part ends inside a comment", true);
            return i;
          }
          i = end + 3;
          continue;
        }
        if (s.startsWith("<![CDATA[", i)) {
          const end = s.indexOf("]]>", i + 9);
          if (end < 0) {
            if (final) this.error("the part ends inside CDATA", true);
            return i;
          }
          if (this.stack.length === 0) this.error("CDATA outside the root element");
          if (h.wantText) h.text(s.slice(i + 9, end), true);
          i = end + 3;
          continue;
        }
        if (n - i < 9 && !final) return i; // `<![CDATA[` or `<!--` may be cut
        if (s.startsWith("<!DOCTYPE", i)) this.error("a DTD (<!DOCTYPE>) is not allowed in a workbook part");
        this.error("unexpected <!");
      }
      // A start tag: the name, then attributes up to a `>` outside quotes.
      let k = i + 1;
      while (k < n && isNameChar(s.charCodeAt(k))) k++;
      if (k === i + 1) this.error(`'<' followed by '${s[i + 1]}'`);
      if (k >= n) {
        if (final) this.error("the part ends inside a tag", true);
        return i;
      }
      let quote = 0;
      let m = k;
      for (; m < n; m++) {
        const ch = s.charCodeAt(m);
        if (quote) {
          if (ch === quote) quote = 0;
          else if (ch === 60) this.error("'<' inside an attribute value");
        } else if (ch === 62 /* > */) break;
        else if (ch === 34 || ch === 39) quote = ch;
        else if (ch === 60) this.error("'<' inside a tag");
      }
      if (m >= n) {
        if (final) this.error("the part ends inside a tag", true);
        return i;
      }
      const selfClosing = s.charCodeAt(m - 1) === 47 && m - 1 >= k;
      const name = this.nameAt(s, i + 1, k);
      const first = name.charCodeAt(0);
      if ((first >= 48 && first <= 57) || first === 45 || first === 46) this.error(`bad element name ${name}`);
      const next = s.charCodeAt(k);
      if (k < m && !isSpace(next) && !(next === 47 && selfClosing && k === m - 1))
        this.error(`bad character after <${name}`);
      if (this.stack.length === 0) {
        if (this.rootClosed) this.error(`<${name}> after the end of the root element`);
        this.rootSeen = true;
        this.root = name;
      }
      if (selfClosing) {
        h.open(name, s, k, m - 1, true);
        if (this.stack.length === 0) this.rootClosed = true;
      } else {
        this.stack.push(name);
        h.open(name, s, k, m, false);
      }
      i = m + 1;
    }
    return n;
  }

  /** Element names seen, so that each tag does not allocate its name again. */
  private readonly names = new Map<number, string>();

  private nameAt(s: string, from: number, to: number): string {
    const len = to - from;
    const key =
      len * 0x1000000 + s.charCodeAt(from) * 0x10000 + s.charCodeAt(to - 1) * 0x100 + s.charCodeAt(from + (len >> 1));
    const known = this.names.get(key);
    if (known !== undefined && known.length === len && s.startsWith(known, from)) return known;
    const name = s.slice(from, to);
    if (this.names.size < 256) this.names.set(key, name);
    return name;
  }

  private textAt(s: string, from: number, to: number): void {
    if (this.stack.length === 0) {
      for (let k = from; k < to; k++) {
        if (!isSpace(s.charCodeAt(k)))
          this.error(this.rootClosed ? "text after the root element" : "text before the root element");
      }
      return;
    }
    if (this.handler.wantText) this.handler.text(s.slice(from, to), false);
  }
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

function isNameChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 58) /* digits and ':' */ ||
    c === 95 ||
    c === 45 ||
    c === 46 ||
    c >= 0x80
  );
}

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Text with its entity and character references replaced; throws on an unknown one. */
export function decodeText(raw: string, part: string): string {
  let amp = raw.indexOf("&");
  if (amp < 0) return raw;
  let out = "";
  let from = 0;
  while (amp >= 0) {
    const semi = raw.indexOf(";", amp + 1);
    if (semi < 0 || semi - amp > 12)
      fail("corrupt", part, "malformed XML: '&' outside an entity", {
        kind: "xml_malformed",
        what: "'&' outside an entity",
      });
    const ref = raw.slice(amp + 1, semi);
    let ch: string | undefined;
    if (ref.charCodeAt(0) === 35 /* # */) {
      const code = ref.charCodeAt(1) === 120 /* x */ ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      const digits = ref.charCodeAt(1) === 120 ? /^#x[0-9a-fA-F]+$/ : /^#[0-9]+$/;
      if (digits.test(ref) && code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff))
        ch = String.fromCodePoint(code);
    } else {
      ch = NAMED[ref];
    }
    if (ch === undefined)
      fail("corrupt", part, `malformed XML: unknown entity &${ref};`, {
        kind: "xml_malformed",
        what: `unknown entity &${ref};`,
      });
    out += raw.slice(from, amp) + ch;
    from = semi + 1;
    amp = raw.indexOf("&", from);
  }
  return out + raw.slice(from);
}

function malformed(part: string, what: string): never {
  return fail("corrupt", part, `malformed XML: ${what}`, { kind: "xml_malformed", what });
}

/** True when an attribute value has a reference or white space to normalise. */
function needsDecoding(raw: string): boolean {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 38 || c === 9 || c === 10 || c === 13) return true;
  }
  return false;
}

export function attrValue(raw: string, part: string): string {
  return needsDecoding(raw) ? decodeText(raw.replace(/[\t\n\r]/g, " "), part) : raw;
}

/**
 * Finds the next attribute of `src` from `i` (before `to`): sets ATTR to
 * its name's start and end and its value's start and end; false at the end.
 */
export const ATTR = { name: 0, nameEnd: 0, value: 0, valueEnd: 0, next: 0 };

export function nextAttr(src: string, i: number, to: number, part: string): boolean {
  while (i < to && isSpace(src.charCodeAt(i))) i++;
  if (i >= to) return false;
  const eq = src.indexOf("=", i);
  if (eq < 0 || eq >= to) malformed(part, "attribute without a value");
  let e = eq;
  while (e > i && isSpace(src.charCodeAt(e - 1))) e--;
  let q = eq + 1;
  while (q < to && isSpace(src.charCodeAt(q))) q++;
  const quote = src.charCodeAt(q);
  if (quote !== 34 && quote !== 39) malformed(part, "attribute value not quoted");
  const close = src.indexOf(quote === 34 ? '"' : "'", q + 1);
  if (close < 0 || close >= to) malformed(part, "attribute value not closed");
  ATTR.name = i;
  ATTR.nameEnd = e;
  ATTR.value = q + 1;
  ATTR.valueEnd = close;
  ATTR.next = close + 1;
  return true;
}

/** The value of an attribute (qualified name, as written) of a tag, decoded; null when absent. */
export function attr(src: string, from: number, to: number, name: string, part: string): string | null {
  let i = from;
  while (nextAttr(src, i, to, part)) {
    if (ATTR.nameEnd - ATTR.name === name.length && src.startsWith(name, ATTR.name))
      return attrValue(src.slice(ATTR.value, ATTR.valueEnd), part);
    i = ATTR.next;
  }
  return null;
}

/** Every attribute of a tag, by qualified name, decoded. */
export function attributes(src: string, from: number, to: number, part: string): Map<string, string> {
  const out = new Map<string, string>();
  let i = from;
  while (nextAttr(src, i, to, part)) {
    out.set(src.slice(ATTR.name, ATTR.nameEnd), attrValue(src.slice(ATTR.value, ATTR.valueEnd), part));
    i = ATTR.next;
  }
  return out;
}

/** The value of the first attribute whose local name is `local` and that has a prefix (`r:id`). */
export function prefixedAttr(src: string, from: number, to: number, local: string, part: string): string | null {
  for (const [name, value] of attributes(src, from, to, part)) {
    const k = name.indexOf(":");
    if (k > 0 && !name.startsWith("xmlns") && name.slice(k + 1) === local) return value;
  }
  return null;
}

const LOCAL = new Map<string, string>();

/** `x:c` → `c`. */
export function localName(name: string): string {
  const k = name.indexOf(":");
  if (k < 0) return name;
  let local = LOCAL.get(name);
  if (local === undefined) {
    local = name.slice(k + 1);
    if (LOCAL.size < 1024) LOCAL.set(name, local);
  }
  return local;
}
