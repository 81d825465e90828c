import type { AppDeps } from '../../../deps';
import { ValidationError } from '../../../http/errors';
import { addressProblem, refusedForm, type FormValues } from '../../web.forms';
import { definePage, redirect, type PageContext } from '../../web.page';
import { associationPage, type AssociationForm } from './association.page';
import {
  COMMUNICATION_CHOICE_FIELDS,
  communicationChoiceBody,
} from '../communications/communication.view-model';

const WITHDRAWAL_FIELDS = ['criteria', 'justification', ...COMMUNICATION_CHOICE_FIELDS];
const RESTORATION_FIELDS = ['justification'];

/** The ticked criteria ("criteria.VBE-1" = "ja") as the codes the API takes. */
const tickedCriteria = (v: FormValues) =>
  Object.keys(v)
    .filter((k) => k.startsWith('criteria.') && v[k])
    .map((k) => k.slice('criteria.'.length));

/** Proposes the support decision; a refusal gives the association page back with the form kept. */
async function propose(
  deps: AppDeps,
  ctx: PageContext,
  key: 'POST /api/associations/:id/withdrawals' | 'POST /api/associations/:id/restorations',
  body: Record<string, unknown>,
  fields: string[],
  open: AssociationForm,
) {
  try {
    const created = await ctx.call(key, { params: ctx.params, body });
    return redirect(`/beslut/${created.decisionId}?klart=stodbeslut-vantar`);
  } catch (err) {
    const form = addressProblem(err) ? undefined : refusedForm(err, ctx.form, fields);
    if (!form) throw err;
    return associationPage(deps, ctx, ctx.params.id!, form, err instanceof ValidationError ? 400 : 409, open);
  }
}

// Withdrawing support, and restoring it, from the association's page. Both are decisions like any
// other: the service requires the reasons and (for a withdrawal) the criteria and the kommunicering
// of its case or a stated exception, and they take effect only when a second officer approves them.
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
        ...communicationChoiceBody(v),
      };
      return propose(
        deps,
        ctx,
        'POST /api/associations/:id/withdrawals',
        body,
        WITHDRAWAL_FIELDS,
        'indragning',
      );
    },
  }),
  definePage({
    method: 'post',
    path: '/foreningar/:id/aterupptagande',
    uses: ['POST /api/associations/:id/restorations'],
    handler: async (ctx) => {
      const body = { justification: ctx.form.justification ?? '' };
      return propose(
        deps,
        ctx,
        'POST /api/associations/:id/restorations',
        body,
        RESTORATION_FIELDS,
        'aterupptagande',
      );
    },
  }),
];
