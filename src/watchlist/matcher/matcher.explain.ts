// Turns the internals of a hit into the JSON a coordinator reads and a screening stores. Everything
// here runs only for the few hits returned, so it may re-normalise the matched name for its words.
import { MATCHER_VERSION } from './matcher.constants';
import type { QueryToken } from './matcher.query';
import type { NameScore } from './matcher.score';
import type { ExplainedPair, MatchExplanation, MatchMethod } from './matcher.types';
import { TokenTier, type NormalisedName, type NormToken, type Normalisation } from './normalise';

const round = (x: number): number => Math.round(x * 1000) / 1000;

export interface NameEvidence {
  query: NormalisedName;
  tokens: QueryToken[];
  name: NormalisedName;
  scored: NameScore;
}

export interface AcronymEvidence {
  acronym: string;
  expandsTo: string;
}

export interface ExplainInput {
  method: MatchMethod;
  score: number;
  matchedName: string;
  idNumber?: MatchExplanation['idNumber'];
  evidence?: NameEvidence;
  acronym?: AcronymEvidence;
}

const LOW_WEIGHT: ReadonlySet<Normalisation> = new Set(['legal_form_low_weight', 'class_word_low_weight']);

/**
 * Normalisations worth reporting for a pair: those that made two different spellings meet. A step
 * both sides went through (both dropped a genitive -s) is not what made them meet, so only steps
 * applied on one side count.
 */
function pairNormalisations(q: NormToken, e: NormToken, out: Set<Normalisation>): void {
  if (q.written === e.written) return;
  if (q.surface === e.surface) {
    out.add('case_fold');
    return;
  }
  if (
    (q.translit !== undefined && q.translit === e.key) ||
    (e.translit !== undefined && e.translit === q.key)
  ) {
    out.add('transliteration_fold');
  }
  for (const a of q.applied) if (!LOW_WEIGHT.has(a) && !e.applied.includes(a)) out.add(a);
  for (const a of e.applied) if (!LOW_WEIGHT.has(a) && !q.applied.includes(a)) out.add(a);
}

function describePairs(pairs: ExplainedPair[]): string {
  return pairs
    .map((p) =>
      p.edits === 0 ? p.query : `${p.query}≈${p.entry} (${p.edits} edit${p.edits > 1 ? 's' : ''})`,
    )
    .join(', ');
}

export function explain(input: ExplainInput): MatchExplanation {
  const normalisations = new Set<Normalisation>();
  const out: MatchExplanation = {
    method: input.method,
    matcherVersion: MATCHER_VERSION,
    matchedName: input.matchedName,
    nameScore: null,
    pairs: [],
    unmatchedQueryTokens: [],
    unmatchedEntryTokens: [],
    normalisations: [],
    summary: '',
  };
  if (input.idNumber) out.idNumber = input.idNumber;
  const parts: string[] = [];
  if (input.idNumber?.matched) {
    parts.push(
      input.idNumber.kind === 'org_number' ? 'Organisationsnummer matches' : 'Personal number matches',
    );
  }

  const ev = input.evidence;
  if (ev) {
    const { scored, tokens, name } = ev;
    const share = (w: number): number => round(w / scored.total);
    out.nameScore = round(scored.score);
    for (const a of ev.query.applied) if (a !== 'case_fold') normalisations.add(a);
    out.pairs = scored.pairs.map((p) => {
      const q = tokens[p.q]!;
      const e = name.tokens[p.e]!;
      pairNormalisations(q, e, normalisations);
      const pair: ExplainedPair = {
        query: q.written,
        entry: e.written,
        similarity: round(p.similarity),
        weight: share(p.mass),
        edits: p.edits,
      };
      if (q.via) {
        pair.via = q.via;
        normalisations.add(q.via);
      }
      return pair;
    });
    out.unmatchedQueryTokens = scored.unmatchedQuery.map((i) => ({
      token: tokens[i]!.written,
      weight: share(scored.queryWeights[i]!),
    }));
    out.unmatchedEntryTokens = scored.unmatchedEntry.map((i) => ({
      token: name.tokens[i]!.written,
      weight: share(scored.entryWeights[i]!),
    }));
    const lowWeight = [
      ...scored.unmatchedQuery.map((i) => tokens[i]!),
      ...scored.unmatchedEntry.map((i) => name.tokens[i]!),
    ];
    const legal = lowWeight.filter((t) => t.tier === TokenTier.Legal);
    if (legal.length > 0) normalisations.add('legal_form_low_weight');
    if (lowWeight.some((t) => t.tier === TokenTier.Class)) normalisations.add('class_word_low_weight');

    parts.push(
      `Name ${round(scored.score)} against "${input.matchedName}": ${out.pairs.length} of ${tokens.length} ` +
        `query token${tokens.length === 1 ? '' : 's'} paired (${describePairs(out.pairs)})`,
    );
    const unpaired = [...out.unmatchedQueryTokens, ...out.unmatchedEntryTokens].filter(
      (t) => t.weight >= 0.05,
    );
    if (unpaired.length > 0) parts.push(`unpaired: ${unpaired.map((t) => t.token).join(', ')}`);
    if (legal.length > 0)
      parts.push(`legal-form words weigh little (${legal.map((t) => t.written).join(', ')})`);
  }

  if (input.acronym) {
    out.acronym = input.acronym;
    normalisations.add('acronym');
    parts.push(`"${input.acronym.acronym.toUpperCase()}" is the acronym of "${input.acronym.expandsTo}"`);
  }
  out.normalisations = [...normalisations].sort();
  if (out.normalisations.length > 0) parts.push(`normalised: ${out.normalisations.join(', ')}`);
  out.summary = `${parts.join('; ')}. Score ${round(input.score)}.`;
  return out;
}
