/**
 * The connection budget: how many sessions a strict receiver can see at once from one
 * source address of this host, against the cap it enforces. Per transport T that
 * delivers to it (every value as Postfix resolves it, see transportLimits.ts):
 *
 *   P = T's maxproc; X = 1 with a transport rate delay, else no limit;
 *   L = T's per-destination limit (1 with a destination rate delay; no limit when a
 *       recipient limit of 1 makes every recipient its own destination);
 *   D = the receiver's next-hops that T serves;
 *   active(T) = min(L x D, P, X)       deliveries in progress, one session each;
 *   cached(T) = D x min(L, P, X)       idle cached sessions, only when caching is in effect;
 *   visible(T) = active(T) + cached(T).
 *
 * Without caching in effect (caching off, or TLS sessions without
 * smtp_tls_connection_reuse) the bound is exact: the lab measured exactly active(T).
 * With caching in effect it is an envelope that the lab reaches. The smtp client opens
 * a new session only when the cache has none for the next-hop or its address, so the
 * cached sessions of one next-hop never outnumber the deliveries that were busy there
 * at once, min(L, P, X). But qmgr deletes a destination queue that runs empty, and the
 * next queue for that destination does not ask for cached sessions until it sees
 * back-to-back deliveries (qmgr_entry.c), so a queue that drains and refills within the
 * cache time opens up to its window of new sessions beside the cached ones. Measured
 * with Postfix 3.7.11: 2, 4 and 6 sessions with one next-hop at limits 1, 2 and 3, and
 * 12 with three next-hops at limit 2 (see test/budget-lab/README.md).
 *
 * A fallback relay is one address fed by D next-hops, so its cached sessions are bounded
 * by its active ones. The receiver sees, per source address, the sum over the transports
 * that can send from that address plus the sessions of other senders.
 */
import type { ReceiverSetting } from '../settings';
import type { Configuration } from './configuration';
import { showCount } from './quantities';
import { Receiver, declaredReceivers, receiverDirectives } from './receivers';
import { Service } from './services';
import { TransportLimits, transportLimits } from './transportLimits';
import type { ClientSessions } from './clientSessions';
import { SourceKey, sourceGroups, sourcesOf } from './sourceGroups';
import { ReceiverRouting, receiverRouting } from './receiverRouting';
import { DerivedKey } from '../caches';

export interface VisibleInput {
  /** P; Infinity for no limit. */
  processLimit: number;
  /** L in force; Infinity for no limit (or a recipient limit of 1); below 1: stuck. */
  perDestination: number;
  /** D, at least 1; Infinity for every next-hop of the transport (a fallback relay). */
  destinations: number;
  /** X: 1 with a transport rate delay; Infinity (the default) otherwise. */
  transportCap?: number;
  /** Whether idle sessions can be cached (caching on, and plaintext or TLS reuse). */
  caching: boolean;
  /** The receiver is the transport's fallback relay: one address for every next-hop. */
  fallback?: boolean;
}

export interface Sessions {
  active: number;
  cached: number;
  visible: number;
}

/** The model's peak of sessions a receiver sees from one transport, split in active and cached. */
export function sessionsOf(input: VisibleInput): Sessions {
  const { processLimit: P, perDestination: L, destinations: D, caching } = input;
  const X = input.transportCap ?? Infinity;
  if (L < 1) return { active: 0, cached: 0, visible: 0 };
  const active = Math.min(L * Math.max(1, D), P, X);
  const cached = !caching ? 0 : input.fallback ? active : Math.max(1, D) * Math.min(L, P, X);
  return { active, cached, visible: active + cached };
}

/** The model's peak of sessions a receiver sees from one transport. */
export function visibleSessions(input: VisibleInput): number {
  return sessionsOf(input).visible;
}

/** What the model needs to know about a receiver to compute one transport's share. */
export type ShareTarget = Pick<Receiver, 'destinations' | 'starttls' | 'fallback'>;

