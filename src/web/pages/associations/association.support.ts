import type { AppDeps } from '../../../deps';
import { ValidationError } from '../../../http/errors';
import { addressProblem, refusedForm, type FormValues } from '../../web.forms';
import { redirect, type PageContext } from '../../web.page';
import { associationPage, type AssociationForm } from './association.page';
import { COMMUNICATION_CHOICE_FIELDS } from '../communications/communication.view-model';

// Withdrawing support and restoring it, proposed from the association's page (associations.pages.ts):
// the form as the API's body, and a refusal as the association's page again with the form kept.

export const WITHDRAWAL_FIELDS = ['criteria', 'justification', ...COMMUNICATION_CHOICE_FIELDS];
export const RESTORATION_FIELDS = ['justification'];

/** The ticked criteria ("criteria.VBE-1" = "ja") as the codes the API takes. */
export const tickedCriteria = (v: FormValues) =>
  Object.keys(v)
    .filter((k) => k.startsWith('criteria.') && v[k])
    .map((k) => k.slice('criteria.'.length));

/** Proposes the support decision; a refusal gives the association page back with the form kept. */
export async function propose(
  deps: AppDeps,
  ctx: PageContext,
  key: 'POST /api/associations/:id/withdrawals' | 'POST /api/associations/:id/restorations',
  body: Record<string, unknown>,
  fields: string[],
  open: AssociationForm,
) {
  try {
    const created = await ctx.call(key, { params: ctx.params, body });
    return redirect(`/beslut/${created.decisionId}`, 'stodbeslut-vantar');
  } catch (err) {
    const form = addressProblem(err) ? undefined : refusedForm(err, ctx.form, fields);
    if (!form) throw err;
    return associationPage(deps, ctx, ctx.params.id!, form, err instanceof ValidationError ? 400 : 409, open);
  }
}
