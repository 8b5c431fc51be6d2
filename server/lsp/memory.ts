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
 *
 * And one collection at the right time: see collectAfterLargeCheck.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Sets the heap growth factors; call once at start, before the heap has grown. */
export function limitHeapGrowth(): void {
  setFlagsFromString('--heap-growing-percent=30');
  setFlagsFromString('--semi-space-growth-factor=1');
}

/** Configurations from this many characters (about 40,000 lines) get a collection after each check. */
export const LARGE_CHECK = 2_000_000;

let collectGarbage: (() => void) | null | undefined;
let collectionPending = false;

/**
 * Right after a large configuration is checked, the previous version of the edited
 * document (5 MB of text for 100,000 lines, the parts of its tree and indexes an edit
 * replaced, the last diagnostics) has just become garbage, and nothing else is. A full
 * collection then, once the diagnostics are sent, keeps the server near what is live
 * (~175 MB for 100,000 lines instead of peaks of 200-230 MB while V8 waits for its heap to
 * grow by 30%). It costs 40-70 ms per check at that size, work V8 would mostly have done
 * anyway. Smaller configurations are left to V8.
 */
export function collectAfterLargeCheck(checkedLength: number): void {
  if (checkedLength < LARGE_CHECK || collectionPending) return;
  const collect = collector();
  if (!collect) return;
  collectionPending = true;
  // After the current turn: the diagnostics are written first.
  setImmediate(() => {
    collectionPending = false;
    collect();
  });
}

/**
 * A full collection now, before a message of `length` bytes is parsed (see
 * messageReader.ts): the bytes it came in (51 MB for a 1,000,000-line table opened in the
 * editor) are garbage by then, and would otherwise still be held while its text is parsed
 * and checked: the server's peak. Smaller messages are left to V8.
 */
export function collectBeforeLargeMessage(length: number): void {
  if (length >= LARGE_CHECK * 4) collectNow();
}

/** A full collection now (when the host can make one). */
export function collectNow(): void {
  collector()?.();
}

/** V8's gc(), made available after start (the flag adds it to contexts created from then on); null if that fails. */
function collector(): (() => void) | null {
  if (collectGarbage === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      const gc: unknown = runInNewContext('typeof gc === "function" ? gc : undefined');
      collectGarbage = typeof gc === 'function' ? (gc as () => void) : null;
    } catch {
      collectGarbage = null;
    }
  }
  return collectGarbage;
}
