import type { AppDeps } from '../../app';
import type { Page } from '../../http/pagination';
import type { Application } from '../../applications/applications.schemas';
import { associationNames, latestScreenings } from '../web.lookups.repository';
import { definePage, view, type PageContext } from '../web.page';

type ListedApplication = Omit<Application, 'findings'> & { findingCount: number };

const SECTIONS = [
  { status: 'received', heading: 'Mottagna – väntar på granskning' },
  { status: 'screened', heading: 'Granskade – väntar på beslut' },
] as const;

const PAGE_SIZE = '25';

async function section(
  deps: AppDeps,
  ctx: PageContext,
  s: (typeof SECTIONS)[number],
  cursor: string | undefined,
) {
  const page = await ctx.call<Page<ListedApplication>>('GET /api/applications', {
    query: { status: s.status, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) },
  });
  const [names, latest] = await Promise.all([
    associationNames(
      deps.db,
      page.items.map((a) => a.associationId),
    ),
    latestScreenings(
      deps.db,
      page.items.map((a) => a.id),
    ),
  ]);
  return {
    ...s,
    items: page.items.map((a) => ({
      ...a,
      association: names.get(a.associationId),
      latest: latest.get(a.id),
    })),
    more: page.nextCursor
      ? `/arbetsko?status=${s.status}&cursor=${encodeURIComponent(page.nextCursor)}`
      : null,
  };
}

// The case officer's work queue: applications to screen, then screened ones awaiting a decision,
// newest first. (Decisions awaiting approval and reminders join it when those areas land.)
export const caseOfficerQueuePages = (deps: AppDeps) => [
  definePage({
    method: 'get',
    path: '/arbetsko',
    uses: ['GET /api/applications'],
    nav: {
      label: 'Ansökningar',
      order: 10,
      description: 'Arbetskön: mottagna ansökningar att granska och granskade som väntar på beslut.',
    },
    handler: async (ctx) => {
      const only = SECTIONS.find((s) => s.status === ctx.query.status);
      const sections = only
        ? [await section(deps, ctx, only, ctx.query.cursor)]
        : await Promise.all(SECTIONS.map((s) => section(deps, ctx, s, undefined)));
      return view('queue', 'Ansökningar', {
        sections,
        filtered: Boolean(only),
        canCreate: ctx.can('POST /api/applications'),
      });
    },
  }),
];
