/**
 * Planning "bring a transport under a receiver's cap": the largest process limit and
 * per-destination limit, with caching kept on where it fits, that let the transport add
 * no more than `room` sessions. Pure arithmetic over the budget model.
 */
import { TransportShare, VisibleInput, visibleSessions } from '../model/budget';

export interface BudgetPlan {
  caching: boolean;
  /** maxproc to set (Infinity keeps "no limit"). */
  processLimit: number;
  /** T_destination_concurrency_limit to set. */
  perDestination: number;
  visible: number;
}

/**
 * The best plan for `share` within `room` sessions (room >= 1): the most sessions, then
 * caching kept as it is, then the largest per-destination limit, then the largest
 * process limit (never above the current one; the limit never above the process limit).
 *
 * Three shapes can be best: caching kept (when it is in effect) with the largest limit
 * that fits; caching off with maxproc cut to the room; caching off with maxproc kept and
 * the largest limit that fits. The limit stays as it is where it bounds nothing (a rate
 * delay makes it 1; a recipient limit of 1 makes every recipient a destination).
 */
export function planUnderCap(share: TransportShare, room: number): BudgetPlan | undefined {
  const l = share.limits;
  const P = l.processLimit;
  const fixedL = l.rateDelaySeconds > 0 || l.perRecipient;
  const visible = (caching: boolean, processLimit: number, perDestination: number): number =>
    visibleSessions(inputOf(share, caching, processLimit, perDestination));
  /** The largest limit up to `most` that fits the room (visible grows with the limit). */
  const fit = (caching: boolean, processLimit: number, most: number): number => {
    if (fixedL) return l.perRecipient ? l.concurrencyLimit : 1;
    let lo = 0;
    let hi = Math.min(l.concurrencyLimit, most, room);
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (visible(caching, processLimit, mid) <= room) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const cut = Math.min(P, room);
  const shapes: Omit<BudgetPlan, 'visible'>[] = [
    { caching: false, processLimit: cut, perDestination: fit(false, cut, cut) },
    { caching: false, processLimit: P, perDestination: fit(false, P, P) },
  ];
  if (share.cachingInEffect) shapes.unshift({ caching: true, processLimit: P, perDestination: fit(true, P, P) });
  let best: BudgetPlan | undefined;
  for (const shape of shapes) {
    if (shape.perDestination < 1 || shape.processLimit < 1) continue;
    const plan = { ...shape, visible: visible(shape.caching, shape.processLimit, shape.perDestination) };
    if (plan.visible > room) continue;
    if (!best || better(plan, best, share.cachingInEffect)) best = plan;
  }
  return best;
}

function inputOf(share: TransportShare, caching: boolean, processLimit: number, perDestination: number): VisibleInput {
  const l = share.limits;
  return {
    processLimit, perDestination: l.perRecipient ? Infinity : l.rateDelaySeconds > 0 ? 1 : perDestination,
    destinations: share.destinations, transportCap: l.transportCap, caching, fallback: share.fallback,
  };
}

function better(a: BudgetPlan, b: BudgetPlan, cachingNow: boolean): boolean {
  if (a.visible !== b.visible) return a.visible > b.visible;
  if (a.caching !== b.caching) return a.caching === cachingNow;
  if (a.perDestination !== b.perDestination) return a.perDestination > b.perDestination;
  return a.processLimit > b.processLimit;
}
