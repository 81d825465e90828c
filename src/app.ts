import express, { type Express } from 'express';
import helmet from 'helmet';
import { refuseUnresolved, resolveBearer } from './http/auth';
import { errorHandler, notFoundHandler } from './http/error-handler';
import { mountRoutes } from './http/mount';
import { buildOpenApiDocument } from './http/openapi';
import { rateLimiter } from './http/rate-limit';
import { requestLogging } from './http/request-log';
import type { AnyRoute } from './http/route';
import type { AppDeps } from './deps';
import { healthRoutes } from './health.routes';
import { usersRoutes } from './users/users.routes';
import { auditRoutes } from './audit/audit.routes';
import { associationsRoutes } from './associations/associations.routes';
import { applicationsRoutes } from './applications/applications.routes';
import { screeningRoutes } from './screening/screening.routes';
import { watchlistRoutes } from './watchlist/watchlist.routes';
import { remindersRoutes } from './reminders/reminders.routes';
import { decisionsRoutes } from './decisions/decisions.routes';
import { withdrawalsRoutes } from './withdrawals/withdrawals.routes';
import { sanctionsClearanceRoutes } from './screening/sanctions-clearance.routes';
import { premisesRoutes } from './premises/premises.routes';
import { delegationRoutes } from './delegation/delegation.routes';
import { notificationsRoutes } from './notifications/notifications.routes';
import { webRouter } from './web/web.router';
import { apiDocsRouter } from './docs/docs.http';
import { httpMetrics, metricsHandler } from './metrics/metrics.http';
import { appRegistry } from './metrics/metrics.backlog';
import { casesRoutes } from './cases/cases.routes';
import { communicationsRoutes } from './communications/communications.routes';
import { auditTreeRoutes } from './audit/audit.tree.routes';
import { retentionRoutes } from './retention/retention.routes';
import { registerExtractRoutes } from './register-extract/register-extract.routes';

const JSON_LIMIT = '256kb';
const CSV_LIMIT = '20mb';
const VERSION = '1.0.0';

/** Every route of the service, declared once: mounted, documented and role-tested from this list. */
export function allRoutes(deps: AppDeps): AnyRoute[] {
  return [
    ...healthRoutes(deps),
    ...usersRoutes(deps),
    ...associationsRoutes(deps),
    ...applicationsRoutes(deps),
    ...casesRoutes(deps),
    ...communicationsRoutes(deps),
    ...screeningRoutes(deps),
    ...sanctionsClearanceRoutes(deps),
    ...watchlistRoutes(deps),
    ...delegationRoutes(deps),
    ...decisionsRoutes(deps),
    ...withdrawalsRoutes(deps),
    ...premisesRoutes(deps),
    ...remindersRoutes(deps),
    ...notificationsRoutes(deps),
    ...auditRoutes(deps),
    ...auditTreeRoutes(deps),
    ...retentionRoutes(deps),
    ...registerExtractRoutes(deps),
  ];
}

/** The composition root: wires areas together with plain function calls, no DI framework. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.config.TRUST_PROXY);
  app.use(httpMetrics());
  app.use(requestLogging(deps.logger));
  app.use(helmet());
  app.use(express.json({ limit: JSON_LIMIT }));
  app.use(express.text({ type: 'text/csv', limit: CSV_LIMIT }));
  // Who is asking first (cached), so the limit counts per user, and per address for anyone else.
  // API answers hold personal data and, once, a new token: no cache (a proxy's or the browser's) keeps them.
  app.use('/api', (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  // Resolved tokens are cached only where this process alone can change users (see KnownTokens).
  app.use('/api', resolveBearer(deps.db, { cacheTokens: deps.dbKind === 'embedded' }));
  app.use('/api', rateLimiter(deps.config.RATE_LIMIT_PER_MINUTE));
  app.use('/api', refuseUnresolved);

  // Served here only with a token; without one, only on METRICS_PORT's own listener (see main.ts).
  if (deps.config.METRICS_TOKEN) {
    app.get('/metrics', metricsHandler(appRegistry(deps.db, deps.clock), deps.config.METRICS_TOKEN));
  }

  const routes = allRoutes(deps);
  const openapi = buildOpenApiDocument(routes, VERSION);
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  app.use(apiDocsRouter());
  app.use(mountRoutes(routes, deps));
  // The web pages: in process over the same route declarations (not over HTTP); they leave /api alone.
  app.use(webRouter(deps, routes));

  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}
