/**
 * Offsets <-> LSP positions for one text. Lines end at "\n", "\r\n" or a lone "\r", as
 * LSP counts them; characters are UTF-16 code units, which is what JavaScript strings
 * index, so no conversion is needed.
 */
import { Position, Range } from 'vscode-languageserver-types';
import { lastAtOrBefore } from './sortedSearch';
import { ChunkedText, countBreaks, eachBreak } from './chunkedText';

export class LineIndex {
  private cachedStarts?: number[];

  /** A ChunkedText finds its own lines, chunk by chunk, without a list of a million line starts. */
  constructor(readonly text: string | ChunkedText) {}

  /** Built on first use: most versions of a large file are never asked for a position. */
  private get starts(): number[] {
    return (this.cachedStarts ??= lineStarts(this.text as string));
  }

  get lineCount(): number {
    return typeof this.text === 'string' ? this.starts.length : this.text.lineCount;
  }

  position(offset: number): Position {
    let o = Math.max(0, Math.min(offset, this.text.length));
    if (typeof this.text !== 'string') {
      // positionAt already steps back out of a line break.
      if (o > 0 && isLowSurrogate(this.text.charCodeAt(o)) && isHighSurrogate(this.text.charCodeAt(o - 1))) o--;
      return this.text.positionAt(o);
    }
    // Between the CR and the LF of a CRLF is past the end of the line's content, which is
    // not a valid LSP position: the parsers treat a CR as white space and may end a range
    // there. Move it back before the CR.
    if (o > 0 && this.text.charCodeAt(o) === 10 && this.text.charCodeAt(o - 1) === 13) o--;
    // Between the two halves of a surrogate pair is not a place in the text either (an
    // offset asked for there, or one step past it, lands there): move it before the pair.
    if (o > 0 && isLowSurrogate(this.text.charCodeAt(o)) && isHighSurrogate(this.text.charCodeAt(o - 1))) o--;
    const line = lastAtOrBefore(this.starts, o, (start) => start);
    return { line, character: o - this.starts[line] };
  }

  offset(position: Position): number {
    if (position.line < 0) return 0;
    if (typeof this.text !== 'string') return this.text.offsetAt({ line: position.line, character: Math.max(0, position.character) });
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.starts[position.line];
    const next = position.line + 1 < this.starts.length ? this.starts[position.line + 1] : this.text.length;
    let lineEnd = next;
    while (lineEnd > start && (this.text[lineEnd - 1] === '\n' || this.text[lineEnd - 1] === '\r')) lineEnd--;
    return Math.min(start + Math.max(0, position.character), lineEnd);
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }

  /** Offset where the line holding `offset` starts. */
  lineStart(line: number): number {
    if (typeof this.text !== 'string') return this.text.lineStart(Math.max(0, Math.min(line, this.text.lineCount - 1)));
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/**
 * Where each line starts. Counted first and filled in place: grown by push, the list of a
 * large file is copied a dozen times, megabytes of garbage on every keystroke.
 */
function lineStarts(text: string): number[] {
  const starts = new Array<number>(1 + countBreaks(text));
  starts[0] = 0;
  let n = 0;
  eachBreak(text, (end) => {
    starts[++n] = end;
    return true;
  });
  return starts;
}
