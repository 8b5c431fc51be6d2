/**
 * Routing: which transport and next-hop Postfix gives mail for a domain, as trivial-rewrite
 * resolves it (resolve.c, transport.c), and, for every transport, the next-hops it serves.
 *
 * For a recipient domain: its address class picks a transport (mydestination: local_transport;
 * virtual_mailbox_domains: virtual_transport; relay_domains: relay_transport; anything else:
 * default_transport) and a next-hop (the domain itself, or the relayhost for the two off-host
 * classes); a `transport:nexthop` parameter value overrides the next-hop; then transport_maps
 * (full address, the domain, its parent domains, then `*`) may change both: `transport:` keeps
 * no next-hop of its own (the recipient domain), `:nexthop` keeps the transport. qmgr queues
 * mail per next-hop (lower case), and the per-destination limits apply per queue: the number
 * of distinct next-hops is the D of the connection budget.
 *
 * Lookup tables come from `config.tables` (the map files the host read) and `inline:{...}`
 * values; a table that cannot be read leaves the route marked `incomplete`.
 */
import type { Configuration } from './configuration';
import { expandedValue, expandRaw } from './effective';
import { DerivedKey, StoreKey } from '../caches';
import type { MasterCf } from '../syntax/masterCf';
import type { Service } from './services';
import { LookupTable, tableOf } from './tables';
import { FlatEdit, FlatTable, FlatVersion, isFlatMap } from '../maps/fastIndexed';
import { foldKey } from '../maps/mapFile';
import { transportLimits } from './transportLimits';

export type { LookupTable };

/** What decided one part of a route, in words for hovers and messages ("transport_maps: orange.fr"). */
export interface RouteStep {
  /** The parameter, e.g. "transport_maps", "default_transport", "relayhost". */
  name: string;
  /** The table and key that answered, for a lookup. */
  table?: string;
  key?: string;
  value: string;
}

export interface DomainRoute {
  domain: string;
  /** The master.cf transport (service name). */
  transport: string;
  /** The next-hop as Postfix passes it to the transport, e.g. "orange.fr" or "[smtp.orange.fr]:25". */
  nexthop: string;
  /** The qmgr queue: the next-hop in lower case. */
  queue: string;
  /** The next-hop is a domain the client looks up by MX (not [host], not a socket). */
  mxRouted: boolean;
  steps: RouteStep[];
  /** Transports that may carry it instead, by sender (sender_dependent_default_transport_maps). */
  mayAlso: { transport: string; nexthop?: string; via: string }[];
  /** A table on the way could not be read: the route is a guess from the parts that could. */
  incomplete?: string;
  /**
   * The domain is in virtual_alias_domains: mail for it is rewritten by virtual_alias_maps
   * to other addresses (routed on their own), never delivered to the domain; what no alias
   * matches goes to the error transport ("User unknown"), and transport_maps is not consulted.
   */
  aliased?: true;
}

/** The transport part and the next-hop part of "transport:nexthop" ("" when absent). */
export function splitTransport(value: string): { transport: string; nexthop: string } {
  const colon = value.indexOf(':');
  return colon < 0 ? { transport: value, nexthop: '' } : { transport: value.slice(0, colon), nexthop: value.slice(colon + 1) };
}

/** Whether Postfix looks up a next-hop by MX: a bare domain, with or without a port. */
export function isMxRouted(nexthop: string): boolean {
  const n = nexthop.trim();
  return n !== '' && !n.startsWith('[') && !n.startsWith('unix:') && !n.startsWith('/') && !n.startsWith('inet:[') && !/\s/.test(n);
}

const LOOPBACK_NAMES = new Set(['localhost', 'localhost.localdomain', 'ip6-localhost', 'ip6-loopback']);

/**
 * Whether a next-hop is on this host: a UNIX socket (`unix:...`, a path, LMTP's
 * `private/...`) or a loopback address or name, bracketed or not, with any port.
 */
