/** Code lenses: the connection budget over outbound transports and receiver directives. */
import { CodeLens } from 'vscode-languageserver-types';
import { FeatureContext } from './context';

export function codeLenses(_ctx: FeatureContext): CodeLens[] {
  return [];
}
