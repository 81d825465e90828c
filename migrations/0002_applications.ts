import { type Kysely, sql } from 'kysely';

// Grant and premises applications and the documented conduct (findings) recorded on them.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('applications')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('association_id', 'uuid', (c) => c.notNull().references('associations.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('grant','premises')`))
    .addColumn('grant', 'jsonb')
    .addColumn('premises', 'jsonb')
    .addColumn('statutes', 'jsonb', (c) => c.notNull())
    .addColumn('declaration', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('received','screened','decided')`))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('applications_association')
    .on('applications')
    .columns(['association_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('applications_created')
    .on('applications')
    .columns(['created_at', 'id'])
    .execute();

  await db.schema
    .createTable('findings')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('application_id', 'uuid', (c) => c.notNull().references('applications.id'))
    .addColumn('category', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`category in ('violence_coercion_threats','rights_violation','discrimination','gender_equality_violation','promotes_violations','counteracts_democracy','supports_violent_extremism')`,
        ),
    )
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('occurred_on', 'date', (c) => c.notNull())
    .addColumn('verified', 'boolean', (c) => c.notNull())
    .addColumn('acting_for_association', 'boolean', (c) => c.notNull())
    .addColumn('mitigation', 'jsonb', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('findings_application')
    .on('findings')
    .columns(['application_id', 'created_at'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are never rolled back; write a new one');
}
