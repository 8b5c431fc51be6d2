/**
 * Hover on the name of an outbound (smtp/lmtp) service in master.cf, or on a receiver
 * directive: the connection budget, with each number of the model and where it came from.
 */
import { Hover, MarkupKind } from 'vscode-languageserver-types';
import type { Receiver } from '../../model/receivers';
import { LISTED_TRANSPORTS, ReceiverBudget, TransportShare, budgetLine, receiverBudgets, shareOf, sharesOfService } from '../../model/budget';
import { SourceKey } from '../../model/sourceGroups';
import { onLineAt } from '../locate';
import { showCount } from '../../model/quantities';
import { Sourced, TransportLimits, describeSourced, transportLimits } from '../../model/transportLimits';
import { FeatureContext } from '../context';
import { ReceiverRouting, aliasedWords, routingWords } from '../../model/receiverRouting';

const DOCS = 'https://www.postfix.org/postconf.5.html';
const link = (name: string, template = name): string => `[${name}](${DOCS}#${template})`;

export function budgetHover(ctx: FeatureContext, offset: number): Hover | null {
  const budgets = receiverBudgets(ctx.config, ctx.settings.receivers);
  for (const budget of budgets) {
    const d = budget.receiver.directive;
    if (d && d.file === ctx.file.kind && offset >= d.start && offset <= d.end) {
      return markdown(ctx, d.start, d.end, receiverMarkdown(budget));
    }
  }
  if (ctx.file.kind !== 'master') return null;
  const entry = onLineAt(ctx.config.master.entries, offset);
  const name = entry?.fields.service;
  const service = name && offset >= name.start && offset <= name.end
    ? ctx.config.servicesNamed(name.text).find((s) => s.entry === entry && s.role === 'outbound')
    : undefined;
  if (!service) return null;
  const limits = transportLimits(ctx.config, service);
  const mine = sharesOfService(ctx.config, ctx.settings.receivers, service.entry);
  const parts = [`**${service.name}** (${service.program} client): connection budget`];
  if (!mine.length) {
    parts.push(shareMarkdown(shareOf(limits), 'no receiver declared, so one destination'));
    parts.push('Declare a strict receiver to check the sum across transports: `# @receiver NAME max-connections=N transports=' + service.name + '`.');
  }
  for (const { budget, share } of mine) {
    parts.push(shareMarkdown(share, destinationsOrigin(budget.receiver, true)));
    parts.push(`Receiver **${budget.receiver.name}**: ${budgetLine(budget, LISTED_TRANSPORTS)}`);
  }
  const field = service.entry.fields.service;
  return markdown(ctx, field.start, field.end, parts.join('\n\n'));
}

function markdown(ctx: FeatureContext, start: number, end: number, value: string): Hover {
  return { contents: { kind: MarkupKind.Markdown, value }, range: ctx.file.lines.range(start, end) };
}

/** Where a value came from, in a few words. */
function origin(s: Sourced): string {
  return describeSourced(s).replace(/^[^=]*= /, '');
}

/** The table of one transport's numbers and the formula that combines them. */
export function shareMarkdown(share: TransportShare, destinationsFrom: string): string {
  const l = share.limits;
  const rows = [
    '| | value | from |',
    '|---|---|---|',
    `| P: processes | ${showCount(l.processLimit)} | ${processOrigin(l)} |`,
    ...(l.transportRateDelaySeconds > 0 ? [`| X: deliveries at once in all | 1 | ${link(`${l.name}_transport_rate_delay`, 'transport_transport_rate_delay')} ${origin(l.transportRateDelay)} is not zero |`] : []),
    `| L: sessions per destination | ${l.perRecipient ? 'no bound' : showCount(l.perDestination)} | ${limitOrigin(l)} |`,
    `| D: destinations | ${share.fallback && !Number.isFinite(share.destinations) ? 'every next-hop' : showCount(share.destinations)} | ${destinationsFrom}${share.fallback ? ' (fallback relay)' : ''} |`,
    `| caching | ${l.caching ? 'on' : 'off'} | ${cachingOrigin(l)} |`,
    `| TLS | ${share.tls ? 'yes' : 'no'} | ${tlsOrigin(share)} |`,
    `| source | ${sourceWords(share.sources)} | ${sourceOrigin(share)} |`,
  ];
  return `${rows.join('\n')}\n\n${formulaWords(share)}`;
}

