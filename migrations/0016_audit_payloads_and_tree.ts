import { createHash, randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';

// Audit log format 2: what is chained is an event's header with a salted digest of its details, so a
// retention run can erase the details and the chain still verifies; every event is a leaf of a
// Merkle tree (RFC 9162) whose perfect subtrees are stored as they complete, so proofs and roots read
// O(log n) rows. Signed tree heads, verified checkpoints, the public keys that signed them and
// background verification jobs get tables of their own.
//
// Existing events are converted here. The old chain is verified first and a broken one is refused:
// re-chaining it would launder the break. The old head is recorded in the first event of the new
// format, so a head someone noted before the change still connects to the log. This file carries its
// own copy of both hash formats, so later changes to src/ cannot change what it does.

const BATCH = 2000;
const GENESIS = '0'.repeat(64);

function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest();

function formatOneHash(prev: string, e: OldRow): string {
  const payload = canonicalJson([
    prev,
    e.occurred_at.toISOString(),
    e.actor,
    e.action,
    e.entity_type,
    e.entity_id,
    e.details,
  ]);
  return sha256(Buffer.from(payload, 'utf8')).toString('hex');
}

interface Header {
  seq: number;
  prevHash: string;
  occurredAt: string;
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  detailsDigest: string;
}

function leafHash(h: Header): Buffer {
  const header = canonicalJson([
    h.seq,
    h.prevHash,
    h.occurredAt,
    h.actor,
    h.action,
    h.entityType,
    h.entityId,
    h.detailsDigest,
  ]);
  return sha256(Buffer.concat([Buffer.from([0]), Buffer.from(header, 'utf8')]));
}

const nodeHash = (l: Buffer, r: Buffer) => sha256(Buffer.concat([Buffer.from([1]), l, r]));

interface OldRow {
  seq: number;
  occurred_at: Date;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string;
  details: unknown;
  prev_hash: string;
  hash: string;
}

/** Converts one event to format 2; extends the tree's right edge and returns the nodes completed. */
function convert(
  e: {
    seq: number;
    occurredAt: string;
    actor: string;
    action: string;
    entityType: string;
    entityId: string;
    details: unknown;
  },
  prevHash: string,
  frontier: Buffer[],
) {
  const salt = randomBytes(16).toString('hex');
  const detailsDigest = sha256(Buffer.from(salt + canonicalJson(e.details), 'utf8')).toString('hex');
  const leaf = leafHash({ ...e, prevHash, detailsDigest });
  const nodes: { end_seq: number; level: number; hash: Buffer }[] = [];
  let merged = leaf;
  for (let level = 1, n = e.seq; n % 2 === 0; level++, n /= 2) {
    merged = nodeHash(frontier.pop()!, merged);
    nodes.push({ end_seq: e.seq, level, hash: merged });
  }
  frontier.push(merged);
  return { salt, detailsDigest, hash: leaf.toString('hex'), nodes };
}

// The tables this migration reads and writes, as they are at this point (not as src/ sees them later).
interface Schema {
  audit_events: OldRow & {
    details: unknown;
    details_salt: string | null;
    details_digest: string | null;
  };
  audit_head: { id: number; seq: number; hash: string; frontier: string };
  audit_tree_nodes: { end_seq: number; level: number; hash: Buffer };
}

export async function up(untyped: Kysely<unknown>): Promise<void> {
  const db = untyped as unknown as Kysely<Schema>;
  await db.schema
    .alterTable('audit_events')
    .addColumn('details_salt', 'text')
    .addColumn('details_digest', 'text')
    .addColumn('erased_at', 'timestamptz')
    .addColumn('erased_under', 'text')
    .addColumn('erased_by', 'bigint')
    .execute();
  await sql`alter table audit_events alter column details drop not null`.execute(db);
  await sql`alter table audit_head add column frontier jsonb not null default '[]'`.execute(db);
  await db.schema
    .createTable('audit_tree_nodes')
    .addColumn('end_seq', 'bigint', (c) => c.notNull())
    .addColumn('level', 'smallint', (c) => c.notNull().check(sql`level between 1 and 62`))
    .addColumn('hash', 'bytea', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_tree_nodes_pk', ['end_seq', 'level'])
    .execute();
  // The conversion below rewrites every event once; the old guard goes, a new one follows.
  await sql`drop trigger audit_events_no_update_delete on audit_events`.execute(db);

  let prev = GENESIS;
  let prevOld = GENESIS;
  let after = 0;
  const frontier: Buffer[] = [];
  for (;;) {
    const rows: OldRow[] = await db
      .selectFrom('audit_events')
      .select([
        'seq',
        'occurred_at',
        'actor',
        'action',
        'entity_type',
        'entity_id',
        'details',
        'prev_hash',
        'hash',
      ])
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(BATCH)
      .execute();
    if (rows.length === 0) break;
    const updates: { seq: number; salt: string; digest: string; prev: string; hash: string }[] = [];
    const nodes: { end_seq: number; level: number; hash: Buffer }[] = [];
    for (const r of rows) {
      const seq = Number(r.seq);
      if (seq !== after + 1 || r.prev_hash !== prevOld || formatOneHash(prevOld, r) !== r.hash) {
        throw new Error(
          `the audit chain is broken at event ${after + 1}; this migration will not re-chain a broken log (restore it from a backup first)`,
        );
      }
      prevOld = r.hash;
      after = seq;
      const c = convert(
        {
          seq,
          occurredAt: r.occurred_at.toISOString(),
          actor: r.actor,
          action: r.action,
          entityType: r.entity_type,
          entityId: r.entity_id,
          details: r.details,
        },
        prev,
        frontier,
      );
      updates.push({ seq, salt: c.salt, digest: c.detailsDigest, prev, hash: c.hash });
      nodes.push(...c.nodes);
      prev = c.hash;
    }
    const values = sql.join(
      updates.map((u) => sql`(${u.seq}::bigint, ${u.salt}, ${u.digest}, ${u.prev}, ${u.hash})`),
    );
    await sql`
      update audit_events e
      set details_salt = v.salt, details_digest = v.digest, prev_hash = v.prev, hash = v.hash
      from (values ${values}) as v(seq, salt, digest, prev, hash)
      where e.seq = v.seq`.execute(db);
    if (nodes.length) await db.insertInto('audit_tree_nodes').values(nodes).execute();
  }

  const oldHead = await db
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .executeTakeFirst();
  if (!oldHead || Number(oldHead.seq) !== after || oldHead.hash !== prevOld) {
    throw new Error(
      `the audit log ends at event ${after} but its head records event ${oldHead?.seq}: this migration will not re-chain a broken log`,
    );
  }
  if (after > 0) {
    // The new format's first event names the old head: whoever noted it can follow it here.
    const seq = after + 1;
    const event = {
      seq,
      occurredAt: new Date().toISOString(),
      actor: 'system',
      action: 'audit.format_migrated',
      entityType: 'audit_log',
      entityId: 'format-2',
      details: { fromFormat: 1, toFormat: 2, events: after, formatOneHead: prevOld },
    };
    const c = convert(event, prev, frontier);
    await db
      .insertInto('audit_events')
      .values({
        seq,
        occurred_at: new Date(event.occurredAt),
        actor: event.actor,
        action: event.action,
        entity_type: event.entityType,
        entity_id: event.entityId,
        details: JSON.stringify(event.details),
        details_salt: c.salt,
        details_digest: c.detailsDigest,
        prev_hash: prev,
        hash: c.hash,
      })
      .execute();
    if (c.nodes.length) await db.insertInto('audit_tree_nodes').values(c.nodes).execute();
    prev = c.hash;
    after = seq;
  }
  await db
    .updateTable('audit_head')
    .set({ seq: after, hash: prev, frontier: JSON.stringify(frontier.map((h) => h.toString('hex'))) })
    .where('id', '=', 1)
    .execute();
  await sql`alter table audit_events alter column details_digest set not null`.execute(db);
  await sql`alter table audit_events add constraint audit_events_erasure check (
      (erased_at is null and erased_under is null and erased_by is null and details is not null and details_salt is not null)
      or (erased_at is not null and erased_under is not null and erased_by is not null and details is null and details_salt is null))`.execute(
    db,
  );
  await sql`create index audit_events_erased_by on audit_events (erased_by) where erased_by is not null`.execute(
    db,
  );

  // Still append-only, with one exception: a retention run erases a payload (details and salt), once,
  // naming itself and the retention decision. The header, and so the chain, never changes.
  await sql`
    create function audit_events_guard() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE'
         and old.erased_at is null and new.erased_at is not null
         and (new.seq, new.occurred_at, new.actor, new.action, new.entity_type, new.entity_id,
              new.details_digest, new.prev_hash, new.hash)
             is not distinct from
             (old.seq, old.occurred_at, old.actor, old.action, old.entity_type, old.entity_id,
              old.details_digest, old.prev_hash, old.hash)
         and old.action <> 'retention.run'
         and new.erased_by > old.seq
         and exists (select 1 from audit_events r where r.seq = new.erased_by and r.action = 'retention.run')
      then
        return new;
      end if;
      raise exception 'audit_events is append-only: % refused (only a retention run erases details)', tg_op
        using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  await sql`
    create trigger audit_events_guard before update or delete on audit_events
    for each row execute function audit_events_guard()`.execute(db);

  await sql`
    create trigger audit_tree_nodes_append_only before update or delete on audit_tree_nodes
    for each row execute function audit_events_append_only()`.execute(db);
  await sql`
    create trigger audit_tree_nodes_no_truncate before truncate on audit_tree_nodes
    for each statement execute function audit_events_append_only()`.execute(db);

  await db.schema
    .createTable('audit_public_keys')
    .addColumn('key_id', 'text', (c) => c.primaryKey())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('first_used_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('audit_signing_key')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('private_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('audit_tree_heads')
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('tree_size', 'bigint', (c) => c.notNull())
    .addColumn('root_hash', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_tree_heads_pk', ['key_id', 'tree_size'])
    .execute();
  await db.schema
    .createIndex('audit_tree_heads_size')
    .on('audit_tree_heads')
    .columns(['tree_size', 'signed_at'])
    .execute();
  await db.schema
    .createTable('audit_checkpoints')
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('chain_hash', 'text', (c) => c.notNull())
    .addColumn('frontier', 'jsonb', (c) => c.notNull())
    .addColumn('root_hash', 'text', (c) => c.notNull())
    .addColumn('erased', 'bigint', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull().check(sql`method in ('full','incremental')`))
    .addColumn('verified_at', 'timestamptz', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_checkpoints_pk', ['key_id', 'seq'])
    .execute();
  await db.schema
    .createTable('audit_verifications')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('queued','running','done','failed')`),
    )
    .addColumn('up_to', 'bigint')
    .addColumn('checked', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('lease_until', 'timestamptz')
    .addColumn('started_at', 'timestamptz')
    .addColumn('finished_at', 'timestamptz')
    .addColumn('result', 'jsonb')
    .execute();
  await db.schema
    .createIndex('audit_verifications_requested')
    .on('audit_verifications')
    .columns(['requested_at', 'id'])
    .execute();
  await sql`create index audit_verifications_open on audit_verifications (status) where status in ('queued','running')`.execute(
    db,
  );
}

export async function down(): Promise<void> {
  throw new Error('migrations are never rolled back; write a new one');
}
