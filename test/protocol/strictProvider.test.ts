/** The postfix/strictProviderEdit request: the edit for both files, applied and re-checked. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { CodeLens, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { ConfigPair } from '../helpers/configPair';
import { suiteServer } from '../helpers/lspSuite';

describe('postfix/strictProviderEdit over LSP', () => {
  const server = suiteServer();

  it('appends the pattern to both files, which then check clean', async () => {
    const pair = new ConfigPair(server.client);
    await pair.open('myhostname = mx.example.com', 'smtp unix - - y - - smtp\n');
    const result = await server.client.request<{ edit?: WorkspaceEdit; error?: string }>('postfix/strictProviderEdit', {
      textDocument: { uri: pair.masterUri }, name: 'orange', maxConnections: 3, domains: ['orange.fr', 'wanadoo.fr'],
    });
    assert.equal(result.error, undefined);
    assert.deepEqual(Object.keys(result.edit!.changes!).sort(), [pair.mainUri, pair.masterUri].sort());
    await pair.apply(result.edit!);
    assert.match(pair.main, /^myhostname = mx\.example\.com\n\n# Strict provider "orange"/);
    assert.match(pair.master, /^smtp unix - - y - - smtp\n\n# Strict provider "orange".*\norange {4}unix  -       -       y       -       2       smtp\n/);
    const d = await pair.diagnostics();
    assert.deepEqual([...d.main, ...d.master].map((x) => x.code), []);
    const lenses = await server.client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: pair.mainUri } });
    assert.deepEqual(lenses.map((l) => l.command?.title), ['orange: 2 = 2 of 3 (ok)']);
  });

  it('refuses Postfix\'s own transports, a name master.cf has for another kind of service, or bad input', async () => {
    const pair = new ConfigPair(server.client);
    await pair.open('', 'smtp unix - - y - - smtp\npickup unix n - y 60 1 pickup\n');
    const taken = await server.client.request<{ edit?: WorkspaceEdit; error?: string }>('postfix/strictProviderEdit', {
      textDocument: { uri: pair.mainUri }, name: 'smtp', maxConnections: 3, domains: [],
    });
    assert.deepEqual(taken, { error: '"smtp" is Postfix\'s own smtp transport: mail to every other destination uses it. Choose a name for the provider.' });
    const other = await server.client.request<{ error?: string }>('postfix/strictProviderEdit', {
      textDocument: { uri: pair.mainUri }, name: 'pickup', maxConnections: 3, domains: [],
    });
    assert.deepEqual(other, { error: 'master.cf already has a service named "pickup" (unix pickup): choose another name.' });
    const bad = await server.client.request<{ error?: string }>('postfix/strictProviderEdit', {
      textDocument: { uri: pair.mainUri }, name: 'orange', maxConnections: 'many', domains: ['x'],
    });
    assert.match(bad.error!, /whole number/);
  });
});
