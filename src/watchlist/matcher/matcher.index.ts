// The in-memory watchlist index: add, remove, search. It is a cache built from the database (the
// database is authoritative), so it holds only what matching needs and can be rebuilt at any time.
import { orgNumberDigits } from '../../shared/swedish-ids';
import { HashMultimap } from './hash-multimap';
import { AcronymIndex } from './matcher.acronyms';
import { DEFAULT_LIMIT, MAX_NAME_TOKENS, MAX_QUERY_WORK, REFER_THRESHOLD } from './matcher.constants';
import {
  addPostings,
  countDistinctive,
  EntryStore,
  NAME_END,
  packTemplates,
  PostingScratch,
  tokenIdOf,
  type PackedToken,
} from './matcher.entries';
import { explain, type ExplainInput } from './matcher.explain';
import { analyseQuery, type QueryAnalysis } from './matcher.query';
import { Retriever } from './matcher.retrieve';
import { explainScore, scoreName } from './matcher.score';
import type { MatchableEntry, MatchHit, MatchMethod, MatchQuery, SearchOptions } from './matcher.types';
import { Vocabulary } from './matcher.vocabulary';
import { matcherWork } from './matcher.work';
import { digitsHash, personalNumberDigits, surface } from './matcher.ids';
import {
  acronymsOfTemplates,
  normaliseName,
  templatesOfName,
  type NormalisedName,
  type TokenTemplate,
} from './normalise';

export { personalNumberDigits } from './matcher.ids';

/**
 * A name normalised as the index reads it: with no more tokens than any name may bring
 * (MAX_NAME_TOKENS). What the matcher-version table test records.
 */
export function normaliseBounded(text: string): NormalisedName {
  const n = normaliseName(text);
  return n.tokens.length > MAX_NAME_TOKENS ? { ...n, tokens: n.tokens.slice(0, MAX_NAME_TOKENS) } : n;
}

export interface AddOptions {
  /**
   * Index the entry but keep it out of every search until `reveal`: a cache applying a batch of
   * changes in slices shows all of them at once, never half a batch.
   */
  hidden?: boolean;
}

interface Candidate {
  slot: number;
  score: number;
  method: MatchMethod;
  nameIndex: number;
  /** Which query analysis produced the name score (-1: none). */
  analysis: number;
  idMatched?: 'org_number' | 'personal_number';
  acronym?: string;
}

