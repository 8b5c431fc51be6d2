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
import { lastIndexAtOrBefore } from '../sortedSearch';

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
  /** Just past the text (trailing white space not included). */
  readonly end: number;
  /** 0-based physical line number. */
  line: number;
  /** The text after "#", without the trailing white space. */
  readonly text: string;
  /** Whether the text, after its leading white space (as /\s/ reads it), starts with `prefix`. */
  opensWith(prefix: string): boolean;
}

/**
 * A logical line. Only `start`, `end` and `line` are document positions of their own: every
 * other offset is kept relative to `start`, so moving a line after an edit above it is three
 * additions.
 */
export interface LogicalLine {
  /** The joined text as Postfix sees it (NUL bytes and what follows them removed). */
  readonly text: string;
  /** The physical pieces, first to last (built on each use: see pieceAt for one piece). */
  readonly pieces: Piece[];
  /** 0-based physical line number of the first piece. */
  line: number;
  start: number;
  readonly end: number;
  /** True when the first piece starts with white space: Postfix ignores the line. */
  readonly leadingWhitespace: boolean;
  /** Document offset of the first NUL byte, when the line had one. */
  readonly nulAt?: number;
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

/**
 * What a line that is not plain keeps: joined from several pieces, cut at a NUL byte, or
 * starting with white space. Offsets are relative to the line's start.
 */
interface Unusual {
  text: string;
  /** [start, end, joinedAt] of each piece, flat (one small array instead of an object a piece); undefined for one piece. */
  pieces: number[] | undefined;
  nulAt: number | undefined;
  leadingWhitespace: boolean;
}

/**
 * Most logical lines (in a large main.cf, nearly all) are one physical line without a NUL
 * byte: their body is the document they are in, and their text is document[start, end),
 * sliced when asked for (the parsers ask once; the names and values they keep are strings
 * of their own). The rest carry an Unusual body. Four fields a line instead of seven and a
 * string, and no object per piece.
 */
class Line implements LogicalLine {
  constructor(
    public line: number,
    public start: number,
    public end: number,
    public body: string | Unusual,
  ) {}

  get text(): string {
    const body = this.body;
    return typeof body === 'string' ? body.slice(this.start, this.end) : body.text;
  }

  get leadingWhitespace(): boolean {
    const body = this.body;
    return typeof body !== 'string' && body.leadingWhitespace;
  }

  get nulAt(): number | undefined {
    const body = this.body;
    return typeof body === 'string' || body.nulAt === undefined ? undefined : this.start + body.nulAt;
  }

  get pieces(): Piece[] {
    const out: Piece[] = [];
    for (let i = 0, n = pieceCount(this); i < n; i++) out.push(pieceAt(this, i)!);
    return out;
  }

  /** As plain data, with the offsets it computes (JSON.stringify skips getters). */
  toJSON(): object {
    const { text, pieces, line, start, end, leadingWhitespace, nulAt } = this;
    return { text, pieces, line, start, end, leadingWhitespace, nulAt };
  }
}

const flatPieces = (line: LogicalLine): number[] | undefined => {
  const body = (line as Line).body;
  return typeof body === 'string' ? undefined : body.pieces;
};

/** How many physical pieces a logical line was joined from. */
export function pieceCount(line: LogicalLine): number {
  const flat = flatPieces(line);
  return flat ? flat.length / 3 : 1;
}

/** The `index`th physical piece of a line, or undefined past the last. */
export function pieceAt(line: LogicalLine, index: number): Piece | undefined {
  const flat = flatPieces(line);
  if (!flat) return index === 0 ? { start: line.start, end: line.end, joinedAt: 0 } : undefined;
  if (index < 0 || index * 3 >= flat.length) return undefined;
  return { start: line.start + flat[index * 3], end: line.start + flat[index * 3 + 1], joinedAt: flat[index * 3 + 2] };
}

/** First offset at or after `from` (and before `to`) that is not white space; `to` when none is. */
export function skipSpace(text: string, from: number, to = text.length): number {
  let i = from;
  while (i < to && isSpaceCode(text.charCodeAt(i))) i++;
  return i;
}

/** Index of the piece a joined-text offset falls in: the last piece that starts at or before it. */
export function pieceIndexAt(line: LogicalLine, textOffset: number): number {
  const flat = flatPieces(line);
  return flat ? lastPiece(flat, textOffset, 2) : 0;
}

/** Index of the piece holding a document offset: the last piece that starts at or before it. */
export function pieceIndexAtDoc(line: LogicalLine, offset: number): number {
  const flat = flatPieces(line);
  return flat ? lastPiece(flat, offset - line.start, 0) : 0;
}

/** The last of the flat [start, end, joinedAt] triples whose field at `field` is at most `target`. */
function lastPiece(flat: readonly number[], target: number, field: number): number {
  return lastIndexAtOrBefore(flat.length / 3, target, (i) => flat[i * 3 + field]);
}

/** Maps an offset in a logical line's joined text to a document offset. */
export function toDocOffset(line: LogicalLine, textOffset: number): number {
  return line.start + relativeOffset(line.end - line.start, flatPieces(line), textOffset);
}

/** Document offset just past the joined-text range [at, end) (its start when it is empty). */
export function docEnd(line: LogicalLine, at: number, end: number): number {
  return end > at ? toDocOffset(line, end - 1) + 1 : toDocOffset(line, at);
}

function relativeOffset(length: number, flat: readonly number[] | undefined, textOffset: number): number {
  if (!flat) return Math.min(textOffset, length);
  const at = lastPiece(flat, textOffset, 2) * 3;
  return Math.min(flat[at] + (textOffset - flat[at + 2]), flat[at + 1]);
}

const isWhiteSpace = (code: number): boolean =>
  code === 32 || (code >= 9 && code <= 13) || (code > 127 && /\s/.test(String.fromCharCode(code)));

/** A comment line: its text is sliced from the document when asked for (few ask). */
class Comment implements CommentLine {
  constructor(
    public line: number,
    public start: number,
    public end: number,
    public source: string,
  ) {}

