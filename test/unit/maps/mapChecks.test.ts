import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { ConfigFiles, DEFAULT_SETTINGS, createLanguageService } from '../../../server/core/languageService';

const service = createLanguageService();
const MASTER = [
  'smtp      unix  -       -       n       -       -       smtp',
  'relay     unix  -       -       n       -       -       smtp',
  'error     unix  -       -       n       -       0       error',
  '',
].join('\n');

/** A configuration naming `/etc/postfix/<name>` in `parameter`, with that table's text. */
function configWith(parameter: string, table: string, text: string, master = MASTER): ConfigFiles {
  const main = service.parse('main', 'file:///cfg/main.cf', `${parameter} = ${table}\n`);
  const path = table.slice(table.indexOf(':') + 1);
  const files: ConfigFiles = { main: main as ConfigFiles['main'], master: service.parse('master', 'file:///cfg/master.cf', master) as ConfigFiles['master'] };
  const references = service.mapReferences(files, DEFAULT_SETTINGS);
  const syntax = references.find((r) => r.path === path)?.syntax ?? 'indexed';
  return { ...files, maps: new Map([[path, service.parseMap(`file:///cfg/${path.slice(path.lastIndexOf('/') + 1)}`, text, syntax)]]) };
}

const mapDiagnostics = (files: ConfigFiles, uri: string): [string, number, string][] =>
  (service.validate(files, DEFAULT_SETTINGS).get(uri) ?? []).map((d) => [String(d.code), d.range.start.line, String(d.message)]);

describe('lookup-table checks through the facade', () => {
  it('finds the tables main.cf names, expanded, with what they are for', () => {
    const main = service.parse('main', 'file:///cfg/main.cf', [
      'transport_maps = hash:$config_directory/transport, regexp:/etc/postfix/transport.re',
      'smtpd_recipient_restrictions = permit_mynetworks, check_recipient_access proxy:lmdb:/etc/postfix/access, reject',
      'virtual_alias_maps = inline:{a=b}, texthash:/etc/postfix/virtual',
      'alias_maps = hash:/etc/aliases',
      'local_recipient_maps = $alias_maps',
      'smtp_tls_session_cache_database = btree:$data_directory/smtp_scache',
      '',
    ].join('\n'));
    const refs = service.mapReferences({ main: main as ConfigFiles['main'] }, DEFAULT_SETTINGS);
    assert.deepEqual(refs.map((r) => [r.type, r.path, r.syntax, r.role]), [
      ['hash', '/etc/postfix/transport', 'indexed', 'transport'],
      ['regexp', '/etc/postfix/transport.re', 'regexp', 'transport'],
      ['lmdb', '/etc/postfix/access', 'indexed', 'access'],
      ['texthash', '/etc/postfix/virtual', 'indexed', 'virtual-alias'],
    ]);
  });

  it('reports postmap\'s warnings in the table, on the lines postmap names', () => {
    const files = configWith('virtual_alias_maps', 'hash:/etc/postfix/virtual', 'a@x b@y\nA@X c@y\nlonely\nroot: admin\n');
    const found = mapDiagnostics(files, 'file:///cfg/virtual');
    assert.deepEqual(found.map(([code, line]) => [code, line]), [['map-duplicate-key', 1], ['map-malformed-line', 2], ['map-alias-format', 3]]);
  });

  it('names a transport master.cf lacks, and only in a transport map', () => {
    const text = 'example.com relay:[mx.example.com]\nexample.net smtpx:[mx.example.net]\nexample.org :[mx.example.org]\nold.example error:gone\n';
    const found = mapDiagnostics(configWith('transport_maps', 'hash:/etc/postfix/transport', text), 'file:///cfg/transport');
    assert.deepEqual(found.map(([code, line]) => [code, line]), [['map-unknown-transport', 1]]);
    assert.match(found[0][2], /"smtpx"/);
    const asCanonical = mapDiagnostics(configWith('canonical_maps', 'hash:/etc/postfix/transport', text), 'file:///cfg/transport');
    assert.deepEqual(asCanonical, []);
  });

  it('can switch each code off', () => {
    const files = configWith('virtual_alias_maps', 'hash:/etc/postfix/virtual', 'a b\na c\n');
    const settings = { ...DEFAULT_SETTINGS, levels: new Map([['map-duplicate-key', 'off' as const]]) };
    assert.deepEqual(service.validate(files, settings).get('file:///cfg/virtual'), []);
  });

  it('says where a table that cannot be read is named', () => {
    const files = configWith('transport_maps', 'hash:/etc/postfix/transport', '');
    const withStatus: ConfigFiles = { ...files, maps: new Map(), mapStatus: new Map([['/etc/postfix/transport', { unreadable: '/etc/postfix/transport does not exist' }]]) };
    const found = (service.validate(withStatus, DEFAULT_SETTINGS).get('file:///cfg/main.cf') ?? []).filter((d) => d.code === 'map-unreadable');
    assert.equal(found.length, 1);
    assert.match(String(found[0].message), /does not exist/);
  });
});
