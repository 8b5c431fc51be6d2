import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { PerformanceObserver, constants } from 'node:perf_hooks';
import { LARGE_CHECK, collectAfterLargeCheck } from '../../server/lsp/memory';

/**
 * Full collections asked for by code (not started by V8 itself) while `run` and what it
 * schedules run. Waits until `expected` have been seen (up to 10 s, as a loaded machine
 * delivers the entries late), then a little longer for any extra one.
 */
async function forcedCollectionsDuring(run: () => void, expected: number): Promise<number> {
  let forced = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const { kind, flags } = (entry as unknown as { detail: { kind: number; flags: number } }).detail;
      if (kind === constants.NODE_PERFORMANCE_GC_MAJOR && flags & constants.NODE_PERFORMANCE_GC_FLAGS_FORCED) forced++;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  run();
  // The collection runs on the next turn; its entry is delivered some time after.
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  for (const deadline = Date.now() + 10_000; forced < expected && Date.now() < deadline; ) await sleep(50);
  await sleep(200);
  observer.disconnect();
  return forced;
}

describe('server memory', () => {
  it('collects garbage after checking a large configuration, once per turn, and not after a small one', async () => {
    assert.equal(await forcedCollectionsDuring(() => collectAfterLargeCheck(LARGE_CHECK - 1), 0), 0);
    assert.equal(await forcedCollectionsDuring(() => collectAfterLargeCheck(LARGE_CHECK), 1), 1);
    assert.equal(await forcedCollectionsDuring(() => {
      collectAfterLargeCheck(LARGE_CHECK);
      collectAfterLargeCheck(2 * LARGE_CHECK);
    }, 1), 1, 'two checks in one turn: one collection');
  });
});
