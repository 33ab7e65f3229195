// Requests per second per access token (sliding one-second window); 0 turns it off.
export class RateLimiter {
  constructor(perSecond) {
    this.perSecond = perSecond;
    this.seen = new Map(); // token hash -> recent accepted request times
  }

  // true if this request may go on; rejected requests don't count against the window
  allow(key, now = Date.now()) {
    if (!this.perSecond) return true;
    const recent = (this.seen.get(key) ?? []).filter((t) => now - t < 1000);
    if (recent.length >= this.perSecond) {
      this.seen.set(key, recent);
      return false;
    }
    recent.push(now);
    this.seen.set(key, recent);
    if (this.seen.size > 1000) for (const [k, v] of this.seen) if (!v.some((t) => now - t < 1000)) this.seen.delete(k);
    return true;
  }
}
