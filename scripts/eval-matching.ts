// Measures the matcher on a labelled set: npm run eval:matching -- DIR [--failures]
// DIR holds watchlist.csv (the import format plus an evaluation-only `ref` column) and queries.csv
// (query_name,query_org,label,kind,expected[,subject_kind]). A no_match row with an `expected` entry
// is a labelled pair: it counts as referred only when that entry is hit (the international set,
// test/fixtures/matching-intl); without one, when any entry is. Precision, recall and F1 are printed
// per subject kind: a match row is a true positive when its expected entry is referred. The list goes the service's own way: imported by the CSV
// import service into an in-memory database, then loaded into the watchlist index the premises check
// and screenings search. The evaluation clock stands the day before the earliest review_by, so fixed
// evaluation data keeps passing the import's review-date window as the calendar moves on.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { addDays } from '../src/clock';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/db/connection';
import { prepareDeps } from '../src/startup';
import { REFER_THRESHOLD } from '../src/watchlist/matcher';
import { FINDING_CATEGORIES } from '../src/shared/finding-categories';
import { parseCsv } from '../src/watchlist/watchlist.csv';
import { importCsv } from '../src/watchlist/watchlist.import';

/** Hits asked for per query: enough that a labelled pair's entry is found among look-alikes. */
const PAIR_LIMIT = 20;

interface Tally {
  n: number;
  referred: number;
  top1: number;
}

/**
 * The import format now has a `category` column (issue 11 point 7). A set written before it gets
 * one: the `reason` when that names a finding category (the dev set's reasons do), else VBE's.
 */
function withCategory(text: string): string {
  const { records } = parseCsv(text);
  const header = records[0]!.fields;
  if (header.includes('category')) return text;
  const reason = column(header, 'reason');
  const categories: readonly string[] = FINDING_CATEGORIES;
  const quote = (f: string) => `"${f.replace(/"/g, '""')}"`;
  return [
    [...header, 'category'],
    ...records
      .slice(1)
      .map((r) => [
        ...r.fields,
        categories.includes(r.fields[reason]!) ? r.fields[reason]! : 'supports_violent_extremism',
      ]),
  ]
    .map((fields) => fields.map(quote).join(','))
    .join('\n');
}

