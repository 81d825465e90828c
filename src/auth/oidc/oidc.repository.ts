import type { Db } from '../../db/database';
import type { Role, UserRow } from '../../users/users.table';
import type { OidcSignInRow } from './oidc.table';

export async function insertSignIn(db: Db, row: OidcSignInRow, now: Date): Promise<void> {
  // Opportunistic clean-up of abandoned sign-ins: starting one is rare enough to pay for it.
  await db.deleteFrom('oidc_sign_ins').where('expires_at', '<=', now).execute();
  await db.insertInto('oidc_sign_ins').values(row).execute();
}

/** Takes (deletes and returns) a live sign-in: a state is good for one callback only. */
export async function takeSignIn(db: Db, stateHash: string, now: Date): Promise<OidcSignInRow | undefined> {
  const row = await db
    .deleteFrom('oidc_sign_ins')
    .where('state_hash', '=', stateHash)
    .returningAll()
    .executeTakeFirst();
  return row && row.expires_at > now ? row : undefined;
}

export async function findUserByIdentity(
  db: Db,
  issuer: string,
  subject: string,
): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('oidc_issuer', '=', issuer)
    .where('oidc_subject', '=', subject)
    .executeTakeFirst();
}

export async function insertOidcUser(
  db: Db,
  user: {
    id: string;
    name: string;
    role: Role;
    tokenHash: string;
    issuer: string;
    subject: string;
    createdAt: Date;
  },
): Promise<void> {
  await db
    .insertInto('users')
    .values({
      id: user.id,
      name: user.name,
      role: user.role,
      token_hash: user.tokenHash,
      oidc_issuer: user.issuer,
      oidc_subject: user.subject,
      created_at: user.createdAt,
      last_sign_in_at: null,
    })
    .execute();
}
