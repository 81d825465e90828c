import { sql } from 'kysely';
import type { Db } from '../db/database';
import { toJson } from '../db/json';
import type { AuditCheckpointsTable, AuditTreeHeadsTable } from './audit.table';
import type { Selectable } from 'kysely';

/** bytea arrives as a Buffer from pg and as a Uint8Array from PGlite. */
export const asBuffer = (b: Uint8Array): Buffer => Buffer.from(b.buffer, b.byteOffset, b.byteLength);

const key = (end: number, level: number) => `${end}/${level}`;

/**
 * The perfect subtrees asked for, in one round trip: leaves (level 0) are the events' own hashes,
 * inner nodes come from audit_tree_nodes. Missing ones are simply absent from the map.
 */
export async function fetchNodes(
  db: Db,
  wanted: readonly { end: number; level: number }[],
): Promise<Map<string, string>> {
  const leaves = wanted.filter((w) => w.level === 0).map((w) => w.end);
  const inner = wanted.filter((w) => w.level > 0);
  const parts = [];
  if (inner.length) {
    const pairs = sql.join(inner.map((w) => sql`(${w.end}::bigint, ${w.level}::smallint)`));
    parts.push(sql`select end_seq, level, hash from audit_tree_nodes where (end_seq, level) in (${pairs})`);
  }
  if (leaves.length) {
    parts.push(
      sql`select seq as end_seq, 0::smallint as level, decode(hash, 'hex') as hash from audit_events where seq in (${sql.join(leaves)})`,
    );
  }
  const found = new Map<string, string>();
  if (parts.length === 0) return found;
  const rows = await sql<{
    end_seq: number;
    level: number;
    hash: Uint8Array;
  }>`${sql.join(parts, sql` union all `)}`.execute(db);
  for (const r of rows.rows)
    found.set(key(Number(r.end_seq), Number(r.level)), asBuffer(r.hash).toString('hex'));
  return found;
}

/** The stored nodes completed by events after `after` up to `upTo`, for comparison with a walk. */
export async function nodesInRange(db: Db, after: number, upTo: number): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('audit_tree_nodes')
    .select(['end_seq', 'level', 'hash'])
    .where('end_seq', '>', after)
    .where('end_seq', '<=', upTo)
    .execute();
  return new Map(
    rows.map((r) => [key(Number(r.end_seq), Number(r.level)), asBuffer(r.hash).toString('hex')]),
  );
}

export type TreeHeadRow = Selectable<AuditTreeHeadsTable>;

export async function insertTreeHead(db: Db, head: TreeHeadRow): Promise<void> {
  await db
    .insertInto('audit_tree_heads')
    .values(head)
    .onConflict((oc) => oc.columns(['key_id', 'tree_size']).doNothing())
    .execute();
}

export async function treeHeadAt(db: Db, keyId: string, size: number): Promise<TreeHeadRow | undefined> {
  return db
    .selectFrom('audit_tree_heads')
    .selectAll()
    .where('key_id', '=', keyId)
    .where('tree_size', '=', size)
    .executeTakeFirst();
}

/** This key's largest signed head. */
export async function latestTreeHead(db: Db, keyId: string): Promise<TreeHeadRow | undefined> {
  return db
    .selectFrom('audit_tree_heads')
    .selectAll()
    .where('key_id', '=', keyId)
    .orderBy('tree_size', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Signed heads of sizes in (after, upTo], or above `after` when upTo is omitted: what a walk checks. */
export async function treeHeadsBetween(db: Db, after: number, upTo?: number): Promise<TreeHeadRow[]> {
  let q = db.selectFrom('audit_tree_heads').selectAll().where('tree_size', '>', after);
  if (upTo !== undefined) q = q.where('tree_size', '<=', upTo);
  return q.orderBy('tree_size').execute();
}

/** The largest signed head (any key): a log shorter than it has lost events from its end. */
export async function largestTreeHead(db: Db): Promise<TreeHeadRow | undefined> {
  return db
    .selectFrom('audit_tree_heads')
    .selectAll()
    .orderBy('tree_size', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export type CheckpointRow = Selectable<AuditCheckpointsTable>;

export async function insertCheckpoint(db: Db, c: Omit<CheckpointRow, 'frontier'> & { frontier: string[] }) {
  await db
    .insertInto('audit_checkpoints')
    .values({ ...c, frontier: toJson(c.frontier) })
    .onConflict((oc) => oc.columns(['key_id', 'seq']).doNothing())
    .execute();
}

/**
 * Keeps this key's latest `keep` checkpoints: a check starts from the latest, and the sweep writes one
 * a minute while the log grows. (Losing older ones only means a longer walk, never a weaker one.)
 */
export async function pruneCheckpoints(db: Db, keyId: string, keep: number): Promise<void> {
  const oldestKept = await db
    .selectFrom('audit_checkpoints')
    .select('seq')
    .where('key_id', '=', keyId)
    .orderBy('seq', 'desc')
    .offset(keep - 1)
    .limit(1)
    .executeTakeFirst();
  if (!oldestKept) return;
  await db
    .deleteFrom('audit_checkpoints')
    .where('key_id', '=', keyId)
    .where('seq', '<', Number(oldestKept.seq))
    .execute();
}

/** This key's latest checkpoint at or below `maxSeq`. */
export async function latestCheckpoint(
  db: Db,
  keyId: string,
  maxSeq: number,
): Promise<CheckpointRow | undefined> {
  return db
    .selectFrom('audit_checkpoints')
    .selectAll()
    .where('key_id', '=', keyId)
    .where('seq', '<=', maxSeq)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function registerPublicKey(db: Db, keyId: string, publicKey: string, now: Date) {
  await db
    .insertInto('audit_public_keys')
    .values({ key_id: keyId, public_key: publicKey, first_used_at: now })
    .onConflict((oc) => oc.column('key_id').doNothing())
    .execute();
}

export async function listPublicKeys(db: Db) {
  return db.selectFrom('audit_public_keys').selectAll().orderBy('first_used_at').execute();
}

/** The private key generated for a server database, creating it if none is there (first one wins). */
export async function storedSigningKey(db: Db, generate: () => string, now: Date): Promise<string> {
  await db
    .insertInto('audit_signing_key')
    .values({ id: 1, private_key: generate(), created_at: now })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  const row = await db
    .selectFrom('audit_signing_key')
    .select('private_key')
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return row.private_key;
}
