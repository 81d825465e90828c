// The keys under which the vocabulary finds a token's typo neighbours (see matcher.vocabulary.ts):
// the deletion neighbourhood of a short token, and the segments of a long one. Hashes only; callers
// verify every token they find with the real edit distance.
import { MAX_DELETION_TOKEN } from './matcher.constants';
import { matcherWork } from './matcher.work';

/** Pieces a long token is cut into: one more than the pieces two edits can break. */
const SEGMENTS = 5;
/** Most edits two tokens may differ by (allowedEdits never gives more). */
export const MAX_EDITS = 2;

const BASE = 0x01000193;

/** Spreads a polynomial hash over all bits and mixes in the length; never 0 (an empty slot). */
function finish(h: number, length: number): number {
  h = Math.imul(h ^ length, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0 || 1;
}

/**
 * Hashes of every string obtained by deleting up to `depth` (at most 2) characters, the string
 * itself included. A polynomial hash is put together from prefix and suffix hashes, so each of the
 * n²/2 strings costs a few multiplications rather than its length (building the strings cost 20
 * times more again). Equal strings hash equal whichever letters were deleted.
 */
export function deletionHashes(s: string, depth: number): number[] {
  const n = s.length;
  const pow = new Int32Array(n + 1);
  const prefix = new Int32Array(n + 1);
  const suffix = new Int32Array(n + 1);
  pow[0] = 1;
  for (let i = 0; i < n; i++) {
    pow[i + 1] = Math.imul(pow[i]!, BASE);
    prefix[i + 1] = (Math.imul(prefix[i]!, BASE) + s.charCodeAt(i)) | 0;
  }
  for (let i = n - 1; i >= 0; i--)
    suffix[i] = (Math.imul(s.charCodeAt(i), pow[n - 1 - i]!) + suffix[i + 1]!) | 0;
  matcherWork.units += n + (depth >= 1 ? n : 0) + (depth >= 2 ? (n * (n - 1)) / 2 : 0);
  const out = new Set<number>([finish(prefix[n]!, n)]);
  if (depth >= 1) {
    for (let a = 0; a < n; a++)
      out.add(finish((Math.imul(prefix[a]!, pow[n - a - 1]!) + suffix[a + 1]!) | 0, n - 1));
  }
  if (depth >= 2) {
    for (let a = 0; a < n; a++) {
      // The hash of s[0, a) followed by s(a, b), grown one letter at a time as b moves right.
      let head = prefix[a]!;
      for (let b = a + 1; b < n; b++) {
        out.add(finish((Math.imul(head, pow[n - b - 1]!) + suffix[b + 1]!) | 0, n - 2));
        head = (Math.imul(head, BASE) + s.charCodeAt(b)) | 0;
      }
    }
  }
  return [...out];
}

/** Where the pieces of a token of length n start, and how long each is (the first ones get the remainder). */
function segmentsOf(n: number): Array<[number, number]> {
  const base = Math.floor(n / SEGMENTS);
  const extra = n % SEGMENTS;
  const out: Array<[number, number]> = [];
  let start = 0;
  for (let i = 0; i < SEGMENTS; i++) {
    const len = base + (i < extra ? 1 : 0);
    out.push([start, len]);
    start += len;
  }
  return out;
}

/** Hash of piece `i` of a token of length `n`, read from `s` at `from`. */
function segmentHash(s: string, from: number, len: number, n: number, i: number): number {
  let h = Math.imul(0x811c9dc5 ^ (n * SEGMENTS + i), 0x01000193);
  for (let k = from; k < from + len; k++) {
    h ^= s.charCodeAt(k);
    h = Math.imul(h, 0x01000193);
  }
  matcherWork.units += len;
  return h >>> 0 || 1;
}

/** Hashes under which a long token is indexed: its pieces. */
export function segmentHashes(s: string): number[] {
  return segmentsOf(s.length).map(([from, len], i) => segmentHash(s, from, len, s.length, i));
}

/**
 * Hashes a query token looks up to find indexed long tokens within two edits: for every length such
 * a token can have, every piece, read at every shift of up to two places.
 */
export function segmentProbes(q: string): number[] {
  const m = q.length;
  const out = new Set<number>();
  for (let n = Math.max(MAX_DELETION_TOKEN + 1, m - MAX_EDITS); n <= m + MAX_EDITS; n++) {
    segmentsOf(n).forEach(([start, len], i) => {
      for (let d = -MAX_EDITS; d <= MAX_EDITS; d++) {
        const from = start + d;
        if (from >= 0 && from + len <= m) out.add(segmentHash(q, from, len, n, i));
      }
    });
  }
  return [...out];
}
