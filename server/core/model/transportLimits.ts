/**
 * The limits of one delivery transport, each resolved exactly as Postfix resolves it, and
 * with the places that set it (for related information and explanations):
 * - maxproc from the master.cf field, `-` meaning `default_process_limit` (read by master
 *   from main.cf), 0 meaning no limit;
 * - the queue manager's per-transport parameters (`T_destination_concurrency_limit`, ...)
 *   as qmgr reads them: its own -o options, then main.cf, then the `transport_*` template
 *   default (`$default_destination_concurrency_limit`, ...);
 * - the smtp/lmtp client's caching switches, TLS, source addresses and fallback relay as
 *   T's process reads them: T's -o, main.cf, default (see clientSessions.ts).
 */
import { RelatedPlace } from '../findings';
import { templateDefault } from '../kb/knowledgeBase';
import type { Configuration, MainLookups } from './configuration';
import { expandRaw, rawValue } from './effective';
import { limitOrInfinity, parseBoolean, parseInteger, parseTime } from './quantities';
import { ClientSessions, clientSessionsOf } from './clientSessions';
import { Service } from './services';
import { Arg, MasterOption, MasterEntry } from '../syntax/masterCf';
import { MainEntry } from '../syntax/mainCf';
import { TreeVersion, versionOf } from '../syntax/incremental';
import { ownCopy } from '../syntax/logicalLines';
import { DerivedKey, StoreKey } from '../caches';

/** A parameter value with where it came from. */
export interface Sourced {
  /** The parameter asked for, e.g. "orange_destination_concurrency_limit". */
  name: string;
  /** The value after $name expansion. */
  value: string;
  /** The raw text where the chain ended (e.g. "$default_destination_concurrency_limit"). */
  raw: string;
  from: 'option' | 'main' | 'default';
  /** Names followed through plain `$name` values, first to last. */
  via: readonly string[];
  /** Each place along the chain that set a value (the option or main.cf entry). */
  readonly places: RelatedPlace[];
  /** places[0] and places.length > 0, without building the others. */
  readonly firstPlace: RelatedPlace | undefined;
  readonly placed: boolean;
  /** The option or main.cf entry behind firstPlace (the same object for the same line). */
  readonly firstSetter: object | undefined;
}

export interface TransportLimits {
  service: Service;
  /** The transport name (master.cf field 1). */
  name: string;
  /** P: maxproc, Infinity for 0 (no limit). */
  processLimit: number;
  maxprocField: Arg;
  /** Set when maxproc is "-": where default_process_limit came from. */
  processDefault?: Sourced;
  /**
   * The configured T_destination_concurrency_limit, Infinity for 0. A negative value is
   * kept: qmgr accepts it (it checks no minimum) and then never starts a delivery.
   */
  concurrencyLimit: number;
  concurrency: Sourced;
  /** T_destination_rate_delay in seconds. */
  rateDelaySeconds: number;
  rateDelay: Sourced;
  /** T_transport_rate_delay in seconds (Postfix 3.1+): a pause after every delivery of the whole transport. */
  transportRateDelaySeconds: number;
  transportRateDelay: Sourced;
  /** L: the per-destination limit in force (1 when a rate delay is set; negative when stuck). */
  perDestination: number;
  /** X: deliveries at once over all of T's destinations: 1 with a transport rate delay. */
  transportCap: number;
  /** A negative concurrency limit with no rate delay: qmgr never schedules a delivery for T. */
  stuck: boolean;
  /** A recipient limit of 1: every recipient is its own destination, so L bounds nothing a receiver sees. */
  perRecipient: boolean;
  /** Whether the client caches sessions (on demand or always); TLS can still keep them out of the cache. */
  caching: boolean;
  cacheOnDemand: Sourced;
  cacheDestinations: Sourced;
  initialConcurrency: number;
  initial: Sourced;
  failedCohortLimit: number;
  failedCohort: Sourced;
  recipientLimit: number;
  recipient: Sourced;
  /** TLS, source addresses and fallback relay of the client. */
  client: ClientSessions;
}

/**
 * The last limits computed for a master.cf entry, with what they were computed from. An
 * edit keeps the entry object of every unchanged master.cf line, so after an edit
 * elsewhere the limits are reused when the same main.cf look-ups give the same entries:
 * a 10,000-transport master.cf then costs look-ups, not 70,000 resolutions, per keystroke.
 */
const LAST_COMPUTED = new StoreKey('transport limits per master.cf entry', () => new WeakMap<MasterEntry, LastComputed>());

interface LastComputed {
  limits: TransportLimits;
  lookups: MainLookups;
  qmgr?: MasterEntry;
  release: number;
  /** The main.cf version (see versionOf) the look-ups were last found to hold in. */
  version: TreeVersion;
}

