/**
 * Code lenses: the connection budget over each receiver directive and over each outbound
 * transport in master.cf, e.g. "orange: 2 + wanadoo: 1 + 1 other = 4 of 3 (expect 421)".
 * A transport that serves no declared receiver shows its peak toward one destination
 * instead (see peakWords).
 */
import { CodeLens } from 'vscode-languageserver-types';
import { LISTED_TRANSPORTS, TransportShare, budgetLine, receiverBudgets, sharesOfService, shareOf } from '../model/budget';
import { showCount } from '../model/quantities';
import { transportLimits } from '../model/transportLimits';
import { FeatureContext } from './context';
import { routingWords } from '../model/receiverRouting';
import { domainsServedBy } from '../model/mapDomains';

/** The client command a "no receiver declared" lens runs: insert `snippet` as a new line `line` of `uri`. */
export const DECLARE_RECEIVER_COMMAND = 'postfix.declareReceiver';

export interface DeclareReceiverArguments {
  uri: string;
  /** 0-based line the directive goes on (the transport's entry moves down). */
  line: number;
  /** A snippet in VS Code's syntax, ending with a newline. */
  snippet: string;
}

export function codeLenses(ctx: FeatureContext): CodeLens[] {
  const lenses: CodeLens[] = [];
  const budgets = receiverBudgets(ctx.config, ctx.settings.receivers);
  const lens = (start: number, end: number, title: string, tooltip: string, declare?: DeclareReceiverArguments): void => {
    const command = declare ? { title, command: DECLARE_RECEIVER_COMMAND, tooltip, arguments: [declare] } : { title, command: '', tooltip };
    lenses.push({ range: ctx.file.lines.range(start, end), command });
  };
  // One line per budget, of bounded length: it is repeated over each of its transports.
  const lines = new Map(budgets.map((b) => [b, budgetLine(b, LISTED_TRANSPORTS)]));
  for (const budget of budgets) {
    const d = budget.receiver.directive;
    if (d && d.file === ctx.file.kind) {
      lens(d.start, d.end, lines.get(budget)!, `Connection budget of receiver "${budget.receiver.name}"`);
      // A receiver declared by its domains: where routing sends them, which gives its transports and D.
      if (budget.routing) lens(d.start, d.end, `${budget.receiver.name}: ${routingWords(budget.routing) || 'no route found'}`, 'Next-hops from the routing: each is one qmgr destination with its own concurrency limit');
    }
  }
  if (ctx.file.kind !== 'master') return lenses;
  let undeclared: string[] | undefined;
  for (const service of ctx.config.services) {
    if (service.role !== 'outbound') continue;
    const field = service.entry.fields.service;
    const mine = sharesOfService(ctx.config, ctx.settings.receivers, service.entry);
    for (const { budget } of mine) lens(field.start, field.end, lines.get(budget)!, `Connection budget of receiver "${budget.receiver.name}"`);
    if (!mine.length) {
      const share = shareOf(transportLimits(ctx.config, service));
      undeclared ??= ctx.config.services.filter((s) => s.role === 'outbound' && !sharesOfService(ctx.config, ctx.settings.receivers, s.entry).length).map((s) => s.name);
      const domainsOf = (t: string): string[] | undefined => domainsServedBy(ctx.config, t, MAX_SNIPPET_DOMAINS);
      const tooltip = domainsOf(service.name)
        ? `Click to declare a strict receiver for the domains the transport map routes to "${service.name}" ("# @receiver NAME max-connections=N domains=..."): routing then gives its transports and next-hops, whose sessions are added up against its cap.`
        : `Click to declare a strict receiver for "${service.name}" ("# @receiver NAME max-connections=N transports=..."): the sessions of its transports are then added up against its cap.`;
      lens(field.start, field.end, `${service.name}: ${peakWords(share)} (no receiver declared)`, tooltip,
        { uri: ctx.file.uri, line: ctx.file.lines.position(field.start).line, snippet: directiveSnippet(service.name, undeclared, domainsOf) });
    }
  }
  return lenses;
}

