// How alike a query name and one indexed name are: a weighted, typo-tolerant Dice coefficient.
// Tokens are paired one to one (greedily, strongest evidence first); each side's unpaired tokens
// count against the score by their weight, so an extra distinctive word ("Schack" vs "Ungdoms")
// hurts while an extra legal form ("ideell förening") barely does.
//
// Scoring runs for every candidate, so it works in reused scratch arrays and allocates nothing;
// the detailed result (pairs, unpaired tokens) is only built for the hits that are returned.
import { idf, INITIAL_SIMILARITY, PERSON_UNPAIRED_FACTOR, TIER_FACTOR } from './matcher.constants';
import { tierOf, tokenIdOf, type PackedToken } from './matcher.entries';
import type { QueryToken } from './matcher.query';
import type { Vocabulary } from './matcher.vocabulary';
import { matcherWork } from './matcher.work';
import { TokenTier } from './normalise.lexicon';

/** Past this many candidate pairs, pairing sorts them once instead of scanning for the best each time. */
const SORTED_PAIRING = 32;

export interface ScoredPair {
  /** Index into the query tokens. */
  q: number;
  /** Index into the name's tokens. */
  e: number;
  similarity: number;
  edits: number;
  /** Weight both tokens bring to the pair. */
  mass: number;
}

export interface NameScore {
  score: number;
  pairs: ScoredPair[];
  unmatchedQuery: number[];
  unmatchedEntry: number[];
  /** Weight of every query/entry token as it counted (a typo takes its partner's weight). */
  queryWeights: number[];
  entryWeights: number[];
  /** Sum of all weights: the denominator, for turning masses into shares. */
  total: number;
}

let entryWeight = new Float64Array(64);
let usedE = new Uint8Array(64);
let usedQ = new Uint8Array(64);
let pairQ = new Int32Array(256);
let pairE = new Int32Array(256);
let pairSim = new Float64Array(256);
let pairMass = new Float64Array(256);
let pairEdits = new Int32Array(256);
let pairTaken = new Uint8Array(256);

function ensureScratch(queryLength: number, nameLength: number): void {
  const tokens = Math.max(queryLength, nameLength);
  if (tokens > entryWeight.length) {
    entryWeight = new Float64Array(tokens * 2);
    usedE = new Uint8Array(tokens * 2);
    usedQ = new Uint8Array(tokens * 2);
  }
  const pairs = queryLength * nameLength;
  if (pairs > pairQ.length) {
    pairQ = new Int32Array(pairs * 2);
    pairE = new Int32Array(pairs * 2);
    pairEdits = new Int32Array(pairs * 2);
    pairSim = new Float64Array(pairs * 2);
    pairMass = new Float64Array(pairs * 2);
    pairTaken = new Uint8Array(pairs * 2);
  }
}

/** Indices of the first `count` candidate pairs, strongest first, as the scanning loop picks them. */
function pairingOrder(count: number): Int32Array {
  matcherWork.units += count * Math.ceil(Math.log2(count));
  const value = new Float64Array(count);
  for (let i = 0; i < count; i++) value[i] = pairSim[i]! * pairMass[i]!;
  const order = new Int32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  return order.sort((a, b) => value[b]! - value[a]! || pairSim[b]! - pairSim[a]! || a - b);
}

/**
 * Score of the name held in `tokens[start, end)`. With `detail`, also fills in how the score came
 * about; pairs and weights are then as explanations show them.
 */
