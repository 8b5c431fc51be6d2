/**
 * The common case of a large table, read without an object per line: every logical line is
 * one physical line (no continuation, no NUL byte, nothing indented at the top). A line
 * postmap would warn about on its own (a key without a value, an open quote, a key ending
 * in ":") is a problem of that line alone, kept in a list that edits update like the
 * comments: a half-typed entry stays on this path. Entries with the same key (a line just
 * copied) are kept as groups beside the key index, which holds the first of each: the
 * duplicate-key problems are made from the groups. Keys and values are kept as document offsets in typed arrays,
 * the keys' index is a hash table of entry numbers (no string per key), and entry objects
 * are made when asked for. A table with any unusual line takes the general path
 * (indexed.ts) instead.
 *
 * An edit re-reads only the physical lines it touches (`updateFlatIndexed`): lines are
 * independent here, so the entries before the edit stay, the ones after it move by the
 * edit's length, and the key index loses the old lines' keys and gains the new ones. The
 * result is the one a fresh parse gives (a test checks this on random edits); an edit
 * that makes a line unusual (or a duplicate key) reads the whole text again.
 *
 * The text is a ChunkedText: a line never spans two chunks, so every read below works in
 * one chunk with the chunk's offset added, and an edit's next version shares every chunk
 * it did not touch (no new 51 MB string per keystroke).
 */
import { ChunkedText } from '../chunkedText';
import { commonPrefix, commonSuffix, countNewlines } from '../syntax/incremental';
import { CommentLine, LogicalLine, isSpaceCode, ownCopy } from '../syntax/logicalLines';
import { MapAnswer, MapEntry, MapFile, MapOptions, MapProblem, foldKey } from './mapFile';
import { keyEnd } from './indexed';

class FlatEntry implements MapEntry {
  readonly keyStart: number;
  readonly keyEnd: number;
  readonly valueStart: number;
  readonly valueEnd: number;
  readonly line: number;
  constructor(private readonly text: ChunkedText, map: FlatMap, index: number) {
    this.keyStart = map.starts[index];
    this.keyEnd = map.keyEnds[index];
    this.valueStart = map.valueStarts[index];
    this.valueEnd = map.valueEnds[index];
    this.line = map.lineNos[index];
  }
  get key(): string { return this.text.slice(this.keyStart, this.keyEnd); }
  get value(): string { return this.text.slice(this.valueStart, this.valueEnd); }
  get source(): LogicalLine {
    const { keyStart: start, line } = this;
    let end = this.text.indexOfNewline(start);
    if (end < 0) end = this.text.length;
    const text = this.text.slice(start, end);
    return { text, pieces: [{ start, end, joinedAt: 0 }], line, start, end, leadingWhitespace: false };
  }
  toJSON(): object {
    const { key, value, line, keyStart, keyEnd, valueStart, valueEnd } = this;
    return { key, value, line, keyStart, keyEnd, valueStart, valueEnd };
  }
}

/** Entries' columns, by entry number (file order), and the key index. */
class Store {
  count = 0;
  starts: Int32Array;
  keyEnds: Int32Array;
  valueStarts: Int32Array;
  valueEnds: Int32Array;
  lineNos: Int32Array;
  /** Each entry's id: its place in the key index, which does not change when entries before it come and go. */
  ids: Int32Array;
  /** By id: the entry number, and the key's hash. */
  numberOf: Int32Array;
  hashOf: Int32Array;
  freeIds: number[] = [];
  nextId = 0;
  /** Open addressing: id + 1, 0 for an empty slot, -1 for a removed one. Holds the first entry of each key. */
  slots: Int32Array;
  used = 0;
  /** Keys (folded) more than one entry has: their entries' ids. */
  groups = new Map<string, number[]>();
  /** Ids of the entries that are not the first of their key (Postfix keeps the first value). */
  losers = new Set<number>();

