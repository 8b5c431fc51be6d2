/**
 * Re-parsing after an edit without re-reading the whole file. Logical lines before the
 * edit are kept as they are; the edited region is split and parsed again; items after
 * it are kept and their offsets shifted. The result is identical to a full parse (a test
 * checks this on random edits), but a one-line edit in a large main.cf costs a
 * few milliseconds instead of a full parse.
 *
 * Why the region boundaries are safe: readllines() only looks one line ahead, so a
 * logical line that starts with a non-blank, non-"#" character right after an unchanged
 * newline starts a logical line in both texts, and everything from there on reads the
 * same. The region therefore runs from the logical line before the edit (an edit can
 * turn a line into a continuation of the one above) to the first logical line that
 * starts after the edit.
 *
 * The old tree's objects are reused and shifted in place: the old tree must not be used
 * after this call.
 */
import { CommentLine, LogicalLine, Move, detachLine, moveComment, moveLine, ownCopy, splitLogicalLines } from './logicalLines';
import { MainCf, MainEntry, MainItem, Token, ValueText, mainTree, parseMainLines } from './mainCf';
import { MasterCf, MasterItem, parseMasterLines } from './masterCf';
import { firstAtOrAfter } from '../sortedSearch';

/** Beyond this share of the file changed, a full parse is as cheap. */
const FULL_PARSE_SHARE = 0.5;

type Tree = MainCf | MasterCf;

type Item = MainItem | MasterItem;

/**
 * What changed between an earlier version of a tree and this one: the items of the
 * earlier version that are gone, and the new items. Items in neither list are the same
 * objects in both (their offsets shifted). Consumers that keep results per item (see
 * core/itemCache.ts, model/mainIndex.ts) update those instead of starting over.
 */
export interface TreeEdit {
  readonly removed: ReadonlySet<Item>;
  readonly added: readonly Item[];
}

/** One reparse: from the version `from` (a token, see versionOf) to the tree it made. */
interface Step {
  readonly from: TreeVersion;
  readonly removed: readonly Item[];
  readonly added: readonly Item[];
  earlier?: Step;
}

/**
 * A token for one version of a tree, carried by the tree (`tree.version`, made on first
 * use) and holding how that version came from earlier ones. Results are kept per token,
 * not per tree: the token, unlike the tree, is not kept alive by the edits that follow it
 * (a large file's tree is large).
 */
export class TreeVersion {
  /** The reparse that made this version, and the ones before it (at most MAX_STEPS). */
  step?: Step;
}
/** Versions kept behind the newest: a consumer that skipped a version or two catches up. */
const MAX_STEPS = 4;
/** Beyond this many changed items, starting over is as cheap as following the edits. */
const MAX_EDIT_ITEMS = 20_000;

/** The version token of a tree (see TreeVersion); not enumerable, so trees still compare as plain data. */
export function versionOf(tree: Tree): TreeVersion {
  if (!tree.version) Object.defineProperty(tree, 'version', { value: new TreeVersion(), enumerable: false, writable: true });
  return tree.version!;
}

/**
 * What changed since the most recent earlier version for which `kept(version)` is true,
 * or undefined when there is none within reach (then start over).
 */
export function editSince(tree: Tree, kept: (version: TreeVersion) => boolean): (TreeEdit & { from: TreeVersion }) | undefined {
  const path: Step[] = [];
  for (let step = tree.version?.step; step; step = step.earlier) {
    path.push(step);
    if (!kept(step.from)) continue;
    const removed = new Set<Item>();
    let added: Item[] = [];
    for (let i = path.length - 1; i >= 0; i--) {
      for (const item of path[i].removed) removed.add(item);
      const gone = new Set(path[i].removed);
      added = [...added.filter((item) => !gone.has(item)), ...path[i].added];
    }
    return removed.size + added.length > MAX_EDIT_ITEMS ? undefined : { from: step.from, removed, added };
  }
  return undefined;
}

