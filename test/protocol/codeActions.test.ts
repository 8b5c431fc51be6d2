import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { CodeAction } from 'vscode-languageserver-protocol';
import { suiteServer } from '../helpers/lspSuite';
import { applyEdits } from '../helpers/applyEdits';

describe('server over stdio: quick-fixes', () => {
  const server = suiteServer();

  it('answers textDocument/codeAction with the did-you-mean edit for a published diagnostic', async () => {
    const uri = 'untitled:/fix1/main.cf';
    const text = 'mydomain = example.com\nmyhostnme = mail.example.com\n';
    const published = await server.client.open(uri, text);
    const diagnostic = published.diagnostics.find((d) => d.code === 'unknown-parameter');
    assert.ok(diagnostic, JSON.stringify(published.diagnostics));
    const actions = await server.client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic], only: ['quickfix'] },
    });
    assert.equal(actions.length, 1);
    const [action] = actions;
    assert.equal(action.title, 'Change to "myhostname"');
    assert.equal(action.kind, 'quickfix');
    assert.equal(action.isPreferred, true);
    assert.deepEqual(action.diagnostics, [diagnostic]);
    assert.deepEqual(action.edit?.changes?.[uri], [
      { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 9 } }, newText: 'myhostname' },
    ]);
    const fixed = applyEdits(text, action.edit!.changes![uri]);
    const republished = await server.client.change(uri, fixed);
    assert.deepEqual(republished.diagnostics, []);
  });

  it('rewrites a spaced -o option in master.cf', async () => {
    const uri = 'untitled:/fix2/master.cf';
    const text = 'relay unix - - n - - smtp\n  -o smtp_helo_name = relay.example\n';
    const published = await server.client.open(uri, text);
    const diagnostic = published.diagnostics.find((d) => d.code === 'option-syntax');
    assert.ok(diagnostic, JSON.stringify(published.diagnostics));
    assert.equal(diagnostic.severity, 1);
    const actions = await server.client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] },
    });
    assert.deepEqual(actions.map((a) => a.title), ['Rewrite in the long form: "-o { smtp_helo_name = relay.example }"']);
    const fixed = applyEdits(text, actions[0].edit!.changes![uri]);
    assert.equal(fixed, 'relay unix - - n - - smtp\n  -o { smtp_helo_name = relay.example }\n');
    assert.deepEqual((await server.client.change(uri, fixed)).diagnostics, []);
  });
});
