/** Completion: parameter names, values, $references, master.cf types and commands. */
import { CompletionItem } from 'vscode-languageserver-types';
import { FeatureContext } from './context';

export function completion(_ctx: FeatureContext, _offset: number): CompletionItem[] {
  return [];
}
