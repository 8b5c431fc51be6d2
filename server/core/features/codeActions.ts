/** Code actions: quick-fixes for the diagnostics in the request, looked up by code. */
import { CodeAction, Diagnostic, Range } from 'vscode-languageserver-types';
import { FIXES } from '../fixes';
import { SOURCE } from '../toDiagnostic';
import { FeatureContext } from './context';

export function codeActions(ctx: FeatureContext, _range: Range, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== SOURCE || typeof diagnostic.code !== 'string') continue;
    const build = Object.prototype.hasOwnProperty.call(FIXES, diagnostic.code) ? FIXES[diagnostic.code] : undefined;
    if (build) actions.push(...build(ctx, diagnostic));
  }
  return actions;
}
