import { createHash } from 'node:crypto';

// An independent reading of RFC 9162 (Certificate Transparency 2.0) §2.1, for the tests: the tree
// hash by its recursive definition over all leaves, and the two verification algorithms written out
// again from the RFC's numbered steps. Nothing here comes from src/.

const H = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
const ZERO = Buffer.from([0x00]);
const ONE = Buffer.from([0x01]);

/** §2.1.1: MTH({}) = HASH(); MTH({d0}) = HASH(0x00 || d0); MTH(D_n) = HASH(0x01 || MTH(D[0:k]) || MTH(D[k:n])). */
export function mth(leafHashes: readonly Buffer[]): Buffer {
  const n = leafHashes.length;
  if (n === 0) return H();
  if (n === 1) return leafHashes[0]!;
  let k = 1;
  while (k << 1 < n) k <<= 1;
  return H(ONE, mth(leafHashes.slice(0, k)), mth(leafHashes.slice(k)));
}

export const leafHashOf = (leaf: Buffer) => H(ZERO, leaf);

/** §2.1.3.2, steps 1–5. */
export function rfcVerifyInclusion(
  leafIndex: number,
  treeSize: number,
  hash: Buffer,
  inclusionPath: readonly Buffer[],
  rootHash: Buffer,
): boolean {
  if (leafIndex >= treeSize) return false; // 1
  let fn = leafIndex; // 2
  let sn = treeSize - 1;
  let r = hash; // 3
  for (const p of inclusionPath) {
    // 4
    if (sn === 0) return false; // 4a
    if (fn % 2 === 1 || fn === sn) {
      // 4b
      r = H(ONE, p, r); // 4b.i
      if (fn % 2 === 0) {
        // 4b.ii
        do {
          fn >>= 1;
          sn >>= 1;
        } while (fn % 2 === 0 && fn !== 0);
      }
    } else {
      r = H(ONE, r, p); // 4b otherwise
    }
    fn >>= 1; // 4c
    sn >>= 1;
  }
  return sn === 0 && r.equals(rootHash); // 5
}

/** §2.1.4.2, steps 1–7. */
export function rfcVerifyConsistency(
  first: number,
  second: number,
  firstHash: Buffer,
  secondHash: Buffer,
  consistencyPath: readonly Buffer[],
): boolean {
  if (consistencyPath.length === 0) return false; // 1
  const path = [...consistencyPath];
  if ((first & (first - 1)) === 0) path.unshift(firstHash); // 2
  let fn = first - 1; // 3
  let sn = second - 1;
  while (fn % 2 === 1) {
    // 4
    fn >>= 1;
    sn >>= 1;
  }
  let fr = path[0]!; // 5
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    // 6
    if (sn === 0) return false; // 6a
    if (fn % 2 === 1 || fn === sn) {
      // 6b
      fr = H(ONE, c, fr);
      sr = H(ONE, c, sr);
      if (fn % 2 === 0) {
        do {
          fn >>= 1;
          sn >>= 1;
        } while (fn % 2 === 0 && fn !== 0);
      }
    } else {
      sr = H(ONE, sr, c);
    }
    fn >>= 1; // 6c
    sn >>= 1;
  }
  return fr.equals(firstHash) && sr.equals(secondHash) && sn === 0; // 7
}
