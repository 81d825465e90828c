// The in-memory watchlist index: add, remove, search. It is a cache built from the database (the
// database is authoritative), so it holds only what matching needs and can be rebuilt at any time.
import { orgNumberDigits } from '../../shared/swedish-ids';
import { HashMultimap, hashString } from './hash-multimap';
import {
  ACRONYM_SCORE,
  DEFAULT_LIMIT,
  REFER_THRESHOLD,
  REVERSE_ACRONYM_SCORE,
  SHORT_ACRONYM_SCORE,
} from './matcher.constants';
import {
  countDistinctive,
  EntryStore,
  packedAcronyms,
  packName,
  tokenIdOf,
  type StoredName,
} from './matcher.entries';
import { explain, type ExplainInput } from './matcher.explain';
import { analyseQuery, type QueryAnalysis } from './matcher.query';
import { Retriever } from './matcher.retrieve';
import { scoreName, type NameScore } from './matcher.score';
import type { MatchableEntry, MatchHit, MatchMethod, MatchQuery, SearchOptions } from './matcher.types';
import { Vocabulary } from './matcher.vocabulary';
import { acronymParts, acronymsOf, foldLetters, normaliseName, type NormalisedName } from './normalise';

/** The ten digits that identify a person (YYMMDDNNNC), whatever format was given; null if none. */
export function personalNumberDigits(input: string): string | null {
  const digits = input.replace(/\D/g, '');
  if (digits.length === 12) return digits.slice(2);
  return digits.length === 10 ? digits : null;
}

interface Candidate {
  slot: number;
  score: number;
  method: MatchMethod;
  nameIndex: number;
  idMatched?: 'org_number' | 'personal_number';
  name?: { analysis: number; scored: NameScore };
  acronym?: string;
}

const ONLY_LETTERS = /^[a-z]+$/;

export class MatcherIndex {
  private readonly vocab = new Vocabulary();
  private readonly store = new EntryStore();
  private readonly orgIndex = new HashMultimap();
  private readonly personIndex = new HashMultimap();
  private readonly acronymIndex = new HashMultimap();
  private readonly retriever = new Retriever(this.vocab, this.store);

  get size(): number {
    return this.store.size;
  }

  /** Adds an entry, replacing any entry with the same id. */
  add(entry: MatchableEntry): void {
    if (this.store.slotOf(entry.id) !== undefined) this.remove(entry.id);
    const slot = this.store.allocate(entry.id);
    const names: StoredName[] = [];
    const seenTexts = new Set<string>();
    for (const text of [entry.name, ...entry.aliases]) {
      const trimmed = text.trim();
      if (trimmed === '' || seenTexts.has(trimmed)) continue;
      seenTexts.add(trimmed);
      const normalised = normaliseName(trimmed);
      if (normalised.tokens.length > 0)
        names.push({ text: trimmed, tokens: packName(normalised, this.vocab) });
    }
    this.store.kinds[slot] = entry.subjectKind;
    this.store.names[slot] = names;
    this.store.distinctive[slot] = Math.min(
      255,
      ...names.map((nm) => countDistinctive(nm.tokens, this.vocab)),
    );
    for (const id of new Set(names.flatMap((nm) => nm.tokens.map(tokenIdOf))))
      this.vocab.addPosting(id, slot);
    for (const a of this.acronymsOfSlot(names)) this.acronymIndex.add(hashString(a), slot);

    const org = entry.orgNumber ? orgNumberDigits(entry.orgNumber) : null;
    this.store.orgDigits[slot] = org;
    if (org) this.orgIndex.add(hashString(org), slot);
    const person = entry.personalNumber ? personalNumberDigits(entry.personalNumber) : null;
    this.store.personDigits[slot] = person;
    if (person) this.personIndex.add(hashString(person), slot);
  }

  /** Removes an entry; afterwards no search can return it. Returns false if it was not indexed. */
  remove(entryId: string): boolean {
    const slot = this.store.slotOf(entryId);
    if (slot === undefined) return false;
    const names = this.store.names[slot] ?? [];
    for (const id of new Set(names.flatMap((nm) => nm.tokens.map(tokenIdOf))))
      this.vocab.removePosting(id, slot);
    for (const a of this.acronymsOfSlot(names)) this.acronymIndex.remove(hashString(a), slot);
    const org = this.store.orgDigits[slot];
    if (org) this.orgIndex.remove(hashString(org), slot);
    const person = this.store.personDigits[slot];
    if (person) this.personIndex.remove(hashString(person), slot);
    this.store.release(slot);
    return true;
  }

