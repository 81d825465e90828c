import type { Association } from '../../../associations/associations.schemas';
import type { ApiResult } from '../../web.api';
import type { PageContext } from '../../web.page';

// GET /api/associations answers one association for an organisationsnummer and a page of the register
// without one; its schema is the union of the two. Each of these takes its own half, checked, so no
// page asserts which one came back.

type RegisterPage = Extract<ApiResult<'GET /api/associations'>, { items: unknown }>;

/** The association with this organisationsnummer (NotFoundError if none, ValidationError if malformed). */
export async function associationByOrgNumber(ctx: PageContext, orgNumber: string): Promise<Association> {
  const answer = await ctx.call('GET /api/associations', { query: { orgNumber } });
  if ('items' in answer) throw new Error('GET /api/associations answered a page for an organisationsnummer');
  return answer;
}

/** A page of the register, newest first. */
export async function associationRegister(
  ctx: PageContext,
  query: { limit: string; cursor?: string },
): Promise<RegisterPage> {
  const answer = await ctx.call('GET /api/associations', { query });
  if (!('items' in answer)) throw new Error('GET /api/associations answered one association for a page');
  return answer;
}
