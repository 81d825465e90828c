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

export interface SuccessSpec<RS extends ZodType | undefined = ZodType | undefined> {
  status: 200 | 201 | 202 | 204;
  description: string;
  /** JSON body schema; omit for non-JSON answers (then give contentType). */
  schema?: RS;
  contentType?: string;
}

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteDef<
  PS extends ZodType | undefined,
  QS extends ZodType | undefined,
  BS extends ZodType | undefined,
  M extends Method = Method,
  P extends string = string,
  RS extends ZodType | undefined = ZodType | undefined,
> {
  method: M;
  /** Express-style path, e.g. /api/associations/:id */
  path: P;
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
  success: SuccessSpec<RS>;
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
  method: Method;
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

/**
 * A declared route that still knows its method, path and success schema, so a caller in process (the
 * pages, web.api.ts) gets the answer's type from the declaration instead of asserting it.
 */
export interface DeclaredRoute<
  M extends Method,
  P extends string,
  RS extends ZodType | undefined,
> extends AnyRoute {
  method: M;
  path: P;
  success: SuccessSpec<RS>;
}

/** What a declared route answers: the success schema's output type (undefined for none, e.g. 204). */
export type RouteResult<R> = R extends { success: SuccessSpec<infer RS> } ? Infer<RS> : unknown;

export function defineRoute<
  PS extends ZodType | undefined = undefined,
  QS extends ZodType | undefined = undefined,
  BS extends ZodType | undefined = undefined,
  M extends Method = Method,
  P extends string = string,
  RS extends ZodType | undefined = undefined,
>(def: RouteDef<PS, QS, BS, M, P, RS>): DeclaredRoute<M, P, RS> {
  return def as unknown as DeclaredRoute<M, P, RS>;
}
