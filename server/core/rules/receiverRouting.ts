/**
 * The routing of a receiver declared by its domains, against what its directive says:
 *
 * - receiver-route-outside: transports= names the receiver's transports, but the routing
 *   sends one of its domains through another smtp/lmtp transport (often the default
 *   `smtp`): those sessions reach the receiver outside the budget. The quick-fix adds the
 *   transport map line that sends the domain through the receiver's transport.
 * - receiver-destinations: destinations= says how many next-hops each transport serves,
 *   and the routing of the receiver's domains says otherwise.
 *
 * Quiet where a table on the way could not be read: a guess is not reported.
 */
import { Finding } from '../findings';
import { ReceiverBudget, receiverBudgets } from '../model/budget';
import type { Configuration } from '../model/configuration';
import { hopsWords } from '../model/receiverRouting';
import { splitList } from '../model/routing';
import { splitTableSpec } from '../model/tables';
import { expandedValue } from '../model/effective';
import { Rule } from './types';

export const receiverRoutingRule: Rule = {
  kind: 'configuration',
  codes: ['receiver-route-outside', 'receiver-destinations'],
  check({ config, settings }) {
    const out: Finding[] = [];
    const seen = new Set<string>();
    for (const budget of receiverBudgets(config, settings.receivers)) {
      const d = budget.receiver.directive;
      if (!budget.routing || !d || seen.has(budget.receiver.name)) continue;
      seen.add(budget.receiver.name);
      out.push(...outside(config, budget), ...destinations(budget));
    }
    return out;
  },
};

/** The table file a transport map line can be added to: the first file-based table of transport_maps. */
export function transportMapFile(config: Configuration): { spec: string; type: string; path: string } | undefined {
  for (const spec of splitList(expandedValue(config, 'transport_maps').value)) {
    const parts = splitTableSpec(spec);
    if (parts && ['hash', 'btree', 'lmdb', 'cdb', 'dbm', 'texthash'].includes(parts.type)) return { spec, type: parts.type, path: parts.name };
  }
  return undefined;
}

function outside(config: Configuration, budget: ReceiverBudget): Finding[] {
  const r = budget.receiver;
  const d = r.directive!;
  if (!r.transportsGiven) return [];
  const mine = new Set(r.transports);
  const out: Finding[] = [];
  const map = transportMapFile(config);
  for (const route of budget.routing!.routes) {
    if (route.incomplete || mine.has(route.transport)) continue;
    if (!config.servicesNamed(route.transport).some((s) => s.role === 'outbound')) continue;
    const token = d.domains.find((t) => t.text === route.domain);
    if (!token) continue;
    const decided = route.steps[route.steps.length - 1];
    const why = decided.table ? `${decided.name} ${decided.table} answers "${decided.value}" for ${decided.key}` : `${decided.name} = ${decided.value}`;
    // The line the fix adds: the receiver's first transport, with the next-hop its other domains share there, if one.
    const target = r.transports[0];
    const shared = [...(budget.routing!.transports.get(target)?.values() ?? [])].filter((h) => !h.mxRouted);
    const value = `${target}:${shared.length === 1 ? shared[0].nexthop : ''}`;
    out.push({
      code: 'receiver-route-outside', file: token.file, start: token.start, end: token.end,
      message: `Mail for ${route.domain} goes through "${route.transport}" (${why}), which is not among receiver "${r.name}"'s transports (${r.transports.join(', ')}): its sessions reach the receiver outside this budget.`,
      related: [{ file: d.file, start: d.start, end: d.end, message: `@receiver ${r.name}` }],
      data: { receiver: r.name, domain: route.domain, transport: route.transport, line: `${route.domain} ${value}`, ...(map ? { map: map.path, mapType: map.type } : {}) },
    });
  }
  return out;
}

function destinations(budget: ReceiverBudget): Finding[] {
  const r = budget.receiver;
  const pair = r.directive!.keys.get('destinations');
  if (!r.destinationsGiven || !pair || budget.routing!.routes.some((x) => x.incomplete)) return [];
  const wrong = [...budget.routing!.transports].filter(([t, hops]) => hops.size && hops.size !== r.destinations && budget.shares.some((s) => s.transport === t));
  if (!wrong.length) return [];
  const words = wrong.map(([t, hops]) => hopsWords(t, hops)).join('; ');
  return [{
    code: 'receiver-destinations', file: pair.pair.file, start: pair.pair.start, end: pair.pair.end,
    message: `destinations=${r.destinations}, but the routing of its domains gives ${words}: the budget counts ${r.destinations} next-hop${r.destinations === 1 ? '' : 's'} per transport.`,
    data: { receiver: r.name, routed: wrong.map(([, hops]) => hops.size) },
  }];
}
