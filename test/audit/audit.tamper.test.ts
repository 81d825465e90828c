import { sql, type Transaction } from 'kysely';
import type { Database } from '../../src/db/database';
import { detailsDigest, eventHash, type ExportedEvent } from '../../src/audit/audit.hash';
import { toExported } from '../../src/audit/audit.service';
import { verifyExport } from '../../src/audit/audit.offline';
import { Frontier } from '../../src/audit/audit.merkle';
import { runRetention } from '../../src/retention/retention.service';
import { as, createTestContext, orgNumber, type TestContext } from '../support/test-app';

// Someone with rights over the database itself (not the service) switches the append-only triggers
// off and changes the log. Each kind of change must be caught by the service — its check on request
// and its full recomputation — and offline, from an export checked against a tree head signed before
// the change (what an auditor holds); before and after a retention run has erased payloads.

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestContext();
  for (let i = 0; i < 4; i++) {
    const res = await as(ctx, 'case_officer')
      .post('/api/associations')
      .send({ orgNumber: orgNumber(700 + i), name: `Förening ${i}` });
    expect(res.status).toBe(201);
  }
  const checked = await as(ctx, 'booking_staff')
    .post('/api/premises-checks')
    .send({ name: 'Schackklubben Draget', venue: 'Sal 1', date: '2027-01-15' });
  expect(checked.body.result).toBe('clear');
  for (let i = 4; i < 7; i++) {
    await as(ctx, 'case_officer')
      .post('/api/associations')
      .send({ orgNumber: orgNumber(700 + i), name: `Förening ${i}` });
  }
});
afterEach(async () => {
  await ctx.deps.audit.verifications.idle();
  await ctx.close();
});

const quick = async () => (await as(ctx, 'investigator').get('/api/audit/verify')).body;

async function fullJob() {
  const started = await as(ctx, 'investigator').post('/api/audit/verifications');
  expect(started.status).toBe(202);
  await ctx.deps.audit.verifications.idle();
  const job = (await as(ctx, 'investigator').get(`/api/audit/verifications/${started.body.id}`)).body;
  expect(job.status).toBe('done');
  return job.result;
}

async function offline(head: unknown) {
  const res = await as(ctx, 'investigator')
    .get('/api/audit/export')
    .buffer(true)
    .parse((r, cb) => {
      let data = '';
      r.on('data', (c: Buffer) => (data += c.toString('utf8')));
      r.on('end', () => cb(null, data));
    });
  return verifyExport((res.body as string).split('\n'), head as Parameters<typeof verifyExport>[1]);
}

/** Four months on, the clear booking check is due: the day's retention run erases its payload. */
async function eraseOne(): Promise<{ runSeq: number; erasedSeq: number }> {
  ctx.clock.advanceDays(120);
  const run = await runRetention({
    db: ctx.handle.db,
    clock: ctx.clock,
    policy: ctx.deps.config.RETENTION_POLICY,
  });
  expect(run).toMatchObject({ erasedPayloads: 1, counts: { premises_check_clear: { deleted: 1 } } });
  const erased = await ctx.handle.db
    .selectFrom('audit_events')
    .select('seq')
    .where('erased_by', '=', run!.auditSeq)
    .executeTakeFirstOrThrow();
  return { runSeq: run!.auditSeq, erasedSeq: Number(erased.seq) };
}

async function withTriggersOff(change: (trx: Transaction<Database>) => Promise<unknown>) {
  await ctx.handle.db.transaction().execute(async (trx) => {
    await sql`alter table audit_events disable trigger user`.execute(trx);
    await sql`alter table audit_tree_nodes disable trigger user`.execute(trx);
    await change(trx);
    await sql`alter table audit_events enable trigger user`.execute(trx);
    await sql`alter table audit_tree_nodes enable trigger user`.execute(trx);
  });
}

async function event(trx: Transaction<Database>, seq: number): Promise<ExportedEvent> {
  return toExported(
    await trx.selectFrom('audit_events').selectAll().where('seq', '=', seq).executeTakeFirstOrThrow(),
  );
}

interface Log {
  last: number;
  /** An event in the middle whose details are still there. */
  mid: number;
  /** Another event whose details are still there. */
  other: number;
  erased?: { runSeq: number; erasedSeq: number };
}

/**
 * A change to the log, and the event each check must report it at; the last, when given, is where the
 * full recomputation reports it, after its request has been appended to the log as an event.
 */
type Tamper = [
  string,
  (trx: Transaction<Database>, log: Log) => Promise<unknown>,
  (log: Log) => number,
  ((log: Log) => number)?,
];

