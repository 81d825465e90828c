// Writes the international development set: test/fixtures/matching-intl/{watchlist,queries}.csv,
// labelled pairs of organisation and person names built by rule from the hand-written material in
// scripts/intl-devset.data.ts (seeded, so the same files come out every time).
//   npx tsx scripts/make-intl-devset.ts
// Each query row names the entry it is paired with (`expected`), also for a no_match row: the
// evaluation judges that pair, so a hard negative ("Agnes Berg" against "Anna Berg") is measured
// as such. Re-run after changing the material; never edit the CSV files by hand.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  FORMS,
  GIVEN,
  HARD_NEGATIVES,
  NUMBER_NEGATIVES,
  NUMBER_PAIRS,
  ORG_CORES,
  PARTICLE_SURNAMES,
  SCRIPT_NEGATIVES,
  SCRIPT_PAIRS,
  SPELLING_PAIRS,
  SURNAMES,
  TITLES,
  WRITTEN_PAIRS,
  type Form,
} from './intl-devset.data';

type Kind = 'organisation' | 'person';
type Label = 'match' | 'no_match';

let seed = 20261129;
/** mulberry32: small and seeded. */
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
function sample<T>(xs: readonly T[], n: number): T[] {
  const copy = [...xs];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, n);
}

const entries = new Map<string, { kind: Kind; name: string; ref: string }>();
const queries: Array<[string, Label, string, string, Kind]> = [];

function entry(kind: Kind, name: string): string {
  const key = `${kind}|${name}`;
  let e = entries.get(key);
  if (!e) {
    const n = [...entries.values()].filter((x) => x.kind === kind).length + 1;
    e = { kind, name, ref: `${kind === 'organisation' ? 'O' : 'P'}${String(n).padStart(4, '0')}` };
    entries.set(key, e);
  }
  return e.ref;
}
function pair(kind: Kind, listed: string, queried: string, label: Label, variant: string): void {
  if (listed === queried) return;
  queries.push([queried, label, variant, entry(kind, listed), kind]);
}

/** One typing mistake in a word of five letters or more, not in its first letter. */
function typo(name: string): string | null {
  const words = name.split(' ');
  const at = words.map((w, i) => (/^\p{L}{5,}$/u.test(w) ? i : -1)).filter((i) => i >= 0);
  if (at.length === 0) return null;
  const wi = pick(at);
  const w = words[wi]!;
  const p = 1 + Math.floor(random() * (w.length - 2));
  const kinds = [
    () => w.slice(0, p) + w[p + 1] + w[p] + w.slice(p + 2),
    () => w.slice(0, p) + w.slice(p + 1),
    () => w.slice(0, p) + (w[p] === 'e' ? 'a' : 'e') + w.slice(p + 1),
  ];
  words[wi] = pick(kinds)();
  return words.join(' ');
}

const strip = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '');
const PREFIXED = new Set(['OOO', 'JSC', 'PJSC', 'OJSC', 'CJSC']);
const orgName = (core: string, form: string, prefixed: boolean) =>
  prefixed ? `${form} ${core}` : `${core} ${form}`;

// Organisations: each core with one legal form, three variants that must match, two that must not.
ORG_CORES.forEach((core, i) => {
  const form: Form = FORMS[i % FORMS.length]!;
  const prefixed = PREFIXED.has(form.short) && random() < 0.5;
  const listed = orgName(core, form.short, prefixed);
  const variants: Array<[string, string | null]> = [
    ['org_legal_long', orgName(core, form.long, false)],
    ['org_legal_other', form.other ? orgName(core, form.other, !prefixed) : null],
    ['org_legal_drop', core],
    ['org_legal_moved', orgName(core, form.short, !prefixed)],
    ['org_case_punct', `${core.toUpperCase().replace(/ /g, ', ')} ${form.short}`],
    ['org_typo', typo(listed)],
    ['org_diacritics', strip(orgName(core, form.long, prefixed)).toLowerCase()],
    ['org_combined', typo(orgName(core, form.long, !prefixed).toUpperCase())],
  ];
  for (const [variant, q] of sample(
    variants.filter(([, q]) => q !== null),
    3,
  ))
    pair('organisation', listed, q!, 'match', variant);
  // Hard negatives: the same legal form with one word of the name replaced, and another name.
  const words = core.split(' ');
  const other = ORG_CORES[(i + 1 + Math.floor(random() * (ORG_CORES.length - 1))) % ORG_CORES.length]!;
  const swapped = [...words];
  const wi = Math.floor(random() * words.length);
  swapped[wi] = other.split(' ')[wi] ?? other.split(' ')[0]!;
  if (swapped.join(' ') !== core)
    pair(
      'organisation',
      listed,
      orgName(swapped.join(' '), form.long, false),
      'no_match',
      'org_neg_shared_word',
    );
  const third = ORG_CORES[(i + 7) % ORG_CORES.length]!;
  pair('organisation', listed, orgName(third, form.short, prefixed), 'no_match', 'org_neg_same_form');
});
for (const [listed, queried] of NUMBER_PAIRS) pair('organisation', listed, queried, 'match', 'org_number');
for (const [listed, queried] of NUMBER_NEGATIVES)
  pair('organisation', listed, queried, 'no_match', 'org_neg_number');
