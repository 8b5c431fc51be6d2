/** Hover on the connection budget of an outbound transport (service name in master.cf). */
import { Hover } from 'vscode-languageserver-types';
import { FeatureContext } from '../context';

export function budgetHover(_ctx: FeatureContext, _offset: number): Hover | null {
  return null;
}
