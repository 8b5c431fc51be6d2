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

/** How many process limits to try at most: the cap of a real receiver is far below this. */
const MAX_TRIES = 20000;

/**
 * The best plan for `share` within `room` sessions (room >= 1): the most sessions, then
 * caching kept as it is, then the largest per-destination limit, then the largest
 * process limit (never above the current one; the limit never above the process limit).
 */
export function planUnderCap(share: TransportShare, room: number): BudgetPlan | undefined {
  const l = share.limits;
  const D = share.destinations;
  const fixedL = l.rateDelaySeconds > 0;
  const maxL = fixedL ? 1 : Math.min(room, l.concurrencyLimit);
  let best: BudgetPlan | undefined;
  for (const caching of l.caching ? [true, false] : [false]) {
    for (let L = maxL; L >= 1; L--) {
      for (const P of processCandidates(l.processLimit, room)) {
        if (Number.isFinite(P) && L > P && !fixedL) continue;
        const visible = visibleSessions({ processLimit: P, perDestination: L, destinations: D, caching });
        if (visible > room) continue;
        const plan = { caching, processLimit: P, perDestination: L, visible };
        if (!best || better(plan, best, l.caching)) best = plan;
        // Candidates come largest first and the count only grows with P: the first that fits is the best for this L.
        break;
      }
    }
  }
  return best;
}

/**
 * The current process limit, then every smaller one that can matter, largest first: when
 * L x D fits the room any process limit does (so the current one stays), otherwise the
 * process limit itself must fit the room.
 */
function processCandidates(current: number, room: number): number[] {
  const top = Math.min(current - 1, room, MAX_TRIES);
  const out = [current];
  for (let P = top; P >= 1; P--) out.push(P);
  return out;
}

function better(a: BudgetPlan, b: BudgetPlan, cachingNow: boolean): boolean {
  if (a.visible !== b.visible) return a.visible > b.visible;
  if (a.caching !== b.caching) return a.caching === cachingNow;
  if (a.perDestination !== b.perDestination) return a.perDestination > b.perDestination;
  return a.processLimit > b.processLimit;
}
