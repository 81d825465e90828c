import { createHash, randomUUID } from 'node:crypto';
import * as client from 'openid-client';
import type { Kysely } from 'kysely';
import type { Clock } from '../../clock';
import type { Database } from '../../db/database';
import { appendAudit } from '../../audit/audit.service';
import { hashToken, newToken } from '../../users/tokens';
import type { Role } from '../../users/users.table';
import type { AuthUser } from '../../http/auth';
import { insertSignIn, takeSignIn } from './oidc.repository';
import { findUserByIdentity, insertUser } from '../../users/users.repository';
import { mappedRole, type OidcSettings } from './oidc.settings';

// Sign-in through the municipality's OpenID provider with openid-client: the authorization code
// flow with PKCE (S256), a state that binds the callback to the browser that started it and a nonce
// that binds the ID token to this sign-in; openid-client checks the ID token's signature, issuer,
// audience, expiry and nonce. The person is matched by issuer and `sub`, never by name or e-mail.

const SIGN_IN_MS = 10 * 60_000;
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

export type OidcOutcome =
  | { kind: 'signed_in'; user: AuthUser }
  /** The provider vouched for the person, but no group of theirs maps to a role: no account. */
  | { kind: 'no_role' }
  /** The person's account here is deactivated. */
  | { kind: 'deactivated' }
  /** The callback was not one this service expected (expired, replayed, another browser, refused). */
  | { kind: 'failed' };

export interface OidcDeps {
  db: Kysely<Database>;
  clock: Clock;
}

export class OidcSignIn {
  private discovered: Promise<client.Configuration> | undefined;

  constructor(
    readonly settings: OidcSettings,
    private readonly deps: OidcDeps,
  ) {}

  /** The provider's metadata, fetched once; a failed fetch is retried on the next sign-in. */
  private configuration(): Promise<client.Configuration> {
    this.discovered ??= client
      .discovery(
        this.settings.issuer,
        this.settings.clientId,
        this.settings.clientSecret,
        undefined,
        // Plain HTTP is allowed only for a provider on this machine (oidcSettings refuses others).
        this.settings.issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : undefined,
      )
      .catch((err: unknown) => {
        this.discovered = undefined;
        throw err;
      });
    return this.discovered;
  }

  /** Starts a sign-in: the provider's address to send the browser to, and the state to bind to it. */
  async begin(next: string): Promise<{ url: URL; state: string }> {
    const config = await this.configuration();
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const now = this.deps.clock.now();
    await insertSignIn(
      this.deps.db,
      {
        state_hash: sha256(state),
        code_verifier: codeVerifier,
        nonce,
        next,
        expires_at: new Date(now.getTime() + SIGN_IN_MS),
      },
      now,
    );
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUrl.href,
      scope: 'openid profile',
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url, state };
  }

  /**
   * Finishes a sign-in from the callback's query string. `browserState` is the state the browser
   * that began it holds (its cookie); a callback in another browser fails.
   */
  async finish(search: string, browserState: string | undefined): Promise<OidcOutcome & { next: string }> {
    const params = new URLSearchParams(search);
    const state = params.get('state');
    if (!state || state.length > 200) return { kind: 'failed', next: '/' };
    const pending = await takeSignIn(this.deps.db, sha256(state), this.deps.clock.now());
    if (!pending) return { kind: 'failed', next: '/' };
    const next = pending.next;
    if (browserState !== state) return { kind: 'failed', next };
    const config = await this.configuration();
    // The address the provider sent the browser to, rebuilt from the configured one (not from the
    // request's Host header, which a proxy may rewrite).
    const current = new URL(this.settings.redirectUrl.href);
    current.search = params.toString();
    let claims: Record<string, unknown>;
    try {
      const tokens = await client.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: pending.code_verifier,
        expectedState: state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      claims = { ...(tokens.claims() ?? {}) };
      if (claims[this.settings.roleClaim] === undefined && tokens.access_token) {
        // Some providers put groups only in the userinfo answer.
        const info = await client.fetchUserInfo(config, tokens.access_token, String(claims.sub));
        claims = { ...info, ...claims, [this.settings.roleClaim]: info[this.settings.roleClaim] };
      }
    } catch {
      return { kind: 'failed', next };
    }
    const outcome = await this.signInPerson(config.serverMetadata().issuer, claims);
    return { ...outcome, next };
  }

  /** Whether the provider offers to end its own session too (RP-initiated logout). */
  async endSessionUrl(): Promise<URL | undefined> {
    try {
      const config = await this.configuration();
      if (!config.serverMetadata().end_session_endpoint) return undefined;
      return client.buildEndSessionUrl(config, {
        client_id: this.settings.clientId,
        post_logout_redirect_uri: this.settings.postLogoutUrl.href,
      });
    } catch {
      return undefined;
    }
  }

  private async signInPerson(issuer: string, claims: Record<string, unknown>): Promise<OidcOutcome> {
    const subject = String(claims.sub);
    const known = await findUserByIdentity(this.deps.db, issuer, subject);
    if (known) {
      if (!known.active) return { kind: 'deactivated' };
      return { kind: 'signed_in', user: { id: known.id, name: known.name, role: known.role } };
    }
    const role = mappedRole(this.settings, claims);
    if (!role) return { kind: 'no_role' };
    const name = displayName(claims);
    try {
      return { kind: 'signed_in', user: await this.createUser(issuer, subject, name, role) };
    } catch (err) {
      // The same person's first sign-in in two tabs at once: the unique identity lets one create the
      // account; the other finds it.
      const created = await findUserByIdentity(this.deps.db, issuer, subject);
      if (!created?.active) throw err;
      return { kind: 'signed_in', user: { id: created.id, name: created.name, role: created.role } };
    }
  }

  /** The first sign-in of a person with a mapped role makes their account, audited with it. */
  private async createUser(issuer: string, subject: string, name: string, role: Role): Promise<AuthUser> {
    const id = randomUUID();
    await this.deps.db.transaction().execute(async (trx) => {
      await insertUser(trx, {
        id,
        name,
        role,
        // A token nobody is shown: the column needs one; an admin can rotate it to give the person one.
        tokenHash: hashToken(newToken()),
        identity: { issuer, subject },
        createdAt: this.deps.clock.now(),
      });
      await appendAudit(trx, this.deps.clock, {
        actor: 'system',
        action: 'user.created_by_sign_in',
        entityType: 'user',
        entityId: id,
        details: { name, role, issuer, roleClaim: this.settings.roleClaim },
      });
    });
    return { id, name, role };
  }
}

function displayName(claims: Record<string, unknown>): string {
  for (const key of ['name', 'preferred_username', 'email']) {
    const v = claims[key];
    if (typeof v === 'string' && v.trim()) return v.trim().slice(0, 200);
  }
  return 'Namn saknas';
}
