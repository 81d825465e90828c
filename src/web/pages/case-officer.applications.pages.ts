import type { AppDeps } from '../../deps';
import type { Association } from '../../associations/associations.schemas';
import type { Communication } from '../../communications/communications.schemas';
import { isoDate } from '../../clock';
import type { Application } from '../../applications/applications.schemas';
import type { Screening } from '../../screening/screening.schemas';
import type { Decision } from '../../decisions/decisions.schemas';
import type { Page } from '../../http/pagination';
import { NotFoundError, ValidationError } from '../../http/errors';
import { emptyForm, refusedForm, withError, type FormState } from '../web.forms';
import { definePage, redirect, view, type PageContext } from '../web.page';
import { svError } from '../web.validation.sv';
import { activeCaseOfficers, nameOf, userDirectory } from '../web.lookups.repository';
import { findingChoices } from './communication.view-model';
import {
  APPLICATION_FIELDS,
  CATEGORY_OPTIONS,
  FINDING_FIELDS,
  MITIGATIONS,
  STATUTES,
  applicationBody,
  findingBody,
} from './case-officer.application-form';

const applicationForm = (association: Association | undefined, form: FormState, status?: number) =>
  view('application-new', 'Ny ansökan', { association, form, statutes: STATUTES }, status);

/** The association the form is for: by id (from its page) or by the organisationsnummer typed. */
async function associationFor(ctx: PageContext, id: string | undefined, orgNumber: string | undefined) {
  try {
    if (id) return await ctx.call<Association>('GET /api/associations/:id', { params: { id } });
    if (orgNumber) return await ctx.call<Association>('GET /api/associations', { query: { orgNumber } });
    return 'Ange föreningens organisationsnummer.';
  } catch (err) {
    if (err instanceof NotFoundError) return 'Ingen förening med det organisationsnumret är registrerad.';
    if (err instanceof ValidationError) return svError(err);
    throw err;
  }
}

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
  const application = await ctx.call<Application>('GET /api/applications/:id', { params: { id } });
  const [association, users, communications] = await Promise.all([
    ctx.call<Association>('GET /api/associations/:id', { params: { id: application.associationId } }),
    userDirectory(deps.db),
    ctx.can('GET /api/communications')
      ? ctx.call<Page<Communication>>('GET /api/communications', {
          query: { applicationId: id, limit: '100' },
        })
      : undefined,
  ]);
  const canAssign = ctx.can('POST /api/applications/:id/assign');
  const canCommunicate = ctx.can('POST /api/communications') && application.findings.length > 0;
  const canListScreenings = ctx.can('GET /api/screenings');
  const screenings = canListScreenings
    ? (await ctx.call<Page<Screening>>('GET /api/screenings', { query: { applicationId: id, limit: '50' } }))
        .items
    : [];
  const decisions = ctx.can('GET /api/decisions')
    ? (await ctx.call<Page<Decision>>('GET /api/decisions', { query: { applicationId: id, limit: '50' } }))
        .items
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

// Intake of an application, the application page (findings, screenings), adding a finding, screening.
export const caseOfficerApplicationPages = (deps: AppDeps) => [
  definePage({
    method: 'get',
    path: '/ansokningar/ny',
    uses: ['POST /api/applications'],
    handler: async (ctx) => {
      const id = ctx.query.forening;
      const association = id ? await associationFor(ctx, id, undefined) : undefined;
      if (typeof association === 'string') throw new NotFoundError('Association');
      return applicationForm(association, emptyForm({ kind: 'grant', associationId: id ?? '' }));
    },
  }),
  definePage({
    method: 'post',
    path: '/ansokningar/ny',
    uses: ['POST /api/applications'],
    handler: async (ctx) => {
      const v = ctx.form;
      const found = await associationFor(ctx, v.associationId || undefined, v.orgNumber?.trim() || undefined);
      if (typeof found === 'string') {
        // Report the association and, in the same round, everything else the API would refuse.
        const body = applicationBody(v, '00000000-0000-4000-8000-000000000000');
        const problems = ctx.problems('POST /api/applications', { body });
        const form = refusedForm(problems, v, APPLICATION_FIELDS) ?? emptyForm(v);
        return applicationForm(undefined, withError(form, 'orgNumber', found), 400);
      }
      try {
        const created = await ctx.call<Application>('POST /api/applications', {
          body: applicationBody(v, found.id),
        });
        return redirect(`/ansokningar/${created.id}?klart=ansokan-mottagen`);
      } catch (err) {
        const form = refusedForm(err, v, APPLICATION_FIELDS);
        if (!form) throw err;
        return applicationForm(found, form, err instanceof ValidationError ? 400 : 409);
      }
    },
  }),
  definePage({
    method: 'get',
    path: '/ansokningar/:id',
    uses: ['GET /api/applications/:id'],
    handler: async (ctx) => applicationPage(deps, ctx, ctx.params.id!),
  }),
  definePage({
    method: 'post',
    path: '/ansokningar/:id/uppgifter',
    uses: ['POST /api/applications/:id/findings'],
    handler: async (ctx) => {
      try {
        await ctx.call('POST /api/applications/:id/findings', {
          params: ctx.params,
          body: findingBody(ctx.form),
        });
        return redirect(`/ansokningar/${ctx.params.id}?klart=uppgift-registrerad#uppgifter`);
      } catch (err) {
        const form = refusedForm(err, ctx.form, FINDING_FIELDS);
        if (
          !form ||
          (err instanceof ValidationError && err.details?.some((d) => d.path.startsWith('params.')))
        )
          throw err;
        return applicationPage(deps, ctx, ctx.params.id!, form, 400, 'uppgift');
      }
    },
  }),
  definePage({
    method: 'post',
    path: '/ansokningar/:id/granska',
    uses: ['POST /api/applications/:id/screenings'],
    handler: async (ctx) => {
      const s = await ctx.call<Screening>('POST /api/applications/:id/screenings', { params: ctx.params });
      return redirect(`/granskningar/${s.id}?klart=granskad`);
    },
  }),
];
