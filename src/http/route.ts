import type { Request, Response } from 'express';
import type { z, ZodType } from 'zod';
import type { Role } from '../users/users.table';
import type { AuthUser } from './auth';

// A route is declared once, as data: method, path, roles, schemas and handler. The same declaration
// mounts the express handler, generates the OpenAPI document and drives the role-matrix test, so the
// three cannot drift apart.

type Infer<S> = S extends ZodType ? z.output<S> : undefined;

export interface RouteContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** Present on every route that is not public. */
  user: AuthUser;
  req: Request;
  res: Response;
}

/** An answer other than success and the standard errors, documented in the OpenAPI document. */
export interface OtherResponse {
  status: number;
  description: string;
  schema: ZodType;
}

export interface SuccessSpec {
  status: 200 | 201 | 202 | 204;
  description: string;
  /** JSON body schema; omit for non-JSON answers (then give contentType). */
  schema?: ZodType;
  contentType?: string;
}

export interface RouteDef<
  PS extends ZodType | undefined,
  QS extends ZodType | undefined,
  BS extends ZodType | undefined,
> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express-style path, e.g. /api/associations/:id */
  path: string;
  summary: string;
  tag: string;
  roles: readonly Role[] | 'public';
  params?: PS;
  query?: QS;
  body?: BS;
  /**
   * Defaults to application/json. 'application/xml' bodies are not parsed: the handler streams
   * `req` itself (sanctions list files), and the OpenAPI document shows the body as XML text.
   */
  bodyContentType?: 'application/json' | 'text/csv' | 'application/xml';
  success: SuccessSpec;
  /** Answers besides success whose body is not the error shape (e.g. health's 503). */
  otherResponses?: OtherResponse[];
  /**
   * Whether the route takes an Idempotency-Key (see idempotency.ts). Default: every POST that
   * answers 201 or 202, i.e. creates something.
   */
  idempotent?: boolean;
  /** The handler returns the JSON body, or writes to `res` itself and returns undefined. */
  handler(ctx: RouteContext<Infer<PS>, Infer<QS>, Infer<BS>>): Promise<unknown>;
}

// Erased form kept in route lists; the generic checks happen at the defineRoute call site.
export interface AnyRoute {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  tag: string;
  roles: readonly Role[] | 'public';
  params?: ZodType;
  query?: ZodType;
  body?: ZodType;
  bodyContentType?: 'application/json' | 'text/csv' | 'application/xml';
  success: SuccessSpec;
  otherResponses?: OtherResponse[];
  idempotent?: boolean;
  handler(ctx: RouteContext<unknown, unknown, unknown>): Promise<unknown>;
}

export function defineRoute<
  PS extends ZodType | undefined = undefined,
  QS extends ZodType | undefined = undefined,
  BS extends ZodType | undefined = undefined,
>(def: RouteDef<PS, QS, BS>): AnyRoute {
  return def as unknown as AnyRoute;
}