function recordEdit(old: Tree, tree: Tree, removed: readonly Item[], added: readonly Item[]): void {
  // Kept for MAX_STEPS versions: they must not keep their version's text alive.
  for (const item of removed) detachLine(item.line);
  const step: Step = { from: versionOf(old), removed, added, earlier: old.version?.step };
  let last = step;
  for (let depth = 1; depth < MAX_STEPS && last.earlier; depth++) last = last.earlier;
  last.earlier = undefined;
  versionOf(tree).step = step;
}

/** Parses `text` reusing `old` (parsed from the previous text of the same file). */
export function reparse<T extends Tree>(old: T, text: string, parseFull: (text: string) => T): T {
  const before = old.text;
  if (before === text) return old;
  const prefix = commonPrefix(before, text);
  const suffix = commonSuffix(before, text, Math.min(before.length, text.length) - prefix);
  const oldEnd = before.length - suffix;
  if (oldEnd - prefix > before.length * FULL_PARSE_SHARE || text.length - suffix - prefix > text.length * FULL_PARSE_SHARE) {
    return parseFull(text);
  }
  const items = old.items as (MainItem | MasterItem)[];
  // First reused-after item: the first logical line starting after the edit. A line
  // that starts with white space (only possible at the top of the file) is not a safe
  // boundary: new text above it can make it a continuation.
  const lineStart = (item: MainItem | MasterItem): number => item.line.start;
  let after = firstAtOrAfter(items, oldEnd + 1, lineStart);
  while (after < items.length && items[after].line.leadingWhitespace) after++;
  // The logical line holding the edit start is re-read (an edit at a line start can also
  // make that line a continuation of this one); everything before it is kept, and the
  // comments between the kept items and it are collected again.
  const before0 = firstAtOrAfter(items, prefix, lineStart);
  const first = Math.max(0, before0 - 1);
  const regionStart = first > 0 ? items[first - 1].line.end + 1 : 0;
  const oldRegionEnd = after < items.length ? items[after].line.start : before.length;
  const delta = text.length - before.length;
  const newRegionEnd = oldRegionEnd + delta;

  const baseLine = countNewlines(text, 0, regionStart);
  const lineDelta = countNewlines(text, regionStart, newRegionEnd) - countNewlines(before, regionStart, oldRegionEnd);
  // The region is read and parsed on its own (so what its items keep is sliced from it),
  // then moved into place like the items after it.
  const region = splitLogicalLines(detachedSlice(text, regionStart, newRegionEnd));
  const reparsed = old.kind === 'main' ? parseMainLines(region.lines) : parseMasterLines(region.lines);
  const intoRegion: Move = { by: regionStart, lines: baseLine, text };
  for (const item of reparsed) shiftItem(item, intoRegion);
  for (const comment of region.comments) moveComment(comment, intoRegion);

  // The new entries list is the old one with the region's entries replaced (no scan of
  // every item): where the region starts and ends in it, found before anything moves.
  const oldEntries = old.kind === 'main' ? (old as MainCf).entries : [];
  const entryCut = [entryIndexAt(oldEntries, items, first), entryIndexAt(oldEntries, items, after)];
  // Lines before the edit stay where they are, but in the new text (see moveLine).
  const stay: Move = { by: 0, lines: 0, text };
  for (let i = 0; i < first; i++) moveLine(items[i].line, stay);
  const below: Move = { by: delta, lines: lineDelta, text };
  for (let i = after; i < items.length; i++) shiftItem(items[i], below);
  const comments: CommentLine[] = [];
  for (const c of old.comments) {
    if (c.start < regionStart) {
      moveComment(c, stay);
      comments.push(c);
    }
  }
  comments.push(...region.comments);
  for (const c of old.comments) {
    if (c.start >= oldRegionEnd) {
      moveComment(c, below);
      comments.push(c);
    }
  }
  // One new array each, filled in place: these are arrays of as many items as the file has lines, and copies of
  // their parts would be megabytes more garbage per keystroke.
  const all = spliced(items, first, after, reparsed);
  const tree = (old.kind === 'main'
    ? mainTree(text, all as MainItem[],
      spliced(oldEntries, entryCut[0], entryCut[1], (reparsed as MainItem[]).filter((i): i is MainEntry => i.kind === 'entry')), comments)
    : assembleMaster(text, all as MasterItem[], comments)) as T;
  recordEdit(old, tree, items.slice(first, after), reparsed);
  return tree;
}

