import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../clock';
import type { Database } from '../../db/database';
import { appendAudit } from '../../audit/audit.service';
import type { AuthUser } from '../../http/auth';
import { recordSignIn } from '../../users/users.repository';
import {
  deleteExpiredSessions,
  deleteSession,
  findLiveSession,
  insertSession,
  touchSession,
} from './sessions.repository';

// Server-side sessions in the database rather than signed cookies: sign-out and deactivating a user
// take effect at once (a signed cookie stays valid until it expires, whoever copied it), there is no
// signing key to configure and share between instances, and any instance can serve any request
// because the database, not the process, holds the state. The price is one indexed read per page,
// the same as a bearer token costs the API.

/** Signed out after this long without a request. */
export const IDLE_MS = 60 * 60_000;
/** Signed out after this long whatever happens: a working day. */
export const ABSOLUTE_MS = 10 * 60 * 60_000;
/** Renewing the idle expiry at most this often keeps page views from being writes. */
const TOUCH_AFTER_MS = 60_000;

export interface WebSession {
  idHash: string;
  csrfToken: string;
  user: AuthUser;
}

export interface SessionDeps {
  db: Kysely<Database>;
  clock: Clock;
}

export const hashSessionId = (id: string) => createHash('sha256').update(id, 'utf8').digest('hex');
const randomToken = () => randomBytes(32).toString('base64url');

/** Starts a session for a user who proved a token; returns the cookie value (shown to no one else). */
export async function startSession(deps: SessionDeps, user: AuthUser): Promise<string> {
  const id = randomToken();
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    // Opportunistic clean-up: expired rows are useless, and sign-in is rare enough to pay for it.
    await deleteExpiredSessions(trx, now);
    await insertSession(trx, {
      id_hash: hashSessionId(id),
      user_id: user.id,
      csrf_token: randomToken(),
      created_at: now,
      seen_at: now,
      expires_at: new Date(now.getTime() + IDLE_MS),
      absolute_expires_at: new Date(now.getTime() + ABSOLUTE_MS),
    });
    await recordSignIn(trx, user.id, now);
    await appendAudit(trx, deps.clock, {
      actor: user.id,
      action: 'web.signed_in',
      entityType: 'user',
      entityId: user.id,
    });
  });
  return id;
}

/** The live session a cookie names, its idle expiry moved forward; undefined when there is none. */
export async function resolveSession(
  deps: SessionDeps,
  cookieValue: string,
): Promise<WebSession | undefined> {
  if (!/^[\w-]{20,100}$/.test(cookieValue)) return undefined;
  const now = deps.clock.now();
  const live = await findLiveSession(deps.db, hashSessionId(cookieValue), now);
  if (!live) return undefined;
  if (now.getTime() - live.seenAt.getTime() >= TOUCH_AFTER_MS) {
    const idle = new Date(Math.min(now.getTime() + IDLE_MS, live.absoluteExpiresAt.getTime()));
    await touchSession(deps.db, live.idHash, now, idle);
  }
  return { idHash: live.idHash, csrfToken: live.csrfToken, user: live.user };
}

/** Sign-out: the row goes, so the cookie is worthless wherever a copy of it is. */
export async function endSession(deps: SessionDeps, session: WebSession): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    if (!(await deleteSession(trx, session.idHash))) return;
    await appendAudit(trx, deps.clock, {
      actor: session.user.id,
      action: 'web.signed_out',
      entityType: 'user',
      entityId: session.user.id,
    });
  });
}

declare module 'express-serve-static-core' {
  interface Request {
    /** The signed-in person of a web page request; set by the web router. */
    webSession?: WebSession;
  }
}
