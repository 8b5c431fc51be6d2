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
    return TextDocument.update(document, changes, version);
  },
};
