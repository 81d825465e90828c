// String similarity for single tokens. Names are short, so plain loops over char codes are fast
// enough; what matters is that only candidate pairs are ever compared.
import { matcherWork } from './matcher.work';

/** Jaro-Winkler similarity in [0, 1]; the common prefix (up to 4 chars) earns a bonus. */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  const matchedB = new Uint8Array(lb);
  const matchedA = new Uint8Array(la);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const lo = Math.max(0, i - window);
    const hi = Math.min(lb - 1, i + window);
    const c = a.charCodeAt(i);
    for (let j = lo; j <= hi; j++) {
      if (matchedB[j] === 0 && b.charCodeAt(j) === c) {
        matchedA[i] = 1;
        matchedB[j] = 1;
        matches++;
        break;
      }
    }
  }
  matcherWork.units += la * (2 * window + 1);
  if (matches === 0) return 0;
  let transpositions = 0;
  let j = 0;
  for (let i = 0; i < la; i++) {
    if (matchedA[i] === 0) continue;
    while (matchedB[j] === 0) j++;
    if (a.charCodeAt(i) !== b.charCodeAt(j)) transpositions++;
    j++;
  }
  const m = matches;
  const jaro = (m / la + m / lb + (m - transpositions / 2) / m) / 3;
  let prefix = 0;
  const maxPrefix = Math.min(4, la, lb);
  while (prefix < maxPrefix && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

// Three rows of the dynamic-programming table, reused across calls (tokens are short).
let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transposition, the commonest typo),
 * giving up early: returns `max + 1` as soon as the distance must exceed `max`. Only the diagonal
 * band |i - j| ≤ max is computed (a cell outside it is more than `max` anyway), so a long token costs
 * its length times (2·max + 1), not its length squared.
 */
export function osaDistance(a: string, b: string, max: number): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  const far = max + 1;
  if (Math.abs(la - lb) > max) return far;
  if (lb + 2 > rows[0]!.length) rows = [0, 1, 2].map(() => new Int32Array(lb + 2));
  let [prev2, prev, cur] = rows as [Int32Array, Int32Array, Int32Array];
  for (let j = 0; j <= lb; j++) prev[j] = j <= max ? j : far;
  prev[lb + 1] = far;
  matcherWork.units += la * (2 * max + 1);
  for (let i = 1; i <= la; i++) {
    const lo = Math.max(1, i - max);
    const hi = Math.min(lb, i + max);
    cur[0] = i <= max ? i : far;
    cur[lo - 1] = lo === 1 ? cur[0] : far;
    let rowMin = cur[lo - 1]!;
    const ca = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      const cb = b.charCodeAt(j - 1);
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ca === cb ? 0 : 1));
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb)
        v = Math.min(v, prev2[j - 2]! + 1);
      if (v > far) v = far;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    // The next row reads one cell past this band: it is out of reach.
    cur[hi + 1] = far;
    if (rowMin > max) return far;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return Math.min(prev[lb]!, far);
}

/**
 * Edits a word of this length may carry and still be found: what the deletion index is built for.
 */
export function allowedEdits(length: number): number {
  if (length <= 3) return 0;
  if (length <= 9) return 1;
  return 2;
}

/**
 * Edits two tokens may differ by and still count as the same word. Short words get none: "Ära" and
 * "Era" are different words, and a three-letter acronym with one letter changed is another acronym;
 * but a four-letter word may lose a letter ("Vit" for "Vita").
 */
export function allowedEditsBetween(a: number, b: number): number {
  const shorter = Math.min(a, b);
  if (shorter === 3 && Math.max(a, b) === 4) return 1;
  return allowedEdits(shorter);
}

export interface TokenSimilarity {
  similarity: number;
  edits: number;
}

/**
 * Similarity of two normalised tokens, or null when they are too far apart to be the same word.
 * Jaro-Winkler rewards a shared beginning, which is where Swedish names carry their identity;
 * scaling by the edit ratio keeps two edits in a short word from looking nearly identical.
 */
export function tokenSimilarity(a: string, b: string): TokenSimilarity | null {
  if (a === b) return { similarity: 1, edits: 0 };
  const max = allowedEditsBetween(a.length, b.length);
  if (max === 0) return null;
  const edits = osaDistance(a, b, max);
  if (edits > max) return null;
  const ratio = 1 - edits / Math.max(a.length, b.length);
  return { similarity: (jaroWinkler(a, b) + ratio) / 2, edits };
}

/** The string itself and every string one deletion away. */
function oneDeletions(s: string): string[] {
  const out = [s];
  for (let i = 0; i < s.length; i++) out.push(s.slice(0, i) + s.slice(i + 1));
  return out;
}

/**
 * A small fixed word list searchable within one edit: two words one edit apart share a string
 * reachable by at most one deletion from each.
 */
export class OneEditDictionary {
  private readonly byVariant = new Map<string, string[]>();
  readonly minLength: number;
  readonly maxLength: number;

  constructor(words: Iterable<string>) {
    const list = [...words];
    for (const w of list)
      for (const v of oneDeletions(w)) this.byVariant.set(v, [...(this.byVariant.get(v) ?? []), w]);
    this.minLength = Math.min(...list.map((w) => w.length));
    this.maxLength = Math.max(...list.map((w) => w.length));
  }

  find(s: string): string | undefined {
    if (s.length < this.minLength - 1 || s.length > this.maxLength + 1) return undefined;
    for (const v of oneDeletions(s)) {
      for (const w of this.byVariant.get(v) ?? []) if (osaDistance(w, s, 1) <= 1) return w;
    }
    return undefined;
  }
}
