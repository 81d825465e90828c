import { sql, type Transaction } from 'kysely';
import type { Database, Db } from '../db/database';
import { toJson } from '../db/json';
import { paginate, seqKeyset, type PageRequest } from '../db/paginate';
import type { Page } from '../http/pagination';
import type { AuditEventRow } from './audit.table';

export interface Head {
  seq: number;
  hash: string;
  /** The tree's right edge at `seq` leaves, hex, largest subtree first. */
  frontier: string[];
}

const headColumns = ['seq', 'hash', 'frontier'] as const;

/**
 * Locks the chain's head row until the transaction ends and returns it. Two appenders never read the
 * same head: the second waits for the first to commit and then reads the head the first wrote. Taken
 * as late as possible in a command, to keep the lock short.
 */
export async function lockHead(trx: Transaction<Database>): Promise<Head> {
  const head = await trx
    .selectFrom('audit_head')
    .select(headColumns)
    .where('id', '=', 1)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return { seq: Number(head.seq), hash: head.hash, frontier: head.frontier };
}

/** The head as committed, without a lock: for verification and the tree's current root. */
export async function readHead(db: Db): Promise<Head> {
  const head = await db
    .selectFrom('audit_head')
    .select(headColumns)
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return { seq: Number(head.seq), hash: head.hash, frontier: head.frontier };
}

export interface NewEvent {
  seq: number;
  occurred_at: Date;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string;
  details: unknown;
  details_salt: string;
  details_digest: string;
  prev_hash: string;
  hash: string;
}

export interface NewNode {
  end_seq: number;
  level: number;
  hash: Buffer;
}

const INSERT_BATCH = 1000;

/**
 * Inserts events (in chain order) with the tree nodes they complete, and moves the head to the last
 * one: one statement per batch of events, so the head lock is held for one more round trip only.
 */
export async function appendEvents(
  trx: Transaction<Database>,
  events: NewEvent[],
  nodes: NewNode[],
  frontier: string[],
): Promise<void> {
  for (let i = 0; i < events.length; i += INSERT_BATCH) {
    const batch = events.slice(i, i + INSERT_BATCH).map((e) => ({ ...e, details: toJson(e.details) }));
    const first = batch[0]!.seq;
    const last = batch[batch.length - 1]!;
    const batchNodes = nodes.filter((n) => n.end_seq >= first && n.end_seq <= last.seq);
    const isLast = i + INSERT_BATCH >= events.length;
    const q = trx.with('inserted', (db) => db.insertInto('audit_events').values(batch));
    // Mid-way through a large append the frontier is only known at the end; the head row is locked,
    // so nobody sees the intermediate state.
    const head = { seq: last.seq, hash: last.hash, ...(isLast ? { frontier: toJson(frontier) } : {}) };
    if (batchNodes.length) {
      await q
        .with('nodes', (db) => db.insertInto('audit_tree_nodes').values(batchNodes))
        .updateTable('audit_head')
        .set(head)
        .where('id', '=', 1)
        .execute();
    } else {
      await q.updateTable('audit_head').set(head).where('id', '=', 1).execute();
    }
  }
}

