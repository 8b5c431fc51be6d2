/**
 * The main.cf indexes every configuration needs (the entry in effect per name, the names
 * `$references` use, the names legacy database clients make valid), kept per version of
 * the main.cf tree and updated from the edit that made it: after a one-line edit of a
 * large main.cf only the names of the removed and added lines are looked at again.
 */
import { isRawParameter } from '../kb/knowledgeBase';
import { TreeVersion, editSince, versionOf } from '../syntax/incremental';
import { MainCf, MainEntry, MainItem } from '../syntax/mainCf';
import { LegacyClients, legacyClientsIn, mayNameLegacyDatabase } from './legacyDatabases';
import { Caches, StoreKey } from '../caches';

export interface MainIndex {
  /** The entry in effect for each name: the last one, as Postfix keeps the last. */
  readonly last: ReadonlyMap<string, MainEntry>;
  /** The names some value references (`$name`; raw parameters' values aside). */
  readonly referenced: Pick<ReadonlySet<string>, 'has'>;
  /** The entries named `name`, and the entries whose value references it. */
  entriesNamed(name: string): readonly MainEntry[];
  entriesReferencing(name: string): readonly MainEntry[];
  /** Legacy database clients named in values (their `NAME_attribute` settings are valid). */
  readonly legacy: LegacyClients;
  /** Every entry of each name set more than once, in file order. */
  repeated(): Iterable<readonly MainEntry[]>;
  /**
   * The names whose entry in effect or whose being referenced changed since version
   * `from` (a token, see versionOf), if this index was updated from exactly that version.
   */
  changedSince(from: object): ReadonlySet<string> | undefined;
}

interface State extends MainIndex {
  readonly last: Map<string, MainEntry>;
  /** The entries whose value references each name. */
  readonly referenced: Map<string, MainEntry | MainEntry[]>;
  legacy: LegacyClients;
  /**
   * Every entry of each name set more than once (a name set once has its entry in
   * `last` only: a second map of every entry would cost more than it saves).
   */
  readonly repeats: Map<string, MainEntry[]>;
  /** What the last update changed, and from which version. */
  lastUpdate?: { from: object; changed: Set<string> };
}

/** Per version of the main.cf tree (see versionOf): moved to the next version after an edit. */
const STATES = new StoreKey('main.cf index per version', () => new WeakMap<TreeVersion, State>());

export function mainIndexOf(caches: Caches, main: MainCf): MainIndex {
  const states = caches.store(STATES);
  const version = versionOf(main);
  let state = states.get(version);
  if (state) return state;
  const edit = editSince(main, (v) => states.has(v));
  const previous = edit && states.get(edit.from);
  if (edit && previous) {
    // Moved, not copied: the previous version's items moved on anyway.
    states.delete(edit.from);
    advance(previous, main, edit as { from: object; removed: ReadonlySet<MainItem>; added: readonly MainItem[] });
    state = previous;
  } else {
    state = { last: new Map(), referenced: new Map(), legacy: new Map(), repeats: new Map(), repeated, changedSince, entriesNamed, entriesReferencing };
    for (const entry of main.entries) {
      add(state, entry);
      state.last.set(entry.name.text, entry);
    }
    state.legacy = legacyOf(main);
  }
  states.set(version, state);
  return state;
}

