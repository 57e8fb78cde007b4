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
