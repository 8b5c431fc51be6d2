/**
 * Checking a configuration after an edit, the way the server does (the edited file
 * re-parsed from its previous version, the other file's tree reused, results cached
 * across versions where their inputs did not change), must give exactly the diagnostics
 * a fresh check of the same text gives.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { SourceFile, parseSource, updateSource } from '../../server/core/document';
import { ConfigFiles, createLanguageService } from '../../server/core/languageService';
import { MainCf } from '../../server/core/syntax/mainCf';
import { MasterCf } from '../../server/core/syntax/masterCf';
import { DEFAULT_SETTINGS } from '../../server/core/settings';
import { corpusConfigs } from '../helpers/corpus';
import { ROOT } from '../helpers/lspClient';

function rand(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a * 1664525 + 1013904223) >>> 0;
    return a / 4294967296;
  };
}

/** Line-level edits an admin makes: change a value, add or drop a line, (un)comment one. */
const LINES = [
  'orange_destination_concurrency_limit = 3', 'default_destination_concurrency_limit = 2', 'orange_destination_rate_delay = 0s',
  'smtp_connection_cache_on_demand = no', 'default_process_limit = 7', '# @receiver orange max-connections=2 transports=orange',
  'orange    unix  -       -       n       -       4       smtp', '  -o smtp_connection_cache_on_demand=yes',
  'wanadoo_destination_concurrency_failed_cohort_limit = 10', 'mydomain = $myhostname', 'relay_destination_rate_delay = 1s',
  // What per-line findings kept across versions depend on: names set and referenced
  // elsewhere, "did you mean" over the configuration's own names, the last entry of a
  // name, names made valid by other lines (restriction classes, legacy database clients).
  'my_custom = 1', 'relay_domains = $my_custom, $my_custon', 'my_custon = 2', 'mydestinatoin = x',
  'smtpd_restriction_classes = strict', 'strict = reject', 'alias_maps = ldap:corp', 'corp_server_host = ldap.example.com',
  'default_destination_concurrency_limit = abc', 'inline_note = x # note', 'mydomain = ${oops', '  -o strict=$my_custom',
  'smtp_connection_cache_on_demand = maybe', 'mypipe    unix  -       n       n       -       -       pipe', 'mypipe_time_limit = 1x',
  // The connection budget's second model: TLS, source addresses, transport rate delay, per-recipient destinations.
  'smtp_tls_security_level = may', '  -o smtp_tls_connection_reuse=yes', 'inet_protocols = ipv4', '  -o smtp_bind_address=192.0.2.7',
  'my_bind = 192.0.2.9', 'smtp_bind_address = $my_bind', 'orange_transport_rate_delay = 1s', 'orange_destination_recipient_limit = 1',
  'orange_destination_concurrency_limit = -1', '# @receiver orange max-connections=2 transports=orange starttls=no source=192.0.2.7',
];

function edit(text: string, r: () => number): string {
  const lines = text.split('\n');
  const at = Math.floor(r() * lines.length);
  const pick = LINES[Math.floor(r() * LINES.length)];
  const what = r();
  if (what < 0.3) lines.splice(at, 0, pick);
  else if (what < 0.5) lines.splice(at, 1);
  else if (what < 0.7) lines[at] = lines[at].startsWith('#') ? lines[at].slice(1) : `#${lines[at]}`;
  else lines[at] = pick;
  return lines.join('\n');
}

const settings = { ...DEFAULT_SETTINGS, version: '3.7' };
/** Checked as the server checks: one service for the workspace, whatever it keeps across versions. */
const service = createLanguageService();
const check = (files: ConfigFiles): string => JSON.stringify([...service.validate(files, settings)]);

describe('incremental checking equals a fresh check', () => {
  const folders = [
    path.join(ROOT, 'test', 'fixtures', 'editor-workspace', 'budget'),
    path.join(ROOT, 'test', 'fixtures', 'corpus', 'mailu'),
    path.join(ROOT, 'test', 'fixtures', 'corpus', 'proxmox-pmg'),
  ];
  for (const dir of folders) {
    it(`${path.basename(dir)}: 120 edits of either file`, () => {
      const r = rand(dir.length);
      let main = parseSource('main', 'file:///c/main.cf', readFileSync(path.join(dir, 'main.cf'), 'utf8'), 1) as SourceFile<MainCf>;
      let master = parseSource('master', 'file:///c/master.cf', readFileSync(path.join(dir, 'master.cf'), 'utf8'), 1) as SourceFile<MasterCf>;
      check({ main, master });
      for (let i = 0; i < 120; i++) {
        if (r() < 0.6) main = updateSource(main, edit(main.text, r), i + 2) as SourceFile<MainCf>;
        else master = updateSource(master, edit(master.text, r), i + 2) as SourceFile<MasterCf>;
        const incremental = check({ main, master });
        const fresh = check({
          main: parseSource('main', main.uri, main.text, main.version) as SourceFile<MainCf>,
          master: parseSource('master', master.uri, master.text, master.version) as SourceFile<MasterCf>,
        });
        assert.equal(incremental, fresh, `edit ${i} diverged`);
      }
    });
  }
});

