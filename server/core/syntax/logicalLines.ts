/**
 * Splits a Postfix configuration file into logical lines exactly as Postfix's
 * readllines() does for main.cf and master.cf:
 * - lines are separated by "\n" only (a CR is an ordinary, white-space character);
 * - a line whose first non-blank character is "#", and a blank line, is dropped and
 *   does not end the logical line being read;
 * - a line that starts with white space continues the current logical line; the
 *   newline is removed and the continuation's leading white space is kept;
 * - a logical line whose first content line starts with white space has nothing to
 *   continue (it can only happen at the top of the file) and is ignored by Postfix.
 *
 * Every logical line keeps the document offsets of the physical pieces it was joined
 * from, so a position inside the joined text maps back to the exact document offset.
 */
import { lastAtOrBefore } from '../sortedSearch';

/** A physical line's content (without its "\n") that became part of a logical line. */
export interface Piece {
  /** Document offset of the first character. */
  start: number;
  /** Document offset just past the last character (before "\n"). */
  end: number;
  /** Offset of this piece inside the joined logical-line text. */
  joinedAt: number;
}

/** A comment line (first non-blank character is "#"). */
export interface CommentLine {
  start: number;
  end: number;
  /** 0-based physical line number. */
  line: number;
  /** The text after "#", without the trailing white space. */
  text: string;
}

export interface LogicalLine {
  /** The joined text as Postfix sees it (NUL bytes and what follows them removed). */
  text: string;
  /** The physical pieces, first to last (built on use for a line of one piece). */
  readonly pieces: Piece[];
  /** The pieces of a line joined from more than one; undefined for one piece (start..end). */
  joined?: Piece[];
  /** 0-based physical line number of the first piece. */
  line: number;
  start: number;
  end: number;
  /** True when the first piece starts with white space: Postfix ignores the line. */
  leadingWhitespace: boolean;
  /** Document offset of the first NUL byte, when the line had one. */
  nulAt?: number;
}

export interface SplitResult {
  lines: LogicalLine[];
  comments: CommentLine[];
}

/** Postfix's ISSPACE(): ASCII space, tab, newline, vertical tab, form feed, CR. */
export function isSpace(ch: string | undefined): boolean {
  return ch !== undefined && ch.length === 1 && isSpaceCode(ch.charCodeAt(0));
}

/** isSpace() of a character code: 9-13 (tab, newline, vertical tab, form feed, CR) and space. */
export function isSpaceCode(code: number): boolean {
  return code === 32 || (code <= 13 && code >= 9);
}

/** Index of the piece a joined-text offset falls in: the last piece that starts at or before it. */
export function pieceIndexAt(line: LogicalLine, textOffset: number): number {
  return line.joined ? lastAtOrBefore(line.joined, textOffset, (p) => p.joinedAt) : 0;
}

/** Maps an offset in a logical line's joined text to a document offset. */
export function toDocOffset(line: LogicalLine, textOffset: number): number {
  const pieces = line.joined;
  if (!pieces) return Math.min(line.start + textOffset, line.end);
  const piece = pieces[pieceIndexAt(line, textOffset)];
  const docOffset = piece.start + (textOffset - piece.joinedAt);
  return Math.min(docOffset, piece.end);
}

/**
 * A logical line. Most are one physical line: their only piece is start..end and is built
 * when asked for, so a 100,000-line file does not hold 100,000 one-element arrays (nor do
 * offset shifts after an edit have a second copy of start and end to move).
 */
class Line implements LogicalLine {
  text = '';
  joined?: Piece[];
  nulAt?: number;

  constructor(
    public line: number,
    public start: number,
    public end: number,
    public leadingWhitespace: boolean,
  ) {}

  get pieces(): Piece[] {
    return this.joined ?? [{ start: this.start, end: this.end, joinedAt: 0 }];
  }
}

/** Splits `text` into logical lines and comment lines. */
export function splitLogicalLines(text: string): SplitResult {
  const lines: LogicalLine[] = [];
  const comments: CommentLine[] = [];
  let current: Line | undefined;
  // Most logical lines are one physical line: their text is one slice. Continued lines
  // are rare enough to be concatenated.
  let joined = '';
  let joinedLength = 0;
  // One scan of the whole text instead of one per line: NUL bytes are rare.
  const hasNul = text.indexOf('\0') >= 0;
  const finish = (): void => {
    if (!current) return;
    current.text = joined;
    const nul = hasNul ? current.text.indexOf('\0') : -1;
    if (nul >= 0) {
      current.nulAt = toDocOffset(current, nul);
      current.text = current.text.slice(0, nul);
    }
    lines.push(current);
    current = undefined;
    joined = '';
    joinedLength = 0;
  };

  let pos = 0;
  let lineNo = 0;
  const length = text.length;
  while (pos < length) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0) eol = length;
    let first = pos;
    while (first < eol && isSpaceCode(text.charCodeAt(first))) first++;
    if (first === eol) {
      // Blank or white-space-only line: dropped, does not end the logical line.
    } else if (text.charCodeAt(first) === 35 /* # */) {
      let end = eol;
      while (end > first + 1 && isSpaceCode(text.charCodeAt(end - 1))) end--;
      comments.push({ start: first, end, line: lineNo, text: text.slice(first + 1, end) });
    } else {
      const continues = first > pos;
      if (!continues || !current) {
        finish();
        current = new Line(lineNo, pos, eol, continues);
      } else {
        current.joined ??= [{ start: current.start, end: current.end, joinedAt: 0 }];
        current.joined.push({ start: pos, end: eol, joinedAt: joinedLength });
      }
      current.end = eol;
      joined = joinedLength === 0 ? text.slice(pos, eol) : joined + text.slice(pos, eol);
      joinedLength += eol - pos;
    }
    pos = eol + 1;
    lineNo++;
  }
  finish();
  return { lines, comments };
}
