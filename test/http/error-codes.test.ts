import { z } from 'zod';
import { codedCheck, codedEnum, zodDetails } from '../../src/http/validation-details';
import { ERROR_CODES } from '../../src/http/errors';
import { as, createTestContext, orgNumber, type TestContext } from '../support/test-app';
import { signIn, textOf } from '../web/web-support';

// Every field problem carries a stable code (and the params its text needs) beside the English
// message: clients branch on the code, and the pages translate it into Swedish.

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const register = (body: Record<string, unknown>) =>
  as(ctx, 'case_officer')
    .post('/api/associations')
    .send({ orgNumber: orgNumber(701), name: 'Kodföreningen', ...body });

describe('error details carry codes', () => {
  it('a too long field is too_long with its limit; the English message is still there', async () => {
    const res = await register({ name: 'x'.repeat(301) });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details).toEqual([
      { path: 'body.name', code: 'too_long', params: { max: 300 }, message: expect.any(String) },
    ]);
  });

  it('tells a missing field from one of the wrong type', async () => {
    const missing = await as(ctx, 'case_officer')
      .post('/api/associations')
      .send({ orgNumber: orgNumber(702) });
    expect(missing.body.error.details).toContainEqual(
      expect.objectContaining({ path: 'body.name', code: 'required' }),
    );
    const wrongType = await register({ name: 42 });
    expect(wrongType.body.error.details).toEqual([
      expect.objectContaining({ path: 'body.name', code: 'invalid_type', params: { expected: 'string' } }),
    ]);
  });

  it('names the reason of a bad identity number and of a date a schema or a service refuses', async () => {
    const luhn = await register({ orgNumber: '802000-0000' });
    expect(luhn.body.error.details).toEqual([
      expect.objectContaining({
        path: 'body.orgNumber',
        code: 'invalid_org_number',
        params: { reason: 'check_digit' },
      }),
    ]);
    const notADay = await register({ registeredOn: '2026-02-30' });
    expect(notADay.body.error.details).toEqual([
      expect.objectContaining({ path: 'body.registeredOn', code: 'invalid_date' }),
    ]);
    const future = await register({ registeredOn: '2999-01-01' });
    expect(future.body.error.details).toEqual([
      expect.objectContaining({ path: 'body.registeredOn', code: 'date_in_future' }),
    ]);
  });

  it('a conflict keeps the contract’s shape', async () => {
    expect((await register({ orgNumber: orgNumber(703) })).status).toBe(201);
    const again = await register({ orgNumber: orgNumber(703) });
    expect(again.status).toBe(409);
    expect(again.body).toEqual({ error: { code: 'conflict', message: expect.any(String) } });
  });

  it('the OpenAPI document lists every code a detail may carry', async () => {
    const doc = (await as(ctx, 'case_officer').get('/api/openapi.json')).body as {
      components: { schemas: Record<string, { properties: Record<string, unknown> }> };
    };
    const error = JSON.stringify(doc.components.schemas.Error);
    for (const code of ERROR_CODES) expect(error).toContain(`"${code}"`);
  });

  it('a page shows the Swedish text of the code, beside the field', async () => {
    const { agent, csrf } = await signIn(ctx, 'case_officer');
    const res = await agent
      .post('/foreningar/ny')
      .type('form')
      .send({ orgNumber: orgNumber(704), name: 'x'.repeat(301), registeredOn: '2026-02-30', _csrf: csrf });
    expect(res.status).toBe(400);
    const text = textOf(res.text);
    expect(text).toContain('Högst 300 tecken.');
    expect(text).toContain('Datumet finns inte i kalendern.');
  });
});

describe('an option list with a code of its own', () => {
  it('gives its code only to the enum it was written on, not to another with the same values', () => {
    const coded = z.object({ outcome: codedEnum(['yes', 'no'], 'referral_outcome_required', 'choose') });
    const plain = z.object({ answer: z.enum(['yes', 'no']) });
    const codedResult = coded.safeParse({ outcome: 'maybe' });
    const plainResult = plain.safeParse({ answer: 'maybe' });
    expect(codedResult.success || zodDetails(codedResult.error, 'body')).toEqual([
      {
        path: 'body.outcome',
        code: 'referral_outcome_required',
        params: { options: 'yes, no' },
        message: 'choose',
      },
    ]);
    expect(plainResult.success || zodDetails(plainResult.error, 'body')).toEqual([
      expect.objectContaining({
        path: 'body.answer',
        code: 'invalid_option',
        params: { options: 'yes, no' },
      }),
    ]);
  });
});

describe('a pattern with a code of its own', () => {
  it('gives its code only to the check it was written on, not to another with the same pattern', () => {
    const coded = z.object({ p: z.string().regex(/^§ \d+$/, codedCheck('paragraph_format', 'like § 45')) });
    const plain = z.object({ q: z.string().regex(/^§ \d+$/) });
    const codedResult = coded.safeParse({ p: '45' });
    const plainResult = plain.safeParse({ q: '45' });
    expect(codedResult.success || zodDetails(codedResult.error, 'body')).toEqual([
      { path: 'body.p', code: 'paragraph_format', message: 'like § 45' },
    ]);
    expect(plainResult.success || zodDetails(plainResult.error, 'body')).toEqual([
      expect.objectContaining({ path: 'body.q', code: 'invalid_format' }),
    ]);
  });
});
