import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { ConfigFiles, DEFAULT_SETTINGS, createLanguageService } from '../../../server/core/languageService';

const service = createLanguageService();

/** A main.cf whose smtpd restrictions name /etc/postfix/access (read with `syntax`), with that table's text. */
function configWith(mainText: string, text: string, table = 'hash:/etc/postfix/access'): ConfigFiles {
  const main = service.parse('main', 'file:///cfg/main.cf', mainText.replace('TABLE', table));
  const files: ConfigFiles = { main: main as ConfigFiles['main'] };
  const path = table.slice(table.indexOf(':') + 1);
  const syntax = service.mapReferences(files, DEFAULT_SETTINGS).find((r) => r.path === path)?.syntax ?? 'indexed';
  return { ...files, maps: new Map([[path, service.parseMap('file:///cfg/access', text, syntax)]]) };
}

const RESTRICTED = 'smtpd_recipient_restrictions = permit_mynetworks, check_sender_access TABLE, reject_unauth_destination\n';

/** [line, flagged text] of every map-access-action finding. */
function flagged(files: ConfigFiles, settings = DEFAULT_SETTINGS): [number, string][] {
  const text = files.maps!.values().next().value!.text;
  const lines = text.split('\n');
  return (service.validate(files, settings).get('file:///cfg/access') ?? [])
    .filter((d) => d.code === 'map-access-action')
    .map((d) => [d.range.start.line, lines[d.range.start.line].slice(d.range.start.character, d.range.end.character)]);
}

describe('access(5) table values (map-access-action)', () => {
  it('accepts every form smtpd reads: actions in any case, digits, 4xx/5xx with text, restrictions, classes', () => {
    const text = [
      'a@example.com OK', 'b@example.com reject go away', 'c@example.com 550 5.7.1 no thanks', 'd@example.com 1700000000',
      'e@example.com DEFER_IF_PERMIT later', 'f@example.com FILTER smtp:[10.0.0.1]:25', 'g@example.com dunno',
      'h@example.com HOLD', 'i@example.com PREPEND X-Seen: yes', 'j@example.com REDIRECT x@example.net', 'k@example.com BCC y@example.net',
      'l@example.com WARN odd', 'm@example.com INFO note', 'n@example.com HANGUP', 'o@example.com RELAY', 'p@example.com DISCARD',
      'q@example.com permit_sasl_authenticated, reject', 'r@example.com reject_sender_login_mismatch', 's@example.com strict_class',
      't@example.com reject_rbl_client zen.example.org', '',
    ].join('\n');
    const files = configWith(`smtpd_restriction_classes = strict_class\nstrict_class = reject\n${RESTRICTED}`, text);
    assert.deepEqual(flagged(files), []);
  });

  it('flags a word no release reading accepts, and a lookup table inside a value', () => {
    const text = 'a@example.com REJCT spam\nb@example.com 250 fine\nc@example.com DELAY 1h\nd@example.com check_client_access hash:/etc/postfix/other\nexample.com OK\n';
    assert.deepEqual(flagged(configWith(RESTRICTED, text)), [[0, 'REJCT'], [1, '250'], [2, 'DELAY'], [3, 'hash:/etc/postfix/other']]);
  });

  it('knows a class only when smtpd_restriction_classes lists it, and says nothing when that list is not known', () => {
    const text = 'a@example.com strict_class\n';
    assert.deepEqual(flagged(configWith(RESTRICTED, text)), [[0, 'strict_class']]);
    assert.deepEqual(flagged(configWith(`smtpd_restriction_classes = $my_classes\n${RESTRICTED}`, text)), []);
  });

  it('checks only tables a check_*_access restriction names, and regexp:/pcre: rules without $n', () => {
    const text = 'a@example.com REJCT\n';
    assert.deepEqual(flagged(configWith('virtual_alias_maps = TABLE\n', text)), []);
    assert.deepEqual(flagged(configWith('postscreen_access_list = permit_mynetworks, TABLE\n', text)), []);
    const rules = '/^(.*)@spam\\.example$/ REJCT $1\n/^x@/ $1\n/^y@/ NOPE\n';
    assert.deepEqual(flagged(configWith(RESTRICTED, rules, 'pcre:/etc/postfix/access')), [[0, 'REJCT'], [2, 'NOPE']]);
  });
});
