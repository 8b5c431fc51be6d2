/** Hover on a $name reference: its value and where it is set. */
import { Hover } from 'vscode-languageserver-types';
import { FeatureContext } from '../context';

export function referenceHover(_ctx: FeatureContext, _offset: number): Hover | null {
  return null;
}
