/**
 * The source file of an indexed table (hash, btree, lmdb, cdb, dbm, texthash), read as
 * postmap reads it (postmap.c, and dict_thash.c for texthash; the same in every release
 * from 3.4 on):
 * - logical lines as readllines() makes them (comments, blank lines, continuation by
 *   leading white space: `syntax/logicalLines.ts`);
 * - the key ends at the first white space outside double quotes; a backslash protects the
 *   next character; a quote left open ignores the line;
 * - the value is the rest, without its leading and trailing white space; no key or no value
 *   ignores the line ("expected format: key whitespace value");
 * - a key ending in ":" is kept, with a warning (an aliases(5) line in a map);
 * - keys are folded to lower case; a key seen before keeps its first value.
 */
import { LogicalLine, docEnd, isSpaceCode, splitLogicalLines, toDocOffset } from '../syntax/logicalLines';
import { MapAnswer, MapEntry, MapFile, MapOptions, MapProblem, foldKey } from './mapFile';

/** An entry whose key and value are sliced from its logical line when first asked for. */
class IndexedEntry implements MapEntry {
  constructor(
    readonly source: LogicalLine,
    /** Offsets in the logical line's joined text. */
    private readonly keyLength: number,
    private readonly valueAt: number,
    private readonly valueEndAt: number,
  ) {}

  get key(): string {
    return this.source.text.slice(0, this.keyLength);
  }
  get value(): string {
    return this.source.text.slice(this.valueAt, this.valueEndAt);
  }
  get line(): number {
    return this.source.line;
  }
  get keyStart(): number {
    return this.source.start;
  }
  get keyEnd(): number {
    return docEnd(this.source, 0, this.keyLength);
  }
  get valueStart(): number {
    return toDocOffset(this.source, this.valueAt);
  }
  get valueEnd(): number {
    return docEnd(this.source, this.valueAt, this.valueEndAt);
  }
  toJSON(): object {
    const { key, value, line, keyStart, keyEnd, valueStart, valueEnd } = this;
    return { key, value, line, keyStart, keyEnd, valueStart, valueEnd };
  }
}

class IndexedMap implements MapFile {
  readonly syntax = 'indexed' as const;
  constructor(
    readonly entries: readonly MapEntry[],
    readonly problems: readonly MapProblem[],
    readonly comments: MapFile['comments'],
    private readonly byKey: ReadonlyMap<string, MapEntry>,
    private readonly utf8: boolean,
  ) {}

  lookup(key: string): MapEntry | undefined {
    return this.byKey.get(foldKey(key, this.utf8));
  }

  query(key: string): string | undefined {
    return this.lookup(key)?.value;
  }

  answer(key: string): MapAnswer {
    const entry = this.lookup(key);
    return { entry, value: entry?.value, certain: true };
  }
}

/** Where the key of a logical line's text ends: -1 when a double quote is left open. */
export function keyEnd(text: string): number {
  let inQuotes = false;
  let i = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \ */) {
      if (++i >= text.length) break;
    } else if (isSpaceCode(c)) {
      if (!inQuotes) break;
    } else if (c === 34 /* " */) {
      inQuotes = !inQuotes;
    }
  }
  return inQuotes ? -1 : Math.min(i, text.length);
}

/** Reads the source text of an indexed table. */
export function parseIndexedMap(text: string, { utf8 = true }: MapOptions = {}): MapFile {
  const { lines, comments } = splitLogicalLines(text);
  const entries: MapEntry[] = [];
  const problems: MapProblem[] = [];
  const byKey = new Map<string, MapEntry>();
  for (const line of lines) {
    if (line.nulAt !== undefined) problems.push({ code: 'nul-byte', start: line.nulAt, end: line.nulAt + 1, line: line.line });
    if (line.leadingWhitespace) {
      problems.push({ code: 'leading-whitespace', start: line.start, end: line.end, line: line.line });
      continue;
    }
    const entry = readEntry(line, problems);
    if (!entry) continue;
    const folded = foldKey(entry.key, utf8);
    const first = byKey.get(folded);
    if (first) {
      problems.push({ code: 'duplicate-key', start: entry.keyStart, end: entry.keyEnd, line: line.line, detail: folded, first });
    } else {
      byKey.set(folded, entry);
    }
    entries.push(entry);
  }
  return new IndexedMap(entries, problems, comments, byKey, utf8);
}

function readEntry(line: LogicalLine, problems: MapProblem[]): IndexedEntry | undefined {
  const text = line.text;
  const end = keyEnd(text);
  if (end < 0) {
    problems.push({ code: 'unbalanced-quote', start: line.start, end: line.end, line: line.line });
    return undefined;
  }
  let valueAt = end;
  while (valueAt < text.length && isSpaceCode(text.charCodeAt(valueAt))) valueAt++;
  let valueEnd = text.length;
  while (valueEnd > valueAt && isSpaceCode(text.charCodeAt(valueEnd - 1))) valueEnd--;
  if (end === 0 || valueEnd === valueAt) {
    problems.push({ code: 'expected-format', start: line.start, end: docEnd(line, 0, text.length), line: line.line });
    return undefined;
  }
  const entry = new IndexedEntry(line, end, valueAt, valueEnd);
  if (text.charCodeAt(end - 1) === 58 /* : */) {
    problems.push({ code: 'alias-format', start: entry.keyStart, end: entry.keyEnd, line: line.line });
  }
  return entry;
}
