/**
 * How the server's heap grows. V8 lets the heap of a fast-allocating process grow to
 * several times what is live before a full collection: with a 100,000-line main.cf the
 * server stood at 480 MB after a dozen edits, nearly all of it garbage of earlier
 * versions. Two limits, both settable after start (a `--max-semi-space-size` would have to
 * be on the node command line, which editors other than VS Code do not let us choose):
 * - the old generation grows by a fixed 30% instead (15% made the first edits after
 *   opening ~60 ms slower, from the extra full collections while the heap fills);
 * - the young generation keeps its initial size instead of doubling up to 32 MB while a
 *   large file is parsed: parsing makes long-lived objects, which a larger nursery would
 *   only copy more times before promoting them (about 45 MB less at the peak).
 */
import { setFlagsFromString } from 'node:v8';

/** Sets the heap growth factors; call once at start, before the heap has grown. */
export function limitHeapGrowth(): void {
  setFlagsFromString('--heap-growing-percent=30');
  setFlagsFromString('--semi-space-growth-factor=1');
}
