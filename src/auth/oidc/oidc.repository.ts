import type { Db } from '../../db/database';
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