  get text(): string {
    return this.source.slice(this.start + 1, this.end);
  }

  /** Without slicing the text: rules ask this of every comment of a file on every check. */
  opensWith(prefix: string): boolean {
    let i = this.start + 1;
    while (i < this.end && isWhiteSpace(this.source.charCodeAt(i))) i++;
    return i + prefix.length <= this.end && this.source.startsWith(prefix, i);
  }

  /** As plain data (without the document it reads from). */
  toJSON(): object {
    const { start, end, line, text } = this;
    return { start, end, line, text };
  }
}

/**
 * Moves a line parsed from an earlier text (or from a part of this one) by `by` characters
 * and `lines` lines into `text`, where its content now is. Only start, end and line are
 * document positions (see Line); a line whose text is sliced from its document now slices
 * it from `text`, so no earlier version of the document stays alive for it.
 */
export function moveLine(line: LogicalLine, { by, lines, text }: Move): void {
  const moved = line as Line;
  moved.start += by;
  moved.end += by;
  moved.line += lines;
  if (typeof moved.body === 'string') moved.body = text;
}

/**
 * Gives a line that left the tree its own copy of its text. Edits keep the lines they
 * removed for a few versions (see incremental.ts), and a removed line whose body is its
 * document would keep that whole version of the document alive (megabytes for a large
 * main.cf, per version kept).
 */
export function detachLine(line: LogicalLine): void {
  const detached = line as Line;
  if (typeof detached.body === 'string') {
    detached.body = { text: ownCopy(detached.text), pieces: undefined, nulAt: undefined, leadingWhitespace: false };
  }
}

/**
 * A string of its own with the characters of `text`. V8 makes a long substring a view
 * into its parent; slicing a concatenation copies it instead.
 */
export function ownCopy(text: string): string {
  return (' ' + text).slice(1);
}

/** moveLine() for a comment line. */
export function moveComment(comment: CommentLine, { by, lines, text }: Move): void {
  const moved = comment as Comment;
  moved.start += by;
  moved.end += by;
  moved.line += lines;
  moved.source = text;
}

/** Where a line or comment went: `by` characters and `lines` lines further, into `text`. */
export interface Move {
  by: number;
  lines: number;
  text: string;
}

/** The logical line being read: its pieces so far. */
interface Reading {
  line: number;
  start: number;
  end: number;
  leadingWhitespace: boolean;
  /** The joined texts of continued lines are made flat once, at the end. */
  parts: string[];
  pieces: number[];
}

/** Splits `text` into logical lines and comment lines. */
export function splitLogicalLines(text: string): SplitResult {
  const lines: LogicalLine[] = [];
  const comments: CommentLine[] = [];
  let current: Reading | undefined;
  // The next NUL byte at or after an offset: lines are read in order, so the text is
  // searched once in all (NUL bytes are rare).
  let nextNul = text.indexOf('\0');
  const nulFrom = (from: number): number => {
    if (nextNul >= 0 && nextNul < from) nextNul = text.indexOf('\0', from);
    return nextNul < 0 ? Infinity : nextNul;
  };
  const finish = (): void => {
    if (current) lines.push(finishLine(text, current, nulFrom));
    current = undefined;
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
      comments.push(new Comment(lineNo, first, end, text));
    } else if (first > pos && current) {
      // A continuation: Postfix removes the newline and keeps the leading white space.
      if (current.pieces.length === 0) current.pieces.push(0, current.end - current.start, 0);
      current.pieces.push(pos - current.start, eol - current.start, joinedLength(current));
      current.parts.push(text.slice(pos, eol));
      current.end = eol;
    } else {
      finish();
      current = { line: lineNo, start: pos, end: eol, leadingWhitespace: first > pos, parts: [], pieces: [] };
    }
    pos = eol + 1;
    lineNo++;
  }
  finish();
  return { lines, comments };
}

/** Where the next piece starts in the joined text: just past the last one. */
const joinedLength = (reading: Reading): number => {
  const p = reading.pieces;
  const n = p.length;
  return p[n - 1] + (p[n - 2] - p[n - 3]);
};

function finishLine(text: string, reading: Reading, nulFrom: (from: number) => number): Line {
  const { line, start, end, leadingWhitespace, parts, pieces } = reading;
  const nul = joinedIndexOfNul(reading, nulFrom);
  if (nul < 0 && !leadingWhitespace && !parts.length) return new Line(line, start, end, text);
  const first = text.slice(start, pieces.length ? start + pieces[1] : end);
  // join() makes one flat string: concatenation would keep a tree of pieces alive.
  const joined = parts.length ? [first, ...parts].join('') : first;
  const flat = parts.length ? pieces.slice() : undefined;
  const body: Unusual = { text: joined, pieces: flat, nulAt: undefined, leadingWhitespace };
  if (nul >= 0) {
    body.nulAt = relativeOffset(end - start, flat, nul);
    body.text = joined.slice(0, nul);
  }
  return new Line(line, start, end, body);
}

/** Offset of the first NUL in the joined text of the line being read, or -1. */
function joinedIndexOfNul({ start, end, pieces }: Reading, nulFrom: (from: number) => number): number {
  if (!pieces.length) {
    const at = nulFrom(start);
    return at < end ? at - start : -1;
  }
  for (let i = 0; i < pieces.length; i += 3) {
    const from = start + pieces[i];
    const at = nulFrom(from);
    if (at < start + pieces[i + 1]) return pieces[i + 2] + (at - from);
  }
  return -1;
}
