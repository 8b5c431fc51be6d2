/**
 * master.cf parser. Each logical line is one service entry: eight white-space separated
 * fields (service, type, private, unpriv, chroot, wakeup, maxproc, command) followed by
 * the command's arguments. As in postconf's argv_splitq(), a "{" groups text up to its
 * matching "}" into one argument, white space included.
 *
 * `-o name=value` and `-o { name = value }` arguments become options; stuck and spaced
 * forms are recorded with their form so rules can explain what Postfix does with them.
 */
import type { TreeVersion } from './incremental';
import { CommentLine, LogicalLine, isSpaceCode, skipSpace, splitLogicalLines } from './logicalLines';
import { makeValue } from './mainCf';
import { Arg, FIELD_NAMES, MasterOption, Option, argEnd, splitArgs, stopOf } from './masterNodes';
import { Entry, MasterEntry } from './masterEntry';

export { FIELD_NAMES, splitArgs } from './masterNodes';
export type { Arg, FieldName, MasterOption } from './masterNodes';
export type { MasterEntry } from './masterEntry';

export interface MasterProblem {
  kind: 'problem';
  line: LogicalLine;
  problem: 'leading-whitespace' | 'field-count';
  args: Arg[];
}

export type MasterItem = MasterEntry | MasterProblem;

export interface MasterCf {
  kind: 'master';
  text: string;
  items: MasterItem[];
  /** The service entries (items that define a service), in file order. */
  entries: MasterEntry[];
  comments: CommentLine[];
  lines: LogicalLine[];
  /** This version of the tree (see syntax/incremental.ts), made on first use. */
  version?: TreeVersion;
}

/** Parses master.cf text. Never throws. */
export function parseMasterCf(text: string): MasterCf {
  const { lines, comments } = splitLogicalLines(text);
  const items = parseMasterLines(lines);
  const entries = items.filter((i): i is MasterEntry => i.kind === 'service');
  return { kind: 'master', text, items, entries, comments, lines };
}

/** One item per logical line. */
export function parseMasterLines(lines: readonly LogicalLine[]): MasterItem[] {
  // Names, types and commands repeat across entries: one string each instead of one per use.
  const strings = new Map<string, string>();
  const items = new Array<MasterItem>(lines.length);
  for (let i = 0; i < lines.length; i++) items[i] = parseEntry(lines[i], strings);
  return items;
}

function parseEntry(line: LogicalLine, strings: Map<string, string>): MasterItem {
  if (line.leadingWhitespace) return { kind: 'problem', line, problem: 'leading-whitespace', args: splitArgs(line) };
  const t = line.text;
  let at = 0;
  let i = 0;
  let serviceText = '';
  let typeText = '';
  for (let field = 0; field < FIELD_NAMES.length; field++) {
    at = skipSpace(t, i);
    if (at >= t.length) return { kind: 'problem', line, problem: 'field-count', args: splitArgs(line) };
    i = stopOf(argEnd(t, at));
    if (field === 0) serviceText = t.slice(at, i);
    else if (field === 1) typeText = intern(strings, t.slice(at, i));
  }
  // The last field read, at..i, is the command; its arguments follow.
  const head = { service: serviceText, type: typeText, command: intern(strings, t.slice(at, i)) };
  return new Entry({ line, head, restAt: i, options: parseOptions(line, i, strings) });
}

function intern(strings: Map<string, string>, text: string): string {
  const known = strings.get(text);
  if (known !== undefined) return known;
  strings.set(text, text);
  return text;
}

const DASH = 45; /* - */
const LETTER_O = 111; /* o */
const EQUALS = 61; /* = */
const OPEN = 123; /* { */

