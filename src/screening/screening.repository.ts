import { sql, type ExpressionBuilder } from 'kysely';
import type { Database, Db } from '../db/database';
import { toJson } from '../db/json';
import { paginate, timeIdKeyset, type PageRequest } from '../db/paginate';
import type { Page } from '../http/pagination';
import type { EvaluationResult } from './screening.result';
import type { ScreeningRow } from './screening.table';
import type { ScreeningFacts } from './screening.facts';
import type { ScreeningWatchlistHit } from './screening.watchlist-port';

export async function insertScreening(
  db: Db,
  s: {
    id: string;
    applicationId: string;
    associationId: string;
    facts: ScreeningFacts;
    result: EvaluationResult;
    hits: ScreeningWatchlistHit[];
    screenedBy: string;
    now: Date;
  },
): Promise<ScreeningRow> {
  const row = await db
    .insertInto('screenings')
    .values({
      id: s.id,
      application_id: s.applicationId,
      association_id: s.associationId,
      rule_set_id: s.result.ruleSet.id,
      rule_set_version: s.result.ruleSet.version,
      rule_set_hash: s.result.ruleSet.hash,
      facts: toJson(s.facts),
      result: toJson(s.result),
      recommendation: s.result.recommendation,
      watchlist_hits: toJson(s.hits),
      matcher_version: s.facts.watchlist.matcherVersion,
      watchlist_version: s.facts.watchlist.watchlistVersion,
      screened_by: s.screenedBy,
      created_at: s.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const fired = s.result.rules.filter((r) => r.status === 'met');
  if (fired.length) {
    await db
      .insertInto('screening_reasons')
      .values(fired.map((r) => ({ screening_id: s.id, rule_id: r.id, code: r.code, outcome: r.outcome })))
      .execute();
  }
  return row;
}

export async function findScreening(db: Db, id: string): Promise<ScreeningRow | undefined> {
  return db.selectFrom('screenings').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface ScreeningFilter {
  applicationId?: string | undefined;
  associationId?: string | undefined;
  recommendation?: string | undefined;
  code?: string | undefined;
  ruleSetVersion?: string | undefined;
  screenedBy?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

/** The filter as one condition, shared by the list and the statistics. */
function matching(f: ScreeningFilter) {
  return (eb: ExpressionBuilder<Database, 'screenings'>) => {
    const conds = [];
    if (f.applicationId) conds.push(eb('screenings.application_id', '=', f.applicationId));
    if (f.associationId) conds.push(eb('screenings.association_id', '=', f.associationId));
    if (f.recommendation)
      conds.push(eb('screenings.recommendation', '=', f.recommendation as ScreeningRow['recommendation']));
    if (f.ruleSetVersion) conds.push(eb('screenings.rule_set_version', '=', f.ruleSetVersion));
    if (f.screenedBy) conds.push(eb('screenings.screened_by', '=', f.screenedBy));
    if (f.from) conds.push(eb('screenings.created_at', '>=', f.from));
    if (f.to) conds.push(eb('screenings.created_at', '<', f.to));
    if (f.code) {
      conds.push(
        eb.exists(
          eb
            .selectFrom('screening_reasons')
            .select('screening_reasons.rule_id')
            .whereRef('screening_reasons.screening_id', '=', 'screenings.id')
            .where('screening_reasons.code', '=', f.code),
        ),
      );
    }
    return eb.and(conds);
  };
}

const newestFirst = timeIdKeyset('created_at', 'id');

export async function listScreenings(
  db: Db,
  f: ScreeningFilter,
  page: PageRequest,
): Promise<Page<ScreeningRow>> {
  return paginate(db.selectFrom('screenings').selectAll().where(matching(f)), newestFirst, page);
}

const month = sql<string>`to_char(created_at at time zone 'Europe/Stockholm', 'YYYY-MM')`;

/** Counts per month, rule-set version, case officer and recommendation: the equal-treatment overview. */
export async function recommendationCounts(db: Db, f: ScreeningFilter) {
  const rows = await db
    .selectFrom('screenings')
    .where(matching(f))
    .select([
      month.as('month'),
      'rule_set_version',
      'screened_by',
      'recommendation',
      (eb) => eb.fn.countAll<number>().as('count'),
    ])
    .groupBy([month, 'rule_set_version', 'screened_by', 'recommendation'])
    .orderBy(month)
    .execute();
  return rows.map((r) => ({ ...r, count: Number(r.count) }));
}

/** Counts per month and criterion of the rules that fired. */
export async function criterionCounts(db: Db, f: ScreeningFilter) {
  const rows = await db
    .selectFrom('screening_reasons')
    .innerJoin('screenings', 'screenings.id', 'screening_reasons.screening_id')
    .where(matching(f))
    .select([month.as('month'), 'code', 'outcome', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy([month, 'code', 'outcome'])
    .orderBy(month)
    .orderBy('code')
    .execute();
  return rows.map((r) => ({ ...r, count: Number(r.count) }));
}

export async function latestScreeningOf(db: Db, applicationId: string): Promise<ScreeningRow | undefined> {
  return db
    .selectFrom('screenings')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * The newest screening of each application (one query for a page of applications), by insertion
 * order as latestScreeningOf: two screenings can share a timestamp.
 */
export async function latestScreeningsOf(
  db: Db,
  applicationIds: readonly string[],
): Promise<Map<string, Pick<ScreeningRow, 'id' | 'recommendation' | 'created_at'>>> {
  if (applicationIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('screenings')
    .select(['id', 'application_id', 'recommendation', 'created_at'])
    .distinctOn('application_id')
    .where('application_id', 'in', [...new Set(applicationIds)])
    .orderBy('application_id')
    .orderBy('seq', 'desc')
    .execute();
  return new Map(rows.map((r) => [r.application_id, r]));
}
