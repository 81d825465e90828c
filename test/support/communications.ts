import { addDays, isoDate } from '../../src/clock';
import { as, type TestContext } from './test-app';
import { finding, grantApplication } from './fixtures';

// Kommunicering before an adverse decision (förvaltningslagen 25 §), as a case officer does it: the
// letter with the findings, then the association's answer recorded, so the decision may follow.

/** Sent six days ago (2026-11-20 on the test clock's first day), answer by a week from now. */
const sentOn = (ctx: TestContext) => addDays(isoDate(ctx.clock.now()), -6);
const replyBy = (ctx: TestContext) => addDays(isoDate(ctx.clock.now()), 8);

/** Every finding of an application, by id. */
async function findingIdsOf(ctx: TestContext, applicationId: string): Promise<string[]> {
  const app = await as(ctx, 'case_officer').get(`/api/applications/${applicationId}`);
  return (app.body.findings as { id: string }[]).map((f) => f.id);
}

/**
 * Sends the application's findings to the association and records its answer; returns the
 * communication's id, for `communicationId` on a denial.
 */
export async function communicatedApplication(
  ctx: TestContext,
  applicationId: string,
  opts: { answer?: boolean; who?: 'case_officer' | 'case_officer_2' } = {},
): Promise<string> {
  const sent = await as(ctx, opts.who ?? 'case_officer')
    .post('/api/communications')
    .send({
      applicationId,
      findingIds: await findingIdsOf(ctx, applicationId),
      sentOn: sentOn(ctx),
      replyBy: replyBy(ctx),
    });
  if (sent.status !== 201)
    throw new Error(`communication failed: ${sent.status} ${JSON.stringify(sent.body)}`);
  if (opts.answer !== false) await answer(ctx, sent.body.id);
  return sent.body.id as string;
}

/**
 * Kommunicering before withdrawing an association's support: the material is a finding on one of its
 * applications (one is taken in, with a finding, when it has none), and the answer is recorded.
 */
export async function communicatedWithdrawal(
  ctx: TestContext,
  associationId: string,
  opts: { answer?: boolean } = {},
): Promise<string> {
  const apps = await as(ctx, 'case_officer').get(
    `/api/applications?associationId=${associationId}&limit=500`,
  );
  const ids: string[] = [];
  for (const a of apps.body.items as { id: string }[]) ids.push(...(await findingIdsOf(ctx, a.id)));
  if (ids.length === 0) {
    const app = await as(ctx, 'case_officer')
      .post('/api/applications')
      .send(grantApplication(associationId, { findings: [finding()] }));
    if (app.status !== 201) throw new Error(`application failed: ${app.status} ${JSON.stringify(app.body)}`);
    ids.push(...(await findingIdsOf(ctx, app.body.id)));
  }
  const sent = await as(ctx, 'case_officer')
    .post('/api/communications')
    .send({ associationId, findingIds: ids, sentOn: sentOn(ctx), replyBy: replyBy(ctx) });
  if (sent.status !== 201)
    throw new Error(`communication failed: ${sent.status} ${JSON.stringify(sent.body)}`);
  if (opts.answer !== false) await answer(ctx, sent.body.id);
  return sent.body.id as string;
}

/** The association's answer, received today. */
export async function answer(
  ctx: TestContext,
  communicationId: string,
  summary = 'Föreningen bestrider uppgifterna.',
) {
  const res = await as(ctx, 'case_officer')
    .post(`/api/communications/${communicationId}/reply`)
    .send({ receivedOn: isoDate(ctx.clock.now()), summary });
  if (res.status !== 200) throw new Error(`reply failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