export interface EventFilter {
  entityType?: string | undefined;
  entityId?: string | undefined;
  actor?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

/** Newest first by chain position: seq is unique, so it is the whole key. */
const newestFirst = seqKeyset('seq');

export async function listEvents(db: Db, f: EventFilter, page: PageRequest): Promise<Page<AuditEventRow>> {
  let q = db.selectFrom('audit_events').selectAll();
  if (f.entityType) q = q.where('entity_type', '=', f.entityType);
  if (f.entityId) q = q.where('entity_id', '=', f.entityId);
  if (f.actor) q = q.where('actor', '=', f.actor);
  if (f.from) q = q.where('occurred_at', '>=', f.from);
  if (f.to) q = q.where('occurred_at', '<', f.to);
  return paginate(q, newestFirst, page);
}

/** Events in chain order after `afterSeq` (up to `upTo` when given), a batch at a time. */
export async function eventsAfter(
  db: Db,
  afterSeq: number,
  batch: number,
  upTo?: number,
): Promise<AuditEventRow[]> {
  let q = db.selectFrom('audit_events').selectAll().where('seq', '>', afterSeq);
  if (upTo !== undefined) q = q.where('seq', '<=', upTo);
  return q.orderBy('seq', 'asc').limit(batch).execute();
}

export async function eventBySeq(db: Db, seq: number): Promise<AuditEventRow | undefined> {
  return db.selectFrom('audit_events').selectAll().where('seq', '=', seq).executeTakeFirst();
}

/** Events about the given records whose details are still there: what a retention run erases. */
export async function unerasedEventsAbout(
  db: Db,
  entityType: string,
  entityIds: readonly string[],
): Promise<number[]> {
  if (entityIds.length === 0) return [];
  const rows = await db
    .selectFrom('audit_events')
    .select('seq')
    .where('entity_type', '=', entityType)
    .where('entity_id', 'in', entityIds)
    .where('erased_at', 'is', null)
    .where('action', '<>', 'retention.run')
    .execute();
  return rows.map((r) => Number(r.seq));
}

/**
 * Events whose details carry a finding's text: its `finding.recorded`, and the `application.received`
 * of an application it was submitted with (both are about the application, not the finding).
 */
export async function unerasedEventsNamingFindings(
  db: Db,
  findings: readonly { id: string; applicationId: string }[],
): Promise<number[]> {
  if (findings.length === 0) return [];
  const ids = sql.join(findings.map((f) => sql`${f.id}`));
  const rows = await db
    .selectFrom('audit_events')
    .select('seq')
    .where('entity_type', '=', 'application')
    .where('entity_id', 'in', [...new Set(findings.map((f) => f.applicationId))])
    .where('erased_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('action', '=', 'finding.recorded'), sql<boolean>`details->'finding'->>'id' in (${ids})`]),
        eb.and([
          eb('action', '=', 'application.received'),
          // CASE: only an array is searched, whatever order the planner evaluates conditions in.
          sql<boolean>`case when jsonb_typeof(details->'application'->'findings') = 'array'
            then exists (select 1 from jsonb_array_elements(details->'application'->'findings') f
                         where f->>'id' in (${ids}))
            else false end`,
        ]),
      ]),
    )
    .execute();
  return rows.map((r) => Number(r.seq));
}

/** Erases the details (and salt) of events; the header, digest and chain stay. */
export async function erasePayloads(
  trx: Transaction<Database>,
  seqs: readonly number[],
  erasure: { at: Date; under: string; byRun: number },
): Promise<number> {
  let erased = 0;
  for (let i = 0; i < seqs.length; i += INSERT_BATCH) {
    const r = await trx
      .updateTable('audit_events')
      .set({
        details: sql`null`,
        details_salt: null,
        erased_at: erasure.at,
        erased_under: erasure.under,
        erased_by: erasure.byRun,
      })
      .where('seq', 'in', seqs.slice(i, i + INSERT_BATCH))
      .where('erased_at', 'is', null)
      .executeTakeFirst();
    erased += Number(r.numUpdatedRows);
  }
  return erased;
}

/** How many events each retention run (by its seq) erased, as the rows say. */
export async function erasedCountsBy(db: Db, runSeqs: readonly number[]): Promise<Map<number, number>> {
  if (runSeqs.length === 0) return new Map();
  const rows = await db
    .selectFrom('audit_events')
    .select(['erased_by', (eb) => eb.fn.countAll<number>().as('n')])
    .where('erased_by', 'in', runSeqs)
    .groupBy('erased_by')
    .execute();
  return new Map(rows.map((r) => [Number(r.erased_by), Number(r.n)]));
}
