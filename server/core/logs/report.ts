/** The explainer's state, read once at the end into a LogReport. */
import type { LogExplainer } from './explainer';
import { CLOSE_SLACK, LAG } from './timing';
import type { ReceiverState } from './receiverState';
import { DEFAULT_CACHE_IDLE } from './routes';
import type { FormatCount, LogReport, SkipReason } from './types';

/** Receivers reported in full; the others are counted. */
const MAX_DETAILED = 30;

const SKIP_ORDER: readonly SkipReason[] = [
  'postfix-other', 'no-session', 'other-program', 'unknown-format', 'malformed', 'overlong', 'out-of-order', 'clock-jump', 'too-many-hosts', 'too-many-receivers',
];

/** Receivers with refusals first, then suspensions, other 4xx, and the most deliveries. */
function weight(r: ReceiverState): number[] {
  const d = r.deliveries;
  return [r.refusalCount, r.suspendedCount, r.otherTempFailureCount, d.sent + d.deferred + d.bounced + d.other];
}

function compare(a: ReceiverState, b: ReceiverState): number {
  const wa = weight(a);
  const wb = weight(b);
  for (let i = 0; i < wa.length; i++) if (wa[i] !== wb[i]) return wb[i] - wa[i];
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

export function buildReport(x: LogExplainer, extra: { used: number; skips: Map<SkipReason, { lines: number; example: number }>; late: number; window: number }): LogReport {
  const sorted = [...x.receivers.values()].sort(compare);
  const detailed = sorted.slice(0, MAX_DETAILED);
  const rest = sorted.slice(MAX_DETAILED);
  const formats: FormatCount[] = [...x.formats].map(([format, f]) => ({ format, lines: f.lines, resolution: f.resolution }));
  const hosts = new Set<string>();
  for (const r of x.receivers.values()) for (const h of r.lanes.keys()) hosts.add(h);
  return {
    source: x.options.source,
    lines: {
      total: x.lines,
      used: extra.used,
      skipped: SKIP_ORDER.filter((r) => extra.skips.has(r)).map((reason) => ({ reason, ...extra.skips.get(reason)! })),
    },
    formats,
    ...(x.timeEnd >= x.timeStart ? { timeRange: { start: x.timeStart, end: x.timeEnd } } : {}),
    hosts: [...hosts].sort(),
    receivers: detailed.map((r) => r.report()),
    otherReceivers: { count: rest.length, deliveries: rest.reduce((n, r) => n + weight(r)[3], 0) },
    probes: x.probeReports,
    assumptions: assumptions(x, extra),
  };
}

function assumptions(x: LogExplainer, extra: { late: number; window: number }): string[] {
  const out = [
    `A line's timestamp is taken at most ${LAG} s after the event it reports, and within the timestamp's resolution.`,
    `A session not kept in the connection cache is closed within ${CLOSE_SLACK} s of its last reply (QUIT).`,
  ];
  const config = x.options.configuration;
  if (!config) {
    out.push(`No configuration was given: every transport is taken to cache sessions for up to ${DEFAULT_CACHE_IDLE} s (smtp_connection_cache_time_limit and connection_cache_ttl_limit at their defaults), and the transport is read from each line's syslog name.`);
  } else {
    const caching = config.transports.filter((t) => t.caching);
    const plain = config.transports.filter((t) => !t.caching);
    if (caching.length) out.push(`Sessions of ${caching.map((t) => `${t.name} (up to ${t.cacheIdleSeconds} s)`).join(', ')} can sit idle in the connection cache after a delivery.`);
    if (plain.length) out.push(`${plain.map((t) => t.name).join(', ')} ${plain.length === 1 ? 'keeps' : 'keep'} no session in the connection cache.`);
  }
  out.push(`Delays are read as Postfix rounds them, to ${x.options.configuration?.delayResolutionDigits ?? 2} decimals at most (delay_logging_resolution_limit).`);
  if ((x.formats.get('syslog')?.resolution ?? 0) >= 1) out.push('Timestamps without a fraction of a second (classic syslog, maillog_file) are read in this machine\'s time zone, and a delivery shorter than about a second shows no certain session.');
  if (extra.late) out.push(`${extra.late} events reached further back than the ${Math.round(extra.window)} s the explainer keeps open; the counts just before them may be low.`);
  if (x.receivers.size && [...x.receivers.values()].some((r) => r.lanes.size > 1)) out.push('Each sending host is counted apart, as if it had a source address of its own.');
  return out;
}
