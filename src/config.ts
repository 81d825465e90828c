import { z } from 'zod';
import { defaultReminderPolicy, reminderPolicySchema } from './reminders/reminders.policy';
import { caseNumberFormatProblem, DEFAULT_CASE_NUMBER_FORMAT } from './cases/cases.number';
import { parseSigningKey } from './audit/audit.signing';
import { retentionPolicyFromJson } from './retention/retention.policy';
import { operationsConfig } from './config.operations';
import { jsonSetting } from './config.json-setting';

const reminderPolicyFromJson = jsonSetting(reminderPolicySchema, defaultReminderPolicy);

// The environment, parsed once at start-up. An invalid value stops the process with a one-line reason.
const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  DATA_DIR: z.string().min(1).default('./data'),
  ADMIN_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(1200),
  SIGN_IN_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(20),
  SIGN_IN_ADDRESS_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(300),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MUNICIPALITY_NAME: z.string().trim().min(1).max(200).default('Stockholms stad'),
  COMMITTEE_NAME: z.string().trim().min(1).max(200).default('Hägersten-Älvsjö stadsdelsnämnd'),
  // Decision letters: where an appeal (laglighetsprövning, KL 13 kap.) goes, and how to reach the
  // contact person (the föredragande, named in the letter) — a phone/e-mail line printed as written.
  APPEAL_COURT: z.string().trim().min(1).max(200).default('Förvaltningsrätten i Stockholm'),
  CONTACT_DETAILS: z.string().trim().min(1).max(300).default('Stockholms stads kontaktcenter, 08-508 000 00'),
  CASE_NUMBER_FORMAT: z
    .string()
    .default(DEFAULT_CASE_NUMBER_FORMAT)
    .superRefine((format, ctx) => {
      const problem = caseNumberFormatProblem(format);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .describe('how a diarienummer is made when the registry system gives none, e.g. "HÄ {year}/{seq}"'),
  RULES_DIR: z
    .string()
    .min(1)
    .optional()
    .describe('folder of rule-set files; default: rules/ of the project'),
  DELEGATION_FILE: z
    .string()
    .min(1)
    .optional()
    .describe("the committee's delegation order; default: rules/delegation.json of the project"),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  COOKIE_SECURE: z.enum(['auto', 'always']).default('auto'),
  SCHEDULER_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
  NOTIFY_WEBHOOK_URL: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(10),
  NOTIFY_RETRY_BASE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(30),
  REMINDER_POLICY: reminderPolicyFromJson,
  // Swedish working days (weekends and public holidays skipped) the coordinators have to answer a
  // referral from the booking desk; the desk is told the date, and a missed one is escalated.
  REFERRAL_ANSWER_DAYS: z.coerce.number().int().min(1).max(30).default(2),
  RETENTION_POLICY: retentionPolicyFromJson,
  AUDIT_SIGNING_KEY: z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v : undefined))
    .refine((v) => {
      if (v === undefined) return true;
      try {
        parseSigningKey(v);
        return true;
      } catch {
        return false;
      }
    }, 'must be an Ed25519 private key (PEM, or its 32-byte seed as 64 hex characters)'),
  ...operationsConfig,
});

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`Invalid configuration: ${issue.path.join('.')} ${issue.message}`);
  }
  return parsed.data;
}

/** Valid settings that are probably wrong where the service runs; logged as warnings at start. */
export function configWarnings(config: Config, nodeEnv = process.env.NODE_ENV): string[] {
  const warnings: string[] = [];
  // The service speaks plain HTTP, so in production TLS ends at a proxy; without TRUST_PROXY every
  // request looks like plain HTTP and, under auto, the session cookie would go without Secure.
  if (nodeEnv === 'production' && !config.TRUST_PROXY && config.COOKIE_SECURE === 'auto') {
    warnings.push(
      'NODE_ENV is production, TRUST_PROXY is false and COOKIE_SECURE is auto: the session cookie is ' +
        'sent without Secure; behind a TLS-terminating proxy set COOKIE_SECURE=always (or TRUST_PROXY=true)',
    );
  }
  return warnings;
}
