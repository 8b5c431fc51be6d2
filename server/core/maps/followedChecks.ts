/**
 * A check of each entry's value on its own (a transport map naming a transport master.cf
 * lacks, an access table's unknown action), followed across edits of a table read on the
 * flat path: a version one edit away from one already checked keeps that version's
 * results, moved past the edit, and judges only the edited entries. A 1,000,000-line table
 * is then judged once, not on every keystroke (and without an object per entry).
 */
import { StoreKey } from '../caches';
import type { Configuration } from '../model/configuration';
import { FlatTable, FlatVersion } from './fastIndexed';

interface Kept<T> {
  /** What the verdicts depend on besides the values (master.cf, the release, ...), compared item by item. */
  stamp: readonly unknown[];
  /** Entries flagged, in file order, and what was found for each. */
  indices: number[];
  verdicts: T[];
}

/** One store per check (its StoreKey), kept in the configuration's caches. */
export function followedStore<T>(name: string): StoreKey<WeakMap<FlatVersion, Kept<T>>> {
  return new StoreKey(name, () => new WeakMap<FlatVersion, Kept<T>>());
}

/**
 * The entries of `tree` whose value `judge` flags (its verdict), judged once per value per
 * version and followed across edits while `stamp` stays the same.
 */
export function followedVerdicts<T>(
  config: Configuration, key: StoreKey<WeakMap<FlatVersion, Kept<T>>>, tree: FlatTable, stamp: readonly unknown[], judge: (value: string) => T | undefined,
): { indices: readonly number[]; verdicts: readonly T[] } {
  const store = config.caches.store(key);
  const same = (k: Kept<T> | undefined): k is Kept<T> => !!k && k.stamp.length === stamp.length && k.stamp.every((x, i) => x === stamp[i]);
  const kept = store.get(tree.version);
  if (same(kept)) return kept;
  const indices: number[] = [];
  const verdicts: T[] = [];
  const scan = (from: number, to: number): void => {
    for (let i = from; i < to; i++) {
      const verdict = judge(tree.valueAt(i));
      if (verdict !== undefined) {
        indices.push(i);
        verdicts.push(verdict);
      }
    }
  };
  const edit = tree.edit;
  const before = edit ? store.get(edit.from) : undefined;
  if (edit && same(before)) {
    const shift = edit.added - edit.removed.length;
    let k = 0;
    for (; k < before.indices.length && before.indices[k] < edit.first; k++) {
      indices.push(before.indices[k]);
      verdicts.push(before.verdicts[k]);
    }
    scan(edit.first, edit.first + edit.added);
    for (; k < before.indices.length; k++) {
      if (before.indices[k] < edit.first + edit.removed.length) continue;
      indices.push(before.indices[k] + shift);
      verdicts.push(before.verdicts[k]);
    }
    store.delete(edit.from);
  } else {
    scan(0, tree.size);
  }
  const made: Kept<T> = { stamp, indices, verdicts };
  store.set(tree.version, made);
  return made;
}