const TAMPERS: Tamper[] = [
  [
    'edit the details of an event',
    (trx, { mid }) =>
      trx
        .updateTable('audit_events')
        .set({ details: '{"name":"Förfalskad"}' })
        .where('seq', '=', mid)
        .execute(),
    ({ mid }) => mid,
  ],
  [
    "edit an event's header",
    (trx, { mid }) =>
      trx.updateTable('audit_events').set({ actor: 'forger' }).where('seq', '=', mid).execute(),
    ({ mid }) => mid,
  ],
  [
    'delete an event',
    (trx, { mid }) => trx.deleteFrom('audit_events').where('seq', '=', mid).execute(),
    ({ mid }) => mid,
  ],
  [
    'reorder two events',
    async (trx, { mid }) => {
      await trx.updateTable('audit_events').set({ seq: -1 }).where('seq', '=', mid).execute();
      await trx
        .updateTable('audit_events')
        .set({ seq: mid })
        .where('seq', '=', mid + 1)
        .execute();
      await trx
        .updateTable('audit_events')
        .set({ seq: mid + 1 })
        .where('seq', '=', -1)
        .execute();
    },
    ({ mid }) => mid,
  ],
  [
    'cut events from the end',
    (trx, { last }) =>
      trx
        .deleteFrom('audit_events')
        .where('seq', '>=', last - 1)
        .execute(),
    ({ last }) => last - 1,
  ],
  [
    'cut events from the end and move the head back with them',
    async (trx, { last }) => {
      // As the service would have left the head at that size: its hash and the tree's edge.
      const frontier = Frontier.empty();
      const kept = await trx
        .selectFrom('audit_events')
        .select('hash')
        .where('seq', '<=', last - 2)
        .orderBy('seq')
        .execute();
      for (const e of kept) frontier.push(e.hash);
      await trx
        .deleteFrom('audit_events')
        .where('seq', '>=', last - 1)
        .execute();
      await trx
        .deleteFrom('audit_tree_nodes')
        .where('end_seq', '>=', last - 1)
        .execute();
      await trx
        .updateTable('audit_head')
        .set({ seq: last - 2, hash: kept.at(-1)!.hash, frontier: JSON.stringify(frontier.toHex()) })
        .where('id', '=', 1)
        .execute();
    },
    ({ last }) => last - 1,
    // The request fills the first missing place; the signed head still covers one more.
    ({ last }) => last,
  ],
  [
    'rewrite the last event with a recomputed hash',
    async (trx, { last }) => {
      const forged = { ...(await event(trx, last)), actor: 'forger' };
      await trx
        .updateTable('audit_events')
        .set({ actor: forged.actor, hash: eventHash(forged) })
        .where('seq', '=', last)
        .execute();
    },
    ({ last }) => last,
  ],
  [
    'swap a payload for another with a recomputed digest',
    async (trx, { mid, other: o }) => {
      const other = await event(trx, o);
      await trx
        .updateTable('audit_events')
        .set({
          details: JSON.stringify(other.details),
          details_salt: other.salt,
          details_digest: detailsDigest(other.salt!, other.details),
        })
        .where('seq', '=', mid)
        .execute();
    },
    ({ mid }) => mid,
  ],
  [
    'swap a payload for another with the digest and the hash recomputed',
    async (trx, { mid, other: o }) => {
      const e = await event(trx, mid);
      const other = await event(trx, o);
      const forged = { ...e, details: other.details, salt: other.salt, detailsDigest: other.detailsDigest };
      await trx
        .updateTable('audit_events')
        .set({
          details: JSON.stringify(other.details),
          details_salt: other.salt,
          details_digest: other.detailsDigest,
          hash: eventHash(forged),
        })
        .where('seq', '=', mid)
        .execute();
    },
    ({ mid }) => mid + 1,
  ],
];

const AFTER_ERASURE_ONLY: Tamper[] = [
  [
    'erase a payload the retention run did not erase',
    (trx, { mid, erased }) =>
      trx
        .updateTable('audit_events')
        .set({
          details: null as never,
          details_salt: null,
          erased_at: new Date(),
          erased_under: 'KFN 2026/1',
          erased_by: erased!.runSeq,
        })
        .where('seq', '=', mid)
        .execute(),
    ({ erased }) => erased!.runSeq,
  ],
  [
    'put details back into an erased event',
    (trx, { erased }) =>
      trx
        .updateTable('audit_events')
        .set({
          details: '{"name":"Schackklubben Draget"}',
          details_salt: 'a'.repeat(32),
          erased_at: null,
          erased_under: null,
          erased_by: null,
        })
        .where('seq', '=', erased!.erasedSeq)
        .execute(),
    ({ erased }) => erased!.erasedSeq,
  ],
];

