#!/usr/bin/env node
// `npm run fuzz [-- --runs N --seed S]`: the property tests of test/http/property.test.ts, longer and
// with a fresh seed each time (the suite runs them with a fixed seed and few runs). A failure names
// the operation, the seed and the path: FUZZ_SEED=<seed> with the same runs replays it. Runs on the
// embedded database, or on the server DATABASE_URL names.
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const runs = Number(opt('runs', process.env.FUZZ_RUNS ?? 300));
const seed = Number(opt('seed', process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31)));
console.log(`fuzz: ${runs} runs per operation, seed ${seed}`);
const jest = spawnSync(
  process.execPath,
  [
    '--experimental-vm-modules',
    '--no-warnings=ExperimentalWarning',
    'node_modules/jest/bin/jest.js',
    'test/http/property.test.ts',
  ],
  {
    stdio: 'inherit',
    env: { ...process.env, FUZZ_RUNS: String(runs), FUZZ_SEED: String(seed), FUZZ_TIMEOUT_MS: String(runs * 200_000) },
  },
);
process.exit(jest.status ?? 1);
