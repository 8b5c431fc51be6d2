/**
 * A receiver declared by its domains, as VS Code shows it: the routing lens over the
 * directive (the transport map read from the file beside main.cf), receiver-route-outside
 * on the domain the routing leaves to smtp, and its quick-fix, which edits the map file;
 * once applied, the diagnostic goes. Fixture: test/fixtures/editor-workspace/routing/.
 */
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { codes, diagnosticsWhen, fixture, open } from './helpers';

describe('routing-derived budget', () => {
  let main: vscode.TextDocument;
  before(async () => {
    main = await open('routing/main.cf');
  });
  after(async () => {
    const map = vscode.workspace.textDocuments.find((d) => d.uri.toString() === fixture('routing/transport').toString());
    if (map?.isDirty) {
      await vscode.window.showTextDocument(map);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('shows the routing over the directive and flags the domain left to smtp', async () => {
    const ds = await diagnosticsWhen(main.uri, (d) => codes(d).some((c) => c.startsWith('receiver-route-outside')), 'receiver-route-outside');
    assert.deepEqual(codes(ds).filter((c) => c.startsWith('receiver')), ['receiver-route-outside@4:66-4:74']);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', main.uri, 100);
    assert.ok(lenses.some((l) => l.command?.title === 'orange: 2 domains to [smtp.orange.fr] = 1 next-hop via orange; 1 domain MX-routed = 1 next-hop via smtp'),
      lenses.map((l) => l.command?.title).join('\n'));
  });

  it('the quick-fix adds the line to the transport map, and the diagnostic goes', async () => {
    const ds = await diagnosticsWhen(main.uri, (d) => codes(d).some((c) => c.startsWith('receiver-route-outside')), 'receiver-route-outside');
    const d = ds.find((x) => codes([x])[0].startsWith('receiver-route-outside'))!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', main.uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title.startsWith('Add "voila.fr orange:[smtp.orange.fr]"'));
    assert.ok(fix?.edit, actions.map((a) => a.title).join('\n'));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    const map = vscode.workspace.textDocuments.find((x) => x.uri.toString() === fixture('routing/transport').toString());
    assert.ok(map?.getText().endsWith('voila.fr orange:[smtp.orange.fr]\n'));
    await diagnosticsWhen(main.uri, (x) => !codes(x).some((c) => c.startsWith('receiver-route-outside')), 'receiver-route-outside gone');
  });
});
