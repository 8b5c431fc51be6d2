/** Hover: parameters, master.cf columns and $references. */
import { Hover } from 'vscode-languageserver-types';
import { FeatureContext } from './context';

export function hover(_ctx: FeatureContext, _offset: number): Hover | null {
  return null;
}
