/**
 * The routing part of a hover on a transport map key: where mail for the key goes (the
 * transport and the next-hop, which is one qmgr destination) and the connection budgets
 * it feeds. The map file's own hover (maps/) adds it under what a lookup returns.
 */
import { budgetLine, receiverBudgets } from '../../model/budget';
import { routeOf, splitList, splitTransport } from '../../model/routing';
import { expandedValue } from '../../model/effective';
import { splitTableSpec } from '../../model/tables';
import { FeatureContext } from '../context';
import { LISTED_TRANSPORTS } from '../../model/budget';
import { aliasedWords } from '../../model/receiverRouting';

/**
 * Markdown for the entry `key` of the table at `path` (as main.cf names it), or undefined
 * when that table is not one of transport_maps.
 */
export function transportEntryMarkdown(ctx: Pick<FeatureContext, 'config' | 'settings'>, path: string, key: string): string | undefined {
  const config = ctx.config;
  const spec = splitList(expandedValue(config, 'transport_maps').value).find((s) => splitTableSpec(s)?.name === path);
  if (!spec) return undefined;
  const k = key.toLowerCase();
  const lines: string[] = [];
  let transport: string | undefined;
  if (k === '*' || k.startsWith('.') || k.includes('@')) {
    const value = config.tables?.get(path)?.lookup(k);
    if (value === undefined) return undefined;
    const entry = splitTransport(value);
    transport = entry.transport || undefined;
    const what = k === '*' ? 'every domain no other entry matches' : k.startsWith('.') ? `the subdomains of ${k.slice(1)}` : k;
    lines.push(`Routes ${what}: ${entry.transport ? `transport **${entry.transport}**` : 'the transport of the address class'}, next-hop ${entry.nexthop ? `\`${entry.nexthop}\`` : 'the recipient domain (MX-routed)'}.`);
  } else {
    const route = routeOf(config, k);
    if (route.aliased) return `${aliasedWords(k)}. This transport map entry is not consulted for it.`;
    transport = route.transport;
    const last = route.steps[route.steps.length - 1];
    const decides = last.name === 'transport_maps' && last.table === spec && last.key === k;
    lines.push(`Mail for ${k}: transport **${route.transport}**, next-hop \`${route.nexthop}\`${route.mxRouted ? ' (MX-routed)' : ''}: one qmgr destination, with its own per-destination limit.`);
    if (!decides) lines.push(last.name === 'transport_maps' ? `This entry does not decide: ${last.table} answers first for ${last.key}.` : 'This entry does not decide the route.');
    if (route.incomplete) lines.push(`The route may be incomplete: ${route.incomplete}.`);
  }
  for (const budget of receiverBudgets(config, ctx.settings.receivers)) {
    const domains = budget.receiver.domains ?? [];
    const feeds = domains.includes(k) || (transport !== undefined && budget.shares.some((s) => s.transport === transport) && !budget.routing);
    if (feeds) lines.push(`Feeds the budget of receiver **${budget.receiver.name}**: ${budgetLine(budget, LISTED_TRANSPORTS)}`);
  }
  return lines.join('\n\n');
}
