// A PDS-shaped FHIR R4 server for Lanyard's test bed (see README.md).
//   node server.mjs --state BED --data tests/data/pds --clinicians tests/bed/clinicians.json [--rate N]
// Serves https://127.0.0.1:PORT/personal-demographics/FHIR/R4 (Patient read and search, and
// AllergyIntolerance search for the banner's allergies) with BED/pki/server.crt and writes
// BED/fhir/ready.json {base, port, pid, admin_token} when it is ready.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { FhirRouter } from '@medplum/fhir-router';
import { handleAdmin } from './admin.mjs';
import { Introspector, loadRoles } from './auth.mjs';
import { Faults, RequestLog } from './faults.mjs';
import { checkPdsHeaders } from './headers.mjs';
import { loadErrorTemplates, pdsError } from './pds-errors.mjs';
import { RateLimiter } from './rate-limit.mjs';
import { searchAllergies } from './allergies.mjs';
import { readPatient } from './read.mjs';
import { searchPatients } from './search.mjs';
import { BED_NUMBERS, loadDefinitions, seedRepository } from './seed.mjs';

const BASE_PATH = '/personal-demographics/FHIR/R4';

const { values: args } = parseArgs({ options: {
  state: { type: 'string' }, data: { type: 'string' }, clinicians: { type: 'string' }, rate: { type: 'string', default: '5' },
} });
if (!args.state || !args.data || !args.clinicians) {
  console.error('usage: server.mjs --state BED --data PDS_EXAMPLES_DIR --clinicians CLINICIANS_JSON [--rate N]');
  process.exit(2);
}
const stateDir = resolve(args.state);
const rate = Number(args.rate);
if (!Number.isInteger(rate) || rate < 0) {
  console.error('--rate must be a whole number (0 = no limit)');
  process.exit(2);
}

let server = null;
const readyFile = join(stateDir, 'fhir', 'ready.json');
rmSync(readyFile, { force: true }); // never let a stale ready.json announce this instance
function stop(signal) {
  console.log(`fhir: ${signal}, stopping`);
  rmSync(readyFile, { force: true });
  if (!server) process.exit(0);
  server.close(() => process.exit(0));
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));

loadErrorTemplates(args.data);
loadDefinitions();
const { repo, seeded, allergies } = await seedRepository(args.data);
console.log(`fhir: seeded ${seeded.length} patients (${seeded.filter((s) => s.source !== 'bed').length} from the PDS examples) and ${allergies} allergy records; bed numbers ${JSON.stringify(BED_NUMBERS)}`);
const router = new FhirRouter();
const ctx = {
  router,
  repo,
  introspector: new Introspector(stateDir),
  roles: loadRoles(args.clinicians),
  limiter: new RateLimiter(rate),
  faults: new Faults(),
  requestLog: new RequestLog(50),
  adminToken: randomBytes(24).toString('base64url'),
};

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function send(req, res, { status, body, headers = {} }, json = 'application/fhir+json') {
  const out = { 'content-type': json, ...headers };
  for (const h of ['x-request-id', 'x-correlation-id']) if (req.headers[h] !== undefined) out[h] = req.headers[h];
  res.writeHead(status, out);
  res.end(JSON.stringify(body));
}

// The route for the log: no query, no NHS number.
const routeOf = (path) => path.replace(/\/Patient\/[^/]+/, '/Patient/{id}');

async function handlePds(req, res, url) {
  const entry = ctx.requestLog.add(req, url);
  res.on('finish', () => {
    entry.status = res.statusCode;
    console.log(`fhir: ${req.method} ${routeOf(url.pathname)} ${res.statusCode} x-request-id=${req.headers['x-request-id'] ?? '-'}`);
  });
  const fault = ctx.faults.take();
  if (fault) {
    entry.fault = fault.mode;
    if (fault.mode === 'drop') {
      console.log(`fhir: ${req.method} ${routeOf(url.pathname)} dropped (fault)`);
      req.socket.destroy();
      return;
    }
    if (fault.mode === 'error500') return send(req, res, pdsError('SERVER_ERROR', { diagnostics: 'Injected fault: error500 (test bed)' }));
    if (fault.mode === 'slow') await sleep(fault.delayMs);
  }
  if (!url.pathname.startsWith(`${BASE_PATH}/`) && url.pathname !== BASE_PATH) return send(req, res, pdsError('NOT_FOUND'));
  const checked = await checkPdsHeaders(req, ctx);
  if (checked.error) return send(req, res, { ...checked.error, headers: checked.headers });
  const rest = url.pathname.slice(BASE_PATH.length);
  const read = /^\/Patient\/([^/]+)$/.exec(rest);
  if (req.method === 'GET' && read) return send(req, res, await readPatient(decodeURIComponent(read[1]), ctx));
  if (req.method === 'GET' && rest === '/Patient') {
    const patientUrl = (id) => `${publicBase}/Patient/${id}`;
    return send(req, res, await searchPatients(url.searchParams, { ...ctx, patientUrl }));
  }
  if (req.method === 'GET' && rest === '/AllergyIntolerance') {
    return send(req, res, await searchAllergies(url.searchParams, { ...ctx, resourceUrl: (path) => `${publicBase}/${path}` }));
  }
  return send(req, res, pdsError('UNSUPPORTED_SERVICE'));
}

async function handle(req, res) {
  const url = new URL(req.url, 'https://127.0.0.1');
  if (url.pathname.startsWith('/__bed/')) return send(req, res, await handleAdmin(req, url.pathname, ctx), 'application/json');
  return handlePds(req, res, url);
}

const pki = join(stateDir, 'pki');
server = createServer({
  key: readFileSync(join(pki, 'server.key')),
  cert: readFileSync(join(pki, 'server.crt'), 'utf8') + readFileSync(join(pki, 'issuing-ca.crt'), 'utf8'),
}, (req, res) => {
  handle(req, res).catch((err) => {
    console.log(`fhir: error: ${err.stack ?? err}`);
    if (!res.headersSent) send(req, res, pdsError('SERVER_ERROR'));
    else res.destroy();
  });
});

let publicBase;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  publicBase = `https://127.0.0.1:${port}${BASE_PATH}`;
  mkdirSync(join(stateDir, 'fhir'), { recursive: true });
  const tmp = `${readyFile}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify({ base: publicBase, port, pid: process.pid, admin_token: ctx.adminToken }, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, readyFile);
  console.log(`fhir: listening on ${publicBase} (rate limit ${rate || 'off'}/s per token)`);
});
