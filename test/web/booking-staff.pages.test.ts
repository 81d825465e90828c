import { as, createTestContext, orgNumber, type TestContext } from '../support/test-app';
import { registerAssociation } from '../support/fixtures';
import { signIn, textOf } from './web-support';

let ctx: TestContext;
let staff: Awaited<ReturnType<typeof signIn>>;
let entryId: string;
beforeAll(async () => {
  ctx = await createTestContext();
  staff = await signIn(ctx, 'booking_staff');
  const entry = await as(ctx, 'coordinator')
    .post('/api/watchlist')
    .send({
      subjectKind: 'organisation',
      name: 'Nordiska Stålfronten',
      aliases: ['NSF'],
      orgNumber: orgNumber(4242),
      category: 'supports_violent_extremism',
      reason: 'supports_violent_extremism',
      source: 'Säkerhetspolisens årsbok',
      reviewBy: '2027-06-30',
    })
    .expect(201);
  entryId = entry.body.id;
});
afterAll(() => ctx.close());

const check = (form: Record<string, string>) =>
  staff.agent
    .post('/lokalkontroll')
    .type('form')
    .send({ _csrf: staff.csrf, venue: 'Medborgarhuset, sal 2', date: '2026-12-12', ...form });

describe("booking staff's premises check", () => {
  it('is their page beside their reminders, with today as the date', async () => {
    const nav = /<nav[\s\S]*?<\/nav>/.exec((await staff.agent.get('/')).text)![0];
    expect([...nav.matchAll(/<a href="([^"]+)"/g)].map((m) => m[1])).toEqual([
      '/lokalkontroll',
      '/paminnelser',
    ]);
    const form = await staff.agent.get('/lokalkontroll');
    expect(form.text).toContain('name="date" value="2026-11-26"');
  });

  it('answers "Inget hinder" for an association in good standing', async () => {
    const a = await registerAssociation(ctx, { name: 'Södermalms Schackklubb' });
    const res = await check({ name: 'Södermalms Schackklubb', orgNumber: a.orgNumber });
    expect(res.status).toBe(200);
    const text = textOf(res.text);
    expect(res.text).toMatch(/<title>Inget hinder – Lokalkontroll/);
    expect(text).toMatch(/Inget hinder Inget hinder\. Bokningen kan bekräftas\. Kontrollnummer: PK-/);
    expect(text).toContain('Kontrollen gällde Södermalms Schackklubb');
  });

  it('answers "Behöver stämmas av" with the check number and the answer day, and nothing about why', async () => {
    const res = await check({ name: 'nordiska stalfronten' });
    expect(res.status).toBe(200);
    const text = textOf(res.text);
    expect(res.text).toMatch(/<title>Behöver stämmas av – Lokalkontroll/);
    const id = /Kontrollnummer: (PK-[0-9A-Z]{5}-[0-9A-Z]{5})/.exec(text)?.[1];
    expect(id).toBeDefined();
    // Thursday 26 November: two working days on is Monday 30 November.
    expect(text).toContain(
      `Bokningen behöver stämmas av innan den bekräftas. Kontrollnummer: ${id}. Du får besked senast 2026-11-30.`,
    );
    expect(text).toContain('Bekräfta inte bokningen förrän du har fått besked.');
    // The whole page: no entry, score, criterion, reason or source.
    expect(res.text).not.toContain(entryId);
    expect(res.text).not.toMatch(/Stålfronten|NSF|Säkerhetspolisen|supports_violent|VBE|bevakningslist|%/i);
  });

  it("lists the clerk's own checks with the answer each has got, in Swedish", async () => {
    const refer = async (name: string) => {
      ctx.clock.advanceMs(60_000); // a minute apart, so "newest first" has an order to show
      const text = textOf((await check({ name })).text);
      return /Kontrollnummer: (PK-[0-9A-Z]{5}-[0-9A-Z]{5})/.exec(text)![1]!;
    };
    const cleared = await refer('NSF');
    const refused = await refer('Nordiska Stalfronten');
    const waiting = await refer('nordiska stålfronten');
    const referrals = (await as(ctx, 'coordinator').get('/api/referrals?status=open&limit=500')).body
      .items as { id: string; checkId: string }[];
    const answer = async (checkId: string, outcome: string) =>
      as(ctx, 'coordinator')
        .post(`/api/referrals/${referrals.find((r) => r.checkId === checkId)!.id}/resolve`)
        .send({ outcome, note: 'Stämt av med handläggaren.' })
        .expect(200);
    await answer(cleared, 'no_obstacle');
    await answer(refused, 'not_cleared');

    const text = textOf((await staff.agent.get('/lokalkontroll')).text);
    const table = /Dina kontroller (.*)$/.exec(text)![1]!;
    expect(table).toContain('Kontrollnummer Förening Lokal Datum Besked');
    expect(table).toContain(
      `${waiting} nordiska stålfronten Medborgarhuset, sal 2 2026-12-12 Väntar på besked (senast 2026-11-30)`,
    );
    expect(table).toContain(
      `${refused} Nordiska Stalfronten Medborgarhuset, sal 2 2026-12-12 Kan inte bekräftas`,
    );
    expect(table).toContain(`${cleared} NSF Medborgarhuset, sal 2 2026-12-12 Inget hinder`);
    // Newest first.
    expect(table.indexOf(waiting)).toBeLessThan(table.indexOf(refused));
    expect(table.indexOf(refused)).toBeLessThan(table.indexOf(cleared));
    // The coordinator's note is the coordinator's: the desk sees only the outcome.
    expect(text).not.toContain('Stämt av med handläggaren');
  });

  it('re-renders the form in Swedish when something is missing or wrong', async () => {
    const res = await check({ name: '', orgNumber: '802000-0000', date: '' });
    expect(res.status).toBe(400);
    const text = textOf(res.text);
    expect(text).toContain('Ogiltigt organisationsnummer: kontrollsiffran stämmer inte.');
    expect(text).toContain('Ange ett datum som ÅÅÅÅ-MM-DD.');
    expect(res.text).toContain('name="venue" value="Medborgarhuset, sal 2"');
  });
});

