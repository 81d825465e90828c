import type { RequestHandler } from 'express';
import type { Role } from '../users/users.table';
import { findActiveUserByTokenHash } from '../users/users.repository';
import { hashToken } from '../users/tokens';
import type { Db } from '../db/database';
import { ForbiddenError, UnauthenticatedError } from './errors';

export interface AuthUser {
  id: string;
  name: string;
  role: Role;
}

declare module 'express-serve-static-core' {
  interface Request {
    user?: AuthUser;
    /** Why the request's Authorization header was refused; answered with 401 by `refuseUnresolved`. */
    authRefusal?: string;
  }
}

export function bearerToken(header: string | undefined): string | undefined {
  const m = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return m?.[1];
}

/**
 * Resolves `Authorization: Bearer …` to a user. A missing header leaves the request anonymous (routes
 * then answer 401). A malformed header or an unknown or deactivated token is only noted here: the rate
 * limiter runs in between and counts such a request against the client's address, and then
 * `refuseUnresolved` answers 401. So random tokens cannot buy a fresh quota each. An unknown token is
 * still looked up (one indexed read) even once its address is over the limit: refusing by address
 * before the lookup would let one guessing client lock out colleagues behind the same address.
 */
export function resolveBearer(db: Db, options: { cacheTokens: boolean }): RequestHandler {
  const known = options.cacheTokens ? knownTokens : undefined;
  return async (req, _res, next) => {
    const header = req.headers.authorization;
    if (header === undefined) return next();
    const token = bearerToken(header);
    if (!token) {
      req.authRefusal = 'Authorization must be "Bearer <token>"';
      return next();
    }
    let user = known?.get(token);
    if (!user) {
      // Noted before the lookup: a user whose access changes while it runs is not cached from it.
      const generation = known?.generation ?? 0;
      const row = await findActiveUserByTokenHash(db, hashToken(token));
      if (!row) {
        req.authRefusal = 'Unknown or deactivated token';
        return next();
      }
      user = { id: row.id, name: row.name, role: row.role };
      known?.set(token, user, generation);
    }
    req.user = user;
    next();
  };
}

/** A header that `resolveBearer` could not resolve is refused at once, whatever the route. */
export const refuseUnresolved: RequestHandler = (req, _res, next) => {
  if (req.authRefusal !== undefined) throw new UnauthenticatedError(req.authRefusal);
  next();
};

/**
 * Recently resolved tokens, so a busy booking desk does not cost a database round trip per request.
 * Used only with the embedded database, where this process is the only one that can change users (the
 * data folder is locked to one process): emptying it for a user whose access changed
 * (forgetResolvedTokens) then stops the old token at once. With PostgreSQL several instances may share
 * the users table, and a cache in one of them would not hear of a deactivation made by another, so
 * there every request reads the database (one indexed read). Only hits are kept (a new user's token
 * works at once), for a second. Keyed by the token itself, in this process's memory only (the database
 * still holds only hashes), to spare a hash per request.
 */
class KnownTokens {
  private static readonly TTL_MS = 1_000;
  private static readonly MAX = 10_000;
  private readonly entries = new Map<string, { user: AuthUser; until: number }>();

  get(token: string): AuthUser | undefined {
    const e = this.entries.get(token);
    if (!e) return undefined;
    if (e.until < Date.now()) {
      this.entries.delete(token);
      return undefined;
    }
    return e.user;
  }

  /**
   * Moves on whenever a user's access changes. A lookup that began before the change may have read
   * the old row; it must not put that into the cache after forgetUser has emptied it.
   */
  generation = 0;

  set(token: string, user: AuthUser, lookedUpAt: number): void {
    if (lookedUpAt !== this.generation) return;
    if (this.entries.size >= KnownTokens.MAX) this.entries.clear();
    this.entries.set(token, { user, until: Date.now() + KnownTokens.TTL_MS });
  }

  /** Drops a user's tokens at once (deactivated, role changed, token rotated): no waiting for TTL_MS. */
  forgetUser(userId: string): void {
    this.generation += 1;
    for (const [token, e] of this.entries) if (e.user.id === userId) this.entries.delete(token);
  }
}

/** One cache per process, so the users service can empty it for a user whose access changed. */
const knownTokens = new KnownTokens();

export function forgetResolvedTokens(userId: string): void {
  knownTokens.forgetUser(userId);
}

/** 401 without a user, 403 when the user's role is not among the route's roles. */
export function requireRole(user: AuthUser | undefined, roles: readonly Role[]): AuthUser {
  if (!user) throw new UnauthenticatedError();
  if (!roles.includes(user.role)) throw new ForbiddenError();
  return user;
}