  constructor(capacity: number) {
    const c = Math.max(16, capacity);
    this.starts = new Int32Array(c);
    this.keyEnds = new Int32Array(c);
    this.valueStarts = new Int32Array(c);
    this.valueEnds = new Int32Array(c);
    this.lineNos = new Int32Array(c);
    this.ids = new Int32Array(c);
    this.numberOf = new Int32Array(c);
    this.hashOf = new Int32Array(c);
    this.slots = new Int32Array(slotsFor(c));
  }
}

const slotsFor = (n: number): number => {
  let size = 32;
  while (size < n * 2) size *= 2;
  return size;
};

/**
 * A token for one version of a flat table: results kept per version are kept per token,
 * which (unlike the table) does not hold the version's text.
 */
export class FlatVersion {}

/**
 * How a flat table came from the version before it: entries `first` to `first +
 * removed.length` of that version were replaced by `added` entries here; the entries after
 * them moved by `added - removed.length`. `removed` holds the replaced entries' keys and
 * values (copies: the earlier text is gone). Consumers that keep results per entry (the
 * unknown-transport check, routing's next-hops) update those instead of starting over.
 */
export interface FlatEdit {
  readonly from: FlatVersion;
  readonly first: number;
  /** `winner`: the entry was the first of its key (the one lookups answer with). */
  readonly removed: readonly { key: string; value: string; winner: boolean }[];
  readonly added: number;
  /** Entries outside the edit that became the first of their key (true) or stopped being it (false), by entry number in this version. */
  readonly flips: readonly { index: number; winner: boolean }[];
}

class FlatMap implements MapFile {
  readonly syntax = 'indexed' as const;
  readonly version = new FlatVersion();
  private made?: MapEntry[];
  private allProblems?: MapProblem[];
  readonly comments: CommentLine[];
  /** Whether any two entries share a key (the groups are then not empty). */
  readonly hasDuplicates: boolean;
  constructor(readonly text: ChunkedText, readonly utf8: boolean, readonly store: Store, readonly aside: Aside, readonly edit?: FlatEdit) {
    this.comments = aside.comments;
    this.hasDuplicates = store.groups.size > 0;
  }

  /** The lines' own problems, and a duplicate-key problem for every entry but the first of a key, in file order. */
  get problems(): MapProblem[] {
    if (!this.allProblems) {
      const { store } = this;
      const dups: MapProblem[] = [];
      for (const [folded, ids] of store.groups) {
        const sorted = ids.map((id) => store.numberOf[id]).sort((x, y) => x - y);
        const first = this.entry(sorted[0]);
        for (const i of sorted.slice(1)) dups.push({ code: 'duplicate-key', start: store.starts[i], end: store.keyEnds[i], line: store.lineNos[i], detail: folded, first });
      }
      // A line's own problem (an alias line's) comes before its duplicate-key problem.
      const all: MapProblem[] = [...this.aside.problems, ...dups];
      this.allProblems = dups.length ? all.sort((x, y) => x.line - y.line || (x.code === 'duplicate-key' ? 1 : 0) - (y.code === 'duplicate-key' ? 1 : 0)) : all;
    }
    return this.allProblems;
  }

  /** Whether entry `index` is the first of its key (the one Postfix keeps). */
  winner(index: number): boolean {
    return !this.store.losers.has(this.store.ids[index]);
  }

  get size(): number { return this.store.count; }
  get starts(): Int32Array { return this.store.starts; }
  get keyEnds(): Int32Array { return this.store.keyEnds; }
  get valueStarts(): Int32Array { return this.store.valueStarts; }
  get valueEnds(): Int32Array { return this.store.valueEnds; }
  get lineNos(): Int32Array { return this.store.lineNos; }

  get entries(): readonly MapEntry[] {
    if (!this.made) {
      const made: MapEntry[] = new Array(this.store.count);
      for (let i = 0; i < made.length; i++) made[i] = new FlatEntry(this.text, this, i);
      this.made = made;
    }
    return this.made;
  }

  entry(index: number): MapEntry {
    return this.made?.[index] ?? new FlatEntry(this.text, this, index);
  }

  keyStartAt(index: number): number { return this.store.starts[index]; }
  keyAt(index: number): string { return this.text.slice(this.store.starts[index], this.store.keyEnds[index]); }
  valueAt(index: number): string { return this.text.slice(this.store.valueStarts[index], this.store.valueEnds[index]); }

