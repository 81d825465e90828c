// Matcher benchmark: index build time, heap, query latency and throughput at 100,000 and
// 1,000,000 synthetic entries, next to brute-force best-pairs Jaro-Winkler over every entry.
import { loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { MatcherIndex, REFER_THRESHOLD, type MatchableEntry } from '../../src/watchlist/matcher';
import { BruteForceJaroWinkler } from './brute-force-jw';
import { benchQueries, NameGenerator, type BenchQuery } from './synthetic-names';

/**
 * Threshold for the baseline: on the dev set (npm run eval:matching) best-pairs Jaro-Winkler reaches
 * recall 0.989 at 0.85 (false-positive rate 0.34); higher thresholds lose recall fast (0.925 at 0.9).
 */
const BASELINE_THRESHOLD = 0.85;
const QUERIES = 2000;
const WARM_UP = 200;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function memory(): number {
  gc();
  gc();
  const m = process.memoryUsage();
  // Typed arrays live outside the JS heap; count them, they are part of the index.
  return m.heapUsed + m.arrayBuffers;
}

interface Timing {
  p50: number;
  p95: number;
  p99: number;
  qps: number;
  referred: number;
}

function time(queries: BenchQuery[], run: (q: BenchQuery) => boolean): Timing {
  const latencies: number[] = [];
  let referredMatches = 0;
  const start = performance.now();
  for (const q of queries) {
    const t = performance.now();
    const referred = run(q);
    latencies.push(performance.now() - t);
    if (referred && q.expected) referredMatches++;
  }
  const total = performance.now() - start;
  latencies.sort((a, b) => a - b);
  const at = (p: number): number =>
    latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!;
  const matches = queries.filter((q) => q.expected).length;
  return {
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    qps: (queries.length / total) * 1000,
    referred: matches === 0 ? NaN : referredMatches / matches,
  };
}

function row(cells: Array<string | number>, widths: number[]): string {
  return cells
    .map((c, i) => (i === 0 ? String(c).padEnd(widths[i]!) : String(c).padStart(widths[i]!)))
    .join('  ');
}

async function benchSize(size: number, baselineQueries: number): Promise<string[][]> {
  const gen = new NameGenerator(20261126);
  const entries: MatchableEntry[] = [];
  for (let i = 0; i < size; i++) entries.push(gen.entry(i));
  const queries = benchQueries(entries, QUERIES + WARM_UP, size);

  const before = memory();
  const buildStart = performance.now();
  const cpuStart = process.cpuUsage();
  const index = new MatcherIndex();
  for (const e of entries) index.add(e);
  // The first search merges the postings added since the last one: part of getting ready to serve.
  index.search({ name: 'Föreningen' });
  const buildMs = performance.now() - buildStart;
  const cpu = process.cpuUsage(cpuStart);
  const buildCpuMs = (cpu.user + cpu.system) / 1000;
  const heap = memory() - before;

  for (const q of queries.slice(0, WARM_UP)) index.search({ name: q.name });
  const ours = time(queries.slice(WARM_UP), (q) => index.search({ name: q.name }).length > 0);
  const perKind = (['exact', 'typo', 'variant', 'nonmatch'] as const).map((kind) => {
    const t = time(
      queries.slice(WARM_UP).filter((q) => q.kind === kind),
      (q) => index.search({ name: q.name }).length > 0,
    );
    return [`  ${kind}`, '', '', t.p50.toFixed(2), t.p95.toFixed(2), t.p99.toFixed(2), t.qps.toFixed(0), ''];
  });

  // The baseline on an even sample of the same queries, so a million entries finish in minutes.
  const bfBefore = memory();
  const bfStart = performance.now();
  const baseline = new BruteForceJaroWinkler();
  for (const e of entries) baseline.add(e);
  const bfBuildMs = performance.now() - bfStart;
  const bfHeap = memory() - bfBefore;
  const step = Math.max(1, Math.floor(QUERIES / baselineQueries));
  const sample = queries
    .slice(WARM_UP)
    .filter((_, i) => i % step === 0)
    .slice(0, baselineQueries);
  const bf = time(sample, (q) => baseline.search(q.name, BASELINE_THRESHOLD).length > 0);
  const oursOnSample = time(sample, (q) => index.search({ name: q.name }).length > 0);

  const mb = (b: number): string => `${(b / 1024 / 1024).toFixed(0)} MB`;
  const n = size.toLocaleString('en-US');
  return [
    [
      `matcher, ${n}`,
      `${(buildMs / 1000).toFixed(1)} s (cpu ${(buildCpuMs / 1000).toFixed(1)})`,
      mb(heap),
      ours.p50.toFixed(2),
      ours.p95.toFixed(2),
      ours.p99.toFixed(2),
      ours.qps.toFixed(0),
      ours.referred.toFixed(3),
    ],
    ...perKind,
    [
      `  (same ${sample.length} as baseline)`,
      '',
      '',
      oursOnSample.p50.toFixed(2),
      oursOnSample.p95.toFixed(2),
      oursOnSample.p99.toFixed(2),
      oursOnSample.qps.toFixed(0),
      oursOnSample.referred.toFixed(3),
    ],
    [
      `brute-force JW, ${n}`,
      `${(bfBuildMs / 1000).toFixed(1)} s`,
      mb(bfHeap),
      bf.p50.toFixed(1),
      bf.p95.toFixed(1),
      bf.p99.toFixed(1),
      bf.qps.toFixed(1),
      bf.referred.toFixed(3),
    ],
    [
      `  speed-up (p50, same queries)`,
      '',
      '',
      `${(bf.p50 / oursOnSample.p50).toFixed(0)}×`,
      '',
      '',
      `${(oursOnSample.qps / bf.qps).toFixed(0)}×`,
      '',
    ],
  ];
}

export async function runMatcherBench(): Promise<void> {
  console.log(
    `Matcher benchmark (${QUERIES} queries per size, a quarter each exact/typo/variant/non-matching; ` +
      `refer at ${REFER_THRESHOLD}, baseline at ${BASELINE_THRESHOLD}; latency in ms; ` +
      `"referred" is the share of exact/typo/variant queries with a hit)`,
  );
  const header = ['index', 'build', 'heap', 'p50', 'p95', 'p99', 'qps', 'referred'];
  // The baseline takes about a second per query per 100,000 entries here, so it runs on a sample.
  const rows = [...(await benchSize(100_000, 40)), ...(await benchSize(1_000_000, 8))];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  console.log(row(header, widths));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(row(r, widths));
  // Other processes on the machine slow wall-clock numbers down; the load says how busy it was.
  console.log(
    `load average at the end: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
}
