import type { AppDeps } from '../../../deps';
import { isoDate } from '../../../clock';
import type { Application } from '../../../applications/applications.schemas';
import { emptyForm } from '../../web.forms';
import { view, type PageContext } from '../../web.page';
import { activeCaseOfficers, nameOf, userDirectory } from '../../web.user-directory';
import { findingChoices } from '../communications/communication.view-model';
import { CATEGORY_OPTIONS, MITIGATIONS, STATUTES } from './application.form';

/** Which folded form of the application page a refused attempt opens again. */
export type ApplicationForm = 'uppgift' | 'kommunicering' | 'handlaggare';

/**
 * The application (a case, with its diarienummer and handling officer) with its association,
 * findings, kommunicering and screenings, and the forms this role may use. One form at a time comes
 * back with a refusal on it (`open`).
 */
export async function applicationPage(
  deps: AppDeps,
  ctx: PageContext,
  id: string,
  form = emptyForm(),
  status?: number,
  open?: ApplicationForm,
) {
  const application = await ctx.call('GET /api/applications/:id', { params: { id } });
  const [association, users, communications] = await Promise.all([
    ctx.call('GET /api/associations/:id', { params: { id: application.associationId } }),
    userDirectory(deps.db),
    ctx.can('GET /api/communications')
      ? ctx.call('GET /api/communications', {
          query: { applicationId: id, limit: '100' },
        })
      : undefined,
  ]);
  const canAssign = ctx.can('POST /api/applications/:id/assign');
  const canCommunicate = ctx.can('POST /api/communications') && application.findings.length > 0;
  const canListScreenings = ctx.can('GET /api/screenings');
  const screenings = canListScreenings
    ? (await ctx.call('GET /api/screenings', { query: { applicationId: id, limit: '50' } })).items
    : [];
  const decisions = ctx.can('GET /api/decisions')
    ? (await ctx.call('GET /api/decisions', { query: { applicationId: id, limit: '50' } })).items
    : undefined;
  const title = `Ansökan från ${association.name}`;
  return view(
    'application',
    title,
    {
      application,
      association,
      screenings,
      canListScreenings,
      canSeeDecisions: decisions !== undefined,
      decisions: decisions ?? [],
      statutes: STATUTES.map((s) => ({
        label: s.label,
        met: application.statutes[s.name.slice('statutes.'.length) as keyof Application['statutes']],
      })),
      canAddFinding: ctx.can('POST /api/applications/:id/findings'),
      canScreen: ctx.can('POST /api/applications/:id/screenings'),
      form,
      open,
      categories: CATEGORY_OPTIONS,
      mitigations: MITIGATIONS,
      assignedToName: nameOf(users.names, application.assignedTo),
      canAssign,
      officers: canAssign
        ? (await activeCaseOfficers(deps.db)).map((u) => ({ value: u.id, label: u.name }))
        : [],
      canSeeCommunications: communications !== undefined,
      communications: communications?.items ?? [],
      canCommunicate,
      findingChoices: canCommunicate ? findingChoices(application.findings) : [],
      today: isoDate(deps.clock.now()),
    },
    status,
  );
}
