/**
 * The domains a transport serves by name: the keys of transport_maps entries that route to
 * it. What a receiver declared by its domains (domains=) could list for that transport, so
 * that routing gives the transport and its next-hops. Only when that is all the transport
 * does and the keys are few: a transport some parameter names (default_transport, a content
 * filter, a fallback relay, ...) also carries mail for domains no key names.
 */
import type { Configuration } from './configuration';
import { DerivedKey } from '../caches';
import { isFlatMap } from '../maps/fastIndexed';
import { foldKey } from '../maps/mapFile';
import { isDirectiveDomain } from './receivers';
import { KEPT_ENTRIES, hopGroupsOf, listItems, mapHopOf, routeOf, transportHops } from './routing';
import { expandedValue } from './effective';
import { tableOf } from './tables';

/** Per transport: its keys (at most KEPT_ENTRIES), or undefined when more or unknown. */
type KeysByTransport = Map<string, string[] | undefined>;

const KEYS = new DerivedKey<KeysByTransport | undefined>('transport map keys by transport');

/**
 * The domains the transport maps route to `transport` by an explicit key, when that is
 * what it serves: at most `limit` of them (no more than KEPT_ENTRIES), each one routing to
 * the transport (routeOf agrees). Undefined when there are none, more than `limit`, keys
 * that are not domains (`.sub.domain`, an address, `*`), a table that cannot be listed, or
 * when the transport also gets mail some other way.
 */
export function domainsServedBy(config: Configuration, transport: string, limit: number): string[] | undefined {
  const hops = transportHops(config).get(transport);
  if (!hops?.length || hops.some((h) => !h.via.startsWith('transport_maps'))) return undefined;
  const keys = transportMapKeys(config, transport);
  if (!keys?.length || keys.length > limit || !keys.every(isDirectiveDomain)) return undefined;
  const domains = [...new Set(keys.map((k) => k.replace(/\.$/, '')))];
  return domains.every((d) => {
    const route = routeOf(config, d);
    return !route.aliased && !route.incomplete && route.transport === transport;
  }) ? domains : undefined;
}

/**
 * The keys (folded) of the transport map entries that name `transport` (`:nexthop` entries
 * count as default_transport's), in no particular order; undefined when there are more than
 * KEPT_ENTRIES or a table of transport_maps cannot be listed.
 */
export function transportMapKeys(config: Configuration, transport: string): readonly string[] | undefined {
  const byTransport = keysByTransport(config);
  return byTransport ? (byTransport.has(transport) ? byTransport.get(transport) : []) : undefined;
}

/** Every transport's keys in the transport maps, once per configuration; undefined when a table cannot be listed. */
function keysByTransport(config: Configuration): KeysByTransport | undefined {
  return config.derive(KEYS, () => {
    const byTransport: KeysByTransport = new Map();
    const add = (transport: string, key: () => string): void => {
      if (!byTransport.has(transport)) byTransport.set(transport, []);
      const list = byTransport.get(transport);
      if (list && list.length < KEPT_ENTRIES) list.push(key());
      else byTransport.set(transport, undefined);
    };
    const defaultName = expandedValue(config, 'default_transport').value.trim().split(':')[0];
    for (const spec of listItems(config, 'transport_maps')) {
      const table = tableOf(config, spec);
      if (!table?.entries || table.pattern) return undefined;
      if (table.source && isFlatMap(table.source)) {
        const flat = table.source;
        // The groups are kept per table version: no scan of a large table for each lens.
        for (const g of hopGroupsOf(config, spec, defaultName, flat)) {
          if (!g.entries) byTransport.set(g.transport, undefined);
          else for (const i of g.entries) add(g.transport, () => foldKey(flat.keyAt(i)));
        }
        continue;
      }
      for (const [key, value] of table.entries()) {
        const hop = mapHopOf(value, defaultName);
        if (hop) add(hop.transport, () => foldKey(key));
      }
    }
    return byTransport;
  });
}