for (const [variant, listed, queried, label] of WRITTEN_PAIRS)
  pair('organisation', listed, queried, label, label === 'match' ? variant : `org_neg_${variant.slice(4)}`);

// Persons: invented combinations of common names, some with a middle name, a particle or a
// repeated given name.
const people: Array<{ given: string; middle?: string; surname: string; bare?: string }> = [];
const seen = new Set<string>();
while (people.length < 150) {
  const given = pick(GIVEN);
  const particle = random() < 0.1 ? pick(PARTICLE_SURNAMES) : null;
  const surname = particle ? particle[0] : pick(SURNAMES);
  const r = random();
  const middle = r < 0.35 ? pick(GIVEN) : r < 0.42 ? given : undefined;
  if (middle && middle !== given && middle[0] === given[0]) continue;
  const key = `${given} ${surname}`;
  if (seen.has(key)) continue;
  seen.add(key);
  people.push({ given, middle, surname, ...(particle ? { bare: particle[1] } : {}) });
}
const full = (p: (typeof people)[number]) => [p.given, p.middle, p.surname].filter(Boolean).join(' ');
for (const p of people) {
  const listed = full(p);
  const given = [p.given, p.middle].filter(Boolean).join(' ');
  const variants: Array<[string, string | null]> = [
    ['person_surname_first', `${p.surname.toUpperCase()}, ${given}`],
    ['person_surname_order', `${p.surname} ${given}`],
    ['person_title', `${pick(TITLES)} ${listed}`],
    ['person_initial', [`${p.given[0]}.`, p.middle, p.surname].filter(Boolean).join(' ')],
    ['person_middle_missing', p.middle ? `${p.given} ${p.surname}` : null],
    ['person_particle', p.bare ? `${given} ${p.bare}` : null],
    ['person_diacritics', strip(listed).toUpperCase()],
    ['person_typo', typo(listed)],
    ['person_combined', typo(`${p.surname.toUpperCase()}, ${pick(TITLES)} ${p.given}`)],
  ];
  // A repeated given name and a particle are the point of those entries: always tried.
  const chosen = sample(
    variants.filter(([v, q]) => q !== null && v !== 'person_particle'),
    p.middle === p.given ? 2 : 3,
  );
  if (p.bare) chosen.push(variants.find(([v]) => v === 'person_particle')!);
  if (p.middle === p.given) chosen.push(['person_repeated', `${p.given} ${p.surname}`]);
  for (const [variant, q] of chosen) pair('person', listed, q!, 'match', variant);

  // Hard negatives: another given name with the same surname, the same given name with another.
  let other = pick(GIVEN);
  while (other === p.given || other === p.middle) other = pick(GIVEN);
  pair('person', listed, `${other} ${p.surname}`, 'no_match', 'person_neg_same_surname');
  let surname = pick(SURNAMES);
  while (surname === p.surname) surname = pick(SURNAMES);
  pair('person', listed, `${p.given} ${surname}`, 'no_match', 'person_neg_same_given');
}
for (const [script, latin] of SCRIPT_PAIRS) pair('person', latin, script, 'match', 'person_script');
for (const [listed, queried] of SPELLING_PAIRS) pair('person', listed, queried, 'match', 'person_spelling');
for (const [script, latin] of SCRIPT_NEGATIVES)
  pair('person', latin, script, 'no_match', 'person_neg_script');

for (const [kind, listed, queried] of HARD_NEGATIVES)
  pair(kind, listed, queried, 'no_match', kind === 'person' ? 'person_neg_hard' : 'org_neg_hard');

const csv = (fields: string[]) => fields.map((f) => `"${f.replace(/"/g, '""')}"`).join(',');
const dir = join(__dirname, '..', 'test', 'fixtures', 'matching-intl');
mkdirSync(dir, { recursive: true });
writeFileSync(
  join(dir, 'watchlist.csv'),
  [
    'subject_kind,name,aliases,org_number,reason,source,review_by,ref',
    ...[...entries.values()].map((e) =>
      csv([
        e.kind,
        e.name,
        '',
        '',
        'supports_violent_extremism',
        `intl dev set ${e.ref}`,
        '2027-06-30',
        e.ref,
      ]),
    ),
  ].join('\n') + '\n',
);
writeFileSync(
  join(dir, 'queries.csv'),
  [
    'query_name,query_org,label,kind,expected,subject_kind',
    ...queries.map(([q, label, variant, ref, kind]) => csv([q, '', label, variant, ref, kind])),
  ].join('\n') + '\n',
);
console.log(`${entries.size} entries, ${queries.length} pairs written to ${dir}`);
