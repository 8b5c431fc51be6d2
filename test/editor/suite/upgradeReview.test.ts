/**
 * Postfix: Review Upgrade... in the real extension host: the command opens the report
 * beside the editor (its text is read back), and with postfix.upgradeFrom set the
 * upgrade-changed-default diagnostics, their pin fix and the hover work.
 */
import { strict as assert } from 'node:assert';
import { after, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { codeOf, diagnosticsWhen, open, setSetting, summary, waitFor } from './helpers';

const CODE = 'upgrade-changed-default';
const nameOf = (d: vscode.Diagnostic): string | undefined => /changes (?:the value in effect of )?(\w+)/.exec(d.message)?.[1];

describe('upgrade review', () => {
  after(async () => {
    await setSetting('postfix.upgradeFrom', undefined);
    await setSetting('postfix.version', undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Review Upgrade opens the report of the configuration beside the editor', async () => {
    const main = await open('upgrade/main.cf');
    const uri = await vscode.commands.executeCommand<string | undefined>('postfix.reviewUpgrade', { from: '3.5', to: '3.7' });
    assert.ok(uri, 'the command returns the report');
    const report = await waitFor({
      event: vscode.window.onDidChangeVisibleTextEditors,
      ready: () => vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri),
      describe: () => `the report ${uri} visible; have ${vscode.window.visibleTextEditors.map((e) => e.document.uri.toString()).join(', ')}`,
    });
    const text = report.document.getText();
    assert.equal(report.document.uri.scheme, 'postfix-upgrade');
    assert.match(text, /^# Upgrade review: Postfix 3\.5\.27 → 3\.7\.22\n\nConfiguration: `[^`]*upgrade[/\\]main\.cf`/);
    assert.match(text, /^- \[\*\*lmtp_tls_protocols\*\*\]\(https:\/\/www\.postfix\.org\/postconf\.5\.html#lmtp_tls_protocols\): 3\.5\.27 `!SSLv2, !SSLv3` → 3\.7\.22 `>=TLSv1`/m);
    assert.match(text, /^## Defaults this main\.cf keeps as they were$/m);
    assert.notEqual(report.viewColumn, vscode.window.visibleTextEditors.find((e) => e.document === main)?.viewColumn, 'beside the configuration');
    assert.ok(!main.isDirty, 'nothing is written to the files');
  });

  it('with postfix.upgradeFrom: the diagnostics, the hover and the pin fix', async () => {
    const main = await open('upgrade/main.cf');
    await setSetting('postfix.version', '3.7');
    await setSetting('postfix.upgradeFrom', '3.5');
    const ds = await diagnosticsWhen(main.uri, (d) => d.some((x) => codeOf(x) === CODE && nameOf(x) === 'lmtp_tls_protocols'), 'the upgrade diagnostics');
    const line = ds.find((x) => nameOf(x) === 'lmtp_tls_protocols')!;
    assert.equal(summary(line), `${CODE}@2:0-2:18`);
    assert.equal(line.severity, vscode.DiagnosticSeverity.Information);

    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', main.uri, new vscode.Position(2, 3));
    const hoverText = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(hoverText, /\*\*Upgrade from Postfix 3\.5\.27 to 3\.7\.22:\*\* `!SSLv2, !SSLv3` under 3\.5\.27 → `>=TLSv1` under 3\.7\.22/);

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', main.uri, line.range);
    const pin = actions.find((a) => a.title === 'Pin the Postfix 3.5.27 value in main.cf: smtp_tls_protocols = !SSLv2, !SSLv3');
    assert.ok(pin?.edit, actions.map((a) => a.title).join('\n'));
    assert.ok(await vscode.workspace.applyEdit(pin.edit));
    await diagnosticsWhen(main.uri, (d) => !d.some((x) => codeOf(x) === CODE && x.severity === vscode.DiagnosticSeverity.Information && nameOf(x) === 'lmtp_tls_protocols'),
      'lmtp_tls_protocols keeps its value once smtp_tls_protocols is pinned');
    assert.match(main.getText(), /\nsmtp_tls_protocols = !SSLv2, !SSLv3\n$/);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
