import { hash } from 'node:crypto';

// The Merkle tree over the log, hashed as RFC 9162 §2.1: leaf i is event seq i + 1, its leaf hash is
// the event's hash (SHA-256(0x00 ‖ header), see audit.hash.ts), an inner node is
// SHA-256(0x01 ‖ left ‖ right). A perfect subtree of 2^level leaves ending at leaf `end - 1` (event
// `end`) is addressed by (end, level); level 0 is the leaf itself. Hashes travel as lower-case hex,
// as the API and the export write them (and node:crypto hashes to hex faster than to a Buffer).

/** MTH({}) = SHA-256 of the empty string. */
export const EMPTY_ROOT = hash('sha256', '', 'hex');

const node = Buffer.alloc(65);
node[0] = 0x01;

export function hashChildren(left: string, right: string): string {
  node.write(left, 1, 32, 'hex');
  node.write(right, 33, 32, 'hex');
  return hash('sha256', node, 'hex');
}

/** A perfect subtree completed by an append: 2^level leaves ending at event `end`. */
export interface CompletedNode {
  end: number;
  level: number;
  hash: string;
}

/**
 * The right edge of a tree of `size` leaves: the roots of its perfect subtrees, largest (leftmost)
 * first, one per set bit of `size`. Enough to append leaves and to compute the root, and small
 * (at most 64 hashes), so the head row carries it.
 */
export class Frontier {
  private constructor(
    private count: number,
    private readonly hashes: string[],
  ) {}

  static empty(): Frontier {
    return new Frontier(0, []);
  }

  static from(size: number, hexes: readonly string[]): Frontier {
    if (popcount(size) !== hexes.length) {
      throw new Error(`a frontier of ${size} leaves has ${popcount(size)} hashes, not ${hexes.length}`);
    }
    return new Frontier(size, [...hexes]);
  }

  get size(): number {
    return this.count;
  }

  toHex(): string[] {
    return [...this.hashes];
  }

  /** Adds a leaf; reports the perfect subtrees (level ≥ 1) it completes, smallest first. */
  push(leaf: string, completed?: CompletedNode[]): void {
    this.count += 1;
    // The new leaf closes one subtree per trailing zero bit of the new size.
    const merges = trailingZeros(this.count);
    let merged = leaf;
    for (let level = 1; level <= merges; level++) {
      merged = hashChildren(this.hashes.pop()!, merged);
      completed?.push({ end: this.count, level, hash: merged });
    }
    this.hashes.push(merged);
  }

  /** The tree's root hash (RFC 9162 MTH) at this size. */
  root(): string {
    if (this.hashes.length === 0) return EMPTY_ROOT;
    let r = this.hashes[this.hashes.length - 1]!;
    for (let i = this.hashes.length - 2; i >= 0; i--) r = hashChildren(this.hashes[i]!, r);
    return r;
  }

  clone(): Frontier {
    return new Frontier(this.count, [...this.hashes]);
  }
}

export function popcount(n: number): number {
  let c = 0;
  for (let x = n; x > 0; x = Math.floor(x / 2)) c += x % 2;
  return c;
}

export function trailingZeros(n: number): number {
  if (n === 0) return 0;
  let z = 0;
  for (let x = n; x % 2 === 0; x /= 2) z += 1;
  return z;
}

export function isPowerOfTwo(n: number): boolean {
  return n > 0 && Number.isInteger(Math.log2(n));
}

/** The largest power of two strictly less than n (n ≥ 2). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** Reads a perfect subtree's hash: (end, level) as above. */
export type NodeSource = (end: number, level: number) => string;

/** MTH(D[a:b]) from perfect subtrees (RFC 9162 §2.1.1), a aligned as the recursion keeps it. */
function subtreeHash(a: number, b: number, get: NodeSource): string {
  const n = b - a;
  if (isPowerOfTwo(n) && a % n === 0) return get(b, Math.log2(n));
  const k = split(n);
  return hashChildren(subtreeHash(a, a + k, get), subtreeHash(a + k, b, get));
}

