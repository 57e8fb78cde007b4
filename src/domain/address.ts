const LETTERS: string[] = [];

/** Column letters of a 0-based column index: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(col: number): string {
  const cached = LETTERS[col];
  if (cached !== undefined) return cached;
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  if (col < 1024) LETTERS[col] = s;
  return s;
}

/** A1 address of a 1-based sheet row and a 0-based sheet column. */
export function a1(row: number, col: number): string {
  return columnLetters(col) + row;
}

/** Parses `B3` or `$B$3` into a 1-based row and 0-based column. */
export function parseA1(address: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address.trim());
  if (!m) return null;
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), col: col - 1 };
}
