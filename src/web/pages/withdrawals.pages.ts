import type { ApiResult } from '../web.api';
import { definePage, view } from '../web.page';

type FollowUp = ApiResult<'GET /api/withdrawals'>['items'][number]['followUps'][number];

/** The API's on-time flag in words: done in time, done late, overdue, or not due yet. */
function timeliness(f: FollowUp): { label: string; tone: string } {
  if (f.status === 'done') return f.onTime ? { label: 'I tid', tone: 'ok' } : { label: 'Sent', tone: 'late' };
  return f.onTime === false
    ? { label: 'Försenad', tone: 'overdue' }
    : { label: 'Inte förfallen', tone: 'open' };
}

// Every withdrawal of support with its follow-up (who was to do what by when) and whether each step
// was done on time: the action plan's "control and follow-up", on one page.
export const withdrawalPages = () => [
  definePage({
    method: 'get',
    path: '/indragningar',
    uses: ['GET /api/withdrawals'],
    nav: {
      label: 'Indragningar',
      order: 55,
      description: 'Varje indragning av stöd med sin uppföljning: gjord i tid, sent eller försenad.',
    },
    handler: async (ctx) => {
      const page = await ctx.call('GET /api/withdrawals', {
        query: { limit: '25', ...(ctx.query.cursor ? { cursor: ctx.query.cursor } : {}) },
      });
      return view('withdrawals', 'Indragningar av stöd', {
        withdrawals: page.items.map((w) => ({
          ...w,
          followUps: w.followUps.map((f) => ({ ...f, timeliness: timeliness(f) })),
        })),
        more: page.nextCursor ? `/indragningar?cursor=${encodeURIComponent(page.nextCursor)}` : null,
      });
    },
  }),
];
