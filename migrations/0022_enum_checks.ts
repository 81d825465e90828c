import { type Kysely, sql } from 'kysely';

// Issue 15 point 5: every stored closed set of values has a check constraint that lists exactly the
// values of its array in the code (test/db/enum-checks.test.ts compares them). The one stored set
// without a constraint was the recommendation a decision on an application was made against: copied
// from its screening (whose column has the same check since 0003) or null for withdrawals and
// restorations, so every existing row satisfies it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table decisions add constraint decisions_recommendation check (
      recommendation is null or recommendation in ('eligible','incomplete','refer','ineligible'))`.execute(
    db,
  );
}

export async function down(): Promise<void> {
  throw new Error('migrations are never rolled back; write a new one');
}
