import { type Kysely, sql } from 'kysely';

// Cases (ärenden) with their diarienummer, and kommunicering (förvaltningslagen 25 §) as a step of
// its own: a letter stored once, a deadline, and the answer or that none came. Every application is
// a case; a withdrawal case exists before its decision does (the association is told the material
// first). Decisions belong to a case and name the communication they rest on, or the exception the
// law allows; both are written once.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('cases')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('case_number', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('application','withdrawal')`))
    .addColumn('association_id', 'uuid', (c) => c.notNull().references('associations.id'))
    .addColumn('application_id', 'uuid', (c) => c.unique().references('applications.id'))
    .addColumn('assigned_to', 'text', (c) => c.notNull())
    .addColumn('opened_by', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('cases_application_kind', sql`(kind = 'application') = (application_id is not null)`)
    .execute();
  await db.schema.createIndex('cases_assigned').on('cases').columns(['assigned_to', 'opened_at']).execute();
  await db.schema.createIndex('cases_association').on('cases').columns(['association_id', 'kind']).execute();

  // Numbers assigned from CASE_NUMBER_FORMAT count per year; the row serialises writers.
  await db.schema
    .createTable('case_number_counters')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('last', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('communications')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id'))
    .addColumn('finding_ids', 'jsonb', (c) => c.notNull())
    .addColumn('sent_on', 'date', (c) => c.notNull())
    .addColumn('reply_by', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('awaiting_reply','replied','no_reply')`),
    )
    .addColumn('reply_received_on', 'date')
    .addColumn('reply_summary', 'text')
    .addColumn('reply_recorded_by', 'text')
    .addColumn('reply_recorded_at', 'timestamptz')
    .addColumn('document_html', 'text', (c) => c.notNull())
    .addColumn('document_sha256', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('communications_deadline_not_before_sending', sql`reply_by >= sent_on`)
    .addCheckConstraint(
      'communications_reply_fields',
      sql`((status = 'replied') = (reply_received_on is not null and reply_summary is not null))
          and ((status = 'awaiting_reply') = (reply_recorded_at is null))`,
    )
    .execute();
  await db.schema
    .createIndex('communications_case')
    .on('communications')
    .columns(['case_id', 'created_at'])
    .execute();

  // The letter as sent and what it was about never change; the answer is recorded once.
  await sql`
    create function communications_guard() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        raise exception 'communications are never deleted' using errcode = 'insufficient_privilege';
      end if;
      if (new.id, new.case_id, new.finding_ids, new.sent_on, new.reply_by, new.document_html,
          new.document_sha256, new.created_by, new.created_at)
         is distinct from
         (old.id, old.case_id, old.finding_ids, old.sent_on, old.reply_by, old.document_html,
          old.document_sha256, old.created_by, old.created_at) then
        raise exception 'a communication letter is never changed' using errcode = 'insufficient_privilege';
      end if;
      if old.status <> 'awaiting_reply' and (new.status, new.reply_received_on, new.reply_summary,
          new.reply_recorded_by, new.reply_recorded_at) is distinct from (old.status, old.reply_received_on,
          old.reply_summary, old.reply_recorded_by, old.reply_recorded_at) then
        raise exception 'the answer to a communication is recorded once' using errcode = 'insufficient_privilege';
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger communications_guard before update or delete on communications
    for each row execute function communications_guard()`.execute(db);

  await db.schema
    .alterTable('decisions')
    .addColumn('case_id', 'uuid', (c) => c.references('cases.id'))
    .addColumn('case_number', 'text')
    .addColumn('communication_id', 'uuid', (c) => c.references('communications.id'))
    .addColumn('communication_exemption', 'jsonb')
    .execute();

  await backfill(db);

  await sql`alter table decisions alter column case_id set not null, alter column case_number set not null`.execute(
    db,
  );
  await db.schema.createIndex('decisions_case').on('decisions').columns(['case_id', 'status']).execute();

  // 0006's guard lists the columns it had; these are guarded here, so neither needs the other's list.
  await sql`
    create function decisions_case_guard() returns trigger language plpgsql as $$
    begin
      if (new.case_id, new.case_number, new.communication_id, new.communication_exemption)
         is distinct from
         (old.case_id, old.case_number, old.communication_id, old.communication_exemption) then
        raise exception 'a decision''s case and communication are never changed' using errcode = 'insufficient_privilege';
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger decisions_case_guard before update on decisions
    for each row execute function decisions_case_guard()`.execute(db);
}

/**
 * Every application and every earlier withdrawal becomes a case. The numbers follow the default
 * format "HÄ {year}/{seq}" (the migration cannot read the configuration, and a number once given is
 * never changed), counted per year in the order the cases arrived, and the counters continue from
 * there. A legacy case takes the id of the row it came from (the application, or the withdrawal
 * decision), so the decisions can find theirs without a mapping table. A restoration joins the case
 * of the withdrawal before it.
 */
async function backfill(db: Kysely<unknown>): Promise<void> {
  await sql`
    with items as (
      select a.id, a.association_id, a.id as application_id, 'application' as kind, a.created_at as opened,
             a.created_by as opener
      from applications a
      union all
      select d.id, d.association_id, null::uuid, 'withdrawal', d.decided_at, d.decided_by
      from decisions d
      where d.kind = 'withdrawal'
         or (d.kind = 'restoration' and not exists (
               select 1 from decisions w
               where w.association_id = d.association_id and w.kind = 'withdrawal'
                 and w.decided_at <= d.decided_at))
    ),
    numbered as (
      select items.*, extract(year from opened at time zone 'Europe/Stockholm')::int as year,
             row_number() over (
               partition by extract(year from opened at time zone 'Europe/Stockholm') order by opened, id
             ) as seq
      from items
    )
    insert into cases (id, case_number, kind, association_id, application_id, assigned_to, opened_by, opened_at)
    select id, 'HÄ ' || year || '/' || seq, kind, association_id, application_id, opener, opener, opened from numbered
  `.execute(db);
  await sql`
    insert into case_number_counters (year, last)
    select split_part(split_part(case_number, ' ', 2), '/', 1)::int as year,
           max(split_part(case_number, '/', 2)::int)
    from cases group by 1
  `.execute(db);

  await sql`update decisions set case_id = application_id where kind = 'application'`.execute(db);
  await sql`update decisions set case_id = id where case_id is null and id in (select id from cases)`.execute(
    db,
  );
  await sql`
    update decisions r set case_id = (
      select w.id from decisions w
      where w.association_id = r.association_id and w.kind = 'withdrawal' and w.decided_at <= r.decided_at
      order by w.decided_at desc, w.id desc limit 1)
    where r.case_id is null and r.kind = 'restoration'`.execute(db);
  await sql`update decisions d set case_number = c.case_number from cases c where c.id = d.case_id`.execute(
    db,
  );
}

export async function down(): Promise<void> {
  throw new Error('migrations are never rolled back; write a new one');
}
