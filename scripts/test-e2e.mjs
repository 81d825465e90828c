#!/usr/bin/env node
// Runs the browser tests (test/e2e) in Debian's Chromium. Without a Chromium they are skipped with a
// notice, so `npm test` works on a fresh machine; REQUIRE_BROWSER=1 (set by .ci/run, which installs
// Chromium) turns a missing browser into a failure, so CI can never skip them silently.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  const message = `Browser tests: Chromium not found at ${chromium} (apt-get install -y chromium, or set CHROMIUM_PATH).`;
  if (process.env.REQUIRE_BROWSER === '1') {
    console.error(`${message} REQUIRE_BROWSER=1, so this fails.`);
    process.exit(1);
  }
  console.error(`\n*** ${message} SKIPPED. ***\n`);
  process.exit(0);
}
const jest = spawnSync(
  process.execPath,
  [
    '--experimental-vm-modules',
    '--no-warnings=ExperimentalWarning',
    'node_modules/jest/bin/jest.js',
    '--testMatch',
    '**/test/e2e/**/*.e2e.ts',
    '--maxWorkers=1',
    '--testTimeout=90000',
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit' },
);
process.exit(jest.status ?? 1);
