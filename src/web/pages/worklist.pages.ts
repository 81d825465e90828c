import type { AppDeps } from '../../deps';
import { isoDate } from '../../clock';
import { nameOf, userDirectory } from '../web.user-directory';
import { associationNamesByIds } from '../../associations/associations.repository';
import { latestScreeningsOf } from '../../screening/screening.repository';
import { definePage, view, type PageContext } from '../web.page';
import { decisionView } from './decisions/decision.view-model';
import { remindersView } from './reminders.view-model';
import { mayAct } from './decisions/decision.delegation-view';

const SECTIONS = [
  { status: 'received', heading: 'Mottagna – väntar på granskning' },
  { status: 'screened', heading: 'Granskade – väntar på beslut' },
] as const;

/**
 * A case officer's queue is their own cases (the ones they handle); `?alla=ja` shows everyone's.
 * Coordinators handle no cases of their own: they see all.
 */
const onlyMine = (ctx: PageContext) => ctx.user.role === 'case_officer' && ctx.query.alla !== 'ja';

const PAGE_SIZE = '25';

async function section(
  deps: AppDeps,
  ctx: PageContext,
  s: (typeof SECTIONS)[number],
  cursor: string | undefined,
) {
  const mine = onlyMine(ctx);
  const page = await ctx.call('GET /api/applications', {
    query: {
      status: s.status,
      limit: PAGE_SIZE,
      ...(mine ? { assignedTo: 'me' } : {}),
      ...(cursor ? { cursor } : {}),
    },
  });
  const [names, latest, users] = await Promise.all([
    associationNamesByIds(
      deps.db,
      page.items.map((a) => a.associationId),
    ),
    latestScreeningsOf(
      deps.db,
      page.items.map((a) => a.id),
    ),
    userDirectory(deps.db),
  ]);
  return {
    ...s,
    items: page.items.map((a) => ({
      ...a,
      association: names.get(a.associationId),
      latest: latest.get(a.id),
      assignedToName: nameOf(users.names, a.assignedTo),
    })),
    more: page.nextCursor
      ? `/arbetsko?status=${s.status}${mine ? '' : '&alla=ja'}&cursor=${encodeURIComponent(page.nextCursor)}`
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
    ctx.call('GET /api/decisions', { query: { status: 'pending_approval', limit: '200' } }),
    ctx.call('GET /api/delegation'),
  ]);
  const [names, users] = await Promise.all([
    associationNamesByIds(
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

/** The withdrawal cases this officer handles that have no decision in force yet. */
async function withdrawalCases(deps: AppDeps, ctx: PageContext) {
  if (ctx.user.role !== 'case_officer' || !ctx.can('GET /api/cases')) return undefined;
  const page = await ctx.call('GET /api/cases', {
    query: { assignedTo: 'me', kind: 'withdrawal', open: 'true', limit: '50' },
  });
  const names = await associationNamesByIds(
    deps.db,
    page.items.map((c) => c.associationId),
  );
  return page.items.map((c) => ({ ...c, association: names.get(c.associationId) }));
}

/** The first few open reminders of this person's role, earliest due first (overdue ones lead). */
async function reminders(deps: AppDeps, ctx: PageContext) {
  if (!ctx.can('POST /api/reminders/:id/complete')) return undefined;
  const page = await ctx.call('GET /api/reminders', {
    query: { status: 'open', sort: 'due', limit: '5' },
  });
  return { items: remindersView(page.items, isoDate(deps.clock.now())) };
}

// The case officer's work queue: prepared decisions awaiting their decision, their reminders, their
// open withdrawal cases, the applications they handle to screen, then screened ones awaiting a
// decision, newest first, each with its diarienummer. Coordinators, who decide as delegats and record
// the committee's decisions, use the same queue and see every application.
export const worklistPages = (deps: AppDeps) => [
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
      const scope = { mine: onlyMine(ctx), isCaseOfficer: ctx.user.role === 'case_officer' };
      if (only) {
        return view('queue', 'Ansökningar', {
          sections: [await section(deps, ctx, only, ctx.query.cursor)],
          filtered: true,
          canCreate: ctx.can('POST /api/applications'),
          ...scope,
        });
      }
      const [sections, pending, due, withdrawals] = await Promise.all([
        Promise.all(SECTIONS.map((s) => section(deps, ctx, s, undefined))),
        approvals(deps, ctx),
        reminders(deps, ctx),
        withdrawalCases(deps, ctx),
      ]);
      return view('queue', 'Ansökningar', {
        sections,
        approvals: pending,
        reminders: due,
        withdrawals,
        canCreate: ctx.can('POST /api/applications'),
        ...scope,
      });
    },
  }),
];
