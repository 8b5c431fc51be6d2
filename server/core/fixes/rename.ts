/**
 * Did-you-mean: replace an unknown parameter name (unknown-parameter) or the name in a
 * `$name` reference (undefined-reference) by one of the rule's suggestions. One action
 * per suggestion, nearest first; the first is the preferred one.
 */
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import type { FeatureContext } from '../features/context';
import { dataString, diagnosticEnd, diagnosticStart, quickFix } from './actions';

export function renameFix(ctx: FeatureContext, diagnostic: Diagnostic): CodeAction[] {
  const data = diagnostic.data as { suggestions?: unknown } | undefined;
  const suggestions = Array.isArray(data?.suggestions) ? data.suggestions.filter((s): s is string => typeof s === 'string') : [];
  const name = dataString(diagnostic, 'name');
  const file = ctx.file;
  const start = diagnosticStart(file, diagnostic);
  const end = diagnosticEnd(file, diagnostic);
  // The document may have changed since the diagnostic was made: edit only what it named.
  if (!name || file.text.slice(start, end) !== name) return [];
  const dollar = diagnostic.code === 'undefined-reference' ? '$' : '';
  return suggestions.map((suggestion, i) =>
    quickFix({
      title: `Change to "${dollar}${suggestion}"`, file, diagnostic, preferred: i === 0,
      edits: [{ start, end, text: suggestion }],
    }),
  );
}
