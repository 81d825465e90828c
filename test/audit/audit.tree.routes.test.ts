import { execFile } from 'node:child_process';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { as, createTestContext, orgNumber, type TestContext } from '../support/test-app';
import { leafHashOf, mth, rfcVerifyConsistency, rfcVerifyInclusion } from './rfc9162';

// Signed tree heads, the public key and RFC 9162 proofs, checked the way an outside auditor would:
// leaves rebuilt from the events as README describes them, the tree hash by its definition, the
// RFC's verification algorithms (test/audit/rfc9162.ts) and the signature with node:crypto.

const run = promisify(execFile);
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  for (let n = 1; n <= 12; n++) {
    await as(ctx, 'case_officer')
      .post('/api/associations')
      .send({ orgNumber: orgNumber(300 + n), name: `Trädföreningen ${n}` });
  }
});
afterAll(() => ctx.close());

interface ApiEvent {
  seq: number;
  prevHash: string;
  occurredAt: string;
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  detailsDigest: string;
  hash: string;
}

async function allLeaves(): Promise<{ events: ApiEvent[]; leaves: Buffer[] }> {
  const res = await as(ctx, 'investigator').get('/api/audit/events?limit=500');
  const events = (res.body.items as ApiEvent[]).reverse();
  const leaves = events.map((e) =>
    leafHashOf(
      Buffer.from(
        JSON.stringify([
          e.seq,
          e.prevHash,
          e.occurredAt,
          e.actor,
          e.action,
          e.entityType,
          e.entityId,
          e.detailsDigest,
        ]),
        'utf8',
      ),
    ),
  );
  return { events, leaves };
}

const b = (hex: string) => Buffer.from(hex, 'hex');
const message = (h: { treeSize: number; rootHash: string; timestamp: string }) =>
  JSON.stringify(['fk-audit-tree-head', h.treeSize, h.rootHash, h.timestamp]);

it('signs a head over the whole log with the published key; its root is RFC 9162’s over the events', async () => {
  const key = (await as(ctx, 'investigator').get('/api/audit/public-key')).body;
  expect(key).toMatchObject({ algorithm: 'Ed25519', keyId: expect.stringMatching(/^[0-9a-f]{64}$/) });
  const publicKey = createPublicKey(key.publicKey);
  expect(
    createHash('sha256')
      .update(publicKey.export({ format: 'der', type: 'spki' }))
      .digest('hex'),
  ).toBe(key.keyId);
  expect(key.keys.map((k: { keyId: string }) => k.keyId)).toContain(key.keyId);

  const head = (await as(ctx, 'investigator').get('/api/audit/tree-head')).body;
  const { events, leaves } = await allLeaves();
  expect(head).toEqual({
    treeSize: events.length,
    rootHash: mth(leaves).toString('hex'),
    timestamp: ctx.clock.now().toISOString(),
    signature: expect.stringMatching(/^[0-9a-f]{128}$/),
    keyId: key.keyId,
  });
  expect(verify(null, Buffer.from(message(head)), publicKey, b(head.signature))).toBe(true);
  // The same log gets the same head; an event later, a new one.
  expect((await as(ctx, 'investigator').get('/api/audit/tree-head')).body).toEqual(head);
  ctx.clock.advanceMs(1000);
  await as(ctx, 'case_officer')
    .post('/api/associations')
    .send({ orgNumber: orgNumber(399), name: 'Senare' });
  const later = (await as(ctx, 'investigator').get('/api/audit/tree-head')).body;
  expect(later.treeSize).toBe(head.treeSize + 1);
  expect(later.timestamp).toBe(ctx.clock.now().toISOString());
  expect(verify(null, Buffer.from(message(later)), publicKey, b(later.signature))).toBe(true);
});

it('proves any event in any published tree, and that a later tree extends an earlier one', async () => {
  const { events, leaves } = await allLeaves();
  const n = events.length;
  for (const treeSize of [1, 5, 8, n - 1, n]) {
    const root = mth(leaves.slice(0, treeSize));
    for (const seq of [1, Math.ceil(treeSize / 2), treeSize]) {
      const res = await as(ctx, 'investigator').get(
        `/api/audit/proof/inclusion?seq=${seq}&treeSize=${treeSize}`,
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        seq,
        leafIndex: seq - 1,
        treeSize,
        leafHash: leaves[seq - 1]!.toString('hex'),
        rootHash: root.toString('hex'),
      });
      expect(rfcVerifyInclusion(seq - 1, treeSize, leaves[seq - 1]!, res.body.auditPath.map(b), root)).toBe(
        true,
      );
    }
  }
  for (const [from, to] of [
    [1, n],
    [5, 8],
    [7, n],
    [n - 1, n],
  ] as const) {
    const res = await as(ctx, 'investigator').get(`/api/audit/proof/consistency?from=${from}&to=${to}`);
    expect(res.status).toBe(200);
    const fromRoot = mth(leaves.slice(0, from));
    const toRoot = mth(leaves.slice(0, to));
    expect(res.body).toMatchObject({
      from,
      to,
      fromRoot: fromRoot.toString('hex'),
      toRoot: toRoot.toString('hex'),
    });
    expect(rfcVerifyConsistency(from, to, fromRoot, toRoot, res.body.proof.map(b))).toBe(true);
  }
  const same = await as(ctx, 'investigator').get(`/api/audit/proof/consistency?from=${n}&to=${n}`);
  expect(same.body).toMatchObject({ proof: [], fromRoot: same.body.toRoot });
});

