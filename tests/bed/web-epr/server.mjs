// The bed's web EPR: a small web application that signs in with OpenID Connect against the bed's
// IdP (client `web-epr`), shows the patient in its URL (/patient/<nhs number>) and follows the
// FHIRcast hub. It writes what it showed as JSON lines to a report file, so tests can check it
// without reading pixels. HTTPS on 127.0.0.1 with the bed's server certificate. See README.md.
//
//   node --experimental-websocket server.mjs --state BED [--report FILE]
import { randomBytes } from 'node:crypto';
import { appendFileSync, chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { nhsNumberOf, subscribe } from './hub.mjs';
import { OidcClient } from './oidc.mjs';
import { errorPage, homePage, page, patientPage } from './pages.mjs';

const { values: args } = parseArgs({ options: { state: { type: 'string' }, report: { type: 'string' } } });
if (!args.state) {
  console.error('web-epr: usage: server.mjs --state BED [--report FILE]');
  process.exit(1);
}
const outDir = join(args.state, 'web-epr');
mkdirSync(outDir, { recursive: true, mode: 0o700 });
const readyFile = join(outDir, 'ready.json');
const reportFile = args.report ?? join(outDir, 'report.jsonl');
rmSync(readyFile, { force: true });

const pki = (name) => readFileSync(join(args.state, 'pki', name));
const idp = JSON.parse(readFileSync(join(args.state, 'idp', 'ready.json'), 'utf8'));

function report(fields) {
  appendFileSync(reportFile, `${JSON.stringify({ ...fields, at: new Date().toISOString() })}\n`, { mode: 0o600 });
}

const COOKIE = 'webepr_session'; // not the IdP's names: cookies ignore ports, both are 127.0.0.1
const sessions = new Map(); // id -> {user, streams: Set, socket}

// {id, state} of the request's web EPR session, or undefined.
function sessionOf(req) {
  const id = (req.headers.cookie ?? '').split(/;\s*/).find((c) => c.startsWith(`${COOKIE}=`))?.slice(COOKIE.length + 1);
  const state = id && sessions.get(id);
  return state ? { id, state } : undefined;
}

function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(body);
}

const redirect = (res, location, headers = {}) => send(res, 302, '', { Location: location, ...headers });

function notify(state, message) {
  for (const stream of state.streams) stream.write(`data: ${JSON.stringify(message)}\n\n`);
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString();
}

let client;

async function route(req, res) {
  const url = new URL(req.url, 'https://127.0.0.1');
  if (url.pathname === '/callback') {
    const { claims, userinfo, returnTo } = await client.complete(url.searchParams);
    const role = (userinfo.nhsid_nrbac_roles ?? []).find((r) => r.person_roleid === claims.selected_roleid);
    const user = { uid: claims.sub, name: claims.name, role: role?.role_name, roleId: claims.selected_roleid };
    const id = randomBytes(24).toString('base64url');
    sessions.set(id, { user, streams: new Set() });
    report({ event: 'signed-in', uid: user.uid, name: user.name, role: user.role ?? null });
    console.log(`web-epr: signed in ${user.uid}`);
    return redirect(res, returnTo, { 'Set-Cookie': `${COOKIE}=${id}; Path=/; Secure; HttpOnly; SameSite=Lax` });
  }
  if (url.pathname === '/signed-out') return send(res, 200, page('Web EPR', '<p id="signed-out">Signed out</p>', false));
  const session = sessionOf(req);
  if (!session) {
    if (req.method !== 'GET' || url.pathname === '/events') return send(res, 401, errorPage(401, 'not signed in'));
    return redirect(res, client.authorizationUrl(url.pathname));
  }
  const { state } = session;
  const { user } = state;
  if (url.pathname === '/') return send(res, 200, homePage(user));
  const patient = url.pathname.match(/^\/patient\/(\d{10})$/);
  if (patient) {
    report({ event: 'patient-shown', uid: user.uid, nhsNumber: patient[1] });
    return send(res, 200, patientPage(user, patient[1]));
  }
  if (url.pathname === '/events') {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' });
    res.write(': following\n\n');
    state.streams.add(res);
    req.on('close', () => state.streams.delete(res));
    return undefined;
  }
  if (url.pathname === '/hub/subscribe' && req.method === 'POST') {
    const hub = JSON.parse(await readBody(req));
    state.socket?.close();
    state.socket = await subscribe(hub, (name, resource) => {
      if (name === 'patient-open') notify(state, { patient: nhsNumberOf(resource) });
      else if (name === 'patient-close') notify(state, { patient: '' });
      else if (name === 'userlogout') {
        notify(state, { loggedOut: true });
        state.socket?.close();
        sessions.delete(session.id);
        report({ event: 'signed-out', uid: user.uid });
      }
    });
    hub.token = '';
    report({ event: 'hub-subscribed', uid: user.uid });
    return send(res, 202, '{}', { 'Content-Type': 'application/json' });
  }
  return send(res, 404, errorPage(404, 'no such page'));
}

const server = https.createServer(
  { key: pki('server.key'), cert: Buffer.concat([pki('server.crt'), pki('issuing-ca.crt')]) },
  (req, res) => {
    route(req, res).catch((err) => {
      console.error(`web-epr: ${req.method} ${new URL(req.url, 'https://x').pathname}: ${err.message}`);
      if (!res.headersSent) send(res, 500, errorPage(500, err.message));
      else res.destroy();
    });
  },
);

server.listen(0, '127.0.0.1', async () => {
  const { port } = server.address();
  const base = `https://127.0.0.1:${port}`;
  client = new OidcClient({ issuer: idp.issuer, caFile: join(args.state, 'pki', 'ca-chain.pem'), redirectUri: `${base}/callback` });
  try {
    await client.discover();
    // The IdP matches a web client's redirect URI exactly, port included: register this one.
    const { status } = await client.request(
      `${idp.issuer}/__bed/clients/web-epr/redirect-uris?uri=${encodeURIComponent(`${base}/callback`)}`,
      { method: 'POST', headers: { Authorization: `Bearer ${idp.admin_token}` } },
    );
    if (status !== 200) throw new Error(`the IdP refused the redirect URI (${status})`);
  } catch (err) {
    console.error(`web-epr: cannot reach the IdP: ${err.message}`);
    process.exit(1);
  }
  const tmp = `${readyFile}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify({ url: base, port, pid: process.pid, report: reportFile }, null, 2)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, readyFile);
  console.log(`web-epr: ready at ${base}, issuer ${idp.issuer}`);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    rmSync(readyFile, { force: true });
    server.close(() => process.exit(0));
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 1000).unref();
  });
}
