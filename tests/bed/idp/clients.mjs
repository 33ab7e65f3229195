// The IdP's static clients and the app audiences that token exchange may target.
import { randomBytes } from 'node:crypto';

export const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';

// Apps a Lanyard access token may be exchanged for (RFC 8693 `audience`).
export const APP_AUDIENCES = new Set(['demo-epr', 'web-epr']);

export const LANYARD = 'lanyard';
export const RESOURCE_SERVER = 'pds-fhir';
export const WEB_EPR = 'web-epr';

// The secret of the FHIR server's introspection client is new on every start.
export const resourceServerSecret = randomBytes(24).toString('base64url');

// Redirect URIs the web EPR registered at run time (POST /__bed/clients/web-epr/redirect-uris):
// a web client's redirect URI must match exactly, port included.
export const webEprRedirectUris = new Set();

export function staticClients() {
  return [
    {
      client_id: LANYARD,
      client_name: 'Lanyard',
      application_type: 'native',
      token_endpoint_auth_method: 'none',
      // Any port matches (RFC 8252 section 7.3) because the client is native.
      redirect_uris: ['http://127.0.0.1/callback'],
      post_logout_redirect_uris: ['http://127.0.0.1/logged-out'],
      response_types: ['code'],
      grant_types: ['authorization_code', 'refresh_token', TOKEN_EXCHANGE],
    },
    {
      client_id: RESOURCE_SERVER,
      client_name: 'PDS FHIR (introspection only)',
      client_secret: resourceServerSecret,
      token_endpoint_auth_method: 'client_secret_basic',
      redirect_uris: [],
      response_types: [],
      grant_types: [],
    },
    {
      client_id: WEB_EPR,
      client_name: 'Web EPR',
      application_type: 'web',
      client_secret: 'web-epr-secret',
      token_endpoint_auth_method: 'client_secret_basic',
      redirect_uris: [...webEprRedirectUris],
      post_logout_redirect_uris: [...webEprRedirectUris],
      response_types: ['code'],
      grant_types: ['authorization_code', 'refresh_token'],
    },
  ];
}
