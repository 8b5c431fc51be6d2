/**
 * Planning "bring a transport under a receiver's cap": the largest process limit and
 * per-destination limit, with caching kept on where it fits, that let the transport add
 * no more than `room` sessions. Pure arithmetic over the budget model.
 */
import { TransportShare, visibleSessions } from '../model/budget';

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
 * With L <= P, caching on gives exactly L x D (P + L x (D - 1) >= L x D), so only three
 * shapes can be best: caching kept with L = room / D; caching off with P cut to the room;
 * caching off with P kept and L = room / D. Each is checked against the model.
 */
export function planUnderCap(share: TransportShare, room: number): BudgetPlan | undefined {
  const l = share.limits;
  const D = share.destinations;
  const P = l.processLimit;
  const fixedL = l.rateDelaySeconds > 0;
  const fit = (most: number): number => (fixedL ? 1 : Math.min(l.concurrencyLimit, most));
  const perRoom = fit(Math.min(Math.floor(room / D), P));
  const cut = Math.min(P, room);
  const shapes: Omit<BudgetPlan, 'visible'>[] = [
    { caching: false, processLimit: cut, perDestination: fit(cut) },
    { caching: false, processLimit: P, perDestination: perRoom },
  ];
  if (l.caching) shapes.unshift({ caching: true, processLimit: P, perDestination: perRoom });
  let best: BudgetPlan | undefined;
  for (const shape of shapes) {
    if (shape.perDestination < 1 || shape.processLimit < 1) continue;
    const visible = visibleSessions({ ...shape, destinations: D });
    if (visible > room) continue;
    const plan = { ...shape, visible };
    if (!best || better(plan, best, l.caching)) best = plan;
  }
  return best;
}

function better(a: BudgetPlan, b: BudgetPlan, cachingNow: boolean): boolean {
  if (a.visible !== b.visible) return a.visible > b.visible;
  if (a.caching !== b.caching) return a.caching === cachingNow;
  if (a.perDestination !== b.perDestination) return a.perDestination > b.perDestination;
  return a.processLimit > b.processLimit;
}
