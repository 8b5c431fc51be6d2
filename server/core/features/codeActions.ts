/** Code actions: quick-fixes looked up by diagnostic code (see ../fixes). */
import { CodeAction, Diagnostic, Range } from 'vscode-languageserver-types';
import { FeatureContext } from './context';

export function codeActions(_ctx: FeatureContext, _range: Range, _diagnostics: readonly Diagnostic[]): CodeAction[] {
  return [];
}
