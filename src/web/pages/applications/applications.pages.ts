import type { AppDeps } from '../../../deps';
import type { Association } from '../../../associations/associations.schemas';
import { NotFoundError, ValidationError } from '../../../http/errors';
import { addressProblem, emptyForm, refusedForm, withError, type FormState } from '../../web.forms';
import { definePage, redirect, view, type PageContext } from '../../web.page';
import { PAGE_TEXT } from '../../web.page-texts.sv';
import { svError } from '../../web.validation.sv';
import { applicationPage } from './application.page';
import { sendCommunication } from '../communications/communication.send';
import {
  APPLICATION_FIELDS,
  FINDING_FIELDS,
  STATUTES,
  applicationBody,
  findingBody,
} from './application.form';
import { associationByOrgNumber } from '../associations/association.calls';

const applicationForm = (association: Association | undefined, form: FormState, status?: number) =>
  view('application-new', 'Ny ansökan', { association, form, statutes: STATUTES }, status);

/** The association the form is for: by id (from its page) or by the organisationsnummer typed. */
async function associationFor(ctx: PageContext, id: string | undefined, orgNumber: string | undefined) {
  try {
    if (id) return await ctx.call('GET /api/associations/:id', { params: { id } });
    if (orgNumber) return await associationByOrgNumber(ctx, orgNumber);
    return PAGE_TEXT.orgNumberMissing;
  } catch (err) {
    if (err instanceof NotFoundError) return PAGE_TEXT.orgNumberUnknown;
    if (err instanceof ValidationError) return svError(err);
    throw err;
  }
}

// Every page under /ansokningar: intake of an application, the application page (findings,
// screenings), adding a finding, screening, sending the material for kommunicering (förvaltningslagen
// 25 §) and handing the case over to another officer.
export const applicationPages = (deps: AppDeps) => [
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
        const created = await ctx.call('POST /api/applications', {
          body: applicationBody(v, found.id),
        });
        return redirect(`/ansokningar/${created.id}`, 'ansokan-mottagen');
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
        return redirect(`/ansokningar/${ctx.params.id}#uppgifter`, 'uppgift-registrerad');
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
      const s = await ctx.call('POST /api/applications/:id/screenings', { params: ctx.params });
      return redirect(`/granskningar/${s.id}`, 'granskad');
    },
  }),
  definePage({
    method: 'post',
    path: '/ansokningar/:id/kommunicering',
    uses: ['POST /api/communications'],
    handler: async (ctx) => sendCommunication(deps, ctx, { applicationId: ctx.params.id! }),
  }),
  definePage({
    method: 'post',
    path: '/ansokningar/:id/handlaggare',
    uses: ['POST /api/applications/:id/assign'],
    handler: async (ctx) => {
      try {
        await ctx.call('POST /api/applications/:id/assign', {
          params: ctx.params,
          body: { userId: ctx.form.userId ?? '' },
        });
        return redirect(`/ansokningar/${ctx.params.id}`, 'handlaggare-bytt');
      } catch (err) {
        const form = addressProblem(err) ? undefined : refusedForm(err, ctx.form, ['userId']);
        if (!form) throw err;
        return applicationPage(deps, ctx, ctx.params.id!, form, 400, 'handlaggare');
      }
    },
  }),
];
