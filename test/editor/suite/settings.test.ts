/**
 * Settings reach the server and re-check every open document: postfix.diagnostics
 * switches a code off (and on again), postfix.version changes what is defined.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { after, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { codeOf, codes, diagnosticsWhen, open, setSetting } from './helpers';

const has = (code: string) => (ds: vscode.Diagnostic[]): boolean => ds.some((d) => codeOf(d) === code);

describe('settings', () => {
  after(async () => {
    await setSetting('postfix.diagnostics', undefined);
    await setSetting('postfix.version', undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('postfix.diagnostics switches a code off in every open document, and back on', async () => {
    const main = await open('postfix/main.cf');
    const master = await open('postfix/master.cf');
    await diagnosticsWhen(main.uri, has('unknown-parameter'), 'unknown-parameter in main.cf');
    await diagnosticsWhen(master.uri, has('unknown-parameter'), 'unknown-parameter in master.cf');

    await setSetting('postfix.diagnostics', { 'unknown-parameter': false });
    const mainDs = await diagnosticsWhen(main.uri, (d) => !has('unknown-parameter')(d), 'unknown-parameter switched off in main.cf');
    await diagnosticsWhen(master.uri, (d) => d.length === 0, 'master.cf without diagnostics');
    assert.deepEqual(codes(mainDs), ['expansion-syntax@9:21-9:31', 'undefined-reference@6:13-6:23'], 'the other codes stay');

    await setSetting('postfix.diagnostics', {});
    await diagnosticsWhen(main.uri, has('unknown-parameter'), 'unknown-parameter back in main.cf');
    await diagnosticsWhen(master.uri, has('unknown-parameter'), 'unknown-parameter back in master.cf');
  });

  it('postfix.version checks against an older release', async () => {
    await setSetting('postfix.version', 'latest');
    const doc = await open('versions/main.cf');
    await diagnosticsWhen(doc.uri, (d) => d.length === 0, 'no diagnostics against the newest release');
    await setSetting('postfix.version', '3.7');
    const ds = await diagnosticsWhen(doc.uri, (d) => d.length > 0, 'default_cache_db_type undefined in 3.7');
    assert.deepEqual(codes(ds), ['undefined-reference@2:10-2:31']);
    await setSetting('postfix.version', 'latest');
    await diagnosticsWhen(doc.uri, (d) => d.length === 0, 'clean again with the newest release');
  });

  it('postfix.version defaults to auto, and the hover says which release it used and why (issue 17)', async () => {
    // What the server finds where it runs (here, the same machine as this extension host).
    let installed: string | undefined;
    try {
      installed = execFileSync('postconf', ['-d', '-h', 'mail_version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      installed = undefined;
    }
    // versions/main.cf is flagged below 3.11: its diagnostics tell when the server has the new release.
    const below311 = (v: string | undefined): boolean => !!v && /^3\.([0-9]|10)(\.|$)/.test(v);
    const flagged = below311(installed);
    const doc = await open('versions/main.cf');
    await setSetting('postfix.version', flagged ? 'latest' : '3.7');
    await diagnosticsWhen(doc.uri, (d) => (d.length > 0) !== flagged, 'the other state first');
    await setSetting('postfix.version', undefined);
    assert.equal(vscode.workspace.getConfiguration('postfix').get('version'), 'auto');
    await diagnosticsWhen(doc.uri, (d) => (d.length > 0) === flagged, `the default: ${installed ?? 'no postconf here'}`);
    const expected = installed
      ? /^- \*\*Release:\*\* Postfix [\d.]+, the one installed where the server runs \(`postconf -d mail_version`; `postfix\.version` is auto\)$/m
      : /^- \*\*Release:\*\* Postfix [\d.]+, the newest release known here: `postfix\.version` is auto, but no postconf answered where the server runs$/m;
    // Line 4: smtpd_recipient_restrictions = ...
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(3, 3));
    const text = hovers.map((h) => h.contents.map((c) => (c instanceof vscode.MarkdownString ? c.value : String(c))).join('\n')).join('\n');
    assert.match(text, expected);
    if (installed) assert.match(text, new RegExp(`Default in Postfix ${installed.replace(/\./g, '\\.')}:`));
  });
});