export function scoreName(
  query: QueryToken[],
  tokens: PackedToken[],
  start: number,
  end: number,
  vocab: Vocabulary,
  n: number,
  detail?: NameScore,
  person = false,
): number {
  const qn = query.length;
  const en = end - start;
  ensureScratch(qn, en);
  for (let ei = 0; ei < en; ei++) {
    const p = tokens[start + ei]!;
    entryWeight[ei] = idf(vocab.df[tokenIdOf(p)]!, n) * TIER_FACTOR[tierOf(p)];
    usedE[ei] = 0;
  }
  let count = 0;
  for (let qi = 0; qi < qn; qi++) {
    const q = query[qi]!;
    usedQ[qi] = 0;
    for (let ei = 0; ei < en; ei++) {
      const p = tokens[start + ei]!;
      const id = tokenIdOf(p);
      const we = entryWeight[ei]!;
      let sim = 0;
      let edits = 0;
      let mass = 0;
      if (q.tokenId === id) {
        sim = 1;
        mass = q.weight + we;
      } else if (q.tier === TokenTier.Normal && tierOf(p) !== TokenTier.Legal) {
        // Only ordinary words may differ by a typo; lexicon words pair when they are the same word.
        const x = q.expansions.get(id);
        if (x !== undefined && !(person && x.edits === 1 && genderForms(q.key, vocab.keys[id]!))) {
          sim = x.similarity;
          edits = x.edits;
          // A word never seen in the index takes its partner's weight: it is that word, misspelt.
          mass = (q.tokenId < 0 ? we : q.weight) + we;
        } else if (isInitialOf(q, p, vocab, person)) {
          sim = INITIAL_SIMILARITY;
          mass = q.weight + we;
        } else continue;
      } else if (isInitialOf(q, p, vocab, person)) {
        sim = INITIAL_SIMILARITY;
        mass = q.weight + we;
      } else continue;
      pairQ[count] = qi;
      pairE[count] = ei;
      pairSim[count] = sim;
      pairEdits[count] = edits;
      pairMass[count] = mass;
      pairTaken[count] = 0;
      count++;
    }
  }

  matcherWork.units += qn * en;
  // Greedy one-to-one pairing, strongest evidence (similarity × weight) first; among equals the
  // more similar pair, then the earlier one. Scanning for the best each time costs the square of the
  // pairs; many pairs (a word repeated on both sides) are sorted once in that same order instead,
  // and taking them in order while both tokens are free picks exactly the same pairs.
  const order = count > SORTED_PAIRING ? pairingOrder(count) : null;
  let next = 0;
  let matched = 0;
  let total = 0;
  for (;;) {
    let best = -1;
    let bestValue = -1;
    if (order) {
      while (next < count && (usedQ[pairQ[order[next]!]!] || usedE[pairE[order[next]!]!])) next++;
      if (next < count) {
        best = order[next++]!;
        bestValue = pairSim[best]! * pairMass[best]!;
      }
    } else {
      for (let i = 0; i < count; i++) {
        if (pairTaken[i] || usedQ[pairQ[i]!] || usedE[pairE[i]!]) continue;
        const value = pairSim[i]! * pairMass[i]!;
        if (value > bestValue || (value === bestValue && pairSim[i]! > pairSim[best]!)) {
          best = i;
          bestValue = value;
        }
      }
    }
    if (best < 0) break;
    pairTaken[best] = 1;
    usedQ[pairQ[best]!] = 1;
    usedE[pairE[best]!] = 1;
    matched += bestValue;
    total += pairMass[best]!;
    if (detail) {
      detail.pairs.push({
        q: pairQ[best]!,
        e: pairE[best]!,
        similarity: pairSim[best]!,
        edits: pairEdits[best]!,
        mass: pairMass[best]!,
      });
    }
  }
  // A person's name given in full on one side and with a middle name fewer on the other ("Anna
  // Berg", "Anna Maria Berg") is most often the same person: when every word of one side has paired
  // (at least two of them), the other side's extra words count for less. Anna Berg and Agnes Berg
  // each keep a word unpaired, so they stay apart.
  const unpaired = person ? personUnpairedFactor(query, qn, tokens, start, en) : 1;
  for (let qi = 0; qi < qn; qi++) {
    if (usedQ[qi]) continue;
    total += query[qi]!.weight * unpaired;
    detail?.unmatchedQuery.push(qi);
  }
  for (let ei = 0; ei < en; ei++) {
    if (usedE[ei]) continue;
    entryWeight[ei] = entryWeight[ei]! * unpaired;
    total += entryWeight[ei]!;
    detail?.unmatchedEntry.push(ei);
  }
  const score = total > 0 ? matched / total : 0;
  if (detail) {
    detail.score = score;
    detail.total = total;
    detail.entryWeights = Array.from(entryWeight.subarray(0, en));
    detail.queryWeights = query.map((q, qi) => q.weight * (usedQ[qi] ? 1 : unpaired));
    for (const p of detail.pairs) detail.queryWeights[p.q] = p.mass - detail.entryWeights[p.e]!;
  }
  return score;
}

