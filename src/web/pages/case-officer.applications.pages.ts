import type { Association } from '../../associations/associations.schemas';
import type { Application } from '../../applications/applications.schemas';
import type { Screening } from '../../screening/screening.schemas';
import type { Decision } from '../../decisions/decisions.schemas';
import type { Page } from '../../http/pagination';
import { NotFoundError, ValidationError } from '../../http/errors';
import { emptyForm, refusedForm, withError, type FormState } from '../web.forms';
import { definePage, redirect, view, type PageContext } from '../web.page';
import { svMessage } from '../web.validation.sv';
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
    if (err instanceof ValidationError) return svMessage(err.details?.[0]?.message ?? '');
    throw err;
  }
}

/** The application with its association, findings and screenings, and the forms this role may use. */
async function applicationPage(ctx: PageContext, id: string, findingForm = emptyForm(), status?: number) {
  const application = await ctx.call<Application>('GET /api/applications/:id', { params: { id } });
  const association = await ctx.call<Association>('GET /api/associations/:id', {
    params: { id: application.associationId },
  });
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
      form: findingForm,
      categories: CATEGORY_OPTIONS,
      mitigations: MITIGATIONS,
    },
    status,
  );
}

// Intake of an application, the application page (findings, screenings), adding a finding, screening.
export const caseOfficerApplicationPages = () => [
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
        return applicationForm(found, form, 400);
      }
    },
  }),
  definePage({
    method: 'get',
    path: '/ansokningar/:id',
    uses: ['GET /api/applications/:id'],
    handler: async (ctx) => applicationPage(ctx, ctx.params.id!),
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
        return applicationPage(ctx, ctx.params.id!, form, 400);
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