/** A new array: list[0, from), then `middle`, then list[to, end). */
function spliced<T>(list: readonly T[], from: number, to: number, middle: readonly T[]): T[] {
  const out = new Array<T>(from + middle.length + list.length - to);
  let n = 0;
  for (let i = 0; i < from; i++) out[n++] = list[i];
  for (const item of middle) out[n++] = item;
  for (let i = to; i < list.length; i++) out[n++] = list[i];
  return out;
}

function assembleMaster(text: string, items: MasterItem[], comments: CommentLine[]): MasterCf {
  return { kind: 'master', text, items, entries: items.filter((i) => i.kind === 'service'), comments, lines: linesOf(items) } as MasterCf;
}

function linesOf(items: readonly (MainItem | MasterItem)[]): LogicalLine[] {
  const lines = new Array<LogicalLine>(items.length);
  for (let i = 0; i < items.length; i++) lines[i] = items[i].line;
  return lines;
}

/** Index of the first entry at or after `items[at]` (before any offset is shifted). */
function entryIndexAt(entries: readonly MainEntry[], items: readonly (MainItem | MasterItem)[], at: number): number {
  if (at >= items.length) return entries.length;
  return firstAtOrAfter(entries, items[at].line.start, (entry) => entry.line.start);
}

/**
 * text[from, to) as a string of its own (see ownCopy): the names and values parsed from
 * the region keep views of it, and without a copy each edit would keep that version's
 * whole document text alive (5 MB for a large main.cf) for as long as the re-read
 * items live. (Lines themselves slice the current text on demand: see moveLine.)
 */
function detachedSlice(text: string, from: number, to: number): string {
  return ownCopy(text.slice(from, to));
}

/** Where two texts start to differ (also used by the lookup tables' incremental read). */
export function commonPrefix(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let lo = 0;
  // Compare in chunks (native string equality), then character by character.
  for (let step = 1 << 16; step >= 1; step >>= 1) {
    while (lo + step <= max && a.substring(lo, lo + step) === b.substring(lo, lo + step)) lo += step;
  }
  return lo;
}

/** How many characters, at most `max`, two texts share at their ends. */
export function commonSuffix(a: string, b: string, max: number): number {
  let n = 0;
  for (let step = 1 << 16; step >= 1; step >>= 1) {
    while (n + step <= max && a.substring(a.length - n - step, a.length - n) === b.substring(b.length - n - step, b.length - n)) n += step;
  }
  return n;
}

export function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function shiftToken(token: Token | ValueText | undefined, by: number): void {
  if (!token) return;
  token.start += by;
  token.end += by;
}

/** Moves every offset of an item (and its logical line) by `by`, line numbers by `lines`, into `text`. */
function shiftItem(item: MainItem | MasterItem, move: Move): void {
  moveLine(item.line, move);
  const by = move.by;
  switch (item.kind) {
    case 'entry':
      // The name, "=" and value are placed relative to the line (see mainCf.ts).
      return;
    case 'service':
      // Fields, arguments, option names and "=" work their document offsets out from the
      // line, shifted above; only the values keep offsets of their own.
      for (const option of item.options) shiftToken(option.value, by);
      return;
    case 'problem':
      // A main.cf problem's name and a master.cf problem's arguments follow their line.
      return;
  }
}
