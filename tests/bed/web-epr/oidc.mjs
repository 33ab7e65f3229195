// The web EPR's OpenID Connect client: authorization code + PKCE as the confidential client
// `web-epr`, and the ID token checked by hand (signature against the IdP's JWKS, issuer,
// audience, expiry, nonce) with node:crypto only.
import { createHash, createPublicKey, randomBytes, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import https from 'node:https';

export const CLIENT_ID = 'web-epr';
const CLIENT_SECRET = 'web-epr-secret'; // the bed's clients.mjs
const SCOPE = 'openid profile nationalrbacaccess';

const random = () => randomBytes(24).toString('base64url');

export class OidcClient {
  constructor({ issuer, caFile, redirectUri }) {
    this.issuer = issuer;
    this.ca = readFileSync(caFile);
    this.redirectUri = redirectUri;
    this.pending = new Map(); // state -> {nonce, verifier, returnTo}
    this.keys = new Map(); // kid -> KeyObject
  }

  request(url, { method = 'GET', headers = {}, body } = {}) {
    return new Promise((resolve, reject) => {
      const req = https.request(url, { method, headers, ca: this.ca }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          try {
            resolve({ status: res.statusCode, json: JSON.parse(text) });
          } catch {
            resolve({ status: res.statusCode, json: {} });
          }
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  async discover() {
    const { json } = await this.request(`${this.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
    if (json.issuer !== this.issuer) throw new Error(`discovery names issuer ${json.issuer}`);
    this.config = json;
  }

  // The URL to send the browser to; `returnTo` is where the callback goes afterwards.
  authorizationUrl(returnTo) {
    const state = random();
    const nonce = random();
    const verifier = random() + random();
    this.pending.set(state, { nonce, verifier, returnTo, at: Date.now() });
    const url = new URL(this.config.authorization_endpoint);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: this.redirectUri,
      scope: SCOPE,
      state,
      nonce,
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    }).toString();
    return url.href;
  }

  // The callback: the code exchanged, the ID token verified. Returns {claims, userinfo, returnTo}.
  async complete(params) {
    const pending = this.pending.get(params.get('state') ?? '');
    if (!pending) throw new Error('unknown or reused state');
    this.pending.delete(params.get('state'));
    if (params.get('error')) throw new Error(`the IdP said ${params.get('error')}`);
    const basic = Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64');
    const { status, json } = await this.request(this.config.token_endpoint, {
      method: 'POST',
      headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: params.get('code') ?? '',
        redirect_uri: this.redirectUri,
        code_verifier: pending.verifier,
      }).toString(),
    });
    if (status !== 200 || !json.id_token) throw new Error(`token endpoint: ${json.error ?? status}`);
    const claims = await this.verifyIdToken(json.id_token, pending.nonce);
    const info = await this.request(this.config.userinfo_endpoint, {
      headers: { Authorization: `Bearer ${json.access_token}` },
    });
    return { claims, userinfo: info.json, returnTo: pending.returnTo };
  }

  async key(kid) {
    if (!this.keys.has(kid)) {
      const { json } = await this.request(this.config.jwks_uri);
      for (const jwk of json.keys ?? []) this.keys.set(jwk.kid, createPublicKey({ key: jwk, format: 'jwk' }));
    }
    const key = this.keys.get(kid);
    if (!key) throw new Error(`no key ${kid} in the IdP's JWKS`);
    return key;
  }

  async verifyIdToken(token, nonce) {
    const [h, p, s] = token.split('.');
    const header = JSON.parse(Buffer.from(h, 'base64url'));
    if (header.alg !== 'RS256') throw new Error(`ID token alg ${header.alg}`);
    if (!verify('sha256', Buffer.from(`${h}.${p}`), await this.key(header.kid), Buffer.from(s, 'base64url'))) {
      throw new Error('ID token signature does not verify');
    }
    const claims = JSON.parse(Buffer.from(p, 'base64url'));
    const audiences = [claims.aud].flat();
    if (claims.iss !== this.issuer) throw new Error('ID token issuer');
    if (!audiences.includes(CLIENT_ID)) throw new Error('ID token audience');
    if (!(claims.exp > Date.now() / 1000)) throw new Error('ID token expired');
    if (claims.nonce !== nonce) throw new Error('ID token nonce');
    return claims;
  }
}
