import { Router, type RequestHandler } from 'express';
import swaggerUi from 'swagger-ui-express';

/**
 * `GET /api/docs`: Swagger UI over the served OpenAPI document (`/api/openapi.json`), every file
 * from the installed swagger-ui-dist package (no CDN, so it works offline and under helmet's CSP:
 * scripts are files from this origin, never inline). The page's asset links are relative, so the
 * page itself lives at `/api/docs/` and the bare path redirects there.
 */
export function apiDocsRouter(): Router {
  const options = {
    swaggerUrl: '/api/openapi.json',
    customSiteTitle: 'Föreningskontroll API',
    // The document is always ours: a `?url=` naming another document is ignored.
    swaggerOptions: { queryConfigEnabled: false, tryItOutEnabled: false },
  };
  const router = Router();
  router.get('/api/docs', (req, res, next) => {
    if (req.originalUrl.split('?')[0] !== '/api/docs') return next();
    res.redirect(301, '/api/docs/');
  });
  const page = swaggerUi.setup(undefined, options);
  const onlyThePage: RequestHandler = (req, res, next) => {
    if (req.method !== 'GET' || (req.path !== '/' && req.path !== '/index.html')) return next();
    page(req, res, next);
  };
  router.use('/api/docs', ...swaggerUi.serveFiles(undefined, options), onlyThePage);
  return router;
}
