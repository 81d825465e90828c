import { ValidationError } from '../../http/errors';
import { emptyForm, filledQuery, refusedForm } from '../web.forms';
import { LABELS } from '../web.labels.sv';
import { definePage, view } from '../web.page';
import { monthChart, monthLabel } from './stats.chart';
import type { ApiResult } from '../web.api';
import { APPLICATION_OUTCOMES } from '../../decisions/decisions.table';
import { RECOMMENDATIONS } from '../../screening/screening.result';
import { OUTCOMES } from '../../screening/rule-set.schema';

type Stats = ApiResult<'GET /api/screenings/stats'>;
type DecisionStats = ApiResult<'GET /api/decisions/stats'>;

const FILTERS = ['from', 'to', 'ruleSetVersion'] as const;

/** Per value of a closed set, the sum of the rows' counts with that outcome. */
const countsBy = <V extends string>(values: readonly V[], rows: { outcome: string; count: number }[]) =>
  Object.fromEntries(
    values.map((v) => [v, rows.filter((r) => r.outcome === v).reduce((n, r) => n + r.count, 0)]),
  ) as Record<V, number>;

/**
 * Per month and criterion: how many screenings the criterion fired in (and what it recommended),
 * beside how the final decisions on such screenings went. Equal cases should go the same way.
 */
function outcomesBeside(stats: Stats, decisions: DecisionStats) {
  const keys = new Map<string, { month: string; code: string }>();
  for (const r of [...stats.byCriterion, ...decisions.byCriterion]) keys.set(`${r.month} ${r.code}`, r);
  return [...keys.values()]
    .sort((a, b) => a.month.localeCompare(b.month) || a.code.localeCompare(b.code))
    .map(({ month, code }) => {
      const fired = stats.byCriterion.filter((r) => r.month === month && r.code === code);
      const decided = decisions.byCriterion.filter((r) => r.month === month && r.code === code);
      return {
        month: monthLabel(month),
        code,
        // What the criterion recommended, and how the decisions on applications went.
        ...countsBy(OUTCOMES, fired),
        ...countsBy(APPLICATION_OUTCOMES, decided),
      };
    });
}

// Recommendations per month (the equal-treatment overview), as a table with a bar chart drawn from it,
// the criteria that fired per month, and beside them the outcomes of the decisions made on them.
export const statsPages = () => [
  definePage({
    method: 'get',
    path: '/statistik',
    uses: ['GET /api/screenings/stats', 'GET /api/decisions/stats', 'GET /api/rule-sets'],
    nav: {
      label: 'Statistik',
      order: 60,
      description: 'Rekommendationer, kriterier och beslut per månad: likabehandling i överblick.',
    },
    handler: async (ctx) => {
      const filter = filledQuery(ctx.query, FILTERS);
      let form = emptyForm(filter);
      let stats: Stats = { byRecommendation: [], byCriterion: [] };
      let decisions: DecisionStats = { byCriterion: [] };
      try {
        [stats, decisions] = await Promise.all([
          ctx.call('GET /api/screenings/stats', { query: filter }),
          ctx.call('GET /api/decisions/stats', { query: filter }),
        ]);
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        form = refusedForm(err, filter, FILTERS)!;
      }
      const sets = await ctx.call('GET /api/rule-sets');
      const codes = [...new Set(stats.byCriterion.map((c) => c.code))].sort();
      const months = [...new Set(stats.byCriterion.map((c) => c.month))].sort();
      return view(
        'stats',
        'Statistik',
        {
          form,
          versionOptions: [...new Set(sets.items.map((s) => s.version))].map((v) => ({ value: v, label: v })),
          chart: monthChart(stats.byRecommendation),
          recommendations: RECOMMENDATIONS.map((value) => ({ value, label: LABELS.recommendation[value] })),
          criteria: {
            codes,
            rows: months.map((month) => ({
              month: monthLabel(month),
              cells: codes.map((code) =>
                stats.byCriterion
                  .filter((c) => c.month === month && c.code === code)
                  .reduce((n, c) => n + c.count, 0),
              ),
            })),
          },
          outcomes: outcomesBeside(stats, decisions),
        },
        form.summary.length ? 400 : 200,
      );
    },
  }),
];