  search(query: MatchQuery, options: SearchOptions = {}): MatchHit[] {
    const minScore = options.minScore ?? REFER_THRESHOLD;
    const limit = options.limit ?? DEFAULT_LIMIT;
    // Id-number hits and name hits are kept apart and merged at the end: an id hit scores 1 but
    // still shows the name evidence.
    const byName = new Map<number, Candidate>();
    const byId = new Map<number, Candidate>();
    const consider = (c: Candidate): void => {
      if (query.subjectKind && this.store.kinds[c.slot] !== query.subjectKind) return;
      const map = c.idMatched ? byId : byName;
      const prev = map.get(c.slot);
      if (!prev || c.score > prev.score) map.set(c.slot, c);
    };

    this.searchIds(query, consider);
    const normalised = query.name ? normaliseName(query.name) : null;
    const analyses =
      normalised && normalised.tokens.length > 0 ? analyseQuery(normalised, this.vocab, this.store.size) : [];
    analyses.forEach((analysis, ai) => {
      for (const slot of this.retriever.candidates(analysis.tokens, minScore)) {
        const best = this.bestName(slot, analysis);
        if (best)
          consider({
            slot,
            score: best.scored.score,
            method: 'name',
            nameIndex: best.nameIndex,
            name: { analysis: ai, scored: best.scored },
          });
      }
    });
    if (normalised) this.searchAcronyms(normalised, minScore, consider);

    const merged = [...byName.values()].filter((c) => !byId.has(c.slot));
    for (const c of byId.values()) {
      const named = byName.get(c.slot);
      merged.push(named ? { ...named, score: 1, method: c.method, idMatched: c.idMatched } : c);
    }
    const hits = merged
      .filter((c) => c.score >= minScore)
      .sort((a, b) => b.score - a.score || this.store.ids[a.slot]!.localeCompare(this.store.ids[b.slot]!))
      .slice(0, limit);
    return hits.map((c) => this.toHit(c, normalised, analyses));
  }

  private searchIds(query: MatchQuery, consider: (c: Candidate) => void): void {
    const org = query.orgNumber ? orgNumberDigits(query.orgNumber) : null;
    if (org) {
      this.orgIndex.forEach(hashString(org), (slot) => {
        if (this.store.orgDigits[slot] === org)
          consider({ slot, score: 1, method: 'org_number', nameIndex: 0, idMatched: 'org_number' });
      });
    }
    const person = query.personalNumber ? personalNumberDigits(query.personalNumber) : null;
    if (person) {
      this.personIndex.forEach(hashString(person), (slot) => {
        if (this.store.personDigits[slot] === person) {
          consider({ slot, score: 1, method: 'personal_number', nameIndex: 0, idMatched: 'personal_number' });
        }
      });
    }
  }

  private bestName(slot: number, analysis: QueryAnalysis): { nameIndex: number; scored: NameScore } | null {
    let best: { nameIndex: number; scored: NameScore } | null = null;
    (this.store.names[slot] ?? []).forEach((nm, nameIndex) => {
      const scored = scoreName(analysis.tokens, nm.tokens, this.vocab, this.store.size);
      if (!best || scored.score > best.scored.score) best = { nameIndex, scored };
    });
    return best;
  }

  /**
   * "NMR" finds Nordiska Motståndsrörelsen; "Nordiska Motståndsrörelsen" finds an entry listed only
   * as "NMR", but weakly: a full name sharing someone's initials is little evidence.
   */
  private searchAcronyms(query: NormalisedName, minScore: number, consider: (c: Candidate) => void): void {
    const words = new Set(query.tokens.map((t) => t.word)).size;
    const key = foldLetters(query.tokens[0]?.surface ?? '');
    if (
      words === 1 &&
      query.tokens.length === 1 &&
      key.length >= 2 &&
      key.length <= 8 &&
      ONLY_LETTERS.test(key)
    ) {
      const score = key.length >= 3 ? ACRONYM_SCORE : SHORT_ACRONYM_SCORE;
      if (score >= minScore) {
        this.acronymIndex.forEach(hashString(key), (slot) => {
          const nameIndex = (this.store.names[slot] ?? []).findIndex((nm) =>
            packedAcronyms(nm.tokens, this.vocab).includes(key),
          );
          if (nameIndex >= 0) consider({ slot, score, method: 'acronym', nameIndex, acronym: key });
        });
      }
    }
    if (words >= 2 && REVERSE_ACRONYM_SCORE >= minScore) {
      for (const acronym of acronymsOf(acronymParts(query))) {
        const id = this.vocab.idOf(acronym);
        if (id === undefined) continue;
        for (const slot of this.vocab.postings[id]!) {
          const nameIndex = (this.store.names[slot] ?? []).findIndex(
            (nm) => nm.tokens.length === 1 && tokenIdOf(nm.tokens[0]!) === id,
          );
          if (nameIndex >= 0)
            consider({ slot, score: REVERSE_ACRONYM_SCORE, method: 'acronym', nameIndex, acronym });
        }
      }
    }
  }

  private toHit(c: Candidate, query: NormalisedName | null, analyses: QueryAnalysis[]): MatchHit {
    const names = this.store.names[c.slot] ?? [];
    let name = c.name;
    let nameIndex = c.nameIndex;
    // An id-number hit still shows how its names compare, so a coordinator sees a renamed association.
    if (!name && c.idMatched && analyses[0]) {
      const best = this.bestName(c.slot, analyses[0]);
      if (best) {
        name = { analysis: 0, scored: best.scored };
        nameIndex = best.nameIndex;
      }
    }
    const matchedName = names[nameIndex]?.text ?? '';
    const input: ExplainInput = { method: c.method, score: c.score, matchedName };
    if (c.idMatched) input.idNumber = { kind: c.idMatched, matched: true };
    if (name && query) {
      input.evidence = {
        query,
        tokens: analyses[name.analysis]!.tokens,
        name: normaliseName(matchedName),
        scored: name.scored,
      };
    }
    if (c.acronym) input.acronym = { acronym: c.acronym, expandsTo: matchedName };
    return {
      entryId: this.store.ids[c.slot]!,
      score: Math.round(Math.min(1, Math.max(0, c.score)) * 10000) / 10000,
      matchedName,
      explanation: explain(input),
    };
  }

  private acronymsOfSlot(names: StoredName[]): Set<string> {
    return new Set(names.flatMap((nm) => packedAcronyms(nm.tokens, this.vocab)));
  }
}
