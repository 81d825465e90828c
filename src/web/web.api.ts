import type { Request, Response } from 'express';
import type { AuthUser } from '../http/auth';
import { ValidationError } from '../http/errors';
import type { AnyRoute } from '../http/route';
import { prepareCall } from '../http/route-call';
import type { Role } from '../users/users.table';
import type { ApiKey, ApiResult } from './web.api-routes';

export type { ApiKey, ApiResult } from './web.api-routes';

// The pages use the API's own route declarations, in process: the same role list, the same zod
// schemas and the same handler (which calls the same service, so audit and rules are identical).
// Nothing about who may do what is written twice; a page names the API operations it performs, and
// its roles follow from theirs.

export interface ApiCall {
  user: AuthUser;
  req: Request;
  params?: Record<string, string>;
  query?: Record<string, unknown>;
  body?: unknown;
}

// A page never lets a route write the HTTP response: routes that stream (the audit export) are not
// for pages, and using one by mistake fails loudly instead of corrupting the page.
const noResponse = new Proxy(
  {},
  {
    get() {
      throw new Error('a route that writes its own response cannot be called from a page');
    },
  },
) as Response;

export class InProcessApi {
  private readonly byKey = new Map<string, AnyRoute>();

  constructor(routes: readonly AnyRoute[]) {
    for (const r of routes) this.byKey.set(`${r.method.toUpperCase()} ${r.path}`, r);
  }

  private route(key: ApiKey): AnyRoute {
    const r = this.byKey.get(key);
    // At start-up, not at request time: pages are declared when the app is built.
    if (!r) throw new Error(`web page refers to an API route that does not exist: ${key}`);
    return r;
  }

  /** The roles that may perform every one of the operations; any signed-in user for none. */
  rolesFor(keys: readonly ApiKey[]): readonly Role[] | 'signed_in' {
    if (keys.length === 0) return 'signed_in';
    const lists = keys.map((k) => {
      const roles = this.route(k).roles;
      if (roles === 'public') throw new Error(`${k} is public; a page needs no role for it`);
      return roles;
    });
    return lists.reduce((acc, l) => acc.filter((r) => l.includes(r)));
  }

  allows(user: AuthUser, key: ApiKey): boolean {
    const roles = this.rolesFor([key]);
    return roles === 'signed_in' || roles.includes(user.role);
  }

  /**
   * Runs the route as the API would: 403 for the wrong role, then validation, then the handler. The
   * answer has the type of the route's declared success schema (what the handler is declared to return).
   */
  async call<K extends ApiKey>(key: K, call: ApiCall): Promise<ApiResult<K>> {
    const route = this.route(key);
    const { user, params, query, body } = prepareCall(route, call.user, call);
    return (await route.handler({
      params,
      query,
      body,
      user: user!,
      req: call.req,
      res: noResponse,
    })) as ApiResult<K>;
  }

  /** The route's role and schema checks only, without performing it: the ValidationError, or undefined. */
  problems(key: ApiKey, call: ApiCall): ValidationError | undefined {
    try {
      prepareCall(this.route(key), call.user, call);
      return undefined;
    } catch (err) {
      if (err instanceof ValidationError) return err;
      throw err;
    }
  }
}