/** The `-o` options among the arguments from joined-text offset `from` on. */
function parseOptions(line: LogicalLine, from: number, strings: Map<string, string>): MasterOption[] {
  const t = line.text;
  let options: MasterOption[] | undefined;
  for (let at = skipSpace(t, from); at < t.length; at = skipSpace(t, at)) {
    const flag = span(t, at);
    let option: MasterOption | undefined;
    if (t.charCodeAt(at) !== DASH || t.charCodeAt(at + 1) !== LETTER_O) {
      // Not an option.
    } else if (flag.stop === at + 2) {
      const argStart = skipSpace(t, flag.stop);
      if (argStart >= t.length) {
        option = new Option({ flagAt: at, argAt: at, form: 'missing-equals', name: '', nameAt: flag.stop, value: makeValue(line, flag.stop, 0) });
      } else {
        const arg = span(t, argStart);
        option = t.charCodeAt(argStart) === OPEN
          ? readLong({ line, flagAt: at, arg, strings })
          : readShort({ line, flagAt: at, arg, skip: 0, strings });
        flag.stop = arg.stop;
      }
    } else if (flag.stop > at + 2 && t.charCodeAt(at + 2) !== OPEN && indexOfEquals(t, at + 2, flag.stop) >= 0) {
      option = readShort({ line, flagAt: at, arg: flag, skip: 2, strings });
    }
    if (option) (options ??= []).push(option);
    at = flag.stop;
  }
  // A pushed-to array keeps room for 17 elements: a copy of the right size for each entry.
  return options ? options.slice() : NO_OPTIONS;
}

/** The options of an entry without any (shared: most entries have none). */
const NO_OPTIONS: MasterOption[] = Object.freeze([]) as unknown as MasterOption[];

/** The argument at `at`: where it starts and stops, and whether a "{" is left open. */
interface Span {
  at: number;
  stop: number;
  unclosed: boolean;
}

function span(text: string, at: number): Span {
  const end = argEnd(text, at);
  return { at, stop: stopOf(end), unclosed: end < 0 };
}

function indexOfEquals(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === EQUALS) return i;
  return -1;
}

interface OptionSource {
  line: LogicalLine;
  flagAt: number;
  /** The argument holding name=value (the flag itself for the stuck form). */
  arg: Span;
  strings?: Map<string, string>;
}

/** `-o name=value` (skip 0) or the stuck `-oname=value` (skip 2). */
function readShort({ line, flagAt, arg, skip, strings }: OptionSource & { skip: number }): Option {
  const t = line.text;
  const nameAt = arg.at + skip;
  const eq = indexOfEquals(t, nameAt, arg.stop);
  const argAt = arg.at;
  if (eq < 0) {
    const name = nameOf(strings, t.slice(nameAt, arg.stop));
    return new Option({ flagAt, argAt, form: 'missing-equals', name, nameAt, value: makeValue(line, arg.stop, 0) });
  }
  const name = nameOf(strings, t.slice(nameAt, eq));
  return new Option({ flagAt, argAt, form: skip ? 'stuck' : 'short', name, nameAt, value: makeValue(line, eq + 1, arg.stop - eq - 1) });
}

function nameOf(strings: Map<string, string> | undefined, text: string): string {
  return strings ? intern(strings, text) : text;
}

/**
 * `{ name = value }`: white space after "{", around "=" and before "}" is dropped. `arg`
 * is the argument that starts with "{" (for `-o{...}`, the part after "-o").
 */
export function longOption(line: LogicalLine, flag: Arg, arg: Arg): MasterOption {
  return readLong({ line, flagAt: flag.at, arg: { at: arg.at, stop: arg.at + arg.text.length, unclosed: !!arg.unclosedBrace } });
}

function readLong({ line, flagAt, arg, strings }: OptionSource): Option {
  const t = line.text;
  const innerEnd = arg.unclosed ? arg.stop : arg.stop - 1;
  let i = skipSpace(t, arg.at + 1, innerEnd);
  const nameAt = i;
  while (i < innerEnd && t.charCodeAt(i) !== EQUALS && !isSpaceCode(t.charCodeAt(i))) i++;
  const name = nameOf(strings, t.slice(nameAt, i));
  i = skipSpace(t, i, innerEnd);
  const argAt = arg.at;
  if (i >= innerEnd || t.charCodeAt(i) !== EQUALS) {
    return new Option({ flagAt, argAt, form: 'missing-equals', name, nameAt, value: makeValue(line, innerEnd, 0) });
  }
  i = skipSpace(t, i + 1, innerEnd);
  let end = innerEnd;
  while (end > i && isSpaceCode(t.charCodeAt(end - 1))) end--;
  return new Option({ flagAt, argAt, form: 'long', name, nameAt, value: makeValue(line, i, end - i) });
}
