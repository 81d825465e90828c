import type { AppDeps } from '../../deps';
import { ValidationError } from '../../http/errors';
import { documentOf } from '../../register-extract/register-extract.routes';
import type { RegisterExtract } from '../../register-extract/register-extract.schemas';
import { emptyForm, refusedForm, type FormState } from '../web.forms';
import { label } from '../web.labels.sv';
import { definePage, sent, view, type PageContext } from '../web.page';

// Registerutdrag (GDPR art. 15) for coordinators and admins: a personnummer or a name, then what the
// service holds about that person and the document to give them. Posted, not in the address, so a
// personnummer stays out of browser history; every request is audited by the API.

const FIELDS = ['personalNumber', 'name'] as const;

function subjectOf(ctx: PageContext) {
  const personalNumber = ctx.form.personalNumber?.trim();
  const name = ctx.form.name?.trim();
  return {
    values: { personalNumber: personalNumber ?? '', name: name ?? '' },
    query: { ...(personalNumber ? { personalNumber } : {}), ...(name ? { name } : {}), format: 'json' },
  };
}

async function extractFor(ctx: PageContext): Promise<{ extract?: RegisterExtract; form: FormState }> {
  const { values, query } = subjectOf(ctx);
  try {
    const extract = await ctx.call('GET /api/register-extract', { query });
    return { extract, form: emptyForm(values) };
  } catch (err) {
    const form = err instanceof ValidationError ? refusedForm(err, values, FIELDS) : undefined;
    if (!form) throw err;
    return { form };
  }
}

const page = (form: FormState, extract?: RegisterExtract, status?: number) =>
  view(
    'register-extract',
    'Registerutdrag',
    {
      form,
      extract,
      entries: extract?.watchlistEntries.map((e) => ({
        ...e,
        statusText: label('entryStatus', e.status),
        reasonText: label('category', e.reason),
      })),
      findings: extract?.findings.map((f) => ({ ...f, categoryText: label('category', f.category) })),
      found:
        extract &&
        extract.watchlistEntries.length +
          extract.representativeRoles.length +
          extract.findings.length +
          extract.premisesChecks.length +
          extract.screeningHits.length,
    },
    status,
  );

export const registerExtractPages = (deps: AppDeps) => [
  definePage({
    method: 'get',
    path: '/registerutdrag',
    uses: ['GET /api/register-extract'],
    nav: {
      label: 'Registerutdrag',
      order: 70,
      description:
        'Ta fram allt som finns om en person, när personen begär det (artikel 15 i dataskyddsförordningen).',
    },
    handler: async () => page(emptyForm()),
  }),
  definePage({
    method: 'post',
    path: '/registerutdrag',
    uses: ['GET /api/register-extract'],
    handler: async (ctx) => {
      const { extract, form } = await extractFor(ctx);
      return page(form, extract, extract ? 200 : 400);
    },
  }),
  definePage({
    method: 'post',
    path: '/registerutdrag/dokument',
    uses: ['GET /api/register-extract'],
    handler: async (ctx) => {
      const { extract, form } = await extractFor(ctx);
      if (!extract) return page(form, undefined, 400);
      ctx.res.status(200).type('html').send(documentOf(deps, extract));
      return sent();
    },
  }),
];
