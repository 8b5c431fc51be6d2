// The tables main.cf names are worked out again on every version, reusing the expanded value
// of each entry whose look-ups still give the same entries: after any edit they must equal
// what a fresh parse of the same text names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigFiles, DEFAULT_SETTINGS, SourceFile, createLanguageService } from '../../../server/core/languageService';

const URI = 'file:///cfg/main.cf';
const MASTER = 'smtp      unix  -       -       n       -       -       smtp\n';

const named = (service: ReturnType<typeof createLanguageService>, main: SourceFile, master: SourceFile, version?: string): string[] =>
  service.mapReferences({ main: main as ConfigFiles['main'], master: master as ConfigFiles['master'] }, { ...DEFAULT_SETTINGS, version }).map((r) => `${r.type}:${r.path}`);

test('an edit of a name an entry expands changes the tables that entry names; other edits keep them right', () => {
  const service = createLanguageService();
  const master = service.parse('master', 'file:///cfg/master.cf', MASTER);
  let text = [
    'tdir = /etc/postfix/a',
    'transport_maps = hash:$tdir/transport, ${tdir?{regexp:$tdir/t.re}:{}}',
    'plain_maps = hash:/etc/postfix/plain',
    'myhostname = mx.example',
    '',
  ].join('\n');
  let main = service.parse('main', URI, text, 1);
  const fresh = (t: string): string[] => named(createLanguageService(), createLanguageService().parse('main', URI, t), master);
  assert.deepEqual(named(service, main, master), ['hash:/etc/postfix/a/transport', 'regexp:/etc/postfix/a/t.re', 'hash:/etc/postfix/plain']);

  const steps: [string, string][] = [
    ['myhostname = mx.example', 'myhostname = mx2.example'],
    ['tdir = /etc/postfix/a', 'tdir = /etc/postfix/b'],
    ['tdir = /etc/postfix/b\n', ''],
    ['myhostname = mx2.example', 'myhostname = mx2.example\ntdir = /srv/tables'],
  ];
  for (const [from, to] of steps) {
    assert.ok(text.includes(from), from);
    text = text.replace(from, to);
    main = service.update(main, text, (main.version ?? 0) + 1);
    assert.deepEqual(named(service, main, master), fresh(text), `after "${from}" -> "${to}"`);
  }
  assert.deepEqual(named(service, main, master), ['hash:/srv/tables/transport', 'regexp:/srv/tables/t.re', 'hash:/etc/postfix/plain']);
});
