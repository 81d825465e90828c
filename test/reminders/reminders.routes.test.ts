import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { defaultReminderPolicy } from '../../src/reminders/reminders.policy';
import { createFollowUpReminders, createReminder } from '../../src/reminders/reminders.service';
import { registerAssociation } from '../support/fixtures';
import { withdrawSupport } from '../support/follow-ups';
import { pageErrorText } from '../support/page-error';
import { as, createTestContext, type TestContext } from '../support/test-app';

let ctx: TestContext;
let associationId: string;
let associationName: string;
beforeAll(async () => {
  ctx = await createTestContext();
  const a = await registerAssociation(ctx);
  associationId = a.id;
  associationName = a.name;
});
afterAll(() => ctx.close());

const db = () => ctx.handle.db;
const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((r) => r.id).sort();

async function auditOf(entityId: string) {
  const res = await as(ctx, 'investigator').get(`/api/audit/events?entityId=${entityId}`);
  return res.body.items as { action: string; actor: string; details: Record<string, unknown> }[];
}

describe('follow-up reminders of a withdrawal', () => {
  it('creates the five follow-ups with due dates and roles from the policy, in Swedish', async () => {
    const { reminders } = await withdrawSupport(db(), ctx.clock, associationId, { decidedOn: '2026-11-26' });
    expect(
      reminders.map((r) => [r.kind, r.assigneeRole, r.dueOn, r.status, r.escalated, r.associationName]),
    ).toEqual([
      ['cancel_bookings', 'booking_staff', '2026-11-26', 'open', false, associationName],
      ['notify_association', 'case_officer', '2026-12-01', 'open', false, associationName],
      ['recover_grant', 'case_officer', '2026-12-26', 'open', false, associationName],
      ['reassess', 'case_officer', '2027-11-26', 'open', false, associationName],
      ['annual_follow_up', 'coordinator', '2027-11-26', 'open', false, associationName],
    ]);
    expect(reminders.find((r) => r.kind === 'cancel_bookings')!.title).toBe(
      'Avboka föreningens kommande lokalbokningar',
    );
  });

  it('is idempotent per decision: a second call returns the same reminders and writes nothing', async () => {
    const first = await withdrawSupport(db(), ctx.clock, associationId, { decidedOn: '2026-11-26' });
    const again = await withdrawSupport(db(), ctx.clock, associationId, {
      decisionId: first.decisionId,
      decidedOn: '2026-11-26',
    });
    expect(again.reminders.map((r) => r.id)).toEqual(first.reminders.map((r) => r.id));
    const listed = await as(ctx, 'investigator').get(`/api/reminders?decisionId=${first.decisionId}`);
    expect(listed.body.items).toHaveLength(5);
    for (const r of first.reminders) {
      expect((await auditOf(r.id)).map((e) => e.action)).toEqual(['reminder.created']);
    }
  });

  it('takes due dates and roles from an overriding policy, and the decision’s own reassessment day', async () => {
    const policy = {
      ...defaultReminderPolicy,
      notify_association: { assigneeRole: 'coordinator' as const, dueAfter: { days: 2 } },
    };
    const { byKind } = await withdrawSupport(db(), ctx.clock, associationId, {
      decidedOn: '2026-11-26',
      policy,
      reassessOn: '2028-06-30',
    });
    expect(byKind.notify_association).toMatchObject({ assigneeRole: 'coordinator', dueOn: '2026-11-28' });
    expect(byKind.reassess).toMatchObject({ dueOn: '2028-06-30' });
  });

  it('tells each assignee through the outbox, in the same transaction', async () => {
    const { reminders } = await withdrawSupport(db(), ctx.clock, associationId, { decidedOn: '2026-11-26' });
    const rows = await db()
      .selectFrom('outbox')
      .select(['recipient_role', 'subject', sql<string>`payload->>'reminderId'`.as('reminder_id')])
      .where('topic', '=', 'reminder.created')
      .where(
        sql<string>`payload->>'reminderId'`,
        'in',
        reminders.map((r) => r.id),
      )
      .execute();
    expect(rows).toHaveLength(5);
    const cancel = rows.find((r) => r.reminder_id === reminders[0]!.id)!;
    expect(cancel.recipient_role).toBe('booking_staff');
    expect(cancel.subject).toBe(
      'Ny påminnelse: Avboka föreningens kommande lokalbokningar (senast 2026-11-26)',
    );
  });

  it('leaves nothing behind when the withdrawal’s transaction rolls back: no reminder, outbox row or audit', async () => {
    const decisionId = randomUUID();
    const counts = async () => ({
      outbox: Number((await sql<{ n: number }>`select count(*) as n from outbox`.execute(db())).rows[0]!.n),
      audit: Number(
        (await sql<{ n: number }>`select count(*) as n from audit_events`.execute(db())).rows[0]!.n,
      ),
      reminders: Number(
        (await sql<{ n: number }>`select count(*) as n from reminders`.execute(db())).rows[0]!.n,
      ),
    });
    const before = await counts();
    await expect(
      db()
        .transaction()
        .execute(async (trx) => {
          await createFollowUpReminders(trx, ctx.clock, defaultReminderPolicy, {
            associationId,
            decisionId,
            decidedOn: '2026-11-26',
          });
          throw new Error('the approval failed after all');
        }),
    ).rejects.toThrow('the approval failed after all');
    const listed = await as(ctx, 'investigator').get(`/api/reminders?decisionId=${decisionId}`);
    expect(listed.body.items).toEqual([]);
    expect(await counts()).toEqual(before);
    const verify = await as(ctx, 'investigator').get('/api/audit/verify');
    expect(verify.body.valid).toBe(true);
  });
});

