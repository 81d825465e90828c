import pino from 'pino';
import request from 'supertest';
import { createApp } from '../../src/app';
import { prepareDeps } from '../../src/startup';
import type { DatabaseHandle } from '../../src/db/connection';
import { WithdrawnIndexCache } from '../../src/premises/premises.withdrawn-index';
import { supportVersion } from '../../src/premises/premises.repository';
import { as, createTestContext, type TestContext } from '../support/test-app';
import { noConflict, recordCommitteeDecision, registerAssociation } from '../support/fixtures';
import { communicatedWithdrawal } from '../support/communications';
import { openSecondHandle } from '../support/test-db';

// Booking staff rarely type a withdrawn association's registered name exactly, and often give no
// organisationsnummer: the check must still refer on the names it goes by, misspelt or padded.

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const check = (body: Record<string, unknown>, app = ctx.app) =>
  request(app)
    .post('/api/premises-checks')
    .set('Authorization', `Bearer ${ctx.tokens.booking_staff}`)
    .send({ venue: 'Medborgarhuset, sal 2', date: '2026-12-12', ...body });

async function withdraw(associationId: string) {
  const w = await as(ctx, 'case_officer')
    .post(`/api/associations/${associationId}/withdrawals`)
    .send({
      justification: 'Upplåter lokaler åt våldsbejakande grupp.',
      criteria: ['VBE-1'],
      communicationId: await communicatedWithdrawal(ctx, associationId),
    })
    .expect(201);
  await recordCommitteeDecision(ctx, w.body.decisionId).expect(200);
}

async function restore(associationId: string) {
  const r = await as(ctx, 'case_officer')
    .post(`/api/associations/${associationId}/restorations`)
    .send({ justification: 'Ny styrelse; föreningen har tagit avstånd.' })
    .expect(201);
  await as(ctx, 'coordinator')
    .post(`/api/decisions/${r.body.decisionId}/approve`)
    .send(noConflict)
    .expect(200);
}

async function groundsOf(checkId: string): Promise<unknown[]> {
  const list = await as(ctx, 'coordinator').get('/api/referrals?status=open&limit=500').expect(200);
  const referral = list.body.items.find((r: { checkId: string }) => r.checkId === checkId);
  if (!referral) throw new Error(`no referral for ${checkId}`);
  return referral.grounds;
}

describe('premises check against withdrawn associations, by fuzzy name', () => {
  let withdrawn: { id: string; orgNumber: string };
  beforeAll(async () => {
    withdrawn = await registerAssociation(ctx, {
      name: 'Kampsportsföreningen Järnhanden',
      aliases: ['Nordfalken'],
    });
    await registerAssociation(ctx, { name: 'Kampsportsföreningen Solrosen' });
    await withdraw(withdrawn.id);
  });

  const variants = [
    ['an alias', 'Nordfalken'],
    ['the name without å, ä, ö', 'Kampsportsforeningen Jarnhanden'],
    ['the name with “ideell förening” added', 'Kampsportsföreningen Järnhanden ideell förening'],
    ['a one-letter typo', 'Kampsportsföreningen Järnhandem'],
  ] as const;

  it.each(variants)(
    'refers on %s without an org number, telling booking staff nothing more',
    async (_, name) => {
      const res = await check({ name });
      expect(res.status).toBe(201);
      expect(Object.keys(res.body).sort()).toEqual(['answerBy', 'checkId', 'message', 'result']);
      expect(res.body.result).toBe('refer');
      expect(JSON.stringify(res.body)).not.toMatch(/Järnhanden|Nordfalken|withdrawn|indraget/i);
      expect(await groundsOf(res.body.checkId)).toEqual([
        { kind: 'support_withdrawn', associationId: withdrawn.id },
      ]);
    },
  );

  it('names the association once when the exact name, the number and the fuzzy match all find it', async () => {
    const res = await check({ name: 'Kampsportsföreningen Järnhanden', orgNumber: withdrawn.orgNumber });
    expect(res.body.result).toBe('refer');
    expect(await groundsOf(res.body.checkId)).toEqual([
      { kind: 'support_withdrawn', associationId: withdrawn.id },
    ]);
  });

  it('clears a different association in good standing, even one sharing a word', async () => {
    for (const name of ['Kampsportsföreningen Solrosen', 'Södermalms Schackklubb']) {
      expect({ name, result: (await check({ name })).body.result }).toEqual({ name, result: 'clear' });
    }
  });
});

