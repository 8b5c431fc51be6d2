/**
 * Which earlier use a reused session (conn_use=N) can have come from: a use N-1 of a
 * session to the same server address and port, from the same host and transport (the
 * connection cache keys sessions by transport and address), that ended before this use
 * took the session from the cache, and not longer before than a session can sit in the
 * cache. The latest such end bounds when the session went idle, so it was certainly idle
 * from there until this use's hand-off. Only the last few seconds of uses are kept.
 */
import { ownCopy } from '../syntax/logicalLines';

const MAX_PER_USE = 64;
const MAX_SESSIONS = 100_000;

interface End {
  lo: number;
  hi: number;
  use: number;
}

export class Reuse {
  /** By session (host, transport, address and port), then by use number. */
  private readonly ends = new Map<string, Map<number, End[]>>();

  /** Records use number `n` of a session on `session`, which ended in [lo, hi]; forgets uses that ended before `forgetBefore`. */
  add(session: string, n: number, use: number, lo: number, hi: number, forgetBefore: number): void {
    let byUse = this.ends.get(session);
    if (!byUse) {
      if (this.ends.size >= MAX_SESSIONS) this.forget(forgetBefore);
      this.ends.set(ownCopy(session), (byUse = new Map()));
    }
    let list = byUse.get(n);
    if (!list) byUse.set(n, (list = []));
    let drop = 0;
    while (drop < list.length && (list[drop].hi < forgetBefore || list.length - drop >= MAX_PER_USE)) drop++;
    if (drop) list.splice(0, drop);
    list.push({ lo, hi, use });
  }

  /**
   * The latest possible end of a use number `n` on `session` that ended before `before`
   * and not before `since`, and that use when it is the only such one; undefined when there
   * is none.
   */
  previous(session: string, n: number, before: number, since: number): { latestEnd: number; only?: number } | undefined {
    const list = this.ends.get(session)?.get(n);
    if (!list) return undefined;
    let latest = -Infinity;
    let count = 0;
    let only = 0;
    for (const e of list) {
      if (e.lo >= before || e.hi < since) continue;
      count++;
      only = e.use;
      if (e.hi > latest) latest = e.hi;
    }
    if (!count) return undefined;
    return count === 1 ? { latestEnd: latest, only } : { latestEnd: latest };
  }

  private forget(before: number): void {
    for (const [key, byUse] of this.ends) {
      let live = false;
      for (const list of byUse.values()) if (list.length && list[list.length - 1].hi >= before) live = true;
      if (!live) this.ends.delete(key);
    }
    if (this.ends.size >= MAX_SESSIONS) this.ends.clear();
  }
}
