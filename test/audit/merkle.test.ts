import fc from 'fast-check';
import {
  Frontier,
  consistencyProof,
  inclusionPath,
  rootAt,
  verifyConsistency,
  verifyInclusion,
  withNodes,
  type CompletedNode,
  type NodeSource,
} from '../../src/audit/audit.merkle';
import { leafHashOf, mth, rfcVerifyConsistency, rfcVerifyInclusion } from './rfc9162';

// The tree the service keeps (a right edge per append, perfect subtrees stored as they complete) and
// the proofs it builds from those subtrees, checked against an independent reading of RFC 9162: the
// tree hash by its recursive definition, the RFC's verification algorithms, and Certificate
// Transparency's published test vectors.

const CT_LEAVES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
];
const CT_ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

/**
 * A log of n leaves kept as the service keeps it: leaf hashes and the nodes each append completed.
 * The service speaks hex; the RFC's side of these tests (rfc9162.ts) speaks Buffers.
 */
function grow(leaves: Buffer[]) {
  const tree = Frontier.empty();
  const nodes = new Map<string, string>();
  const roots: Buffer[] = [];
  for (const leaf of leaves) {
    const completed: CompletedNode[] = [];
    tree.push(leaf.toString('hex'), completed);
    for (const c of completed) nodes.set(`${c.end}/${c.level}`, c.hash);
    roots.push(b(tree.root()));
  }
  const get: NodeSource = (end, level) => {
    const h = level === 0 ? leaves[end - 1]?.toString('hex') : nodes.get(`${end}/${level}`);
    if (!h) throw new Error(`no node ${end}/${level}`);
    return h;
  };
  return { tree, roots, get, nodes };
}

const b = (h: string) => Buffer.from(h, 'hex');
const bs = (hs: string[]) => hs.map(b);
const x = (buf: Buffer) => buf.toString('hex');

const leavesOf = (n: number) =>
  Array.from({ length: n }, (_, i) => leafHashOf(Buffer.from(`event ${i + 1}`, 'utf8')));
const hex = (hs: string[]) => hs;

describe("Certificate Transparency's test vectors", () => {
  const leaves = CT_LEAVES.map((h) => leafHashOf(Buffer.from(h, 'hex')));
  const { roots, get } = grow(leaves);

  it('gives the published root at every size, both from the right edge and from stored subtrees', () => {
    expect(roots.map((r) => r.toString('hex'))).toEqual(CT_ROOTS);
    expect(CT_ROOTS.map((_, i) => rootAt(i + 1, get))).toEqual(CT_ROOTS);
  });

  it('gives the published inclusion proofs', () => {
    expect(hex(inclusionPath(0, 8, get))).toEqual([
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ]);
    expect(hex(inclusionPath(5, 8, get))).toEqual([
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ]);
    expect(hex(inclusionPath(2, 3, get))).toEqual([
      'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
    ]);
    expect(hex(inclusionPath(1, 5, get))).toEqual([
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ]);
  });

  it('gives the published consistency proofs', () => {
    expect(hex(consistencyProof(1, 8, get))).toEqual([
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ]);
    expect(hex(consistencyProof(6, 8, get))).toEqual([
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ]);
    expect(hex(consistencyProof(2, 5, get))).toEqual([
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ]);
  });
});

describe('proofs for every leaf and every pair of sizes up to 70, checked by the RFC', () => {
  const leaves = leavesOf(70);
  const { roots, get } = grow(leaves);

  it('has the recursive definition’s root at every size', () => {
    for (let n = 1; n <= 70; n++) expect(roots[n - 1]!.equals(mth(leaves.slice(0, n)))).toBe(true);
  });

  it('proves each leaf in each tree that holds it, and the service’s verifier agrees', () => {
    for (let n = 1; n <= 70; n++) {
      const root = mth(leaves.slice(0, n));
      for (let i = 0; i < n; i++) {
        const p = inclusionPath(i, n, get);
        expect(rfcVerifyInclusion(i, n, leaves[i]!, bs(p), root)).toBe(true);
        expect(verifyInclusion(i, n, x(leaves[i]!), p, x(root))).toBe(true);
      }
    }
  });

  it('proves each smaller tree a prefix of each larger one', () => {
    for (let n = 2; n <= 70; n++) {
      const newRoot = mth(leaves.slice(0, n));
      for (let m = 1; m < n; m++) {
        const oldRoot = mth(leaves.slice(0, m));
        const p = consistencyProof(m, n, get);
        expect(rfcVerifyConsistency(m, n, oldRoot, newRoot, bs(p))).toBe(true);
        expect(verifyConsistency(m, n, x(oldRoot), x(newRoot), p)).toBe(true);
      }
    }
  });
});

describe('larger trees (property)', () => {
  const leaves = leavesOf(5000);
  const { get } = grow(leaves);
  const flip = (b: Buffer) => {
    const c = Buffer.from(b);
    c[0] = c[0]! ^ 1;
    return c;
  };

  it('proves inclusion and consistency at random sizes; a changed proof, leaf or root fails', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.nat(), fc.nat(), (n, a, c) => {
        const i = a % n;
        const m = 1 + (c % n);
        const root = b(rootAt(n, get));
        const path = bs(inclusionPath(i, n, get));
        expect(rfcVerifyInclusion(i, n, leaves[i]!, path, root)).toBe(true);
        expect(rfcVerifyInclusion(i, n, flip(leaves[i]!), path, root)).toBe(false);
        if (path.length) {
          expect(rfcVerifyInclusion(i, n, leaves[i]!, [flip(path[0]!), ...path.slice(1)], root)).toBe(false);
          expect(verifyInclusion(i, n, x(leaves[i]!), path.slice(1).map(x), x(root))).toBe(false);
        }
        if (m < n) {
          const proof = bs(consistencyProof(m, n, get));
          const old = b(rootAt(m, get));
          expect(rfcVerifyConsistency(m, n, old, root, proof)).toBe(true);
          expect(rfcVerifyConsistency(m, n, flip(old), root, proof)).toBe(false);
          expect(verifyConsistency(m, n, x(old), x(flip(root)), proof.map(x))).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reads O(log n) stored subtrees per proof, all in one fetch', async () => {
    const fetches: number[] = [];
    const proof = await withNodes(
      (g) => ({ path: inclusionPath(1234, 4999, g), root: rootAt(4999, g) }),
      async (wanted) => {
        fetches.push(wanted.length);
        return new Map(wanted.map((w) => [`${w.end}/${w.level}`, get(w.end, w.level)]));
      },
    );
    expect(fetches).toHaveLength(1);
    expect(fetches[0]).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(4999)) + 2);
    expect(rfcVerifyInclusion(1234, 4999, leaves[1234]!, bs(proof.path), mth(leaves.slice(0, 4999)))).toBe(
      true,
    );
  });
});
