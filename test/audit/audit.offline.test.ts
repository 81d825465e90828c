import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { verifyExport } from '../../src/audit/audit.offline';
import { exportLines } from '../bench/audit-seed';
import { GENESIS_HASH, detailsDigest, eventHash, type ExportedEvent } from '../../src/audit/audit.hash';
import { exportLine } from '../../src/audit/audit.export';

// The offline command on a log of several thousand events, on one thread and on several (the export
// cut into batches checked side by side): the same verdict, the same root at a signed head's size,
// and a change found and named at the right event either way.

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'fk-offline-'));
const lines = [...exportLines(10_000)];
const file = join(dir, 'export.ndjson');
writeFileSync(file, `${lines.join('\n')}\n`);
const tampered = join(dir, 'tampered.ndjson');
writeFileSync(
  tampered,
  `${lines.map((l, i) => (i === 6001 ? l.replace('Föreningen nummer', 'Föreningen numro') : l)).join('\n')}\n`,
);
const cli = (args: string[]) =>
  run('npx', ['tsx', 'src/audit/verify-export.cli.ts', ...args], {
    env: { ...process.env, AUDIT_VERIFY_TIMING: '1' },
  });

it('gives one verdict and root on one thread and on several, also at a signed head’s size', async () => {
  const one = await verifyExport(lines.slice(0, 5000));
  expect(one.valid).toBe(true);
  const head = join(dir, 'head.json');
  writeFileSync(head, JSON.stringify({ treeSize: 5000, rootHash: one.valid && one.rootHash }));
  const all = await verifyExport(lines);
  expect(all).toMatchObject({ valid: true, events: 10_000 });
  for (const threads of ['1', '3']) {
    const res = await cli([file, '--head', head, '--threads', threads]);
    expect(res.stdout).toContain(
      `VALID: 10000 events, head ${all.valid && all.head}, root ${all.valid && all.rootHash}`,
    );
    expect(res.stdout).toContain('The signed tree head of 5000 events matches');
    expect(res.stdout).toContain(`10000 events in`);
    expect(res.stdout).toContain(`on ${threads} thread(s) (`);
  }
  const wrongHead = join(dir, 'wrong-head.json');
  writeFileSync(wrongHead, JSON.stringify({ treeSize: 5000, rootHash: all.valid && all.rootHash }));
  await expect(cli([file, '--head', wrongHead, '--threads', '3'])).rejects.toMatchObject({
    code: 1,
    stdout: expect.stringContaining('INVALID: chain broken at event 5000: the tree of the first 5000 events'),
  });
}, 120_000);

it('names the changed event on several threads too', async () => {
  await expect(cli([tampered, '--threads', '3'])).rejects.toMatchObject({
    code: 1,
    stdout: expect.stringContaining(
      'INVALID: chain broken at event 6002: the details do not match the digest',
    ),
  });
}, 60_000);

/** A log whose retention run (event 8500) erased events 100 and 5000, in other batches than its own. */
function withErasures(n: number): string[] {
  const events: ExportedEvent[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const run = seq === 8500;
    const details = run ? { erasedPayloads: 2 } : { name: `Förening ${seq}` };
    const salt = String(seq).padStart(32, '0');
    const header = {
      seq,
      prevHash: prev,
      occurredAt: new Date(Date.UTC(2026, 0, 1) + seq * 1000).toISOString(),
      actor: 'u1',
      action: run ? 'retention.run' : 'premises.checked',
      entityType: 'premises_check',
      entityId: `PK-${seq}`,
      detailsDigest: detailsDigest(salt, details),
    };
    prev = eventHash(header);
    events.push({ ...header, hash: prev, salt, details, erased: null });
  }
  for (const seq of [100, 5000]) {
    events[seq - 1] = {
      ...events[seq - 1]!,
      salt: null,
      details: null,
      erased: { at: '2027-01-01T00:00:00.000Z', under: 'KFN 2026/1', byRun: 8500 },
    };
  }
  return events.map(exportLine);
}

it('matches erasures with their retention run across batches, and notices one it does not account for', async () => {
  const good = join(dir, 'erased.ndjson');
  const log = withErasures(9000);
  writeFileSync(good, `${log.join('\n')}\n`);
  const res = await cli([good, '--threads', '3']);
  expect(res.stdout).toContain('VALID: 9000 events');
  expect(res.stdout).toContain('2 payloads erased');
  expect(res.stdout).not.toContain('then again on one');

  const forged = join(dir, 'forged-erasure.ndjson');
  const e = JSON.parse(log[6999]!) as ExportedEvent;
  const erased = { ...e, salt: null, details: null, erased: { at: 'x', under: 'y', byRun: 8500 } };
  writeFileSync(forged, `${log.map((l, i) => (i === 6999 ? exportLine(erased) : l)).join('\n')}\n`);
  await expect(cli([forged, '--threads', '3'])).rejects.toMatchObject({
    code: 1,
    stdout: expect.stringContaining(
      'INVALID: chain broken at event 8500: the retention run says it erased 2',
    ),
  });
}, 60_000);
