import { z } from 'zod';
import type { AppDeps } from '../deps';
import { defineRoute } from '../http/route';
import { idParams } from '../http/common.schemas';
import { mapPage, pageSchema } from '../http/pagination';
import { rangeBound } from '../http/date-range';
import { criterionCounts, listScreenings, recommendationCounts } from './screening.repository';
import { loadScreeningRow, screenApplication, toScreening } from './screening.service';
import { replayScreening } from './screening.replay';
import { auditHitsRead } from '../watchlist/watchlist.read-audit';
import { listPublishedRuleSets } from './rule-set.registry';
import { applicationsWithVisibleHits, withholdHits, withholdRecordHits } from './screening.need-to-know';
import {
  replayBody,
  replaySchema,
  screeningRecordSchema,
  screeningSchema,
  screeningsPage,
  screeningsQuery,
  statsQuery,
  statsSchema,
} from './screening.schemas';

// Case officers see a screening as part of handling the application, and its watchlist hits only in
// a case they handle or have before them to decide (need-to-know, cases.access); coordinators as
// second approvers; investigators read everything. Booking staff never.
const READERS = ['case_officer', 'coordinator', 'investigator'] as const;

export function screeningRoutes(deps: AppDeps) {
  const { db } = deps;
  return [
    defineRoute({
      method: 'post',
      path: '/api/applications/:id/screenings',
      summary: 'Screen an application under the rule set in force today',
      tag: 'screening',
      roles: ['case_officer'],
      params: idParams,
      success: {
        status: 201,
        description: 'The stored screening with its recommendation and reasons',
        schema: screeningSchema,
      },
      handler: async ({ params, user }) => {
        const s = await screenApplication(deps, user.id, params.id);
        const visible = await applicationsWithVisibleHits(db, user, [s.applicationId]);
        return visible.has(s.applicationId) ? s : withholdHits(s);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/screenings/:id/replay',
      summary: 'Replay under the stored rule-set version (or, what-if, another published version)',
      tag: 'screening',
      roles: ['investigator'],
      params: idParams,
      body: replayBody,
      success: {
        status: 200,
        description: 'Whether the replay is identical, and what differs',
        schema: replaySchema,
      },
      handler: ({ params, body, user }) => replayScreening(deps, user.id, params.id, body?.ruleSetVersion),
    }),
    defineRoute({
      method: 'get',
      path: '/api/screenings',
      summary: 'Screenings by application, association, criterion, rule-set version, case officer and period',
      tag: 'screening',
      roles: ['investigator', 'case_officer'],
      query: screeningsQuery,
      success: { status: 200, description: 'A page of screenings', schema: screeningsPage },
      handler: async ({ query, user }) => {
        const rows = await listScreenings(
          db,
          { ...query, from: rangeBound(query.from, 'from'), to: rangeBound(query.to, 'to') },
          query,
        );
        const visible = await applicationsWithVisibleHits(
          db,
          user,
          rows.items.map((r) => r.application_id),
        );
        const page = mapPage(rows, (r) =>
          visible.has(r.application_id) ? toScreening(r) : withholdHits(toScreening(r)),
        );
        const withHits = page.items.filter((s) => s.watchlist.hits.length > 0);
        await auditHitsRead(db, deps.clock, {
          actor: user.id,
          entityType: 'screening',
          entityId: '*',
          entryIds: withHits.flatMap((s) => s.watchlist.hits.map((h) => h.entryId)),
          ids: withHits.map((s) => s.id),
        });
        return page;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/screenings/stats',
      summary:
        'Recommendations per month, rule-set version and case officer, and criteria that fired per month',
      tag: 'screening',
      roles: ['investigator'],
      query: statsQuery,
      success: { status: 200, description: 'Counts for the equal-treatment overview', schema: statsSchema },
      handler: async ({ query }) => {
        const f = { ...query, from: rangeBound(query.from, 'from'), to: rangeBound(query.to, 'to') };
        const [byRec, byCrit] = await Promise.all([recommendationCounts(db, f), criterionCounts(db, f)]);
        return {
          byRecommendation: byRec.map((r) => ({
            month: r.month,
            ruleSetVersion: r.rule_set_version,
            screenedBy: r.screened_by,
            recommendation: r.recommendation,
            count: r.count,
          })),
          byCriterion: byCrit,
        };
      },
    }),
    // After /api/screenings/stats: express matches in order, and 'stats' is not an id.
    defineRoute({
      method: 'get',
      path: '/api/screenings/:id',
      summary: 'A screening with its fact snapshot and full evaluation',
      tag: 'screening',
      roles: READERS,
      params: idParams,
      success: { status: 200, description: 'The screening', schema: screeningRecordSchema },
      handler: async ({ params, user }) => {
        const row = await loadScreeningRow(db, params.id);
        const record = { ...toScreening(row), facts: row.facts, evaluation: row.result };
        if (!(await applicationsWithVisibleHits(db, user, [row.application_id])).has(row.application_id)) {
          return withholdRecordHits(record);
        }
        await auditHitsRead(db, deps.clock, {
          actor: user.id,
          entityType: 'screening',
          entityId: row.id,
          entryIds: row.watchlist_hits.map((h) => h.entryId),
        });
        return record;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/rule-sets',
      summary: 'Published rule-set versions with their hashes and validity dates',
      tag: 'screening',
      roles: ['investigator', 'case_officer', 'coordinator', 'admin'],
      success: {
        status: 200,
        description: 'Every published version',
        // Few enough for one page; the page shape keeps the list like every other.
        schema: pageSchema(
          z.object({
            id: z.string(),
            version: z.string(),
            validFrom: z.string(),
            hash: z.string(),
            publishedAt: z.string(),
          }),
        ),
      },
      handler: async () => ({
        items: (await listPublishedRuleSets(db)).map((r) => ({
          id: r.id,
          version: r.version,
          validFrom: r.valid_from,
          hash: r.hash,
          publishedAt: r.registered_at.toISOString(),
        })),
        nextCursor: null,
      }),
    }),
  ];
}
