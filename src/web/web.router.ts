import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import express, { Router, type ErrorRequestHandler, type Request, type RequestHandler } from 'express';
import type { AppDeps } from '../deps';
import {
  AppError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
  ValidationError,
} from '../http/errors';
import { perMinuteLimit, userOrAddressKey } from '../http/rate-limit';
import type { AnyRoute } from '../http/route';
import { clientErrorStatus, UNAVAILABLE_RETRY_AFTER } from '../http/error-handler';
import { isDatabaseUnavailable, safeError } from '../db/db-errors';
import { assertCleanText } from '../http/text-hygiene';
import { projectRoot } from '../shared/project-root';
import { InProcessApi } from './web.api';
import { WebCookies } from './web.cookies';
import { CSRF_FIELD, tokensMatch } from './web.csrf';
import { formValues, type FormValues } from './web.forms';
import { MalformedUploadError, readMultipart, UploadTooLargeError, type Upload } from './web.multipart';
import { allowed, type PageContext, type PageDef } from './web.page';
import { CSRF_REFUSED, Renderer } from './web.render';
import { resolveSession } from '../auth/sessions/sessions';
import { svError, svProblem } from './web.validation.sv';
import { Views } from './web.views';
import { bySpecificity } from './web.route-order';
import { allPages } from './pages';
import { signInRoutes, signInAddress } from './pages/sign-in.pages';

const FORM_LIMIT = '100kb';
const UPLOAD_LIMIT = 5 * 1024 * 1024;
// From the project, not __dirname: the compiled code in dist/ has no copy of the stylesheet.
const STATIC_DIR = path.join(projectRoot(), 'src', 'web', 'static');

/** The API and the health check are not pages: the web router stays out of their way. */
const notForPages = (p: string) => p === '/api' || p.startsWith('/api/') || p === '/health';

/** The web pages: sign-in, then every declared page behind the session, its role and its form token. */
export function webRouter(deps: AppDeps, routes: readonly AnyRoute[]): Router {
  const api = new InProcessApi(routes);
  const pages = allPages(deps);
  for (const p of pages) api.rolesFor(p.uses); // a page naming an unknown API operation stops start-up
  const css = readFileSync(path.join(STATIC_DIR, 'web.css'));
  const cssVersion = createHash('sha256').update(css).digest('hex').slice(0, 12);
  const views = new Views(path.join(projectRoot(), 'templates'), {
    cssHref: `/static/web.css?v=${cssVersion}`,
  });
  const renderer = new Renderer(views, api, pages);
  const cookies = new WebCookies(deps.config.COOKIE_SECURE);

  const router = Router();
  router.use((req, _res, next) => next(notForPages(req.path) ? 'router' : undefined));
  // The stylesheet's address carries its hash, so it can be cached for a year and still never be stale.
  router.use('/static', express.static(STATIC_DIR, { maxAge: '365d', immutable: true, index: false }));
  router.use((_req, res, next) => {
    // Pages show personal data: no copies in caches, and none shown by Back after sign-out.
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  router.use(express.urlencoded({ extended: false, limit: FORM_LIMIT }));
  router.use(async (req, res, next) => {
    const value = cookies.read(req, 'session');
    if (value) {
      req.webSession = await resolveSession(deps, value);
      if (!req.webSession) cookies.clear(req, res, 'session');
    }
    next();
  });
  // As for the API: after the session is known, per person signed in, per address for anyone else.
  router.use(
    perMinuteLimit({
      perMinute: deps.config.RATE_LIMIT_PER_MINUTE,
      name: 'pages',
      key: (req) => userOrAddressKey(req.webSession?.user.id, req),
      refuse: (req, res) => renderer.error(req, res, 429),
    }),
  );

  router.use(signInRoutes(deps, renderer, cookies));
  for (const page of bySpecificity(pages)) router[page.method](page.path, pageHandler(page, api, renderer));
  router.use((req, res) => renderer.error(req, res, 404));
  router.use(webErrorHandler(deps, renderer));
  return router;
}

function pageHandler(page: PageDef, api: InProcessApi, renderer: Renderer): RequestHandler {
  return async (req, res) => {
    const session = req.webSession;
    if (!session) {
      res.redirect(303, signInAddress(page.method === 'get' ? req.originalUrl : undefined));
      return;
    }
    if (!allowed(api, page, session.user)) throw new ForbiddenError();
    let form: FormValues = {};
    let upload: Upload | undefined;
    if (page.method === 'post') {
      // A page that takes a file also takes a plain form (then without the file).
      if (page.multipart && req.is('multipart/form-data')) {
        const parsed = await readMultipart(req, UPLOAD_LIMIT);
        form = parsed.fields;
        upload = parsed.upload;
      } else {
        form = formValues(req.body);
      }
      if (!tokensMatch(session.csrfToken, form[CSRF_FIELD])) {
        renderer.error(req, res, 403, CSRF_REFUSED);
        return;
      }
    }
    // The API's own text rule over everything the page itself reads, before any of it is used.
    assertCleanText({ params: req.params, query: req.query, body: form });
    const ctx: PageContext = {
      req,
      res,
      user: session.user,
      session,
      params: req.params as Record<string, string>,
      query: firstValues(req.query),
      form,
      upload,
      can: (key) => api.allows(session.user, key),
      call: (key, args = {}) => api.call(key, { user: session.user, req, ...args }),
      problems: (key, args = {}) => api.problems(key, { user: session.user, req, ...args }),
    };
    const result = await page.handler(ctx);
    if ('sent' in result) return;
    if ('redirect' in result) res.redirect(303, result.redirect);
    else renderer.page(req, res, result);
  };
}

function firstValues(q: Request['query']): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [k, v] of Object.entries(q)) {
    const first = Array.isArray(v) ? v[0] : v;
    if (typeof first === 'string') out[k] = first;
  }
  return out;
}

/** Errors as Swedish pages. A malformed id in an address is a page that does not exist. */
function webErrorHandler(deps: AppDeps, renderer: Renderer): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (res.headersSent) {
      req.socket.destroy();
      return;
    }
    if (err instanceof UnauthenticatedError) {
      res.redirect(303, signInAddress());
      return;
    }
    if (err instanceof NotFoundError) return renderer.error(req, res, 404);
    if (err instanceof ValidationError) {
      const details = err.details ?? [];
      if (details.length && details.every((d) => d.path.startsWith('params.')))
        return renderer.error(req, res, 404);
      return renderer.error(
        req,
        res,
        400,
        undefined,
        details.map((d) => svProblem(d)),
      );
    }
    if (err instanceof ForbiddenError) return renderer.error(req, res, 403);
    if (err instanceof AppError && err.status === 409) return renderer.error(req, res, 409, svError(err));
    if (err instanceof UploadTooLargeError || err?.type === 'entity.too.large')
      return renderer.error(req, res, 413);
    if (err instanceof MalformedUploadError) return renderer.error(req, res, 400);
    if (typeof err?.type === 'string' && err.type.startsWith('entity.')) return renderer.error(req, res, 400);
    // Other errors a client caused (a malformed %-escape in the address, too many form fields).
    if (clientErrorStatus(err) !== undefined) return renderer.error(req, res, 400);
    if (isDatabaseUnavailable(err)) {
      deps.logger.warn({ err: safeError(err), reqId: req.id }, 'database unavailable');
      res.set('Retry-After', String(UNAVAILABLE_RETRY_AFTER));
      return renderer.error(req, res, 503);
    }
    deps.logger.error({ err: safeError(err), reqId: req.id }, 'unhandled error on a web page');
    renderer.error(req, res, 500);
  };
}