describe('incremental checking follows what other lines say about a name', () => {
  // Each version differs from the one before by a line or two, as typing makes them; each
  // must be checked exactly as a fresh parse of its text is.
  const base = [
    // An edit re-reads the line above it too: the names are set away from their references.
    'my_custom = 1', 'mydomain = example.com', 'default_destination_concurrency_limit = 5',
    'corp_server_host = ldap.example.com', 'strict = reject', 'myorigin = $mydomain', 'relay_domains = $my_custom',
  ];
  const versions: string[][] = [
    base,
    base.filter((l) => !l.startsWith('relay_domains')), // my_custom loses its only reference
    base, // and gets it back
    [...base, 'alias_maps = ldap:corp'], // corp_server_host becomes a client setting
    base,
    [...base, 'smtpd_restriction_classes = strict'], // strict becomes a class
    base,
    [...base, 'mydomain = $my_custon'], // a later entry wins, with an undefined reference
    [...base, 'mydomain = $my_custon', 'my_custon = 2'], // which gets defined
    [...base, 'default_destination_concurrency_limit = abc'], // the last entry has a bad value
    [...base, 'default_destination_concurrency_limit = abc', 'default_destination_concurrency_limit = 3'],
    base,
    ['smtp_helo_name = $my_helo', ...base], // an undefined reference far from where
    ['smtp_helo_name = $my_helo', ...base, 'my_helo = mail.example.com'], // it gets defined
    ['smtp_helo_name = $my_helo', ...base], // and undefined again
  ];
  it('after each of a scripted series of edits', () => {
    const master = parseSource('master', 'file:///c/master.cf', 'smtp unix - - n - - smtp\n', 1) as SourceFile<MasterCf>;
    // Comments around the lines keep each edit small next to the file, as in a real main.cf
    // (a large share changed is parsed from scratch, and nothing is kept then).
    const text = (lines: string[]): string => `${'# about this file\n'.repeat(40)}${lines.join('\n')}\n${'# more\n'.repeat(40)}`;
    let main = parseSource('main', 'file:///c/main.cf', text(versions[0]), 1) as SourceFile<MainCf>;
    check({ main, master });
    versions.slice(1).forEach((lines, i) => {
      main = updateSource(main, text(lines), i + 2) as SourceFile<MainCf>;
      const fresh = parseSource('main', main.uri, main.text, main.version) as SourceFile<MainCf>;
      assert.equal(check({ main, master }), check({ main: fresh, master }), `version ${i + 2} diverged`);
    });
  });
});

describe('incremental checking equals a fresh check under keystroke-sized edits', () => {
  // What typing does between line edits: characters inserted and deleted anywhere, lines
  // split and joined, a continuation made or undone, a `$` or brace half typed.
  const PIECES = ['x', ' ', '\n', '\n ', '#', '$', '${', '}', '=', ' = ', '_limit', '$myhostname', '-o ', 'smtp', '\r\n', ','];
  const keystroke = (text: string, r: () => number): string => {
    const at = Math.floor(r() * (text.length + 1));
    if (r() < 0.4) return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(r() * 8)));
    return text.slice(0, at) + PIECES[Math.floor(r() * PIECES.length)] + text.slice(at);
  };
  for (const config of corpusConfigs()) {
    it(`${config.name}: 40 edits of either file`, () => {
      const r = rand(config.name.length * 7919);
      let main = parseSource('main', 'file:///c/main.cf', config.main, 1) as SourceFile<MainCf>;
      let master = parseSource('master', 'file:///c/master.cf', config.master, 1) as SourceFile<MasterCf>;
      check({ main, master });
      for (let i = 0; i < 40; i++) {
        if (r() < 0.7) main = updateSource(main, keystroke(main.text, r), i + 2) as SourceFile<MainCf>;
        else master = updateSource(master, keystroke(master.text, r), i + 2) as SourceFile<MasterCf>;
        const fresh = check({
          main: parseSource('main', main.uri, main.text, main.version) as SourceFile<MainCf>,
          master: parseSource('master', master.uri, master.text, master.version) as SourceFile<MasterCf>,
        });
        assert.equal(check({ main, master }), fresh, `edit ${i} diverged`);
      }
    });
  }
});
