import { type Kysely, sql } from 'kysely';

// What decision letters need beyond 0001–0010 (issue 11, point 5):
// - a finding may be covered by secrecy: the OSL provision is stored with it, so the letter can
//   describe the conduct without the protected reference and name the ground for withholding it;
// - a grant approval may carry conditions, printed in its letter.
// A decision is never edited, so a trigger keeps its conditions as written (the decisions guard of
// 0006 lists its own columns; a second trigger here leaves that one untouched).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('findings')
    .addColumn('secrecy_provision', 'text', (c) =>
      c.check(sql`secrecy_provision is null or char_length(secrecy_provision) between 1 and 200`),
    )
    .execute();
  await db.schema
    .alterTable('decisions')
    .addColumn('conditions', 'text', (c) =>
      c.check(sql`conditions is null or char_length(conditions) between 1 and 10000`),
    )
    .execute();

  await sql`
    create function decisions_conditions_guard() returns trigger language plpgsql as $$
    begin
      if new.conditions is distinct from old.conditions then
        raise exception 'a decision is never edited; a correction is a new decision' using errcode = 'insufficient_privilege';
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger decisions_conditions_guard before update on decisions
    for each row execute function decisions_conditions_guard()`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are never rolled back; write a new one');
}
