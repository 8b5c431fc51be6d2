/**
 * The connection budget: how many sessions a strict receiver can see at once from this
 * host, against the cap it enforces. The model was measured against a real Postfix (see
 * test/budget-lab/README.md): per transport T that delivers to the receiver,
 *
 *   P = T's maxproc, L = T's per-destination limit (1 with a rate delay),
 *   D = the receiver's destinations (next-hops) T serves;
 *   visible(T) = min(L x D, P + L x (D - 1))  when T caches sessions,
 *   visible(T) = min(L x D, P)                otherwise,
 *
 * because idle cached sessions are held by scache, outside the process limit, while the
 * per-destination limits still bound the total. The receiver sees the sum over its
 * transports plus the sessions of other senders sharing the source IP.
 */
import type { ReceiverSetting } from '../settings';
import type { Configuration } from './configuration';
import { showCount } from './quantities';
import { Receiver, declaredReceivers, receiverDirectives } from './receivers';
import { ServiceInfo } from './services';
import { TransportLimits, transportLimits } from './transportLimits';

export interface VisibleInput {
  /** P; Infinity for no limit. */
  processLimit: number;
  /** L in force; Infinity for no limit. */
  perDestination: number;
  /** D, at least 1. */
  destinations: number;
  caching: boolean;
}

/** The model's peak of sessions a receiver sees from one transport. */
export function visibleSessions(input: VisibleInput): number {
  const { processLimit: P, perDestination: L, caching } = input;
  const D = Math.max(1, input.destinations);
  const all = L * D;
  if (!caching) return Math.min(all, P);
  const others = D > 1 ? L * (D - 1) : 0;
  return Math.min(all, P + others);
}

export interface TransportShare {
  transport: string;
  limits: TransportLimits;
  destinations: number;
  visible: number;
  /** The arithmetic, e.g. "min(1 x 2, 2) = 2". */
  formula: string;
}

export type BudgetStatus = 'over' | 'at' | 'under';

export interface ReceiverBudget {
  receiver: Receiver;
  /** The receiver's transports that exist as smtp/lmtp services. */
  shares: TransportShare[];
  /** Named transports with no smtp/lmtp service in master.cf (they add nothing). */
  missing: string[];
  visible: number;
  cap: number;
  status: BudgetStatus;
}

/** The smtp/lmtp service qmgr hands deliveries for `transport` to (the unix one when both exist). */
export function outboundService(config: Configuration, transport: string): ServiceInfo | undefined {
  const found = config.servicesNamed(transport).filter((s) => s.role === 'outbound');
  return found.filter((s) => s.type === 'unix').pop() ?? found.pop();
}

/** One transport's share of a receiver's budget. */
export function shareOf(limits: TransportLimits, destinations: number): TransportShare {
  const input = { processLimit: limits.processLimit, perDestination: limits.perDestination, destinations, caching: limits.caching };
  const visible = visibleSessions(input);
  return { transport: limits.name, limits, destinations, visible, formula: formulaOf(input, visible) };
}

function formulaOf(input: VisibleInput, visible: number): string {
  const L = showCount(input.perDestination);
  const P = showCount(input.processLimit);
  const D = input.destinations;
  const second = input.caching && D > 1 ? `${P} + ${L} x ${D - 1}` : P;
  return `min(${L} x ${D}, ${second}) = ${showCount(visible)}`;
}

/** The budget of one receiver. */
export function budgetOf(config: Configuration, receiver: Receiver): ReceiverBudget {
  const shares: TransportShare[] = [];
  const missing: string[] = [];
  for (const name of receiver.transports) {
    const service = outboundService(config, name);
    if (!service) missing.push(name);
    else shares.push(shareOf(transportLimits(config, service), receiver.destinations));
  }
  const visible = shares.reduce((sum, s) => sum + s.visible, receiver.otherSenders);
  const cap = receiver.maxConnections;
  return { receiver, shares, missing, visible, cap, status: visible > cap ? 'over' : visible === cap ? 'at' : 'under' };
}

const cache = new WeakMap<Configuration, { settings: readonly ReceiverSetting[]; budgets: ReceiverBudget[] }>();

/** Every declared receiver's budget (directives, then settings), once per configuration. */
export function receiverBudgets(config: Configuration, settings: readonly ReceiverSetting[]): ReceiverBudget[] {
  const hit = cache.get(config);
  if (hit && hit.settings === settings) return hit.budgets;
  const budgets = declaredReceivers(receiverDirectives(config), settings).map((r) => budgetOf(config, r));
  cache.set(config, { settings, budgets });
  return budgets;
}

/**
 * The code lens line: "orange: 2 + wanadoo: 1 + 1 other = 4 of 3 (expect 421)". With
 * `listed`, at most that many transports are named and the rest summed ("+ 995 more
 * transports: 1,990"), so a receiver with thousands of transports gets a line of bounded
 * length on each of them (lenses and messages repeat it per transport).
 */
export function budgetLine(budget: ReceiverBudget, listed = Infinity): string {
  const shown = budget.shares.length > listed ? budget.shares.slice(0, listed) : budget.shares;
  const parts = shown.map((s) => `${s.transport}: ${showCount(s.visible)}`);
  const rest = budget.shares.slice(shown.length);
  if (rest.length) parts.push(`${rest.length.toLocaleString('en-US')} more transports: ${showCount(rest.reduce((sum, s) => sum + s.visible, 0))}`);
  if (budget.receiver.otherSenders) parts.push(`${budget.receiver.otherSenders} other`);
  const verdict = budget.status === 'over' ? 'expect 421' : budget.status === 'at' ? 'risk zone' : 'ok';
  return `${parts.join(' + ') || 'nothing'} = ${showCount(budget.visible)} of ${budget.cap} (${verdict})`;
}

/** How many transports a repeated budget line names (see budgetLine). */
export const LISTED_TRANSPORTS = 8;

/** A budget and the share one service has in it. */
export interface ServiceShare {
  budget: ReceiverBudget;
  share: TransportShare;
}

const byService = new WeakMap<readonly ReceiverBudget[], Map<ServiceInfo['entry'], ServiceShare[]>>();

/** The budgets a master.cf service has a share in: one pass over the shares, kept with the budgets. */
export function sharesOfService(budgets: readonly ReceiverBudget[], entry: ServiceInfo['entry']): readonly ServiceShare[] {
  let index = byService.get(budgets);
  if (!index) {
    byService.set(budgets, (index = new Map()));
    for (const budget of budgets) {
      for (const share of budget.shares) {
        const list = index.get(share.limits.service.entry);
        if (!list) index.set(share.limits.service.entry, [{ budget, share }]);
        else if (list[list.length - 1].budget !== budget) list.push({ budget, share });
      }
    }
  }
  return index.get(entry) ?? [];
}

/** How a transport's limits came about, one short clause each, for messages and hovers. */
export function shareClauses(share: TransportShare): string[] {
  const l = share.limits;
  const clauses = [`maxproc ${showCount(l.processLimit)}${l.processDefault ? ' (default_process_limit)' : ''}`];
  clauses.push(l.rateDelaySeconds > 0
    ? `1 per destination (rate delay ${l.rateDelay.value})`
    : `${showCount(l.concurrencyLimit)} per destination`);
  clauses.push(`${share.destinations} destination${share.destinations === 1 ? '' : 's'}`);
  clauses.push(l.caching ? 'connection caching on' : 'connection caching off');
  return clauses;
}
