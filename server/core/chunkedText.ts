/**
 * A long text kept as chunks of whole lines, so that an edit costs the chunk it touches
 * instead of the whole text. A JavaScript string cannot be edited in place: replacing six
 * characters of a 51 MB lookup table makes a new 51 MB string (about 30 ms, and 51 MB of
 * garbage per keystroke). Here an edit makes one new chunk (tens of kilobytes) and a new
 * list of the others, which the earlier version shares.
 *
 * Every chunk but the last ends with "\n", so a line never spans two chunks and every chunk
 * starts a line: the lookup tables' reader works chunk by chunk, and positions are found
 * in one chunk. Chunks made from one string are views into it (V8 slices long strings
 * without copying), so a text read whole costs no second copy. Positions follow LSP (lines
 * end at "\n", "\r\n" or a lone "\r"; characters are UTF-16 code units), exactly as
 * vscode-languageserver-textdocument counts them.
 */

import { countNewlines } from './syntax/incremental';

/** About this many characters per chunk; an edited chunk is split again past twice this. */
const CHUNK = 64 * 1024;

export class ChunkedText {
  readonly length: number;
  /** Line breaks per chunk (LSP's count), -1 until counted. */
  private readonly breaks: Int32Array;
  /** Lines before each chunk, once every chunk's breaks are counted. */
  private linesBefore?: Int32Array;

  private constructor(
    /** About how many characters a chunk holds (tests make it small to cut short texts into many). */
    readonly chunkSize: number,
    private chunks: readonly string[],
    /** Where each chunk starts. */
    private readonly starts: readonly number[],
    breaks?: Int32Array,
    /** The whole text as one string, once it exists (given, or joined on demand). */
    private whole?: string,
  ) {
    this.length = chunks.length ? starts[starts.length - 1] + chunks[chunks.length - 1].length : 0;
    this.breaks = breaks ?? new Int32Array(chunks.length).fill(-1);
  }

  /** The text of `text`, chunked by views into it. */
  static from(text: string, chunkSize = CHUNK): ChunkedText {
    const chunks = split(text, chunkSize);
    return new ChunkedText(chunkSize, chunks, startsOf(chunks, 0), undefined, text);
  }

  /** The text as one string (joined once, on first use: a long text is better not asked for it). */
  toString(): string {
    if (this.whole === undefined) {
      const whole = this.chunks.join('');
      // From now on the chunks are views into the joined text: the earlier versions' strings
      // they came from need not stay alive for this version's sake.
      this.chunks = this.chunks.map((c, i) => whole.slice(this.starts[i], this.starts[i] + c.length));
      this.whole = whole;
    }
    return this.whole;
  }

  /** The number of chunks; chunk(i) and chunkStart(i) give each. */
  get chunkCount(): number {
    return this.chunks.length;
  }

  chunk(i: number): string {
    return this.chunks[i];
  }

  chunkStart(i: number): number {
    return this.starts[i];
  }

