// PDS request headers, checked in PDS's order; the first failure is the answer.
//   Authorization: Bearer <token>  missing -> 401, not active at the IdP -> 401
//   (rate limit per token -> 429)
//   X-Request-ID                   missing -> 400 MISSING_VALUE, not a UUID -> 400 INVALID_VALUE
//   NHSD-Session-URID              missing or not one of the user's roles -> 400 INVALID_VALUE
import { tokenHash } from './auth.mjs';
import { pdsError } from './pds-errors.mjs';

// PDS's own UUID check (any version 0-5, RFC 4122 variant), case-insensitive.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-5][0-9a-f]{3}-[089ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

// -> {error} or {sub, role}
export async function checkPdsHeaders(req, { introspector, roles, limiter }) {
  const authorization = req.headers.authorization;
  if (!authorization) return { error: pdsError('MISSING_AUTHORIZATION') };
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!m) return { error: pdsError('ACCESS_DENIED', { diagnostics: 'Missing access token' }) };
  const token = m[1];
  if (!limiter.allow(tokenHash(token))) {
    return { error: pdsError('TOO_MANY_REQUESTS', { diagnostics: `Rate limit of ${limiter.perSecond} requests per second per access token exceeded` }), headers: { 'retry-after': '1' } };
  }
  let answer;
  try {
    answer = await introspector.check(token);
  } catch (err) {
    console.log(`fhir: token introspection failed: ${err.message}`);
    return { error: pdsError('SERVICE_UNAVAILABLE', { diagnostics: 'Could not check the access token with the identity provider' }) };
  }
  if (!answer.active) return { error: pdsError('INVALID_ACCESS_TOKEN') };

  const requestId = req.headers['x-request-id'];
  if (requestId === undefined || requestId === '') return { error: pdsError('MISSING_X_REQUEST_ID') };
  if (!UUID.test(requestId)) return { error: pdsError('INVALID_X_REQUEST_ID', { value: requestId }) };

  const urid = req.headers['nhsd-session-urid'];
  if (urid === undefined || urid === '') return { error: pdsError('MISSING_URID') };
  if (!roles.get(answer.sub)?.has(urid)) return { error: pdsError('INVALID_URID', { value: urid }) };
  return { sub: answer.sub, role: urid };
}
