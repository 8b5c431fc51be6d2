/**
 * Hover on the name of an outbound (smtp/lmtp) service in master.cf, or on a receiver
 * directive: the connection budget, with each number of the model and where it came from.
 */
import { Hover, MarkupKind } from 'vscode-languageserver-types';
import { LISTED_TRANSPORTS, ReceiverBudget, TransportShare, budgetLine, receiverBudgets, shareOf, sharesOfService } from '../../model/budget';
import { onLineAt } from '../locate';
import { showCount } from '../../model/quantities';
import { Sourced, TransportLimits, describeSourced, transportLimits } from '../../model/transportLimits';
import { FeatureContext } from '../context';

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
  const entry = onLineAt(ctx.config.master.services, offset);
  const name = entry?.fields.service;
  const service = name && offset >= name.start && offset <= name.end
    ? ctx.config.servicesNamed(name.text).find((s) => s.entry === entry && s.role === 'outbound')
    : undefined;
  if (!service) return null;
  const limits = transportLimits(ctx.config, service);
  const mine = sharesOfService(budgets, service.entry);
  const parts = [`**${service.name}** (${service.program} client): connection budget`];
  if (!mine.length) {
    parts.push(shareMarkdown(shareOf(limits, 1), 'no receiver declared, so one destination'));
    parts.push('Declare a strict receiver to check the sum across transports: `# @receiver NAME max-connections=N transports=' + service.name + '`.');
  }
  for (const { budget, share } of mine) {
    parts.push(shareMarkdown(share, `receiver "${budget.receiver.name}"`));
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
    `| L: sessions per destination | ${showCount(l.perDestination)} | ${limitOrigin(l)} |`,
    `| D: destinations | ${share.destinations} | ${destinationsFrom} |`,
    `| caching | ${l.caching ? 'on' : 'off'} | ${cachingOrigin(l)} |`,
  ];
  const formula = l.caching
    ? 'With caching, idle sessions are held outside the process limit: visible = min(L x D, P + L x (D - 1))'
    : 'Without caching: visible = min(L x D, P)';
  return `${rows.join('\n')}\n\n${formula} = ${share.formula}: up to **${showCount(share.visible)}** sessions at once.`;
}

function processOrigin(l: TransportLimits): string {
  const field = `maxproc field "${l.maxprocField.text}"`;
  if (!l.processDefault) return l.processLimit === Infinity ? `${field} (0 = no limit)` : field;
  return `${field} = ${link('default_process_limit')} ${origin(l.processDefault)}`;
}

function limitOrigin(l: TransportLimits): string {
  const limit = `${link(`${l.name}_destination_concurrency_limit`, 'transport_destination_concurrency_limit')} ${origin(l.concurrency)}`;
  if (l.rateDelaySeconds <= 0) return l.concurrencyLimit === Infinity ? `${limit} (0 = no limit)` : limit;
  return `1 because ${link(`${l.name}_destination_rate_delay`, 'transport_destination_rate_delay')} ${origin(l.rateDelay)} is not zero (${limit} has no effect)`;
}

function cachingOrigin(l: TransportLimits): string {
  const prefix = l.service.program === 'lmtp' ? 'lmtp' : 'smtp';
  const onDemand = `${link(l.cacheOnDemand.name, `${prefix}_connection_cache_on_demand`)} ${origin(l.cacheOnDemand)}`;
  const always = l.cacheDestinations.value ? `, ${link(l.cacheDestinations.name, `${prefix}_connection_cache_destinations`)} ${origin(l.cacheDestinations)}` : '';
  return onDemand + always;
}

function receiverMarkdown(budget: ReceiverBudget): string {
  const r = budget.receiver;
  const parts = [`**Receiver ${r.name}**: ${budgetLine(budget)}`];
  parts.push(`Accepts ${r.maxConnections} sessions from this host; ${r.otherSenders} come from other senders sharing the source IP; each transport serves ${r.destinations} destination${r.destinations === 1 ? '' : 's'} (next-hops) of it.`);
  for (const share of budget.shares) parts.push(`**${share.transport}**\n\n${shareMarkdown(share, 'destinations=')}`);
  if (budget.missing.length) parts.push(`Not counted (no smtp/lmtp service in master.cf): ${budget.missing.join(', ')}.`);
  return parts.join('\n\n');
}
