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
  }
}

export function bearerToken(header: string | undefined): string | undefined {
  const m = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return m?.[1];
}

/**
 * Resolves `Authorization: Bearer …` to a user. A missing header leaves the request anonymous (routes
 * then answer 401); a header with an unknown or deactivated token is refused at once.
 */
export function authenticate(db: Db): RequestHandler {
  const known = new KnownTokens();
  return async (req, _res, next) => {
    const header = req.headers.authorization;
    if (header === undefined) return next();
    const token = bearerToken(header);
    if (!token) throw new UnauthenticatedError('Authorization must be "Bearer <token>"');
    let user = known.get(token);
    if (!user) {
      const row = await findActiveUserByTokenHash(db, hashToken(token));
      if (!row) throw new UnauthenticatedError('Unknown or deactivated token');
      user = { id: row.id, name: row.name, role: row.role };
      known.set(token, user);
    }
    req.user = user;
    next();
  };
}

/**
 * Recently resolved tokens, so a busy booking desk does not cost a database round trip per request.
 * Only hits are kept (a new user's token works at once), for a few seconds: a token deactivated in
 * the database stops working within TTL_MS on every instance. Keyed by the token itself, in this
 * process's memory only (the database still holds only hashes), to spare a hash per request.
 */
class KnownTokens {
  private static readonly TTL_MS = 10_000;
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

  set(token: string, user: AuthUser): void {
    if (this.entries.size >= KnownTokens.MAX) this.entries.clear();
    this.entries.set(token, { user, until: Date.now() + KnownTokens.TTL_MS });
  }
}

/** 401 without a user, 403 when the user's role is not among the route's roles. */
export function requireRole(user: AuthUser | undefined, roles: readonly Role[]): AuthUser {
  if (!user) throw new UnauthenticatedError();
  if (!roles.includes(user.role)) throw new ForbiddenError();
  return user;
}
