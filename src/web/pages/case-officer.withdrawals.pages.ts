import type { AppDeps } from '../../app';
import { ValidationError } from '../../http/errors';
import { addressProblem, optional, refusedForm, type FormValues } from '../web.forms';
import { definePage, redirect, type PageContext } from '../web.page';
import { associationPage } from './case-officer.association-page';

const WITHDRAWAL_FIELDS = ['criteria', 'justification', 'communicatedOn'];
const RESTORATION_FIELDS = ['justification', 'communicatedOn'];

/** The ticked criteria ("criteria.VBE-1" = "ja") as the codes the API takes. */
const tickedCriteria = (v: FormValues) =>
  Object.keys(v)
    .filter((k) => k.startsWith('criteria.') && v[k])
    .map((k) => k.slice('criteria.'.length));

type Created = { decisionId: string };

/** Proposes the support decision; a refusal gives the association page back with the form kept. */
async function propose(
  deps: AppDeps,
  ctx: PageContext,
  key: 'POST /api/associations/:id/withdrawals' | 'POST /api/associations/:id/restorations',
  body: Record<string, unknown>,
  fields: string[],
) {
  try {
    const created = await ctx.call<Created>(key, { params: ctx.params, body });
    return redirect(`/beslut/${created.decisionId}?klart=stodbeslut-vantar`);
  } catch (err) {
    const form = addressProblem(err) ? undefined : refusedForm(err, ctx.form, fields);
    if (!form) throw err;
    return associationPage(deps, ctx, ctx.params.id!, form, err instanceof ValidationError ? 400 : 409);
  }
}

// Withdrawing support, and restoring it, from the association's page. Both are decisions like any
// other: the service requires the reasons, the communication date and (for a withdrawal) the
// criteria, and they take effect only when a second officer approves them in the work queue.
export const caseOfficerWithdrawalPages = (deps: AppDeps) => [
  definePage({
    method: 'post',
    path: '/foreningar/:id/indragning',
    uses: ['POST /api/associations/:id/withdrawals'],
    handler: async (ctx) => {
      const v = ctx.form;
      const body = {
        criteria: tickedCriteria(v),
        justification: v.justification ?? '',
        communicatedOn: v.communicatedOn ?? '',
      };
      return propose(deps, ctx, 'POST /api/associations/:id/withdrawals', body, WITHDRAWAL_FIELDS);
    },
  }),
  definePage({
    method: 'post',
    path: '/foreningar/:id/aterupptagande',
    uses: ['POST /api/associations/:id/restorations'],
    handler: async (ctx) => {
      const communicatedOn = optional(ctx.form.communicatedOn);
      const body = {
        justification: ctx.form.justification ?? '',
        ...(communicatedOn ? { communicatedOn } : {}),
      };
      return propose(deps, ctx, 'POST /api/associations/:id/restorations', body, RESTORATION_FIELDS);
    },
  }),
];
