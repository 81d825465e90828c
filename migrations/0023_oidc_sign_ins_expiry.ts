import type { Kysely } from 'kysely';

// Every new sign-in first deletes the sign-ins under way that have expired; an index on the expiry
// keeps that delete from reading the whole table when many sign-ins begin at once (the table is
// shared by every instance).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('oidc_sign_ins_expires_at').on('oidc_sign_ins').column('expires_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('oidc_sign_ins_expires_at').execute();
}
