import type { AppDeps } from '../deps';
import { isoDate } from '../clock';
import { auditHitsRead } from '../watchlist/watchlist.read-audit';
import { defineRoute } from '../http/route';
import { idParams } from '../http/common.schemas';
import { mapPage } from '../http/pagination';
import { listReferrals } from './premises.referrals.repository';
import { resolveWithOutcome, toReferral } from './premises.referrals.service';
import { CheckWriter } from './premises.writer';
import { checkPremises, checkStatusFor, ownChecks } from './premises.service';
import {
  checkIdParams,
  ownChecksPage,
  ownChecksQuery,
  premisesCheckBody,
  premisesCheckResultSchema,
  premisesCheckStatusSchema,
  referralSchema,
  referralsPage,
  referralsQuery,
  resolveBody,
} from './premises.schemas';

export function premisesRoutes(appDeps: AppDeps) {
  const { db, clock } = appDeps;
  const deps = {
    ...appDeps,
    writer: new CheckWriter(appDeps.db, appDeps.clock),
    answerDays: appDeps.config.REFERRAL_ANSWER_DAYS,
  };
  return [
    defineRoute({
      method: 'post',
      path: '/api/premises-checks',
      summary:
        'Check an association before letting a room: clear or refer, a check number and (refer) the day an answer comes by — nothing more',
      tag: 'premises',
      roles: ['booking_staff', 'coordinator'],
      body: premisesCheckBody,
      success: { status: 201, description: 'clear or refer', schema: premisesCheckResultSchema },
      handler: ({ body, user }) => checkPremises(deps, user.id, body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/premises-checks',
      summary: 'The caller’s own checks, newest first, with their status — never the grounds',
      tag: 'premises',
      roles: ['booking_staff', 'coordinator'],
      query: ownChecksQuery,
      success: { status: 200, description: 'A page of the caller’s checks', schema: ownChecksPage },
      handler: ({ query, user }) => ownChecks(deps, user, query),
    }),
    defineRoute({
      method: 'get',
      path: '/api/premises-checks/:checkId',
      summary:
        'A check’s status (clear, awaiting_answer, no_obstacle, not_cleared), for the booking staff member who made it and coordinators; 404 for anyone else',
      tag: 'premises',
      roles: ['booking_staff', 'coordinator'],
      params: checkIdParams,
      success: {
        status: 200,
        description: 'The status, never the grounds',
        schema: premisesCheckStatusSchema,
      },
      handler: ({ params, user }) => checkStatusFor(deps, user, params.checkId),
    }),
    defineRoute({
      method: 'get',
      path: '/api/referrals',
      summary: 'Referrals from booking staff’s checks, with the grounds and the answer day, newest first',
      tag: 'premises',
      roles: ['coordinator'],
      query: referralsQuery,
      success: { status: 200, description: 'A page of referrals', schema: referralsPage },
      handler: async ({ query, user }) => {
        const rows = await listReferrals(db, query.status, query);
        const today = isoDate(clock.now());
        const page = mapPage(rows, (r) => toReferral(r, today));
        const hits = page.items.map((r) => ({
          id: r.id,
          entryIds: r.grounds.flatMap((g) =>
            g.kind === 'watchlist' && typeof g.entryId === 'string' ? [g.entryId] : [],
          ),
        }));
        await auditHitsRead(db, clock, {
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
      summary:
        'Answer a referral once: no_obstacle or not_cleared, with a note for the record (the booking desk learns only the outcome)',
      tag: 'premises',
      roles: ['coordinator'],
      params: idParams,
      body: resolveBody,
      success: { status: 200, description: 'The resolved referral', schema: referralSchema },
      handler: ({ params, body, user }) => resolveWithOutcome(db, clock, user.id, params.id, body),
    }),
  ];
}
