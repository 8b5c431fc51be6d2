/** Hover on a master.cf column: what it means and the value in effect. */
import { Hover } from 'vscode-languageserver-types';
import { FeatureContext } from '../context';

export function columnHover(_ctx: FeatureContext, _offset: number): Hover | null {
  return null;
}
