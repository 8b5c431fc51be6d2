/**
 * A receiver declared by its domains (and MX hosts): which transports carry its mail and
 * how many next-hops each serves, from the routing (routing.ts). Each distinct next-hop is
 * one qmgr queue, so one per-destination limit: three MX-routed domains are three
 * next-hops, three domains sent to one [relay] are one (measured in the budget lab).
 */
import type { Configuration } from './configuration';
import type { Receiver } from './receivers';
import { DomainRoute, TransportHop, routeOf, transportHops } from './routing';

/** One next-hop (qmgr queue) of a transport and the receiver's domains that reach it. */
export interface ReceiverHop {
  nexthop: string;
  domains: string[];
  mxRouted: boolean;
  /** Set for a next-hop found because it names one of the receiver's MX hosts. */
  via?: string;
}

export interface ReceiverRouting {
  /** Per transport, its next-hops toward the receiver by queue name, in first-seen order. */
  transports: Map<string, Map<string, ReceiverHop>>;
  /** The route of each domain. */
  routes: DomainRoute[];
  /** Why the routing may be incomplete (tables that could not be read). */
  incomplete: string[];
}

/** The host of a next-hop: "[mx1.orange.fr]:25" -> "mx1.orange.fr". */
export function hostOf(nexthop: string): string {
  const n = nexthop.trim().toLowerCase().replace(/^inet:/, '');
  const host = n.startsWith('[') ? n.slice(1, n.indexOf(']') < 0 ? n.length : n.indexOf(']')) : n.replace(/:\d*$/, '');
  return host.replace(/\.$/, '');
}

/** Where a receiver's mail goes: its domains' routes, and every known next-hop naming one of its MX hosts. */
export function receiverRouting(config: Configuration, receiver: Receiver): ReceiverRouting {
  const transports = new Map<string, Map<string, ReceiverHop>>();
  const incomplete = new Set<string>();
  const hopsOf = (t: string): Map<string, ReceiverHop> => {
    let m = transports.get(t);
    if (!m) transports.set(t, (m = new Map()));
    return m;
  };
  const routes = (receiver.domains ?? []).map((d) => routeOf(config, d));
  for (const r of routes) {
    if (r.incomplete) incomplete.add(r.incomplete);
    // Mail for a virtual alias domain is rewritten to other addresses, not delivered to it: no next-hop of its own.
    if (r.aliased) continue;
    const hops = hopsOf(r.transport);
    const hop = hops.get(r.queue);
    if (hop) hop.domains.push(r.domain);
    else hops.set(r.queue, { nexthop: r.nexthop, domains: [r.domain], mxRouted: r.mxRouted });
  }
  const mx = new Set(receiver.mx ?? []);
  if (mx.size) {
    for (const list of transportHops(config).values()) {
      for (const h of list) if (h.nexthop && mx.has(hostOf(h.nexthop))) addMxHop(hopsOf(h.transport), h);
    }
  }
  return { transports, routes, incomplete: [...incomplete] };
}

function addMxHop(hops: Map<string, ReceiverHop>, h: TransportHop): void {
  const queue = h.nexthop.toLowerCase();
  if (!hops.has(queue)) hops.set(queue, { nexthop: h.nexthop, domains: [], mxRouted: false, via: h.via });
}

/**
 * "2 domains MX-routed = 2 next-hops via smtp", "3 domains to [smtp.orange.fr] = 1 next-hop
 * via orange": how routing gives one transport its D.
 */
export function hopsWords(transport: string, hops: ReadonlyMap<string, ReceiverHop>): string {
  const list = [...hops.values()];
  const parts: string[] = [];
  const mx = list.filter((h) => h.mxRouted && h.domains.length === 1 && h.domains[0] === h.nexthop.toLowerCase());
  if (mx.length) parts.push(`${mx.length} domain${mx.length === 1 ? '' : 's'} MX-routed`);
  for (const h of list) {
    if (mx.includes(h)) continue;
    if (h.via) parts.push(`${h.nexthop} (MX host, ${h.via})`);
    else parts.push(`${h.domains.length} domain${h.domains.length === 1 ? '' : 's'} to ${h.nexthop}`);
  }
  return `${parts.join(' + ')} = ${list.length} next-hop${list.length === 1 ? '' : 's'} via ${transport}`;
}

/** Every transport's words, joined (and the receiver's virtual alias domains): the routing part of a lens or hover. */
export function routingWords(routing: ReceiverRouting): string {
  const aliased = routing.routes.filter((r) => r.aliased).length;
  const words = [...routing.transports].filter(([, h]) => h.size).map(([t, h]) => hopsWords(t, h));
  if (aliased) words.push(`${aliased} virtual alias domain${aliased === 1 ? '' : 's'} (aliased, not delivered)`);
  return words.join('; ');
}

/** A route in words for a virtual alias domain: what happens to its mail. */
export function aliasedWords(domain: string): string {
  return `${domain} is in virtual_alias_domains: virtual_alias_maps rewrites its addresses and the new addresses are routed on their own; mail for a user there that no alias matches is rejected (5.1.1 User unknown)`;
}
