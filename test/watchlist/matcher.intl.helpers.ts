import { MatcherIndex, type SubjectKind } from '../../src/watchlist/matcher';

// Other entries beside the one under test, so word weights are those of a list and not of a
// one-entry index (where every word is equally rare).
const FILLER_ORGS = [
  'Northwind Shipping Ltd', 'Amber Coast Logistics GmbH', 'Danube Steelworks AG', 'Ural Machinery JSC',
  'Caspian Drilling LLC', 'Rhein Pharma GmbH', 'Adriatic Ferries S.p.A.', 'Andes Copper S.A.',
  'Mekong Rice Co.', 'Silver Birch Holdings Inc.', 'Meridian Capital Partners', 'Zenith Aerospace Corp.',
  'Red Sea Trading', 'Baltic Shipping AB', 'Nordic Bank', 'Kalahari Diamonds Ltd',
]; // prettier-ignore
const FILLER_PERSONS = [
  'Johan Lindqvist', 'Peter Smith', 'Maria Rossi', 'Hans Müller', 'Olga Smirnova', 'Ahmed Mansour',
  'Fatima Haddad', 'Karin Nilsson', 'Pierre Dubois', 'Carlos García', 'Mehmet Yilmaz', 'Jukka Virtanen',
  'Sergey Ivanov', 'Eleni Georgiou', 'Tomasz Nowak', 'Sarah Walker',
]; // prettier-ignore

/** Whether a query for `query` refers the entry `listed` (default threshold), among fillers. */
export function refers(kind: SubjectKind, listed: string, query: string): boolean {
  const index = new MatcherIndex();
  const fillers = kind === 'organisation' ? FILLER_ORGS : FILLER_PERSONS;
  fillers.forEach((name, i) => index.add({ id: `f${i}`, subjectKind: kind, name, aliases: [] }));
  index.add({ id: 'target', subjectKind: kind, name: listed, aliases: [] });
  return index.search({ name: query, subjectKind: kind }, { limit: 50 }).some((h) => h.entryId === 'target');
}

/** Asserts each pair is referred (both ways round) or not, listing the pairs that went wrong. */
export function expectPairs(kind: SubjectKind, pairs: Array<[string, string]>, referred: boolean): void {
  const wrong = pairs.flatMap(([a, b]) =>
    [
      [a, b],
      [b, a],
    ].filter(([listed, query]) => refers(kind, listed!, query!) !== referred),
  );
  expect(wrong).toEqual([]);
}
