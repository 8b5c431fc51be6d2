/**
 * main.cf parser: logical lines -> `name = value` entries, as Postfix's split_nameval()
 * reads them. A name is any run of non-blank characters other than "="; white space
 * around "=" and at the end of the value is trimmed; everything else, including a
 * trailing "# text", belongs to the value.
 */
import type { TreeVersion } from './incremental';
import { CommentLine, LogicalLine, docEnd, isSpaceCode, skipSpace, splitLogicalLines, toDocOffset } from './logicalLines';
import { ExpansionError, ParsedValue, forEachRef, parseValue } from './expansion';

/** A piece of text with its document offsets. */
export interface Token {
  text: string;
  start: number;
  end: number;
}

/** A value: its text as Postfix sees it, and where each character came from. */
export interface ValueText extends Token {
  /** The logical line the value lives on (for mapping offsets). */
  line: LogicalLine;
  /** Offset of the value inside the logical line's joined text. */
  at: number;
  /** Parsed `$` expressions, offsets relative to `text` (parsed on each use). */
  readonly parsed: ParsedValue;
  /** Every `$name` in every branch, in order, value-relative (kept once computed). */
  readonly refs: readonly ValueRef[];
  /** The first `$` syntax error, as Postfix stops at it (kept once computed). */
  readonly error: ExpansionError | undefined;
  /** Every `${function{...}}` call, value-relative (kept once computed). */
  readonly calls: readonly ValueRef[];
}

export interface MainEntry {
  readonly kind: 'entry';
  readonly line: LogicalLine;
  readonly name: Token;
  /** Document offset of "=". */
  readonly equals: number;
  readonly value: ValueText;
}

export interface MainProblem {
  kind: 'problem';
  line: LogicalLine;
  problem: 'missing-name' | 'missing-equals' | 'leading-whitespace';
  /** For missing-equals: the would-be name. */
  name?: Token;
}

export type MainItem = MainEntry | MainProblem;

export interface MainCf {
  readonly kind: 'main';
  readonly text: string;
  readonly items: MainItem[];
  readonly entries: MainEntry[];
  readonly comments: CommentLine[];
  /** The logical line of each item (built when first asked for: few ask). */
  readonly lines: LogicalLine[];
  /** This version of the tree (see syntax/incremental.ts), made on first use. */
  version?: TreeVersion;
}

/**
 * A MainCf from its parts. When every item is an entry (a main.cf without a broken line),
 * the two lists are one array: one pointer per item fewer.
 */
export function mainTree(text: string, items: MainItem[], entries: MainEntry[], comments: CommentLine[]): MainCf {
  return new MainTree(text, items, entries.length === items.length ? (items as MainEntry[]) : entries, comments);
}

class MainTree implements MainCf {
  private cachedLines?: LogicalLine[] = undefined;

  constructor(
    readonly text: string,
    readonly items: MainItem[],
    readonly entries: MainEntry[],
    readonly comments: CommentLine[],
  ) {}

  get kind(): 'main' {
    return 'main';
  }

  get lines(): LogicalLine[] {
    return (this.cachedLines ??= this.items.map((item) => item.line));
  }

  /** As plain data (the lines listed without being kept). */
  toJSON(): object {
    const { kind, text, items, entries, comments } = this;
    return { kind, text, items, entries, comments, lines: this.cachedLines ?? items.map((item) => item.line) };
  }
}

/** Maps an offset inside a value to a document offset. */
export function valueOffsetToDoc(value: ValueText, offset: number): number {
  return toDocOffset(value.line, value.at + offset);
}

/** Maps a value-relative [start, end) range to document offsets. */
export function valueRange(value: ValueText, start: number, end: number): { start: number; end: number } {
  return { start: valueOffsetToDoc(value, start), end: docEnd(value.line, value.at + start, value.at + end) };
}

/** A `$name` in a value: the name and value-relative offsets of the whole and the name. */
export interface ValueRef {
  name: string;
  start: number;
  end: number;
  nameStart: number;
  nameEnd: number;
}

const NO_REFS: readonly ValueRef[] = [];
const NO_CALLS: readonly ValueRef[] = [];

/** A value text whose `$` expressions are scanned on first use and kept as references and error only. */
abstract class ScannedText {
  private scanned?: Scan = undefined;
  abstract readonly text: string;

  get parsed(): ParsedValue {
    return parseValue(this.text);
  }

  get refs(): readonly ValueRef[] {
    return (this.scanned ??= scan(this.text)).refs;
  }

  get error(): ExpansionError | undefined {
    return (this.scanned ??= scan(this.text)).error;
  }

  get calls(): readonly ValueRef[] {
    return (this.scanned ??= scan(this.text)).calls;
  }
}

/**
 * A value whose `$` expressions are read on first use (most values have none). Only the
 * references and the first error are kept, not the expression tree: a large
 * main.cf would otherwise hold hundreds of bytes per value that only hovers read.
 */
