// The baseline the matcher is measured against: what common open-source sanctions screeners do —
// normalise lightly, then score every entry by "best pairs" Jaro-Winkler (each query word against
// its best entry word, and the other way round) and keep those above a threshold. Written without
// allocations in the inner loop so the comparison is fair to it.
import anyAscii from 'any-ascii';
import type { MatchableEntry } from '../../src/watchlist/matcher';

export function simpleTokens(name: string): string[] {
  return anyAscii(name.normalize('NFKC'))
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((t) => t !== '');
}

const flagsA = new Uint8Array(256);
const flagsB = new Uint8Array(256);

function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  const la = Math.min(a.length, 255);
  const lb = Math.min(b.length, 255);
  if (la === 0 || lb === 0) return 0;
  const window = Math.max(0, (Math.max(la, lb) >> 1) - 1);
  flagsA.fill(0, 0, la);
  flagsB.fill(0, 0, lb);
  let m = 0;
  for (let i = 0; i < la; i++) {
    const lo = Math.max(0, i - window);
    const hi = Math.min(lb - 1, i + window);
    const c = a.charCodeAt(i);
    for (let j = lo; j <= hi; j++) {
      if (flagsB[j] === 0 && b.charCodeAt(j) === c) {
        flagsA[i] = 1;
        flagsB[j] = 1;
        m++;
        break;
      }
    }
  }
  if (m === 0) return 0;
  let t = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (flagsA[i] === 0) continue;
    while (flagsB[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) t++;
    k++;
  }
  const jaro = (m / la + m / lb + (m - t / 2) / m) / 3;
  let p = 0;
  while (p < 4 && p < la && p < lb && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  return jaro + p * 0.1 * (1 - jaro);
}

function bestPairs(q: string[], e: string[]): number {
  let forward = 0;
  for (const x of q) {
    let best = 0;
    for (const y of e) {
      const s = jaroWinkler(x, y);
      if (s > best) best = s;
    }
    forward += best;
  }
  let backward = 0;
  for (const y of e) {
    let best = 0;
    for (const x of q) {
      const s = jaroWinkler(x, y);
      if (s > best) best = s;
    }
    backward += best;
  }
  return (forward / q.length + backward / e.length) / 2;
}

export class BruteForceJaroWinkler {
  private readonly ids: string[] = [];
  private readonly names: string[][][] = [];

  add(entry: MatchableEntry): void {
    this.ids.push(entry.id);
    this.names.push([entry.name, ...entry.aliases].map(simpleTokens).filter((t) => t.length > 0));
  }

  search(name: string, threshold: number, limit = 10): Array<{ entryId: string; score: number }> {
    const q = simpleTokens(name);
    if (q.length === 0) return [];
    const hits: Array<{ entryId: string; score: number }> = [];
    for (let i = 0; i < this.names.length; i++) {
      let best = 0;
      for (const e of this.names[i]!) {
        const s = bestPairs(q, e);
        if (s > best) best = s;
      }
      if (best >= threshold) hits.push({ entryId: this.ids[i]!, score: best });
    }
    return hits.sort((a, b) => b.score - a.score).slice(0, limit);
  }
}
