// The bed's OpenID Provider (CIS2-style): HTTPS on 127.0.0.1 with an OS-chosen port, smartcard
// sign-in by TLS client certificate, token exchange and test hooks. See README.md.
//
//   node server.mjs --state BED --clinicians clinicians.json
import { constants as tlsConstants } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';

import { loadClinicians } from './accounts.mjs';
import * as admin from './admin.mjs';
import { certLogin } from './cert-login.mjs';
import { RESOURCE_SERVER, resourceServerSecret } from './clients.mjs';
import * as keys from './keys.mjs';
import { sendError } from './pages.mjs';
import { buildProvider } from './provider.mjs';

function fail(message) {
  console.error(`idp: ${message}`);
  process.exit(1);
}

const { values: args } = parseArgs({ options: { state: { type: 'string' }, clinicians: { type: 'string' } } });
if (!args.state || !args.clinicians) fail('usage: server.mjs --state BED --clinicians clinicians.json');

const pkiDir = join(args.state, 'pki');
const outDir = join(args.state, 'idp');
const readyFile = join(outDir, 'ready.json');

function readPki(name) {
  const file = join(pkiDir, name);
  if (!existsSync(file)) fail(`PKI file missing: ${file} (make the PKI with pki.sh first)`);
  return readFileSync(file);
}

// Atomic: a reader sees the whole file or none.
function writeJson(file, value) {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

mkdirSync(outDir, { recursive: true, mode: 0o700 });
rmSync(readyFile, { force: true }); // never let a stale ready.json announce this instance

const tls = {
  key: readPki('server.key'),
  cert: Buffer.concat([readPki('server.crt'), readPki('issuing-ca.crt')]),
  ca: [readPki('root-ca.crt'), readPki('issuing-ca.crt')],
  // One PEM block per CRL: Node reads only the first CRL of each element.
  crl: readPki('crl.pem').toString().match(/-----BEGIN X509 CRL-----[^-]+-----END X509 CRL-----/g),
  requestCert: true,
  rejectUnauthorized: false, // discovery, token and JWKS work without a card; login checks it
  // No TLS session resumption: every connection shows its certificate afresh.
  secureOptions: tlsConstants.SSL_OP_NO_TICKET,
};

try {
  console.log(`idp: ${loadClinicians(args.clinicians)} clinicians from ${args.clinicians}`);
} catch (err) {
  fail(`cannot read clinicians: ${err.message}`);
}
keys.rotate();

let provider; // set once listening; replaced by rebuild()
let providerCallback;
function rebuild() {
  provider = buildProvider(provider?.issuer ?? `https://127.0.0.1:${server.address().port}`);
  providerCallback = provider.callback();
}
const adminRoute = admin.adminHandler(rebuild);

async function route(req, res) {
  const url = new URL(req.url, 'https://127.0.0.1');
  if (url.pathname.startsWith('/__bed/')) return adminRoute(req, res, url);
  if (admin.delayMs) await sleep(admin.delayMs);
  if (admin.fault.mode !== 'none' && url.pathname.startsWith(admin.fault.path)) {
    if (admin.fault.mode === 'drop') return req.socket.destroy();
    res.writeHead(200, { 'Content-Type': 'application/json' });
    return res.end('{"issuer": "https://127.0.0.1\u0000<html>\xff not json');
  }
  if (/^\/interaction\/[^/]+\/?$/.test(url.pathname)) return certLogin(provider, req, res);
  return providerCallback(req, res);
}

const server = https.createServer(tls, (req, res) => {
  route(req, res).catch((err) => {
    const status = err.statusCode ?? err.status ?? 500;
    if (status >= 500) console.error('idp: request failed:', err);
    if (!res.headersSent) {
      sendError(req, res, status, { error: err.error ?? 'server_error', error_description: err.error_description ?? err.message });
    } else {
      res.destroy();
    }
  });
});
server.on('tlsClientError', () => {}); // a refused handshake is the client's business

server.on('error', (err) => fail(`cannot listen: ${err.message}`));
server.listen(0, '127.0.0.1', () => {
  rebuild();
  const { port } = server.address();
  writeJson(join(outDir, 'resource-server.json'), { client_id: RESOURCE_SERVER, client_secret: resourceServerSecret });
  writeJson(readyFile, { issuer: provider.issuer, port, pid: process.pid, admin_token: admin.adminToken });
  console.log(`idp: ready, issuer ${provider.issuer}`);
});

function shutdown(signal) {
  console.log(`idp: ${signal}, stopping`);
  rmSync(readyFile, { force: true });
  server.close(() => process.exit(0));
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
