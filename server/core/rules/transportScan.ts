/**
 * Shared by the outbound checks: the delivery transports of a configuration with their
 * resolved limits, and grouping of findings by the main.cf line that set a value (one
 * finding per line, even when a default_* line feeds several transports).
 */
import { RelatedPlace } from '../findings';
import type { Configuration } from '../model/configuration';
import { MasterCf } from '../syntax/masterCf';
import { Service, isDeliveryAgent } from '../model/services';
import { Sourced, TransportLimits, transportLimits } from '../model/transportLimits';
import { DerivedKey, StoreKey } from '../caches';
import { deliversOnlyLocally } from '../model/routing';
import { receiverBudgets } from '../model/budget';
import type { ReceiverSetting } from '../settings';

const SCANNED = new DerivedKey<Map<boolean, readonly TransportLimits[]>>('delivery transports with their limits');
/** The last list per master.cf version: handed out again while its limits are all the same objects. */
const LAST_SCAN = new StoreKey('the last transport list per master.cf version', () => new WeakMap<MasterCf, Map<boolean, readonly TransportLimits[]>>());

/**
 * Limits of every delivery service, one per transport name (the unix entry when both
 * exist). Built once per configuration: several rules walk the same 10,000 transports.
 */
export function deliveryTransports(config: Configuration, outboundOnly = false): readonly TransportLimits[] {
  const perConfig = config.derive(SCANNED, () => new Map());
  const lastScan = config.caches.store(LAST_SCAN);
  let transports = perConfig.get(outboundOnly);
  if (!transports) {
    const fresh = scan(config, outboundOnly);
    let last = lastScan.get(config.master);
    if (!last) lastScan.set(config.master, (last = new Map()));
    const before = last.get(outboundOnly);
    // The same list object when nothing changed, so what is derived from it is kept (see memo).
    transports = before && before.length === fresh.length && before.every((t, i) => t === fresh[i]) ? before : fresh;
    last.set(outboundOnly, transports);
    perConfig.set(outboundOnly, transports);
  }
  return transports;
}

const PROVIDER = new DerivedKey<Map<string, { receivers: readonly ReceiverSetting[]; list: readonly TransportLimits[] }>>('delivery transports that can reach a provider');
const LAST_PROVIDER = new StoreKey('the last provider list per full transport list', () => new WeakMap<object, readonly TransportLimits[]>());

/**
 * The delivery transports of deliveryTransports() but those whose every next-hop is on
 * this host (a loopback content filter, an LMTP socket, see routing.ts) and that serve
 * no declared receiver: the hints about providers' limits have nothing to say about
 * them. The same list object while the members stay the same, so what is kept per list
 * (groupByLine) is kept.
 */
export function providerTransports(config: Configuration, receivers: readonly ReceiverSetting[], outboundOnly = false): readonly TransportLimits[] {
  const perConfig = config.derive(PROVIDER, () => new Map());
  const key = String(outboundOnly);
  const kept = perConfig.get(key);
  if (kept && kept.receivers === receivers) return kept.list;
  const all = deliveryTransports(config, outboundOnly);
  let served: Set<string> | undefined;
  const serves = (name: string): boolean => (served ??= new Set(receiverBudgets(config, receivers).flatMap((b) => b.shares.map((s) => s.transport)))).has(name);
  const fresh = all.filter((t) => !deliversOnlyLocally(config, t.name) || serves(t.name));
  const last = config.caches.store(LAST_PROVIDER);
  const before = fresh.length === all.length ? all : last.get(all);
  const list = before && before.length === fresh.length && before.every((t, i) => t === fresh[i]) ? before : fresh;
  last.set(all, list);
  perConfig.set(key, { receivers, list });
  return list;
}

const DERIVED = new StoreKey('what is derived from a transport list, kept with the list', () => new WeakMap<object, Map<string, unknown>>());

/** `compute(list)`, kept as long as the list object is (deliveryTransports keeps it across edits). */
function memo<T>(config: Configuration, list: readonly TransportLimits[], key: string, compute: () => T): T {
  const derived = config.caches.store(DERIVED);
  let perList = derived.get(list);
  if (!perList) derived.set(list, (perList = new Map()));
  if (!perList.has(key)) perList.set(key, compute());
  return perList.get(key) as T;
}

