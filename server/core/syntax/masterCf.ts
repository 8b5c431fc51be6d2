/**
 * master.cf parser. Each logical line is one service entry: eight white-space separated
 * fields (service, type, private, unpriv, chroot, wakeup, maxproc, command) followed by
 * the command's arguments. As in postconf's argv_splitq(), a "{" groups text up to its
 * matching "}" into one argument, white space included.
 *
 * `-o name=value` and `-o { name = value }` arguments become options; stuck and spaced
 * forms are recorded with their form so rules can explain what Postfix does with them.
 */
import { CommentLine, LogicalLine, isSpace, isSpaceCode, splitLogicalLines, toDocOffset } from './logicalLines';
import { Token, ValueText, makeValue } from './mainCf';

export const FIELD_NAMES = ['service', 'type', 'private', 'unpriv', 'chroot', 'wakeup', 'maxproc', 'command'] as const;
export type FieldName = (typeof FIELD_NAMES)[number];

/** A white-space separated argument with its offset inside the logical line's text. */
export interface Arg extends Token {
  /** Offset in the logical line's joined text. */
  at: number;
  /** True when a "{" in the argument was never closed. */
  unclosedBrace?: boolean;
}

export interface MasterOption {
  /** The `-o` flag argument (or the whole stuck `-oname=value` argument). */
  flag: Arg;
  /** The argument that holds `name=value` (the same as `flag` for the stuck form). */
  arg: Arg;
  /**
   * short: `-o name=value`; long: `-o { name = value }`; stuck: `-oname=value`;
   * missing-equals: `-o name` with no "=" (a daemon refuses to start).
   */
  form: 'short' | 'long' | 'stuck' | 'missing-equals';
  name: Token;
  value: ValueText;
  /** Offset of "=" in the document, when there is one. */
  equals?: number;
}

export interface MasterService {
  kind: 'service';
  line: LogicalLine;
  fields: Record<FieldName, Arg>;
  /** Arguments after the command field. */
  args: Arg[];
  options: MasterOption[];
}

export interface MasterProblem {
  kind: 'problem';
  line: LogicalLine;
  problem: 'leading-whitespace' | 'field-count';
  args: Arg[];
}

export type MasterItem = MasterService | MasterProblem;

export interface MasterCf {
  kind: 'master';
  text: string;
  items: MasterItem[];
  services: MasterService[];
  comments: CommentLine[];
  lines: LogicalLine[];
}

/** Parses master.cf text. Never throws. */
export function parseMasterCf(text: string): MasterCf {
  const { lines, comments } = splitLogicalLines(text);
  const items = parseMasterLines(lines);
  const services = items.filter((i): i is MasterService => i.kind === 'service');
  return { kind: 'master', text, items, services, comments, lines };
}

/** One item per logical line. */
export function parseMasterLines(lines: readonly LogicalLine[]): MasterItem[] {
  return lines.map(parseEntry);
}

function parseEntry(line: LogicalLine): MasterItem {
  const args = splitArgs(line);
  if (line.leadingWhitespace) return { kind: 'problem', line, problem: 'leading-whitespace', args };
  if (args.length < FIELD_NAMES.length) return { kind: 'problem', line, problem: 'field-count', args };
  const fields = {
    service: args[0], type: args[1], private: args[2], unpriv: args[3],
    chroot: args[4], wakeup: args[5], maxproc: args[6], command: args[7],
  };
  const rest = args.slice(FIELD_NAMES.length);
  return { kind: 'service', line, fields, args: rest, options: parseOptions(line, rest) };
}

/** Splits a logical line (from joined-text offset `from`) into arguments, keeping "{...}" groups whole. */
export function splitArgs(line: LogicalLine, from = 0): Arg[] {
  const t = line.text;
  const length = t.length;
  const args: Arg[] = [];
  let i = from;
  while (i < length) {
    while (i < length && isSpaceCode(t.charCodeAt(i))) i++;
    if (i >= length) break;
    const from = i;
    let level = 0;
    for (; i < length; i++) {
      const ch = t.charCodeAt(i);
      if (ch === OPEN) level++;
      else if (ch === CLOSE && level > 0) level--;
      else if (level === 0 && isSpaceCode(ch)) break;
    }
    const start = toDocOffset(line, from);
    const arg: Arg = { text: t.slice(from, i), at: from, start, end: toDocOffset(line, i - 1) + 1 };
    if (level > 0) arg.unclosedBrace = true;
    args.push(arg);
  }
  return args;
}

const OPEN = 123; /* { */
const CLOSE = 125; /* } */

function parseOptions(line: LogicalLine, args: Arg[]): MasterOption[] {
  const options: MasterOption[] = [];
  for (let i = 0; i < args.length; i++) {
    const flag = args[i];
    if (flag.text === '-o') {
      const arg = args[i + 1];
      if (!arg) {
        const end = flag.at + flag.text.length;
        const name = { text: '', start: flag.end, end: flag.end };
        options.push({ flag, arg: flag, form: 'missing-equals', name, value: makeValue(line, end, 0) });
        break;
      }
      i++;
      const option = arg.text.startsWith('{') ? longOption(line, flag, arg) : shortOption(line, flag, arg, 'short');
      options.push(option);
    } else if (/^-o[^{]/.test(flag.text) && flag.text.includes('=')) {
      options.push(shortOption(line, flag, flag, 'stuck', 2));
    }
  }
  return options;
}

function shortOption(line: LogicalLine, flag: Arg, arg: Arg, form: 'short' | 'stuck', skip = 0): MasterOption {
  const body = arg.text.slice(skip);
  const eq = body.indexOf('=');
  const nameAt = arg.at + skip;
  if (eq < 0) {
    return {
      flag, arg, form: 'missing-equals',
      name: { text: body, start: toDocOffset(line, nameAt), end: arg.end },
      value: makeValue(line, arg.at + arg.text.length, 0),
    };
  }
  return {
    flag, arg, form,
    name: { text: body.slice(0, eq), start: toDocOffset(line, nameAt), end: toDocOffset(line, nameAt + eq) },
    value: makeValue(line, nameAt + eq + 1, body.length - eq - 1),
    equals: toDocOffset(line, nameAt + eq),
  };
}

/**
 * `{ name = value }`: white space after "{", around "=" and before "}" is dropped. `arg`
 * is the argument that starts with "{" (for `-o{...}`, the part after "-o").
 */
export function longOption(line: LogicalLine, flag: Arg, arg: Arg): MasterOption {
  const t = line.text;
  const innerEnd = arg.unclosedBrace ? arg.at + arg.text.length : arg.at + arg.text.length - 1;
  let i = arg.at + 1;
  while (i < innerEnd && isSpace(t[i])) i++;
  const nameAt = i;
  while (i < innerEnd && t[i] !== '=' && !isSpace(t[i])) i++;
  const nameEnd = i;
  while (i < innerEnd && isSpace(t[i])) i++;
  const name = { text: t.slice(nameAt, nameEnd), start: toDocOffset(line, nameAt), end: toDocOffset(line, Math.max(nameAt, nameEnd - 1)) + (nameEnd > nameAt ? 1 : 0) };
  if (t[i] !== '=') {
    return { flag, arg, form: 'missing-equals', name, value: makeValue(line, innerEnd, 0) };
  }
  const equals = toDocOffset(line, i);
  i++;
  while (i < innerEnd && isSpace(t[i])) i++;
  let end = innerEnd;
  while (end > i && isSpace(t[end - 1])) end--;
  return { flag, arg, form: 'long', name, value: makeValue(line, i, end - i), equals };
}