export function isLocalNexthop(nexthop: string): boolean {
  let n = nexthop.trim().toLowerCase();
  if (!n) return false;
  if (n.startsWith('unix:') || n.startsWith('/') || n.startsWith('private/') || n.startsWith('public/')) return true;
  if (n.startsWith('inet:')) n = n.slice(5);
  const host = n.startsWith('[') ? n.slice(1, n.indexOf(']') < 0 ? n.length : n.indexOf(']')) : n.replace(/:[^:]*$/, '');
  const h = host.replace(/^ipv6:/, '');
  return LOOPBACK_NAMES.has(h) || /^127\.\d+\.\d+\.\d+$/.test(h) || h === '::1' || h === '0:0:0:0:0:0:0:1';
}

/** The names and tables of a domain list parameter (mydestination, relay_domains, ...). */
export function listItems(config: Configuration, name: string): string[] {
  return splitList(expandedValue(config, name).value);
}

/** A list value's items: separated by commas and white space outside braces (inline:{a=b, c=d} is one item). */
export function splitList(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '{') depth++;
    else if (ch === '}' && depth > 0) depth--;
    if (depth === 0 && (ch === ',' || ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r')) {
      if (current) out.push(current);
      current = '';
    } else current += ch;
  }
  if (current) out.push(current);
  return out;
}

/** Whether `name` is in parent_domain_matches_subdomains (then "example.com" matches its subdomains). */
function parentMatches(config: Configuration, name: string): boolean {
  return listItems(config, 'parent_domain_matches_subdomains').includes(name);
}

/**
 * Whether a domain is in a domain list: names, ".name" for subdomains, tables looked up
 * by the domain and its parents. `undefined` when a table in the list cannot be read and
 * nothing else matched.
 */
export function inDomainList(config: Configuration, name: string, domain: string): boolean | undefined {
  const d = domain.toLowerCase();
  const parents = parentMatches(config, name);
  let unknown = false;
  for (const raw of listItems(config, name)) {
    const negated = raw.startsWith('!');
    const item = (negated ? raw.slice(1) : raw).toLowerCase();
    let hit: boolean | undefined;
    if (/^[a-z0-9_]+:/.test(item)) {
      const table = tableOf(config, item);
      if (!table) {
        unknown = true;
        continue;
      }
      hit = [d, ...parentDomains(d).map((p) => (parents ? p : `.${p}`))].some((k) => table.lookup(k) !== undefined);
    } else if (item.startsWith('/')) {
      unknown = true;
      continue;
    } else if (item.startsWith('.')) hit = d.endsWith(item);
    else hit = d === item || (parents && d.endsWith(`.${item}`));
    if (hit) return !negated;
  }
  return unknown ? undefined : false;
}

/**
 * Whether a domain is in a string list (virtual_alias_domains, as resolve.c reads it with
 * string_list_init()): an exact name, or a key of a table; no subdomain matching. `undefined`
 * when a table (or a /file of patterns) cannot be read and nothing else matched.
 */
export function inStringList(config: Configuration, name: string, domain: string): boolean | undefined {
  const d = domain.toLowerCase();
  let unknown = false;
  for (const raw of listItems(config, name)) {
    const negated = raw.startsWith('!');
    const item = (negated ? raw.slice(1) : raw).toLowerCase();
    let hit: boolean;
    if (/^[a-z0-9_]+:/.test(item)) {
      const table = tableOf(config, item);
      if (!table || table.pattern) {
        unknown = true;
        continue;
      }
      hit = table.lookup(d) !== undefined;
    } else if (item.startsWith('/')) {
      unknown = true;
      continue;
    } else hit = d === item;
    if (hit) return !negated;
  }
  return unknown ? undefined : false;
}

/** "a.b.example.com" -> ["b.example.com", "example.com", "com"]. */
export function parentDomains(domain: string): string[] {
  const out: string[] = [];
  for (let i = domain.indexOf('.'); i >= 0; i = domain.indexOf('.', i + 1)) out.push(domain.slice(i + 1));
  return out;
}

