/**
 * The objects a parsed master.cf entry is made of, kept small: a large master.cf
 * has tens of thousands of entries and options, and eager objects for every field and
 * argument (each with its own string and offsets) cost about 2 KB per entry.
 *
 * What every rule reads many times per entry is kept: the service, type and command
 * texts, each option's name text, form and value. The rest is worked out again from the
 * logical line when asked for: argument objects, document offsets (toDocOffset() of an
 * offset in the joined text, so offsets stay right when an incremental re-parse moves the
 * line), the `-o` flag and argument of an option, the position of "=".
 */
import { LogicalLine, docEnd, isSpaceCode, skipSpace, toDocOffset } from './logicalLines';
import type { Token, ValueText } from './mainCf';

export const FIELD_NAMES = ['service', 'type', 'private', 'unpriv', 'chroot', 'wakeup', 'maxproc', 'command'] as const;
export type FieldName = (typeof FIELD_NAMES)[number];

/** A white-space separated argument with its offset inside the logical line's text. */
export interface Arg extends Token {
  /** Offset in the logical line's joined text. */
  readonly at: number;
  /** True when a "{" in the argument was never closed. */
  readonly unclosedBrace?: boolean;
}

const OPEN = 123; /* { */
const CLOSE = 125; /* } */

/**
 * End (exclusive) of the argument starting at joined-text offset `at`, as Postfix's
 * argv_splitq() reads it: a "{" groups text up to its matching "}", white space
 * included. Negative (-end - 1) when a "{" is left open.
 */
export function argEnd(text: string, at: number): number {
  const length = text.length;
  let level = 0;
  let i = at;
  for (; i < length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === OPEN) level++;
    else if (ch === CLOSE && level > 0) level--;
    else if (level === 0 && isSpaceCode(ch)) break;
  }
  return level > 0 ? -i - 1 : i;
}

/** Where the argument stops (exclusive), from what argEnd() returned. */
export function stopOf(end: number): number {
  return end < 0 ? -end - 1 : end;
}

/** An argument made when asked for; its document offsets follow its line when that moves. */
export class LineArg implements Arg {
  readonly unclosedBrace: true | undefined;

  constructor(
    readonly line: LogicalLine,
    readonly at: number,
    readonly text: string,
    unclosed: boolean,
  ) {
    this.unclosedBrace = unclosed ? true : undefined;
  }

  get start(): number {
    return toDocOffset(this.line, this.at);
  }

  get end(): number {
    return docEnd(this.line, this.at, this.at + this.text.length);
  }

  /** Plain data (tests compare trees as JSON). */
  toJSON(): object {
    return { text: this.text, at: this.at, start: this.start, end: this.end, unclosedBrace: this.unclosedBrace };
  }
}

/** The argument of `line` that starts at joined-text offset `at`. */
export function argAt(line: LogicalLine, at: number): LineArg {
  const end = argEnd(line.text, at);
  return new LineArg(line, at, line.text.slice(at, stopOf(end)), end < 0);
}

/** Splits a logical line (from joined-text offset `from`) into arguments, keeping "{...}" groups whole. */
export function splitArgs(line: LogicalLine, from = 0): Arg[] {
  const t = line.text;
  const args: Arg[] = [];
  for (let i = skipSpace(t, from); i < t.length; i = skipSpace(t, i)) {
    const arg = argAt(line, i);
    args.push(arg);
    i += arg.text.length;
  }
  return args;
}

/** What an option's name, "=" and value were read from; see Option. */
export interface OptionParts {
  /** Joined-text offsets of the `-o` flag argument and of the argument holding name=value. */
  flagAt: number;
  argAt: number;
  form: MasterOption['form'];
  name: string;
  /** Joined-text offset of the name (for a lone `-o` at the end: the end of the flag). */
  nameAt: number;
  value: ValueText;
}

export interface MasterOption {
  /** The `-o` flag argument (or the whole stuck `-oname=value` argument). */
  readonly flag: Arg;
  /**
   * The argument that holds `name=value` (the flag's argument for the stuck form). Both
   * are made on each read: compare their `at`, not the objects.
   */
  readonly arg: Arg;
  /**
   * short: `-o name=value`; long: `-o { name = value }`; stuck: `-oname=value`;
   * missing-equals: `-o name` with no "=" (a daemon refuses to start).
   */
  readonly form: 'short' | 'long' | 'stuck' | 'missing-equals';
  readonly name: Token;
  readonly value: ValueText;
  /** Offset of "=" in the document, when there is one. */
  readonly equals?: number;
}

/**
 * One `-o` option. It keeps its name's text and its value (rules read them for every
 * option, many times); the flag and argument objects and the offsets are made on use.
 *
 * The option is also its name's token: `name` returns the option itself, whose `text`,
 * `start` and `end` are the name's. A separate token object would cost 23,000 objects
 * for the tens of thousands of options of a large master.cf, and rules read `option.name.text`
 * in their inner loops, so it cannot be made on each use either.
 */
export class Option implements MasterOption, Token {
  readonly form: MasterOption['form'];
  readonly value: ValueText;
  /** The name's text. */
  readonly text: string;
  private readonly flagAt: number;
  private readonly argAt: number;
  private readonly nameAt: number;

  constructor(parts: OptionParts) {
    this.form = parts.form;
    this.value = parts.value;
    this.text = parts.name;
    this.flagAt = parts.flagAt;
    this.argAt = parts.argAt;
    this.nameAt = parts.nameAt;
  }

  get name(): Token {
    return this;
  }

  get line(): LogicalLine {
    return this.value.line;
  }

  get flag(): Arg {
    return argAt(this.line, this.flagAt);
  }

  get arg(): Arg {
    return argAt(this.line, this.argAt);
  }

  get equals(): number | undefined {
    if (this.form === 'missing-equals') return undefined;
    // "=" follows the name; in the long form white space may come between.
    return toDocOffset(this.line, skipSpace(this.line.text, this.nameAt + this.text.length));
  }

  /** Document offset where the name starts. */
  get start(): number {
    if (this.lone()) return this.flag.end;
    return toDocOffset(this.line, this.nameAt);
  }

  /** Document offset just past the name (exactly as the eager parser computed it). */
  get end(): number {
    const { line, nameAt } = this;
    const nameEnd = nameAt + this.text.length;
    if (this.lone()) return this.flag.end;
    if (line.text.charCodeAt(this.argAt) === OPEN) return docEnd(line, nameAt, nameEnd);
    if (this.form === 'missing-equals') return this.arg.end;
    return toDocOffset(line, nameEnd);
  }

  /** A `-o` with nothing after it: its name is empty, at the end of the flag. */
  private lone(): boolean {
    return this.argAt === this.flagAt && this.form === 'missing-equals';
  }

  /** Plain data (tests compare trees as JSON). */
  toJSON(): object {
    const { flag, arg, form, value, equals } = this;
    return { flag, arg, form, name: { text: this.text, start: this.start, end: this.end }, value, equals };
  }
}
