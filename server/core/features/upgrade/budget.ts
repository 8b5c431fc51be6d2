/**
 * The connection budget before and after an upgrade, from the same functions the
 * connection-budget diagnostics use (model/budget.ts): per declared receiver, the
 * sessions each release would open against its cap ("3 of 3 -> 5 of 3"), and per
 * outbound transport, its peak towards one destination.
 */
import { ONE_DESTINATION, ReceiverBudget, budgetLine, outboundService, receiverBudgets, shareOf } from '../../model/budget';
import type { Configuration } from '../../model/configuration';
import { transportLimits } from '../../model/transportLimits';
import type { ReceiverSetting } from '../../settings';
import type { UpgradePair } from './pair';

/** One release's figure: sessions (null for no limit) and the budget line the code lens shows. */
export interface BudgetFigure {
  visible: number | null;
  status: 'over' | 'at' | 'under';
  line: string;
}

export interface ReceiverBudgetChange {
  receiver: string;
  cap: number;
  /** The source address, when the receiver's transports send from several. */
  source?: string;
  old: BudgetFigure;
  new: BudgetFigure;
  raised?: BudgetFigure;
  /** Each transport's sessions under each release. */
  transports: { name: string; old: number | null; new: number | null; raised?: number | null }[];
}

export interface TransportChange {
  name: string;
  /** Peak sessions towards one destination under each release (null for no limit). */
  old: number | null;
  new: number | null;
  raised?: number | null;
}

export interface BudgetReview {
  receivers: ReceiverBudgetChange[];
  /** Every outbound transport, each release's peak towards one destination. */
  transports: TransportChange[];
}

const count = (n: number): number | null => (Number.isFinite(n) ? n : null);

/** The budgets of every declared receiver and every outbound transport, under each release. */
export function budgetReview(pair: UpgradePair, receivers: readonly ReceiverSetting[]): BudgetReview {
  const configs = [pair.from, pair.to, pair.raised?.config];
  const budgets = configs.map((c) => (c ? receiverBudgets(c, receivers) : undefined));
  const key = (b: ReceiverBudget): string => `${b.receiver.name}\u0000${b.source ?? ''}`;
  const byKey = budgets.map((list) => new Map((list ?? []).map((b) => [key(b), b])));
  const out: BudgetReview = { receivers: [], transports: [] };
  for (const b of budgets[1] ?? []) {
    const [old, , raised] = byKey.map((m) => m.get(key(b)));
    const shares = (x: ReceiverBudget | undefined, name: string): number | null => count(x?.shares.find((s) => s.transport === name)?.visible ?? 0);
    out.receivers.push({
      receiver: b.receiver.name, cap: b.receiver.maxConnections, ...(b.source ? { source: b.source } : {}),
      old: figure(old), new: figure(b), ...(raised ? { raised: figure(raised) } : {}),
      transports: b.shares.map((s) => ({
        name: s.transport, old: shares(old, s.transport), new: count(s.visible), ...(raised ? { raised: shares(raised, s.transport) } : {}),
      })),
    });
  }
  for (const service of pair.to.services.filter((s) => s.role === 'outbound')) {
    if (outboundService(pair.to, service.name) !== service) continue;
    const peak = (c: Configuration | undefined): number | null | undefined => {
      const s = c && outboundService(c, service.name);
      return s ? count(shareOf(transportLimits(c, s), ONE_DESTINATION).visible) : undefined;
    };
    const raised = peak(pair.raised?.config);
    out.transports.push({ name: service.name, old: peak(pair.from) ?? null, new: peak(pair.to) ?? null, ...(raised !== undefined ? { raised } : {}) });
  }
  return out;
}

function figure(budget: ReceiverBudget | undefined): BudgetFigure {
  if (!budget) return { visible: 0, status: 'under', line: 'nothing' };
  return { visible: count(budget.visible), status: budget.status, line: budgetLine(budget) };
}
