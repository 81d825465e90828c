import type { ZodType } from 'zod';
import { requireRole, type AuthUser } from './auth';
import { ValidationError } from './errors';
import { zodDetails } from './validation-details';
import type { AnyRoute } from './route';
import { assertCleanText } from './text-hygiene';

// The one way a declared route is entered, over HTTP (mount.ts) and in process for the pages
// (web/web.api.ts): the same role check, text rule and schemas, in the same order, so the two can
// never accept different input.

/** What arrived: the address's parameters, the query string and the body, not yet checked. */
export interface RawCall {
  params?: unknown;
  query?: unknown;
  body?: unknown;
}

/** The checked input a handler receives. `user` is absent only on public routes. */
export interface PreparedCall {
  user: AuthUser | undefined;
  params: unknown;
  query: unknown;
  body: unknown;
}

function parsePart(schema: ZodType | undefined, value: unknown, part: 'params' | 'query' | 'body'): unknown {
  if (!schema) return undefined;
  // An address without parameters or a query string is an empty object; a missing body stays missing.
  const result = schema.safeParse(value ?? (part === 'body' ? undefined : {}));
  if (!result.success) throw new ValidationError('Request validation failed', zodDetails(result.error, part));
  return result.data;
}

/**
 * Order matters: who you are (401), whether you may (403), then what you sent (400). Throws
 * UnauthenticatedError, ForbiddenError or ValidationError.
 */
export function prepareCall(route: AnyRoute, user: AuthUser | undefined, raw: RawCall): PreparedCall {
  const caller = route.roles === 'public' ? user : requireRole(user, route.roles);
  assertCleanText({ params: raw.params, query: raw.query, body: raw.body });
  return {
    user: caller,
    params: parsePart(route.params, raw.params, 'params'),
    query: parsePart(route.query, raw.query, 'query'),
    body: parsePart(route.body, raw.body, 'body'),
  };
}
