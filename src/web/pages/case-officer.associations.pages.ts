import type { AppDeps } from '../../deps';
import type { Association } from '../../associations/associations.schemas';
import { NotFoundError, ValidationError } from '../../http/errors';
import type { Page } from '../../http/pagination';
import { emptyForm, lines, optional, refusedForm, withError, type FormValues } from '../web.forms';
import { definePage, redirect, view, type PageContext } from '../web.page';
import { svError } from '../web.validation.sv';
import { associationPage } from './case-officer.association-page';

const REP_ROWS = 5;
const REP_FIELDS = ['name', 'role', 'personalNumber'] as const;
const FIELDS = [
  'orgNumber',
  'name',
  'aliases',
  'registeredOn',
  ...Array.from({ length: REP_ROWS }, (_, i) => REP_FIELDS.map((f) => `representatives.${i}.${f}`)).flat(),
];

/**
 * The register form as the API's body. Blank representative rows are left out; `rows` remembers which
 * form row each sent representative came from, so an error lands on the row the person filled in.
 */
function associationBody(v: FormValues) {
  const rows: number[] = [];
  const representatives = [];
  for (let i = 0; i < REP_ROWS; i++) {
    const [name, role, pnr] = REP_FIELDS.map((f) => v[`representatives.${i}.${f}`]?.trim() ?? '');
    if (!name && !role && !pnr) continue;
    rows.push(i);
    representatives.push({ name: name!, role: role!, ...(pnr ? { personalNumber: pnr } : {}) });
  }
  const body = {
    orgNumber: v.orgNumber ?? '',
    name: v.name ?? '',
    aliases: lines(v.aliases),
    ...(optional(v.registeredOn) ? { registeredOn: optional(v.registeredOn) } : {}),
    representatives,
  };
  return { body, rows };
}

/** body.representatives.<sent index>… → body.representatives.<form row>… */
function toFormRows(err: unknown, rows: number[]): unknown {
  if (!(err instanceof ValidationError)) return err;
  const details = (err.details ?? []).map((d) => ({
    ...d,
    path: d.path.replace(
      /^body\.representatives\.(\d+)/,
      (_m, i: string) => `body.representatives.${rows[+i] ?? i}`,
    ),
  }));
  return new ValidationError(err.message, details);
}

const registerForm = (form = emptyForm(), status?: number) =>
  view('association-new', 'Registrera förening', { form, repRows: [...Array(REP_ROWS).keys()] }, status);

async function lookUp(ctx: PageContext, orgNumber: string) {
  try {
    return { found: await ctx.call<Association>('GET /api/associations', { query: { orgNumber } }) };
  } catch (err) {
    if (err instanceof NotFoundError) return { missing: true };
    if (err instanceof ValidationError) return { error: svError(err) };
    throw err;
  }
}

// The association register: look up, list, register, and one association (its applications, its
// support and the decisions about it).
export const caseOfficerAssociationPages = (deps: AppDeps) => [
  definePage({
    method: 'get',
    path: '/foreningar',
    uses: ['GET /api/associations'],
    nav: {
      label: 'Föreningar',
      order: 20,
      description: 'Sök en förening på organisationsnummer eller registrera en ny.',
    },
    handler: async (ctx) => {
      const orgNumber = ctx.query.orgNumber?.trim();
      const form = emptyForm({ orgNumber: orgNumber ?? '' });
      let status = 200;
      if (orgNumber) {
        const r = await lookUp(ctx, orgNumber);
        if (r.found) return redirect(`/foreningar/${r.found.id}`);
        if (r.error) status = 400;
        withError(form, 'orgNumber', r.error ?? 'Ingen förening med det organisationsnumret är registrerad.');
      }
      const page = await ctx.call<Page<Association>>('GET /api/associations', {
        query: { limit: '50', ...(ctx.query.cursor ? { cursor: ctx.query.cursor } : {}) },
      });
      return view(
        'associations',
        'Föreningar',
        {
          form,
          associations: page.items,
          more: page.nextCursor ? `/foreningar?cursor=${encodeURIComponent(page.nextCursor)}` : null,
          canRegister: ctx.can('POST /api/associations'),
        },
        status,
      );
    },
  }),
  definePage({
    method: 'get',
    path: '/foreningar/ny',
    uses: ['POST /api/associations'],
    handler: async () => registerForm(),
  }),
  definePage({
    method: 'post',
    path: '/foreningar/ny',
    uses: ['POST /api/associations'],
    handler: async (ctx) => {
      const { body, rows } = associationBody(ctx.form);
      try {
        const a = await ctx.call<Association>('POST /api/associations', { body });
        return redirect(`/foreningar/${a.id}?klart=forening-registrerad`);
      } catch (err) {
        const form = refusedForm(toFormRows(err, rows), ctx.form, FIELDS);
        if (!form) throw err;
        return registerForm(form, 400);
      }
    },
  }),
  definePage({
    method: 'get',
    path: '/foreningar/:id',
    uses: ['GET /api/associations/:id'],
    handler: async (ctx) => associationPage(deps, ctx, ctx.params.id!),
  }),
];
