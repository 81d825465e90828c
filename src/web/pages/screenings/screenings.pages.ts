import type { AppDeps } from '../../../deps';
import type { Page } from '../../../http/pagination';
import type { Screening } from '../../../screening/screening.schemas';
import { ValidationError } from '../../../http/errors';
import { emptyForm, filledQuery, refusedForm } from '../../web.forms';
import { LABELS } from '../../web.labels.sv';
import { nameOf, userDirectory } from '../../web.user-directory';
import { associationNamesByIds } from '../../../associations/associations.repository';
import { definePage, redirect, view, type PageContext } from '../../web.page';
import { DECISION_FIELDS, decisionBody } from './decision-form';
import { screeningContext, screeningPage } from './screening.page';
import { criterionGroups } from './screening.view-model';

const FILTERS = ['code', 'ruleSetVersion', 'screenedBy', 'recommendation', 'from', 'to'] as const;

/** The criterion codes of every loaded rule set, for the filter's choices. */
const codesOf = (deps: AppDeps) =>
  [...new Set(deps.ruleSets.flatMap((s) => s.rules.map((r) => r.code)))].sort();

async function filterChoices(deps: AppDeps, ctx: PageContext) {
  const sets = await ctx.call('GET /api/rule-sets');
  const users = await userDirectory(deps.db);
  const option = (v: string) => ({ value: v, label: v });
  return {
    codeOptions: codesOf(deps).map(option),
    versionOptions: [...new Set(sets.items.map((s) => s.version))].map(option),
    officerOptions: users.caseOfficers.map((u) => ({ value: u.id, label: u.name })),
    recommendations: Object.entries(LABELS.recommendation).map(([value, label]) => ({ value, label })),
    names: users.names,
  };
}

// Every page under /granskningar. The search: screenings by criterion, rule-set version, case
// officer, recommendation and period, the investigator's way in to any screening, newest first.
//
// One screening: the recommendation, every criterion with its verdict and reasons, the watchlist
// hits explained, the stored facts and each rule's conditions; for case officers the decision form,
// for investigators replay.
//
// A case officer decides on the screening shown. The API's decision operation does all the checking
// (in process, as this officer); a refusal comes back as the screening page with the form kept and
// each problem in Swedish beside its field.
export const screeningPages = (deps: AppDeps) => [
  definePage({
    method: 'get',
    path: '/granskningar',
    uses: ['GET /api/screenings', 'GET /api/rule-sets'],
    nav: {
      label: 'Granskningar',
      order: 30,
      description: 'Sök granskningar efter kriterium, regelverk, handläggare och period; kör om kontrollen.',
    },
    handler: async (ctx) => {
      const filter = filledQuery(ctx.query, FILTERS);
      const { names: userNames, ...choices } = await filterChoices(deps, ctx);
      let form = emptyForm(filter);
      let page: Page<Screening> = { items: [], nextCursor: null };
      try {
        page = await ctx.call('GET /api/screenings', {
          query: { ...filter, limit: '50', ...(ctx.query.cursor ? { cursor: ctx.query.cursor } : {}) },
        });
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        form = refusedForm(err, filter, FILTERS)!;
      }
      const names = await associationNamesByIds(
        deps.db,
        page.items.map((s) => s.associationId),
      );
      const params = new URLSearchParams(filter);
      if (page.nextCursor) params.set('cursor', page.nextCursor);
      return view(
        'screenings',
        'Granskningar',
        {
          form,
          ...choices,
          screenings: page.items.map((s) => ({
            ...s,
            association: names.get(s.associationId),
            screenedByName: nameOf(userNames, s.screenedBy),
          })),
          filtered: Object.keys(filter).length > 0,
          more: page.nextCursor ? `/granskningar?${params.toString()}` : null,
        },
        form.summary.length ? 400 : 200,
      );
    },
  }),
  definePage({
    method: 'get',
    path: '/granskningar/:id',
    uses: ['GET /api/screenings/:id'],
    handler: async (ctx) => screeningPage(deps, ctx, ctx.params.id!),
  }),
  definePage({
    method: 'post',
    path: '/granskningar/:id/kor-om',
    uses: ['POST /api/screenings/:id/replay'],
    handler: async (ctx) => {
      const version = ctx.form.ruleSetVersion?.trim();
      const replay = await ctx.call('POST /api/screenings/:id/replay', {
        params: ctx.params,
        body: version ? { ruleSetVersion: version } : {},
      });
      const c = await screeningContext(deps, ctx, ctx.params.id!);
      return view('replay', `Kontrollen av ${c.association.name} körd igen`, {
        ...c,
        replay,
        whatIf: Boolean(version),
        groups: criterionGroups(replay.replayed.checks, undefined, undefined),
      });
    },
  }),
  definePage({
    method: 'post',
    path: '/granskningar/:id/beslut',
    uses: ['POST /api/applications/:id/decisions'],
    handler: async (ctx) => {
      const screening = await ctx.call('GET /api/screenings/:id', { params: ctx.params });
      try {
        const d = await ctx.call('POST /api/applications/:id/decisions', {
          params: { id: screening.applicationId },
          body: decisionBody(ctx.form, screening.id),
        });
        return redirect(`/beslut/${d.id}`, d.status === 'final' ? 'beslut-slutligt' : 'beslut-vantar');
      } catch (err) {
        const form = refusedForm(err, ctx.form, DECISION_FIELDS);
        if (!form) throw err;
        return screeningPage(deps, ctx, screening.id, form, err instanceof ValidationError ? 400 : 409);
      }
    },
  }),
];