/** A transport map's answer for a domain, in transport(5)'s order; `unknown` names a table that cannot be read. */
export function transportLookup(config: Configuration, domain: string): { value: string; table: string; key: string } | { unknown: string } | undefined {
  const specs = listItems(config, 'transport_maps');
  const d = domain.toLowerCase();
  const parents = parentMatches(config, 'transport_maps');
  // The full address is tried first: a regexp table sees an address, never a bare domain.
  const keys = [`postmaster@${d}`, d, ...parentDomains(d).map((p) => (parents ? p : `.${p}`))];
  for (const spec of specs) {
    const table = tableOf(config, spec);
    if (!table) return { unknown: spec };
    for (const key of table.pattern ? keys.slice(0, 1) : keys.slice(1)) {
      const value = table.lookup(key);
      if (value !== undefined) return { value, table: spec, key: table.pattern ? d : key };
    }
  }
  for (const spec of specs) {
    const table = tableOf(config, spec);
    const value = table && !table.pattern ? table.lookup('*') : undefined;
    if (value !== undefined) return { value, table: spec, key: '*' };
  }
  return undefined;
}

const ROUTES = new DerivedKey<Map<string, DomainRoute>>('routes by domain');

/** The route of mail for `domain` (kept per configuration). */
export function routeOf(config: Configuration, domain: string): DomainRoute {
  const routes = config.derive(ROUTES, () => new Map());
  const key = domain.toLowerCase();
  let route = routes.get(key);
  if (!route) routes.set(key, (route = resolveDomain(config, key)));
  return route;
}

function resolveDomain(config: Configuration, domain: string): DomainRoute {
  const steps: RouteStep[] = [];
  const mayAlso: DomainRoute['mayAlso'] = [];
  let incomplete: string | undefined;
  const param = (name: string): string => expandedValue(config, name).value.trim();
  const inList = (name: string): boolean => {
    const hit = inDomainList(config, name, domain);
    if (hit === undefined) incomplete ??= `${name} has a table that could not be read`;
    return hit === true;
  };
  // A virtual alias domain first, as resolve.c checks it. Its default ($virtual_alias_maps) often
  // names SQL or LDAP tables that cannot be read here; that leaves the route as the other
  // classes give it rather than marking every route incomplete.
  if (inStringList(config, 'virtual_alias_domains', domain) === true) {
    const nexthop = `5.1.1 User unknown${param('show_user_unknown_table_name') === 'no' ? '' : ' in virtual alias table'}`;
    return {
      domain, transport: 'error', nexthop, queue: nexthop.toLowerCase(), mxRouted: false,
      steps: [{ name: 'virtual_alias_domains', value: domain }], mayAlso: [], aliased: true,
    };
  }
  let channelName: string;
  let offHost = false;
  if (inList('mydestination')) channelName = 'local_transport';
  else if (inList('virtual_mailbox_domains')) channelName = 'virtual_transport';
  else if (inList('relay_domains')) {
    channelName = 'relay_transport';
    offHost = true;
  } else {
    channelName = 'default_transport';
    offHost = true;
    for (const spec of listItems(config, 'sender_dependent_default_transport_maps')) {
      for (const v of tableValues(config, spec)) {
        if (isDunno(v)) continue;
        const { transport, nexthop } = splitTransport(v);
        mayAlso.push({ transport, ...(nexthop ? { nexthop } : {}), via: `sender_dependent_default_transport_maps (${spec})` });
      }
    }
  }
  const channel = param(channelName);
  steps.push({ name: channelName, value: channel });
  let { transport, nexthop } = splitTransport(channel);
  const explicit = nexthop;
  nexthop = domain;
  if (offHost) {
    const relayhost = param('relayhost');
    if (relayhost) {
      nexthop = relayhost;
      steps.push({ name: 'relayhost', value: relayhost });
    }
    for (const spec of listItems(config, 'sender_dependent_relayhost_maps')) {
      for (const v of tableValues(config, spec)) if (!isDunno(v)) mayAlso.push({ transport, nexthop: v, via: `sender_dependent_relayhost_maps (${spec})` });
    }
  }
  if (explicit) nexthop = explicit;
  const found = transportLookup(config, domain);
  if (found && 'unknown' in found) incomplete ??= `transport_maps table ${found.unknown} could not be read`;
  else if (found) {
    steps.push({ name: 'transport_maps', table: found.table, key: found.key, value: found.value });
    const entry = splitTransport(found.value.trim());
    if (entry.transport) {
      transport = entry.transport;
      nexthop = entry.nexthop || (transport === 'error' || transport === 'retry' ? 'Address is undeliverable' : domain);
    } else if (entry.nexthop) nexthop = entry.nexthop;
  }
  return {
    domain, transport, nexthop, queue: nexthop.toLowerCase(), mxRouted: isMxRouted(nexthop), steps, mayAlso,
    ...(incomplete ? { incomplete } : {}),
  };
}

