// Issue 14 point 1, measured the way it was reported: what one watchlist entry with a very long alias
// costs the in-memory index (adding it, and a search afterwards), beside a 100,000-entry index. The
// API, CSV and pages refuse such an alias (300 characters at most, src/watchlist/watchlist.limits.ts);
// this goes straight to the matcher to show that its own bounds hold whatever it is given.
import { MatcherIndex, type MatchableEntry } from '../../src/watchlist/matcher';
import { NameGenerator } from './synthetic-names';

const BASE = 100_000;

/** Letters only, no spaces: one word as long as asked, the case that once exploded. */
function word(length: number, seed: number): string {
  const letters = 'abcdefghijklmnopqrstuvwxyzåäö';
  let x = seed;
  let out = '';
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    out += letters[x % letters.length];
  }
  return out;
}

/** CPU milliseconds (this thread and its helpers) and wall milliseconds of one call. */
function cost(run: () => void): { cpuMs: number; wallMs: number } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  run();
  const used = process.cpuUsage(cpu);
  return { cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - start };
}

export async function runBoundsBench(): Promise<void> {
  console.log(`\n== One entry with long aliases, added to a ${BASE.toLocaleString('en')}-entry index ==`);
  const gen = new NameGenerator(5);
  const index = new MatcherIndex();
  for (let i = 0; i < BASE; i++) index.add(gen.entry(i));
  // Warm the JIT up on ordinary and long queries, so the first case does not pay for compilation.
  for (let i = 0; i < 200; i++)
    index.search({ name: i % 2 ? gen.organisationName() : word(300, i) }, { limit: 3 });
  const cases: [string, string[]][] = [
    ['one alias, one word of 300 letters', [word(300, 1)]],
    ['one alias, one word of 1,000 letters', [word(1000, 2)]],
    ['one alias, one word of 2,000 letters', [word(2000, 3)]],
    [
      'one alias of 2,000 characters in words of 8',
      [Array.from({ length: 222 }, (_, i) => word(8, 10 + i)).join(' ')],
    ],
    [
      '50 aliases of 300 characters (the largest valid entry)',
      Array.from({ length: 50 }, (_, i) => word(300, 100 + i)),
    ],
  ];
  for (const [label, aliases] of cases) {
    const entry: MatchableEntry = {
      id: `long-${label}`,
      subjectKind: 'organisation',
      name: `Långa Namnets Förening ${label.length}`,
      aliases,
    };
    const add = cost(() => index.add(entry));
    const search = cost(() => index.search({ name: aliases[0]!.slice(0, 300) }, { limit: 3 }));
    const after = cost(() => index.search({ name: 'Gryningsligan Södra' }, { limit: 3 }));
    console.log(
      `${label.padEnd(56)} add ${add.cpuMs.toFixed(1).padStart(7)} ms CPU   search for it ${search.cpuMs
        .toFixed(1)
        .padStart(6)} ms   an ordinary search after ${after.cpuMs.toFixed(2).padStart(6)} ms`,
    );
  }
}
