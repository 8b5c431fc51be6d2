import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { suiteServer } from '../helpers/lspSuite';

describe('server over stdio: diagnostics', () => {
  const server = suiteServer();

  it('publishes postconf-style diagnostics for an opened main.cf', async () => {
    const uri = 'untitled:/cfg/main.cf';
    const p = await server.client.open(uri, 'myhostnme = mail.example.com\nmydomain = $mydomian\nbroken line\n');
    const codes = p.diagnostics.map((d) => `${d.code}@${d.range.start.line}`).sort();
    assert.deepEqual(codes, ['syntax-error@2', 'undefined-reference@1', 'unknown-parameter@0']);
    const unknown = p.diagnostics.find((d) => d.code === 'unknown-parameter')!;
    assert.equal(unknown.source, 'postfix');
    assert.deepEqual(unknown.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 9 } });
    assert.match(String(unknown.message), /Did you mean "myhostname"/);
  });

  it('re-checks on change and publishes for the new version', async () => {
    const uri = 'untitled:/cfg2/main.cf';
    await server.client.open(uri, 'bogus_name_x = 1\n');
    const p = await server.client.change(uri, 'myhostname = ok.example\n');
    assert.equal(p.version, 2);
    assert.deepEqual(p.diagnostics, []);
  });
});

describe('server over stdio: severities from settings, and links to each code\'s documentation', () => {
  const server = suiteServer();

  it('links every diagnostic to its entry in docs/diagnostics.md', async () => {
    const p = await server.client.open('untitled:/links/main.cf', 'myhostnme = mail.example.com\nbroken line\n');
    assert.ok(p.diagnostics.length >= 2);
    for (const d of p.diagnostics) {
      assert.equal(d.codeDescription?.href, `https://github.com/postfix-lsp/postfix-lsp/blob/main/docs/diagnostics.md#${d.code}`);
      assert.doesNotMatch(String(d.message), /https?:\/\//, 'no links inside message text');
    }
  });

  it('postfix.diagnostics sets a code\'s level: a severity, "off", or a boolean', async () => {
    const uri = 'untitled:/levels/main.cf';
    const text = 'myhostnme = mail.example.com\nmydomain = $mydomian\n';
    const severities = async (diagnostics: Record<string, unknown>): Promise<string[]> => {
      server.client.configuration = { diagnostics };
      const next = server.client.nextDiagnostics(uri, (p) => p.version === 1 && p.diagnostics.length !== -1);
      await server.client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { postfix: { diagnostics } } });
      const p = await next;
      return p.diagnostics.map((d) => `${d.code}:${d.severity}`).sort();
    };
    await server.client.open(uri, text);
    assert.deepEqual(await severities({ 'unknown-parameter': 'error', 'undefined-reference': 'hint' }), ['undefined-reference:4', 'unknown-parameter:1']);
    assert.deepEqual(await severities({ 'unknown-parameter': 'off', 'undefined-reference': true }), ['undefined-reference:2']);
    assert.deepEqual(await severities({ 'undefined-reference': false }), ['unknown-parameter:2']);
  });
});
