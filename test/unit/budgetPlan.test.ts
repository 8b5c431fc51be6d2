/** Planning a transport under a receiver's cap, and the room each transport gets. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { budgetOf, outboundService, shareOf } from '../../server/core/model/budget';
import { Configuration } from '../../server/core/model/configuration';
import { transportLimits } from '../../server/core/model/transportLimits';
import { roomFor } from '../../server/core/fixes/budgetFixes';
import { planUnderCap } from '../../server/core/fixes/budgetPlan';

const share = (main: string, master: string, name: string, destinations: number) => {
  const config = new Configuration({ mainText: main, masterText: master });
  return shareOf(transportLimits(config, outboundService(config, name)!), { destinations, starttls: true, fallback: false });
};

describe('bringing a transport under the cap', () => {
  it('keeps caching and the process limit when per-destination limits alone fit (half the room: a refilled queue doubles it)', () => {
    const s = share('t_destination_concurrency_limit = 5\n', 't unix - - n - - smtp\n', 't', 2);
    assert.deepEqual(planUnderCap(s, 4), { caching: true, processLimit: 100, perDestination: 1, visible: 4 });
  });

  it('keeps the limit where a recipient limit of 1 makes it bound nothing: maxproc and caching move', () => {
    const s = share('t_destination_recipient_limit = 1\n', 't unix - - n - 30 smtp\n', 't', 1);
    assert.deepEqual(planUnderCap(s, 2), { caching: false, processLimit: 2, perDestination: 20, visible: 2 });
  });

  it('turns caching off when more destinations than room would keep idle sessions beyond maxproc', () => {
    const s = share('', 't unix - - n - 2 smtp\n', 't', 3);
    assert.deepEqual(planUnderCap(s, 2), { caching: false, processLimit: 2, perDestination: 2, visible: 2 });
  });

  it('with a rate delay the limit stays 1 and only maxproc or caching can move', () => {
    const s = share('t_destination_rate_delay = 1s\n', 't unix - - n - - smtp\n', 't', 2);
    assert.deepEqual(planUnderCap(s, 1), { caching: false, processLimit: 1, perDestination: 1, visible: 1 });
  });

  it('answers at once for a huge cap and no limits at all', () => {
    const s = share('t_destination_concurrency_limit = 0\n', 't unix - - n - 0 smtp\n', 't', 2);
    // Caching off with maxproc at the room gives one session more than caching kept with 499,999 per destination.
    assert.deepEqual(planUnderCap(s, 999_999), { caching: false, processLimit: 999_999, perDestination: 999_999, visible: 999_999 });
  });

  it('shares what the cap leaves when the other transports already fill it', () => {
    const config = new Configuration({ mainText: '', masterText: 'a unix - - n - - smtp\nb unix - - n - - smtp\n' });
    const b = budgetOf(config, { name: 'r', maxConnections: 5, transports: ['a', 'b'], otherSenders: 0, destinations: 1, starttls: true, fallback: false });
    assert.equal(roomFor(b, b.shares[0]), 2, 'b keeps 20: an even share of the 4 below the cap');
    const small = budgetOf(new Configuration({ mainText: 'b_destination_concurrency_limit = 1\n', masterText: 'a unix - - n - - smtp\nb unix - - n - - smtp\n' }),
      { name: 'r', maxConnections: 5, transports: ['a', 'b'], otherSenders: 1, destinations: 1, starttls: true, fallback: false });
    assert.equal(roomFor(small, small.shares[0]), 1, '5 - 1 - 1 other - 2 for b (1 active, 1 cached)');
  });
});
