import { definePage, view } from '../web.page';

// What the screening and the decisions rest on, for the admin who keeps the files (and anyone who
// may read them over the API): every published rule-set version with its validity and hash, and
// the committee's delegation order in force.
export const adminRulePages = () => [
  definePage({
    method: 'get',
    path: '/regelverk',
    uses: ['GET /api/rule-sets', 'GET /api/delegation'],
    nav: {
      label: 'Regelverk och delegation',
      order: 95,
      description:
        'Publicerade versioner av regelverken med giltighet och kontrollsumma, och delegationsordningen.',
    },
    handler: async (ctx) => {
      const [ruleSets, delegation] = await Promise.all([
        ctx.call('GET /api/rule-sets'),
        ctx.call('GET /api/delegation'),
      ]);
      return view('rule-sets', 'Regelverk och delegation', { ruleSets: ruleSets.items, delegation });
    },
  }),
];
