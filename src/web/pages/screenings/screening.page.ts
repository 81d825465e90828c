import type { AppDeps } from '../../../deps';
import type { Screening } from '../../../screening/screening.schemas';
import { nameOf, userDirectory } from '../../web.user-directory';
import { emptyForm, type FormState } from '../../web.forms';
import { definePage, view, type PageContext } from '../../web.page';
import { decisionPanel } from './decision-form';
import { criterionGroups, hitsView } from './screening.view-model';

async function context(deps: AppDeps, ctx: PageContext, id: string) {
  const screening = await ctx.call('GET /api/screenings/:id', { params: { id } });
  const [application, association, users] = await Promise.all([
    ctx.call('GET /api/applications/:id', { params: { id: screening.applicationId } }),
    ctx.call('GET /api/associations/:id', { params: { id: screening.associationId } }),
    userDirectory(deps.db),
  ]);
  return { screening, application, association, screenedBy: nameOf(users.names, screening.screenedBy) };
}

/** Other published versions of the same rule set, for a what-if replay. */
async function versions(ctx: PageContext, screening: Screening) {
  if (!ctx.can('GET /api/rule-sets')) return [];
  const all = await ctx.call('GET /api/rule-sets');
  return all.items.filter((r) => r.id === screening.ruleSet.id && r.version !== screening.ruleSet.version);
}

/**
 * One screening as a page, with the decision form for those who decide (given back with the
 * service's refusal on it after a failed attempt).
 */
export async function screeningPage(
  deps: AppDeps,
  ctx: PageContext,
  id: string,
  form: FormState = emptyForm(),
  status?: number,
) {
  const c = await context(deps, ctx, id);
  const canReplay = ctx.can('POST /api/screenings/:id/replay');
  return view(
    'screening',
    `Granskning av ${c.association.name}`,
    {
      ...c,
      groups: criterionGroups(c.screening.checks, c.screening.evaluation, c.screening.facts),
      hits: hitsView(c.screening.watchlist.hits),
      canReplay,
      versions: canReplay ? await versions(ctx, c.screening) : [],
      canSeeAudit: ctx.can('GET /api/audit/events'),
      // Case officers see hits only here, inside the screening; the entries themselves are not theirs.
      canSeeWatchlist: ctx.can('GET /api/watchlist/:id'),
      decision: await decisionPanel(deps, ctx, c.screening, form),
      form,
    },
    status,
  );
}

// One screening: the recommendation, every criterion with its verdict and reasons, the watchlist
// hits explained, the stored facts and each rule's conditions; for case officers the decision form,
// for investigators replay.
export const screeningPages = (deps: AppDeps) => [
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
      const c = await context(deps, ctx, ctx.params.id!);
      return view('replay', `Kontrollen av ${c.association.name} körd igen`, {
        ...c,
        replay,
        whatIf: Boolean(version),
        groups: criterionGroups(replay.replayed.checks, undefined, undefined),
      });
    },
  }),
];
