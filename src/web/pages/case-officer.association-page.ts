import type { AppDeps } from '../../app';
import type { Application } from '../../applications/applications.schemas';
import type { Association } from '../../associations/associations.schemas';
import { isoDate } from '../../clock';
import type { Decision } from '../../decisions/decisions.schemas';
import type { Page } from '../../http/pagination';
import { conductCriteria } from '../../withdrawals/withdrawals.service';
import { emptyForm, type FormState } from '../web.forms';
import { userDirectory } from '../web.lookups.repository';
import { view, type PageContext } from '../web.page';
import { decisionView } from './decision.view-model';

/**
 * One association: its facts, applications, support status with the decisions that set it, and for
 * case officers the form to withdraw support (when it has support) or to restore it (when withdrawn).
 * Neither form is offered while a support decision awaits approval: the service would refuse it.
 */
export async function associationPage(
  deps: AppDeps,
  ctx: PageContext,
  id: string,
  form: FormState = emptyForm(),
  status?: number,
) {
  const association = await ctx.call<Association>('GET /api/associations/:id', { params: { id } });
  const [applications, decisions, users] = await Promise.all([
    ctx.can('GET /api/applications')
      ? ctx.call<Page<Omit<Application, 'findings'>>>('GET /api/applications', {
          query: { associationId: association.id, limit: '100' },
        })
      : undefined,
    ctx.can('GET /api/decisions')
      ? ctx.call<Page<Decision>>('GET /api/decisions', {
          query: { associationId: association.id, limit: '100' },
        })
      : undefined,
    userDirectory(deps.db),
  ]);
  const supportDecisions = (decisions?.items ?? [])
    .filter((d) => d.kind !== 'application')
    .map((d) => decisionView(d, users.names));
  const pendingSupport = supportDecisions.find((d) => d.status === 'pending_approval');
  const active = association.supportStatus === 'active';
  const withdraw = active && !pendingSupport && ctx.can('POST /api/associations/:id/withdrawals');
  const restore = !active && !pendingSupport && ctx.can('POST /api/associations/:id/restorations');
  return view(
    'association',
    association.name,
    {
      association,
      applications: applications?.items ?? [],
      canApply: ctx.can('POST /api/applications'),
      canSeeDecisions: decisions !== undefined,
      supportDecisions,
      pendingSupport,
      withdraw,
      restore,
      criteria: withdraw
        ? conductCriteria(deps.ruleSets, isoDate(deps.clock.now())).map((c) => ({
            ...c,
            name: `criteria.${c.code}`,
          }))
        : [],
      form,
    },
    status,
  );
}
