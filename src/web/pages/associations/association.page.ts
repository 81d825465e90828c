import type { AppDeps } from '../../../deps';
import { isoDate } from '../../../clock';
import { conductCriteria } from '../../../withdrawals/withdrawals.service';
import { findingsOfAssociation } from '../../../applications/applications.repository';
import { toFinding } from '../../../applications/applications.service';
import { emptyForm, type FormState } from '../../web.forms';
import { userDirectory } from '../../web.user-directory';
import { view, type PageContext } from '../../web.page';
import { decisionView } from '../decisions/decision.view-model';
import {
  communicationOptions,
  exemptionOpen,
  exemptionOptions,
  findingChoices,
} from '../communications/communication.view-model';

/** Which folded form of the association page a refused attempt opens again. */
export type AssociationForm = 'indragning' | 'aterupptagande' | 'kommunicering';

/**
 * The open withdrawal case (kommunicering before a withdrawal opens it) and its communications: the
 * withdrawal form offers exactly these.
 */
async function withdrawalCase(ctx: PageContext, associationId: string) {
  if (!ctx.can('GET /api/cases') || !ctx.can('GET /api/communications')) return undefined;
  const open = await ctx.call('GET /api/cases', {
    query: { associationId, kind: 'withdrawal', open: 'true', limit: '1' },
  });
  const c = open.items[0];
  if (!c) return undefined;
  const comms = await ctx.call('GET /api/communications', {
    query: { caseNumber: c.caseNumber, limit: '100' },
  });
  return { caseNumber: c.caseNumber, communications: comms.items };
}

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
  open?: AssociationForm,
) {
  const association = await ctx.call('GET /api/associations/:id', { params: { id } });
  const [applications, decisions, users, openCase] = await Promise.all([
    ctx.can('GET /api/applications')
      ? ctx.call('GET /api/applications', {
          query: { associationId: association.id, limit: '100' },
        })
      : undefined,
    ctx.can('GET /api/decisions')
      ? ctx.call('GET /api/decisions', {
          query: { associationId: association.id, limit: '100' },
        })
      : undefined,
    userDirectory(deps.db),
    withdrawalCase(ctx, association.id),
  ]);
  const supportDecisions = (decisions?.items ?? [])
    .filter((d) => d.kind !== 'application')
    .map((d) => decisionView(d, users.names));
  const pendingSupport = supportDecisions.find((d) => d.status === 'pending_approval');
  const active = association.supportStatus === 'active';
  const withdraw = active && !pendingSupport && ctx.can('POST /api/associations/:id/withdrawals');
  const restore = !active && !pendingSupport && ctx.can('POST /api/associations/:id/restorations');
  const communicate = active && ctx.can('POST /api/communications');
  const findings = communicate
    ? (await findingsOfAssociation(deps.db, association.id, 'newest_first')).map(toFinding)
    : [];
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
      open,
      openCase,
      communicationOptions: communicationOptions(openCase?.communications ?? []),
      exemptionOptions: exemptionOptions(),
      exemptionOpen: exemptionOpen(form),
      communicate: communicate && findings.length > 0,
      findingChoices: findingChoices(findings),
      today: isoDate(deps.clock.now()),
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
