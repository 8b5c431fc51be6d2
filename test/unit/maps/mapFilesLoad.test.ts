// What MapFiles.load keeps between calls (the same maps while every table answers as before,
// tables below an absent directory known missing from one look at the directory) must never
// hide a change on disk: a table edited, or created, is read on the next call.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigFiles, DEFAULT_SETTINGS, MapReference, createLanguageService } from '../../../server/core/languageService';
import { MapFiles } from '../../../server/lsp/mapFiles';

const service = createLanguageService();

/** A folder with main.cf (not written: the references come from its text) and the tables it names. */
function setUp(mainText: string): { dir: string; references: MapReference[]; maps: MapFiles } {
  const dir = mkdtempSync(join(tmpdir(), 'postfix-lsp-mapfiles-'));
  const main = service.parse('main', pathToFileURL(join(dir, 'main.cf')).href, mainText) as ConfigFiles['main'];
  return { dir, references: service.mapReferences({ main }, DEFAULT_SETTINGS), maps: new MapFiles(service, () => undefined) };
}

const keysOf = (loaded: ReturnType<MapFiles['load']>, path: string): string[] => {
  const file = loaded.maps.get(path);
  assert.ok(file, `${path} is read`);
  return file.tree.syntax === 'indexed' ? [...file.text.matchAll(/^(\S+)/gm)].map((m) => m[1]) : [];
};

test('a table unchanged on disk is handed back as the same maps; edited on disk, it is read again', () => {
  const { dir, references, maps } = setUp('transport_maps = hash:/etc/postfix/transport\n');
  const path = join(dir, 'transport');
  writeFileSync(path, 'a.example smtp:\n');
  const first = maps.load(references, dir);
  assert.deepEqual(keysOf(first, '/etc/postfix/transport'), ['a.example']);
  const again = maps.load(references, dir);
  assert.equal(again.maps, first.maps, 'nothing changed: the same maps, so the configuration built with them is reused');
  assert.equal(again.status, first.status);

  writeFileSync(path, 'a.example smtp:\nb.example relay:\n');
  utimesSync(path, new Date(), new Date(Date.now() + 5000));
  const edited = maps.load(references, dir);
  assert.notEqual(edited.maps, first.maps);
  assert.deepEqual(keysOf(edited, '/etc/postfix/transport'), ['a.example', 'b.example'], 'the edit on disk is seen');
});

test('tables below a directory that does not exist are unreadable, and read once the directory and table are made', () => {
  const { dir, references, maps } = setUp('transport_maps = hash:tables/transport, regexp:tables/checks.re\n');
  const before = maps.load(references, dir);
  assert.equal(before.maps.size, 0);
  assert.deepEqual([...before.status].map(([p, s]) => [p, s.unreadable, s.missing]), [
    ['tables/transport', `${join(dir, 'tables/transport')} does not exist`, undefined],
    ['tables/checks.re', `${join(dir, 'tables/checks.re')} does not exist`, undefined],
  ]);
  mkdirSync(join(dir, 'tables'));
  writeFileSync(join(dir, 'tables/transport'), 'c.example smtp:\n');
  const after = maps.load(references, dir);
  assert.deepEqual(keysOf(after, 'tables/transport'), ['c.example'], 'the directory made since the last load is looked in');
  assert.deepEqual([...after.status].map(([p, s]) => [p, s.unreadable]), [['tables/checks.re', `${join(dir, 'tables/checks.re')} does not exist`]]);
});

test('an absolute path whose directory exists neither beside main.cf nor on this machine is missing, as one not there', () => {
  const absent = join(tmpdir(), `postfix-lsp-absent-${process.pid}`, 'tenants');
  const { dir, references, maps } = setUp(`a_maps = hash:${absent}/1, regexp:${absent}/1.re\n`);
  const loaded = maps.load(references, dir);
  assert.equal(loaded.maps.size, 0);
  assert.deepEqual([...loaded.status.values()].map((s) => [s.unreadable, s.missing]), [
    [`there is no 1 beside main.cf, and ${absent}/1 does not exist on this machine`, true],
    [`there is no 1.re beside main.cf, and ${absent}/1.re does not exist on this machine`, true],
  ]);
});

test('the next version of main.cf naming the same tables gets the same maps; naming another table, it is read', () => {
  const { dir, references, maps } = setUp('transport_maps = hash:/etc/postfix/transport\n');
  writeFileSync(join(dir, 'transport'), 'a.example smtp:\n');
  writeFileSync(join(dir, 'virtual'), 'a@a.example b@b.example\n');
  const first = maps.load(references, dir);
  const reparse = (text: string): MapReference[] =>
    service.mapReferences({ main: service.parse('main', pathToFileURL(join(dir, 'main.cf')).href, text) as ConfigFiles['main'] }, DEFAULT_SETTINGS);
  const sameTables = maps.load(reparse('myhostname = mx.example\ntransport_maps = hash:/etc/postfix/transport\n'), dir);
  assert.equal(sameTables.maps, first.maps);
  const another = maps.load(reparse('transport_maps = hash:/etc/postfix/transport\nvirtual_alias_maps = hash:/etc/postfix/virtual\n'), dir);
  assert.notEqual(another.maps, first.maps);
  assert.deepEqual([...another.maps.keys()], ['/etc/postfix/transport', '/etc/postfix/virtual']);
  assert.equal(another.maps.get('/etc/postfix/transport'), first.maps.get('/etc/postfix/transport'), 'the table unchanged on disk is not read again');
});
