import type { AppDeps } from '../../deps';
import type { Application } from '../../applications/applications.schemas';
import type { Association } from '../../associations/associations.schemas';
import { sendLetter } from '../../decisions/decisions.document';
import type { Decision } from '../../decisions/decisions.schemas';
import type { Communication } from '../../communications/communications.schemas';
import { loadDecision } from '../../decisions/decisions.service';
import { ForbiddenError, ValidationError } from '../../http/errors';
import { addressProblem, checked, emptyForm, refusedForm, withError, type FormState } from '../web.forms';
import { svError } from '../web.validation.sv';
import type { DelegationOrderResponse } from '../../delegation/delegation.schema';
import { delegationView } from './decision.delegation-view';
import { userDirectory } from '../web.lookups.repository';
import { definePage, redirect, sent, view, type PageContext } from '../web.page';
import { decisionView } from './decision.view-model';

const related = (ctx: PageContext, id: string | null) =>
  id ? ctx.call<Decision>('GET /api/decisions/:id', { params: { id } }) : undefined;

/** The decision with what it concerns, and the forms to decide it (delegat) or record the committee's decision. */
async function decisionPage(
  deps: AppDeps,
  ctx: PageContext,
  id: string,
  form: FormState = emptyForm(),
  status?: number,
) {
  const decision = await ctx.call<Decision>('GET /api/decisions/:id', { params: { id } });
  const [association, application, supersedes, supersededBy, users, communication] = await Promise.all([
    ctx.call<Association>('GET /api/associations/:id', { params: { id: decision.associationId } }),
    decision.applicationId
      ? ctx.call<Application>('GET /api/applications/:id', { params: { id: decision.applicationId } })
      : undefined,
    related(ctx, decision.supersedesId),
    related(ctx, decision.supersededById),
    userDirectory(deps.db),
    decision.communicationId && ctx.can('GET /api/communications/:id')
      ? ctx.call<Communication>('GET /api/communications/:id', { params: { id: decision.communicationId } })
      : undefined,
  ]);
  const pending = decision.status === 'pending_approval';
  const canApprove = pending && ctx.can('POST /api/decisions/:id/approve');
  const order = canApprove ? await ctx.call<DelegationOrderResponse>('GET /api/delegation') : undefined;
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
function refused(deps: AppDeps, ctx: PageContext, err: unknown, fields: string[]) {
  if (err instanceof ForbiddenError) {
    return decisionPage(deps, ctx, ctx.params.id!, withError(emptyForm(), undefined, svError(err)), 403);
  }
  const form = addressProblem(err) ? undefined : refusedForm(err, ctx.form, fields);
  if (!form) throw err;
  return decisionPage(deps, ctx, ctx.params.id!, form, err instanceof ValidationError ? 400 : 409);
}

// A decision: its facts, status, who prepared and who decided it, reference and letter. A delegat
// decides a prepared decision (confirming that they are not jävig) or returns it with a reason; for
// decisions the delegation order reserves to the committee, a coordinator records the committee's
// decision with its meeting date and §. The letter is served as stored, byte for byte.
export const decisionPages = (deps: AppDeps) => [
  definePage({
    method: 'get',
    path: '/beslut/:id',
    uses: ['GET /api/decisions/:id'],
    handler: async (ctx) => decisionPage(deps, ctx, ctx.params.id!),
  }),
  definePage({
    method: 'post',
    path: '/beslut/:id/godkann',
    uses: ['POST /api/decisions/:id/approve'],
    handler: async (ctx) => {
      // Unticked, the box sends nothing, and the API says what is missing.
      const body = checked(ctx.form.noConflictOfInterest) ? { noConflictOfInterest: true } : {};
      try {
        await ctx.call('POST /api/decisions/:id/approve', { params: ctx.params, body });
        return redirect(`/beslut/${ctx.params.id}?klart=beslut-godkant`);
      } catch (err) {
        return refused(deps, ctx, err, ['noConflictOfInterest']);
      }
    },
  }),
  definePage({
    method: 'post',
    path: '/beslut/:id/namnd',
    uses: ['POST /api/decisions/:id/approve'],
    handler: async (ctx) => {
      const body = {
        committee: {
          meetingOn: ctx.form['committee.meetingOn'] ?? '',
          paragraph: ctx.form['committee.paragraph'] ?? '',
        },
      };
      try {
        await ctx.call('POST /api/decisions/:id/approve', { params: ctx.params, body });
        return redirect(`/beslut/${ctx.params.id}?klart=namndbeslut-registrerat`);
      } catch (err) {
        return refused(deps, ctx, err, ['committee.meetingOn', 'committee.paragraph']);
      }
    },
  }),
  definePage({
    method: 'post',
    path: '/beslut/:id/aterlamna',
    uses: ['POST /api/decisions/:id/return'],
    handler: async (ctx) => {
      try {
        await ctx.call('POST /api/decisions/:id/return', {
          params: ctx.params,
          body: { reason: ctx.form.reason ?? '' },
        });
        return redirect(`/beslut/${ctx.params.id}?klart=beslut-aterlamnat`);
      } catch (err) {
        const form = addressProblem(err) ? undefined : refusedForm(err, ctx.form, ['reason']);
        if (!form) throw err;
        return decisionPage(deps, ctx, ctx.params.id!, form, err instanceof ValidationError ? 400 : 409);
      }
    },
  }),
  definePage({
    method: 'get',
    path: '/beslut/:id/brev',
    uses: ['GET /api/decisions/:id/document'],
    handler: async (ctx) => {
      // The same operation's checks (role, id) as the API, then the same stored bytes and headers.
      const problem = ctx.problems('GET /api/decisions/:id/document', { params: ctx.params });
      if (problem) throw problem;
      sendLetter(ctx.res, await loadDecision(deps.db, ctx.params.id!));
      return sent();
    },
  }),
];
