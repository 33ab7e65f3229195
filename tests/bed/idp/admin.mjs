// Test hooks under /__bed/, for the bed's tests only. Every call needs
// `Authorization: Bearer <admin_token>` (the token is in ready.json).
import { randomBytes, timingSafeEqual } from 'node:crypto';

import { WEB_EPR, webEprRedirectUris } from './clients.mjs';
import * as keys from './keys.mjs';

export const adminToken = randomBytes(24).toString('base64url');

// Milliseconds every non-admin response waits (POST /__bed/delay).
export let delayMs = 0;
// A fault for non-admin requests whose path starts with `path` (POST /__bed/fault):
// none; drop (the connection is closed with no answer, as by a server that died mid-request);
// garbage (200, application/json, a body that is not JSON).
export const fault = { mode: 'none', path: '/' };

function authorized(req) {
  const given = Buffer.from(req.headers.authorization ?? '');
  const expected = Buffer.from(`Bearer ${adminToken}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function send(res, status, body) {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

// `rebuild()` makes a new Provider from the current keys and clients.
function routes(rebuild) {
  return {
    'POST /__bed/rotate-keys': (q) => {
      const kid = keys.rotate({ keep: q.get('keep') === '1' });
      rebuild();
      console.log(`admin: signing key rotated to ${kid}`);
      return { kid };
    },
    'POST /__bed/delay': (q) => {
      const ms = Number(q.get('ms'));
      if (!Number.isInteger(ms) || ms < 0) return [400, { error: 'ms must be an integer >= 0' }];
      delayMs = ms;
      console.log(`admin: responses delayed by ${ms} ms`);
      return { ms };
    },
    'POST /__bed/fault': (q) => {
      const mode = q.get('mode') ?? 'none';
      if (!['none', 'drop', 'garbage'].includes(mode)) return [400, { error: 'mode must be none, drop or garbage' }];
      fault.mode = mode;
      fault.path = q.get('path') || '/';
      console.log(`admin: fault ${mode} on ${fault.path}`);
      return { ...fault };
    },
    [`POST /__bed/clients/${WEB_EPR}/redirect-uris`]: (q) => {
      const uri = URL.parse(q.get('uri') ?? '');
      if (!uri || !['http:', 'https:'].includes(uri.protocol) || uri.hash) {
        return [400, { error: 'uri must be an absolute http(s) URL without fragment' }];
      }
      webEprRedirectUris.add(uri.href);
      rebuild();
      return { redirect_uris: [...webEprRedirectUris] };
    },
    'GET /__bed/status': () => ({
      kids: keys.privateJwks().keys.map((k) => k.kid),
      delay_ms: delayMs,
      fault,
      web_epr_redirect_uris: [...webEprRedirectUris],
    }),
  };
}

export function adminHandler(rebuild) {
  const table = routes(rebuild);
  return (req, res, url) => {
    if (!authorized(req)) return send(res, 401, { error: 'admin token required' });
    const route = table[`${req.method} ${url.pathname}`];
    if (!route) return send(res, 404, { error: `no admin route ${req.method} ${url.pathname}` });
    const out = route(url.searchParams);
    return Array.isArray(out) ? send(res, ...out) : send(res, 200, out);
  };
}
