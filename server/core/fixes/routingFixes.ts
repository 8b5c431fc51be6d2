/**
 * Quick-fixes of the routing checks: receiver-route-outside adds the transport map line
 * that sends a receiver's domain through the receiver's transport (an edit of the map
 * file, which the workspace read: the only way anything writes to a map file);
 * receiver-destinations removes destinations= so the routing counts next-hops.
 */
import { CodeAction, CodeActionKind } from 'vscode-languageserver-types';
import { dataString, diagnosticEnd, diagnosticStart } from './actions';
import { FixBuilder } from './types';

/** Tables whose file Postfix reads through a database that postmap builds from the text. */
const BUILT = new Set(['hash', 'btree', 'lmdb', 'cdb', 'dbm']);

export const routeOutsideFix: FixBuilder = (ctx, diagnostic) => {
  const path = dataString(diagnostic, 'map');
  const line = dataString(diagnostic, 'line');
  const map = path === undefined ? undefined : ctx.files.maps?.get(path);
  if (!map || !line) return [];
  const text = map.text;
  const lead = text.length && !text.endsWith('\n') ? '\n' : '';
  const postmap = BUILT.has(dataString(diagnostic, 'mapType') ?? '') ? `; then run postmap ${path}` : '';
  const action: CodeAction = {
    title: `Add "${line}" to ${path}${postmap}`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true,
    edit: { changes: { [map.uri]: [{ range: map.lines.range(text.length, text.length), newText: `${lead}${line}\n` }] } },
  };
  return [action];
};

export const destinationsFix: FixBuilder = (ctx, diagnostic) => {
  const start = diagnosticStart(ctx.file, diagnostic);
  const end = diagnosticEnd(ctx.file, diagnostic);
  if (!ctx.file.text.slice(start, end).startsWith('destinations=')) return [];
  // The pair and the blank before it.
  let from = start;
  while (from > 0 && (ctx.file.text[from - 1] === ' ' || ctx.file.text[from - 1] === '\t')) from--;
  return [{
    title: 'Remove destinations=: let the routing count next-hops', kind: CodeActionKind.QuickFix, diagnostics: [diagnostic],
    edit: { changes: { [ctx.file.uri]: [{ range: ctx.file.lines.range(from, end), newText: '' }] } },
  }];
};
