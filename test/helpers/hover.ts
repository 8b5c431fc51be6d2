/** Hover through the core on marked text, for the hover unit tests. */
import { strict as assert } from 'node:assert';
import { Range } from 'vscode-languageserver-types';
import { hover } from '../../server/core/features/hover';
import { featureContext } from './featureContext';
import { caret } from './markers';

export interface HoverInput {
  /** The file the caret is in. */
  file: 'main' | 'master';
  /** That file's text with a `|` caret. */
  marked: string;
  /** The other file's text. */
  other: string;
  /** The postfix.version setting. */
  version: string;
}

/** The Markdown and range of the hover at the caret; fails the test when there is none. */
export function hoverAtCaret({ file, marked, other, version }: HoverInput): { text: string; range?: Range } {
  const { text, offset } = caret(marked);
  const ctx = featureContext(file === 'main' ? { main: text, master: other, file, version } : { main: other, master: text, file, version });
  const h = hover(ctx, offset);
  assert.ok(h, 'expected a hover');
  return { text: (h.contents as { value: string }).value, range: h.range };
}
