/**
 * Element i of an array whose bounds the caller has proved (a loop bound, a
 * parallel array of the same length): out of range is an internal error.
 */
export function at<T>(items: readonly T[], i: number): T {
  const v = items[i];
  if (v === undefined) throw new RangeError(`internal error: index ${i} out of range (length ${items.length})`);
  return v;
}