  lookup(key: string): MapEntry | undefined {
    const i = findKey(this, foldKey(key, this.utf8));
    return i < 0 ? undefined : this.entry(i);
  }

  query(key: string): string | undefined {
    return this.lookup(key)?.value;
  }

  answer(key: string): MapAnswer {
    const entry = this.lookup(key);
    return { entry, value: entry?.value, certain: true };
  }
}

/** Whether `file` was read on the flat path (its entries can be listed without objects). */
export function isFlatMap(file: MapFile): file is FlatTable {
  return file instanceof FlatMap;
}

/** A table read on the flat path, as its consumers see it. */
export interface FlatTable extends MapFile {
  readonly size: number;
  readonly hasDuplicates: boolean;
  winner(index: number): boolean;
  readonly version: FlatVersion;
  readonly edit?: FlatEdit;
  keyAt(index: number): string;
  valueAt(index: number): string;
  keyStartAt(index: number): number;
  entry(index: number): MapEntry;
}

/** What a line is besides an entry: a comment, or a problem of its own (in file order). */
interface Aside {
  comments: FlatComment[];
  problems: FlatProblem[];
}

/** A problem of one line (see the top of this file); moved with its line by edits. */
class FlatProblem implements MapProblem {
  constructor(readonly code: 'unbalanced-quote' | 'expected-format' | 'alias-format', public start: number, public end: number, public line: number) {}
}

/** Comment lines are made on use: a table rarely needs them. */
class FlatComment implements CommentLine {
  constructor(public line: number, public start: number, public end: number, public source: ChunkedText) {}
  get text(): string { return this.source.slice(this.start + 1, this.end); }
  opensWith(prefix: string): boolean { return this.text.trimStart().startsWith(prefix); }
}

// ---- the key index ----

/** FNV-1a over the folded key's UTF-16 units. */
function hashString(s: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

/** The folded key of chunk[start, end) and its hash, without a string for an ASCII key already in lower case. */
function hashRange(text: string, start: number, end: number, utf8: boolean): number {
  let h = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) {
    let c = text.charCodeAt(i);
    if (c > 127) return hashString(foldKey(text.slice(start, end), utf8));
    if (c >= 65 && c <= 90) c += 32;
    h = Math.imul(h ^ c, 0x01000193);
  }
  return h;
}

/** Whether entry `index`'s folded key is `folded`. */
function keyIs(body: ChunkedText, store: Store, index: number, folded: string, utf8: boolean): boolean {
  // The entry's line lies in one chunk: read it there.
  const c = body.chunkAt(store.starts[index]);
  const text = body.chunk(c);
  const base = body.chunkStart(c);
  const start = store.starts[index] - base;
  const end = store.keyEnds[index] - base;
  let ascii = true;
  for (let i = start; i < end; i++) if (text.charCodeAt(i) > 127) ascii = false;
  if (!ascii) return foldKey(text.slice(start, end), utf8) === folded;
  if (end - start !== folded.length) return false;
  for (let i = start; i < end; i++) {
    let c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    if (c !== folded.charCodeAt(i - start)) return false;
  }
  return true;
}

/** Whether entries `a` and `b` (of the same text) have the same folded key. */
function sameKey(body: ChunkedText, store: Store, a: number, b: number, utf8: boolean): boolean {
  return keyIs(body, store, a, foldKey(body.slice(store.starts[b], store.keyEnds[b]), utf8), utf8);
}

function findKey(map: FlatMap, folded: string): number {
  const { store, text, utf8 } = map;
  const h = hashString(folded);
  const mask = store.slots.length - 1;
  for (let s = h & mask; ; s = (s + 1) & mask) {
    const v = store.slots[s];
    if (v === 0) return -1;
    if (v > 0 && store.hashOf[v - 1] === h) {
      const index = store.numberOf[v - 1];
      if (keyIs(text, store, index, folded, utf8)) return index;
    }
  }
}

