import type { AppDeps } from '../../../deps';
import { NotFoundError, ValidationError } from '../../../http/errors';
import { emptyForm, lines, optional, refusedForm, withError, type FormValues } from '../../web.forms';
import { definePage, redirect, view, type PageContext } from '../../web.page';
import { svError } from '../../web.validation.sv';
import { PAGE_TEXT } from '../../web.page-texts.sv';
import { associationPage } from './association.page';
import { associationByOrgNumber, associationRegister } from './association.calls';
import { RESTORATION_FIELDS, WITHDRAWAL_FIELDS, propose, tickedCriteria } from './association.support';
import { communicationChoiceBody } from '../communications/communication.view-model';
import { sendCommunication } from '../communications/communication.send';

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
    return { found: await associationByOrgNumber(ctx, orgNumber) };
  } catch (err) {
    if (err instanceof NotFoundError) return { missing: true };
    if (err instanceof ValidationError) return { error: svError(err) };
    throw err;
  }
}

// Every page under /foreningar. The association register: look up, list, register, and one
// association (its applications, its support and the decisions about it). From its page: sending the
// material for kommunicering (förvaltningslagen 25 §), and withdrawing support and restoring it. Both
// are decisions like any other: the service requires the reasons and (for a withdrawal) the criteria
// and the kommunicering of its case or a stated exception, and they take effect only when a second
// officer approves them.
export const associationPages = (deps: AppDeps) => [
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
        withError(form, 'orgNumber', r.error ?? PAGE_TEXT.orgNumberUnknown);
      }
      const page = await associationRegister(ctx, {
        limit: '50',
        ...(ctx.query.cursor ? { cursor: ctx.query.cursor } : {}),
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
        const a = await ctx.call('POST /api/associations', { body });
        return redirect(`/foreningar/${a.id}`, 'forening-registrerad');
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
  definePage({
    method: 'post',
    path: '/foreningar/:id/kommunicering',
    uses: ['POST /api/communications'],
    handler: async (ctx) => sendCommunication(deps, ctx, { associationId: ctx.params.id! }),
  }),
  definePage({
    method: 'post',
    path: '/foreningar/:id/indragning',
    uses: ['POST /api/associations/:id/withdrawals'],
    handler: async (ctx) => {
      const v = ctx.form;
      const body = {
        criteria: tickedCriteria(v),
        justification: v.justification ?? '',
        ...communicationChoiceBody(v),
      };
      return propose(
        deps,
        ctx,
        'POST /api/associations/:id/withdrawals',
        body,
        WITHDRAWAL_FIELDS,
        'indragning',
      );
    },
  }),
  definePage({
    method: 'post',
    path: '/foreningar/:id/aterupptagande',
    uses: ['POST /api/associations/:id/restorations'],
    handler: async (ctx) => {
      const body = { justification: ctx.form.justification ?? '' };
      return propose(
        deps,
        ctx,
        'POST /api/associations/:id/restorations',
        body,
        RESTORATION_FIELDS,
        'aterupptagande',
      );
    },
  }),
];
