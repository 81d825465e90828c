import { RECOMMENDATIONS, type Recommendation } from '../../screening/screening.result';
import type { ApiResult } from '../web.api';
import { LABELS } from '../web.labels.sv';

// Recommendations per month as a horizontal stacked bar chart, drawn on the server as SVG (no script,
// nothing to build). The table beside it holds the same numbers and is what a screen reader reads.

/** One row of the screening statistics: screenings per month, rule set, screener and recommendation. */
export type RecommendationCount = ApiResult<'GET /api/screenings/stats'>['byRecommendation'][number];

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];

export const LABEL_W = 90;
export const BAR_W = 440;
const ROW_H = 30;
const BAR_H = 20;

/** "2026-11" → "nov 2026" */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-');
  return `${MONTHS[Number(m) - 1] ?? m} ${y}`;
}

export function monthChart(rows: RecommendationCount[]) {
  const months = [...new Set(rows.map((r) => r.month))].sort();
  const perMonth = months.map((month) => {
    const counts = Object.fromEntries(
      RECOMMENDATIONS.map((rec) => [
        rec,
        rows.filter((r) => r.month === month && r.recommendation === rec).reduce((n, r) => n + r.count, 0),
      ]),
    ) as Record<Recommendation, number>;
    return {
      month,
      label: monthLabel(month),
      counts,
      total: RECOMMENDATIONS.reduce((n, rec) => n + counts[rec], 0),
    };
  });
  const max = Math.max(1, ...perMonth.map((m) => m.total));
  return {
    width: LABEL_W + BAR_W + 50,
    height: Math.max(1, perMonth.length) * ROW_H + 10,
    series: RECOMMENDATIONS.map((rec) => ({ rec, label: LABELS.recommendation[rec] })),
    months: perMonth.map((m, i) => {
      let x = LABEL_W;
      const y = 5 + i * ROW_H;
      const bars = RECOMMENDATIONS.filter((rec) => m.counts[rec] > 0).map((rec) => {
        const w = (m.counts[rec] / max) * BAR_W;
        const bar = {
          rec,
          x: round(x),
          width: round(w),
          count: m.counts[rec],
          label: LABELS.recommendation[rec],
        };
        x += w;
        return bar;
      });
      return {
        ...m,
        cells: RECOMMENDATIONS.map((rec) => m.counts[rec]),
        bars,
        y,
        barY: y + (ROW_H - BAR_H) / 2 - 5,
        barH: BAR_H,
        textY: y + ROW_H / 2,
        totalX: round(x + 6),
      };
    }),
  };
}

const round = (n: number) => Math.round(n * 10) / 10;