function formulaWords(share: TransportShare): string {
  const l = share.limits;
  if (l.stuck) return `A negative concurrency limit (${l.concurrencyLimit}) leaves qmgr never starting a delivery: **0** sessions, and the mail stays queued.`;
  const X = l.transportRateDelaySeconds > 0 ? ', X' : '';
  const active = `active = min(L x D, P${X})`;
  if (!share.cachingInEffect) {
    const why = l.caching ? 'TLS sessions are not cached without connection reuse' : 'without connection caching';
    return `${why[0].toUpperCase()}${why.slice(1)}, every session is an active delivery: ${active} = ${share.formula}: at most **${showCount(share.visible)}** at once, an exact count (the lab measured exactly this).`;
  }
  const cached = share.fallback ? 'cached = active (one fallback address)' : `cached = D x min(L, P${X})`;
  return `With connection caching in effect, idle sessions stay open beside the active ones, and a destination whose queue drains and refills while they are cached gets new sessions beside them: ${active}, ${cached}; ${share.formula}: can reach **${showCount(share.visible)}** at once. Only caching off gives an exact count.`;
}

function processOrigin(l: TransportLimits): string {
  const field = `maxproc field "${l.maxprocField.text}"`;
  if (!l.processDefault) return l.processLimit === Infinity ? `${field} (0 = no limit)` : field;
  return `${field} = ${link('default_process_limit')} ${origin(l.processDefault)}`;
}

function limitOrigin(l: TransportLimits): string {
  const limit = `${link(`${l.name}_destination_concurrency_limit`, 'transport_destination_concurrency_limit')} ${origin(l.concurrency)}`;
  if (l.perRecipient) return `${link(`${l.name}_destination_recipient_limit`, 'transport_destination_recipient_limit')} ${origin(l.recipient)} makes every recipient its own destination, so ${limit} applies per recipient`;
  if (l.rateDelaySeconds <= 0) return l.concurrencyLimit === Infinity ? `${limit} (0 = no limit)` : limit;
  return `1 because ${link(`${l.name}_destination_rate_delay`, 'transport_destination_rate_delay')} ${origin(l.rateDelay)} is not zero (${limit} has no effect)`;
}

function cachingOrigin(l: TransportLimits): string {
  const prefix = l.service.program === 'lmtp' ? 'lmtp' : 'smtp';
  const onDemand = `${link(l.cacheOnDemand.name, `${prefix}_connection_cache_on_demand`)} ${origin(l.cacheOnDemand)}`;
  const always = l.cacheDestinations.value ? `, ${link(l.cacheDestinations.name, `${prefix}_connection_cache_destinations`)} ${origin(l.cacheDestinations)}` : '';
  return onDemand + always;
}

function tlsOrigin(share: TransportShare): string {
  const c = share.client;
  const prefix = share.limits.service.program === 'lmtp' ? 'lmtp' : 'smtp';
  const level = c.tlsLevelFrom.from === 'default'
    ? `${link(c.tlsLevelFrom.name)} not set: level ${c.tlsLevel}`
    : `${link(c.tlsLevelFrom.name)} ${origin(c.tlsLevelFrom)} (level ${c.tlsLevel})`;
  const reuse = `${link(c.tlsReuseFrom.name, `${prefix}_tls_connection_reuse`)} ${origin(c.tlsReuseFrom)}`;
  const offered = c.tlsUse === 'offered' ? (share.tls ? '; the receiver offers STARTTLS' : '; the receiver does not offer STARTTLS (starttls=no)') : '';
  return `${level}${offered}${share.tls ? `; ${reuse}` : ''}`;
}

function sourceWords(sources: readonly SourceKey[]): string {
  return sources.map((k) => k.address || `default ${k.family === 'ipv4' ? 'IPv4' : 'IPv6'}`).join(', ');
}