/** DUNNO in a sender-dependent table: "no answer", the main.cf setting applies. */
const isDunno = (value: string): boolean => value.trim().toUpperCase() === 'DUNNO';

/** Every value of a table that can list them (inline:, map files); none for a table that cannot. */
function tableValues(config: Configuration, spec: string): string[] {
  const table = tableOf(config, spec);
  return table?.entries ? [...table.entries()].map(([, v]) => v) : [];
}

/** One way mail reaches a transport (the first found of each next-hop), and the next-hop it gets ("" = the recipient domain, MX-routed). */
export interface TransportHop {
  transport: string;
  nexthop: string;
  /** Where it comes from, e.g. "default_transport", "content_filter", "transport_maps (hash:/etc/postfix/transport) orange.fr". */
  via: string;
}

const HOPS = new DerivedKey<Map<string, TransportHop[]>>('next-hops by transport');

/**
 * Every next-hop the configuration sends each transport to, as far as it can be read:
 * the main.cf transports (with relayhost for the off-host ones), content filters in
 * main.cf and master.cf, every entry of the transport maps that can be listed, fallback
 * relays and the sender-dependent maps. A transport that appears nowhere has no entry.
 */
export function transportHops(config: Configuration): ReadonlyMap<string, readonly TransportHop[]> {
  return config.derive(HOPS, () => {
    const hops = new Map<string, TransportHop[]>();
    // One hop per transport and next-hop, the first found: a 1,000,000-line transport map
    // names a few thousand next-hops, and its consumers ask which next-hops there are (and
    // where the first of each comes from), never how often one appears.
    const seen = new Map<string, Set<string>>();
    const add = (value: string, via: string | (() => string), defaultHop = ''): void => {
      const { transport, nexthop } = splitTransport(value.trim());
      if (transport) addHop(transport, nexthop || defaultHop, via);
    };
    const addHop = (transport: string, hop: string, via: string | (() => string)): void => {
      let known = seen.get(transport);
      if (!known) seen.set(transport, (known = new Set()));
      if (known.has(hop)) return;
      known.add(hop);
      const list = hops.get(transport) ?? [];
      list.push({ transport, nexthop: hop, via: typeof via === 'string' ? via : via() });
      hops.set(transport, list);
    };
    const param = (name: string): string => expandedValue(config, name).value.trim();
    const relayhost = param('relayhost');
    for (const name of ['default_transport', 'relay_transport']) add(param(name), name, relayhost);
    for (const name of ['local_transport', 'virtual_transport', 'mailbox_transport', 'fallback_transport']) {
      const v = param(name);
      // local(8) and virtual(8) deliver on this host whatever their next-hop says.
      const onHost = config.servicesNamed(splitTransport(v).transport).some((s) => s.program === 'local' || s.program === 'virtual');
      if (v) add(onHost ? `${splitTransport(v).transport}:localhost` : v, name);
    }
    const filter = param('content_filter');
    if (filter) add(filter, 'content_filter');
    for (const { service, text } of filterOptions(config)) add(expandRaw(config, text, service.entry).value, `-o content_filter on ${service.name}`);
    const defaultName = param('default_transport').split(':')[0];
    for (const spec of listItems(config, 'transport_maps')) {
      const table = tableOf(config, spec);
      if (!table?.entries) continue;
      if (table.source && isFlatMap(table.source)) {
        const flat = table.source;
        for (const g of mapHopGroups(config, spec, defaultName, flat)) addHop(g.transport, g.nexthop, () => `transport_maps (${spec}) ${foldKey(flat.keyAt(g.first))}`);
        continue;
      }
      for (const [key, value] of table.entries()) {
        const { transport, nexthop } = splitTransport(value.trim());
        // ":nexthop" keeps the class's transport: counted as the default transport's.
        add(transport ? value : `${defaultName}:${nexthop}`, () => `transport_maps (${spec}) ${key}`);
      }
    }
    const offHost = new Set([param('default_transport'), param('relay_transport')].map((v) => splitTransport(v).transport).filter(Boolean));
    for (const spec of listItems(config, 'sender_dependent_default_transport_maps')) {
      for (const v of tableValues(config, spec)) {
        if (isDunno(v)) continue;
        add(v, `sender_dependent_default_transport_maps (${spec})`);
        offHost.add(splitTransport(v.trim()).transport);
      }
    }
    // A sender-dependent relayhost replaces the next-hop of every off-host class (resolve.c):
    // each host it lists may be a next-hop of those transports, for some senders.
    for (const spec of listItems(config, 'sender_dependent_relayhost_maps')) {
      for (const v of tableValues(config, spec)) {
        if (isDunno(v) || !v.trim()) continue;
        for (const transport of offHost) if (transport) add(`${transport}:${v.trim()}`, `sender_dependent_relayhost_maps (${spec}), may also route`);
      }
    }
    // A transport's fallback relays are where its deliveries go when the next-hop fails.
    for (const service of config.services) {
      if (service.role !== 'outbound' || !hops.has(service.name)) continue;
      const relay = transportLimits(config, service).client.fallbackRelay;
      for (const host of splitList(relay.value ?? '')) add(`${service.name}:${host}`, relay.name);
    }
    return hops;
  });
}