/** Ties break by entry id, by code unit: deterministic and far cheaper than localeCompare. */
const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export class MatcherIndex {
  private readonly vocab = new Vocabulary();
  private readonly store = new EntryStore();
  private readonly orgIndex = new HashMultimap();
  private readonly personIndex = new HashMultimap();
  private readonly acronyms = new AcronymIndex(this.vocab, this.store);
  private readonly retriever = new Retriever(this.vocab, this.store);
  /** Person entries indexed: without any, a query need not allow for how persons score. */
  private persons = 0;
  /** Scratch lists of `add`, reused from entry to entry. */
  private readonly nameTemplates: TokenTemplate[] = [];
  private readonly nameWordOf: number[] = [];
  private readonly postingScratch = new PostingScratch();

  get size(): number {
    return this.store.size;
  }

  /** Adds an entry, replacing any entry with the same id. */
  add(entry: MatchableEntry, options: AddOptions = {}): void {
    if (this.store.slotOf(entry.id) !== undefined) this.remove(entry.id);
    // A million entries go through here: small arrays instead of a Set and Maps per entry, since
    // an entry has one to a few names of a few tokens each (allocation was a good part of the build).
    const texts: string[] = [];
    const packed: PackedToken[] = [];
    /** Names that gave no token: seen, so a repeat is skipped, but not stored. */
    let empty: string[] | null = null;
    let acronyms: string[] | null = null;
    let distinctive = 255;
    const aliases = entry.aliases;
    for (let n = -1; n < aliases.length; n++) {
      const trimmed = (n < 0 ? entry.name : aliases[n]!).trim();
      if (trimmed === '' || texts.includes(trimmed) || (empty !== null && empty.includes(trimmed))) continue;
      matcherWork.units += trimmed.length;
      // As normaliseBounded reads the name, without making token objects.
      const templates = this.nameTemplates;
      const wordOf = this.nameWordOf;
      const allLexicon = templatesOfName(trimmed, templates, wordOf);
      const count = Math.min(templates.length, MAX_NAME_TOKENS);
      if (count === 0) {
        (empty ??= []).push(trimmed);
        continue;
      }
      texts.push(trimmed);
      const start = packed.length;
      packTemplates(templates, wordOf, count, allLexicon, this.vocab, packed);
      distinctive = Math.min(distinctive, countDistinctive(packed, this.vocab, start));
      packed.push(NAME_END);
      // A person's initials are not a name anyone goes by; an association's often are.
      if (entry.subjectKind === 'organisation') {
        for (const a of acronymsOfTemplates(templates, wordOf, count, allLexicon)) {
          if (acronyms === null) acronyms = [a];
          else if (!acronyms.includes(a)) acronyms.push(a);
        }
      }
    }
    const org = entry.orgNumber ? orgNumberDigits(entry.orgNumber) : null;
    const person = entry.personalNumber ? personalNumberDigits(entry.personalNumber) : null;
    if (entry.subjectKind === 'person') this.persons++;
    const slot = this.store.put(
      entry.id,
      entry.subjectKind,
      texts,
      packed,
      texts.length > 0 ? distinctive : 0,
      org,
      person,
      options.hidden === true,
    );
    addPostings(this.vocab, packed, slot, this.postingScratch);
    if (acronyms !== null) this.acronyms.add(slot, acronyms);
    if (org) this.orgIndex.add(digitsHash(org), slot);
    if (person) this.personIndex.add(digitsHash(person), slot);
  }

  /** Makes a hidden entry searchable. Returns false if it is not indexed. */
  reveal(entryId: string): boolean {
    const slot = this.store.slotOf(entryId);
    if (slot === undefined) return false;
    this.store.hidden[slot] = 0;
    return true;
  }

  /** Keeps an entry out of searches at once; `remove` frees it later. */
  hide(entryId: string): boolean {
    const slot = this.store.slotOf(entryId);
    if (slot === undefined) return false;
    this.store.hidden[slot] = 1;
    return true;
  }

  isHidden(entryId: string): boolean {
    const slot = this.store.slotOf(entryId);
    return slot !== undefined && this.store.hidden[slot] === 1;
  }

  /** Merges postings added since the last search, so the next search does not pay for it. */
  flush(): void {
    this.vocab.flush();
  }

  /** Postings added since the last search or flush. */
  get pendingPostings(): number {
    return this.vocab.pendingPostings;
  }

  /** Removes an entry; afterwards no search can return it. Returns false if it was not indexed. */
  remove(entryId: string): boolean {
    const slot = this.store.slotOf(entryId);
    if (slot === undefined) return false;
    for (const p of new Set(this.store.tokens[slot] ?? []))
      if (p !== NAME_END) this.vocab.removePosting(tokenIdOf(p), slot);
    this.acronyms.remove(slot);
    const org = this.store.orgDigits[slot]!;
    if (!Number.isNaN(org)) this.orgIndex.remove(digitsHash(org), slot);
    const person = this.store.personDigits[slot]!;
    if (!Number.isNaN(person)) this.personIndex.remove(digitsHash(person), slot);
    if (this.store.isKind(slot, 'person')) this.persons--;
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
      if (this.store.hidden[c.slot] === 1) return;
      if (query.subjectKind && !this.store.isKind(c.slot, query.subjectKind)) return;
      const map = c.idMatched ? byId : byName;
      const prev = map.get(c.slot);
      if (!prev || c.score > prev.score) map.set(c.slot, c);
    };

    this.searchIds(query, consider);
    const normalised = query.name ? normaliseBounded(query.name) : null;
    const analyses =
      normalised && normalised.tokens.length > 0 ? analyseQuery(normalised, this.vocab, this.size) : [];
    // Candidates come best bound first when there are many; scoring stops when the budget is spent.
    const budget = matcherWork.units + MAX_QUERY_WORK;
    analyses.forEach((analysis, ai) => {
      // Only a query for persons allows for how persons score: a query of every kind keeps the
      // organisations' tighter bound (and its speed), and may miss a person written with fewer names.
      const persons = query.subjectKind === 'person' && this.persons > 0;
      for (const slot of this.retriever.candidates(analysis.tokens, minScore, persons)) {
        if (matcherWork.units > budget) break;
        if (this.store.hidden[slot] === 1) continue;
        const best = this.bestName(slot, analysis);
        if (best.score >= minScore)
          consider({ slot, score: best.score, method: 'name', nameIndex: best.nameIndex, analysis: ai });
      }
    });
    if (normalised) {
      this.acronyms.search(normalised, minScore, (h) => consider({ ...h, method: 'acronym', analysis: -1 }));
    }

    const merged = [...byName.values()].filter((c) => !byId.has(c.slot));
    for (const c of byId.values()) {
      const named = byName.get(c.slot);
      merged.push(named ? { ...named, score: 1, method: c.method, idMatched: c.idMatched! } : c);
    }
    const ids = this.store.ids;
    // Equal scores (e.g. "ÄS" and "ÅS" both fold to "as"): the name written exactly as asked wins,
    // then the id, so the order never depends on insertion order.
    const asked = query.name ? surface(query.name) : null;
    const exact = (c: Candidate) => (asked !== null && this.nameText(c) === asked ? 0 : 1);
    const accept = options.accept;
    return merged
      .filter((c) => c.score >= minScore && (accept === undefined || accept(ids[c.slot]!)))
      .sort((a, b) => b.score - a.score || exact(a) - exact(b) || compareIds(ids[a.slot]!, ids[b.slot]!))
      .slice(0, limit)
      .map((c) => this.toHit(c, normalised, analyses));
  }

  private searchIds(query: MatchQuery, consider: (c: Candidate) => void): void {
    const org = query.orgNumber ? orgNumberDigits(query.orgNumber) : null;
    if (org) {
      const value = Number(org);
      this.orgIndex.forEach(digitsHash(value), (slot) => {
        if (this.store.orgDigits[slot] !== value) return;
        consider({
          slot,
          score: 1,
          method: 'org_number',
          nameIndex: 0,
          analysis: -1,
          idMatched: 'org_number',
        });
      });
    }
    const person = query.personalNumber ? personalNumberDigits(query.personalNumber) : null;
    if (person) {
      const value = Number(person);
      this.personIndex.forEach(digitsHash(value), (slot) => {
        if (this.store.personDigits[slot] !== value) return;
        consider({
          slot,
          score: 1,
          method: 'personal_number',
          nameIndex: 0,
          analysis: -1,
          idMatched: 'personal_number',
        });
      });
    }
  }

  /** The entry's best-scoring name for this reading of the query. */
  private bestName(slot: number, analysis: QueryAnalysis): { nameIndex: number; score: number } {
    const packed = this.store.tokens[slot]!;
    const person = this.store.isKind(slot, 'person');
    let best = { nameIndex: -1, score: -1 };
    let start = 0;
    let nameIndex = 0;
    for (let i = 0; i < packed.length; i++) {
      if (packed[i] !== NAME_END) continue;
      const score = scoreName(analysis.tokens, packed, start, i, this.vocab, this.size, undefined, person);
      if (score > best.score) best = { nameIndex, score };
      nameIndex++;
      start = i + 1;
    }
    return best;
  }

  /** The candidate's matched name as written, case-folded (for tie-breaking only). */
  private nameText(c: Candidate): string | null {
    const texts = this.store.texts[c.slot];
    const text = Array.isArray(texts) ? texts[Math.max(0, c.nameIndex)] : texts;
    return text ? surface(text) : null;
  }

  private toHit(c: Candidate, query: NormalisedName | null, analyses: QueryAnalysis[]): MatchHit {
    const names = this.store.names(c.slot);
    let nameIndex = c.nameIndex;
    let analysis = c.analysis;
    // An id-number hit still shows how its names compare, so a coordinator sees a renamed association.
    if (analysis < 0 && c.idMatched && analyses[0]) {
      analysis = 0;
      nameIndex = this.bestName(c.slot, analyses[0]).nameIndex;
    }
    const matchedName = names[nameIndex]?.text ?? names[0]?.text ?? '';
    const score = Math.round(Math.min(1, Math.max(0, c.score)) * 10000) / 10000;
    const input: ExplainInput = { method: c.method, score, matchedName };
    if (c.idMatched) input.idNumber = { kind: c.idMatched, matched: true };
    const tokens = analyses[analysis]?.tokens;
    if (tokens && query && names[nameIndex]) {
      input.evidence = {
        query,
        tokens,
        name: normaliseBounded(matchedName),
        scored: explainScore(
          tokens,
          names[nameIndex]!.tokens,
          this.vocab,
          this.size,
          this.store.isKind(c.slot, 'person'),
        ),
      };
    }
    if (c.acronym) input.acronym = { acronym: c.acronym, expandsTo: matchedName };
    return { entryId: this.store.ids[c.slot]!, score, matchedName, explanation: explain(input) };
  }
}