/** Postfix's own master.cf transports: a provider's receiver rarely takes them along. */
const STOCK_TRANSPORTS = new Set(['smtp', 'relay', 'lmtp']);
/** Past this many other candidates the choice would be a guess (and each lens would carry them all). */
const MAX_TAKEN_ALONG = 4;
/** Past this many domains the directive would be a wall of names: it names the transport instead. */
export const MAX_SNIPPET_DOMAINS = 10;

/**
 * The directive for `transport`, as a snippet: the cap first, then the name, then what the
 * receiver takes in. Its domains when the transport map routes those (and only those) to the
 * transport (`domainsOf`), since routing then gives the transports and next-hops; else the
 * transport. When other transports of our own have no receiver either, a choice of taking
 * them (or their domains) along, since a provider's domains often go through several
 * transports that share its one cap.
 */
export function directiveSnippet(transport: string, undeclared: readonly string[], domainsOf: (t: string) => readonly string[] | undefined = () => undefined): string {
  const escape = (text: string, also: string): string => text.replace(new RegExp(`[\\\\$}${also}]`, 'g'), (c) => `\\${c}`);
  const choice = (items: string[]): string => (items.length > 1 ? `\${3|${items.map((t) => escape(t, ',|')).join(',')}|}` : escape(items[0], ''));
  const head = `# @receiver \${2:${escape(transport, '')}} max-connections=\${1:3}`;
  const others = takenAlong(transport, undeclared);
  const own = domainsOf(transport);
  if (own?.length) {
    const along = others.map(domainsOf).filter((d): d is readonly string[] => !!d?.length);
    const all = [...own, ...along.flat()];
    return `${head} domains=${choice(along.length && all.length <= MAX_SNIPPET_DOMAINS ? [own.join(','), all.join(',')] : [own.join(',')])}\n`;
  }
  return `${head} transports=${choice(others.length ? [transport, [transport, ...others].join(',')] : [transport])}\n`;
}

/** The other undeclared transports worth offering to take along with `transport`: none for a stock one, none when too many. */
function takenAlong(transport: string, undeclared: readonly string[]): string[] {
  // Every lens of master.cf calls this: with thousands of undeclared transports, filtering
  // the list for each would be quadratic, and past MAX_TAKEN_ALONG + 1 + the stock ones
  // there are surely too many candidates to offer.
  const tooMany = undeclared.length > MAX_TAKEN_ALONG + 1 + STOCK_TRANSPORTS.size;
  const candidates = STOCK_TRANSPORTS.has(transport) || tooMany ? [] : undeclared.filter((t) => t !== transport && !STOCK_TRANSPORTS.has(t));
  return candidates.length <= MAX_TAKEN_ALONG ? candidates : [];
}

/**
 * A transport's peak toward one destination, in a few words: "up to 2 sessions per
 * destination", "can reach 40 sessions per destination: 20 active + 20 cached", "1
 * session at a time in all (transport rate delay)", "no delivery ever starts (...)".
 */
export function peakWords(share: TransportShare): string {
  const l = share.limits;
  if (l.stuck) return `no delivery ever starts (concurrency limit ${l.concurrencyLimit})`;
  const n = showCount(share.visible);
  const sessions = `${n} session${share.visible === 1 ? '' : 's'}`;
  if (l.transportRateDelaySeconds > 0 && !share.cachingInEffect) return `${sessions} at a time in all (transport rate delay)`;
  const where = l.perRecipient ? 'in all (recipient limit 1: every recipient is a destination)' : 'per destination';
  if (!share.cachingInEffect) return `up to ${sessions} ${where}`;
  return `can reach ${sessions} ${where}: ${showCount(share.active)} active + ${showCount(share.cached)} cached`;
}
