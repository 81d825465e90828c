import type { AppDeps } from '../../app';
import type { Application } from '../../applications/applications.schemas';
import type { Association } from '../../associations/associations.schemas';
import { sendLetter } from '../../decisions/decisions.document';
import type { Decision } from '../../decisions/decisions.schemas';
import type { Communication } from '../../communications/communications.schemas';
import { loadDecision } from '../../decisions/decisions.service';
import { ForbiddenError, ValidationError } from '../../http/errors';
import { addressProblem, emptyForm, refusedForm, withError, type FormState } from '../web.forms';
import { userDirectory } from '../web.lookups.repository';
import { definePage, redirect, sent, view, type PageContext } from '../web.page';
import { decisionView } from './decision.view-model';

const related = (ctx: PageContext, id: string | null) =>
  id ? ctx.call<Decision>('GET /api/decisions/:id', { params: { id } }) : undefined;

/** The decision with what it concerns, and the approval forms for a second officer. */
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
      canApprove: pending && ctx.can('POST /api/decisions/:id/approve'),
      ownDecision: decision.decidedBy === ctx.user.id,
      canSeeRecord: ctx.can('GET /api/audit/events'),
      form,
    },
    status,
  );
}

// A decision: its facts, status, who decided and approved, reference and letter; for a second
// officer, approve or return with a reason. The letter is served as stored, byte for byte.
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
      try {
        await ctx.call('POST /api/decisions/:id/approve', { params: ctx.params });
        return redirect(`/beslut/${ctx.params.id}?klart=beslut-godkant`);
      } catch (err) {
        // The role may approve (the page's own check); so a refusal here is the four-eyes rule.
        if (err instanceof ForbiddenError) {
          const text = 'Du fattade beslutet själv. En annan handläggare eller samordnare måste godkänna det.';
          return decisionPage(deps, ctx, ctx.params.id!, withError(emptyForm(), undefined, text), 403);
        }
        const form = addressProblem(err) ? undefined : refusedForm(err, {}, []);
        if (!form) throw err;
        return decisionPage(deps, ctx, ctx.params.id!, form, 409);
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
