import type { AppDeps } from '../../../deps';
import { ForbiddenError, ValidationError } from '../../../http/errors';
import { addressProblem, emptyForm, refusedForm, withError, type FormState } from '../../web.forms';
import { svError } from '../../web.validation.sv';
import { delegationView } from './decision.delegation-view';
import { userDirectory } from '../../web.user-directory';
import { view, type PageContext } from '../../web.page';
import { decisionView } from './decision.view-model';

const related = (ctx: PageContext, id: string | null) =>
  id ? ctx.call('GET /api/decisions/:id', { params: { id } }) : undefined;

/** The decision with what it concerns, and the forms to decide it (delegat) or record the committee's decision. */
export async function decisionPage(
  deps: AppDeps,
  ctx: PageContext,
  id: string,
  form: FormState = emptyForm(),
  status?: number,
) {
  const decision = await ctx.call('GET /api/decisions/:id', { params: { id } });
  const [association, application, supersedes, supersededBy, users, communication] = await Promise.all([
    ctx.call('GET /api/associations/:id', { params: { id: decision.associationId } }),
    decision.applicationId
      ? ctx.call('GET /api/applications/:id', { params: { id: decision.applicationId } })
      : undefined,
    related(ctx, decision.supersedesId),
    related(ctx, decision.supersededById),
    userDirectory(deps.db),
    decision.communicationId && ctx.can('GET /api/communications/:id')
      ? ctx.call('GET /api/communications/:id', { params: { id: decision.communicationId } })
      : undefined,
  ]);
  const pending = decision.status === 'pending_approval';
  const canApprove = pending && ctx.can('POST /api/decisions/:id/approve');
  const order = canApprove ? await ctx.call('GET /api/delegation') : undefined;
  return view(
    'decision',
    `Beslut ${decision.reference}`,
    {
      decision: decisionView(decision, users.names),
      association,
      application,
      supersedes,
      supersededBy,
      communication,
      pending,
      canApprove,
      delegation: order && delegationView(order, decision, ctx.user.role),
      canRecordCommittee: ctx.user.role === 'coordinator',
      ownDecision: decision.preparedBy === ctx.user.id,
      canSeeRecord: ctx.can('GET /api/audit/events'),
      form,
    },
    status,
  );
}

/** A refusal of the decision's approval, on the page again in Swedish (403 no delegation, 409 jäv …). */
export function refused(deps: AppDeps, ctx: PageContext, err: unknown, fields: string[]) {
  if (err instanceof ForbiddenError) {
    return decisionPage(deps, ctx, ctx.params.id!, withError(emptyForm(), undefined, svError(err)), 403);
  }
  const form = addressProblem(err) ? undefined : refusedForm(err, ctx.form, fields);
  if (!form) throw err;
  return decisionPage(deps, ctx, ctx.params.id!, form, err instanceof ValidationError ? 400 : 409);
}