/**
 * Whether two words one edit apart are the feminine and masculine form of one name (Ivan and Ivana,
 * Erik and Erika, Petrov and Petrova, Mario and Maria): in a person's name that is another person,
 * not a typo.
 */
function genderForms(a: string, b: string): boolean {
  if (a.length > b.length) [a, b] = [b, a];
  if (b.length === a.length + 1) return b.endsWith('a') && b.startsWith(a);
  if (a.length !== b.length || a.length < 3) return false;
  const x = a[a.length - 1]!;
  const y = b[b.length - 1]!;
  return x !== y && 'aoe'.includes(x) && 'aoe'.includes(y) && a.slice(0, -1) === b.slice(0, -1);
}

/** Whether one of the two tokens is an initial ("a") and the other an ordinary word it begins. */
function isInitialOf(q: QueryToken, p: PackedToken, vocab: Vocabulary, person: boolean): boolean {
  // Runs for every unpaired pair of words, so it decides on lengths and tiers before reading keys.
  // A letter that is also a word ("i", Swedish "in") is an initial only in a person's name.
  const tier = tierOf(p);
  if (q.key.length === 1) {
    if (q.tier !== TokenTier.Class && !(person && q.tier === TokenTier.Legal)) return false;
    return tier === TokenTier.Normal && vocab.keys[tokenIdOf(p)]!.startsWith(q.key);
  }
  if (q.tier !== TokenTier.Normal || tier === TokenTier.Normal) return false;
  if (tier !== TokenTier.Class && !(person && tier === TokenTier.Legal)) return false;
  const key = vocab.keys[tokenIdOf(p)]!;
  return key.length === 1 && q.key.startsWith(key);
}

/**
 * PERSON_UNPAIRED_FACTOR when every word of the query or of the name (legal forms and titles aside)
 * has paired, at least two of them; else 1. Reads the pairing's scratch state.
 */
function personUnpairedFactor(
  query: QueryToken[],
  qn: number,
  tokens: PackedToken[],
  start: number,
  en: number,
): number {
  let pairedQ = 0;
  let allQ = true;
  for (let qi = 0; qi < qn; qi++) {
    if (usedQ[qi]) pairedQ++;
    else if (query[qi]!.tier !== TokenTier.Legal) allQ = false;
  }
  if (pairedQ < 2) return 1;
  let allE = true;
  for (let ei = 0; ei < en && allE; ei++) {
    if (!usedE[ei] && tierOf(tokens[start + ei]!) !== TokenTier.Legal) allE = false;
  }
  return allQ || allE ? PERSON_UNPAIRED_FACTOR : 1;
}

/** The full account of how a name scores, for the explanation of a returned hit. */
export function explainScore(
  query: QueryToken[],
  tokens: PackedToken[],
  vocab: Vocabulary,
  n: number,
  person = false,
): NameScore {
  const detail: NameScore = {
    score: 0,
    pairs: [],
    unmatchedQuery: [],
    unmatchedEntry: [],
    queryWeights: [],
    entryWeights: [],
    total: 0,
  };
  scoreName(query, tokens, 0, tokens.length, vocab, n, detail, person);
  return detail;
}
