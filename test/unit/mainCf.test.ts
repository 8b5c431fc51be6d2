import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parseMainCf } from '../../server/core/syntax/mainCf';

// Every rule of Postfix's readllines() and split_nameval() in one file, checked against postconf.
const B1 = [
  'myhostname = host.example.com # trailing comment',
  'mydomain = example.com#nospace',
  'mynetworks = 127.0.0.0/8',
  '    10.0.0.0/8',
  '\t192.168.0.0/16',
  '    # indented comment line',
  '    172.16.0.0/12',
  '# a comment in column 1',
  '    203.0.113.0/24',
  '',
  '    198.51.100.0/24',
  'smtpd_banner = $myhostname ESMTP    ',
  '   alias_maps = hash:/etc/aliases',
  'inet_interfaces=loopback-only',
  'myorigin   =    example.org   ',
  'empty_param_test =',
  'header_checks = regexp:/etc/x # c',
  '',
].join('\n');

describe('main.cf parser', () => {
  const tree = parseMainCf(B1);
  const values = Object.fromEntries(tree.entries.map((e) => [e.name.text, e.value.text.replace(/\s+/g, ' ')]));

  it('reads the same values postconf -n prints', () => {
    assert.deepEqual(values, {
      myhostname: 'host.example.com # trailing comment',
      mydomain: 'example.com#nospace',
      mynetworks: '127.0.0.0/8 10.0.0.0/8 192.168.0.0/16 172.16.0.0/12 203.0.113.0/24 198.51.100.0/24',
      smtpd_banner: '$myhostname ESMTP alias_maps = hash:/etc/aliases',
      inet_interfaces: 'loopback-only',
      myorigin: 'example.org',
      empty_param_test: '',
      header_checks: 'regexp:/etc/x # c',
    });
  });

  it('keeps exact document ranges for names and values, across continuation lines', () => {
    for (const entry of tree.entries) {
      assert.equal(B1.slice(entry.name.start, entry.name.end), entry.name.text);
      assert.equal(B1[entry.equals], '=');
    }
    const mynetworks = tree.entries.find((e) => e.name.text === 'mynetworks')!;
    assert.equal(B1.slice(mynetworks.value.start, mynetworks.value.end).split('\n').pop(), '    198.51.100.0/24');
    assert.equal(mynetworks.line.line, 2);
  });

  it('records comment lines, including indented ones inside an entry', () => {
    assert.deepEqual(tree.comments.map((c) => c.text), [' indented comment line', ' a comment in column 1']);
  });

  it('reports a missing "=" and a missing name, and ignores a whitespace-led first line', () => {
    const t = parseMainCf('   leading = ws first line\nmyhostname\n= value\nmy-host name = value\n');
    assert.deepEqual(t.items.map((i) => (i.kind === 'problem' ? i.problem : i.name.text)), [
      'leading-whitespace', 'missing-equals', 'missing-name', 'missing-equals',
    ]);
  });

  it('handles CRLF, tabs, a BOM and non-ASCII text', () => {
    const t = parseMainCf('\ufeffmyhostname = h\r\nsmtpd_banner\t=\tcafé — ok\r\n  more\r\n');
    assert.equal(t.entries[0].name.text, '\ufeffmyhostname');
    assert.equal(t.entries[0].value.text, 'h');
    assert.equal(t.entries[1].value.text, 'café — ok\r  more');
  });

  it('cuts a line at a NUL byte, as C strings do', () => {
    const t = parseMainCf('mydomain = x\0yz\nmyhostname = h\n');
    assert.equal(t.entries[0].value.text, 'x');
    assert.equal(t.lines[0].nulAt, 12);
  });
});
