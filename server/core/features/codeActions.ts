/** Code actions: quick-fixes for the diagnostics in the request, looked up by code. */
import { CodeAction, Diagnostic, Range } from 'vscode-languageserver-types';
import { FIXES } from '../fixes';
import { fixesFor } from '../fixes/actions';
import { FeatureContext } from './context';

export function codeActions(ctx: FeatureContext, _range: Range, diagnostics: readonly Diagnostic[]): CodeAction[] {
  return fixesFor(FIXES, ctx, diagnostics);
}
