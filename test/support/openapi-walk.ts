import request from 'supertest';
import type { Express } from 'express';
import { ROLES, type Role } from '../../src/users/users.table';
import { ERROR_CODES } from '../../src/http/errors';

// The operations of the served OpenAPI document, as tests that must cover "every operation" see
// them: from the document, so an operation another area adds tomorrow is covered without an edit.

export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  maxItems?: number;
  nullable?: boolean;
  additionalProperties?: boolean | JsonSchema;
  default?: unknown;
};

export interface Parameter {
  name: string;
  in: 'path' | 'query';
  required?: boolean;
  schema: JsonSchema;
}

export interface Operation {
  method: 'get' | 'post' | 'put' | 'delete' | 'patch';
  /** The document's path, e.g. /api/applications/{id}/findings. */
  path: string;
  key: string;
  pathParams: Parameter[];
  query: Parameter[];
  body?: { contentType: string; schema: JsonSchema };
  /** A role the operation's description names (to get past 401/403), or undefined when public. */
  role: Role | undefined;
}

export interface OpenApiDoc {
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

export async function fetchOpenApi(app: Express): Promise<OpenApiDoc> {
  const res = await request(app).get('/api/openapi.json');
  if (res.status !== 200) throw new Error(`openapi.json: ${res.status}`);
  return res.body as OpenApiDoc;
}

/** Resolves a `$ref` into the document's components (one level at a time, as the walkers need). */
export function deref(doc: OpenApiDoc, s: JsonSchema): JsonSchema {
  let cur = s;
  for (let i = 0; cur.$ref && i < 20; i++) {
    const name = cur.$ref.replace('#/components/schemas/', '');
    cur = doc.components?.schemas?.[name] ?? {};
  }
  return cur;
}

export function operations(doc: OpenApiDoc): Operation[] {
  const out: Operation[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, raw] of Object.entries(ops)) {
      const op = raw as {
        parameters?: Parameter[];
        requestBody?: { content: Record<string, { schema: JsonSchema }> };
        description?: string;
        security?: unknown[];
      };
      const params = op.parameters ?? [];
      const content = op.requestBody ? Object.entries(op.requestBody.content)[0] : undefined;
      const named = /Roles: ([a-z_, ]+)\./.exec(op.description ?? '')?.[1]?.split(', ') ?? [];
      const role = ROLES.find((r) => named.includes(r));
      out.push({
        method: method as Operation['method'],
        path,
        key: `${method.toUpperCase()} ${path}`,
        pathParams: params.filter((p) => p.in === 'path'),
        query: params.filter((p) => p.in === 'query'),
        ...(content ? { body: { contentType: content[0], schema: content[1].schema } } : {}),
        role,
      });
    }
  }
  return out;
}

/**
 * Every place a string can go in a body of this schema, with the string's own schema, as a list of
 * keys ('0' for an array's first item), through objects, arrays, unions and references.
 */
export function stringLeaves(
  doc: OpenApiDoc,
  schema: JsonSchema,
  depth = 0,
): { path: string[]; schema: JsonSchema }[] {
  const s = deref(doc, schema);
  if (depth > 8) return [];
  const out: { path: string[]; schema: JsonSchema }[] = [];
  const types = ([] as string[]).concat(s.type ?? []);
  if (types.includes('string')) out.push({ path: [], schema: s });
  for (const alt of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])]) {
    out.push(...stringLeaves(doc, alt, depth + 1));
  }
  if (s.properties) {
    for (const [k, child] of Object.entries(s.properties)) {
      for (const l of stringLeaves(doc, child, depth + 1)) out.push({ ...l, path: [k, ...l.path] });
    }
  }
  if (s.items) {
    for (const l of stringLeaves(doc, s.items, depth + 1)) out.push({ ...l, path: ['0', ...l.path] });
  }
  return out;
}

/** The paths of stringLeaves, each once (a union may offer a string twice). */
export function stringPaths(doc: OpenApiDoc, schema: JsonSchema): string[][] {
  const seen = new Set<string>();
  return stringLeaves(doc, schema)
    .map((l) => l.path)
    .filter((p) => !seen.has(p.join('.')) && seen.add(p.join('.')));
}

/** A calendar date (the YYYY-MM-DD pattern) or an instant (format date-time). */
export function dateKind(s: JsonSchema): 'date' | 'instant' | undefined {
  if (s.format === 'date-time') return 'instant';
  if (s.pattern === '^\\d{4}-\\d{2}-\\d{2}$') return 'date';
  return undefined;
}

/** A value holding `leaf` at `path` ('0' makes an array). */
export function valueAt(path: string[], leaf: unknown): unknown {
  if (path.length === 0) return leaf;
  const [head, ...rest] = path;
  const child = valueAt(rest, leaf);
  return head === '0' ? [child] : { [head!]: child };
}

/** The document's path with each parameter replaced. */
export function concretePath(op: Operation, values: Record<string, string>): string {
  return op.path.replace(/\{([A-Za-z0-9_]+)\}/g, (_m, name: string) =>
    encodeURIComponent(values[name] ?? '00000000-0000-4000-8000-000000000000'),
  );
}

/** The contract's error shape: `{error: {code, message, details?: [{path, message}]}}` and nothing else. */
export function isErrorShape(body: unknown): boolean {
  if (!body || typeof body !== 'object') return false;
  const keys = Object.keys(body);
  if (keys.length !== 1 || keys[0] !== 'error') return false;
  const e = (body as { error: unknown }).error as Record<string, unknown> | null;
  if (!e || typeof e !== 'object') return false;
  if (typeof e.code !== 'string' || typeof e.message !== 'string') return false;
  if (Object.keys(e).some((k) => !['code', 'message', 'details'].includes(k))) return false;
  if (e.details === undefined) return true;
  return (
    Array.isArray(e.details) &&
    e.details.every(
      (d: unknown) =>
        !!d &&
        typeof d === 'object' &&
        typeof (d as { path?: unknown }).path === 'string' &&
        typeof (d as { message?: unknown }).message === 'string' &&
        (ERROR_CODES as readonly unknown[]).includes((d as { code?: unknown }).code),
    )
  );
}

/** A request of the operation's method: one place that knows every method the API uses. */
export function requestOf(app: Express, method: Operation['method'], path: string) {
  return request(app)[method](path);
}
