/** Hover on a parameter name in main.cf or after -o. */
import { Hover } from 'vscode-languageserver-types';
import { FeatureContext } from '../context';

export function parameterHover(_ctx: FeatureContext, _offset: number): Hover | null {
  return null;
}