  /** The chunk holding offset `at` (the last one for the end of the text); -1 for an empty text. */
  chunkAt(at: number): number {
    let lo = 0;
    let hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.starts[mid] <= at) lo = mid;
      else hi = mid - 1;
    }
    return hi;
  }

  charCodeAt(at: number): number {
    if (at < 0 || at >= this.length) return NaN;
    const c = this.chunkAt(at);
    return this.chunks[c].charCodeAt(at - this.starts[c]);
  }

  /** text[start, end): a view into one chunk when it lies in one (a line always does). */
  slice(start: number, end = this.length): string {
    start = Math.max(0, Math.min(start, this.length));
    end = Math.max(start, Math.min(end, this.length));
    if (this.whole !== undefined) return this.whole.slice(start, end);
    const first = this.chunkAt(start);
    const last = this.chunkAt(Math.max(start, end - 1));
    if (first === last) return this.chunks[first].slice(start - this.starts[first], end - this.starts[first]);
    const parts: string[] = [];
    for (let c = first; c <= last; c++) parts.push(this.chunks[c].slice(Math.max(0, start - this.starts[c]), end - this.starts[c]));
    return parts.join('');
  }

  /** The first "\n" at or after `from`, or -1. */
  indexOfNewline(from: number): number {
    for (let c = this.chunkAt(Math.max(0, from)); c >= 0 && c < this.chunks.length; c++) {
      const i = this.chunks[c].indexOf('\n', Math.max(0, from - this.starts[c]));
      if (i >= 0) return this.starts[c] + i;
    }
    return -1;
  }

  /** The last "\n" at or before `from`, or -1. */
  lastIndexOfNewline(from: number): number {
    if (from < 0) return -1;
    for (let c = this.chunkAt(Math.min(from, this.length - 1)); c >= 0; c--) {
      const i = this.chunks[c].lastIndexOf('\n', from - this.starts[c]);
      if (i >= 0) return this.starts[c] + i;
    }
    return -1;
  }

  /** How many "\n" text[from, to) holds. */
  countNewlines(from: number, to: number): number {
    let n = 0;
    this.forEachPiece(from, to, (chunk, _base, a, b) => {
      n += countNewlines(chunk, a, b);
    });
    return n;
  }

  /** Calls `visit` for each chunk overlapping text[from, to), with the overlap as chunk offsets [a, b). */
  forEachPiece(from: number, to: number, visit: (chunk: string, base: number, a: number, b: number) => void): void {
    if (to <= from) return;
    for (let c = this.chunkAt(from); c < this.chunks.length && this.starts[c] < to; c++) {
      const base = this.starts[c];
      visit(this.chunks[c], base, Math.max(0, from - base), Math.min(this.chunks[c].length, to - base));
    }
  }

  /** This text with text[start, end) replaced by `insert`; this one stays as it was. */
  replace(start: number, end: number, insert: string): ChunkedText {
    start = Math.max(0, Math.min(start, this.length));
    end = Math.max(start, Math.min(end, this.length));
    if (!this.chunks.length) return ChunkedText.from(insert, this.chunkSize);
    const first = this.chunkAt(start);
    const last = this.chunkAt(end);
    const merged = this.chunks[first].slice(0, start - this.starts[first]) + insert + this.chunks[last].slice(end - this.starts[last]);
    const made = merged.length ? split(merged, this.chunkSize) : [];
    const chunks = [...this.chunks.slice(0, first), ...made, ...this.chunks.slice(last + 1)];
    if (!chunks.length) return ChunkedText.from('', this.chunkSize);
    const breaks = new Int32Array(chunks.length).fill(-1);
    breaks.set(this.breaks.subarray(0, first), 0);
    breaks.set(this.breaks.subarray(last + 1), first + made.length);
    const delta = insert.length - (end - start);
    const starts = startsOf(made, this.starts[first]);
    const after = this.starts.slice(last + 1).map((s) => s + delta);
    return new ChunkedText(this.chunkSize, chunks, [...this.starts.slice(0, first), ...starts, ...after], breaks);
  }

  // ---- lines, as LSP counts them ----

  get lineCount(): number {
    const before = this.lineTable();
    const n = this.chunks.length;
    return n ? before[n - 1] + this.breaksOf(n - 1) + 1 : 1;
  }

  /** Where line `line` starts (the end of the text past the last line). */
  lineStart(line: number): number {
    if (line <= 0 || !this.chunks.length) return 0;
    const before = this.lineTable();
    // The last chunk starting at or before the line (every chunk starts a line).
    let lo = 0;
    let hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (before[mid] <= line) lo = mid;
      else hi = mid - 1;
    }
    let k = line - before[lo];
    if (k === 0) return this.starts[lo];
    let found = this.length;
    eachBreak(this.chunks[lo], (end) => {
      if (--k > 0) return true;
      found = this.starts[lo] + end;
      return false;
    });
    return found;
  }

  /** The LSP position of an offset (as TextDocument.positionAt). */
  positionAt(offset: number): { line: number; character: number } {
    offset = Math.max(0, Math.min(offset, this.length));
    if (!this.chunks.length) return { line: 0, character: offset };
    const c = this.chunkAt(offset);
    const chunk = this.chunks[c];
    const local = offset - this.starts[c];
    // Line starts at or before the offset within the chunk: breaks ending at or before it.
    let line = this.lineTable()[c];
    let lineStart = 0;
    eachBreak(chunk, (end) => {
      if (end > local) return false;
      line++;
      lineStart = end;
      return true;
    });
    const at = this.beforeLineEnd(offset, this.starts[c] + lineStart);
    return { line, character: at - this.starts[c] - lineStart };
  }

  /** The offset of an LSP position (as TextDocument.offsetAt): clamped to the line, never inside its line break. */
  offsetAt(position: { line: number; character: number }): number {
    if (position.line >= this.lineCount) return this.length;
    if (position.line < 0) return 0;
    const start = this.lineStart(position.line);
    if (position.character <= 0) return start;
    const next = position.line + 1 < this.lineCount ? this.lineStart(position.line + 1) : this.length;
    return this.beforeLineEnd(Math.min(start + position.character, next), start);
  }

  /** `offset` moved back before the line break(s) it follows, not before `lineStart`. */
  beforeLineEnd(offset: number, lineStart: number): number {
    while (offset > lineStart && isLineBreak(this.charCodeAt(offset - 1))) offset--;
    return offset;
  }

  private breaksOf(c: number): number {
    if (this.breaks[c] < 0) this.breaks[c] = countBreaks(this.chunks[c]);
    return this.breaks[c];
  }

  private lineTable(): Int32Array {
    if (!this.linesBefore) {
      const before = new Int32Array(this.chunks.length);
      for (let c = 1; c < before.length; c++) before[c] = before[c - 1] + this.breaksOf(c - 1);
      this.linesBefore = before;
    }
    return this.linesBefore;
  }
}

const isLineBreak = (ch: number): boolean => ch === 10 || ch === 13;

/**
 * Calls `visit` with the end of each line break of `s` in order ("\r\n" is one), while it
 * returns true. Two native searches instead of a look at every character.
 */
export function eachBreak(s: string, visit: (end: number) => boolean): void {
  let n = s.indexOf('\n');
  let r = s.indexOf('\r');
  while (n >= 0 || r >= 0) {
    const end = r >= 0 && (n < 0 || r < n) ? (n === r + 1 ? r + 2 : r + 1) : n + 1;
    if (!visit(end)) return;
    if (n >= 0 && n < end) n = s.indexOf('\n', end);
    if (r >= 0 && r < end) r = s.indexOf('\r', end);
  }
}

/** LSP's line breaks in `s`. */
export function countBreaks(s: string): number {
  let n = 0;
  eachBreak(s, () => ++n > 0);
  return n;
}

/** `text` cut after a "\n" about every `size` characters (views, not copies). */
function split(text: string, size: number): string[] {
  if (text.length <= 2 * size) return [text];
  const chunks: string[] = [];
  let at = 0;
  while (at < text.length) {
    const nl = text.length - at <= 2 * size ? -1 : text.indexOf('\n', at + size - 1);
    const end = nl < 0 ? text.length : nl + 1;
    chunks.push(text.slice(at, end));
    at = end;
  }
  return chunks;
}

function startsOf(chunks: readonly string[], from: number): number[] {
  const starts: number[] = new Array(chunks.length);
  let at = from;
  for (let i = 0; i < chunks.length; i++) {
    starts[i] = at;
    at += chunks[i].length;
  }
  return starts;
}
