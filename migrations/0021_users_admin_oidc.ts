import { type Kysely, sql } from 'kysely';

// Issue 16 points 1 and 2.
//
// 1. Users show when they last signed in (on a page; bearer-token API calls are not sign-ins).
// 2. A person signing in through the municipality's OpenID provider is matched by the provider's
//    subject: the issuer and its `sub` together (a `sub` is unique only within its issuer). A user
//    made that way still has a token hash (the column is NOT NULL and unique) of a token nobody was
//    shown; an admin can rotate it to give the person an API token.
// 3. A sign-in under way at the provider: the state (hashed; it comes back in the browser's
//    address), the PKCE verifier and the nonce, for the few minutes the person spends there. In the
//    database, not in this process, so the provider may send the person back to any instance.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('last_sign_in_at', 'timestamptz')
    .addColumn('oidc_issuer', 'text')
    .addColumn('oidc_subject', 'text')
    .execute();
  await db.schema
    .alterTable('users')
    .addCheckConstraint('users_oidc_both_or_neither', sql`(oidc_issuer is null) = (oidc_subject is null)`)
    .execute();
  await db.schema
    .createIndex('users_oidc_identity')
    .unique()
    .on('users')
    .columns(['oidc_issuer', 'oidc_subject'])
    .execute();

  await db.schema
    .createTable('oidc_sign_ins')
    .addColumn('state_hash', 'text', (c) => c.primaryKey())
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('next', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('oidc_sign_ins').execute();
  await db.schema.dropIndex('users_oidc_identity').execute();
  await db.schema.alterTable('users').dropConstraint('users_oidc_both_or_neither').execute();
  await db.schema
    .alterTable('users')
    .dropColumn('last_sign_in_at')
    .dropColumn('oidc_issuer')
    .dropColumn('oidc_subject')
    .execute();
}
