import type { AppDeps } from '../../app';
import type { Page } from '../../http/pagination';
import type { Application } from '../../applications/applications.schemas';
import { isoDate } from '../../clock';
import type { Decision } from '../../decisions/decisions.schemas';
import type { Reminder } from '../../reminders/reminders.schemas';
import { associationNames, latestScreenings, userDirectory } from '../web.lookups.repository';
import { definePage, view, type PageContext } from '../web.page';
import { decisionView } from './decision.view-model';
import { remindersView } from './reminders.view-model';
import type { DelegationOrderResponse } from '../../delegation/delegation.schema';
import { mayAct } from './decision.delegation-view';

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

/**
 * Prepared decisions waiting to be decided: those this person may decide (they hold delegation for
 * the kind and did not prepare it) or, for a coordinator, record as the committee's; and this
 * person's own proposals (someone else decides). The rules themselves are the approve operation's;
 * this only sorts the list.
 */
async function approvals(deps: AppDeps, ctx: PageContext) {
  if (!ctx.can('GET /api/decisions') || !ctx.can('POST /api/decisions/:id/approve')) return undefined;
  const [page, order] = await Promise.all([
    ctx.call<Page<Decision>>('GET /api/decisions', { query: { status: 'pending_approval', limit: '200' } }),
    ctx.call<DelegationOrderResponse>('GET /api/delegation'),
  ]);
  const [names, users] = await Promise.all([
    associationNames(
      deps.db,
      page.items.map((d) => d.associationId),
    ),
    userDirectory(deps.db),
  ]);
  const rows = page.items.map((d) => ({
    ...decisionView(d, users.names),
    association: names.get(d.associationId),
  }));
  return {
    forMe: rows.filter((d) => mayAct(order, d, ctx.user)),
    mine: rows.filter((d) => d.preparedBy === ctx.user.id),
    more: page.nextCursor !== null,
  };
}

/** The first few open reminders of this person's role, earliest due first (overdue ones lead). */
async function reminders(deps: AppDeps, ctx: PageContext) {
  if (!ctx.can('POST /api/reminders/:id/complete')) return undefined;
  const page = await ctx.call<Page<Reminder>>('GET /api/reminders', {
    query: { status: 'open', sort: 'due', limit: '5' },
  });
  return { items: remindersView(page.items, isoDate(deps.clock.now())) };
}

// The case officer's work queue: prepared decisions awaiting their decision, their reminders,
// applications to screen, then screened ones awaiting a decision, newest first. Coordinators, who
// decide as delegats and record the committee's decisions, use the same queue.
export const caseOfficerQueuePages = (deps: AppDeps) => [
  definePage({
    method: 'get',
    path: '/arbetsko',
    uses: ['GET /api/applications'],
    nav: {
      label: 'Ansökningar',
      order: 10,
      description:
        'Arbetskön: beslutsförslag som väntar på ditt beslut, mottagna ansökningar att granska och granskade som väntar på beslut.',
    },
    handler: async (ctx) => {
      const only = SECTIONS.find((s) => s.status === ctx.query.status);
      if (only) {
        return view('queue', 'Ansökningar', {
          sections: [await section(deps, ctx, only, ctx.query.cursor)],
          filtered: true,
          canCreate: ctx.can('POST /api/applications'),
        });
      }
      const [sections, pending, due] = await Promise.all([
        Promise.all(SECTIONS.map((s) => section(deps, ctx, s, undefined))),
        approvals(deps, ctx),
        reminders(deps, ctx),
      ]);
      return view('queue', 'Ansökningar', {
        sections,
        approvals: pending,
        reminders: due,
        canCreate: ctx.can('POST /api/applications'),
      });
    },
  }),
];