/** The transport and next-hop a transport_maps value gives (`:nexthop` keeps the default transport's), or undefined. */
export function mapHopOf(value: string, defaultName: string): { transport: string; nexthop: string } | undefined {
  const { transport, nexthop } = splitTransport(value.trim());
  const hop = splitTransport((transport ? value : `${defaultName}:${nexthop}`).trim());
  return hop.transport ? hop : undefined;
}

/** A transport and next-hop a transport map names: how many entries name it, and the first (entry number). */
export interface HopGroup {
  transport: string;
  nexthop: string;
  count: number;
  first: number;
  /** Its entries' numbers while there are at most KEPT_ENTRIES of them (what a receiver's domains= could list); then undefined. */
  entries?: number[];
}

/** How many entry numbers a group keeps: past this its keys are too many to list anywhere. */
export const KEPT_ENTRIES = 16;

/** Per flat table version: its entries' distinct transport and next-hop pairs (see transportHops). */
const HOP_GROUPS = new StoreKey('transport map next-hops per flat table version', () => new WeakMap<FlatVersion, { spec: string; defaultName: string; groups: Map<string, HopGroup> }>());

/**
 * The distinct (transport, next-hop) pairs of a transport map read on the flat path, in
 * the order of their first entries. A version one edit away from one already read is
 * worked out from it (the edited entries only), unless the edit removed the first entry
 * of a pair that other entries still name.
 */
function mapHopGroups(config: Configuration, spec: string, defaultName: string, flat: FlatTable): HopGroup[] {
  return [...hopGroupsOf(config, spec, defaultName, flat)].sort((a, b) => a.first - b.first);
}

/** The same groups in no particular order, without copying them. */
export function hopGroupsOf(config: Configuration, spec: string, defaultName: string, flat: FlatTable): Iterable<HopGroup> {
  const store = config.caches.store(HOP_GROUPS);
  let kept = store.get(flat.version);
  if (!kept || kept.spec !== spec || kept.defaultName !== defaultName) {
    const edit = flat.edit;
    const before = edit ? store.get(edit.from) : undefined;
    let groups = before && before.spec === spec && before.defaultName === defaultName && edit ? followEdit(before.groups, edit, flat, defaultName) : undefined;
    if (edit) store.delete(edit.from); // its groups are now this version's
    if (!groups) {
      groups = new Map();
      // Only the first entry of a key routes (a later one with the same key is never answered).
      for (let i = 0; i < flat.size; i++) if (!flat.hasDuplicates || flat.winner(i)) addToGroup(groups, flat.valueAt(i), i, defaultName);
    }
    kept = { spec, defaultName, groups };
    store.set(flat.version, kept);
  }
  return kept.groups.values();
}

