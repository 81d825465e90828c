import { type Kysely, sql } from 'kysely';

// Decisions. What was decided, on what and why is written once and never changes; only the
// lifecycle moves forward (pending_approval → final → superseded, or pending_approval → returned),
// and the letter is stored once, when the decision becomes final. The database enforces both.
export async function up(db: Kysely<unknown>): Promise<void> {
  // Screenings of one application in the order they were made, even within one millisecond: a
  // decision must rest on the latest.
  await sql`alter table screenings add column seq bigint generated always as identity`.execute(db);

  await db.schema
    .createTable('reference_counters')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('last', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('decisions')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('application','withdrawal','restoration')`),
    )
    .addColumn('association_id', 'uuid', (c) => c.notNull().references('associations.id'))
    .addColumn('application_id', 'uuid', (c) => c.references('applications.id'))
    .addColumn('screening_id', 'uuid', (c) => c.references('screenings.id'))
    .addColumn('outcome', 'text', (c) =>
      c.notNull().check(sql`outcome in ('approved','denied','withdrawn','restored')`),
    )
    .addColumn('recommendation', 'text')
    .addColumn('departs_from_recommendation', 'boolean', (c) => c.notNull())
    .addColumn('justification', 'text')
    .addColumn('communicated_on', 'date')
    .addColumn('criteria', 'jsonb', (c) => c.notNull())
    .addColumn('supersedes_id', 'uuid', (c) => c.references('decisions.id'))
    .addColumn('decided_by', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('pending_approval','final','superseded','returned')`),
    )
    .addColumn('approved_by', 'text')
    .addColumn('approved_at', 'timestamptz')
    .addColumn('returned_reason', 'text')
    .addColumn('superseded_by_id', 'uuid')
    .addColumn('document_html', 'text')
    .addColumn('document_sha256', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('decisions_association')
    .on('decisions')
    .columns(['association_id', 'decided_at'])
    .execute();
  await db.schema
    .createIndex('decisions_application')
    .on('decisions')
    .columns(['application_id', 'decided_at'])
    .execute();
  await db.schema.createIndex('decisions_created').on('decisions').columns(['decided_at', 'id']).execute();
  await db.schema.createIndex('decisions_status').on('decisions').columns(['status', 'decided_at']).execute();

  await sql`
    create function decisions_guard() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        raise exception 'decisions are never deleted' using errcode = 'insufficient_privilege';
      end if;
      if (new.id, new.reference, new.kind, new.association_id, new.application_id, new.screening_id, new.outcome,
          new.recommendation, new.departs_from_recommendation, new.justification, new.communicated_on, new.criteria,
          new.supersedes_id, new.decided_by, new.decided_at)
         is distinct from
         (old.id, old.reference, old.kind, old.association_id, old.application_id, old.screening_id, old.outcome,
          old.recommendation, old.departs_from_recommendation, old.justification, old.communicated_on, old.criteria,
          old.supersedes_id, old.decided_by, old.decided_at) then
        raise exception 'a decision is never edited; a correction is a new decision' using errcode = 'insufficient_privilege';
      end if;
      if old.document_sha256 is not null and (new.document_html is distinct from old.document_html
          or new.document_sha256 is distinct from old.document_sha256) then
        raise exception 'a final decision letter is never changed' using errcode = 'insufficient_privilege';
      end if;
      if not ((old.status = new.status)
          or (old.status = 'pending_approval' and new.status in ('final', 'returned'))
          or (old.status = 'final' and new.status = 'superseded')) then
        raise exception 'decision status cannot go from % to %', old.status, new.status using errcode = 'insufficient_privilege';
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger decisions_guard before update or delete on decisions
    for each row execute function decisions_guard()`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are never rolled back; write a new one');
}
