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
  return async (req, _res, next) => {
    const header = req.headers.authorization;
    if (header === undefined) return next();
    const token = bearerToken(header);
    if (!token) throw new UnauthenticatedError('Authorization must be "Bearer <token>"');
    const user = await findActiveUserByTokenHash(db, hashToken(token));
    if (!user) throw new UnauthenticatedError('Unknown or deactivated token');
    req.user = { id: user.id, name: user.name, role: user.role };
    next();
  };
}

/** 401 without a user, 403 when the user's role is not among the route's roles. */
export function requireRole(user: AuthUser | undefined, roles: readonly Role[]): AuthUser {
  if (!user) throw new UnauthenticatedError();
  if (!roles.includes(user.role)) throw new ForbiddenError();
  return user;
}