function addToGroup(groups: Map<string, HopGroup>, value: string, index: number, defaultName: string): void {
  const hop = mapHopOf(value, defaultName);
  if (!hop) return;
  const id = `${hop.transport}\0${hop.nexthop}`;
  const g = groups.get(id);
  if (!g) groups.set(id, { ...hop, count: 1, first: index, entries: [index] });
  else {
    g.count++;
    if (index < g.first) g.first = index;
    if (g.entries && g.entries.length < KEPT_ENTRIES) g.entries.push(index);
    else g.entries = undefined;
  }
}

/** The groups of the version before `edit`, changed in place to this version's; undefined when a rescan is needed. */
function followEdit(groups: Map<string, HopGroup>, edit: FlatEdit, flat: FlatTable, defaultName: string): Map<string, HopGroup> | undefined {
  const end = edit.first + edit.removed.length;
  // An entry that routed is gone (`index`: its number, when it stays in the table): false when
  // the group must be read again (it was the pair's first, or the pair's entries are few
  // enough to list again).
  const drop = (value: string, wasFirst: (g: HopGroup) => boolean, index?: number): boolean => {
    const hop = mapHopOf(value, defaultName);
    if (!hop) return true;
    const id = `${hop.transport}\0${hop.nexthop}`;
    const g = groups.get(id);
    if (!g) return false;
    if (--g.count === 0) {
      groups.delete(id);
      return true;
    }
    if (index !== undefined && g.entries) g.entries = g.entries.filter((i) => i !== index);
    return !wasFirst(g) && (!!g.entries || g.count > KEPT_ENTRIES);
  };
  for (const { value, winner } of edit.removed) {
    if (winner && !drop(value, (g) => g.first >= edit.first && g.first < end)) return undefined;
  }
  const shift = edit.added - edit.removed.length;
  for (const g of groups.values()) {
    if (g.first >= end) g.first += shift;
    // The removed entries were numbers first..end-1, whatever their group; the later ones move by shift.
    if (g.entries?.some((i) => i >= edit.first)) g.entries = g.entries.filter((i) => i < edit.first || i >= end).map((i) => (i >= end ? i + shift : i));
  }
  for (let i = edit.first; i < edit.first + edit.added; i++) if (flat.winner(i)) addToGroup(groups, flat.valueAt(i), i, defaultName);
  // Entries outside the edit that now route (a copy of their key before them went away),
  // then those that no longer do (a copy came in before them: usually with the same pair,
  // which the copy now holds first).
  for (const f of edit.flips) if (f.winner) addToGroup(groups, flat.valueAt(f.index), f.index, defaultName);
  for (const f of edit.flips) {
    if (!f.winner && !drop(flat.valueAt(f.index), (g) => g.first === f.index, f.index)) return undefined;
  }
  return groups;
}

/** Per master.cf version: its services with a non-empty -o content_filter (a scan of every entry, kept across main.cf edits). */
const FILTER_OPTIONS = new StoreKey('-o content_filter options per master.cf version', () => new WeakMap<MasterCf, { service: Service; text: string }[]>());

function filterOptions(config: Configuration): readonly { service: Service; text: string }[] {
  const kept = config.caches.store(FILTER_OPTIONS);
  let list = kept.get(config.master);
  if (!list) {
    list = [];
    for (const service of config.services) {
      let text = '';
      for (const o of service.entry.options) if (o.name.text === 'content_filter') text = o.value.text;
      if (text) list.push({ service, text });
    }
    kept.set(config.master, list);
  }
  return list;
}

/**
 * Whether every next-hop of a transport is on this host (a loopback content filter, an
 * LMTP socket): provider-oriented hints have nothing to say about it. False when the
 * transport appears in no route (nothing is known) or when any route of it can leave
 * the host, including mail for a recipient domain (an empty next-hop).
 */
export function deliversOnlyLocally(config: Configuration, transport: string): boolean {
  const hops = transportHops(config).get(transport);
  if (!hops?.length) return false;
  return hops.every((h) => isLocalNexthop(h.nexthop));
}
