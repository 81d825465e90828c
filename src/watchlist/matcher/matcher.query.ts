// A query name read against the index's vocabulary: every token gets its weight and the indexed
// tokens it could be (itself, or a typo away). Compounds written apart or together are handled here,
// by trying the query also with adjacent words joined and unknown words split into known parts.
import { idf, MAX_SPLIT_TOKEN, TIER_FACTOR } from './matcher.constants';
import type { Vocabulary, Expansion } from './matcher.vocabulary';
import {
  nearLexiconWord,
  normaliseWord,
  splitAtFuzzyHead,
  splitKey,
  TokenTier,
  type NormalisedName,
  type NormToken,
} from './normalise';
import { tokenSimilarity } from './similarity';
import { SKELETON_SIMILARITY, skeletonPartners } from './matcher.skeleton';

export interface QueryToken extends NormToken {
  /** Vocabulary id of the token itself, or -1 when no live entry contains it. */
  tokenId: number;
  /** Other indexed tokens within typo distance, by id. */
  expansions: Map<number, Expansion>;
  /** The token's own weight: unseen tokens weigh most, they are the most distinctive. */
  weight: number;
  via?: 'compound_joined' | 'compound_split';
}

export interface QueryAnalysis {
  tokens: QueryToken[];
}

type Reading = Pick<QueryToken, 'tokenId' | 'expansions' | 'weight'>;

/** What a token could be in this index. Analyses share most tokens, so readings are cached by token. */
function read(tok: NormToken, vocab: Vocabulary, n: number): Reading {
  const id = vocab.idOf(tok.key);
  const live = id !== undefined && vocab.df[id]! > 0;
  const expansions = new Map<number, Expansion>();
  // Legal forms and class words are recognised by the lexicon, typos included; fuzzy-matching
  // them against the vocabulary would only pair "förening" with whatever else is near it.
  if (tok.tier === TokenTier.Normal) {
    const tid = vocab.translitMatch(tok.key, tok.translit);
    if (tid !== undefined && tid !== id)
      expansions.set(tid, { tokenId: tid, similarity: 1, edits: 0, translit: true });
    for (const e of vocab.fuzzy(tok.key, tok.full))
      if (!expansions.has(e.tokenId)) expansions.set(e.tokenId, e);
    // An unknown word one edit from a lexicon form ("Lian" for "Ligan") may be that class word; the
    // index holds it under its lemma ("liga"), which is further away than the form.
    for (const sid of skeletonPartners(tok.key, tok.surface, vocab)) {
      if (sid !== id && vocab.df[sid]! > 0 && !expansions.has(sid))
        expansions.set(sid, { tokenId: sid, similarity: SKELETON_SIMILARITY, edits: 0 });
    }
    const near = id === undefined ? nearLexiconWord(tok.key) : undefined;
    const lemmaId = near && vocab.idOf(near.lemma);
    const sim = near && tokenSimilarity(tok.key, near.form);
    if (lemmaId !== undefined && sim && vocab.df[lemmaId]! > 0 && !expansions.has(lemmaId)) {
      expansions.set(lemmaId, { tokenId: lemmaId, similarity: sim.similarity, edits: sim.edits });
    }
  }
  return {
    tokenId: live ? id : -1,
    expansions,
    weight: idf(live ? vocab.df[id]! : 0, n) * TIER_FACTOR[tok.tier],
  };
}

function isKnown(key: string, vocab: Vocabulary): boolean {
  const id = vocab.idOf(key);
  return id !== undefined && vocab.df[id]! > 0;
}

/** Joins each pair of adjacent words whose concatenation is a known word ("motstånds rörelsen"). */
function joinedVariant(name: NormalisedName, vocab: Vocabulary): NormToken[] | null {
  const words: NormToken[][] = [];
  for (const t of name.tokens) (words[t.word] ??= []).push(t);
  const out: NormToken[] = [];
  let joined = false;
  for (let w = 0; w < words.length; w++) {
    const cur = words[w] ?? [];
    const next = words[w + 1];
    if (next && cur[0] && next[0] && cur.every((t) => t.tier === TokenTier.Normal)) {
      const glued = normaliseWord(cur[0].surface + next[0].surface, w);
      if (glued.length > 0 && isKnown(glued[0]!.key, vocab) && glued[0]!.tier === TokenTier.Normal) {
        for (const t of glued) out.push({ ...t, applied: [...t.applied, 'compound_joined'] });
        joined = true;
        w++;
        continue;
      }
    }
    out.push(...cur);
  }
  return joined ? out : null;
}

/**
 * Splits unknown words: at a compound head with a typo in it ("ungdoms|förbudet"), or into two known
 * words ("nordiskamotstånd…" typed without a space).
 */
function splitVariant(name: NormalisedName, vocab: Vocabulary): NormToken[] | null {
  let split = false;
  const out = name.tokens.flatMap((t) => {
    // Past MAX_SPLIT_TOKEN letters a word is no two names typed together; trying every cut would cost
    // the square of its length.
    if (t.tier !== TokenTier.Normal || t.key.length > MAX_SPLIT_TOKEN || isKnown(t.key, vocab)) return [t];
    if (name.tokens.filter((u) => u.word === t.word).length === 1) {
      const parts = splitAtFuzzyHead(t);
      if (parts) {
        split = true;
        return parts;
      }
    }
    if (t.key.length < 6) return [t];
    for (let i = 3; i <= t.key.length - 3; i++) {
      const parts = splitKey(t.key, i);
      if (parts && parts.every((p) => isKnown(p, vocab))) {
        split = true;
        return parts.map((key): NormToken => ({
          key,
          surface: t.surface,
          written: t.written,
          tier: t.tier,
          word: t.word,
          applied: [...t.applied, 'compound_split'],
        }));
      }
    }
    return [t];
  });
  return split ? out : null;
}

export function analyseQuery(name: NormalisedName, vocab: Vocabulary, n: number): QueryAnalysis[] {
  const readings = new Map<string, Reading>();
  const resolve = (tok: NormToken, via?: QueryToken['via']): QueryToken => {
    const cacheKey = `${tok.tier}|${tok.key}|${tok.translit ?? ''}|${tok.full ?? ''}`;
    let reading = readings.get(cacheKey);
    if (!reading) readings.set(cacheKey, (reading = read(tok, vocab, n)));
    const q: QueryToken = { ...tok, ...reading };
    if (via) q.via = via;
    return q;
  };
  const analyses: QueryAnalysis[] = [{ tokens: name.tokens.map((t) => resolve(t)) }];
  const seen = new Set([name.tokens.map((t) => t.key).join(' ')]);
  const variants: Array<[NormToken[] | null, 'compound_joined' | 'compound_split']> = [
    [joinedVariant(name, vocab), 'compound_joined'],
    [splitVariant(name, vocab), 'compound_split'],
  ];
  for (const [tokens, via] of variants) {
    // A variant reading the same tokens as one before it would only find the same entries again.
    const signature = tokens?.map((t) => t.key).join(' ');
    if (!tokens || signature === undefined || seen.has(signature)) continue;
    seen.add(signature);
    analyses.push({ tokens: tokens.map((t) => resolve(t, t.applied.includes(via) ? via : undefined)) });
  }
  return analyses;
}
