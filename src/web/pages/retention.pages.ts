import { periodText } from '../../register-extract/register-extract.document';
import { definePage, view } from '../web.page';

// Gallring for investigators and admins: what is kept how long, under which decision, and what the
// latest daily runs deleted.
export const retentionPages = () => [
  definePage({
    method: 'get',
    path: '/gallring',
    uses: ['GET /api/retention'],
    nav: {
      label: 'Gallring',
      order: 60,
      description: 'Hur länge uppgifter sparas och vad de senaste gallringarna tog bort.',
    },
    handler: async (ctx) => {
      const r = await ctx.call('GET /api/retention');
      const kinds = r.policy.kinds.map((k) => ({ ...k, period: periodText(k.keepFor) }));
      return view('retention', 'Gallring', {
        policy: r.policy,
        kinds,
        runs: r.runs.map((run) => ({
          ...run,
          deleted: Object.values(run.counts).reduce((n, c) => n + c.deleted, 0),
          perKind: kinds.map((k) => run.counts[k.kind]?.deleted ?? 0),
        })),
      });
    },
  }),
];
