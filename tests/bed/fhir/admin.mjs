// The bed's admin endpoints (/__bed/...), for tests only: Bearer <admin_token from ready.json>.
//   GET  /__bed/faults      current fault {mode, delayMs, count}
//   POST /__bed/faults      {"mode":"none|slow|error500|drop","delayMs":N,"count":K}
//   GET  /__bed/requests    the last 50 PDS requests (method, path, X-Request-ID, ...)
//   DELETE /__bed/requests  forget them
import { timingSafeEqual } from 'node:crypto';

function readBody(req, limit = 10_000) {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => {
      data += chunk;
      if (data.length > limit) reject(new Error('body too large'));
    });
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

function authorised(req, adminToken) {
  const given = Buffer.from(req.headers.authorization ?? '');
  const wanted = Buffer.from(`Bearer ${adminToken}`);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

// -> {status, body}
export async function handleAdmin(req, path, { adminToken, faults, requestLog }) {
  if (!authorised(req, adminToken)) return { status: 401, body: { error: 'admin token required' } };
  if (path === '/__bed/faults' && req.method === 'GET') return { status: 200, body: faults.state() };
  if (path === '/__bed/faults' && req.method === 'POST') {
    let spec;
    try { spec = JSON.parse(await readBody(req)); } catch { return { status: 400, body: { error: 'JSON body required' } }; }
    const problem = faults.set(spec ?? {});
    if (problem) return { status: 400, body: { error: problem } };
    console.log(`fhir: fault set to ${JSON.stringify(faults.state())}`);
    return { status: 200, body: faults.state() };
  }
  if (path === '/__bed/requests' && req.method === 'GET') return { status: 200, body: requestLog.entries };
  if (path === '/__bed/requests' && req.method === 'DELETE') {
    requestLog.clear();
    return { status: 200, body: [] };
  }
  return { status: 404, body: { error: 'no such admin endpoint' } };
}
