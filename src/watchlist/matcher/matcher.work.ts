// A running count of the matcher's elementary steps (characters hashed, cells of edit-distance
// tables, postings walked, token pairs scored). Tests read it to show that one entry or one query
// costs a bounded amount of work whatever its text, which wall-clock time on a shared machine
// cannot show reliably. Counting is one addition per call, not per step.
export const matcherWork = { units: 0 };

/** Work done by `fn`, in units. */
export function measureWork<T>(fn: () => T): { result: T; units: number } {
  const before = matcherWork.units;
  const result = fn();
  return { result, units: matcherWork.units - before };
}
