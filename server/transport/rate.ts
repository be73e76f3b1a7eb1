/**
 * Token bucket per connection: `ratePerSec` tokens refill each second up to `burst`; each inbound
 * message takes one. Time comes in as an argument so it is testable without sleeping.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSec: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.last = now;
  }

  /** Takes one token if available. */
  take(now: number): boolean {
    const elapsed = Math.max(0, now - this.last);
    this.last = now;
    this.tokens = Math.min(this.burst, this.tokens + (elapsed * this.ratePerSec) / 1000);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/**
 * One bucket per key (a person, or a projector/room link), shared by all its connections in this
 * process: opening more connections, or reconnecting after being cut off, buys no extra messages.
 * Buckets idle for longer than `idleMs` are forgotten (a full bucket is what a new one would be).
 */
export class KeyedBuckets {
  private readonly buckets = new Map<string, { bucket: TokenBucket; used: number }>();
  private readonly blockedUntil = new Map<string, number>();

  constructor(
    private readonly ratePerSec: number,
    private readonly burst: number,
    private readonly idleMs = 60_000,
  ) {}

  /** Takes one token from `key`'s bucket. */
  take(key: string, now: number): boolean {
    let entry = this.buckets.get(key);
    if (!entry) {
      if (this.buckets.size >= 10_000) this.prune(now);
      entry = { bucket: new TokenBucket(this.ratePerSec, this.burst, now), used: now };
      this.buckets.set(key, entry);
    }
    entry.used = now;
    return entry.bucket.take(now);
  }

  /** Refuses `key` until `until` (a flooder that was cut off must not come straight back). */
  block(key: string, until: number): void {
    this.blockedUntil.set(key, until);
  }

  /** Whether `key` is still blocked at `now`. */
  blocked(key: string, now: number): boolean {
    const until = this.blockedUntil.get(key);
    if (until === undefined) return false;
    if (until > now) return true;
    this.blockedUntil.delete(key);
    return false;
  }

  private prune(now: number): void {
    for (const [key, e] of this.buckets) if (now - e.used > this.idleMs) this.buckets.delete(key);
    for (const [key, until] of this.blockedUntil) if (until <= now) this.blockedUntil.delete(key);
  }
}
