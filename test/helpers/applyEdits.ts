/**
 * Applies the text edits of a CodeAction's WorkspaceEdit to a text, as an editor would:
 * all ranges refer to the original text; overlapping edits are a bug in the fix.
 */
import { CodeAction, TextEdit } from 'vscode-languageserver-types';
import { LineIndex } from '../../server/core/lineIndex';

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const spans = edits
    .map((e) => ({ start: lines.offset(e.range.start), end: lines.offset(e.range.end), text: e.newText }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < spans.length; i++) {
    if (spans[i].start < spans[i - 1].end) throw new Error(`overlapping edits at ${spans[i].start}`);
  }
  let out = text;
  for (const s of [...spans].reverse()) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  return out;
}

/** The edits an action makes to `uri` (and a check that it edits nothing else). */
export function editsFor(action: CodeAction, uri: string): TextEdit[] {
  const changes = action.edit?.changes ?? {};
  const others = Object.keys(changes).filter((u) => u !== uri);
  if (others.length) throw new Error(`the fix also edits ${others.join(', ')}`);
  return changes[uri] ?? [];
}

/** The lines of `after` that are not in `before`, and those of `before` that went away. */
export function lineDiff(before: string, after: string): { added: string[]; removed: string[] } {
  const count = (lines: string[]): Map<string, number> => {
    const m = new Map<string, number>();
    for (const l of lines) m.set(l, (m.get(l) ?? 0) + 1);
    return m;
  };
  const b = count(before.split('\n'));
  const a = count(after.split('\n'));
  const added: string[] = [];
  const removed: string[] = [];
  for (const [l, n] of a) for (let i = (b.get(l) ?? 0); i < n; i++) added.push(l);
  for (const [l, n] of b) for (let i = (a.get(l) ?? 0); i < n; i++) removed.push(l);
  return { added, removed };
}
