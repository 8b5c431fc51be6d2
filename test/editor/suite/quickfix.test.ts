/**
 * Quick-fixes as VS Code offers them (vscode.executeCodeActionProvider on the diagnostic's
 * range), applied with workspace.applyEdit: the text changes exactly as expected and the
 * server's re-check clears the diagnostic. Fixtures: test/fixtures/editor-workspace/quickfix/.
 * Each test reverts its file, so the fixture on disk never changes.
 */
import { strict as assert } from 'node:assert';
import { after, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { codes, diagnosticsWhen, open, waitFor } from './helpers';

/** Our quick-fixes for the diagnostic, as the light bulb would list them. */
async function quickFixes(doc: vscode.TextDocument, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider', doc.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value,
  );
  return actions.filter((a): a is vscode.CodeAction => a instanceof vscode.CodeAction);
}

/** Applies the action's edit and resolves once the document holds the new text. */
async function apply(doc: vscode.TextDocument, action: vscode.CodeAction): Promise<void> {
  assert.ok(action.edit, `"${action.title}" carries an edit`);
  const version = doc.version;
  const changed = waitFor({ event: vscode.workspace.onDidChangeTextDocument, ready: () => (doc.version > version ? true : undefined), describe: () => `an edit of ${doc.uri.path}` });
  assert.ok(await vscode.workspace.applyEdit(action.edit));
  await changed;
}

/** Back to the file on disk, which must still hold `original` (nothing saved the edit). */
async function revert(doc: vscode.TextDocument, original: string): Promise<void> {
  await vscode.window.showTextDocument(doc);
  await vscode.commands.executeCommand('workbench.action.files.revert');
  assert.equal(doc.isDirty, false, `${doc.uri.path} reverted`);
  assert.equal(doc.getText(), original, `${doc.uri.path} unchanged on disk`);
}

describe('quick-fix', () => {
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('did-you-mean renames an unknown parameter; the warning goes', async () => {
    const doc = await open('quickfix/main.cf');
    const before = doc.getText();
    const [d] = await diagnosticsWhen(doc.uri, (ds) => ds.length === 1, 'the unknown-parameter warning');
    assert.deepEqual(codes([d]), ['unknown-parameter@2:0-2:8']);
    const actions = await quickFixes(doc, d);
    assert.deepEqual(actions.map((a) => [a.title, a.kind?.value, a.isPreferred]), [['Change to "myorigin"', 'quickfix', true]]);
    try {
      await apply(doc, actions[0]);
      assert.equal(doc.getText(), before.replace('myorigni = $mydomain', 'myorigin = $mydomain'));
      await diagnosticsWhen(doc.uri, (ds) => ds.length === 0, 'no diagnostics after the fix');
    } finally {
      await revert(doc, before);
    }
    await diagnosticsWhen(doc.uri, (ds) => ds.length === 1, 'the warning back on the reverted file');
  });

  it('"-o name = value" in master.cf becomes the long form; the error goes', async () => {
    const doc = await open('quickfix/master.cf');
    const before = doc.getText();
    const [d] = await diagnosticsWhen(doc.uri, (ds) => ds.length === 1, 'the option-syntax error');
    assert.deepEqual(codes([d]), ['option-syntax@2:2-2:35']);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    const actions = await quickFixes(doc, d);
    assert.deepEqual(actions.map((a) => a.title), ['Rewrite in the long form: "-o { smtpd_tls_security_level = may }"']);
    try {
      await apply(doc, actions[0]);
      assert.equal(doc.lineAt(2).text, '  -o { smtpd_tls_security_level = may }');
      assert.equal(doc.lineCount, 4, 'no line added or removed');
      await diagnosticsWhen(doc.uri, (ds) => ds.length === 0, 'no diagnostics after the fix');
    } finally {
      await revert(doc, before);
    }
  });
});
