import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { publishRuleSets, publishedRuleSet } from '../../src/screening/rule-set.registry';
import { openTestDatabase } from '../support/test-db';
import { TestClock } from '../support/test-clock';
import type { DatabaseHandle } from '../../src/db/connection';

const run = promisify(execFile);
const published = path.join(__dirname, '../../rules/eligibility-2026.1.json');

function rulesFolder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'fk-rules-'));
  copyFileSync(published, path.join(dir, 'eligibility-2026.1.json'));
  return dir;
}

/** The same rule set with one explanation reworded, version unchanged: an edit of published rules. */
function editInPlace(dir: string): void {
  const file = path.join(dir, 'eligibility-2026.1.json');
  writeFileSync(
    file,
    readFileSync(file, 'utf8').replace('Föreningen, eller någon', 'Föreningen eller någon'),
  );
}

let handle: DatabaseHandle;
const clock = new TestClock();
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(() => handle.close());

describe('rule-set registry', () => {
  it('publishes each version once with its hash and keeps the exact text', async () => {
    const dir = rulesFolder();
    const [first] = await publishRuleSets(handle.db, clock, dir);
    await publishRuleSets(handle.db, clock, dir);
    const rows = await handle.db.selectFrom('rule_sets').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: 'eligibility',
      version: '2026.1',
      valid_from: '2026-01-01',
      hash: first!.hash,
    });
    expect(rows[0]!.content).toBe(readFileSync(published, 'utf8'));
    const again = await publishedRuleSet(handle.db, 'eligibility', '2026.1');
    expect(again.hash).toBe(first!.hash);
  });

  it('refuses a published version whose file was edited, naming the file and what to do', async () => {
    const dir = rulesFolder();
    await publishRuleSets(handle.db, clock, dir);
    editInPlace(dir);
    await expect(publishRuleSets(handle.db, clock, dir)).rejects.toThrow(
      /eligibility-2026\.1\.json: rule set "eligibility" version 2026\.1 was changed after it was published.*new version/,
    );
  });

  it('stops the service at start-up when a published rule set was edited', async () => {
    const dir = rulesFolder();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'fk-data-'));
    const env = {
      ...process.env,
      DATA_DIR: dataDir,
      RULES_DIR: dir,
      PORT: '0',
      LOG_LEVEL: 'silent',
      DATABASE_URL: '',
    };
    // First start publishes 2026.1 and would serve; give it a port of 0 and stop it once it is up.
    const first = execFile(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env });
    await new Promise<void>((resolve, reject) => {
      first.stdout!.on('data', (d: Buffer) => d.toString().includes('admin token') && resolve());
      first.on('exit', (code) => reject(new Error(`first start exited with ${code}`)));
    });
    first.kill('SIGTERM');
    await new Promise((r) => first.once('exit', r));

    editInPlace(dir);
    const second = await run(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/was changed after it was published/);
  }, 240_000); // two real starts of the service (tsx compiles src on each): slow on a loaded machine
});
