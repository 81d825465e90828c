import { type Kysely, sql } from 'kysely';

// A version counter for association support, as the watchlist has one. Each service instance keeps an
// in-memory index of withdrawn associations (the booking desk's check matches names fuzzily against
// it) and reads this counter in the check's one query to know when to rebuild it. Triggers bump it, so
// no code path that changes support, today's or a future one, can forget to.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('support_state')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('version', 'bigint', (c) => c.notNull())
    .execute();
  await sql`insert into support_state (id, version) values (1, 0)`.execute(db);

  await sql`
    create function support_state_bump() returns trigger language plpgsql as $$
    begin
      update support_state set version = version + 1 where id = 1;
      return null;
    end $$`.execute(db);
  // The index holds a withdrawn association's names and number too, so a change of those counts.
  await sql`
    create trigger associations_support_changed
    after update of support_status, name, aliases, org_number on associations
    for each row when (
      old.support_status is distinct from new.support_status
      or (new.support_status = 'withdrawn'
          and (old.name, old.aliases, old.org_number) is distinct from (new.name, new.aliases, new.org_number))
    )
    execute function support_state_bump()`.execute(db);
  await sql`
    create trigger associations_withdrawn_inserted after insert on associations
    for each row when (new.support_status = 'withdrawn') execute function support_state_bump()`.execute(db);
  await sql`
    create trigger associations_withdrawn_deleted after delete on associations
    for each row when (old.support_status = 'withdrawn') execute function support_state_bump()`.execute(db);

  // A rebuild reads only the withdrawn few.
  await sql`create index associations_withdrawn on associations (id) where support_status = 'withdrawn'`.execute(
    db,
  );
}

export async function down(): Promise<void> {
  throw new Error('migrations are never rolled back; write a new one');
}