it('refuses proofs for events or trees the log does not have', async () => {
  const { events } = await allLeaves();
  const n = events.length;
  const get = (q: string) => as(ctx, 'investigator').get(`/api/audit/proof/${q}`);
  const cases = [
    ['inclusion?seq=5&treeSize=4', 'query.seq'],
    [`inclusion?seq=1&treeSize=${n + 1}`, 'query.treeSize'],
    ['inclusion?seq=0&treeSize=4', 'query.seq'],
    ['inclusion?seq=abc&treeSize=4', 'query.seq'],
    ['inclusion?treeSize=4', 'query.seq'],
    ['consistency?from=6&to=5', 'query.from'],
    [`consistency?from=1&to=${n + 1}`, 'query.to'],
  ] as const;
  for (const [q, field] of cases) {
    const res = await get(q);
    expect([q, res.status, res.body.error.code]).toEqual([q, 400, 'validation_failed']);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
  }
});

it('lets anyone check a proof and the export offline with only the public key', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fk-proof-'));
  const file = (name: string, body: unknown) => {
    const p = join(dir, name);
    writeFileSync(p, typeof body === 'string' ? body : JSON.stringify(body));
    return p;
  };
  const key = file('key.json', (await as(ctx, 'investigator').get('/api/audit/public-key')).body);
  const older = (await as(ctx, 'investigator').get('/api/audit/tree-head')).body;
  ctx.clock.advanceMs(1000);
  await as(ctx, 'case_officer')
    .post('/api/associations')
    .send({ orgNumber: orgNumber(398), name: 'Ännu senare' });
  const newer = (await as(ctx, 'investigator').get('/api/audit/tree-head')).body;
  const { events } = await allLeaves();
  const event = events[3]!;
  const inclusion = (
    await as(ctx, 'investigator').get(
      `/api/audit/proof/inclusion?seq=${event.seq}&treeSize=${newer.treeSize}`,
    )
  ).body;
  const consistency = (
    await as(ctx, 'investigator').get(
      `/api/audit/proof/consistency?from=${older.treeSize}&to=${newer.treeSize}`,
    )
  ).body;
  const cli = (script: string, args: string[]) => run('npx', ['tsx', `src/audit/${script}`, ...args]);
  const checkProof = (args: string[]) => cli('check-proof.cli.ts', ['--key', key, ...args]);

  const ok = await checkProof([
    '--head',
    file('newer.json', newer),
    '--inclusion',
    file('inclusion.json', inclusion),
    '--event',
    file('event.json', event),
  ]);
  expect(ok.stdout).toContain(`VALID: event ${event.seq} is in the log of ${newer.treeSize} events`);
  const extends_ = await checkProof([
    '--head',
    file('older.json', older),
    '--head',
    join(dir, 'newer.json'),
    '--consistency',
    file('consistency.json', consistency),
  ]);
  expect(extends_.stdout).toContain(
    `VALID: the log of ${newer.treeSize} events extends the log of ${older.treeSize}`,
  );

  // Another event's header, a changed path or a head whose root was changed after signing all fail.
  const wrongEvent = file('wrong-event.json', events[4]);
  const forgedPath = file('forged.json', { ...inclusion, auditPath: [...inclusion.auditPath].reverse() });
  const forgedHead = file('forged-head.json', { ...newer, rootHash: inclusion.auditPath[0] });
  for (const args of [
    ['--head', join(dir, 'newer.json'), '--inclusion', join(dir, 'inclusion.json'), '--event', wrongEvent],
    ['--head', join(dir, 'newer.json'), '--inclusion', forgedPath],
    ['--head', forgedHead, '--inclusion', join(dir, 'inclusion.json')],
    [
      '--head',
      join(dir, 'newer.json'),
      '--head',
      join(dir, 'older.json'),
      '--consistency',
      join(dir, 'consistency.json'),
    ],
  ]) {
    await expect(checkProof(args)).rejects.toMatchObject({
      code: 1,
      stdout: expect.stringContaining('INVALID'),
    });
  }

  // The export, checked against the signed head.
  const exported = await as(ctx, 'investigator')
    .get('/api/audit/export')
    .buffer(true)
    .parse((r, cb) => {
      let data = '';
      r.on('data', (c: Buffer) => (data += c.toString('utf8')));
      r.on('end', () => cb(null, data));
    });
  const ndjson = file('export.ndjson', exported.body as string);
  const verified = await cli('verify-export.cli.ts', [
    ndjson,
    '--head',
    join(dir, 'older.json'),
    '--key',
    key,
  ]);
  expect(verified.stdout).toContain(
    `The signed tree head of ${older.treeSize} events matches and its signature verifies`,
  );
  await expect(
    cli('verify-export.cli.ts', [ndjson, '--head', forgedHead, '--key', key]),
  ).rejects.toMatchObject({
    code: 1,
  });
}, 180_000); // eight runs of the command-line tools, each compiled on start