function advance(state: State, main: MainCf, edit: { from: object; removed: ReadonlySet<MainItem>; added: readonly MainItem[] }): void {
  // What each name the edit touches meant before, to tell afterwards which ones changed.
  const before = new Map<string, [MainEntry | undefined, boolean]>();
  for (const item of [...edit.removed, ...edit.added]) {
    if (item.kind !== 'entry') continue;
    for (const name of [item.name.text, ...item.value.refs.map((r) => r.name)]) {
      if (!before.has(name)) before.set(name, [state.last.get(name), state.referenced.has(name)]);
    }
  }
  const changed = new Set<string>();
  let legacy = false;
  for (const item of edit.removed) {
    if (item.kind !== 'entry' || !remove(state, item)) continue;
    changed.add(item.name.text);
    legacy ||= mayNameLegacyDatabase(item.value.text);
  }
  for (const item of edit.added) {
    if (item.kind !== 'entry') continue;
    add(state, item);
    changed.add(item.name.text);
    legacy ||= mayNameLegacyDatabase(item.value.text);
  }
  for (const name of changed) {
    const entries = state.repeats.get(name);
    if (entries) state.last.set(name, entries.reduce((a, b) => (b.line.start > a.line.start ? b : a)));
  }
  if (legacy) state.legacy = legacyOf(main);
  const meaningChanged = new Set<string>();
  for (const [name, [last, referenced]] of before) {
    if (state.last.get(name) !== last || state.referenced.has(name) !== referenced) meaningChanged.add(name);
  }
  state.lastUpdate = { from: edit.from, changed: meaningChanged };
}

function entriesNamed(this: State, name: string): readonly MainEntry[] {
  const last = this.last.get(name);
  return this.repeats.get(name) ?? (last ? [last] : []);
}

function entriesReferencing(this: State, name: string): readonly MainEntry[] {
  const found = this.referenced.get(name);
  return found === undefined ? [] : Array.isArray(found) ? found : [found];
}

/** Adds to a name's list (a value can reference a name twice: the entry is listed once). */
function listAdd(map: Map<string, MainEntry | MainEntry[]>, name: string, entry: MainEntry): void {
  const present = map.get(name);
  if (present === undefined) map.set(name, entry);
  else if (Array.isArray(present)) {
    if (present[present.length - 1] !== entry) present.push(entry);
  } else if (present !== entry) map.set(name, [present, entry]);
}

function listRemove(map: Map<string, MainEntry | MainEntry[]>, name: string, entry: MainEntry): void {
  const present = map.get(name);
  if (present === entry) map.delete(name);
  else if (Array.isArray(present)) {
    const at = present.indexOf(entry);
    if (at >= 0) present.splice(at, 1);
    if (present.length === 1) map.set(name, present[0]);
  }
}

function changedSince(this: State, from: object): ReadonlySet<string> | undefined {
  return this.lastUpdate?.from === from ? this.lastUpdate.changed : undefined;
}

/** Adds an entry; `last` is set by the caller (a new name's entry is its last one here). */
function add(state: State, entry: MainEntry): void {
  const name = entry.name.text;
  const repeats = state.repeats.get(name);
  const single = repeats ? undefined : state.last.get(name);
  if (repeats) repeats.push(entry);
  else if (single) state.repeats.set(name, [single, entry]);
  else state.last.set(name, entry);
  count(state, entry, 1);
}

/** False when the entry was not indexed (an item added and removed between two versions). */
function remove(state: State, entry: MainEntry): boolean {
  const name = entry.name.text;
  const repeats = state.repeats.get(name);
  const at = repeats ? repeats.indexOf(entry) : -1;
  if (repeats && at >= 0) {
    repeats.splice(at, 1);
    if (repeats.length === 1) {
      state.repeats.delete(name);
      state.last.set(name, repeats[0]);
    }
  } else if (state.last.get(name) === entry) state.last.delete(name);
  else return false;
  count(state, entry, -1);
  return true;
}

function count(state: State, entry: MainEntry, by: number): void {
  const refs = entry.value.refs;
  if (!refs.length || isRawParameter(entry.name.text)) return;
  for (const ref of refs) {
    if (by > 0) listAdd(state.referenced, ref.name, entry);
    else listRemove(state.referenced, ref.name, entry);
  }
}

function* repeated(this: State): Iterable<readonly MainEntry[]> {
  // Added entries go to the end of a list: put it back in file order.
  for (const entries of this.repeats.values()) yield entries.sort((a, b) => a.line.start - b.line.start);
}

function legacyOf(main: MainCf): LegacyClients {
  const clients: LegacyClients = new Map();
  for (const entry of main.entries) legacyClientsIn(entry.value.text, clients);
  return clients;
}