/**
 * Adds entry `index` (its columns set) to the key index. `chunk` is the text the entry's
 * line is in, starting at document offset `base`. A key the index has already makes a group
 * (or joins one); the entry that comes first in the file stays in the index. An entry
 * that stops being first is noted in `flips` (by id, with true: it was first).
 */
function addKey(body: ChunkedText, chunk: string, base: number, store: Store, index: number, utf8: boolean, flips?: Map<number, boolean>): void {
  const h = hashRange(chunk, store.starts[index] - base, store.keyEnds[index] - base, utf8);
  const mask = store.slots.length - 1;
  let free = -1;
  let s = h & mask;
  let existing = -1;
  for (; ; s = (s + 1) & mask) {
    const v = store.slots[s];
    if (v === 0) break;
    if (v < 0) {
      if (free < 0) free = s;
      continue;
    }
    if (store.hashOf[v - 1] === h && sameKey(body, store, store.numberOf[v - 1], index, utf8)) {
      existing = v - 1;
      break;
    }
  }
  const id = store.freeIds.pop() ?? store.nextId++;
  if (id >= store.numberOf.length) {
    store.numberOf = grow(store.numberOf, id + 1);
    store.hashOf = grow(store.hashOf, id + 1);
  }
  store.numberOf[id] = index;
  store.hashOf[id] = h;
  store.ids[index] = id;
  if (existing >= 0) {
    const folded = foldKey(body.slice(store.starts[index], store.keyEnds[index]), utf8);
    const group = store.groups.get(folded) ?? [existing];
    group.push(id);
    store.groups.set(folded, group);
    if (store.numberOf[existing] > index) {
      // Earlier in the file than the entry the index holds: it takes the slot.
      store.slots[s] = id + 1;
      store.losers.add(existing);
      if (flips && !flips.has(existing)) flips.set(existing, true);
    } else {
      store.losers.add(id);
    }
    return;
  }
  if (free >= 0) store.slots[free] = id + 1;
  else {
    store.slots[s] = id + 1;
    store.used++;
  }
}

/**
 * Takes entry `index` (its key `key`) out of the key index and of its group. When it was
 * the first of its key, the next entry of the group in file order takes its place (noted in
 * `touched`, by id, with false: it was not first); its id is freed.
 */
function removeEntry(store: Store, index: number, key: string, utf8: boolean, touched: Map<number, boolean>): void {
  const id = store.ids[index];
  const folded = store.groups.size ? foldKey(key, utf8) : '';
  const group = store.groups.get(folded);
  if (!group || !group.includes(id)) {
    removeKey(store, index);
    return;
  }
  const rest = group.filter((x) => x !== id);
  if (!store.losers.delete(id)) {
    let next = rest[0];
    for (const x of rest) if (store.numberOf[x] < store.numberOf[next]) next = x;
    repoint(store, id, next);
    store.losers.delete(next);
    if (!touched.has(next)) touched.set(next, false);
  }
  if (rest.length > 1) store.groups.set(folded, rest);
  else store.groups.delete(folded);
  store.freeIds.push(id);
}

/** The key index slot holding id `from` given to id `to` (an entry of the same key). */
function repoint(store: Store, from: number, to: number): void {
  const mask = store.slots.length - 1;
  for (let s = store.hashOf[from] & mask; ; s = (s + 1) & mask) {
    if (store.slots[s] === from + 1) {
      store.slots[s] = to + 1;
      return;
    }
    if (store.slots[s] === 0) return;
  }
}

/** Removes entry `index`'s key from the key index. */
function removeKey(store: Store, index: number): void {
  const id = store.ids[index];
  const mask = store.slots.length - 1;
  for (let s = store.hashOf[id] & mask; ; s = (s + 1) & mask) {
    const v = store.slots[s];
    if (v === 0) return;
    if (v === id + 1) {
      store.slots[s] = -1;
      store.freeIds.push(id);
      return;
    }
  }
}

