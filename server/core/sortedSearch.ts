/**
 * The binary search the lookups by offset share: a request or a rule must not scan a file
 * of 200,000 lines (or a value of as many continuation lines) to find one place.
 */

/**
 * Index of the last of `items` (in ascending order of `key`) whose key is at most
 * `target`; 0 when none is, or when `items` is empty, so callers check the item they get.
 */
export function lastAtOrBefore<T>(items: readonly T[], target: number, key: (item: T) => number): number {
  return lastIndexAtOrBefore(items.length, target, (i) => key(items[i]));
}

/** lastAtOrBefore() over `count` keys read by index (for keys packed in a flat array). */
export function lastIndexAtOrBefore(count: number, target: number, keyAt: (index: number) => number): number {
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (keyAt(mid) <= target) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Index of the first of `items` (in ascending order of `key`) whose key is at least `target`; items.length when none is. */
export function firstAtOrAfter<T>(items: readonly T[], target: number, key: (item: T) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(items[mid]) >= target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
