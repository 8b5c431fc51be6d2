/**
 * Hover, completion, definition and document symbols over LSP on stdio, against the
 * built server: the same path an editor takes.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CompletionItem, CompletionList, DocumentSymbol, Hover, Location, Position } from 'vscode-languageserver-protocol';
import { TestClient, fileUri } from '../helpers/lspClient';
import { caret } from '../helpers/markers';

const MAIN = [
  'compatibility_level = 3.6',
  'mydomain = example.com',
  'myorigin = $mydomain',
  'default_process_limit = 50',
  'relay_destination_concurrency_limit = 2',
  '',
].join('\n');
const MASTER = [
  'smtp      inet  n       -       y       -       -       smtpd',
  'relay     unix  -       -       n       -       -       smtp',
  '  -o smtp_helo_name=relay.$mydomain',
  '',
].join('\n');

function positionOf(text: string, offset: number): Position {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

/** The position of `needle` (plus `delta`) in `text`. */
function at(text: string, needle: string, delta = 0): Position {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, needle);
  return positionOf(text, offset + delta);
}

describe('server over stdio: hover, completion, definition, symbols', () => {
  let client: TestClient;
  let dir: string;
  before(async () => {
    client = new TestClient();
    await client.initialize();
    dir = mkdtempSync(path.join(os.tmpdir(), 'pf-features-'));
  });
  after(async () => {
    await client.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('with both files open', () => {
    let mainUri: string;
    let masterUri: string;
    before(async () => {
      mainUri = fileUri(path.join(dir, 'open', 'main.cf'));
      masterUri = fileUri(path.join(dir, 'open', 'master.cf'));
      await client.open(mainUri, MAIN);
      await client.open(masterUri, MASTER);
    });

    it('hovers a maxproc "-" with default_process_limit from main.cf', async () => {
      const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri: masterUri }, position: at(MASTER, '-       smtpd', 0) });
      const value = (h.contents as { value: string }).value;
      assert.match(value, /\*\*In effect:\*\* `50` \(`-` = `default_process_limit`, from main\.cf line 4\)/);
      assert.deepEqual(h.range, { start: { line: 0, character: 48 }, end: { line: 0, character: 49 } });
    });

    it('follows an edit of main.cf in the master.cf hover', async () => {
      await client.change(mainUri, MAIN.replace('default_process_limit = 50\n', ''));
      try {
        const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri: masterUri }, position: at(MASTER, '-       smtpd', 0) });
        assert.match((h.contents as { value: string }).value, /\*\*In effect:\*\* `100` \(`-` = `default_process_limit`, from the default of Postfix 3\.11\.6\)/);
      } finally {
        await client.change(mainUri, MAIN);
      }
    });

    it('hovers a parameter name and a $reference', async () => {
      const name = await client.request<Hover>('textDocument/hover', { textDocument: { uri: masterUri }, position: at(MASTER, 'smtp_helo_name', 3) });
      assert.match((name.contents as { value: string }).value, /`relay\.\$mydomain` → `relay\.example\.com`, from `-o` on `relay\/unix` \(master\.cf line 3\)/);
      const ref = await client.request<Hover>('textDocument/hover', { textDocument: { uri: mainUri }, position: at(MAIN, '$mydomain', 2) });
      assert.match((ref.contents as { value: string }).value, /\*\*Value:\*\* `example\.com`, from main\.cf line 2/);
    });

    it('completes parameter names with a textEdit over the typed word', async () => {
      const { text, offset } = caret(`${MAIN}smtp_tls_sec|\n`);
      await client.change(mainUri, text);
      try {
        const result = await client.request<CompletionItem[] | CompletionList>('textDocument/completion', { textDocument: { uri: mainUri }, position: positionOf(text, offset) });
        const items = Array.isArray(result) ? result : result.items;
        const item = items.find((i) => i.label === 'smtp_tls_security_level');
        assert.deepEqual(item?.textEdit, { range: { start: { line: 5, character: 0 }, end: { line: 5, character: 12 } }, newText: 'smtp_tls_security_level = ' });
        assert.ok(items.some((i) => i.label === 'relay_destination_concurrency_limit'), 'service-defined names from the open master.cf');
      } finally {
        await client.change(mainUri, MAIN);
      }
    });

    it('completes master.cf commands', async () => {
      const text = `${MASTER}new unix - - n - - sm`;
      await client.change(masterUri, text);
      try {
        const result = await client.request<CompletionItem[] | CompletionList>('textDocument/completion', { textDocument: { uri: masterUri }, position: positionOf(text, text.length) });
        const items = Array.isArray(result) ? result : result.items;
        assert.deepEqual(items.find((i) => i.label === 'smtpd')?.textEdit, { range: { start: { line: 3, character: 19 }, end: { line: 3, character: 21 } }, newText: 'smtpd' });
      } finally {
        await client.change(masterUri, MASTER);
      }
    });

    it('goes from a service-defined name in main.cf to the open master.cf', async () => {
      const locations = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: mainUri }, position: at(MAIN, 'relay_destination', 3) });
      assert.deepEqual(locations, [{ uri: masterUri, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } } }]);
    });

    it('goes from $mydomain in master.cf to main.cf', async () => {
      const locations = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: masterUri }, position: at(MASTER, '$mydomain', 3) });
      assert.deepEqual(locations, [{ uri: mainUri, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 8 } } }]);
    });

    it('returns the outline of both files', async () => {
      const main = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: mainUri } });
      assert.deepEqual(main.map((s) => `${s.name}=${s.detail}`), [
        'compatibility_level=3.6', 'mydomain=example.com', 'myorigin=$mydomain', 'default_process_limit=50', 'relay_destination_concurrency_limit=2',
      ]);
      const master = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: masterUri } });
      assert.deepEqual(master.map((s) => [s.name, s.detail, (s.children ?? []).map((c) => `${c.name}=${c.detail}`)]), [
        ['smtp/inet', 'smtpd', []],
        ['relay/unix', 'smtp', ['smtp_helo_name=relay.$mydomain']],
      ]);
    });
  });

  describe('with the sibling file only on disk', () => {
    it('goes from main.cf to master.cf on disk', async () => {
      const sub = path.join(dir, 'disk1');
      mkdirSync(sub);
      writeFileSync(path.join(sub, 'master.cf'), MASTER);
      const mainUri = fileUri(path.join(sub, 'main.cf'));
      await client.open(mainUri, MAIN);
      const locations = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: mainUri }, position: at(MAIN, 'relay_destination', 3) });
      assert.deepEqual(locations, [{ uri: fileUri(path.join(sub, 'master.cf')), range: { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } } }]);
      await client.close(mainUri);
    });

    it('reads default_process_limit from main.cf on disk for a master.cf hover', async () => {
      const sub = path.join(dir, 'disk2');
      mkdirSync(sub);
      writeFileSync(path.join(sub, 'main.cf'), 'default_process_limit = 7\n');
      const masterUri = fileUri(path.join(sub, 'master.cf'));
      await client.open(masterUri, MASTER);
      const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri: masterUri }, position: at(MASTER, '-       smtpd', 0) });
      assert.match((h.contents as { value: string }).value, /\*\*In effect:\*\* `7` \(`-` = `default_process_limit`, from main\.cf line 1\)/);
      const none = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: masterUri }, position: at(MASTER, '$mydomain', 3) });
      assert.deepEqual(none, [], 'mydomain is not set in the main.cf on disk');
      await client.close(masterUri);
    });
  });
});
