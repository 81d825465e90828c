import { createHash } from 'node:crypto';
import type { Request } from 'express';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { canonicalJson } from '../shared/canonical-json';
import { ConflictError, invalidField } from './errors';
import { claimKey, completeKey, deleteKeysBefore, findKey, releaseKey } from './idempotency.repository';
import type { AnyRoute } from './route';

// Idempotency-Key, once for every route that creates something (API.md v2, "Operations"): a client
// that did not hear the answer (a timeout, a dropped connection) sends the request again with the
// same key and gets the first answer, and nothing is created twice. Per user, for 24 hours.
//  - The first request claims the key (a row, pending) before it runs: two concurrent duplicates
//    cannot both claim it, so exactly one runs; the other waits for its answer.
//  - Its answer (status and body) is stored when it succeeds; a failure gives the key back, so a
//    retry runs the request again (nothing was created).
//  - The same key with another request (body, path or operation) is 409: it is a client's bug, and
//    answering with the first request's answer would hide it.
// A process killed between the creation's commit and storing the answer leaves the key pending: a
// retry then gets 409 (still in progress) rather than a second creation.

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const KEY_TTL_MS = 24 * 60 * 60_000;
const WAIT_MS = 10_000;
const POLL_MS = 50;
const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;

/** A POST that answers 201 or 202 creates something; a route may say otherwise with `idempotent`. */
export function takesIdempotencyKey(route: AnyRoute): boolean {
  const status: number = route.success.status;
  return route.idempotent ?? (route.method === 'post' && (status === 201 || status === 202));
}

/** The request's key, if it sent one; a malformed one is a 400 (it would never match its retry). */
export function idempotencyKeyOf(req: Request): string | undefined {
  const value = req.headers[IDEMPOTENCY_HEADER.toLowerCase()];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !KEY_FORMAT.test(value)) {
    throw invalidField(
      `headers.${IDEMPOTENCY_HEADER}`,
      'idempotency_key_invalid',
      'must be 1–255 visible ASCII characters (a UUID is a good key)',
    );
  }
  return value;
}

/** "The same request": method, path with query, and the body in canonical form. */
export function requestHash(req: Request): string {
  const body = typeof req.body === 'string' ? req.body : canonicalJson(req.body ?? null);
  return createHash('sha256').update(`${req.method} ${req.originalUrl}\n`).update(body).digest('hex');
}

export interface IdempotencyDeps {
  db: Kysely<Database>;
  clock: Clock;
}

export interface Answer {
  status: number;
  body: unknown;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `run` once per (user, key); a repeat gets the stored answer with `replayed: true`. */
export async function runIdempotent(
  deps: IdempotencyDeps,
  id: { userId: string; key: string; operation: string; requestHash: string },
  run: () => Promise<Answer>,
): Promise<Answer & { replayed: boolean }> {
  const started = Date.now();
  for (;;) {
    const now = deps.clock.now();
    if (await claimKey(deps.db, { ...id, now })) {
      let answer: Answer;
      try {
        answer = await run();
      } catch (err) {
        await releaseKey(deps.db, id.userId, id.key).catch(() => undefined);
        throw err;
      }
      await completeKey(deps.db, id.userId, id.key, answer);
      return { ...answer, replayed: false };
    }
    const row = await findKey(deps.db, id.userId, id.key);
    if (!row) continue; // the first request failed and gave the key back: claim it now
    const expiredBefore = new Date(now.getTime() - KEY_TTL_MS);
    if (row.created_at < expiredBefore) {
      await deleteKeysBefore(deps.db, expiredBefore, { userId: id.userId, key: id.key });
      continue;
    }
    if (row.request_hash !== id.requestHash || row.operation !== id.operation) {
      throw new ConflictError('This Idempotency-Key was already used for a different request');
    }
    if (row.status === 'done') {
      return { status: row.response_status!, body: row.response_body, replayed: true };
    }
    if (Date.now() - started > WAIT_MS) {
      throw new ConflictError(
        'A request with this Idempotency-Key is still being handled or did not finish; check its result, then use a new key',
      );
    }
    await sleep(POLL_MS);
  }
}

/** The sweep: keys older than 24 hours are forgotten. */
export function purgeIdempotencyKeys(deps: IdempotencyDeps): Promise<number> {
  return deleteKeysBefore(deps.db, new Date(deps.clock.now().getTime() - KEY_TTL_MS));
}