/** A transport seen without a declared receiver: one destination that offers STARTTLS. */
export const ONE_DESTINATION: ShareTarget = { destinations: 1, starttls: true, fallback: false };

export interface TransportShare extends Sessions {
  transport: string;
  limits: TransportLimits;
  /** TLS, source addresses and fallback relay of its client. */
  client: ClientSessions;
  destinations: number;
  /** Whether its sessions to this receiver use TLS. */
  tls: boolean;
  /** Caching on and sessions cacheable: the peak is an envelope, not exact. */
  cachingInEffect: boolean;
  fallback: boolean;
  /** The source addresses its sessions can come from. */
  sources: readonly SourceKey[];
  /** The arithmetic, e.g. "min(1 x 2, 2) = 2". */
  readonly formula: string;
}

export type BudgetStatus = 'over' | 'at' | 'under';

export interface ReceiverBudget {
  receiver: Receiver;
  /** The source address this budget counts, when the receiver's transports send from several. */
  source?: string;
  /** The receiver's transports that exist as smtp/lmtp services and send from this source. */
  shares: TransportShare[];
  /** Named transports with no smtp/lmtp service in master.cf (they add nothing). */
  missing: string[];
  /** Transports that send only from other source addresses (counted in their own budget). */
  apart: string[];
  visible: number;
  cap: number;
  status: BudgetStatus;
  /** True when no share has caching in effect: the model's number is exact, not an envelope. */
  exact: boolean;
  /** For a receiver declared by its domains: where routing sends them (transports and D come from it). */
  routing?: ReceiverRouting;
}

/** The smtp/lmtp service qmgr hands deliveries for `transport` to (the unix one when both exist). */
export function outboundService(config: Configuration, transport: string): Service | undefined {
  const found = config.servicesNamed(transport).filter((s) => s.role === 'outbound');
  return found.filter((s) => s.type === 'unix').pop() ?? found.pop();
}

/** Whether a transport's sessions to a receiver use TLS. */
export function usesTls(client: ClientSessions, target: ShareTarget): boolean {
  return client.tlsUse === 'always' || (client.tlsUse === 'offered' && target.starttls);
}

/** One transport's share of a receiver's budget. */
export function shareOf(limits: TransportLimits, target: ShareTarget = ONE_DESTINATION): TransportShare {
  const client = limits.client;
  const tls = usesTls(client, target);
  const cachingInEffect = limits.caching && (!tls || client.tlsReuse);
  const input: VisibleInput = {
    processLimit: limits.processLimit, perDestination: limits.perRecipient && !limits.stuck ? Infinity : limits.perDestination,
    destinations: target.destinations, transportCap: limits.transportCap, caching: cachingInEffect, fallback: target.fallback,
  };
  return new Share(limits, client, target, { tls, cachingInEffect }, input);
}

/**
 * A share, with its formula and sources built when a message, hover or budget asks: a
 * lens over 10,000 transports needs only the numbers.
 */
class Share implements TransportShare {
  readonly transport: string;
  readonly destinations: number;
  readonly fallback: boolean;
  readonly tls: boolean;
  readonly cachingInEffect: boolean;
  readonly active: number;
  readonly cached: number;
  readonly visible: number;

  constructor(readonly limits: TransportLimits, readonly client: ClientSessions, target: ShareTarget, how: { tls: boolean; cachingInEffect: boolean }, private readonly input: VisibleInput) {
    this.transport = limits.name;
    this.destinations = target.destinations;
    this.fallback = target.fallback;
    this.tls = how.tls;
    this.cachingInEffect = how.cachingInEffect;
    ({ active: this.active, cached: this.cached, visible: this.visible } = sessionsOf(input));
  }

  get formula(): string {
    return formulaOf(this.input, this);
  }

  get sources(): readonly SourceKey[] {
    return sourcesOf(this.client);
  }
}

/** "min(2 x 3, 10)", "10" or "unlimited": the finite terms only. */
function minOf(terms: string[]): string {
  return terms.length === 0 ? 'unlimited' : terms.length === 1 ? terms[0] : `min(${terms.join(', ')})`;
}

