/**
 * Lookup tables in VS Code: a transport map opens as postfix-map with its diagnostics and
 * hover; a table with a name of its own becomes postfix-map because main.cf names it.
 */
import { strict as assert } from 'node:assert';
import { after, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { codes, diagnosticsWhen, open, waitFor } from './helpers';

describe('lookup tables', () => {
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('a transport map: the postfix-map language, its diagnostics and a hover on a key', async () => {
    const doc = await open('maps/transport');
    assert.equal(doc.languageId, 'postfix-map');
    const ds = await diagnosticsWhen(doc.uri, (d) => d.length > 0, 'a diagnostic');
    assert.deepEqual(codes(ds), ['map-unknown-transport@1:12-1:18']);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(0, 2));
    const text = hovers.map((h) => h.contents.map((c) => (c instanceof vscode.MarkdownString ? c.value : String(c))).join('\n')).join('\n');
    assert.match(text, /Routes to transport `relay`/);
  });

  it('a table with a name of its own becomes postfix-map when main.cf names it', async () => {
    const doc = await open('maps/moved_users');
    const current = (): string | undefined => vscode.workspace.textDocuments.find((d) => d.uri.toString() === doc.uri.toString())?.languageId;
    const language = await waitFor({
      event: vscode.workspace.onDidOpenTextDocument,
      ready: () => (current() === 'postfix-map' ? current() : undefined),
      describe: () => `the table is shown as ${current()}`,
    });
    assert.equal(language, 'postfix-map');
    const ds = await diagnosticsWhen(doc.uri, (d) => d.length > 0, 'a diagnostic');
    assert.deepEqual(codes(ds), ['map-malformed-line@1:0-1:6']);
  });
});