describe('review_support from watchlist monitoring', () => {
  it('creates one reminder per association and entry version; a repeat is not noise', async () => {
    const entryId = randomUUID();
    const make = (version: number) =>
      db()
        .transaction()
        .execute((trx) =>
          createReminder(trx, ctx.clock, defaultReminderPolicy, {
            kind: 'review_support',
            associationId,
            watchlistEntryId: entryId,
            watchlistEntryVersion: version,
          }),
        );
    const first = await make(1);
    const repeat = await make(1);
    const renewed = await make(2);
    expect(first.created).toBe(true);
    expect(first.reminder).toMatchObject({
      kind: 'review_support',
      assigneeRole: 'coordinator',
      dueOn: '2026-12-03',
      watchlistEntryId: entryId,
      title: 'Pröva föreningens stöd efter ny träff på bevakningslistan',
    });
    expect(repeat).toEqual({ created: false, reminder: first.reminder });
    expect(renewed.created).toBe(true);
    expect(renewed.reminder.id).not.toBe(first.reminder.id);
    expect((await auditOf(first.reminder.id)).map((e) => e.action)).toEqual(['reminder.created']);
  });
});

describe('GET /api/reminders', () => {
  let decisionId: string;
  beforeAll(async () => {
    ({ decisionId } = await withdrawSupport(db(), ctx.clock, associationId, { decidedOn: '2026-11-26' }));
  });
  const list = (who: Parameters<typeof as>[1], query = '') =>
    as(ctx, who).get(`/api/reminders?decisionId=${decisionId}${query}`);

  it('shows each role the reminders assigned to it, and an investigator all of them', async () => {
    const kinds = async (who: Parameters<typeof as>[1], query = '') =>
      (await list(who, query)).body.items.map((r: { kind: string }) => r.kind).sort();
    expect(await kinds('booking_staff')).toEqual(['cancel_bookings']);
    expect(await kinds('case_officer')).toEqual(['notify_association', 'reassess', 'recover_grant']);
    expect(await kinds('coordinator')).toEqual(['annual_follow_up']);
    expect(await kinds('investigator')).toHaveLength(5);
    expect(await kinds('investigator', '&assigneeRole=booking_staff')).toEqual(['cancel_bookings']);
    expect(await kinds('case_officer', '&assigneeRole=case_officer')).toHaveLength(3);
  });

  it('answers 403 to a role asking for another role’s reminders, and to roles that work none', async () => {
    for (const [who, role] of [
      ['booking_staff', 'case_officer'],
      ['case_officer', 'coordinator'],
      ['coordinator', 'booking_staff'],
    ] as const) {
      const res = await list(who, `&assigneeRole=${role}`);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
    expect((await list('admin')).status).toBe(403);
    // The page says why, not a general refusal.
    expect(
      await pageErrorText(ctx, 'booking_staff', 'GET /api/reminders', {
        query: { assigneeRole: 'case_officer' },
      }),
    ).toBe('Du kan bara se påminnelser som gäller din egen roll.');
  });

  it('gives the contract’s fields', async () => {
    const res = await list('booking_staff');
    expect(res.body.items[0]).toEqual(
      expect.objectContaining({
        id: expect.any(String),
        kind: 'cancel_bookings',
        associationId,
        decisionId,
        assigneeRole: 'booking_staff',
        dueOn: '2026-11-26',
        status: 'open',
        escalated: false,
      }),
    );
  });

  it('filters by status and by due date (strictly before)', async () => {
    const soon = await list('case_officer', '&dueBefore=2026-12-26');
    expect(soon.body.items.map((r: { kind: string }) => r.kind)).toEqual(['notify_association']);
    expect((await list('case_officer', '&status=done')).body.items).toEqual([]);
    expect((await list('case_officer', '&status=open')).body.items).toHaveLength(3);
    expect((await list('case_officer', '&dueBefore=2026-02-30')).status).toBe(400);
  });

  it('pages newest first, or earliest due first, without skipping or repeating', async () => {
    for (let i = 0; i < 2; i++) {
      await withdrawSupport(db(), ctx.clock, associationId, { decidedOn: `2026-0${i + 1}-15` });
      ctx.clock.advanceMs(1000);
    }
    const all = await as(ctx, 'investigator').get('/api/reminders?limit=500');
    for (const sort of ['newest', 'due']) {
      const seen: { id: string; dueOn: string; createdAt: string }[] = [];
      let cursor: string | null = null;
      do {
        const page: { status: number; body: { items: typeof seen; nextCursor: string | null } } = await as(
          ctx,
          'investigator',
        ).get(`/api/reminders?sort=${sort}&limit=4${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.status).toBe(200);
        seen.push(...page.body.items);
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen.map((r) => r.id).sort()).toEqual(ids(all));
      const keys = seen.map((r) => (sort === 'due' ? r.dueOn : r.createdAt));
      expect(keys).toEqual(
        [...keys].sort((a, b) => (sort === 'due' ? a.localeCompare(b) : b.localeCompare(a))),
      );
    }
    const newestPage = await as(ctx, 'investigator').get('/api/reminders?limit=1');
    const mixed = await as(ctx, 'investigator').get(
      `/api/reminders?sort=due&cursor=${newestPage.body.nextCursor}`,
    );
    expect(mixed.status).toBe(400);
  });
});

describe('POST /api/reminders/:id/complete', () => {
  let r: Awaited<ReturnType<typeof withdrawSupport>>['byKind'];
  beforeAll(async () => {
    ({ byKind: r } = await withdrawSupport(db(), ctx.clock, associationId, { decidedOn: '2026-11-26' }));
  });
  const complete = (who: Parameters<typeof as>[1], id: string, body: unknown) =>
    as(ctx, who)
      .post(`/api/reminders/${id}/complete`)
      .send(body as object);

  it('needs a note that is not empty', async () => {
    for (const body of [{}, { note: '' }, { note: '   ' }]) {
      const res = await complete('booking_staff', r.cancel_bookings!.id, body);
      expect(res.status).toBe(400);
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain('body.note');
    }
  });

  it('is done only by the assigned role: others 403, investigators read only', async () => {
    expect((await complete('case_officer', r.cancel_bookings!.id, { note: 'x' })).status).toBe(403);
    expect((await complete('coordinator', r.recover_grant!.id, { note: 'x' })).status).toBe(403);
    expect((await complete('investigator', r.recover_grant!.id, { note: 'x' })).status).toBe(403);
    expect((await complete('admin', r.recover_grant!.id, { note: 'x' })).status).toBe(403);
    expect((await complete('case_officer', randomUUID(), { note: 'x' })).status).toBe(404);
    // The page names the role the reminder is for.
    expect(
      await pageErrorText(ctx, 'case_officer', 'POST /api/reminders/:id/complete', {
        params: { id: r.cancel_bookings!.id },
        body: { note: 'x' },
      }),
    ).toBe('Påminnelsen gäller rollen bokningspersonal. Bara den rollen kan markera den som utförd.');
  });

  it('completes once, with the note, audited with who and when; a second time is 409', async () => {
    const note = 'Tre bokningar i Folkets hus avbokade, föreningen underrättad per telefon.';
    const res = await complete('booking_staff', r.cancel_bookings!.id, { note });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: r.cancel_bookings!.id,
      status: 'done',
      note,
      completedBy: ctx.userIds.booking_staff,
      completedAt: ctx.clock.now().toISOString(),
      next: null,
    });
    const events = await auditOf(r.cancel_bookings!.id);
    expect(events[0]).toMatchObject({
      action: 'reminder.completed',
      actor: ctx.userIds.booking_staff,
      details: { note, kind: 'cancel_bookings', dueOn: '2026-11-26', onTime: true },
    });
    const again = await complete('booking_staff', r.cancel_bookings!.id, { note: 'igen' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('conflict');
    const done = await as(ctx, 'booking_staff').get(
      `/api/reminders?status=done&decisionId=${r.cancel_bookings!.decisionId}`,
    );
    expect(done.body.items.map((x: { id: string }) => x.id)).toEqual([r.cancel_bookings!.id]);
  });
});
