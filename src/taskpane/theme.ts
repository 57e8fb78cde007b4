/**
 * The pane's theme: light or dark Fluent 2 tokens (taskpane.html), chosen
 * from Office's theme where the host gives one (Office.context.officeTheme:
 * isDarkTheme, else the lightness of its body background), else from the
 * system (prefers-color-scheme). Office's own body and control colours are
 * taken too, each pair only when the pane's words, links and severities
 * stay readable on it (WCAG AA contrast); Windows high contrast (forced
 * colours) is left to the browser and the page's system colours.
 */
export interface OfficeThemeColors {
  bodyBackgroundColor?: string;
  bodyForegroundColor?: string;
  controlBackgroundColor?: string;
  controlForegroundColor?: string;
  isDarkTheme?: boolean;
}

export interface PaneTheme {
  mode: "light" | "dark";
  source: "office" | "system";
  /** CSS custom properties to set on the root (Office's colours kept). */
  properties: Record<string, string>;
}

/** `#rgb` or `#rrggbb` → [r, g, b] in 0–255, or null. */
export function parseHex(color: string | undefined): [number, number, number] | null {
  const digits = color ? /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim())?.[1] : undefined;
  if (digits === undefined) return null;
  const h = digits.length === 3 ? digits.replace(/./g, (c) => c + c) : digits;
  const channel = (i: number) => parseInt(h.slice(i, i + 2), 16);
  return [channel(0), channel(2), channel(4)];
}

/** WCAG relative luminance. */
function luminance([r, g, b]: [number, number, number]): number {
  const lin = (v: number) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG contrast ratio of two colours (1 to 21), or 0 when one does not read. */
export function contrast(a: string | undefined, b: string | undefined): number {
  const x = parseHex(a);
  const y = parseHex(b);
  if (!x || !y) return 0;
  const lx = luminance(x);
  const ly = luminance(y);
  return (Math.max(lx, ly) + 0.05) / (Math.min(lx, ly) + 0.05);
}

/** The token colours shown on the page's background, per mode (taskpane.html): they must stay readable on Office's. */
const ON_PAGE: Record<PaneTheme["mode"], string[]> = {
  // fg2, fg3, brand link, danger, warning, success, info (light tokens)
  light: ["#424242", "#616161", "#115ea3", "#b10e1c", "#8a3707", "#0e700e", "#0f548c"],
  dark: ["#d6d6d6", "#adadad", "#479ef5", "#f1707b", "#faa06b", "#54b054", "#479ef5"],
};
/** AA for normal text. */
const AA = 4.5;

export function paneTheme(office: OfficeThemeColors | undefined | null, prefersDark: boolean): PaneTheme {
  const bg = office ? parseHex(office.bodyBackgroundColor) : null;
  if (!office || (typeof office.isDarkTheme !== "boolean" && !bg))
    return { mode: prefersDark ? "dark" : "light", source: "system", properties: {} };
  const mode =
    typeof office.isDarkTheme === "boolean"
      ? office.isDarkTheme
        ? "dark"
        : "light"
      : luminance(bg!) < 0.2
        ? "dark"
        : "light";
  const properties: Record<string, string> = {};
  const body = office.bodyBackgroundColor;
  const readable = (back: string | undefined, fore: string | undefined) =>
    contrast(back, fore) >= AA &&
    ON_PAGE[mode].every((c) => contrast(back, c) >= AA) &&
    luminance(parseHex(back)!) < 0.2 === (mode === "dark");
  if (readable(body, office.bodyForegroundColor)) {
    properties["--office-bg"] = body!;
    properties["--office-fg"] = office.bodyForegroundColor!;
  }
  if (
    contrast(office.controlBackgroundColor, office.controlForegroundColor) >= AA &&
    readable(office.controlBackgroundColor, office.controlForegroundColor)
  ) {
    properties["--office-control-bg"] = office.controlBackgroundColor!;
    properties["--office-control-fg"] = office.controlForegroundColor!;
  }
  return { mode, source: "office", properties };
}

const OFFICE_PROPERTIES = ["--office-bg", "--office-fg", "--office-control-bg", "--office-control-fg"];

/** Sets the theme on the page's root element (`data-theme`, Office's colours). */
export function applyTheme(root: HTMLElement, theme: PaneTheme): void {
  root.dataset.theme = theme.mode;
  root.dataset.themeSource = theme.source;
  for (const p of OFFICE_PROPERTIES) {
    if (theme.properties[p]) root.style.setProperty(p, theme.properties[p]);
    else root.style.removeProperty(p);
  }
}
