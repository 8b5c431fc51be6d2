/**
 * What the explainer keeps per receiver while it reads: counts, the first refusals in
 * full, the refusal that bounds the cap, retry waves and suspensions. Bounded: top lists
 * keep their largest entries, refusals their first hundred.
 */
import { inferCap } from './cap';
import { ownCopy } from '../syntax/logicalLines';
import { Lane } from './sweep';
import type { LogDeclaredReceiver, ReceiverReport, RefusalReport } from './types';
import { Suspensions, Waves } from './waves';

const MAX_REFUSALS = 100;
const MAX_COUNTED = 1000;
const TOP = 10;

/** Counts per name, bounded: past MAX_COUNTED names the smallest half is dropped. */
class TopCounts {
  private readonly counts = new Map<string, number>();

  add(name: string): void {
    const n = this.counts.get(name);
    // A copy for a new key: the name is a slice of the log's text.
    if (n === undefined) this.counts.set(ownCopy(name), 1);
    else this.counts.set(name, n + 1);
    if (this.counts.size > MAX_COUNTED) {
      const sorted = [...this.counts].sort((a, b) => a[1] - b[1]);
      for (const [n] of sorted.slice(0, MAX_COUNTED / 2)) this.counts.delete(n);
    }
  }

  top(n = TOP): [string, number][] {
    return [...this.counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, n);
  }
}

export class ReceiverState {
  readonly transports = new Map<string, 'configuration' | 'syslog-name'>();
  readonly relays = new TopCounts();
  readonly domains = new TopCounts();
  readonly deliveries = { sent: 0, deferred: 0, bounced: 0, other: 0 };
  refusalCount = 0;
  otherTempFailureCount = 0;
  suspendedCount = 0;
  reusedSessions = 0;
  readonly lanes = new Map<string, Lane>();
  readonly refusals: RefusalReport[] = [];
  refusalsOmitted = 0;
  /** The refusals with the fewest sessions possibly open. */
  private refusedMin: { count: number; at: number; support: number } | undefined;
  private refusedWithNoneOpen = 0;
  readonly waves = new Waves();
  readonly suspensions = new Suspensions();

  constructor(readonly key: string, readonly declared: LogDeclaredReceiver | undefined) {}

  /** Counts a delivery attempt's status. */
  delivery(status: string, relay: string, recipient: string): void {
    if (status === 'sent') this.deliveries.sent++;
    else if (status === 'deferred') this.deliveries.deferred++;
    else if (status === 'bounced') this.deliveries.bounced++;
    else this.deliveries.other++;
    this.relays.add(relay);
    const at = recipient.lastIndexOf('@');
    if (at >= 0) this.domains.add(recipient.slice(at + 1).toLowerCase());
  }

  /** A refusal whose window the sweep has passed. */
  refused(r: RefusalReport): void {
    if (this.refusals.length < MAX_REFUSALS) this.refusals.push(r);
    else this.refusalsOmitted++;
    const open = r.open.possible;
    if (open === 0) {
      this.refusedWithNoneOpen++;
      return;
    }
    const m = this.refusedMin;
    if (!m || open < m.count) this.refusedMin = { count: open, at: r.at, support: 1 };
    else if (open === m.count) m.support++;
  }

  report(): ReceiverReport {
    const lanes = [...this.lanes.values()].sort((a, b) => (a.host < b.host ? -1 : a.host > b.host ? 1 : 0));
    let accepted: { count: number; at: number; support: number } | undefined;
    for (const lane of lanes) {
      if (lane.peakCertain <= 0) continue;
      if (!accepted || lane.peakCertain > accepted.count) accepted = { count: lane.peakCertain, at: lane.peakCertainAt, support: lane.peakCertainSupport };
      else if (lane.peakCertain === accepted.count) accepted.support += lane.peakCertainSupport;
    }
    const cap = inferCap({ accepted, refused: this.refusedMin, refusedWithNoneOpen: this.refusedWithNoneOpen });
    return {
      key: this.key,
      ...(this.declared ? { declared: this.declared } : {}),
      transports: [...this.transports].map(([name, from]) => ({ name, from })).sort((a, b) => (a.name < b.name ? -1 : 1)),
      relays: this.relays.top().map(([relay, deliveries]) => ({ relay, deliveries })),
      domains: this.domains.top().map(([domain, deliveries]) => ({ domain, deliveries })),
      deliveries: { ...this.deliveries },
      refusalCount: this.refusalCount,
      otherTempFailureCount: this.otherTempFailureCount,
      suspendedCount: this.suspendedCount,
      reusedSessions: this.reusedSessions,
      lanes: lanes.map((lane) => ({
        host: lane.host,
        chart: lane.chart.result(),
        peakCertain: { count: lane.peakCertain, at: finite(lane.peakCertainAt), support: lane.peakCertainSupport },
        peakPossible: { count: lane.peakPossible, at: finite(lane.peakPossibleAt) },
      })),
      refusals: this.refusals,
      refusalsOmitted: this.refusalsOmitted,
      cap,
      waves: this.waves.waves,
      suspensions: this.suspensions.list,
    };
  }
}

const finite = (t: number): number => (Number.isFinite(t) ? t : 0);
