import { OpenAPIRegistry, OpenApiGeneratorV3, type ResponseConfig } from '@asteasolutions/zod-to-openapi';
import { z, type ZodType } from 'zod';
import type { AnyRoute } from './route';
import { IDEMPOTENCY_HEADER, takesIdempotencyKey } from './idempotency';
import { errorDetailSchema } from './validation-details';

const idempotencyHeaders = z.object({
  [IDEMPOTENCY_HEADER]: z
    .string()
    .min(1)
    .max(255)
    .optional()
    .describe(
      'Retry safely: the same key with the same request returns the first answer (and creates nothing); with another request it is 409. Kept 24 hours, per user.',
    ),
});

const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.array(errorDetailSchema).optional(),
    }),
  })
  .meta({ id: 'Error' });

const errorDescriptions: Record<number, string> = {
  400: 'validation_failed',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  429: 'rate_limited',
  503: 'unavailable: the database cannot be reached just now; retry after Retry-After seconds',
};

const toOpenApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/** e.g. POST /api/applications/:id/screenings → postApplicationsByIdScreenings: stable, unique per route. */
function operationId(route: AnyRoute): string {
  const words = route.path
    .replace(/^\/api/, '')
    .split(/[/-]/)
    .filter(Boolean)
    .map((w) =>
      w.startsWith(':') ? `By${w[1]!.toUpperCase()}${w.slice(2)}` : w[0]!.toUpperCase() + w.slice(1),
    );
  return route.method + words.join('');
}

function errorResponses(route: AnyRoute) {
  const statuses = [400, 429, 503];
  if (route.roles !== 'public') statuses.push(401, 403);
  if (route.path.includes(':')) statuses.push(404);
  if (route.method !== 'get') statuses.push(409, 413);
  const content = { 'application/json': { schema: ErrorSchema } };
  const responses: Record<number, ResponseConfig> = Object.fromEntries(
    statuses.sort().map((s) => [s, { description: errorDescriptions[s]!, content }]),
  );
  for (const other of route.otherResponses ?? []) {
    responses[other.status] = {
      description: other.description,
      content: { 'application/json': { schema: other.schema } },
    };
  }
  return responses;
}

/** The OpenAPI 3 document, generated from the same route declarations and zod schemas that serve requests. */
export function buildOpenApiDocument(routes: readonly AnyRoute[], version: string) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  for (const route of routes) {
    const success = route.success;
    const roles = route.roles === 'public' ? 'public' : route.roles.join(', ');
    registry.registerPath({
      operationId: operationId(route),
      method: route.method,
      path: toOpenApiPath(route.path),
      summary: route.summary,
      description: `Roles: ${roles}.`,
      tags: [route.tag],
      security: route.roles === 'public' ? [] : [{ bearer: [] }],
      request: {
        ...(takesIdempotencyKey(route) ? { headers: idempotencyHeaders } : {}),
        ...(route.params ? { params: route.params as z.ZodObject } : {}),
        ...(route.query ? { query: route.query as z.ZodObject } : {}),
        ...(route.body
          ? {
              body: {
                required: true,
                content: { [route.bodyContentType ?? 'application/json']: { schema: route.body } },
              },
            }
          : route.bodyContentType === 'application/xml'
            ? {
                body: {
                  required: true,
                  content: { 'application/xml': { schema: { type: 'string' as const, format: 'binary' } } },
                },
              }
            : {}),
      },
      responses: {
        [success.status]: {
          description: success.description,
          ...(success.schema
            ? { content: { 'application/json': { schema: success.schema as ZodType } } }
            : success.contentType
              ? { content: { [success.contentType]: { schema: { type: 'string' } } } }
              : {}),
        },
        ...errorResponses(route),
      },
    });
  }
  return new OpenApiGeneratorV3(registry.definitions).generateDocument({
    openapi: '3.0.3',
    servers: [{ url: '/' }],
    info: {
      title: 'Föreningskontroll API',
      version,
      description:
        'Screening of associations before municipal grants (föreningsbidrag) and premises (lokaler).',
    },
  });
}
