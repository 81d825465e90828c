import type { AppDeps } from '../app';
import { auditHitsRead } from '../watchlist/watchlist.read-audit';
import { defineRoute } from '../http/route';
import { idParams } from '../http/common.schemas';
import { decodeCursor, timeIdCursor, toPage } from '../http/pagination';
import { listReferrals } from './premises.repository';
import { CheckWriter } from './premises.writer';
import { checkPremises, resolveWithNote, toReferral } from './premises.service';
import {
  premisesCheckBody,
  premisesCheckResultSchema,
  referralSchema,
  referralsPage,
  referralsQuery,
  resolveBody,
} from './premises.schemas';

export function premisesRoutes(appDeps: AppDeps) {
  const { db } = appDeps;
  const deps = { ...appDeps, writer: new CheckWriter(appDeps.db, appDeps.clock) };
  return [
    defineRoute({
      method: 'post',
      path: '/api/premises-checks',
      summary:
        'Check an association before letting a room: clear or refer, and an id to quote — nothing more',
      tag: 'premises',
      roles: ['booking_staff', 'coordinator'],
      body: premisesCheckBody,
      success: { status: 201, description: 'clear or refer', schema: premisesCheckResultSchema },
      handler: ({ body, user }) => checkPremises(deps, user.id, body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/referrals',
      summary: 'Referrals from booking staff’s checks, with the grounds, newest first',
      tag: 'premises',
      roles: ['coordinator'],
      query: referralsQuery,
      success: { status: 200, description: 'A page of referrals', schema: referralsPage },
      handler: async ({ query, user }) => {
        const after = decodeCursor(query.cursor, timeIdCursor);
        const rows = await listReferrals(
          db,
          query.status,
          after && { t: new Date(after.t), id: after.id },
          query.limit + 1,
        );
        const page = toPage(rows, query.limit, toReferral, (r) => ({
          t: r.created_at.toISOString(),
          id: r.id,
        }));
        const hits = page.items.map((r) => ({
          id: r.id,
          entryIds: r.grounds.flatMap((g) =>
            g.kind === 'watchlist' && typeof g.entryId === 'string' ? [g.entryId] : [],
          ),
        }));
        await auditHitsRead(db, deps.clock, {
          actor: user.id,
          entityType: 'referral',
          entityId: '*',
          entryIds: hits.flatMap((h) => h.entryIds),
          ids: hits.filter((h) => h.entryIds.length > 0).map((h) => h.id),
        });
        return page;
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/referrals/:id/resolve',
      summary: 'Resolve a referral with a note',
      tag: 'premises',
      roles: ['coordinator'],
      params: idParams,
      body: resolveBody,
      success: { status: 200, description: 'The resolved referral', schema: referralSchema },
      handler: ({ params, body, user }) => resolveWithNote(deps, user.id, params.id, body.note),
    }),
  ];
}