/**
 * The limits of a delivery service, computed once per configuration: within one
 * configuration the version check below answers at once (no Map per configuration: at
 * 10,000 transports that was half a megabyte more garbage per keystroke).
 */
export function transportLimits(config: Configuration, service: Service): TransportLimits {
  const qmgr = qmgrService(config);
  const lastComputed = config.caches.store(LAST_COMPUTED);
  const last = lastComputed.get(service.entry);
  const version = versionOf(config.main);
  if (last && last.qmgr === qmgr && last.release === config.release.index && stillHolds(config, last, version)) {
    last.version = version;
    config.replay(last.lookups);
    return last.limits;
  }
  const [limits, lookups] = config.record(() => computeLimits(config, service));
  lastComputed.set(service.entry, { limits, lookups, qmgr, release: config.release.index, version });
  return limits;
}

/**
 * Whether the look-ups still give the same entries. After a one-line edit the main.cf
 * index knows the few names whose entry changed: a transport that looked none of them up
 * is unchanged, without asking the index about each of its dozen names.
 */
function stillHolds(config: Configuration, last: LastComputed, version: object): boolean {
  if (last.version === version) return true;
  const changed = config.mainIndex.changedSince(last.version);
  if (!changed) return config.stillHolds(last.lookups);
  for (const name of changed) if (last.lookups.has(name)) return false;
  return true;
}

const QMGR = new DerivedKey<MasterEntry | undefined>('the queue manager\'s master.cf entry');

/** The queue manager's master.cf entry: its -o options are what qmgr reads first. */
export function qmgrService(config: Configuration): MasterEntry | undefined {
  return config.derive(QMGR, () => {
    const found = config.services.filter((s) => s.program === 'qmgr' || s.program === 'nqmgr' || s.program === 'oqmgr');
    return found[found.length - 1]?.entry;
  });
}

function computeLimits(config: Configuration, service: Service): TransportLimits {
  const qmgr = qmgrService(config);
  const T = service.name;
  const q = (suffix: string): Sourced => resolve(config, `${T}${suffix}`, { service: qmgr, fallbackDefault: templateDefault(suffix) });
  const concurrency = q('_destination_concurrency_limit');
  const rateDelay = q('_destination_rate_delay');
  const transportRateDelay = q('_transport_rate_delay');
  const initial = q('_initial_destination_concurrency');
  const failedCohort = q('_destination_concurrency_failed_cohort_limit');
  const recipient = q('_destination_recipient_limit');
  const prefix = service.program === 'lmtp' ? 'lmtp' : 'smtp';
  const own = (name: string): Sourced => resolve(config, name, { service: service.entry });
  const cacheOnDemand = own(`${prefix}_connection_cache_on_demand`);
  const cacheDestinations = own(`${prefix}_connection_cache_destinations`);

  const configured = parseInteger(concurrency.value) ?? 20;
  const concurrencyLimit = configured < 0 ? configured : limitOrInfinity(configured);
  const rateDelaySeconds = numberOr(parseTime(rateDelay.value), 0);
  const transportRateDelaySeconds = numberOr(parseTime(transportRateDelay.value), 0);
  // qmgr forces the limit to 1 when there is a rate delay, after reading it: a negative
  // limit with a rate delay still delivers.
  const perDestination = rateDelaySeconds > 0 ? 1 : concurrencyLimit;
  const recipientLimit = numberOr(parseInteger(recipient.value), 50);
  const { processLimit, processDefault } = maxprocOf(config, service);
  return {
    service, name: T, processLimit, maxprocField: service.entry.fields.maxproc, processDefault,
    concurrencyLimit, concurrency,
    rateDelaySeconds, rateDelay, transportRateDelaySeconds, transportRateDelay,
    perDestination, transportCap: transportRateDelaySeconds > 0 ? 1 : Infinity,
    stuck: perDestination < 0, perRecipient: recipientLimit === 1,
    caching: parseBoolean(cacheOnDemand.value) !== false || cacheDestinations.value.trim() !== '',
    cacheOnDemand, cacheDestinations,
    initialConcurrency: numberOr(parseInteger(initial.value), 5), initial,
    // qmgr marks a destination dead only when this is above 0.
    failedCohortLimit: parseInteger(failedCohort.value) ?? 1, failedCohort,
    recipientLimit, recipient,
    client: clientSessionsOf(config, service),
  };
}

function maxprocOf(config: Configuration, service: Service): { processLimit: number; processDefault?: Sourced } {
  const text = service.entry.fields.maxproc.text;
  if (/^\d+$/.test(text)) return { processLimit: limitOrInfinity(Number(text)) };
  const processDefault = resolve(config, 'default_process_limit');
  return { processLimit: limitOrInfinity(numberOr(parseInteger(processDefault.value), 100)), processDefault };
}

const numberOr = (n: number | undefined, fallback: number): number => (n === undefined || n < 0 ? fallback : n);