export function rootAt(size: number, get: NodeSource): string {
  return size === 0 ? EMPTY_ROOT : subtreeHash(0, size, get);
}

/** PATH(m, D[a:b]) of RFC 9162 §2.1.3.1, for leaf index m (absolute). */
function path(m: number, a: number, b: number, get: NodeSource): string[] {
  const n = b - a;
  if (n <= 1) return [];
  const k = split(n);
  if (m - a < k) return [...path(m, a, a + k, get), subtreeHash(a + k, b, get)];
  return [...path(m, a + k, b, get), subtreeHash(a, a + k, get)];
}

/** SUBPROOF(m, D[a:b], start) of RFC 9162 §2.1.4.1, m a size relative to a. */
function subproof(m: number, a: number, b: number, start: boolean, get: NodeSource): string[] {
  const n = b - a;
  if (m === n) return start ? [] : [subtreeHash(a, b, get)];
  const k = split(n);
  if (m <= k) return [...subproof(m, a, a + k, start, get), subtreeHash(a + k, b, get)];
  return [...subproof(m - k, a + k, b, false, get), subtreeHash(a, a + k, get)];
}

export function inclusionPath(leafIndex: number, treeSize: number, get: NodeSource): string[] {
  return path(leafIndex, 0, treeSize, get);
}

/** PROOF(m, D[n]); empty when m = n (the same tree). */
export function consistencyProof(from: number, to: number, get: NodeSource): string[] {
  return from === to ? [] : subproof(from, 0, to, true, get);
}

/**
 * Runs a proof computation twice: once with stand-in hashes to learn which subtrees it reads (the
 * shape of a proof does not depend on hash values), then, after `fetch` has read all of them in one
 * go, for real. So a proof costs one database round trip of O(log n) rows.
 */
export async function withNodes<T>(
  compute: (get: NodeSource) => T,
  fetch: (wanted: { end: number; level: number }[]) => Promise<Map<string, string>>,
): Promise<T> {
  const wanted = new Map<string, { end: number; level: number }>();
  compute((end, level) => {
    wanted.set(`${end}/${level}`, { end, level });
    return EMPTY_ROOT;
  });
  const found = await fetch([...wanted.values()]);
  return compute((end, level) => {
    const h = found.get(`${end}/${level}`);
    if (!h) throw new Error(`the tree has no node ${level} ending at ${end}`);
    return h;
  });
}

// Verification, as RFC 9162 §2.1.3.2 and §2.1.4.2 write it: what the offline tools and the decision
// record page run against a signed tree head.

const lsb = (x: number) => x % 2 === 1;
const half = (x: number) => Math.floor(x / 2);

export function verifyInclusion(
  leafIndex: number,
  treeSize: number,
  leaf: string,
  auditPath: readonly string[],
  root: string,
): boolean {
  if (leafIndex >= treeSize) return false;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leaf;
  for (const p of auditPath) {
    if (sn === 0) return false;
    if (lsb(fn) || fn === sn) {
      r = hashChildren(p, r);
      if (!lsb(fn)) {
        while (!lsb(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = hashChildren(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && r === root;
}

export function verifyConsistency(
  first: number,
  second: number,
  firstRoot: string,
  secondRoot: string,
  proof: readonly string[],
): boolean {
  if (first === second) return proof.length === 0 && firstRoot === secondRoot;
  if (first === 0 || first > second) return false;
  if (proof.length === 0) return false;
  const path = isPowerOfTwo(first) ? [firstRoot, ...proof] : [...proof];
  let fn = first - 1;
  let sn = second - 1;
  while (lsb(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (lsb(fn) || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      if (!lsb(fn)) {
        while (!lsb(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = hashChildren(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return fr === firstRoot && sr === secondRoot && sn === 0;
}
