/**
 * Remove the ignored entry of a duplicate (duplicate-parameter in main.cf,
 * duplicate-service in master.cf): the physical lines of that logical line, continuation
 * lines included. Comment and blank lines between them stay, as does every other line.
 */
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import type { FeatureContext } from '../features/context';
import { deleteLines, diagnosticStart, logicalLineAt, quickFix } from './actions';

export function removeDuplicateFix(ctx: FeatureContext, diagnostic: Diagnostic): CodeAction[] {
  const file = ctx.file;
  const start = diagnosticStart(file, diagnostic);
  const line = logicalLineAt(file, start);
  // The diagnostic covers the whole entry; anything else means the text has moved on.
  if (!line || line.start !== start) return [];
  const first = line.line + 1;
  const last = file.lines.position(line.end).line + 1;
  const where = first === last ? `line ${first}` : `lines ${first}-${last}`;
  const what = diagnostic.code === 'duplicate-service' ? 'service entry' : 'entry';
  return [quickFix({ title: `Remove the ignored ${what} (${where})`, file, diagnostic, preferred: true, edits: deleteLines(file, line) })];
}