const PLAIN_REF = /^\$(?:\{\s*(\w+)\s*\}|\((\w+)\)|(\w+))$/;

/**
 * The value of `name` for `service` (-o, main.cf, default) with every place along a chain
 * of plain `$name` values, so an explanation can point at the line that really decided.
 */
export function resolve(config: Configuration, name: string, how: { service?: MasterEntry; fallbackDefault?: string } = {}): Sourced {
  const { service, fallbackDefault } = how;
  // Most values are set nowhere and refer to nothing: the lists are made only when used
  // (a 10,000-transport master.cf resolves 70,000 values).
  let chain: Setter | Setter[] | undefined;
  let via: string[] | undefined;
  let current = name;
  let raw = rawValue(config, current, service, fallbackDefault) ?? (fallbackDefault !== undefined ? { text: fallbackDefault, from: 'default' as const } : undefined);
  const from = raw?.from ?? 'default';
  const first = raw;
  for (let depth = 0; raw && depth < 20; depth++) {
    const setter = raw.option ?? raw.entry;
    if (setter) chain = chain === undefined ? setter : Array.isArray(chain) ? [...chain, setter] : [chain, setter];
    const m = raw.text.indexOf('$') < 0 ? null : PLAIN_REF.exec(raw.text.trim());
    const next = m && (m[1] ?? m[2] ?? m[3]);
    if (!next || via?.includes(next) || next === name) break;
    (via ??= []).push(next);
    current = next;
    const nextRaw = rawValue(config, current, service);
    if (!nextRaw) break;
    raw = nextRaw;
  }
  const text = first?.text ?? fallbackDefault ?? '';
  const expanded = !via && text.indexOf('$') < 0 ? text : expandRaw(config, text, service);
  const value = typeof expanded === 'string' ? expanded : expanded.error ? '' : expanded.value;
  return new SourcedValue({ name, value: value.trim(), raw: raw?.text ?? '', from, via: via ? sharedVia(config, via) : NO_VIA }, chain);
}

/** The -o option or main.cf entry that set a value along a chain (it names the parameter it set). */
type Setter = MasterOption | MainEntry;

const NO_VIA: readonly string[] = [];
/** Chains of names, one array per distinct chain: thousands of transports follow the same few. */
const VIAS = new StoreKey('chains of names followed, shared', () => new Map<string, readonly string[]>());

function sharedVia(config: Configuration, via: string[]): readonly string[] {
  const vias = config.caches.store(VIAS);
  const key = via.join(' ');
  let shared = vias.get(key);
  // Copies: the names (and a one-name key) may be slices of a main.cf text, which this
  // table would keep alive.
  if (!shared) vias.set(ownCopy(key), (shared = via.map(ownCopy)));
  return shared;
}

/**
 * A resolved value. Its places (for related information) are built only when a rule or
 * hover asks: a master.cf with thousands of transports resolves tens of thousands of
 * values, and most are never shown. The chain is one setter (the usual case) or several.
 */
class SourcedValue implements Sourced {
  readonly name: string;
  readonly value: string;
  readonly raw: string;
  readonly from: 'option' | 'main' | 'default';
  readonly via: readonly string[];

  constructor(fields: Omit<Sourced, 'places' | 'firstPlace' | 'placed' | 'firstSetter'>, private readonly chain: Setter | readonly Setter[] | undefined) {
    ({ name: this.name, value: this.value, raw: this.raw, from: this.from, via: this.via } = fields);
  }

  /** Built on each use: the entries move with edits above them, and are read where they are now. */
  get places(): RelatedPlace[] {
    const chain = this.chain;
    return chain === undefined ? [] : Array.isArray(chain) ? chain.map(placeOf) : [placeOf(chain as Setter)];
  }

  get firstPlace(): RelatedPlace | undefined {
    const first = this.firstSetter;
    return first && placeOf(first);
  }

  get firstSetter(): Setter | undefined {
    const chain = this.chain;
    return Array.isArray(chain) ? chain[0] : (chain as Setter | undefined);
  }

  get placed(): boolean {
    return this.chain !== undefined;
  }
}

function placeOf(setter: Setter): RelatedPlace {
  const { name, value } = setter;
  const range = { start: name.start, end: Math.max(value.end, name.end) };
  return 'kind' in setter
    ? { file: 'main', ...range, message: `${name.text} = ${value.text}` }
    : { file: 'master', ...range, message: `-o ${name.text}=${value.text}` };
}

/** "orange_destination_concurrency_limit = 1" with where it came from, for messages. */
export function describeSourced(s: Sourced): string {
  const origin = s.from === 'option' ? 'master.cf -o' : s.from === 'main' ? 'main.cf' : 'default';
  const chain = s.via.length ? ` via $${s.via.join(' -> $')}` : '';
  return `${s.name} = ${s.value || '(empty)'} (${origin}${chain})`;
}
