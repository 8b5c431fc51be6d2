/**
 * Diagnostics as VS Code holds them (vscode.languages.getDiagnostics): codes, ranges,
 * severities and sources after the language client's conversion, for both files of a
 * configuration, and a re-check when the text changes.
 */
import { strict as assert } from 'node:assert';
import { after, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { codeOf, codes, diagnosticsWhen, fixture, open } from './helpers';

/** test/fixtures/editor-workspace/postfix/main.cf, line by line (0-based). */
const MAIN_EXPECTED = [
  'expansion-syntax@9:21-9:31', // delay_warning_time = ${myorigin
  'undefined-reference@6:13-6:23', // relayhost = $relay_hots
  'unknown-parameter@5:0-5:9', // myhostnme = ...
];

describe('diagnostics', () => {
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('main.cf: exact codes, ranges, severities and source', async () => {
    const doc = await open('postfix/main.cf');
    const ds = await diagnosticsWhen(doc.uri, (d) => d.length === MAIN_EXPECTED.length, `${MAIN_EXPECTED.length} diagnostics`);
    assert.deepEqual(codes(ds), MAIN_EXPECTED);
    const byCode = new Map(ds.map((d) => [codeOf(d), d]));
    // Each code links to its entry in the diagnostics reference (the editor shows it as a link).
    const target = (byCode.get('unknown-parameter')!.code as { target: vscode.Uri }).target;
    assert.equal(target.toString(true), 'https://github.com/postfix-lsp/postfix-lsp/blob/main/docs/diagnostics.md#unknown-parameter');
    assert.equal(byCode.get('unknown-parameter')!.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(byCode.get('expansion-syntax')!.severity, vscode.DiagnosticSeverity.Error);
    assert.match(byCode.get('unknown-parameter')!.message, /myhostnme.*Did you mean "myhostname"/s);
    assert.ok(ds.every((d) => d.source === 'postfix'));
    // relay2_destination_concurrency_limit is known only through master.cf's relay2 service.
    assert.ok(!ds.some((d) => d.range.start.line === 8), 'master.cf (on disk) is read with main.cf');
  });

  it('master.cf: a -o option Postfix does not know', async () => {
    const doc = await open('postfix/master.cf');
    const ds = await diagnosticsWhen(doc.uri, (d) => d.length > 0, 'a diagnostic');
    assert.deepEqual(codes(ds), ['unknown-parameter@2:5-2:23']);
    assert.match(ds[0].message, /smtpd_bogus_option.*"smtp"/);
  });

  it('re-checks an edited document and clears the fixed problem', async () => {
    const doc = await open('postfix/main.cf');
    await diagnosticsWhen(doc.uri, (d) => d.length === MAIN_EXPECTED.length, 'the initial diagnostics');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(5, 0, 5, 9), 'myhostname');
    assert.ok(await vscode.workspace.applyEdit(edit));
    try {
      const ds = await diagnosticsWhen(doc.uri, (d) => !d.some((x) => codeOf(x) === 'unknown-parameter'), 'unknown-parameter gone');
      // The fix made line 5 a second myhostname: the first is now a duplicate with a different value.
      assert.deepEqual(codes(ds), ['duplicate-parameter@2:0-2:29', 'expansion-syntax@9:21-9:31', 'undefined-reference@6:13-6:23']);
    } finally {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    assert.equal(doc.isDirty, false);
    await diagnosticsWhen(fixture('postfix/main.cf'), (d) => codes(d).join() === MAIN_EXPECTED.join(), 'the original diagnostics again');
  });
});
