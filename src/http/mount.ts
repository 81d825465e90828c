import { Router, type RequestHandler } from 'express';
import type { AnyRoute } from './route';
import { prepareCall } from './route-call';
import {
  idempotencyKeyOf,
  requestHash,
  runIdempotent,
  takesIdempotencyKey,
  type IdempotencyDeps,
} from './idempotency';

function handle(route: AnyRoute, deps: IdempotencyDeps | undefined): RequestHandler {
  const operation = `${route.method.toUpperCase()} ${route.path}`;
  const idempotent = deps !== undefined && takesIdempotencyKey(route);
  return async (req, res) => {
    const { user, params, query, body } = prepareCall(route, req.user, req);
    const run = async () => {
      const result = await route.handler({ params, query, body, user: user!, req, res });
      return { status: route.success.status as number, body: result };
    };
    const key = idempotent && user ? idempotencyKeyOf(req) : undefined;
    const answer =
      key === undefined
        ? { ...(await run()), replayed: false }
        : await runIdempotent(
            deps!,
            { userId: user!.id, key, operation, requestHash: requestHash(req) },
            run,
          );
    if (res.headersSent) return;
    if (answer.replayed) res.set('Idempotent-Replayed', 'true');
    if (answer.status === 204) {
      res.status(204).end();
      return;
    }
    res.status(answer.status).json(answer.body);
  };
}

/**
 * Mounts each declared route on a router. With `deps`, every route that creates something takes an
 * Idempotency-Key (see idempotency.ts).
 */
export function mountRoutes(routes: readonly AnyRoute[], deps?: IdempotencyDeps): Router {
  const router = Router();
  for (const route of routes) router[route.method](route.path, handle(route, deps));
  return router;
}
