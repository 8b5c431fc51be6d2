/**
 * Remove the ignored entry of a duplicate (duplicate-parameter in main.cf,
 * duplicate-service in master.cf): the physical lines of that logical line, continuation
 * lines included. Comment and blank lines between them stay, as does every other line.
 *
 * A main.cf entry repeated with the same value just before the flagged one is ignored as
 * well, and Postfix says nothing about it only because the value repeats: removing the
 * flagged entry alone would move the warning onto it, so the fix removes those too.
 */
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import type { FeatureContext } from '../features/context';
import type { SourceFile } from '../document';
import { LogicalLine } from '../syntax/logicalLines';
import { MainEntry } from '../syntax/mainCf';
import type { Configuration } from '../model/configuration';
import { deleteLines, diagnosticStart, logicalLineIndexAt, quickFix } from './actions';
import { tipsOverWithout } from '../rules/notPostfixConfig';

export function removeDuplicateFix(ctx: FeatureContext, diagnostic: Diagnostic): CodeAction[] {
  const file = ctx.file;
  const start = diagnosticStart(file, diagnostic);
  const index = logicalLineIndexAt(file, start);
  const line = file.tree.lines[index];
  // The diagnostic covers the whole entry; anything else means the text has moved on.
  if (!line || line.start !== start) return [];
  const item = file.tree.items[index];
  const lines = diagnostic.code === 'duplicate-parameter' && item.kind === 'entry' ? sameValueRun(ctx, item) : [line];
  if (tipsOverWithout(ctx.config.caches, file.tree, lines.length)) return [];
  const where = lines.map((l) => lineNumbers(file, l));
  const what = diagnostic.code === 'duplicate-service' ? 'service entry' : lines.length > 1 ? 'entries' : 'entry';
  const title = `Remove the ignored ${what} (${where.length > 1 || where[0].includes('-') ? 'lines' : 'line'} ${where.join(', ')})`;
  return [quickFix({ title, file, diagnostic, preferred: true, edits: lines.flatMap((l) => deleteLines(file, l)) })];
}

/** "12" or "12-14": the physical lines of a logical line, 1-based. */
function lineNumbers(file: SourceFile, line: LogicalLine): string {
  const first = line.line + 1;
  const last = file.lines.position(line.end).line + 1;
  return first === last ? `${first}` : `${first}-${last}`;
}

/** The flagged main.cf entry's line and those of the entries just before it with the same name and value. */
function sameValueRun(ctx: FeatureContext, entry: MainEntry): LogicalLine[] {
  const same = entriesNamed(ctx.config, entry.name.text);
  const at = same.indexOf(entry);
  if (at < 0) return [entry.line];
  let from = at;
  while (from > 0 && same[from - 1].value.text === entry.value.text) from--;
  return same.slice(from, at + 1).map((e) => e.line);
}

/** Each configuration's main.cf entries by name, in file order, built on first use. */
/** The entries of a name in file order (the main.cf index keeps them, not always sorted after edits). */
function entriesNamed(config: Configuration, name: string): readonly MainEntry[] {
  return [...config.mainIndex.entriesNamed(name)].sort((a, b) => a.line.start - b.line.start);
}
