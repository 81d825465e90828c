import { z } from 'zod';

/**
 * A setting holding JSON that overrides defaults (REMINDER_POLICY, RETENTION_POLICY): empty or unset
 * gives the defaults; otherwise the first problem is reported with its path inside the JSON, e.g.
 * "REMINDER_POLICY.recover_grant.assigneeRole Invalid option …", so start-up says what to fix.
 */
export function jsonSetting<T>(schema: z.ZodType<T>, defaults: T) {
  return z
    .string()
    .optional()
    .transform((text, ctx): T => {
      if (text === undefined || text.trim() === '') return defaults;
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch {
        ctx.addIssue({ code: 'custom', message: 'is not valid JSON' });
        return z.NEVER;
      }
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        ctx.addIssue({ code: 'custom', path: issue.path.map(String), message: issue.message });
        return z.NEVER;
      }
      return parsed.data;
    });
}
