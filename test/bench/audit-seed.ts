import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../src/db/database';
import {
  canonicalJson,
  digestOfJson,
  leafHash,
  newSalts,
  type ExportedEvent,
} from '../../src/audit/audit.hash';
import { Frontier, type CompletedNode } from '../../src/audit/audit.merkle';
import { readHead } from '../../src/audit/audit.repository';

// A long, valid audit log written straight into the database (not through the API): events as the
// booking desk and the watchlist reads write them, hashed and chained by the service's own code, with
// the tree nodes each completes, inserted in large batches from JSON. For benchmarks only.

const VENUES = ['Sal 1', 'Sal 2', 'Aulan', 'Folkets hus, lilla salen', 'Gymnastiksalen'];
const ACTORS = Array.from({ length: 40 }, () => randomUUID());

function details(i: number): { action: string; entityType: string; details: Record<string, unknown> } {
  if (i % 10 === 0) {
    return {
      action: 'watchlist.hits_read',
      entityType: 'referral',
      details: { entryIds: [randomUUID()], ids: [randomUUID()] },
    };
  }
  return {
    action: 'premises.checked',
    entityType: 'premises_check',
    details: {
      result: i % 7 === 0 ? 'refer' : 'clear',
      name: `Föreningen nummer ${i} i Rinkeby-Kista`,
      orgNumber: `802${String(i % 1_000_000).padStart(6, '0')}-0000`,
      venue: VENUES[i % VENUES.length],
      date: '2027-03-14',
      associationId: i % 3 === 0 ? null : randomUUID(),
      watchlistVersion: 1 + (i % 500),
      grounds: [],
    },
  };
}

export interface SeedProgress {
  (done: number): void;
}

/** Appends `count` events after the log's current head; returns how long the hashing and writing took. */
export async function seedAuditLog(
  db: Db,
  count: number,
  opts: { batch?: number; start?: Date; onProgress?: SeedProgress; toFile?: (lines: string) => void } = {},
) {
  const batch = opts.batch ?? 5000;
  const head = await readHead(db);
  const tree = Frontier.from(head.seq, head.frontier);
  let prevHash = head.hash;
  let seq = head.seq;
  const start = (opts.start ?? new Date('2024-01-01T08:00:00Z')).getTime();
  for (let done = 0; done < count;) {
    const n = Math.min(batch, count - done);
    const salts = newSalts(n);
    const events: Record<string, unknown>[] = [];
    const nodes: CompletedNode[] = [];
    for (let k = 0; k < n; k++) {
      seq += 1;
      const d = details(seq);
      const salt = salts[k]!;
      const header = {
        seq,
        prevHash,
        // About three years of a busy desk: one event every ~90 seconds.
        occurredAt: new Date(start + seq * 90_000).toISOString(),
        actor: ACTORS[seq % ACTORS.length]!,
        action: d.action,
        entityType: d.entityType,
        entityId: randomUUID(),
        detailsDigest: digestOfJson(salt, canonicalJson(d.details)),
      };
      prevHash = leafHash(header);
      tree.push(prevHash, nodes);
      events.push({
        seq,
        occurred_at: header.occurredAt,
        actor: header.actor,
        action: header.action,
        entity_type: header.entityType,
        entity_id: header.entityId,
        details: d.details,
        details_salt: salt,
        details_digest: header.detailsDigest,
        prev_hash: header.prevHash,
        hash: prevHash,
      });
    }
    await sql`
      insert into audit_events (seq, occurred_at, actor, action, entity_type, entity_id, details, details_salt,
                                details_digest, prev_hash, hash)
      select seq, occurred_at, actor, action, entity_type, entity_id, details, details_salt, details_digest, prev_hash, hash
      from jsonb_to_recordset(${JSON.stringify(events)}::jsonb) as x(seq bigint, occurred_at timestamptz, actor text,
        action text, entity_type text, entity_id text, details jsonb, details_salt text, details_digest text,
        prev_hash text, hash text)`.execute(db);
    if (nodes.length) {
      const rows = nodes.map((x) => ({ end_seq: x.end, level: x.level, hash: x.hash }));
      await sql`
        insert into audit_tree_nodes (end_seq, level, hash)
        select end_seq, level, decode(hash, 'hex')
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(end_seq bigint, level smallint, hash text)`.execute(
        db,
      );
    }
    await sql`update audit_head set seq = ${seq}, hash = ${prevHash}, frontier = ${JSON.stringify(tree.toHex())}::jsonb
      where id = 1`.execute(db);
    done += n;
    opts.onProgress?.(done);
  }
  return { seq, head: prevHash, root: tree.root() };
}

/** The same kind of log as an export file's lines, without a database (for the offline verifier alone). */
export function* exportLines(count: number): Generator<string> {
  const tree = Frontier.empty();
  let prevHash = '0'.repeat(64);
  const salts = newSalts(count);
  for (let seq = 1; seq <= count; seq++) {
    const d = details(seq);
    const salt = salts[seq - 1]!;
    const json = canonicalJson(d.details);
    const header = {
      seq,
      prevHash,
      occurredAt: new Date(Date.UTC(2024, 0, 1) + seq * 90_000).toISOString(),
      actor: ACTORS[seq % ACTORS.length]!,
      action: d.action,
      entityType: d.entityType,
      entityId: randomUUID(),
      detailsDigest: digestOfJson(salt, json),
    };
    prevHash = leafHash(header);
    tree.push(prevHash);
    const e: Omit<ExportedEvent, 'details'> = { ...header, hash: prevHash, salt, erased: null };
    yield `${JSON.stringify(e).slice(0, -1)},"details":${json}}`;
  }
}
