import type { MatchExplanation } from '../watchlist/matcher';
import { label } from './web.labels.sv';

// The matcher explains each hit in a structure (and an English summary for the API). Coordinators,
// investigators and case officers read it here in Swedish: what matched, how closely, and why.

const pct = (n: number) => `${Math.round(n * 100)} %`;

function isExplanation(e: unknown): e is MatchExplanation {
  return (
    typeof e === 'object' &&
    e !== null &&
    'method' in e &&
    'pairs' in e &&
    Array.isArray((e as MatchExplanation).pairs)
  );
}

/** Sentences explaining one hit; empty when the explanation is not in a form this version knows. */
export function explainMatch(e: unknown): string[] {
  if (!isExplanation(e)) return [];
  const out: string[] = [];
  out.push(`Träffen bygger på ${label('matchMethod', e.method)}.`);
  if (e.idNumber) {
    const what = e.idNumber.kind === 'org_number' ? 'Organisationsnumret' : 'Personnumret';
    out.push(
      e.idNumber.matched
        ? `${what} stämmer exakt.`
        : `${what} stämmer inte: namnlikheten är det enda sambandet.`,
    );
  }
  if (e.nameScore !== null) out.push(`Namnet liknar ”${e.matchedName}” till ${pct(e.nameScore)}.`);
  if (e.pairs.length > 0) {
    // A word can pair twice (whole and as a compound's part); people need to read it once.
    const seen = new Set<string>();
    const unique = e.pairs.filter((p) => {
      const key = `${p.query}\u0000${p.entry}`;
      return seen.has(key) ? false : (seen.add(key), true);
    });
    const pairs = unique.map((p) => {
      const same = p.query.toLowerCase() === p.entry.toLowerCase();
      const text = same ? `”${p.query}”` : `”${p.query}” ≈ ”${p.entry}”`;
      return p.edits > 0 ? `${text} (${p.edits} tecken skiljer)` : text;
    });
    out.push(`Ord som motsvarar varandra: ${pairs.join(', ')}.`);
  }
  const unpaired = [...e.unmatchedQueryTokens, ...e.unmatchedEntryTokens].filter((t) => t.weight >= 0.05);
  if (unpaired.length > 0)
    out.push(`Ord utan motsvarighet: ${unpaired.map((t) => `”${t.token}”`).join(', ')}.`);
  if (e.acronym)
    out.push(`”${e.acronym.acronym.toUpperCase()}” är en förkortning av ”${e.acronym.expandsTo}”.`);
  const norms = e.normalisations.map((n) => label('normalisation', n));
  if (norms.length > 0) out.push(`Skillnader som inte räknas: ${norms.join('; ')}.`);
  return out;
}
