import { z } from 'zod';

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v === '' ? undefined : v));

// Running the service: metrics, log format and sign-in through the municipality's identity provider.
// Kept apart from config.ts so those settings live in one place.
export const operationsConfig = {
  METRICS_TOKEN: z
    .string()
    .min(32, 'must be at least 32 characters')
    .max(200)
    .optional()
    .or(z.literal('').transform(() => undefined))
    .describe('bearer token a Prometheus scraper sends to GET /metrics'),
  METRICS_PORT: z.coerce
    .number()
    .int()
    .min(1)
    .max(65535)
    .optional()
    .or(z.literal('').transform(() => undefined))
    .describe('a separate port serving only GET /metrics'),
  LOG_FORMAT: z
    .enum(['auto', 'json', 'pretty'])
    .default('auto')
    .describe('auto: coloured lines on a terminal, JSON otherwise'),
  OIDC_ISSUER: optionalText(500),
  OIDC_CLIENT_ID: optionalText(500),
  OIDC_CLIENT_SECRET: optionalText(1000),
  OIDC_REDIRECT_URL: optionalText(1000),
  OIDC_ROLE_CLAIM: z.string().trim().min(1).max(200).default('groups'),
  OIDC_ROLE_MAP: optionalText(10_000),
  OIDC_DISPLAY_NAME: z.string().trim().min(1).max(100).default('kommunens inloggning'),
};
