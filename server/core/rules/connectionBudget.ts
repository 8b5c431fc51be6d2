/**
 * connection-budget: a declared receiver would see more sessions from one source address
 * of this host than it accepts (error: expect 421 deferrals), or exactly as many
 * (warning: no room for a retry wave or another sender). Exact where no transport caches
 * sessions; with caching in effect the number is what the receiver can reach when queues
 * drain and refill, and the message says so. Reported on the directive and on the maxproc
 * field of every transport that adds sessions, with related information at every value
 * that fed the sum. The model is in model/budget.ts.
 */
import { Finding, RelatedPlace } from '../findings';
import { LISTED_TRANSPORTS, ReceiverBudget, TransportShare, budgetLine, receiverBudgets, shareClauses } from '../model/budget';
import { showCount } from '../model/quantities';
import { Rule } from './types';

export const connectionBudget: Rule = {
  kind: 'configuration',
  codes: ['connection-budget'],
  check({ config, settings }) {
    const out: Finding[] = [];
    for (const budget of receiverBudgets(config, settings.receivers)) {
      if (budget.status === 'under') continue;
      const severity = budget.status === 'over' ? 'error' : 'warning';
      const related = budgetRelated(budget);
      const summary = budgetMessage(budget);
      // Every transport's finding points at every value only while there are few: with
      // thousands of transports that is millions of places; the directive keeps them all.
      const many = budget.shares.length > LISTED_TRANSPORTS;
      const data = { receiver: budget.receiver.name, visible: budget.visible, cap: budget.cap, ...(budget.source ? { source: budget.source } : {}) };
      const d = budget.receiver.directive;
      if (d) out.push({ code: 'connection-budget', severity, file: d.file, start: d.start, end: d.end, message: summary, related, data });
      for (const share of budget.shares) {
        if (share.visible === 0) continue;
        const field = share.limits.maxprocField;
        out.push({
          code: 'connection-budget', severity, file: 'master', start: field.start, end: field.end,
          message: `${shareText(share)}. ${summary}`, related: many ? budgetRelated(budget, share) : related,
          data: { ...data, transport: share.transport },
        });
      }
    }
    return out;
  },
};

/** "orange: min(1 x 2, 2) = 2 (maxproc 2, 1 per destination (rate delay 2s), ...)". */
export function shareText(share: TransportShare): string {
  return `${share.transport}: ${share.formula} (${shareClauses(share).join(', ')})`;
}

export function budgetMessage(budget: ReceiverBudget): string {
  const name = budget.receiver.name;
  const line = budgetLine(budget, LISTED_TRANSPORTS).replace(/ \([^)]*\)$/, '');
  const count = Number.isFinite(budget.visible) ? `${budget.visible} session${budget.visible === 1 ? '' : 's'}` : 'an unlimited number of sessions';
  const from = budget.source ? `from ${budget.source}` : 'from this host';
  const sees = budget.exact ? `can see up to ${count} at once ${from}` : `can reach ${count} at once ${from}`;
  const verdict = budget.status === 'over'
    ? `but it allows ${budget.cap}: expect 421 deferrals.`
    : `exactly the ${showCount(budget.cap)} it allows: risk zone, no room for a retry wave${budget.exact ? '' : ', a lingering cached session'} or another sender.`;
  const envelope = budget.exact ? '' : ` With connection caching in effect, a destination whose queue drains and refills while sessions are still cached gets new sessions beside them; only caching off gives an exact count (${cachingNames(budget)}).`;
  return `Receiver "${name}" ${sees} (${line}), ${verdict}${envelope}`;
}

/** The switches that would turn caching off for the transports that have it in effect. */
function cachingNames(budget: ReceiverBudget): string {
  const names = new Set(budget.shares.filter((s) => s.cachingInEffect).map((s) => `${s.limits.cacheOnDemand.name} = no for "${s.transport}"`));
  const list = [...names];
  return list.length > 2 ? `${list.slice(0, 2).join(', ')} and ${list.length - 2} more` : list.join(', ');
}

/** Every place whose value fed the sum (or, with `only`, that transport's and the directive's). */
export function budgetRelated(budget: ReceiverBudget, only?: TransportShare): RelatedPlace[] {
  const out: RelatedPlace[] = [];
  for (const share of only ? [only] : budget.shares) {
    const l = share.limits;
    const field = l.maxprocField;
    const fromDefault = l.processDefault ? ` = default_process_limit ${showCount(l.processLimit)}` : '';
    out.push({ file: 'master', start: field.start, end: field.end, message: `${share.transport} maxproc ${field.text}${fromDefault}` });
    if (l.processDefault) out.push(...l.processDefault.places);
    out.push(...(l.rateDelaySeconds > 0 ? l.rateDelay.places : l.concurrency.places));
    if (l.transportRateDelaySeconds > 0) out.push(...l.transportRateDelay.places);
    if (l.perRecipient) out.push(...l.recipient.places);
    out.push(...l.cacheOnDemand.places, ...l.cacheDestinations.places);
    if (l.caching && share.tls) out.push(...share.client.tlsLevelFrom.places, ...share.client.tlsReuseFrom.places);
    out.push(...share.client.bind4.places, ...share.client.bind6.places);
  }
  const d = budget.receiver.directive;
  if (d) {
    for (const key of ['max-connections', 'other-senders', 'destinations', 'starttls', 'source', 'fallback'] as const) {
      const pair = d.keys.get(key)?.pair;
      if (pair) out.push({ file: pair.file, start: pair.start, end: pair.end, message: pair.text });
    }
  }
  const seen = new Set<string>();
  return out.filter((p) => {
    const key = `${p.file}:${p.start}:${p.end}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}
