import { type Kysely, sql } from 'kysely';

// Who decides, as a Swedish authority has it: the case officer who prepares a decision is the
// föredragande (prepared_by); one person holding delegation under the committee's delegation order
// decides it (decided_by, with the order's point), or the committee itself (meeting date and §,
// recorded by a coordinator). Until now decided_by was the proposer and approved_by the second
// officer; the columns are renamed to their new meaning:
//   decided_by → prepared_by, decided_at → prepared_at (when the proposal was made),
//   approved_by → decided_by, approved_at → decided_at (when the decision became final).
// A decision that was final at once had no approver: its preparer decided it, so decided_by =
// prepared_by there. Decisions from before the order carry no delegation point.
export async function up(db: Kysely<unknown>): Promise<void> {
  // The guard names columns in its body; it is replaced below, after the backfill it would refuse.
  await sql`drop trigger decisions_guard on decisions`.execute(db);

  await sql`alter table decisions rename column decided_by to prepared_by`.execute(db);
  await sql`alter table decisions rename column decided_at to prepared_at`.execute(db);
  await sql`alter table decisions rename column approved_by to decided_by`.execute(db);
  await sql`alter table decisions rename column approved_at to decided_at`.execute(db);

  await db.schema
    .alterTable('decisions')
    .addColumn('delegation_kind', 'text')
    .addColumn('delegation_point', 'text')
    .addColumn('committee_meeting_on', 'date')
    .addColumn('committee_paragraph', 'text')
    .addColumn('committee_recorded_by', 'text')
    .execute();

  await sql`
    update decisions set decided_by = prepared_by, decided_at = prepared_at
    where status in ('final', 'superseded') and decided_by is null`.execute(db);
  await sql`
    update decisions d set delegation_kind = case
      when d.kind = 'withdrawal' then 'withdrawal'
      when d.kind = 'restoration' then 'restoration'
      when (select a.kind from applications a where a.id = d.application_id) = 'premises'
        then case when d.outcome = 'approved' then 'premises_approval' else 'premises_refusal' end
      when d.outcome = 'denied' then 'grant_denial'
      when d.departs_from_recommendation then 'grant_approval_against_recommendation'
      else 'grant_approval_with_recommendation'
    end`.execute(db);

  await sql`alter table decisions alter column delegation_kind set not null`.execute(db);
  await sql`alter table decisions add constraint decisions_delegation_kind check (delegation_kind in (
      'grant_approval_with_recommendation', 'grant_approval_against_recommendation', 'grant_denial',
      'premises_approval', 'premises_refusal', 'withdrawal', 'restoration'))`.execute(db);
  // A committee decision has its meeting, § and recorder, and no delegat; a final one has a decider.
  await sql`alter table decisions add constraint decisions_committee check (
      committee_meeting_on is null
      or (committee_paragraph is not null and committee_recorded_by is not null and decided_by is null))`.execute(
    db,
  );
  await sql`alter table decisions add constraint decisions_final_decided check (
      status not in ('final', 'superseded')
      or (decided_at is not null and (decided_by is not null or committee_meeting_on is not null)))`.execute(
    db,
  );

  // The delegation report: decisions taken by a delegat, by the day they were taken.
  await sql`create index decisions_delegated on decisions (decided_at, id) where decided_by is not null`.execute(
    db,
  );
  // A support decision's jäv check reads the association's latest screening.
  await db.schema
    .createIndex('screenings_association')
    .on('screenings')
    .columns(['association_id', 'seq'])
    .execute();

  await sql`
    create or replace function decisions_guard() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        raise exception 'decisions are never deleted' using errcode = 'insufficient_privilege';
      end if;
      if (new.id, new.reference, new.kind, new.association_id, new.application_id, new.screening_id, new.outcome,
          new.recommendation, new.departs_from_recommendation, new.justification, new.communicated_on, new.criteria,
          new.supersedes_id, new.prepared_by, new.prepared_at, new.delegation_kind)
         is distinct from
         (old.id, old.reference, old.kind, old.association_id, old.application_id, old.screening_id, old.outcome,
          old.recommendation, old.departs_from_recommendation, old.justification, old.communicated_on, old.criteria,
          old.supersedes_id, old.prepared_by, old.prepared_at, old.delegation_kind) then
        raise exception 'a decision is never edited; a correction is a new decision' using errcode = 'insufficient_privilege';
      end if;
      -- Who decided is written once, as the decision leaves pending_approval.
      if old.status <> 'pending_approval' and (new.decided_by, new.decided_at, new.delegation_point,
          new.committee_meeting_on, new.committee_paragraph, new.committee_recorded_by)
         is distinct from (old.decided_by, old.decided_at, old.delegation_point,
          old.committee_meeting_on, old.committee_paragraph, old.committee_recorded_by) then
        raise exception 'who decided a decision is never changed' using errcode = 'insufficient_privilege';
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
