// A real OpenID provider (oidc-provider) for the tests, in a process of its own: it is an ES module
// with its own dependencies, and a separate process is what the service meets in production too.
// Started by test/support/oidc-provider.ts; prints {"issuer": "..."} once it listens.
//
// Two people: "anna" (group fk-handlaggare, which the tests map to case_officer) and "otto" (only a
// group the service does not know). The login page is oidc-provider's development page: any
// password is accepted for a known login. Consent is granted without asking (loadExistingGrant),
// as an organisation's own provider does for its own applications.
import Provider from 'oidc-provider';

const host = process.env.OIDC_TEST_HOST ?? 'localhost';
const clientId = process.env.OIDC_TEST_CLIENT_ID ?? 'foreningskontroll';
const clientSecret = process.env.OIDC_TEST_CLIENT_SECRET ?? 'test-secret-test-secret-test-secret';
const redirectUris = (process.env.OIDC_TEST_REDIRECT_URIS ?? '').split(' ').filter(Boolean);
const postLogoutUris = (process.env.OIDC_TEST_POST_LOGOUT_URIS ?? '').split(' ').filter(Boolean);

const PEOPLE = {
  anna: { name: 'Anna Handläggare', groups: ['fk-handlaggare', 'alla-anstallda'] },
  otto: { name: 'Otto Utanför', groups: ['alla-anstallda'] },
};

const server = (await import('node:http')).createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://${host}:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: redirectUris,
      post_logout_redirect_uris: postLogoutUris,
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  pkce: { required: () => true },
  claims: { openid: ['sub'], profile: ['name', 'groups'] },
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  cookies: { keys: ['oidc-test-provider-cookie-key'] },
  async findAccount(_ctx, id) {
    const person = PEOPLE[id];
    if (!person) return undefined;
    return { accountId: id, claims: async () => ({ sub: id, ...person }) };
  },
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid profile');
    grant.addOIDCClaims(['name', 'groups']);
    await grant.save();
    return grant;
  },
});
provider.proxy = false;
server.on('request', provider.callback());
process.stdout.write(`${JSON.stringify({ issuer })}\n`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
