/**
 * Which earlier use a reused session (conn_use=N) can have come from: a use N-1 of a
 * session to the same server address and port, from the same host and transport (the
 * connection cache keys sessions by transport and address), that ended before this use
 * took the session from the cache. The latest such end bounds when the session went idle,
 * so it was certainly idle from there until this use's hand-off. Kept per key for the
 * time window only, and at most MAX_PER_KEY ends; the latest end forgotten is remembered,
 * so a forgotten use can only make the idle time shorter, never longer.
 */
const MAX_PER_KEY = 64;
const MAX_KEYS = 100_000;

interface Ends {
  lo: number[];
  hi: number[];
  /** The use each end belongs to. */
  use: number[];
  /** The latest end (upper bound) forgotten. */
  floor: number;
}

export class Reuse {
  private readonly ends = new Map<string, Ends>();

  /** Records use number `n` of a session on `session`, which ended in [lo, hi]. */
  add(session: string, n: number, use: number, lo: number, hi: number, forgetBefore: number): void {
    const key = `${session}\u0000${n}`;
    let e = this.ends.get(key);
    if (!e) {
      if (this.ends.size >= MAX_KEYS) this.forget(forgetBefore);
      this.ends.set(key, (e = { lo: [], hi: [], use: [], floor: -Infinity }));
    }
    e.lo.push(lo);
    e.hi.push(hi);
    e.use.push(use);
    while (e.lo.length > MAX_PER_KEY || (e.lo.length > 1 && e.hi[0] < forgetBefore)) {
      e.floor = Math.max(e.floor, e.hi.shift()!);
      e.lo.shift();
      e.use.shift();
    }
  }

  /**
   * The latest possible end of a use number `n` on `session` that can have ended before
   * `before` (undefined when no such use was ever seen), and that use when it is the only
   * one that can have been the session's previous use.
   */
  previous(session: string, n: number, before: number): { latestEnd: number; only?: number } | undefined {
    const e = this.ends.get(`${session}\u0000${n}`);
    if (!e) return undefined;
    let latest = e.floor;
    let count = e.floor === -Infinity ? 0 : 1;
    let only: number | undefined;
    for (let i = 0; i < e.lo.length; i++) {
      if (e.lo[i] >= before) continue;
      count++;
      only = e.use[i];
      if (e.hi[i] > latest) latest = e.hi[i];
    }
    if (latest === -Infinity) return undefined;
    return count === 1 && only !== undefined ? { latestEnd: latest, only } : { latestEnd: latest };
  }

  private forget(before: number): void {
    for (const [key, e] of this.ends) if (!e.hi.length || e.hi[e.hi.length - 1] < before) this.ends.delete(key);
    if (this.ends.size >= MAX_KEYS) this.ends.clear();
  }
}
