/**
 * The log explainer's input options and its report. The report is plain data (numbers,
 * strings, arrays) so that it crosses LSP and JSON unchanged; times are Unix seconds.
 */

/** What the configuration says about one smtp/lmtp transport, for reading its log lines. */
export interface LogTransport {
  /** The master.cf service name, e.g. "relay". */
  name: string;
  /** The syslog tag its lines carry: syslog_name + "/" + program, e.g. "postfix/relay/smtp". */
  tag: string;
  /** Whether its sessions can be kept in the connection cache (caching on, and plaintext or TLS reuse). */
  caching: boolean;
  /** How long a cached session can stay idle: min(smtp_connection_cache_time_limit, connection_cache_ttl_limit), seconds. */
  cacheIdleSeconds: number;
}

/** A receiver declared with "# @receiver" or in postfix.receivers. */
export interface LogDeclaredReceiver {
  name: string;
  maxConnections: number;
  transports: string[];
}

/** What a configuration contributes to explaining a log (all optional: a log alone explains too). */
export interface LogConfiguration {
  transports: LogTransport[];
  receivers: LogDeclaredReceiver[];
  /** delay_logging_resolution_limit: the decimals of delays= (default 2). */
  delayResolutionDigits?: number;
}

export interface LogExplainOptions {
  /** A name for the report's title (a file name, "mx1.example.com: journal"). */
  source: string;
  /** The time the log was written up to (e.g. the file's modification time), to give classic timestamps their year; default now. */
  referenceTime?: number;
  configuration?: LogConfiguration;
  /** Extra times (Unix seconds) at which to report the counts, e.g. a provider's timestamp. */
  probes?: number[];
}

/** How sure a count is: certain (a lower bound) and possible (an upper bound). */
export interface Bounds {
  certain: number;
  possible: number;
}

/** One bucket of a lane's chart: the largest counts seen in [start + i * width, start + (i + 1) * width). */
export interface ChartBucket {
  /** Sessions certainly open (deliveries in progress plus cached sessions known to be idle). */
  certain: number;
  /** Sessions possibly open. */
  possible: number;
  /** Deliveries certainly / possibly in progress. */
  activeCertain: number;
  activePossible: number;
  /** 421 replies (refused sessions and 421 during a session). */
  refusals: number;
  /** Other 4xx replies. */
  otherTempFailures: number;
  /** "delivery temporarily suspended" deferrals. */
  suspended: number;
}

export interface LaneChart {
  start: number;
  /** Seconds per bucket. */
  width: number;
  buckets: ChartBucket[];
}

/** One sending host's view of one receiver. */
export interface LaneReport {
  host: string;
  chart: LaneChart;
  /** The highest certain count and when it was first reached; support = how many times it was reached. */
  peakCertain: { count: number; at: number; support: number };
  peakPossible: { count: number; at: number };
}

export interface RefusalReport {
  /** The log time of the reply. */
  at: number;
  /** The time the reply falls within, given the log's resolution. */
  window: [number, number];
  host: string;
  /** Who answered, as in the log: "mx1.orange.fr[193.252.22.65]". */
  relay: string;
  code: string;
  text: string;
  queueId: string;
  /** When the reply came: greeting, or in reply to which command. */
  phase: string;
  /** Sessions open at the receiver from this host, not counting the refused one. */
  open: Bounds;
  /** Deliveries in progress, and idle sessions (cached or closing). */
  active: Bounds;
  idle: Bounds;
  /** Queue IDs of deliveries possibly in progress (at most 20). */
  inProgress: string[];
}

export interface CapInference {
  status: 'pinned' | 'range' | 'lower-bound-only' | 'contradictory' | 'no-evidence';
  /** The receiver's cap when the evidence pins it. */
  value?: number;
  /** At least this many sessions were open at once (all accepted): the cap is at least this. */
  lower?: { count: number; support: number; at: number };
  /** The receiver refused with at most this many open: the cap is at most this. */
  upper?: { count: number; support: number; at: number };
  /** One sentence for people. */
  text: string;
}

export interface RetryWave {
  start: number;
  end: number;
  attempts: number;
  sent: number;
  deferred: number;
  suspended: number;
}

export interface Suspension {
  start: number;
  end: number;
  deferrals: number;
}

export interface ReceiverReport {
  /** The receiver's key: a declared receiver's name, or the relay host (its address for IP literals). */
  key: string;
  /** The declared receiver that covers its transports, if any. */
  declared?: LogDeclaredReceiver;
  /** The master.cf transports that delivered to it, and whether each came from the configuration or was guessed from the syslog name. */
  transports: { name: string; from: 'configuration' | 'syslog-name' }[];
  relays: { relay: string; deliveries: number }[];
  domains: { domain: string; deliveries: number }[];
  deliveries: { sent: number; deferred: number; bounced: number; other: number };
  refusalCount: number;
  otherTempFailureCount: number;
  suspendedCount: number;
  reusedSessions: number;
  lanes: LaneReport[];
  /** The first refusals in full (see refusalsOmitted). */
  refusals: RefusalReport[];
  refusalsOmitted: number;
  cap: CapInference;
  waves: RetryWave[];
  suspensions: Suspension[];
}

export interface SkipCount {
  reason: SkipReason;
  lines: number;
  /** An example line number (1-based). */
  example?: number;
}

export type SkipReason =
  | 'other-program'
  | 'postfix-other'
  | 'no-session'
  | 'unknown-format'
  | 'malformed'
  | 'overlong'
  | 'out-of-order'
  | 'clock-jump'
  | 'too-many-hosts'
  | 'too-many-receivers';

export interface FormatCount {
  format: 'syslog' | 'rfc3339' | 'journal-json';
  lines: number;
  /** The finest time step its timestamps show, seconds. */
  resolution: number;
}

export interface ProbeReport {
  at: number;
  host: string;
  receiver: string;
  open: Bounds;
}

export interface LogReport {
  source: string;
  lines: { total: number; used: number; skipped: SkipCount[] };
  formats: FormatCount[];
  timeRange?: { start: number; end: number };
  hosts: string[];
  /** The receivers with the most to say (refusals first), in full. */
  receivers: ReceiverReport[];
  /** Receivers left out of `receivers`, and the deliveries to them. */
  otherReceivers: { count: number; deliveries: number };
  probes: ProbeReport[];
  /** What the reconstruction assumed (cache times, resolution), for the reader. */
  assumptions: string[];
}
