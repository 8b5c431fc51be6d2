/**
 * The `postfix/summary` request: what the diagnose commands need to know about the
 * configuration being edited (outbound transports, declared receivers and their budgets).
 */
import { ReceiverBudget, budgetLine, receiverBudgets } from '../model/budget';
import { FeatureContext } from './context';

export interface ReceiverSummary {
  name: string;
  maxConnections: number;
  transports: string[];
  otherSenders: number;
  /** Next-hops per transport; null for every one (a fallback relay). */
  destinations: number | null;
  /** The model's peak of sessions from the busiest source address (null when unlimited). */
  visible: number | null;
  status: 'over' | 'at' | 'under';
  /** The code lens line, e.g. "orange: 2 + wanadoo: 1 = 3 of 3 (risk zone)". */
  line: string;
  /** Where it was declared: a directive in main.cf or master.cf, or the setting. */
  declaredIn: 'main' | 'master' | 'setting';
}

export interface ConfigurationSummary {
  /** Outbound (smtp/lmtp) transports in master.cf. */
  transports: { name: string; type: string; program: string }[];
  /** Receivers declared with `# @receiver` or in settings. */
  receivers: ReceiverSummary[];
}

export function summary(ctx: FeatureContext): ConfigurationSummary {
  return {
    transports: ctx.config.services.filter((s) => s.role === 'outbound').map((s) => ({ name: s.name, type: s.type, program: s.program })),
    receivers: busiest(receiverBudgets(ctx.config, ctx.settings.receivers)).map((b) => ({
      name: b.receiver.name,
      maxConnections: b.receiver.maxConnections,
      // A receiver declared by its domains: the transports and next-hops the routing gives.
      transports: b.routing && !b.receiver.transportsGiven ? [...b.routing.transports.keys()] : b.receiver.transports,
      otherSenders: b.receiver.otherSenders,
      destinations: destinationsOf(b),
      visible: Number.isFinite(b.visible) ? b.visible : null,
      status: b.status,
      line: budgetLine(b),
      declaredIn: b.receiver.directive?.file ?? 'setting',
    })),
  };
}

/** One budget per receiver: of the source addresses it is budgeted for, the one with the most sessions. */
function busiest(budgets: readonly ReceiverBudget[]): ReceiverBudget[] {
  const byReceiver = new Map<ReceiverBudget['receiver'], ReceiverBudget>();
  for (const b of budgets) {
    const seen = byReceiver.get(b.receiver);
    if (!seen || b.visible > seen.visible) byReceiver.set(b.receiver, b);
  }
  return [...byReceiver.values()];
}

/** D as the summary shows it: the receiver's, or the most next-hops the routing gives one transport. */
function destinationsOf(b: ReceiverBudget): number | null {
  const d = b.routing && !b.receiver.destinationsGiven ? Math.max(1, ...b.shares.map((s) => s.destinations)) : b.receiver.destinations;
  return Number.isFinite(d) ? d : null;
}
