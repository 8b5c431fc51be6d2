/**
 * Move a trailing " # comment" (inline-comment) to a comment line of its own above the
 * entry, where Postfix reads it as a comment. The comment text is kept as written; the
 * white space before it is removed; the new line uses the file's line break.
 */
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import type { FeatureContext } from '../features/context';
import { diagnosticEnd, diagnosticStart, lineBreakAt, logicalLineAt, quickFix } from './actions';

export function moveCommentFix(ctx: FeatureContext, diagnostic: Diagnostic): CodeAction[] {
  const file = ctx.file;
  const start = diagnosticStart(file, diagnostic);
  const end = diagnosticEnd(file, diagnostic);
  const line = logicalLineAt(file, start);
  if (!line || file.text[start] !== '#' || end <= start) return [];
  let from = start;
  while (from > line.start && (file.text[from - 1] === ' ' || file.text[from - 1] === '\t')) from--;
  const comment = file.text.slice(start, end);
  const edits = [
    { start: line.start, end: line.start, text: comment + lineBreakAt(file.text, line.start) },
    { start: from, end, text: '' },
  ];
  return [quickFix({ title: 'Move the comment to its own line above the entry', file, diagnostic, preferred: true, edits })];
}
