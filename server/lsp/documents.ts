/**
 * How open documents are kept, created and updated. A document's text is a ChunkedText
 * (see core/chunkedText.ts): an edit of a 1,000,000-line lookup table then costs the chunk
 * it touches, not a new 51 MB string. Hardened against what a broken or racing client
 * sends: a change whose version is not newer than the document's is stale (it arrived out
 * of order) and is dropped, so the newest text, and so the newest diagnostics, win;
 * malformed content or changes are dropped instead of throwing.
 */
import { Position, Range, TextDocumentContentChangeEvent, TextDocumentsConfiguration } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ChunkedText } from '../core/languageService';

/** An open document: one version, immutable (an edit makes the next one). */
export class OpenDocument implements TextDocument {
  constructor(readonly uri: string, readonly languageId: string, readonly version: number, readonly text: ChunkedText) {}

  getText(range?: Range): string {
    if (!range) return this.text.toString();
    const a = this.offsetAt(range.start);
    const b = this.offsetAt(range.end);
    return this.text.slice(Math.min(a, b), Math.max(a, b));
  }

  positionAt(offset: number): Position {
    return this.text.positionAt(offset);
  }

  offsetAt(position: Position): number {
    return this.text.offsetAt(position);
  }

  get lineCount(): number {
    return this.text.lineCount;
  }

  /** Line `line` without its line break (as vscode-languageserver-textdocument answers, out-of-range lines included). */
  getLineRange(line: number): Range {
    const count = this.text.lineCount;
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    if (line >= count) {
      const last = count - 1;
      return { start: { line: last, character: 0 }, end: { line: last, character: this.text.length - this.text.lineStart(last) } };
    }
    const start = this.text.lineStart(line);
    const end = this.text.beforeLineEnd(line + 1 < count ? this.text.lineStart(line + 1) : this.text.length, start);
    return { start: { line, character: 0 }, end: { line, character: end - start } };
  }

  /** The line break that ends line `line` ('' for the last line and out of range). */
  getEOLCharacters(line: number): string {
    const count = this.text.lineCount;
    if (line < 0 || line >= count) return '';
    const next = line + 1 < count ? this.text.lineStart(line + 1) : this.text.length;
    return this.text.slice(this.text.beforeLineEnd(next, this.text.lineStart(line)), next);
  }
}

/** A document's text without joining it into one string (an OpenDocument's chunks; else its string). */
export function textOf(document: TextDocument): ChunkedText | string {
  return document instanceof OpenDocument ? document.text : document.getText();
}

/** A document's length, without joining its text. */
export function lengthOf(document: TextDocument): number {
  return textOf(document).length;
}

const isPosition = (p: unknown): boolean => {
  const o = p as { line?: unknown; character?: unknown } | null;
  return !!o && Number.isInteger(o.line) && Number.isInteger(o.character);
};

function isValidChange(change: unknown): change is TextDocumentContentChangeEvent {
  const c = change as { text?: unknown; range?: { start?: unknown; end?: unknown } } | null;
  if (!c || typeof c.text !== 'string') return false;
  return c.range === undefined || (!!c.range && isPosition(c.range.start) && isPosition(c.range.end));
}

export const guardedDocuments: TextDocumentsConfiguration<OpenDocument> = {
  create(uri, languageId, version, content) {
    return new OpenDocument(
      String(uri), typeof languageId === 'string' ? languageId : '',
      Number.isInteger(version) ? version : 0, ChunkedText.from(typeof content === 'string' ? content : ''),
    );
  },
  update(document, changes, version) {
    if (!Number.isInteger(version) || version <= document.version) return document;
    if (!Array.isArray(changes) || !changes.every(isValidChange)) return document;
    let text = document.text;
    let edit: Omit<TextEdit, 'version'> | undefined;
    for (const change of changes) {
      if (!('range' in change) || !change.range) {
        text = ChunkedText.from(change.text);
        edit = undefined;
        continue;
      }
      // As vscode-languageserver-textdocument applies it: start and end ordered, then offsets.
      let { start, end } = change.range;
      if (start.line > end.line || (start.line === end.line && start.character > end.character)) [start, end] = [end, start];
      const from = text.offsetAt(start);
      const to = text.offsetAt(end);
      edit = changes.length === 1 ? { fromVersion: document.version, start: from, oldEnd: to, newEnd: from + change.text.length } : undefined;
      text = text.replace(from, to, change.text);
    }
    const updated = new OpenDocument(document.uri, document.languageId, version, text);
    if (edit) EDITS.set(updated, { ...edit, version });
    return updated;
  },
};

/**
 * The last change of a document as text offsets, when it was one ranged change: the parser
 * of a large file then knows where the texts differ without comparing them (51 MB apart
 * for a 1,000,000-line table). `fromVersion` is the version it was applied to.
 */
export interface TextEdit {
  fromVersion: number;
  version: number;
  start: number;
  /** End of the replaced text in the earlier version, end of the new text in this one. */
  oldEnd: number;
  newEnd: number;
}

const EDITS = new WeakMap<TextDocument, TextEdit>();

/** The document's last change, if it made the current version from `fromVersion` alone. */
export function lastEdit(document: TextDocument): TextEdit | undefined {
  const edit = EDITS.get(document);
  return edit && edit.version === document.version ? edit : undefined;
}
