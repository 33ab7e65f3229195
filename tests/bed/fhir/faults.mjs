// Switchable faults for the client's fault tests, and a log of recent requests.
const MODES = new Set(['none', 'slow', 'error500', 'drop']);

export class Faults {
  constructor() { this.reset(); }

  reset() {
    this.mode = 'none';
    this.delayMs = 0;
    this.remaining = null; // null: until reset
  }

  // {mode, delayMs, count} -> null, or an error message
  set({ mode, delayMs, count } = {}) {
    if (!MODES.has(mode)) return `mode must be one of ${[...MODES].join(', ')}`;
    if (delayMs !== undefined && !(Number.isInteger(delayMs) && delayMs >= 0 && delayMs <= 600_000)) return 'delayMs must be an integer 0..600000';
    if (count !== undefined && count !== null && !(Number.isInteger(count) && count > 0)) return 'count must be a positive integer';
    if (mode === 'none') { this.reset(); return null; }
    this.mode = mode;
    this.delayMs = mode === 'slow' ? (delayMs ?? 2000) : 0;
    this.remaining = count ?? null;
    return null;
  }

  state() {
    return { mode: this.mode, delayMs: this.delayMs, count: this.remaining };
  }

  // The fault for the request now arriving ({mode, delayMs}), counting it down.
  take() {
    if (this.mode === 'none') return null;
    const fault = { mode: this.mode, delayMs: this.delayMs };
    if (this.remaining !== null && --this.remaining <= 0) this.reset();
    return fault;
  }
}

export class RequestLog {
  constructor(size = 50) {
    this.size = size;
    this.entries = [];
  }

  // Records what a client test may check (never the Authorization header).
  add(req, url) {
    const entry = {
      time: new Date().toISOString(),
      method: req.method,
      path: url.pathname + url.search,
      'x-request-id': req.headers['x-request-id'] ?? null,
      'x-correlation-id': req.headers['x-correlation-id'] ?? null,
      'nhsd-session-urid': req.headers['nhsd-session-urid'] ?? null,
      'nhsd-end-user-organisation-ods': req.headers['nhsd-end-user-organisation-ods'] ?? null,
      status: null,
      fault: null,
    };
    this.entries.push(entry);
    if (this.entries.length > this.size) this.entries.shift();
    return entry;
  }

  clear() { this.entries = []; }
}