describe('what booking staff never learn', () => {
  it('no entry name, id, score, reason, source or criterion code in any answer or page of theirs', async () => {
    // A registered association whose support is withdrawn, and a watchlist entry under another name
    // that carries its organisationsnummer: a refer on two grounds.
    const a = await registerAssociation(ctx, { name: 'Kampklubben Järnet' });
    await ctx.handle.db
      .updateTable('associations')
      .set({ support_status: 'withdrawn' })
      .where('id', '=', a.id)
      .execute();
    const entry = await as(ctx, 'coordinator')
      .post('/api/watchlist')
      .send({
        subjectKind: 'organisation',
        name: 'Järnets Försvarsförbund',
        orgNumber: a.orgNumber,
        category: 'violence_coercion_threats',
        reason: 'violence_coercion_threats',
        source: 'Polisens lägesbild 2026',
        reviewBy: '2027-06-30',
      })
      .expect(201);

    const answer = await as(ctx, 'booking_staff')
      .post('/api/premises-checks')
      .send({ name: 'Kampklubben Järnet', orgNumber: a.orgNumber, venue: 'Sal 3', date: '2026-12-14' })
      .expect(201);
    const checkId = answer.body.checkId as string;
    const page = await check({ name: 'Kampklubben Järnet', orgNumber: a.orgNumber, venue: 'Sal 3' });
    const pageCheckId = /Kontrollnummer: (PK-[0-9A-Z]{5}-[0-9A-Z]{5})/.exec(textOf(page.text))![1]!;

    // The premise: the coordinator sees both grounds, with a score.
    const referrals = (await as(ctx, 'coordinator').get('/api/referrals?status=open&limit=500')).body
      .items as { id: string; checkId: string; grounds: { kind: string; score?: number }[] }[];
    const referral = referrals.find((r) => r.checkId === checkId)!;
    expect(referral.grounds.map((g) => g.kind).sort()).toEqual(['support_withdrawn', 'watchlist']);
    const score = referral.grounds.find((g) => g.kind === 'watchlist')!.score!;

    const seen: string[] = [JSON.stringify(answer.body), page.text];
    const read = async () => {
      seen.push(JSON.stringify((await as(ctx, 'booking_staff').get(`/api/premises-checks/${checkId}`)).body));
      seen.push(JSON.stringify((await as(ctx, 'booking_staff').get('/api/premises-checks?limit=500')).body));
      seen.push((await staff.agent.get('/lokalkontroll')).text);
    };
    await read();
    await as(ctx, 'coordinator')
      .post(`/api/referrals/${referral.id}/resolve`)
      .send({
        outcome: 'not_cleared',
        note: `Stödet indraget (VBE-1) och träff på ${entry.body.name as string}, likhet ${score}.`,
      })
      .expect(200);
    await read();
    // What the desk is told when the answer comes.
    const told = await ctx.handle.db
      .selectFrom('outbox')
      .select(['subject', 'payload'])
      .where('recipient_role', '=', 'booking_staff')
      .execute();
    seen.push(JSON.stringify(told));

    const ruleIds = ctx.deps.ruleSets.flatMap((r) => r.rules.map((rule) => rule.id));
    expect(ruleIds).toContain('VBE-1');
    const all = seen.join('\n');
    expect(all).toContain(checkId);
    expect(all).toContain(pageCheckId);
    expect(all).toContain('Kan inte bekräftas');
    for (const secret of [
      entry.body.id as string,
      'Järnets Försvarsförbund',
      'violence_coercion_threats',
      'Polisens lägesbild',
      referral.id,
      a.id,
      ...ruleIds,
      ...(Number.isInteger(score) ? [] : [String(score)]),
    ]) {
      expect({ secret, found: all.includes(secret) }).toEqual({ secret, found: false });
    }
    expect(all).not.toMatch(/score|grounds|watchlist|withdrawn|bevakningslist|indrag|likhet|%/i);
  });
});
