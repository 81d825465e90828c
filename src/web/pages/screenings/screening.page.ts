import type { AppDeps } from '../../../deps';
import type { Screening } from '../../../screening/screening.schemas';
import { nameOf, userDirectory } from '../../web.user-directory';
import { emptyForm, type FormState } from '../../web.forms';
import { view, type PageContext } from '../../web.page';
import { decisionPanel } from './decision-form';
import { criterionGroups, hitsView } from './screening.view-model';

export async function screeningContext(deps: AppDeps, ctx: PageContext, id: string) {
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
  const c = await screeningContext(deps, ctx, id);
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
