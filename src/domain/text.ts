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
