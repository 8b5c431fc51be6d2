/**
 * not-postfix-config: the file is not a Postfix configuration at all: binary data, or
 * text in which most lines are not what this kind of file holds (a sendmail.cf or a log
 * opened as main.cf, a main.cf opened as master.cf). One clear diagnostic says so, and
 * analyze() drops the flood of other findings for that file.
 *
 * The thresholds are deliberately far from any real configuration: a messy main.cf with
 * a few broken lines keeps its ordinary syntax errors (the corpus test checks that every
 * real configuration stays below them).
 */
import { Finding } from '../findings';
import type { FileKind } from '../model/configuration';
import { MainCf } from '../syntax/mainCf';
import { MasterCf } from '../syntax/masterCf';
import { Rule } from './types';
import { Caches, StoreKey } from '../caches';

/** How much of the file the binary test looks at. */
const SAMPLE = 65536;
/** Binary: at least this many, and this share of, control bytes or invalid UTF-8 in the sample. */
const BINARY_MIN = 10;
const BINARY_SHARE = 0.05;
/** Foreign text: at least this many unreadable logical lines, and more than this share of all. */
const FOREIGN_MIN = 10;
const FOREIGN_SHARE = 0.5;

const MASTER_TYPES = /^(inet|unix|unix-dgram|fifo|pass)$/;
/** What a parameter name looks like; Postfix accepts more, but real names never use more. */
const PLAUSIBLE_NAME = /^[A-Za-z0-9_.-]+$/;

export const notPostfixConfig: Rule = {
  kind: 'configuration',
  codes: ['not-postfix-config'],
  check({ config }) {
    const out: Finding[] = [];
    if (config.hasMain) out.push(...checkFile(config.caches, 'main', config.main));
    if (config.hasMaster) out.push(...checkFile(config.caches, 'master', config.master));
    return out;
  },
};

function checkFile(caches: Caches, file: FileKind, tree: MainCf | MasterCf): Finding[] {
  const what = file === 'main' ? 'main.cf' : 'master.cf';
  const firstLineEnd = tree.text.indexOf('\n') < 0 ? tree.text.length : tree.text.indexOf('\n');
  const at = { file, start: 0, end: Math.min(firstLineEnd, 200) };
  const binary = binaryShare(tree.text);
  if (binary) {
    return [{
      code: 'not-postfix-config', ...at,
      message: `This file looks binary, not like a Postfix ${what}: ${binary.percent}% of its first ${binary.sample.toLocaleString('en-US')} characters are control bytes or invalid UTF-8. Other checks are off for this file.`,
    }];
  }
  const lines = tree.items.length; // one item a logical line
  const unreadable = unreadableOf(caches, tree);
  if (!looksForeign(unreadable.count, lines)) return [];
  const expected = file === 'main'
    ? '"name = value" settings'
    : 'master.cf service entries (service type private unpriv chroot wakeup maxproc command)';
  return [{
    code: 'not-postfix-config', ...at,
    message: `This does not look like a Postfix ${what}: ${unreadable.count.toLocaleString('en-US')} of its ${lines.toLocaleString('en-US')} lines are not ${expected}, starting at line ${unreadable.firstLine + 1}. Is this the right file? Other checks are off for this file until it looks like one.`,
  }];
}

/** The share of control characters and U+FFFD (undecodable bytes) at the start of `text`. */
function binaryShare(text: string): { percent: number; sample: number } | undefined {
  const sample = Math.min(text.length, SAMPLE);
  let bad = 0;
  for (let i = 0; i < sample; i++) {
    const c = text.charCodeAt(i);
    // Tab, LF, VT, FF and CR are white space in a config; every other C0 control, DEL and
    // the replacement character (what an editor decodes invalid UTF-8 to) are not text.
    if ((c < 32 && (c < 9 || c > 13)) || c === 127 || c === 0xfffd) bad++;
  }
  if (bad < BINARY_MIN || bad < sample * BINARY_SHARE) return undefined;
  return { percent: Math.round((bad / sample) * 100), sample };
}

interface Unreadable {
  count: number;
  firstLine: number;
}

function looksForeign(unreadable: number, lines: number): boolean {
  return unreadable >= FOREIGN_MIN && unreadable > lines * FOREIGN_SHARE;
}

/** Each parsed file's unreadable lines, counted once (quick-fixes ask again, see below). */
const UNREADABLE = new StoreKey('unreadable lines per parsed file', () => new WeakMap<MainCf | MasterCf, Unreadable>());

function unreadableOf(caches: Caches, tree: MainCf | MasterCf): Unreadable {
  const unreadableByTree = caches.store(UNREADABLE);
  let known = unreadableByTree.get(tree);
  if (!known) unreadableByTree.set(tree, (known = tree.kind === 'main' ? unreadableMain(tree) : unreadableMaster(tree)));
  return known;
}

/**
 * Whether deleting `removed` of a file's readable lines would make it look foreign (and
 * turn every other check off for it). The judgement is a threshold: a quick-fix that
 * cleans up a file at its edge must not tip it over, so line-deleting fixes ask first.
 */
export function tipsOverWithout(caches: Caches, tree: MainCf | MasterCf, removed: number): boolean {
  const { count } = unreadableOf(caches, tree);
  const lines = tree.items.length; // one item a logical line
  return !looksForeign(count, lines) && looksForeign(count, lines - removed);
}

/** main.cf lines that are not settings: no "=", no name, or a name no parameter could have. */
function unreadableMain(tree: MainCf): Unreadable {
  const result = { count: 0, firstLine: -1 };
  for (const item of tree.items) {
    if (item.kind === 'entry' && PLAUSIBLE_NAME.test(item.name.text)) continue;
    count(result, item.line.line);
  }
  return result;
}

/** master.cf lines that are not service entries: too few fields, or no valid service type. */
function unreadableMaster(tree: MasterCf): Unreadable {
  const result = { count: 0, firstLine: -1 };
  for (const item of tree.items) {
    if (item.kind === 'service' && MASTER_TYPES.test(item.typeText)) continue;
    count(result, item.line.line);
  }
  return result;
}

function count(result: Unreadable, line: number): void {
  if (result.count++ === 0) result.firstLine = line;
}
