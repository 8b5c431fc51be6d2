/**
 * Hover: asks each provider in turn; the first that knows the thing under the cursor
 * answers. Providers are small files, one per kind of thing.
 */
import { Hover } from 'vscode-languageserver-types';
import { FeatureContext } from '../context';
import { budgetHover } from './budget';
import { columnHover } from './column';
import { parameterHover } from './parameter';
import { referenceHover } from './reference';

export type HoverProvider = (ctx: FeatureContext, offset: number) => Hover | null;

const PROVIDERS: readonly HoverProvider[] = [budgetHover, referenceHover, parameterHover, columnHover];

export function hover(ctx: FeatureContext, offset: number): Hover | null {
  for (const provider of PROVIDERS) {
    const result = provider(ctx, offset);
    if (result) return result;
  }
  return null;
}
