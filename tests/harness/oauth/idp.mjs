// A real OpenID provider (oidc-provider, OpenID Certified) on loopback HTTPS with the harness
// certificate: the authorization server the OAuth tests sign in at, standing in for Microsoft's
// and Google's. Dovecot checks the access tokens at its introspection endpoint.
// Usage: node idp.mjs PORT CERT KEY
import https from 'node:https';
import fs from 'node:fs';
import Provider from 'oidc-provider';

const [port, cert, key] = process.argv.slice(2);
const issuer = `https://localhost:${port}`;
// The scopes mailsetup asks Microsoft and Google for (assets/providers.json).
const mailScopes = [
  'https://outlook.office.com/IMAP.AccessAsUser.All',
  'https://outlook.office.com/SMTP.Send',
  'https://mail.google.com/',
];

const provider = new Provider(issuer, {
  clients: [
    {
      // mailsetup: a public native client (no secret), any loopback port (RFC 8252).
      client_id: 'mailsetup-test',
      application_type: 'native',
      token_endpoint_auth_method: 'none',
      redirect_uris: ['http://127.0.0.1/'],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
    },
    {
      // Dovecot, asking whether a token is valid (introspection only).
      client_id: 'dovecot',
      client_secret: 'dovecot-introspection',
      redirect_uris: [],
      grant_types: [],
      response_types: [],
    },
  ],
  scopes: ['openid', 'offline_access', ...mailScopes],
  pkce: { required: () => true },
  features: {
    devInteractions: { enabled: true },
    introspection: {
      enabled: true,
      allowedPolicy: async (ctx, client) => client.clientId === 'dovecot',
    },
    revocation: { enabled: true },
  },
  // The login name is the account: the mailbox address Dovecot compares with XOAUTH2's user=.
  findAccount: async (ctx, sub) => ({
    accountId: sub,
    claims: async () => ({ sub, email: sub }),
  }),
  extraTokenClaims: async (ctx, token) => ({ username: token.accountId }),
  issueRefreshToken: async (ctx, client) => client.grantTypeAllowed('refresh_token'),
  // Short access tokens, so a re-test must refresh (tests wait for one to expire).
  ttl: { AccessToken: 10, AuthorizationCode: 60, RefreshToken: 3600, Session: 3600, Grant: 3600, Interaction: 600 },
  cookies: { keys: ['mailsetup-test-cookie-key'] },
  // Tokens as long as Microsoft's (its access tokens are JWTs of 1.5–2.5 KB, its refresh tokens
  // over 1,280 characters, more than Windows' Credential Manager holds as UTF-16), so the
  // AUTHENTICATE and AUTH lines and the keyring get real sizes. 6 bits per character.
  formats: {
    bitsOfOpaqueRandomness: (ctx, token) => (token.kind === 'RefreshToken' ? 1800 : 1600) * 6,
  },
});
provider.proxy = false;
provider.on('server_error', (ctx, err) => console.error('server_error', err));
// The tests' record of every token issued (opaque tokens: the value is the jti), so the leak
// scan knows what to look for, and of every grant, so a test sees that a refresh happened.
provider.on('access_token.saved', (t) => console.log(`issued access ${t.jti}`));
provider.on('refresh_token.saved', (t) => console.log(`issued refresh ${t.jti}`));
provider.on('grant.success', (ctx) => console.log(`grant ${ctx.oidc.params.grant_type}`));

https
  .createServer({ cert: fs.readFileSync(cert), key: fs.readFileSync(key) }, provider.callback())
  .listen(Number(port), '127.0.0.1', () => console.log(`idp ready ${issuer}`));
