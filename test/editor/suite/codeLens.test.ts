/**
 * Code lenses as VS Code gets them (vscode.executeCodeLensProvider): the connection budget
 * of a `# @receiver` over the directive in main.cf and over each transport it counts in
 * master.cf; a transport without a receiver shows its own peak. Fixture:
 * test/fixtures/editor-workspace/budget/ (orange maxproc 2 + wanadoo maxproc 1, one
 * session per destination, caching off, plus one session from another sender, against a
 * cap of 3).
 */
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { codeOf, codes, diagnosticsWhen, open, waitFor } from './helpers';

const BUDGET = 'orange: 2 + wanadoo: 1 + 1 other = 4 of 3 (expect 421)';

/**
 * line:from-to | title of each lens, resolved as the editor would show it. (The command
 * VS Code hands back here has no tooltip: the workbench keeps that to itself.)
 */
async function lenses(doc: vscode.TextDocument): Promise<string[]> {
  const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 100);
  return found.map((l) => `${l.range.start.line}:${l.range.start.character}-${l.range.end.character} | ${l.command?.title}`);
}

describe('code lens', () => {
  let main: vscode.TextDocument;
  let master: vscode.TextDocument;
  before(async () => {
    main = await open('budget/main.cf');
    master = await open('budget/master.cf');
  });
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('main.cf: the budget over the receiver directive, with the diagnostic it backs', async () => {
    const ds = await diagnosticsWhen(main.uri, (d) => d.length > 0, 'the connection-budget error');
    assert.deepEqual(codes(ds), ['connection-budget@2:2-2:93']);
    assert.equal(ds[0].severity, vscode.DiagnosticSeverity.Error);
    assert.deepEqual(await lenses(main), [`2:2-93 | ${BUDGET}`]);
  });

  it('master.cf: the same line over each counted transport, the peak over the others', async () => {
    await diagnosticsWhen(master.uri, (d) => d.length > 0, 'master.cf checked');
    assert.deepEqual(await lenses(master), [
      '1:0-4 | smtp: can reach 40 sessions per destination: 20 active + 20 cached (no receiver declared)',
      `2:0-6 | ${BUDGET}`,
      `4:0-7 | ${BUDGET}`,
    ]);
  });

  it('follows an edit: orange at maxproc 1 brings the sum to the cap (risk zone)', async () => {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(master.uri, new vscode.Range(2, 48, 2, 49), '1');
    assert.ok(await vscode.workspace.applyEdit(edit));
    try {
      await diagnosticsWhen(main.uri, (d) => d.length === 1 && d[0].severity === vscode.DiagnosticSeverity.Warning, 'the budget at the cap: a warning');
      const atCap = 'orange: 1 + wanadoo: 1 + 1 other = 3 of 3 (risk zone)';
      assert.deepEqual(await lenses(main), [`2:2-93 | ${atCap}`]);
      assert.deepEqual((await lenses(master)).slice(1), [`2:0-6 | ${atCap}`, `4:0-7 | ${atCap}`]);
    } finally {
      await vscode.window.showTextDocument(master);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await diagnosticsWhen(main.uri, (d) => d.length === 1 && d[0].severity === vscode.DiagnosticSeverity.Error, 'the error again after the revert');
  });

  it('a "no receiver declared" lens runs a command that inserts the directive for its transport (issue 17)', async () => {
    const incident = await open('incident/master.cf');
    await diagnosticsWhen(incident.uri, (d) => d.length > 0, 'incident/master.cf checked');
    const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', incident.uri, 100);
    const lens = found.find((l) => l.command?.title === 'orange: up to 3 sessions per destination (no receiver declared)');
    assert.ok(lens?.command?.command, `a clickable lens over orange: ${JSON.stringify(found.map((l) => l.command))}`);
    try {
      const changed = waitFor({
        event: vscode.workspace.onDidChangeTextDocument,
        ready: () => (incident.lineAt(28).text.startsWith('# @receiver') ? true : undefined),
        describe: () => `line 29 is "${incident.lineAt(28).text}"`,
      });
      await vscode.commands.executeCommand(lens.command.command, ...(lens.command.arguments ?? []));
      await changed;
      // The snippet's defaults: the cap 3, the name, and orange.fr, the domain the transport map routes to orange.
      assert.equal(incident.lineAt(28).text, '# @receiver orange max-connections=3 domains=orange.fr');
      assert.equal(incident.lineAt(29).text, 'orange    unix  -       -       y       -       3       smtp');
      const ds = await diagnosticsWhen(incident.uri, (d) => d.some((x) => codeOf(x) === 'connection-budget'), 'the budget of the new receiver');
      assert.ok(ds.some((x) => codeOf(x) === 'connection-budget' && x.severity === vscode.DiagnosticSeverity.Warning), 'orange: 3 = 3 of 3 is the risk zone');
      assert.ok((await lenses(incident)).includes('29:0-6 | orange: 3 = 3 of 3 (risk zone)'));
    } finally {
      await vscode.window.showTextDocument(incident);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });
});