/** A new slot table when removed and used slots fill it: every id placed again by its kept hash. */
function rehash(store: Store, count: number, skipFrom = 0, skipTo = 0): void {
  const slots = new Int32Array(slotsFor(count));
  const mask = slots.length - 1;
  let used = 0;
  for (let i = 0; i < store.count; i++) {
    if (i >= skipFrom && i < skipTo) continue;
    const id = store.ids[i];
    if (store.losers.has(id)) continue;
    used++;
    let s = store.hashOf[id] & mask;
    while (slots[s] !== 0) s = (s + 1) & mask;
    slots[s] = id + 1;
  }
  store.slots = slots;
  store.used = used;
}

function grow(a: Int32Array, need: number): Int32Array {
  let size = a.length;
  while (size < need) size *= 2;
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

function ensureCapacity(store: Store, need: number): void {
  if (need <= store.starts.length) return;
  store.starts = grow(store.starts, need);
  store.keyEnds = grow(store.keyEnds, need);
  store.valueStarts = grow(store.valueStarts, need);
  store.valueEnds = grow(store.valueEnds, need);
  store.lineNos = grow(store.lineNos, need);
  store.ids = grow(store.ids, need);
}

// ---- reading ----

/** Reads `text` on the fast path, or returns undefined when a line needs the general one. */
export function parseFlatIndexed(text: ChunkedText, { utf8 = true }: MapOptions = {}): MapFile | undefined {
  for (let c = 0; c < text.chunkCount; c++) if (text.chunk(c).includes('\0')) return undefined;
  // About one entry per 40 characters: a first guess at the columns' size.
  const store = new Store(Math.ceil(text.length / 40));
  const aside: Aside = { comments: [], problems: [] };
  if (!readRange(text, 0, text.length, 0, store, aside, utf8)) return undefined;
  return new FlatMap(text, utf8, store, aside);
}

/** readLines() over text[from, to), chunk by chunk (from and to at line starts, or to at the end). */
function readRange(body: ChunkedText, from: number, to: number, lineNo: number, store: Store, aside: Aside, utf8: boolean): boolean {
  let ok = true;
  let line = lineNo;
  body.forEachPiece(from, to, (chunk, base, a, b) => {
    if (!ok) return;
    ok = readLines(body, chunk, base, a, b, line, store, aside, utf8);
    line += countNewlines(chunk, a, b);
  });
  return ok;
}

/**
 * Reads the physical lines of chunk[from, to) (from at a line start, to at one or at the
 * end), the first being line `lineNo`, appending entries (at document offsets: the chunk
 * starts at `base`) to `store`, comments and problems to `aside`; false when a line needs
 * the general path.
 */
function readLines(body: ChunkedText, text: string, base: number, from: number, to: number, lineNo: number, store: Store, aside: Aside, utf8: boolean): boolean {
  let pos = from;
  while (pos < to) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0 || eol > to) eol = to;
    let first = pos;
    while (first < eol && isSpaceCode(text.charCodeAt(first))) first++;
    if (first === eol) {
      // blank
    } else if (text.charCodeAt(first) === 35) {
      let end = eol;
      while (end > first + 1 && isSpaceCode(text.charCodeAt(end - 1))) end--;
      aside.comments.push(new FlatComment(lineNo, base + first, base + end, body));
    } else if (first > pos) {
      return false; // a continuation (or an indented first line)
    } else {
      readLine(body, text, base, pos, eol, lineNo, store, aside.problems, utf8);
    }
    pos = eol + 1;
    lineNo++;
  }
  return true;
}

