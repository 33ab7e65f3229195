// Builds the oidc-provider instance. Built again (same issuer, same in-memory store) whenever
// the keys or the static clients change, since oidc-provider reads both only at construction.
import { randomBytes } from 'node:crypto';
import Provider from 'oidc-provider';

import { ACR, SCOPE_CLAIMS, findAccount } from './accounts.mjs';
import { LANYARD, staticClients } from './clients.mjs';
import { loadExistingGrant } from './first-party.mjs';
import { privateJwks } from './keys.mjs';
import { logoutSource, renderError } from './pages.mjs';
import { registerTokenExchange } from './token-exchange.mjs';

const cookieKeys = [randomBytes(32).toString('base64url')];

const HOUR = 3600;

// Refresh tokens: always for Lanyard, else only with offline_access (oidc-provider keeps
// offline_access only when the request has prompt=consent).
async function issueRefreshToken(ctx, client, code) {
  return client.grantTypeAllowed('refresh_token')
    && (client.clientId === LANYARD || code.scopes.has('offline_access'));
}

export function buildProvider(issuer) {
  const provider = new Provider(issuer, {
    clients: staticClients(),
    jwks: privateJwks(),
    findAccount,
    claims: SCOPE_CLAIMS,
    scopes: Object.keys(SCOPE_CLAIMS),
    acrValues: [ACR],
    responseTypes: ['code'],
    extraParams: ['selected_roleid'],
    conformIdTokenClaims: false,
    issueRefreshToken,
    loadExistingGrant,
    pkce: { required: () => true },
    cookies: { keys: cookieKeys },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    ttl: {
      AccessToken: HOUR,
      AuthorizationCode: 60,
      IdToken: HOUR,
      RefreshToken: 12 * HOUR,
      Grant: 12 * HOUR,
      Session: 12 * HOUR,
      Interaction: 10 * 60,
    },
    features: {
      devInteractions: { enabled: false },
      introspection: { enabled: true },
      revocation: { enabled: true },
      rpInitiatedLogout: { enabled: true, logoutSource },
    },
    renderError,
  });
  // Every ID token carries `sid` (oidc-provider adds it only for back-channel logout clients
  // or when the request's claims parameter asks for it).
  provider.Client.prototype.includeSid = () => true;
  registerTokenExchange(provider);
  provider.on('server_error', (ctx, err) => console.error('server error:', err));
  for (const event of ['grant.error', 'authorization.error', 'end_session.error', 'introspection.error']) {
    provider.on(event, (ctx, err) => console.log(`${event}: ${err.error}: ${err.error_detail ?? err.error_description}`));
  }
  return provider;
}