function sourceOrigin(share: TransportShare): string {
  const c = share.client;
  const protocols = `${link(c.protocols.name)} ${c.protocols.from === 'default' ? 'all (default)' : origin(c.protocols)}`;
  const binds = [c.bind4, c.bind6].filter((s) => s.value).map((s) => `${link(s.name)} ${origin(s)}`);
  return `${protocols}; ${binds.length ? binds.join(', ') : 'no bind address: the system picks it'}`;
}

/** Where a receiver's D came from: its directive's key, the setting, or the default. */
function destinationsOrigin(r: Receiver, named: boolean): string {
  const of = named ? ` of receiver "${r.name}"` : '';
  const d = r.directive;
  if (!d) {
    const where = `the \`postfix.receivers\` setting${of}`;
    return r.fallback && !Number.isFinite(r.destinations) ? `\`fallback\` with no \`destinations\` in ${where}: every next-hop` : `\`destinations\` in ${where} (1 when not set)`;
  }
  const key = d.keys.get('destinations');
  if (key) return `\`${key.pair.text}\` in the directive${of}`;
  if (r.fallback) return `\`fallback=yes\` and no \`destinations=\` in the directive${of}: every next-hop that falls back`;
  return `\`destinations=\` not set in the directive${of}: 1 (set it to how many of the receiver's next-hops the transport serves)`;
}

function receiverMarkdown(budget: ReceiverBudget): string {
  const r = budget.receiver;
  const parts = [`**Receiver ${r.name}**: ${budgetLine(budget)}`];
  const perHop = r.fallback
    ? `it is the fallback relay of its transports, for ${Number.isFinite(r.destinations) ? `${r.destinations} next-hop${r.destinations === 1 ? '' : 's'}` : 'every next-hop'} of each`
    : budget.routing && !r.destinationsGiven
      ? 'the routing of its domains gives each transport its next-hops (destinations)'
      : `each transport serves ${r.destinations} destination${r.destinations === 1 ? '' : 's'} (next-hops) of it`;
  const source = budget.source ? ` This budget counts the sessions from ${budget.source}.` : '';
  parts.push(`Accepts ${r.maxConnections} session${r.maxConnections === 1 ? '' : 's'} from each source address of this host; ${r.otherSenders} come from other senders sharing it; ${perHop}; it ${r.starttls ? 'offers' : 'does not offer'} STARTTLS.${source}`);
  if (budget.routing) parts.push(routingMarkdown(budget.routing));
  const hops = (t: string): string => (budget.routing?.transports.get(t)?.size && !r.destinationsGiven ? 'the routing of the receiver\'s domains' : destinationsOrigin(r, false));
  for (const share of budget.shares) parts.push(`**${share.transport}**\n\n${shareMarkdown(share, hops(share.transport))}`);
  if (budget.missing.length) parts.push(`Not counted (no smtp/lmtp service in master.cf): ${budget.missing.join(', ')}.`);
  if (budget.apart.length) parts.push(`Counted apart (they send from another source address): ${budget.apart.join(', ')}.`);
  return parts.join('\n\n');
}

/** Where routing sends the receiver's domains: one line per domain, then each transport's next-hops. */
function routingMarkdown(routing: ReceiverRouting): string {
  const lines = [`Routing: ${routingWords(routing) || 'no route found'}.`, ''];
  for (const route of routing.routes) {
    if (route.aliased) {
      lines.push(`- ${aliasedWords(route.domain)}.`);
      continue;
    }
    const how = route.steps.map((s) => (s.table ? `${s.name} ${s.table} \`${s.key}\` → \`${s.value}\`` : `${s.name} = \`${s.value}\``)).join(', then ');
    const also = route.mayAlso.length ? `; may also go through ${[...new Set(route.mayAlso.map((m) => m.transport))].join(', ')} (${route.mayAlso[0].via})` : '';
    lines.push(`- ${route.domain} → **${route.transport}** next-hop \`${route.nexthop}\`${route.mxRouted ? ' (MX-routed)' : ''}: ${how}${also}${route.incomplete ? ` (incomplete: ${route.incomplete})` : ''}`);
  }
  return lines.join('\n');
}