/** One physical line that is a whole logical line, read as indexed.ts reads it: an entry, or a problem that ignores the line. */
function readLine(body: ChunkedText, text: string, base: number, start: number, eol: number, lineNo: number, store: Store, problems: FlatProblem[], utf8: boolean): void {
  // The key ends at the first white space; quotes and backslashes take the general rules.
  let k = start;
  while (k < eol) {
    const c = text.charCodeAt(k);
    if (isSpaceCode(c)) break;
    if (c === 34 || c === 92) {
      const end = keyEnd(text.slice(start, eol));
      if (end < 0) {
        problems.push(new FlatProblem('unbalanced-quote', base + start, base + eol, lineNo));
        return;
      }
      k = start + end;
      break;
    }
    k++;
  }
  let v = k;
  while (v < eol && isSpaceCode(text.charCodeAt(v))) v++;
  let ve = eol;
  while (ve > v && isSpaceCode(text.charCodeAt(ve - 1))) ve--;
  if (k === start || ve === v) {
    problems.push(new FlatProblem('expected-format', base + start, base + eol, lineNo));
    return;
  }
  if (text.charCodeAt(k - 1) === 58 /* : */) problems.push(new FlatProblem('alias-format', base + start, base + k, lineNo));
  const index = store.count;
  ensureCapacity(store, index + 1);
  store.starts[index] = base + start;
  store.keyEnds[index] = base + k;
  store.valueStarts[index] = base + v;
  store.valueEnds[index] = base + ve;
  store.lineNos[index] = lineNo;
  if ((store.used + 1) * 2 > store.slots.length) rehash(store, store.count * 2 + 2);
  addKey(body, text, base, store, index, utf8);
  store.count++;
}

// ---- edits ----

