import { type Kysely, sql } from 'kysely';

// Published rule sets and screenings. Both are evidence: once written they never change, and the
// database refuses to change them.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rule_sets')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'date', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('registered_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('rule_sets_pk', ['id', 'version'])
    .execute();

  await db.schema
    .createTable('screenings')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('application_id', 'uuid', (c) => c.notNull().references('applications.id'))
    .addColumn('association_id', 'uuid', (c) => c.notNull().references('associations.id'))
    .addColumn('rule_set_id', 'text', (c) => c.notNull())
    .addColumn('rule_set_version', 'text', (c) => c.notNull())
    .addColumn('rule_set_hash', 'text', (c) => c.notNull())
    .addColumn('facts', 'jsonb', (c) => c.notNull())
    .addColumn('result', 'jsonb', (c) => c.notNull())
    .addColumn('recommendation', 'text', (c) =>
      c.notNull().check(sql`recommendation in ('eligible','incomplete','refer','ineligible')`),
    )
    .addColumn('watchlist_hits', 'jsonb', (c) => c.notNull())
    .addColumn('matcher_version', 'text', (c) => c.notNull())
    .addColumn('watchlist_version', 'bigint', (c) => c.notNull())
    .addColumn('screened_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addForeignKeyConstraint('screenings_rule_set_fk', ['rule_set_id', 'rule_set_version'], 'rule_sets', [
      'id',
      'version',
    ])
    .execute();
  await db.schema
    .createIndex('screenings_application')
    .on('screenings')
    .columns(['application_id', 'created_at'])
    .execute();
  await db.schema.createIndex('screenings_created').on('screenings').columns(['created_at', 'id']).execute();

  // The rules that fired, one row each, so equal treatment can be queried by criterion.
  await db.schema
    .createTable('screening_reasons')
    .addColumn('screening_id', 'uuid', (c) => c.notNull().references('screenings.id'))
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('screening_reasons_pk', ['screening_id', 'rule_id'])
    .execute();
  await db.schema
    .createIndex('screening_reasons_code')
    .on('screening_reasons')
    .columns(['code', 'screening_id'])
    .execute();

  await sql`
    create function evidence_is_immutable() returns trigger language plpgsql as $$
    begin
      raise exception '% is immutable evidence: % refused', tg_table_name, tg_op using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  for (const table of ['rule_sets', 'screenings', 'screening_reasons']) {
    await sql`create trigger ${sql.raw(`${table}_immutable`)} before update or delete on ${sql.table(table)}
      for each row execute function evidence_is_immutable()`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('migrations are never rolled back; write a new one');
}
