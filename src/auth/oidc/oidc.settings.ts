import { z } from 'zod';
import { ConfigError, type Config } from '../../config';
import { ROLES, type Role } from '../../users/users.table';

export interface OidcSettings {
  issuer: URL;
  clientId: string;
  clientSecret: string | undefined;
  redirectUrl: URL;
  /** Where the provider sends the person after signing out there: the sign-in page. */
  postLogoutUrl: URL;
  roleClaim: string;
  /** Group (or other claim value) → role; the first group of a person found here decides. */
  roleMap: ReadonlyMap<string, Role>;
  displayName: string;
}

const roleMapSchema = z.record(z.string().min(1).max(500), z.enum(ROLES));

/** Plain HTTP only to this machine (development and tests); a provider elsewhere needs TLS. */
const local = (u: URL) => ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);

function url(name: string, value: string): URL {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new ConfigError(`Invalid configuration: ${name} is not a URL`);
  }
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && local(u))) {
    throw new ConfigError(`Invalid configuration: ${name} must be https:// (http:// only for localhost)`);
  }
  return u;
}

/**
 * The identity-provider settings, or undefined when none is configured (token sign-in only). Some of
 * the required variables without the others, or a role map that is not a JSON object of group to
 * role, stop start-up with a one-line reason.
 */
export function oidcSettings(config: Config): OidcSettings | undefined {
  const required = {
    OIDC_ISSUER: config.OIDC_ISSUER,
    OIDC_CLIENT_ID: config.OIDC_CLIENT_ID,
    OIDC_REDIRECT_URL: config.OIDC_REDIRECT_URL,
  };
  const given = Object.entries(required).filter(([, v]) => v !== undefined);
  if (given.length === 0) return undefined;
  if (given.length < 3) {
    const missing = Object.entries(required)
      .filter(([, v]) => v === undefined)
      .map(([k]) => k);
    throw new ConfigError(`Invalid configuration: OpenID sign-in also needs ${missing.join(', ')}`);
  }
  let raw: unknown = {};
  if (config.OIDC_ROLE_MAP !== undefined) {
    try {
      raw = JSON.parse(config.OIDC_ROLE_MAP);
    } catch {
      throw new ConfigError('Invalid configuration: OIDC_ROLE_MAP is not valid JSON');
    }
  }
  const map = roleMapSchema.safeParse(raw);
  if (!map.success) {
    const issue = map.error.issues[0]!;
    throw new ConfigError(
      `Invalid configuration: OIDC_ROLE_MAP.${issue.path.join('.')} ${issue.message} (roles: ${ROLES.join(', ')})`,
    );
  }
  const redirectUrl = url('OIDC_REDIRECT_URL', config.OIDC_REDIRECT_URL!);
  return {
    issuer: url('OIDC_ISSUER', config.OIDC_ISSUER!),
    clientId: config.OIDC_CLIENT_ID!,
    clientSecret: config.OIDC_CLIENT_SECRET,
    redirectUrl,
    postLogoutUrl: new URL('/logga-in?utloggad=1', redirectUrl),
    roleClaim: config.OIDC_ROLE_CLAIM,
    roleMap: new Map(Object.entries(map.data)),
    displayName: config.OIDC_DISPLAY_NAME,
  };
}

/** The role a person's claim gives: the first of their groups the map knows, or none. */
export function mappedRole(settings: OidcSettings, claims: Record<string, unknown>): Role | undefined {
  const value = claims[settings.roleClaim];
  const groups = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  for (const g of groups) {
    if (typeof g !== 'string') continue;
    const role = settings.roleMap.get(g);
    if (role) return role;
  }
  return undefined;
}
