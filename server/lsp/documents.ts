/**
 * How open documents are created and updated, hardened against what a broken or racing
 * client sends: a change whose version is not newer than the document's is stale (it
 * arrived out of order) and is dropped, so the newest text, and so the newest
 * diagnostics, win; malformed content or changes are dropped instead of throwing.
 */
import { TextDocumentContentChangeEvent, TextDocumentsConfiguration } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

const isPosition = (p: unknown): boolean => {
  const o = p as { line?: unknown; character?: unknown } | null;
  return !!o && Number.isInteger(o.line) && Number.isInteger(o.character);
};

function isValidChange(change: unknown): change is TextDocumentContentChangeEvent {
  const c = change as { text?: unknown; range?: { start?: unknown; end?: unknown } } | null;
  if (!c || typeof c.text !== 'string') return false;
  return c.range === undefined || (!!c.range && isPosition(c.range.start) && isPosition(c.range.end));
}

export const guardedDocuments: TextDocumentsConfiguration<TextDocument> = {
  create(uri, languageId, version, content) {
    return TextDocument.create(
      String(uri), typeof languageId === 'string' ? languageId : '',
      Number.isInteger(version) ? version : 0, typeof content === 'string' ? content : '',
    );
  },
  update(document, changes, version) {
    if (!Number.isInteger(version) || version <= document.version) return document;
    if (!Array.isArray(changes) || !changes.every(isValidChange)) return document;
    const edit = changes.length === 1 ? rangeOf(document, changes[0]) : undefined;
    const updated = TextDocument.update(document, changes, version);
    if (edit) EDITS.set(updated, { ...edit, version });
    else EDITS.delete(updated);
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

function rangeOf(document: TextDocument, change: TextDocumentContentChangeEvent): Omit<TextEdit, 'version'> | undefined {
  if (!('range' in change) || !change.range) return undefined;
  // As the library applies it: start and end ordered, then turned into offsets.
  let { start, end } = change.range;
  if (start.line > end.line || (start.line === end.line && start.character > end.character)) [start, end] = [end, start];
  const from = document.offsetAt(start);
  const to = document.offsetAt(end);
  return { fromVersion: document.version, start: from, oldEnd: to, newEnd: from + change.text.length };
}
