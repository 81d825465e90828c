import { z } from 'zod';
import { ValidationError, type ErrorCode, type ErrorDetail } from './errors';

// Text hygiene in one place. PostgreSQL cannot store U+0000 (it answers 22021/22P05, which used to be
// a 500), and a lone UTF-16 surrogate (possible in JSON through "\ud800") would be stored as U+FFFD,
// silently changing what was sent. Both are refused before any schema runs: every string of a
// request's params, query and body (keys included) is walked by `assertCleanText`, which the route
// mounting and the pages' in-process calls run for every operation, so a schema added tomorrow is
// covered without knowing about it. `cleanText()` is the same rule as a zod refinement, for strings
// parsed outside a request (CSV cells, files).

export const NUL_MESSAGE = 'must not contain the NUL character (U+0000)';
export const SURROGATE_MESSAGE = 'must not contain a lone surrogate (text that is not valid Unicode)';

const isWellFormed = (s: string): boolean => (s as unknown as { isWellFormed(): boolean }).isWellFormed();

type TextProblem = Extract<ErrorCode, 'nul_character' | 'lone_surrogate'>;

const MESSAGE: Record<TextProblem, string> = {
  nul_character: NUL_MESSAGE,
  lone_surrogate: SURROGATE_MESSAGE,
};

/** What is wrong with a string that the database or a reader could not keep faithfully, if anything. */
export function textProblem(s: string): TextProblem | undefined {
  if (s.includes('\u0000')) return 'nul_character';
  if (!isWellFormed(s)) return 'lone_surrogate';
  return undefined;
}

/** A zod string with the same rule, for text parsed outside a request. */
export const cleanText = () =>
  z.string().superRefine((s, ctx) => {
    const problem = textProblem(s);
    if (problem) ctx.addIssue({ code: 'custom', message: MESSAGE[problem], params: { code: problem } });
  });

/** A multi-line text (a CSV file): the problem names the line, so the sender can find it. */
function locate(path: string, s: string, code: TextProblem): ErrorDetail {
  const message = MESSAGE[code];
  const bad =
    code === 'nul_character'
      ? s.indexOf('\u0000')
      : s.search(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
  if (bad < 0 || s.lastIndexOf('\n', bad) < 0) return { path, code, message };
  let line = 1;
  for (let i = s.indexOf('\n'); i >= 0 && i < bad; i = s.indexOf('\n', i + 1)) line++;
  return { path, code, params: { line }, message: `${message} (line ${line})` };
}

const MAX_DETAILS = 20;

/**
 * Every string problem in a value, by path (zod's dotted form, e.g. "body.aliases.2"). Iterative,
 * so a deeply nested body cannot overflow the stack; it stops after MAX_DETAILS problems.
 */
export function textProblems(value: unknown, root: string): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length && details.length < MAX_DETAILS) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      const problem = textProblem(v);
      if (problem) details.push(locate(path, v, problem));
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${path}.${i}`]);
    } else if (v !== null && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        const problem = textProblem(k);
        // A bad key is named by its position: the key itself cannot be quoted faithfully.
        if (problem) details.push({ path: `${path}.(key)`, code: problem, message: MESSAGE[problem] });
        else stack.push([child, `${path}.${k}`]);
      }
    }
  }
  return details.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Refuses a request whose params, query or body holds a string the service will not store. */
export function assertCleanText(parts: { params?: unknown; query?: unknown; body?: unknown }): void {
  const details = [
    ...textProblems(parts.params, 'params'),
    ...textProblems(parts.query, 'query'),
    ...textProblems(parts.body, 'body'),
  ];
  if (details.length) throw new ValidationError('Request validation failed', details);
}
