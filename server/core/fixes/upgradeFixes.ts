/**
 * Quick-fixes for upgrade-changed-default: pin the old release's value in main.cf (the
 * value itself, or the defaults a line reads), or adopt the new default by removing the
 * lines that keep the old one. Both edit main.cf only; nothing is written unless applied.
 */
import { CodeAction, CodeActionKind } from 'vscode-languageserver-types';
import { deleteLines } from './actions';
import { setMainParameters, workspaceEdit } from './edits';
import { FixBuilder } from './types';

interface UpgradeData {
  name?: string;
  from?: string;
  pin?: [string, string][];
  adopt?: boolean;
  newDefault?: string;
}

export const upgradeFixes: FixBuilder = (ctx, diagnostic) => {
  const data = (diagnostic.data ?? {}) as UpgradeData;
  const main = ctx.files.main;
  if (!main || typeof data.name !== 'string') return [];
  const actions: CodeAction[] = [];
  const pins = Array.isArray(data.pin) ? data.pin.filter((p): p is [string, string] => Array.isArray(p) && typeof p[0] === 'string' && typeof p[1] === 'string') : [];
  if (pins.length) {
    const what = pins.map(([n, v]) => `${n} = ${v === '' ? '(empty)' : v}`).join(', ');
    actions.push({
      title: `Pin the Postfix ${data.from ?? 'old'} value${pins.length === 1 ? '' : 's'} in main.cf: ${what}`, kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic], edit: workspaceEdit([{ file: main, edits: setMainParameters(main, pins) }]),
    });
  }
  if (data.adopt) {
    const lines = main.tree.entries.filter((e) => e.name.text === data.name).map((e) => e.line);
    if (lines.length) {
      const edits = lines.flatMap((l) => deleteLines(main, l)).map((e) => ({ range: main.lines.range(e.start, e.end), newText: e.text }));
      actions.push({
        title: `Adopt the new default of ${data.name}${data.newDefault !== undefined ? ` (${data.newDefault === '' ? 'empty' : data.newDefault})` : ''}: remove ${lines.length === 1 ? 'this line' : `its ${lines.length} lines`}`,
        kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: workspaceEdit([{ file: main, edits }]),
      });
    }
  }
  return actions;
};
