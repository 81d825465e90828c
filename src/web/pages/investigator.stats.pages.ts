import { ValidationError } from '../../http/errors';
import { emptyForm, refusedForm } from '../web.forms';
import { LABELS } from '../web.labels.sv';
import { definePage, view } from '../web.page';
import { monthChart, monthLabel, type RecommendationCount } from './investigator.stats-chart';

type Stats = {
  byRecommendation: RecommendationCount[];
  byCriterion: { month: string; code: string; outcome: string; count: number }[];
};

const FILTERS = ['from', 'to', 'ruleSetVersion'] as const;

// Recommendations per month (the equal-treatment overview), as a table with a bar chart drawn from it,
// and the criteria that fired per month.
export const investigatorStatsPages = () => [
  definePage({
    method: 'get',
    path: '/statistik',
    uses: ['GET /api/screenings/stats', 'GET /api/rule-sets'],
    nav: {
      label: 'Statistik',
      order: 60,
      description: 'Rekommendationer och kriterier per månad: likabehandling i överblick.',
    },
    handler: async (ctx) => {
      const filter = Object.fromEntries(
        FILTERS.filter((f) => ctx.query[f]?.trim()).map((f) => [f, ctx.query[f]!.trim()]),
      );
      let form = emptyForm(filter);
      let stats: Stats = { byRecommendation: [], byCriterion: [] };
      try {
        stats = await ctx.call<Stats>('GET /api/screenings/stats', { query: filter });
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        form = refusedForm(err, filter, FILTERS)!;
      }
      const sets = await ctx.call<{ items: { version: string }[] }>('GET /api/rule-sets');
      const codes = [...new Set(stats.byCriterion.map((c) => c.code))].sort();
      const months = [...new Set(stats.byCriterion.map((c) => c.month))].sort();
      return view(
        'stats',
        'Statistik',
        {
          form,
          versionOptions: [...new Set(sets.items.map((s) => s.version))].map((v) => ({ value: v, label: v })),
          chart: monthChart(stats.byRecommendation),
          recommendations: Object.entries(LABELS.recommendation).map(([value, label]) => ({ value, label })),
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
        },
        form.summary.length ? 400 : 200,
      );
    },
  }),
];
