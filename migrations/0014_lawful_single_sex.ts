import { type Kysely, sql } from 'kysely';

// Rule set 2026.2: EQ-1 and HR-1 do not catch a single-sex activity that is lawful under
// diskrimineringslagen 2 kap. 12 § (e.g. a girls-only training group). The case officer marks such a
// finding when recording it; the rules then leave it out. Existing findings were recorded without
// the question, so they are false: exactly how the rules treated them before.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('findings')
    .addColumn('lawful_single_sex_activity', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  // Only a finding about sex-based treatment can be a lawful single-sex activity (the API checks it
  // too, with a readable message; this keeps any other way in honest).
  await sql`
    alter table findings add constraint findings_single_sex_category
    check (not lawful_single_sex_activity or category in ('gender_equality_violation', 'discrimination'))`.execute(
    db,
  );
}

export async function down(): Promise<void> {
  throw new Error('migrations are never rolled back; write a new one');
}