function column(header: string[], name: string): number {
  const i = header.indexOf(name);
  if (i < 0) throw new Error(`column ${name} missing`);
  return i;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const dir = args.find((a) => !a.startsWith('--'));
  const showFailures = args.includes('--failures');
  if (!dir) throw new Error('usage: npm run eval:matching -- DIR [--failures]');

  const watchlistText = withCategory(readFileSync(join(dir, 'watchlist.csv'), 'utf8'));
  // `ref` is not part of the import format: map it to the entry id by line, for evaluation only.
  const { records } = parseCsv(watchlistText);
  const header = records[0]!.fields;
  const refCol = column(header, 'ref');
  const reviewCol = column(header, 'review_by');
  const refByLine = new Map(records.slice(1).map((r) => [r.line, r.fields[refCol]!]));
  const earliest = records
    .slice(1)
    .map((r) => r.fields[reviewCol]!)
    .filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))
    .sort()[0];
  const today = addDays(earliest ?? '2026-01-01', -1);
  const clock = { now: () => new Date(`${today}T12:00:00Z`) };

  const handle = await openDatabase({ dataDir: 'memory://' });
  const deps = await prepareDeps(
    handle,
    loadConfig({ LOG_LEVEL: 'silent' }),
    clock,
    pino({ level: 'silent' }),
  );
  const buildStart = performance.now();
  const imported = await importCsv(deps, 'eval', watchlistText, { keepEntries: true });
  const lineOf = new Map<string, number>();
  // importCsv returns the entries in file order, one per accepted line.
  const acceptedLines = [...refByLine.keys()].filter(
    (line) => !imported.rejected.some((r) => r.line === line),
  );
  imported.entries!.forEach((e, i) => lineOf.set(e.id, acceptedLines[i]!));
  await deps.watchlist.refresh();
  const buildMs = performance.now() - buildStart;
  const refOf = (entryId: string) => refByLine.get(lineOf.get(entryId)!);

  const queries = parseCsv(readFileSync(join(dir, 'queries.csv'), 'utf8')).records;
  const h = queries[0]!.fields;
  const [qName, qOrg, qLabel, qKind, qExpected] = [
    'query_name',
    'query_org',
    'label',
    'kind',
    'expected',
  ].map((c) => column(h, c)) as [number, number, number, number, number];
  const qSubject = h.indexOf('subject_kind');
  const confusion = new Map<string, { tp: number; fp: number; fn: number }>();

  const byKind = new Map<string, Tally & { label: string }>();
  const overall = { match: { n: 0, referred: 0, top1: 0 }, no_match: { n: 0, referred: 0, top1: 0 } };
  const failures: string[] = [];
  const queryStart = performance.now();
  for (const q of queries.slice(1)) {
    const f = q.fields;
    const label = f[qLabel] === 'match' ? 'match' : 'no_match';
    // The premises check's own search: any hit at or above the threshold makes the answer "refer".
    const subjectKind = qSubject >= 0 && f[qSubject] === 'person' ? 'person' : 'organisation';
    const hits = deps.watchlist.search(
      { name: f[qName], orgNumber: f[qOrg] || null, subjectKind },
      today,
      PAIR_LIMIT,
    );
    const pairHit = hits.some((hit) => refOf(hit.entryId) === f[qExpected]);
    const referred = label === 'no_match' && f[qExpected] ? pairHit : hits.length > 0;
    const top1 = label === 'match' && hits[0] !== undefined && refOf(hits[0].entryId) === f[qExpected];
    const c = confusion.get(subjectKind) ?? { tp: 0, fp: 0, fn: 0 };
    confusion.set(subjectKind, c);
    if (label === 'match') {
      if (pairHit) c.tp++;
      else c.fn++;
    } else if (referred) c.fp++;
    const kind = f[qKind]!;
    const t = byKind.get(kind) ?? { n: 0, referred: 0, top1: 0, label };
    byKind.set(kind, t);
    for (const tally of [t, overall[label]]) {
      tally.n++;
      if (referred) tally.referred++;
      if (top1) tally.top1++;
    }
    if (showFailures && (label === 'match' ? !top1 || !pairHit : referred)) {
      const best = hits[0];
      failures.push(
        `${kind.padEnd(14)} ${JSON.stringify(f[qName])} ${f[qOrg] ?? ''} expected=${f[qExpected] || '-'} ` +
          (best
            ? `got=${refOf(best.entryId)} ${best.score} "${best.matchedName}" | ${best.explanation.summary}`
            : 'no hit'),
      );
    }
  }
  const queryMs = performance.now() - queryStart;

  const pct = (x: number, n: number): string => (n === 0 ? '   -  ' : (x / n).toFixed(4));
  const rows: string[][] = [['kind', 'label', 'n', 'referred', 'top-1']];
  for (const [kind, t] of [...byKind.entries()].sort(
    (a, b) => a[1].label.localeCompare(b[1].label) || a[0].localeCompare(b[0]),
  )) {
    rows.push([
      kind,
      t.label,
      String(t.n),
      pct(t.referred, t.n),
      t.label === 'match' ? pct(t.top1, t.n) : '',
    ]);
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const fmt = (r: string[]): string =>
    r.map((cell, c) => (c === 0 || c === 1 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');

  if (failures.length > 0) console.log(failures.join('\n') + '\n');
  console.log(
    `watchlist: ${imported.imported} entries imported through the CSV import service, ${imported.rejected.length} rejected; imported and indexed in ${buildMs.toFixed(0)} ms`,
  );
  for (const r of imported.rejected) console.log(`  rejected line ${r.line}: ${r.error}`);
  console.log(
    `queries: ${queries.length - 1} in ${queryMs.toFixed(0)} ms; REFER_THRESHOLD ${REFER_THRESHOLD}\n`,
  );
  console.log(fmt(rows[0]!));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows.slice(1)) console.log(fmt(r));
  console.log('');
  console.log(
    `recall (match referred)          ${pct(overall.match.referred, overall.match.n)}  (target ≥ 0.99)`,
  );
  console.log(
    `false-positive rate (no_match)   ${pct(overall.no_match.referred, overall.no_match.n)}  (target ≤ 0.01)`,
  );
  console.log(
    `top-1 accuracy (match)           ${pct(overall.match.top1, overall.match.n)}  (target ≥ 0.99)`,
  );
  console.log('\nsubject kind   precision  recall  F1      (match: its expected entry referred)');
  for (const [kind, c] of [...confusion.entries()].sort()) {
    const precision = c.tp / (c.tp + c.fp || 1);
    const recall = c.tp / (c.tp + c.fn || 1);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    console.log(
      `${kind.padEnd(13)}  ${precision.toFixed(4)}     ${recall.toFixed(4)}  ${f1.toFixed(4)}  (tp ${c.tp}, fp ${c.fp}, fn ${c.fn})`,
    );
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
