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
