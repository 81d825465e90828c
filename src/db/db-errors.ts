// What the service may say and log about a database error. Both drivers attach far too much to their
// errors for a log line: PGlite the statement and its parameters (`query`, `params`), pg the `detail`
// ("Key (org_number)=(802…) already exists") and the statement around it (`where`,
// `internalQuery`). A parameter can be a token hash or a person's name, so a database error is
// logged as its code, its names of things, and its message with quoted values taken out.

/** A PostgreSQL SQLSTATE (five characters) on an error from either driver. */
export function sqlState(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

// Classes whose messages quote identifiers (syntax, missing column), which help and are not data.
const IDENTIFIER_CLASSES = new Set(['42']);

/** The message with every double-quoted part (a value, in data errors) replaced. */
export function redactMessage(message: string, code: string | undefined): string {
  if (code && IDENTIFIER_CLASSES.has(code.slice(0, 2))) return message;
  return message.replace(/"(?:[^"\\]|\\.)*"/g, '"…"').replace(/\(([^()]*)\)=\(([^()]*)\)/g, '($1)=(…)');
}

const NAMES = ['severity', 'schema', 'table', 'column', 'dataType', 'constraint', 'routine'] as const;

/**
 * A log-safe copy of an error. Database errors (they carry a SQLSTATE) keep their code, names and a
 * redacted message; other errors keep type, message and stack, as pino's own serializer would, but
 * no other properties (which is where drivers and libraries put what they were given).
 */
export function safeError(err: unknown, depth = 0): Record<string, unknown> {
  // Already made safe (a logger whose serializer is this function, given safeError's result).
  if (produced.has(err as object)) return err as Record<string, unknown>;
  const out = copyOf(err, depth);
  produced.add(out);
  return out;
}

const produced = new WeakSet<object>();

function copyOf(err: unknown, depth: number): Record<string, unknown> {
  if (!(err instanceof Error)) return { type: typeof err, message: String(err).slice(0, 200) };
  if (depth > 5) return { type: err.constructor.name };
  const code = sqlState(err);
  if (code) {
    const out: Record<string, unknown> = {
      type: err.constructor.name,
      code,
      message: redactMessage(err.message, code),
    };
    for (const k of NAMES) {
      const v = (err as unknown as Record<string, unknown>)[k];
      if (typeof v === 'string' && v) out[k] = v;
    }
    return out;
  }
  const out: Record<string, unknown> = { type: err.constructor.name, message: err.message, stack: err.stack };
  const sysCode = (err as { code?: unknown }).code;
  if (typeof sysCode === 'string') out.code = sysCode;
  if (err.cause !== undefined) out.cause = safeError(err.cause, depth + 1);
  if (err instanceof AggregateError) out.errors = err.errors.slice(0, 10).map((e) => safeError(e, depth + 1));
  return out;
}

// SQLSTATE classes and codes that mean the server cannot be reached or is going away: not the
// request's fault and not a bug, so the answer is 503 and the client may retry.
// connection, resources (disk full), operator intervention (shutdown), system (files gone, I/O)
const UNAVAILABLE_CLASSES = new Set(['08', '53', '57', '58']);
const UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03', '53300']);
const UNAVAILABLE_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
]);
// pg says these without a code when a connection dies or the pool cannot get one in time.
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect$/,
  /^Client has encountered a connection error and is not queryable$/,
  /^Cannot use a pool after calling end on the pool$/,
  /^PGlite is closed$/,
  /^Client was closed and is not queryable$/,
  /^driver has already been destroyed$/,
];

/** Whether an error means the database is away (503) rather than a bug or bad input. */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!(err instanceof Error) || depth > 5) return false;
  const code = sqlState(err);
  if (code) return UNAVAILABLE_CODES.has(code) || UNAVAILABLE_CLASSES.has(code.slice(0, 2));
  const errno = (err as { code?: unknown }).code;
  if (typeof errno === 'string' && UNAVAILABLE_ERRNOS.has(errno)) return true;
  if (err instanceof AggregateError) return err.errors.some((e) => isDatabaseUnavailable(e, depth + 1));
  if (UNAVAILABLE_MESSAGES.some((re) => re.test(err.message))) return true;
  return err.cause !== undefined && isDatabaseUnavailable(err.cause, depth + 1);
}
