/**
 * Text normalisation for matching sheet labels: lower case, no accents,
 * every dash as `-`, apostrophes as `'`, runs of spaces as one space.
 */
export function normalizeLabel(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/[\s\u00a0\u202f\u2009\u2007]+/g, " ")
    .trim();
}

/** True when `fragment` stands in the normalised `text` as whole words (no letter or digit just before or after it). */
export function containsWord(text: string, fragment: string): boolean {
  if (fragment === "") return false;
  let from = 0;
  for (;;) {
    const i = text.indexOf(fragment, from);
    if (i < 0) return false;
    const before = text.charAt(i - 1) || " ";
    const after = text.charAt(i + fragment.length) || " ";
    if (!/[a-z0-9]/.test(before) && !/[a-z0-9]/.test(after)) return true;
    from = i + 1;
  }
}