function formulaOf(input: VisibleInput, s: Sessions): string {
  const { processLimit: P, perDestination: L, destinations: D } = input;
  if (L < 1) return '0 (no delivery ever starts)';
  const X = input.transportCap ?? Infinity;
  const finite = (n: number): string[] => (Number.isFinite(n) ? [String(n)] : []);
  const perHop = Number.isFinite(L) && Number.isFinite(D) ? [`${L} x ${D}`] : [];
  const active = minOf([...perHop, ...finite(P), ...finite(X)]);
  if (!input.caching) return `${active} = ${showCount(s.visible)}`;
  const cached = input.fallback ? active : `${showCount(D)} x ${minOf([...finite(L), ...finite(P), ...finite(X)])}`;
  return `${active} + ${cached} cached = ${showCount(s.visible)}`;
}

/** The budgets of one receiver: one per source address its transports send from. */
export function budgetsOf(config: Configuration, receiver: Receiver): ReceiverBudget[] {
  const shares: TransportShare[] = [];
  const missing: string[] = [];
  const routing = receiver.domains || receiver.mx ? receiverRouting(config, receiver) : undefined;
  // transports= and destinations= win over what routing gives; routing fills what they leave out.
  const names = routing && !receiver.transportsGiven ? [...routing.transports.keys()] : receiver.transports;
  for (const name of names) {
    const service = outboundService(config, name);
    const routed = routing?.transports.get(name)?.size;
    const destinations = routing && !receiver.destinationsGiven && routed ? routed : receiver.destinations;
    if (!service) missing.push(name);
    else shares.push(shareOf(transportLimits(config, service), { ...receiver, destinations }));
  }
  const groups = sourceGroups(shares, receiver.source);
  return groups.map((g) => {
    const visible = g.members.reduce((sum, s) => sum + s.visible, receiver.otherSenders);
    const cap = receiver.maxConnections;
    const inGroup = new Set(g.members);
    const apart = groups.length > 1 || receiver.source ? shares.filter((s) => !inGroup.has(s)).map((s) => s.transport) : [];
    return {
      receiver, ...(groups.length > 1 ? { source: g.label } : {}), shares: g.members, missing, apart, visible, cap,
      status: visible > cap ? 'over' : visible === cap ? 'at' : 'under', exact: g.members.every((s) => s.cached === 0),
      ...(routing ? { routing } : {}),
    };
  });
}

/** The budget of one receiver: the source address with the most sessions. */
export function budgetOf(config: Configuration, receiver: Receiver): ReceiverBudget {
  return budgetsOf(config, receiver).reduce((worst, b) => (b.visible > worst.visible ? b : worst));
}

/** The budgets of a configuration for the receivers of one settings object, and who has a share in them. */
interface Budgets {
  settings?: readonly ReceiverSetting[];
  budgets: ReceiverBudget[];
  byEntry?: Map<Service['entry'], ServiceShare[]>;
}

const BUDGETS = new DerivedKey<Budgets>('receiver budgets');

function budgetsFor(config: Configuration, settings: readonly ReceiverSetting[]): Budgets {
  const kept = config.derive(BUDGETS, () => ({ budgets: [] }));
  if (kept.settings !== settings) {
    kept.settings = settings;
    kept.budgets = declaredReceivers(receiverDirectives(config), settings).flatMap((r) => budgetsOf(config, r));
    kept.byEntry = undefined;
  }
  return kept;
}

/**
 * Every declared receiver's budgets (directives, then settings), once per configuration:
 * one per receiver, or one per source address when its transports send from several.
 */
export function receiverBudgets(config: Configuration, settings: readonly ReceiverSetting[]): ReceiverBudget[] {
  return budgetsFor(config, settings).budgets;
}

