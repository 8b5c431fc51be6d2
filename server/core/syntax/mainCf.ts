/**
 * main.cf parser: logical lines -> `name = value` entries, as Postfix's split_nameval()
 * reads them. A name is any run of non-blank characters other than "="; white space
 * around "=" and at the end of the value is trimmed; everything else, including a
 * trailing "# text", belongs to the value.
 */
import { CommentLine, LogicalLine, isSpace, splitLogicalLines, toDocOffset } from './logicalLines';
import { ParsedValue, parseValue } from './expansion';

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
  /** Parsed `$` expressions, offsets relative to `text` (computed on first use). */
  readonly parsed: ParsedValue;
}

export interface MainEntry {
  kind: 'entry';
  line: LogicalLine;
  name: Token;
  /** Document offset of "=". */
  equals: number;
  value: ValueText;
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
  kind: 'main';
  text: string;
  items: MainItem[];
  entries: MainEntry[];
  comments: CommentLine[];
  lines: LogicalLine[];
}

/** Maps an offset inside a value to a document offset. */
export function valueOffsetToDoc(value: ValueText, offset: number): number {
  return toDocOffset(value.line, value.at + offset);
}

/** Maps a value-relative [start, end) range to document offsets. */
export function valueRange(value: ValueText, start: number, end: number): { start: number; end: number } {
  const docStart = valueOffsetToDoc(value, start);
  return { start: docStart, end: end > start ? valueOffsetToDoc(value, end - 1) + 1 : docStart };
}

/** A value whose `$` expressions are parsed on first use (most values have none). */
class Value implements ValueText {
  private expressions?: ParsedValue;

  constructor(
    public text: string,
    public start: number,
    public end: number,
    public line: LogicalLine,
    public at: number,
  ) {}

  get parsed(): ParsedValue {
    return (this.expressions ??= parseValue(this.text));
  }
}

/** Builds a ValueText for `line.text[at, at + length)`. */
export function makeValue(line: LogicalLine, at: number, length: number): ValueText {
  const text = line.text.slice(at, at + length);
  const start = toDocOffset(line, at);
  const end = length ? toDocOffset(line, at + length - 1) + 1 : start;
  return new Value(text, start, end, line, at);
}

/** Parses main.cf text. Never throws. */
export function parseMainCf(text: string): MainCf {
  const { lines, comments } = splitLogicalLines(text);
  const items = parseMainLines(lines);
  const entries = items.filter((i): i is MainEntry => i.kind === 'entry');
  return { kind: 'main', text, items, entries, comments, lines };
}

/** One item per logical line. */
export function parseMainLines(lines: readonly LogicalLine[]): MainItem[] {
  return lines.map(parseLine);
}

function parseLine(line: LogicalLine): MainItem {
  if (line.leadingWhitespace) return { kind: 'problem', line, problem: 'leading-whitespace' };
  const t = line.text;
  let i = 0;
  while (i < t.length && isSpace(t[i])) i++;
  if (i >= t.length || t[i] === '=') return { kind: 'problem', line, problem: 'missing-name' };
  const nameStart = i;
  while (i < t.length && !isSpace(t[i]) && t[i] !== '=') i++;
  const name = token(line, nameStart, i);
  while (i < t.length && isSpace(t[i])) i++;
  if (t[i] !== '=') return { kind: 'problem', line, problem: 'missing-equals', name };
  const equals = toDocOffset(line, i);
  i++;
  while (i < t.length && isSpace(t[i])) i++;
  let end = t.length;
  while (end > i && isSpace(t[end - 1])) end--;
  return { kind: 'entry', line, name, equals, value: makeValue(line, i, end - i) };
}

function token(line: LogicalLine, from: number, to: number): Token {
  const start = toDocOffset(line, from);
  return { text: line.text.slice(from, to), start, end: to > from ? toDocOffset(line, to - 1) + 1 : start };
}
