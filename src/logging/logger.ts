import pino, { type Logger } from 'pino';
import pinoPretty from 'pino-pretty';
import type { Config } from '../config';
import { safeError } from '../db/db-errors';

/** Where log lines go: stdout, or anything shaped like it (tests). */
export interface LogOutput extends NodeJS.WritableStream {
  isTTY?: boolean;
}

const REDACT = ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'];

/** Pretty lines for a person at a terminal; JSON for a log collector, or when LOG_FORMAT=json. */
export function wantsPretty(format: Config['LOG_FORMAT'], output: LogOutput): boolean {
  if (format === 'json') return false;
  if (format === 'pretty') return true;
  return output.isTTY === true;
}

/**
 * The process logger. Pretty printing runs in this thread (a pino-pretty stream, not a transport
 * worker): the volume is a person's terminal, and a crash then loses no buffered lines.
 */
export function createLogger(
  config: Pick<Config, 'LOG_LEVEL' | 'LOG_FORMAT'>,
  output: LogOutput = process.stdout,
): Logger {
  // Whatever is logged as `err`: never the driver's copy of a statement's parameters.
  const options = { level: config.LOG_LEVEL, redact: REDACT, serializers: { err: safeError } };
  if (!wantsPretty(config.LOG_FORMAT, output)) return pino(options, output);
  const pretty = pinoPretty({
    destination: output,
    colorize: output.isTTY === true,
    sync: true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname',
    singleLine: true,
  });
  return pino(options, pretty);
}

/**
 * The generated admin token of the first start, written straight to stdout (never into the log
 * stream, which may be shipped elsewhere) and framed so it does not drown among log lines.
 */
export function adminTokenNotice(token: string, colour: boolean): string {
  const rule = '='.repeat(Math.max(72, token.length + 4));
  const strong = (s: string) => (colour ? `\u001b[1;33m${s}\u001b[0m` : s);
  return [
    '',
    rule,
    strong('  No ADMIN_TOKEN was set, so an admin token was generated. It is shown only this once:'),
    '',
    `  ${strong(token)}`,
    '',
    '  Keep it somewhere safe: sign in with it and create the other users.',
    rule,
    '',
    '',
  ].join('\n');
}
