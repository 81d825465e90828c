import { timingSafeEqual, createHash } from 'node:crypto';
import express, { type Express, type Request, type RequestHandler } from 'express';
import type { Registry } from 'prom-client';
import { bearerToken } from '../http/auth';
import { errorBody } from '../http/error-handler';
import { httpDuration, httpRequests } from './metrics.registry';

/**
 * The route TEMPLATE a request matched ("/api/cases/:id"), never the URL: URLs carry ids and search
 * terms. Requests no route took (404s, static files) share one label value.
 */
export function routeTemplate(req: Request): string {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? `${req.baseUrl}${path}` : 'unmatched';
}

/** Counts and times every request by method, route template and status. */
export function httpMetrics(): RequestHandler {
  return (req, res, next) => {
    const end = httpDuration.startTimer();
    res.once('finish', () => {
      const labels = { method: req.method, route: routeTemplate(req), status: String(res.statusCode) };
      end(labels);
      httpRequests.inc(labels);
    });
    next();
  };
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/**
 * `GET /metrics` in the Prometheus text format. With a token configured, only a scraper presenting it
 * as a bearer token is answered; without one the handler is mounted only on the separate metrics port.
 */
export function metricsHandler(registry: Registry, token: string | undefined): RequestHandler {
  const expected = token === undefined ? undefined : digest(token);
  return async (req, res) => {
    if (expected) {
      const given = bearerToken(req.headers.authorization);
      if (!given || !timingSafeEqual(digest(given), expected)) {
        res
          .status(401)
          .set('WWW-Authenticate', 'Bearer')
          .json(errorBody('unauthenticated', 'A valid metrics token is required'));
        return;
      }
    }
    try {
      const text = await registry.metrics();
      res.set('Content-Type', registry.contentType).send(text);
    } catch {
      res.status(503).json(errorBody('unavailable', 'Metrics could not be read'));
    }
  };
}

/** The separate listener of METRICS_PORT: `/metrics` and nothing else, for a network only scrapers reach. */
export function metricsOnlyApp(registry: Registry, token: string | undefined): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/metrics', metricsHandler(registry, token));
  app.use((_req, res) => {
    res.status(404).json(errorBody('not_found', 'Only /metrics is served here'));
  });
  return app;
}
