/**
 * The common case of a large table, read without an object per line: every logical line is
 * one physical line (no continuation, no NUL byte, nothing indented at the top). Keys and
 * values are kept as document offsets in flat arrays, and entry objects are made when
 * asked for. A 1,000,000-line transport map is read in a fraction of the time and memory
 * of the general path (indexed.ts), which a table with any unusual line takes instead.
 */
import { CommentLine, LogicalLine, isSpaceCode } from '../syntax/logicalLines';
import { MapAnswer, MapEntry, MapFile, MapOptions, MapProblem, foldKey } from './mapFile';
import { keyEnd } from './indexed';

class FlatEntry implements MapEntry {
  constructor(private readonly map: FlatMap, private readonly index: number) {}
  get key(): string { return this.map.text.slice(this.keyStart, this.keyEnd); }
  get value(): string { return this.map.text.slice(this.valueStart, this.valueEnd); }
  get line(): number { return this.map.lineNos[this.index]; }
  get keyStart(): number { return this.map.starts[this.index]; }
  get keyEnd(): number { return this.map.keyEnds[this.index]; }
  get valueStart(): number { return this.map.valueStarts[this.index]; }
  get valueEnd(): number { return this.map.valueEnds[this.index]; }
  get source(): LogicalLine {
    const { keyStart: start, line } = this;
    let end = this.map.text.indexOf('\n', start);
    if (end < 0) end = this.map.text.length;
    const text = this.map.text.slice(start, end);
    return { text, pieces: [{ start, end, joinedAt: 0 }], line, start, end, leadingWhitespace: false };
  }
  toJSON(): object {
    const { key, value, line, keyStart, keyEnd, valueStart, valueEnd } = this;
    return { key, value, line, keyStart, keyEnd, valueStart, valueEnd };
  }
}

class FlatMap implements MapFile {
  readonly syntax = 'indexed' as const;
  readonly starts: number[] = [];
  readonly keyEnds: number[] = [];
  readonly valueStarts: number[] = [];
  readonly valueEnds: number[] = [];
  readonly lineNos: number[] = [];
  readonly problems: MapProblem[] = [];
  readonly comments: CommentLine[] = [];
  readonly byKey = new Map<string, number>();
  private made?: MapEntry[];
  constructor(readonly text: string, private readonly utf8: boolean) {}

  get utf8Mode(): boolean {
    return this.utf8;
  }

  get entries(): readonly MapEntry[] {
    return (this.made ??= this.starts.map((_, i) => new FlatEntry(this, i)));
  }

  entry(index: number): MapEntry {
    return this.made?.[index] ?? new FlatEntry(this, index);
  }

  lookup(key: string): MapEntry | undefined {
    const i = this.byKey.get(foldKey(key, this.utf8));
    return i === undefined ? undefined : this.entry(i);
  }

  query(key: string): string | undefined {
    return this.lookup(key)?.value;
  }

  answer(key: string): MapAnswer {
    const entry = this.lookup(key);
    return { entry, value: entry?.value, certain: true };
  }
}

/** Comment lines are made on use: a table rarely needs them. */
class FlatComment implements CommentLine {
  constructor(public line: number, public start: number, readonly end: number, private readonly source: string) {}
  get text(): string { return this.source.slice(this.start + 1, this.end); }
  opensWith(prefix: string): boolean { return this.text.trimStart().startsWith(prefix); }
}

/** Reads `text` on the fast path, or returns undefined when a line needs the general one. */
export function parseFlatIndexed(text: string, { utf8 = true }: MapOptions = {}): MapFile | undefined {
  if (text.includes('\0')) return undefined;
  const map = new FlatMap(text, utf8);
  const length = text.length;
  let pos = 0;
  let lineNo = 0;
  while (pos < length) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0) eol = length;
    let first = pos;
    while (first < eol && isSpaceCode(text.charCodeAt(first))) first++;
    if (first === eol) {
      // blank
    } else if (text.charCodeAt(first) === 35) {
      let end = eol;
      while (end > first + 1 && isSpaceCode(text.charCodeAt(end - 1))) end--;
      map.comments.push(new FlatComment(lineNo, first, end, text));
    } else if (first > pos) {
      return undefined; // a continuation (or an indented first line)
    } else if (!readLine(map, pos, eol, lineNo)) {
      return undefined;
    }
    pos = eol + 1;
    lineNo++;
  }
  return map;
}

/** One physical line that is a whole logical line; false when it needs the general path (a problem to report). */
function readLine(map: FlatMap, start: number, eol: number, lineNo: number): boolean {
  const text = map.text;
  // The key ends at the first white space; quotes and backslashes take the general rules.
  let k = start;
  while (k < eol) {
    const c = text.charCodeAt(k);
    if (isSpaceCode(c)) break;
    if (c === 34 || c === 92) {
      const end = keyEnd(text.slice(start, eol));
      if (end < 0) return false;
      k = start + end;
      break;
    }
    k++;
  }
  let v = k;
  while (v < eol && isSpaceCode(text.charCodeAt(v))) v++;
  let ve = eol;
  while (ve > v && isSpaceCode(text.charCodeAt(ve - 1))) ve--;
  if (k === start || ve === v || text.charCodeAt(k - 1) === 58 /* : */) return false;
  const index = map.starts.length;
  const folded = foldKey(text.slice(start, k), map.utf8Mode);
  if (map.byKey.has(folded)) return false;
  map.byKey.set(folded, index);
  map.starts.push(start);
  map.keyEnds.push(k);
  map.valueStarts.push(v);
  map.valueEnds.push(ve);
  map.lineNos.push(lineNo);
  return true;
}