/** The verdict words of a budget line: an envelope "can reach" the cap, an exact count does. */
export function verdictOf(budget: ReceiverBudget): string {
  if (budget.status === 'under') return 'ok';
  const words = budget.status === 'over' ? 'expect 421' : 'risk zone';
  return budget.exact ? words : `can reach: ${words}`;
}

/**
 * The code lens line: "orange: 2 + wanadoo: 1 + 1 other = 4 of 3 (expect 421)". With
 * `listed`, at most that many transports are named and the rest summed ("+ 995 more
 * transports: 1,990"), so a receiver with thousands of transports gets a line of bounded
 * length on each of them (lenses and messages repeat it per transport). A budget of one
 * source address among several says which: "... (from 203.0.113.5)".
 */
export function budgetLine(budget: ReceiverBudget, listed = Infinity): string {
  const shown = budget.shares.length > listed ? budget.shares.slice(0, listed) : budget.shares;
  const parts = shown.map((s) => `${s.transport}: ${showCount(s.visible)}`);
  const rest = budget.shares.slice(shown.length);
  if (rest.length) parts.push(`${rest.length.toLocaleString('en-US')} more transports: ${showCount(rest.reduce((sum, s) => sum + s.visible, 0))}`);
  if (budget.receiver.otherSenders) parts.push(`${budget.receiver.otherSenders} other`);
  const from = budget.source ? ` from ${budget.source}` : '';
  return `${parts.join(' + ') || 'nothing'} = ${showCount(budget.visible)} of ${budget.cap}${from} (${verdictOf(budget)})`;
}

/** How many transports a repeated budget line names (see budgetLine). */
export const LISTED_TRANSPORTS = 8;

/** A budget and the share one service has in it. */
export interface ServiceShare {
  budget: ReceiverBudget;
  share: TransportShare;
}

/** The budgets a master.cf service has a share in: one pass over the shares, kept with the budgets. */
export function sharesOfService(config: Configuration, settings: readonly ReceiverSetting[], entry: Service['entry']): readonly ServiceShare[] {
  const kept = budgetsFor(config, settings);
  let index = kept.byEntry;
  if (!index) {
    kept.byEntry = index = new Map();
    for (const budget of kept.budgets) {
      for (const share of budget.shares) {
        const list = index.get(share.limits.service.entry);
        if (!list) index.set(share.limits.service.entry, [{ budget, share }]);
        else if (list[list.length - 1].budget !== budget) list.push({ budget, share });
      }
    }
  }
  return index.get(entry) ?? [];
}

const plural = (n: number, word: string): string => `${showCount(n)} ${word}${n === 1 ? '' : 's'}`;

/** How a transport's limits came about, one short clause each, for messages and hovers. */
export function shareClauses(share: TransportShare): string[] {
  const l = share.limits;
  if (l.stuck) return [`its concurrency limit ${l.concurrencyLimit} stops every delivery`];
  const clauses = [`maxproc ${showCount(l.processLimit)}${l.processDefault ? ' (default_process_limit)' : ''}`];
  if (l.transportRateDelaySeconds > 0) clauses.push(`1 delivery at a time in all (transport rate delay ${l.transportRateDelay.value})`);
  if (l.perRecipient) clauses.push('every recipient its own destination (recipient limit 1)');
  else if (l.rateDelaySeconds > 0) clauses.push(`1 per destination (rate delay ${l.rateDelay.value})`);
  else clauses.push(`${showCount(l.concurrencyLimit)} per destination`);
  clauses.push(share.fallback
    ? `fallback relay of ${Number.isFinite(share.destinations) ? plural(share.destinations, 'next-hop') : 'every next-hop'}`
    : plural(share.destinations, 'destination'));
  clauses.push(cachingClause(share));
  return clauses;
}

function cachingClause(share: TransportShare): string {
  if (!share.limits.caching) return 'connection caching off';
  if (!share.cachingInEffect) return `connection caching on but not in effect (TLS, ${share.client.tlsReuseFrom.name} = no)`;
  return share.tls ? 'connection caching on (TLS sessions reused)' : 'connection caching on';
}
