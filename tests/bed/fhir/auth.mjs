// Access tokens (RFC 7662 introspection at the bed's IdP, cached briefly) and the clinician's
// roles (NHSD-Session-URID must be one of the token user's person_roleid in clinicians.json).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';

const CACHE_MS = 30_000;

export function tokenHash(token) {
  return createHash('sha256').update(token).digest('base64url').slice(0, 16);
}

function httpsJson(url, { method = 'GET', headers = {}, body, ca }) {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, ca, timeout: 5000 }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => { data += chunk; });
      res.on('end', () => {
        if (res.statusCode < 200 || res.statusCode > 299) return reject(new Error(`${method} ${url}: HTTP ${res.statusCode}`));
        try { resolve(JSON.parse(data)); } catch (err) { reject(err); }
      });
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${url}: timed out`)));
    req.on('error', reject);
    req.end(body);
  });
}

export class Introspector {
  constructor(stateDir) {
    this.stateDir = stateDir;
    this.ca = readFileSync(join(stateDir, 'pki', 'ca-chain.pem')); // never skip TLS verification
    this.cache = new Map(); // token hash -> {active, sub, until}
    this.endpoint = null;
  }

  // Reads the IdP's files and discovery document; retried on the next request if it fails.
  async discover() {
    if (this.endpoint) return;
    const ready = JSON.parse(readFileSync(join(this.stateDir, 'idp', 'ready.json'), 'utf8'));
    const client = JSON.parse(readFileSync(join(this.stateDir, 'idp', 'resource-server.json'), 'utf8'));
    const issuer = ready.issuer.replace(/\/$/, '');
    const config = await httpsJson(`${issuer}/.well-known/openid-configuration`, { ca: this.ca });
    if (!config.introspection_endpoint) throw new Error('IdP discovery has no introspection_endpoint');
    const basic = Buffer.from(`${encodeURIComponent(client.client_id)}:${encodeURIComponent(client.client_secret)}`);
    this.authorization = `Basic ${basic.toString('base64')}`;
    this.endpoint = config.introspection_endpoint;
    console.log(`fhir: introspection at ${this.endpoint}`);
  }

  // -> {active, sub}; throws if the IdP can't be asked.
  async check(token) {
    const key = tokenHash(token);
    const now = Date.now();
    const hit = this.cache.get(key);
    if (hit && hit.until > now) return hit;
    let answer;
    try {
      await this.discover();
      answer = await httpsJson(this.endpoint, {
        method: 'POST',
        ca: this.ca,
        headers: { authorization: this.authorization, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({ token, token_type_hint: 'access_token' }).toString(),
      });
    } catch (err) {
      this.endpoint = null; // the IdP may have restarted elsewhere: read its files again next time
      throw err;
    }
    const active = answer.active === true && (!answer.exp || answer.exp * 1000 > now);
    const until = Math.min(now + CACHE_MS, active && answer.exp ? answer.exp * 1000 : Infinity);
    const result = { active, sub: active ? String(answer.sub ?? '') : '', until };
    if (this.cache.size > 1000) this.cache.clear();
    this.cache.set(key, result);
    return result;
  }
}

// uid (the token's sub) -> Set of person_roleid
export function loadRoles(cliniciansFile) {
  const { clinicians } = JSON.parse(readFileSync(cliniciansFile, 'utf8'));
  return new Map(clinicians.map((c) => [c.uid, new Set((c.roles ?? []).map((r) => r.person_roleid))]));
}