/** The first entry number whose start is at or after `offset`. */
function firstAtOrAfter(starts: Int32Array, count: number, offset: number): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (starts[mid] < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * What one edit changed, as offsets: text[start, oldEnd) of the earlier version became
 * text[start, newEnd) of the next (everything else is the same).
 */
export interface TextChange {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/**
 * The table of `text`, the next version of `old` (a tree of this path): only the physical
 * lines the edit touches are read again. `old` hands its columns over and must not be used
 * afterwards. Undefined when `old` was not read on the flat path or the edit makes a line
 * that needs the general one: then read the whole text.
 */
export function updateFlatIndexed(old: MapFile, text: ChunkedText, change?: TextChange): MapFile | undefined {
  if (!(old instanceof FlatMap)) return undefined;
  const before = old.text;
  const { store, utf8 } = old;
  // Where the texts differ, when the host knows it (and it adds up); else found by comparing them.
  const known = change && change.start >= 0 && change.start <= change.oldEnd && change.oldEnd <= before.length && change.newEnd >= change.start
    && before.length - (change.oldEnd - change.start) + (change.newEnd - change.start) === text.length ? change : undefined;
  if (!known && before.length === text.length && before.toString() === text.toString()) {
    // The same text in another string (a document opened as it is on disk): the new one is
    // kept instead, so that the two are not both held.
    if (!before.length) return old;
    for (const c of old.aside.comments) c.source = text;
    return new FlatMap(text, utf8, store, old.aside, { from: old.version, first: 0, removed: [], added: 0, flips: [] });
  }
  const prefix = known ? known.start : commonPrefix(before.toString(), text.toString());
  const suffix = known ? before.length - known.oldEnd : commonSuffix(before.toString(), text.toString(), Math.min(before.length, text.length) - prefix);
  const oldEnd = before.length - suffix;
  const delta = text.length - before.length;
  // The physical lines holding the edit: from the start of the line where it starts to the
  // end of the line (its newline included) where it ends.
  const regionStart = prefix === 0 ? 0 : before.lastIndexOfNewline(prefix - 1) + 1;
  const nl = before.indexOfNewline(oldEnd);
  const oldRegionEnd = nl < 0 ? before.length : nl + 1;
  const newRegionEnd = oldRegionEnd + delta;
  // Beyond half of a large file, reading it whole is as cheap.
  const large = (n: number, of: number): boolean => n > 1 << 16 && n > of / 2;
  if (large(oldRegionEnd - regionStart, before.length) || large(newRegionEnd - regionStart, text.length)) return undefined;
  if (text.slice(regionStart, newRegionEnd).includes('\0')) return undefined;

  const a = firstAtOrAfter(store.starts, store.count, regionStart);
  const b = firstAtOrAfter(store.starts, store.count, oldRegionEnd);
  const baseLine = a > 0 ? store.lineNos[a - 1] + before.countNewlines(store.starts[a - 1], regionStart) : before.countNewlines(0, regionStart);
  const lineDelta = text.countNewlines(regionStart, newRegionEnd) - before.countNewlines(regionStart, oldRegionEnd);

  // The region's new lines, read on their own (their offsets already in the new text).
  const region = new Store(16);
  const regionAside: Aside = { comments: [], problems: [] };
  if (!readRange(text, regionStart, newRegionEnd, baseLine, region, regionAside, utf8)) return undefined;

  // The old lines' keys leave the index; the new ones come in (a duplicate: the general path).
  const removed: { key: string; value: string; winner: boolean }[] = [];
  const leaving = new Set<number>();
  for (let i = a; i < b; i++) {
    leaving.add(store.ids[i]);
    removed.push({ key: ownCopy(before.slice(store.starts[i], store.keyEnds[i])), value: ownCopy(before.slice(store.valueStarts[i], store.valueEnds[i])), winner: !store.losers.has(store.ids[i]) });
  }
  /** Entries whose being first of their key this edit may change, by id: whether they were. */
  const touched = new Map<number, boolean>();
  for (let i = a; i < b; i++) removeEntry(store, i, removed[i - a].key, utf8, touched);
  const count = store.count - (b - a) + region.count;
  ensureCapacity(store, count);
  const shift = region.count - (b - a);
  const tail = store.count - b;
  if (shift !== 0) {
    for (const column of [store.starts, store.keyEnds, store.valueStarts, store.valueEnds, store.lineNos, store.ids]) {
      column.copyWithin(b + shift, b, b + tail);
    }
  }
  const from = b + shift;
  const to = from + tail;
  if (delta !== 0) {
    for (let i = from; i < to; i++) {
      store.starts[i] += delta;
      store.keyEnds[i] += delta;
      store.valueStarts[i] += delta;
      store.valueEnds[i] += delta;
    }
  }
  if (lineDelta !== 0) for (let i = from; i < to; i++) store.lineNos[i] += lineDelta;
  if (shift !== 0) for (let i = from; i < to; i++) store.numberOf[store.ids[i]] = i;
  for (let r = 0; r < region.count; r++) {
    const i = a + r;
    store.starts[i] = region.starts[r];
    store.keyEnds[i] = region.keyEnds[r];
    store.valueStarts[i] = region.valueStarts[r];
    store.valueEnds[i] = region.valueEnds[r];
    store.lineNos[i] = region.lineNos[r];
  }
  store.count = count;
  if ((store.used + region.count) * 2 > store.slots.length) rehash(store, count * 2 + 2, a, a + region.count);
  for (let r = 0; r < region.count; r++) {
    const c = text.chunkAt(store.starts[a + r]);
    addKey(text, text.chunk(c), text.chunkStart(c), store, a + r, utf8, touched);
  }
  const flips: { index: number; winner: boolean }[] = [];
  for (const [id, was] of touched) {
    const winner = !store.losers.has(id);
    if (!leaving.has(id) && winner !== was) flips.push({ index: store.numberOf[id], winner });
  }

  // Comments and problems: those before the region stay, the region's come in, those after move.
  const aside: Aside = {
    comments: spliceMoved(old.aside.comments, regionAside.comments, regionStart, oldRegionEnd, delta, lineDelta),
    problems: spliceMoved(old.aside.problems, regionAside.problems, regionStart, oldRegionEnd, delta, lineDelta),
  };
  for (const c of aside.comments) c.source = text;
  return new FlatMap(text, utf8, store, aside, { from: old.version, first: a, removed, added: region.count, flips });
}

/** `old` (in file order) with those in [regionStart, oldRegionEnd) replaced by `made`, and those after moved (in place). */
function spliceMoved<T extends { start: number; end: number; line: number }>(old: T[], made: T[], regionStart: number, oldRegionEnd: number, delta: number, lineDelta: number): T[] {
  const out = old.filter((x) => x.start < regionStart);
  out.push(...made);
  for (const x of old) {
    if (x.start < oldRegionEnd) continue;
    x.start += delta;
    x.end += delta;
    x.line += lineDelta;
    out.push(x);
  }
  return out;
}
