import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../server/core/languageService';
import { Workspace } from '../../server/lsp/workspace';

const MAIN = 'myhostname = mail.example.com\nrelayhost = [relay.example.com]:587\n';
const MASTER = 'smtp      unix  -       -       y       -       -       smtp\n';

/** A folder with main.cf and master.cf on disk, and a workspace whose open documents are `open`. */
function setUp(): { open: Map<string, TextDocument>; workspace: Workspace; mainUri: string; masterUri: string } {
  const dir = mkdtempSync(join(tmpdir(), 'postfix-lsp-ws-'));
  writeFileSync(join(dir, 'main.cf'), MAIN);
  writeFileSync(join(dir, 'master.cf'), MASTER);
  const open = new Map<string, TextDocument>();
  return {
    open, workspace: new Workspace(createLanguageService(), (uri) => open.get(uri)),
    mainUri: pathToFileURL(join(dir, 'main.cf')).href, masterUri: pathToFileURL(join(dir, 'master.cf')).href,
  };
}

test('main.cf opened as it is on disk reuses the tree read as master.cf\'s sibling', () => {
  const { open, workspace, mainUri, masterUri } = setUp();
  const master = TextDocument.create(masterUri, 'postfix-master', 1, MASTER);
  open.set(masterUri, master);
  const fromDisk = workspace.filesFor(master).main;
  assert.ok(fromDisk, 'main.cf is read from disk as the sibling');
  assert.equal(fromDisk.version, undefined);

  const main = TextDocument.create(mainUri, 'postfix-main', 3, MAIN);
  open.set(mainUri, main);
  const opened = workspace.sourceOf(main);
  assert.ok(opened);
  assert.equal(opened.tree, fromDisk.tree, 'the same text is not parsed again');
  assert.equal(opened.version, 3, 'with the open document\'s version');
  assert.equal(workspace.filesFor(master).main, opened, 'the sibling is now the open document');
});

test('main.cf opened with other text than on disk is parsed from that text', () => {
  const { open, workspace, mainUri, masterUri } = setUp();
  const master = TextDocument.create(masterUri, 'postfix-master', 1, MASTER);
  open.set(masterUri, master);
  const fromDisk = workspace.filesFor(master).main!;
  const edited = MAIN.replace('mail.example.com', 'mx.example.org');
  const main = TextDocument.create(mainUri, 'postfix-main', 1, edited);
  open.set(mainUri, main);
  const opened = workspace.sourceOf(main)!;
  assert.notEqual(opened.tree, fromDisk.tree);
  assert.equal(opened.text, edited);
  assert.equal(opened.tree.kind === 'main' && opened.tree.entries[0].value.text, 'mx.example.org');
});

test('the tables main.cf names are worked out once per main.cf and master.cf version, not per request', () => {
  const { open, workspace, mainUri } = setUp();
  const service = createLanguageService();
  let asked = 0;
  const counting = { ...service, mapReferences: (...args: Parameters<typeof service.mapReferences>) => (asked++, service.mapReferences(...args)) };
  const ws = new Workspace(counting, (uri) => open.get(uri));
  void workspace;
  const text = 'transport_maps = hash:/etc/postfix/transport\n';
  const main = TextDocument.create(mainUri, 'postfix-main', 1, text);
  open.set(mainUri, main);
  const transportUri = mainUri.replace(/main\.cf$/, 'transport');
  writeFileSync(new URL(transportUri), 'a.example smtp:\n');
  const table = TextDocument.create(transportUri, 'plaintext', 1, 'a.example smtp:\n');
  open.set(transportUri, table);
  const first = ws.filesFor(main);
  assert.ok(first.maps?.has('/etc/postfix/transport'), 'the table is read');
  assert.ok(ws.isMap(table), 'the table beside main.cf is known as one by main.cf');
  ws.filesFor(table);
  const afterFirst = asked;
  assert.ok(afterFirst > 0);
  for (let i = 0; i < 5; i++) {
    ws.filesFor(main);
    ws.isMap(table);
    ws.filesFor(table);
  }
  assert.equal(asked, afterFirst, 'no new scan while neither file changed');
  const edited = TextDocument.update(main, [{ text: `${text}myhostname = x.example\n` }], 2);
  open.set(mainUri, edited);
  ws.filesFor(edited);
  assert.ok(asked > afterFirst, 'a new main.cf version is scanned again');
});