describe('keeping the withdrawn index current', () => {
  it('clears the fuzzy names once support is restored, and refers again after a new withdrawal', async () => {
    const a = await registerAssociation(ctx, { name: 'Ungdomsförbundet Gryningsljus', aliases: ['UFG'] });
    await withdraw(a.id);
    expect((await check({ name: 'Ungdomsforbundet Gryningsljus' })).body.result).toBe('refer');
    await restore(a.id);
    expect((await check({ name: 'Ungdomsforbundet Gryningsljus' })).body.result).toBe('clear');
    expect((await check({ name: 'UFG' })).body.result).toBe('clear');
    await withdraw(a.id);
    expect((await check({ name: 'UFG' })).body.result).toBe('refer');
  });

  it('follows a change of support made directly in the database (the trigger, not the service, bumps the version)', async () => {
    const a = await registerAssociation(ctx, { name: 'Skytteföreningen Stormvinden' });
    await withdraw(a.id);
    const name = 'Skytteforeningen Stormvindem';
    expect((await check({ name })).body.result).toBe('refer');
    const setStatus = (status: 'active' | 'withdrawn') =>
      ctx.handle.db
        .updateTable('associations')
        .set({ support_status: status })
        .where('id', '=', a.id)
        .execute();
    await setStatus('active');
    expect((await check({ name })).body.result).toBe('clear');
    await setStatus('withdrawn');
    expect((await check({ name })).body.result).toBe('refer');
  });

  it('rebuilds only when the version changed, with one select, and reads the version in the check’s one query', async () => {
    const a = await registerAssociation(ctx, { name: 'Motorklubben Svartfälgen' });
    await check({ name: 'warm-up' });
    const spy = jest.spyOn(ctx.deps.db, 'selectFrom');
    const tables = () => spy.mock.calls.map((c) => String(c[0]));
    try {
      await check({ name: 'Motorklubben Svartfalgen' });
      expect(tables().filter((t) => /support_state|associations|watchlist_state/.test(t))).toEqual([
        'watchlist_state as ws',
      ]);
      await withdraw(a.id);
      spy.mockClear();
      expect((await check({ name: 'Motorklubben Svartfalgen' })).body.result).toBe('refer');
      expect(tables().filter((t) => /support_state|associations|watchlist_state/.test(t))).toEqual([
        'watchlist_state as ws',
        'support_state as ss',
      ]);
    } finally {
      spy.mockRestore();
    }
  });

  it('runs one rebuild for concurrent checks that see the same new version', async () => {
    const cache = new WithdrawnIndexCache(ctx.handle.db);
    await cache.refresh();
    const a = await registerAssociation(ctx, { name: 'Samfundet Vargtimmen' });
    await withdraw(a.id);
    const latest = await supportVersion(ctx.handle.db);
    expect(cache.version).toBeLessThan(latest);
    const spy = jest.spyOn(ctx.handle.db, 'selectFrom');
    try {
      await Promise.all(Array.from({ length: 5 }, () => cache.refresh(latest)));
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
    expect(cache.version).toBe(latest);
    expect(cache.search({ name: 'Samfundet Vargtimmen', orgNumber: null })).toEqual([a.id]);
  });

  it('keeps a second instance on the same database current through the version counter', async () => {
    const second: DatabaseHandle = await openSecondHandle(ctx.handle);
    try {
      const deps = await prepareDeps(second, ctx.deps.config, ctx.clock, pino({ level: 'silent' }));
      const other = createApp(deps);
      const a = await registerAssociation(ctx, { name: 'Föreningen Kärnfolket', aliases: ['Kärnan'] });
      // The second instance has built its index and checked once before the withdrawal.
      expect((await check({ name: 'Foreningen Karnfolket' }, other)).body.result).toBe('clear');
      await withdraw(a.id);
      for (const name of ['Foreningen Karnfolket', 'Kärnan ideell förening']) {
        const res = await check({ name }, other);
        expect({ name, result: res.body.result }).toEqual({ name, result: 'refer' });
        expect(await groundsOf(res.body.checkId)).toEqual([
          { kind: 'support_withdrawn', associationId: a.id },
        ]);
      }
    } finally {
      await second.close();
    }
  });
});
