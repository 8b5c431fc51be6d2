/** Go to definition: `$name` -> where it is set; a service-defined name -> its service. */
import { Location } from 'vscode-languageserver-types';
import { FeatureContext } from './context';

export function definition(_ctx: FeatureContext, _offset: number): Location[] {
  return [];
}
