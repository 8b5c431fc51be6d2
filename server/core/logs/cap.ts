/**
 * The receiver's real cap, inferred. A receiver that enforces a cap C accepts a session
 * while fewer than C are open and refuses one when C are. So every moment at which m
 * sessions were certainly open at once (all of them accepted) says C >= m, and every
 * refusal while at most k sessions could have been open says C <= k. The evidence pins C
 * when the largest m equals the smallest k.
 */
import type { CapInference } from './types';

export interface CapEvidence {
  /** The largest number of sessions certainly open at once, when, and how many times it was reached. */
  accepted?: { count: number; at: number; support: number };
  /** The smallest "possible" count at a refusal, when first, and how many refusals had it. */
  refused?: { count: number; at: number; support: number };
  /** Refusals while no session from this host could have been open: not about concurrency. */
  refusedWithNoneOpen?: number;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

export function inferCap(e: CapEvidence): CapInference {
  const { accepted, refused } = e;
  const lower = accepted && accepted.count > 0 ? accepted : undefined;
  const none = e.refusedWithNoneOpen ? ` ${plural(e.refusedWithNoneOpen, 'refusal')} came while no session from this host was open: not about its sessions (a rate limit, or other senders on the address).` : '';
  if (!refused) {
    if (!lower) return { status: 'no-evidence', text: `No refusals with sessions open and no session certainly open: the log says nothing about the cap.${none}` };
    return {
      status: 'lower-bound-only', lower,
      text: `No refusal with sessions open: the receiver accepted ${plural(lower.count, 'session')} at once (${plural(lower.support, 'time')}), so its cap is at least ${lower.count}, if it has one.${none}`,
    };
  }
  const accept = lower ? `it accepted ${plural(lower.count, 'session')} at once (${plural(lower.support, 'time')})` : 'no moment shows a session certainly open';
  const refuse = `it refused with at most ${refused.count} open (${plural(refused.support, 'refusal')})`;
  if (lower && lower.count > refused.count) {
    return {
      status: 'contradictory', lower, upper: refused,
      text: `The evidence disagrees: ${accept}, yet ${refuse}. Other senders share the address, or the cap changed during the log.${none}`,
    };
  }
  if (lower && lower.count === refused.count) {
    return { status: 'pinned', value: lower.count, lower, upper: refused, text: `The cap is ${lower.count}: ${accept}, and ${refuse}.${none}` };
  }
  const from = lower ? lower.count : 1;
  return {
    status: 'range', lower, upper: refused,
    text: `The cap is between ${from} and ${refused.count}: ${accept}, and ${refuse}; the log's time resolution does not pin it down.${none}`,
  };
}
