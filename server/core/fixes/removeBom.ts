/**
 * Remove the UTF-8 byte-order mark that Postfix reads as part of the first name
 * (unknown-parameter with data.bom).
 */
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import type { FeatureContext } from '../features/context';
import { quickFix } from './actions';

const BOM = '\ufeff';

export function removeBomFix(ctx: FeatureContext, diagnostic: Diagnostic): CodeAction[] {
  const data = diagnostic.data as { bom?: unknown } | undefined;
  if (data?.bom !== true || !ctx.file.text.startsWith(BOM)) return [];
  return [quickFix({ title: 'Remove the byte-order mark (U+FEFF)', file: ctx.file, diagnostic, preferred: true, edits: [{ start: 0, end: 1, text: '' }] })];
}
