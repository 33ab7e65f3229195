// RFC 8693 token exchange: a Lanyard access token becomes a token for one app (`audience`),
// either an opaque access token (introspectable) or a JWT signed with the IdP's current key.
import { randomUUID } from 'node:crypto';
import { errors } from 'oidc-provider';
import { SignJWT, importJWK } from 'jose';

import { selectedRoleOf } from './accounts.mjs';
import { APP_AUDIENCES, LANYARD, TOKEN_EXCHANGE } from './clients.mjs';
import { signingKey } from './keys.mjs';

const ACCESS_TOKEN = 'urn:ietf:params:oauth:token-type:access_token';
const JWT = 'urn:ietf:params:oauth:token-type:jwt';
const MAX_TTL = 600; // seconds; never beyond the subject token's own expiry

const PARAMS = ['subject_token', 'subject_token_type', 'audience', 'requested_token_type',
  'scope', 'resource', 'actor_token', 'actor_token_type'];

function checkRequest(params) {
  for (const name of ['subject_token', 'subject_token_type', 'audience']) {
    if (!params[name]) throw new errors.InvalidRequest(`missing required parameter '${name}'`);
  }
  if (params.subject_token_type !== ACCESS_TOKEN) {
    throw new errors.InvalidRequest(`unsupported subject_token_type (only ${ACCESS_TOKEN})`);
  }
  if (params.actor_token || params.resource) {
    throw new errors.InvalidRequest('actor_token and resource are not supported; use audience');
  }
  const requested = params.requested_token_type ?? ACCESS_TOKEN;
  if (requested !== ACCESS_TOKEN && requested !== JWT) {
    throw new errors.InvalidRequest(`unsupported requested_token_type (${ACCESS_TOKEN} or ${JWT})`);
  }
  if (!APP_AUDIENCES.has(params.audience)) {
    throw new errors.InvalidTarget(`unknown audience; one of: ${[...APP_AUDIENCES].join(', ')}`);
  }
  return requested;
}

// The subject token must be a live access token of Lanyard's own (not itself exchanged).
async function findSubject(provider, value) {
  const token = await provider.AccessToken.find(value);
  if (!token || token.clientId !== LANYARD || token.aud || !(await provider.Grant.find(token.grantId))) {
    throw new errors.InvalidGrant('subject_token is invalid, expired or revoked');
  }
  return token;
}

async function accessToken(ctx, subject, audience, ttl) {
  const token = new ctx.oidc.provider.AccessToken({
    accountId: subject.accountId,
    client: ctx.oidc.client,
    grantId: subject.grantId,
    scope: subject.scope,
    sid: subject.sid,
    sessionUid: subject.sessionUid,
    expiresWithSession: subject.expiresWithSession,
    aud: audience,
    gty: 'token_exchange',
    expiresIn: ttl,
  });
  return { access_token: await token.save(), issued_token_type: ACCESS_TOKEN, token_type: 'Bearer' };
}

async function jwt(ctx, subject, audience, ttl) {
  const key = signingKey();
  const value = await new SignJWT({
    uid: subject.accountId,
    selected_roleid: selectedRoleOf(subject.grantId),
    client_id: ctx.oidc.client.clientId,
    scope: subject.scope,
    sid: subject.sid,
  })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
    .setIssuer(ctx.oidc.provider.issuer)
    .setSubject(subject.accountId)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(`${ttl}s`)
    .setJti(randomUUID())
    .sign(await importJWK(key, key.alg));
  return { access_token: value, issued_token_type: JWT, token_type: 'N_A' };
}

async function exchange(ctx) {
  const { params, provider } = ctx.oidc;
  const requested = checkRequest(params);
  const subject = await findSubject(provider, params.subject_token);
  const ttl = Math.min(MAX_TTL, subject.exp - Math.floor(Date.now() / 1000));
  const issue = requested === JWT ? jwt : accessToken;
  ctx.body = { ...(await issue(ctx, subject, params.audience, ttl)), expires_in: ttl };
  console.log(`token exchange: ${subject.accountId} -> ${params.audience} (${requested.split(':').pop()})`);
}

export function registerTokenExchange(provider) {
  provider.registerGrantType(TOKEN_EXCHANGE, exchange, PARAMS);
}