class Value extends ScannedText implements ValueText {
  constructor(
    public text: string,
    public start: number,
    public end: number,
    public line: LogicalLine,
    public at: number,
  ) {
    super();
  }
}

/** What a value's `$` expressions come to: kept instead of the expression tree. */
interface Scan {
  refs: readonly ValueRef[];
  error: ExpansionError | undefined;
  calls: readonly ValueRef[];
}

/** What most values scan to (shared: a large main.cf has as many values). */
const NOTHING: Scan = { refs: NO_REFS, error: undefined, calls: NO_CALLS };

function scan(text: string): Scan {
  if (text.indexOf('$') < 0) return NOTHING;
  const parsed = parseValue(text);
  const refs: ValueRef[] = [];
  let calls: ValueRef[] | undefined;
  const place = ({ name, start, end, nameStart, nameEnd }: ValueRef): ValueRef => ({ name, start, end, nameStart, nameEnd });
  forEachRef(parsed.nodes, (ref) => refs.push(place(ref)), (call) => (calls ??= []).push(place(call)));
  // Copied to its size: an array built by pushing keeps room for 17 (most values with
  // references have one or two).
  return { refs: refs.length ? refs.slice() : NO_REFS, error: parsed.error, calls: calls ?? NO_CALLS };
}

/** Builds a ValueText for `line.text[at, at + length)`. */
export function makeValue(line: LogicalLine, at: number, length: number): ValueText {
  const text = line.text.slice(at, at + length);
  return new Value(text, toDocOffset(line, at), docEnd(line, at, at + length), line, at);
}

/**
 * A main.cf entry. It is its own value (`entry.value === entry`): one object an entry
 * instead of two, as a large main.cf has as many entries. The value's offsets, like
 * the name's, are computed from the line, so an edit above moves neither.
 */
class Entry extends ScannedText implements MainEntry, ValueText {
  constructor(
    readonly name: Name,
    /** The value's text. */
    readonly text: string,
    /** Offset of the value inside the logical line's joined text. */
    readonly at: number,
  ) {
    super();
  }

  get kind(): 'entry' {
    return 'entry';
  }

  /** Kept by the name only: one field less per entry. */
  get line(): LogicalLine {
    return this.name.line;
  }

  get value(): ValueText {
    return this;
  }

  get start(): number {
    return toDocOffset(this.line, this.at);
  }

  get end(): number {
    return docEnd(this.line, this.at, this.at + this.text.length);
  }

  /** The "=" is the last non-blank character before the value. */
  get equals(): number {
    const t = this.line.text;
    let i = this.at - 1;
    while (i > 0 && t.charCodeAt(i) !== EQUALS) i--;
    return toDocOffset(this.line, i);
  }

  /** As plain data: the entry, and its value as an object of its own (JSON.stringify skips getters). */
  toJSON(): object {
    const { kind, line, name, equals, text, start, end, at } = this;
    return { kind, line, name, equals, value: { text, start, end, line, at } };
  }
}

/**
 * A main.cf name: always at the start of its logical line (a line that starts with white
 * space has no name), and never across pieces (a continuation starts with white space).
 */
class Name implements Token {
  constructor(
    readonly text: string,
    readonly line: LogicalLine,
  ) {}

  get start(): number {
    return this.line.start;
  }

  get end(): number {
    return this.line.start + this.text.length;
  }

  toJSON(): Token {
    const { text, start, end } = this;
    return { text, start, end };
  }
}

/** Parses main.cf text. Never throws. */
export function parseMainCf(text: string): MainCf {
  const { lines, comments } = splitLogicalLines(text);
  const items = parseMainLines(lines);
  const entries = items.filter((i): i is MainEntry => i.kind === 'entry');
  // filter() leaves room to grow; the tree's lists never do.
  return mainTree(text, items, entries.length < items.length ? entries.slice() : entries, comments.slice());
}

/** One item per logical line. */
export function parseMainLines(lines: readonly LogicalLine[]): MainItem[] {
  return lines.map(parseLine);
}

function parseLine(line: LogicalLine): MainItem {
  if (line.leadingWhitespace) return { kind: 'problem', line, problem: 'leading-whitespace' };
  const t = line.text;
  const length = t.length;
  // The text starts with a non-blank character (or is empty): that is where a name starts.
  if (length === 0 || t.charCodeAt(0) === EQUALS) return { kind: 'problem', line, problem: 'missing-name' };
  let i = 0;
  while (i < length) {
    const c = t.charCodeAt(i);
    if (c === EQUALS || isSpaceCode(c)) break;
    i++;
  }
  const name = new Name(t.slice(0, i), line);
  i = skipSpace(t, i);
  if (i >= length || t.charCodeAt(i) !== EQUALS) return { kind: 'problem', line, problem: 'missing-equals', name };
  i = skipSpace(t, i + 1);
  let end = length;
  while (end > i && isSpaceCode(t.charCodeAt(end - 1))) end--;
  return new Entry(name, t.slice(i, end), i);
}

const EQUALS = 61; /* = */

