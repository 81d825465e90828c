// Measures the matcher on a labelled set: npm run eval:matching -- DIR [--failures]
// DIR holds watchlist.csv (the import format plus an evaluation-only `ref` column) and queries.csv
// (query_name,query_org,label,kind,expected). The list is loaded through the CSV import code path;
// its review_by window check is skipped (today: null) because fixed evaluation data would otherwise
// start failing as the calendar moves on, and matching does not depend on review dates.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MatcherIndex, REFER_THRESHOLD } from '../src/watchlist/matcher';
import { parseCsv, parseWatchlistCsv } from '../src/watchlist/watchlist.csv';

interface Tally {
  n: number;
  referred: number;
  top1: number;
}

function column(header: string[], name: string): number {
  const i = header.indexOf(name);
  if (i < 0) throw new Error(`column ${name} missing`);
  return i;
}

function main(): void {
  const args = process.argv.slice(2);
  const dir = args.find((a) => !a.startsWith('--'));
  const showFailures = args.includes('--failures');
  if (!dir) throw new Error('usage: npm run eval:matching -- DIR [--failures]');

  const watchlistText = readFileSync(join(dir, 'watchlist.csv'), 'utf8');
  const imported = parseWatchlistCsv(watchlistText, { today: null });
  // `ref` is not part of the import format: map it to the entry id by line, for evaluation only.
  const { records } = parseCsv(watchlistText);
  const refCol = column(records[0]!.fields, 'ref');
  const refByLine = new Map(records.slice(1).map((r) => [r.line, r.fields[refCol]!]));

  const index = new MatcherIndex();
  const buildStart = performance.now();
  for (const { line, value } of imported.rows) {
    index.add({
      id: refByLine.get(line)!,
      subjectKind: value.subjectKind,
      name: value.name,
      aliases: value.aliases,
      orgNumber: value.orgNumber,
    });
  }
  const buildMs = performance.now() - buildStart;

  const queries = parseCsv(readFileSync(join(dir, 'queries.csv'), 'utf8')).records;
  const h = queries[0]!.fields;
  const [qName, qOrg, qLabel, qKind, qExpected] = [
    'query_name',
    'query_org',
    'label',
    'kind',
    'expected',
  ].map((c) => column(h, c)) as [number, number, number, number, number];

  const byKind = new Map<string, Tally & { label: string }>();
  const overall = { match: { n: 0, referred: 0, top1: 0 }, no_match: { n: 0, referred: 0, top1: 0 } };
  const failures: string[] = [];
  const queryStart = performance.now();
  for (const q of queries.slice(1)) {
    const f = q.fields;
    const label = f[qLabel] === 'match' ? 'match' : 'no_match';
    const hits = index.search({ name: f[qName], orgNumber: f[qOrg] || null }, { minScore: REFER_THRESHOLD });
    const referred = hits.length > 0;
    const top1 = label === 'match' && hits[0]?.entryId === f[qExpected];
    const kind = f[qKind]!;
    const t = byKind.get(kind) ?? { n: 0, referred: 0, top1: 0, label };
    byKind.set(kind, t);
    for (const tally of [t, overall[label]]) {
      tally.n++;
      if (referred) tally.referred++;
      if (top1) tally.top1++;
    }
    if (showFailures && (label === 'match' ? !top1 : referred)) {
      const best = hits[0];
      failures.push(
        `${kind.padEnd(14)} ${JSON.stringify(f[qName])} ${f[qOrg] ?? ''} expected=${f[qExpected] || '-'} ` +
          (best
            ? `got=${best.entryId} ${best.score} "${best.matchedName}" | ${best.explanation.summary}`
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
    `watchlist: ${imported.rows.length} entries imported, ${imported.rejected.length} rejected; index built in ${buildMs.toFixed(0)} ms`,
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
    `recall (match referred)          ${pct(overall.match.referred, overall.match.n)}  (target ≥ 0.98)`,
  );
  console.log(
    `false-positive rate (no_match)   ${pct(overall.no_match.referred, overall.no_match.n)}  (target ≤ 0.02)`,
  );
  console.log(
    `top-1 accuracy (match)           ${pct(overall.match.top1, overall.match.n)}  (target ≥ 0.97)`,
  );
}

main();