/** The transports of a list without a rate delay (kept with the list). */
export function withoutRateDelay(config: Configuration, transports: readonly TransportLimits[]): readonly TransportLimits[] {
  return memo(config, transports, 'no-rate-delay', () => transports.filter((t) => t.rateDelaySeconds <= 0));
}

function scan(config: Configuration, outboundOnly: boolean): TransportLimits[] {
  const services = deliveryServices(config, outboundOnly);
  const limits = new Array<TransportLimits>(services.length);
  for (let i = 0; i < services.length; i++) limits[i] = transportLimits(config, services[i]);
  return limits;
}

/** Per master.cf version: which services deliveryTransports covers depends on master.cf alone. */
const SERVICES = new StoreKey('delivery services per master.cf version', () => new WeakMap<MasterCf, Map<boolean, readonly Service[]>>());

/** The delivery services, one per transport name (the unix entry when both exist), in first-seen order. */
function deliveryServices(config: Configuration, outboundOnly: boolean): readonly Service[] {
  const servicesOf = config.caches.store(SERVICES);
  let perMaster = servicesOf.get(config.master);
  if (!perMaster) servicesOf.set(config.master, (perMaster = new Map()));
  let services = perMaster.get(outboundOnly);
  if (!services) {
    const byName = new Map<string, Service>();
    for (const service of config.services) {
      if (outboundOnly ? service.role !== 'outbound' : !isDeliveryAgent(service.role)) continue;
      const previous = byName.get(service.name);
      if (previous && previous.type === 'unix' && service.type !== 'unix') continue;
      byName.set(service.name, service);
    }
    perMaster.set(outboundOnly, (services = [...byName.values()]));
  }
  return services;
}

/** Each place once (a default_* line is the place of every transport it feeds). */
export function uniquePlaces(places: readonly RelatedPlace[]): RelatedPlace[] {
  const seen = new Set<string>();
  return places.filter((p) => {
    const key = `${p.file}:${p.start}:${p.end}`;
    return !seen.has(key) && !!seen.add(key);
  });
}

/** Transport names for a message: all of a few, or the first three and how many more. */
export function namesOf(transports: readonly TransportLimits[]): string {
  const quoted = transports.map((t) => `"${t.name}"`);
  if (quoted.length <= 4) return quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}` : quoted[0] ?? '';
  return `${quoted.slice(0, 3).join(', ')} and ${quoted.length - 3} more transports`;
}

/** The line that set a value (the first place of its chain), if it was set at all. */
export function deciding(s: Sourced): RelatedPlace | undefined {
  return s.firstPlace;
}

/** True when the deciding line sets the transport's own name (`orange_...`), not a default_* one. */
export function isOwnSetting(s: Sourced): boolean {
  return s.placed && s.from !== 'default';
}

/** Transports whose value was decided by the same line; the place is built when asked for. */
export interface LineGroup {
  readonly place: RelatedPlace;
  readonly transports: TransportLimits[];
}

/**
 * Groups transports by the line that decided `pick(t)`; transports with no such line are
 * left out. Keyed by the option or entry that set the value (one per line): a 10,000-
 * transport master.cf makes thousands of groups, and most are never reported.
 */
export function groupByLine(config: Configuration, transports: readonly TransportLimits[], field: SourcedField): ReadonlyMap<object, LineGroup> {
  return memo(config, transports, `by-line:${field}`, () => group(transports, field));
}

/** The fields of TransportLimits that hold a Sourced value. */
export type SourcedField = { [K in keyof TransportLimits]-?: TransportLimits[K] extends Sourced ? K : never }[keyof TransportLimits];

function group(transports: readonly TransportLimits[], field: SourcedField): Map<object, LineGroup> {
  const groups = new Map<object, LineGroup>();
  for (const t of transports) {
    const value = t[field] as Sourced;
    const setter = value.firstSetter;
    if (!setter) continue;
    const group = groups.get(setter);
    if (group) group.transports.push(t);
    else groups.set(setter, new Group(value, t));
  }
  return groups;
}

class Group implements LineGroup {
  readonly transports: TransportLimits[];

  constructor(private readonly value: Sourced, first: TransportLimits) {
    this.transports = [first];
  }

  get place(): RelatedPlace {
    return deciding(this.value)!;
  }
}
