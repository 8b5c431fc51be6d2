/**
 * Settings reach the server and re-check every open document: postfix.diagnostics
 * switches a code off (and on again), postfix.version changes what is defined.
 */
import { strict as assert } from 'node:assert';
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
    const doc = await open('versions/main.cf');
    await diagnosticsWhen(doc.uri, (d) => d.length === 0, 'no diagnostics against the newest release');
    await setSetting('postfix.version', '3.7');
    const ds = await diagnosticsWhen(doc.uri, (d) => d.length > 0, 'default_cache_db_type undefined in 3.7');
    assert.deepEqual(codes(ds), ['undefined-reference@2:10-2:31']);
    await setSetting('postfix.version', undefined);
    await diagnosticsWhen(doc.uri, (d) => d.length === 0, 'clean again with the default version');
  });
});
