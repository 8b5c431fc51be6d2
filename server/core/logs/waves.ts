/**
 * Retry waves and cohort suspensions: mail that comes back in bursts. A retry attempt is a
 * delivery line for a queue ID that was deferred before; the queue manager sends deferred
 * mail back at each queue run once its back-off has passed, so the attempts arrive in
 * bursts. A suspension is a run of "delivery temporarily suspended" deferrals: the queue
 * manager marked the destination dead (after a failed cohort) and defers its mail without
 * trying. Both are grouped by the gap between events; both lists are bounded.
 */
import { ownCopy } from '../syntax/logicalLines';
import type { RetryWave, Suspension } from './types';

/** A burst ends when nothing happens for this long. */
export const WAVE_GAP = 5;
const MAX_GROUPS = 500;

export type Outcome = 'sent' | 'deferred' | 'suspended' | 'other';

export class Waves {
  readonly waves: RetryWave[] = [];
  omitted = 0;
  private current: RetryWave | undefined;

  attempt(t: number, outcome: Outcome): void {
    let w = this.current;
    if (!w || t - w.end > WAVE_GAP) {
      w = { start: t, end: t, attempts: 0, sent: 0, deferred: 0, suspended: 0 };
      if (this.waves.length < MAX_GROUPS) this.waves.push(w);
      else this.omitted++;
      this.current = w;
    }
    if (t > w.end) w.end = t;
    w.attempts++;
    if (outcome === 'sent') w.sent++;
    else if (outcome === 'deferred') w.deferred++;
    else if (outcome === 'suspended') w.suspended++;
  }
}

export class Suspensions {
  readonly list: Suspension[] = [];
  omitted = 0;
  private current: Suspension | undefined;

  /** A suspension run lasts while the destination stays dead; a queue run comes at least every few minutes. */
  add(t: number): void {
    let s = this.current;
    if (!s || t - s.end > 60) {
      s = { start: t, end: t, deferrals: 0 };
      if (this.list.length < MAX_GROUPS) this.list.push(s);
      else this.omitted++;
      this.current = s;
    }
    if (t > s.end) s.end = t;
    s.deferrals++;
  }
}

/**
 * Queue IDs that were deferred, and the receiver each was last deferred at, with the
 * oldest forgotten first once there are too many (a queue ID is seen again within days).
 */
export class DeferredMail {
  private readonly map = new Map<string, string>();

  constructor(private readonly max = 200_000) {}

  receiverOf(queueId: string): string | undefined {
    return this.map.get(queueId);
  }

  deferred(queueId: string, receiver: string): void {
    this.map.delete(queueId);
    this.map.set(ownCopy(queueId), receiver);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
  }

  done(queueId: string): void {
    this.map.delete(queueId);
  }
}
