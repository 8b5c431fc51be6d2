/**
 * Where the core keeps what it computed, so a keystroke redoes only what it changed. Two
 * lifetimes, each explicit (no module holds state of its own):
 *
 * - per configuration: `config.derive(KEY, compute)` keeps a result for as long as that
 *   Configuration object (one pair of file versions) is in use;
 * - across versions: `config.caches.store(KEY)` is a store owned by the language service
 *   (one per workspace), keyed by objects an edit keeps (the parse tree of the file that did
 *   not change, the master.cf entries of unchanged lines, a tree's version token). The
 *   stores are WeakMaps: a result lives exactly as long as its key.
 *
 * Each module declares its keys beside the code that uses them, with a word on what they
 * hold; docs/ARCHITECTURE.md says more. A Configuration built without a service gets fresh
 * stores: right, only slower across edits.
 */

/** A result kept for one Configuration. */
export class DerivedKey<T> {
  declare private readonly type: T;
  constructor(readonly what: string) {}
}

/** A store kept across versions, made on first use by `create`. */
export class StoreKey<T> {
  constructor(readonly what: string, readonly create: () => T) {}
}

/** The stores of one language service. */
export class Caches {
  private readonly stores = new Map<StoreKey<unknown>, unknown>();

  store<T>(key: StoreKey<T>): T {
    let store = this.stores.get(key) as T | undefined;
    if (store === undefined) this.stores.set(key, (store = key.create()));
    return store;
  }
}

/** The per-configuration results (a field of Configuration). */
export class Derived {
  private values?: Map<DerivedKey<unknown>, unknown>;

  get<T>(key: DerivedKey<T>, compute: () => T): T {
    const values = (this.values ??= new Map());
    if (values.has(key)) return values.get(key) as T;
    const value = compute();
    values.set(key, value);
    return value;
  }
}