async function logShape(erased?: Log['erased']): Promise<Log> {
  const rows = await ctx.handle.db
    .selectFrom('audit_events')
    .select(['seq', 'erased_at'])
    .orderBy('seq')
    .execute();
  const last = Number(rows.at(-1)!.seq);
  const unerased = rows.filter((r) => r.erased_at === null && Number(r.seq) < last - 3);
  return { last, mid: Number(unerased.at(-1)!.seq), other: Number(unerased.at(-2)!.seq), erased };
}

async function expectCaught(tamper: Tamper, erase: boolean) {
  const erased = erase ? await eraseOne() : undefined;
  const log = await logShape(erased);
  // What an auditor holds from before the change: a signed head over the whole log.
  const head = (await as(ctx, 'investigator').get('/api/audit/tree-head')).body;
  expect(head.treeSize).toBe(log.last);
  expect(await offline(head)).toMatchObject({ valid: true, erased: erase ? 1 : 0 });
  await ctx.handle.db.deleteFrom('audit_checkpoints').execute(); // the request above left one

  await withTriggersOff((trx) => tamper[1](trx, log));
  const at = tamper[2](log);
  const off = await offline(head);
  expect(off).toMatchObject({ valid: false });
  expect(off.valid === false && off.brokenAt).toBe(at);
  expect(await quick()).toMatchObject({ valid: false, brokenAt: at });
  expect(await fullJob()).toMatchObject({ valid: false, brokenAt: (tamper[3] ?? tamper[2])(log) });
}

it('is valid before anyone touches it, also after a retention run erased a payload', async () => {
  expect(await quick()).toMatchObject({ valid: true, erased: 0 });
  const { erasedSeq } = await eraseOne();
  const events = (await as(ctx, 'investigator').get('/api/audit/events?entityType=premises_check')).body
    .items;
  expect(events[0]).toMatchObject({
    seq: erasedSeq,
    details: null,
    salt: null,
    erased: { under: ctx.deps.config.RETENTION_POLICY.decisionReference },
  });
  expect(await quick()).toMatchObject({ valid: true, erased: 1 });
  expect(await fullJob()).toMatchObject({ valid: true, erased: 1 });
  expect(await offline(undefined)).toMatchObject({ valid: true, erased: 1 });
});

describe.each([
  ['before any erasure', false],
  ['after a retention run erased a payload', true],
])('%s', (_when, erase) => {
  it.each(TAMPERS.map((t) => [t[0], t] as const))('catches: %s', async (_name, tamper) => {
    await expectCaught(tamper, erase);
  });
});

describe('after a retention run erased a payload', () => {
  it.each(AFTER_ERASURE_ONLY.map((t) => [t[0], t] as const))('catches: %s', async (_name, tamper) => {
    await expectCaught(tamper, true);
  });
});

describe('the check on request, from its checkpoint', () => {
  it('catches a change after its checkpoint', async () => {
    const first = await quick();
    expect(first).toMatchObject({ valid: true, checkpoint: null });
    await as(ctx, 'case_officer')
      .post('/api/associations')
      .send({ orgNumber: orgNumber(790), name: 'Senare' });
    const { last } = await logShape();
    await withTriggersOff((trx) =>
      trx.updateTable('audit_events').set({ actor: 'forger' }).where('seq', '=', last).execute(),
    );
    expect(await quick()).toMatchObject({ valid: false, brokenAt: last, checkpoint: { seq: first.events } });
  });

  it('says which checkpoint it relied on; a change before it is caught by the full recomputation', async () => {
    const first = await quick();
    await as(ctx, 'case_officer')
      .post('/api/associations')
      .send({ orgNumber: orgNumber(790), name: 'Senare' });
    await withTriggersOff((trx) =>
      trx.updateTable('audit_events').set({ actor: 'forger' }).where('seq', '=', 2).execute(),
    );
    expect(await quick()).toMatchObject({
      valid: true,
      checkpoint: { seq: first.events, method: 'full' },
      checkedEvents: 1,
    });
    expect(await fullJob()).toMatchObject({ valid: false, brokenAt: 2 });
  });

  it('does not trust a checkpoint someone has changed', async () => {
    const first = await quick();
    await as(ctx, 'case_officer')
      .post('/api/associations')
      .send({ orgNumber: orgNumber(791), name: 'Senare' });
    await ctx.handle.db
      .updateTable('audit_checkpoints')
      .set({ erased: 5 })
      .where('seq', '=', first.events)
      .execute();
    expect(await quick()).toMatchObject({
      valid: false,
      brokenAt: first.events,
      reason: expect.stringMatching(/signature/),
    });
  });
});
