/**
 * Lookup tables over LSP on stdio: a table main.cf names is checked whether it is open or
 * only on disk, with hover and completion in it; tables that cannot be read are said so
 * where main.cf names them.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { CodeAction, CompletionList, Hover, MarkupContent } from 'vscode-languageserver-types';
import { fileUri } from '../helpers/lspClient';
import { suiteServer } from '../helpers/lspSuite';

const MAIN = [
  'transport_maps = hash:/etc/postfix/transport',
  'virtual_alias_maps = texthash:/etc/postfix/virtual, hash:/etc/postfix/missing',
  'header_checks = regexp:/etc/postfix/header_checks',
  'smtpd_recipient_restrictions = check_recipient_access hash:/etc/postfix/loop, reject',
  'sender_canonical_maps = hash:/etc/postfix/binary',
  '',
].join('\n');
const MASTER = [
  'smtp      unix  -       -       n       -       -       smtp',
  'relay     unix  -       -       n       -       -       smtp',
  'smtpd     inet  n       -       n       -       -       smtpd',
  '',
].join('\n');
const TRANSPORT = 'example.com relay:[mx.example.com]\nexample.net nosuch:[mx.example.net]\nEXAMPLE.com smtp:\n';

function folder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'postfix-lsp-maps-'));
  writeFileSync(path.join(dir, 'main.cf'), MAIN);
  writeFileSync(path.join(dir, 'master.cf'), MASTER);
  writeFileSync(path.join(dir, 'transport'), TRANSPORT);
  writeFileSync(path.join(dir, 'virtual'), 'root: admin\n');
  writeFileSync(path.join(dir, 'header_checks'), '/^Subject: spam/ DISCARD\n/[unclosed/ REJECT\n');
  symlinkSync(path.join(dir, 'loop'), path.join(dir, 'loop2'));
  symlinkSync(path.join(dir, 'loop2'), path.join(dir, 'loop'));
  const db = Buffer.alloc(16384);
  db.write('\x00\x06\x15\x61', 12);
  writeFileSync(path.join(dir, 'binary'), db);
  // The database beside the source is older: postmap was not run after the last edit.
  writeFileSync(path.join(dir, 'transport.db'), db);
  const past = new Date(Date.now() - 3600_000);
  utimesSync(path.join(dir, 'transport.db'), past, past);
  return dir;
}

const codes = (p: { diagnostics: { code?: string | number; range: { start: { line: number } } }[] }): string[] =>
  p.diagnostics.map((d) => `${d.code}@${d.range.start.line}`).sort();

describe('server over stdio: lookup tables', () => {
  const server = suiteServer();

  it('checks the tables main.cf names when main.cf is opened, and says which cannot be read', async () => {
    const dir = folder();
    const transport = server.client.nextDiagnostics(fileUri(path.join(dir, 'transport')));
    const checks = server.client.nextDiagnostics(fileUri(path.join(dir, 'header_checks')));
    const main = await server.client.open(fileUri(path.join(dir, 'main.cf')), MAIN);
    const unreadable = main.diagnostics.filter((d) => d.code === 'map-unreadable').map((d) => `${d.range.start.line} ${d.message}`);
    // A table that is nowhere (a configuration kept without its tables) is no finding.
    assert.equal(unreadable.length, 2, unreadable.join('\n'));
    assert.match(unreadable.find((m) => m.startsWith('3 '))!, /symbolic link loop/);
    assert.match(unreadable.find((m) => m.startsWith('4 '))!, /binary file/);
    assert.deepEqual(codes(await transport), ['map-duplicate-key@2', 'map-stale-database@0', 'map-unknown-transport@1']);
    assert.deepEqual(codes(await checks), ['map-regexp-syntax@1']);
  });

  it('checks an open table with the main.cf beside it, on every edit', async () => {
    const dir = folder();
    const uri = fileUri(path.join(dir, 'virtual'));
    const opened = await server.client.open(uri, 'root: admin\n', 'postfix-map');
    assert.deepEqual(codes(opened), ['map-alias-format@0']);
    const edited = await server.client.change(uri, 'root admin\nlonely\n');
    assert.deepEqual(codes(edited), ['map-malformed-line@1']);
  });

  it('hovers a transport map key with what a lookup returns and where it routes', async () => {
    const dir = folder();
    const uri = fileUri(path.join(dir, 'transport'));
    await server.client.open(uri, TRANSPORT, 'postfix-map');
    const h = await server.client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 3 } });
    const text = (h.contents as MarkupContent).value;
    assert.match(text, /\*\*`example\.com`\*\* → `relay:\[mx\.example\.com\]`/);
    assert.match(text, /transport `relay` \(master\.cf line 2\); next-hop `\[mx\.example\.com\]` \(no MX lookup\)/);
    const dup = await server.client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 1 } });
    assert.match((dup.contents as MarkupContent).value, /ignores this entry: the key is already on line 1/);
  });

  it('tells the editor which plain-text files are tables main.cf names', async () => {
    const dir = folder();
    writeFileSync(path.join(dir, 'main.cf'), `${MAIN}relocated_maps = hash:/etc/postfix/my_moves\n`);
    writeFileSync(path.join(dir, 'my_moves'), 'old@example.com new@example.net\n');
    writeFileSync(path.join(dir, 'notes'), 'just text\n');
    const ask = (name: string): Promise<boolean> => server.client.request<boolean>('postfix/isLookupTable', { uri: fileUri(path.join(dir, name)) });
    assert.equal(await ask('my_moves'), true);
    assert.equal(await ask('notes'), false);
    assert.equal(await server.client.request<boolean>('postfix/isLookupTable', { uri: 42 }), false);
  });

  it('offers quick-fixes in a table: a similar transport, the removal of a duplicate key', async () => {
    const dir = folder();
    const uri = fileUri(path.join(dir, 'transport'));
    const text = 'example.com relay:[mx.example.com]\nexample.net rleay:[mx.example.net]\nEXAMPLE.com smtp:\n';
    const opened = await server.client.open(uri, text, 'postfix-map');
    assert.deepEqual(codes(opened), ['map-duplicate-key@2', 'map-stale-database@0', 'map-unknown-transport@1']);
    const actions = await server.client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } }, context: { diagnostics: opened.diagnostics },
    });
    assert.deepEqual(actions.map((a) => [a.title, a.edit?.changes?.[uri]?.map((e) => [e.range.start.line, e.range.end.line, e.newText])]).sort(), [
      ['Change to "relay"', [[1, 1, 'relay']]],
      ['Remove the ignored entry (line 3)', [[2, 3, '']]],
    ]);
  });

  it('completes master.cf transports in a transport map value', async () => {
    const dir = folder();
    const uri = fileUri(path.join(dir, 'transport'));
    const text = `${TRANSPORT}example.org re`;
    await server.client.open(uri, text, 'postfix-map');
    const list = await server.client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 3, character: 14 } });
    assert.deepEqual(list.items.map((i) => i.label).sort(), ['relay', 'smtp']);
    assert.equal(list.items.find((i) => i.label === 'relay')?.textEdit && (list.items.find((i) => i.label === 'relay')!.textEdit as { newText: string }).newText, 'relay:');
  });
});
