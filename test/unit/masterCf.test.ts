import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parseMasterCf } from '../../server/core/syntax/masterCf';

describe('master.cf parser', () => {
  const text = [
    '# comment',
    'smtp      inet  n       -       y       -       -       smtpd',
    '  -o smtpd_tls_security_level=encrypt',
    '# comment inside the entry',
    '  -o { smtpd_helo_restrictions = permit_mynetworks, reject }',
    'relay     unix  -       -       n       -       -       smtp -o smtp_fallback_relay= -o {smtp_helo_name=foo bar}',
    'pipe1 unix - n n - - pipe flags=R argv=/bin/echo { hello world } ${recipient}',
    'stuck unix - - n - - smtp -osmtp_helo_name=x -o smtp_bind_address = 1.2.3.4',
    'broken unix - - y -',
    '',
  ].join('\n');
  const tree = parseMasterCf(text);

  it('reads the eight fields of each entry with exact ranges', () => {
    assert.deepEqual(tree.entries.map((s) => `${s.fields.service.text}/${s.fields.type.text}:${s.fields.command.text}`), [
      'smtp/inet:smtpd', 'relay/unix:smtp', 'pipe1/unix:pipe', 'stuck/unix:smtp',
    ]);
    for (const s of tree.entries) for (const f of Object.values(s.fields)) assert.equal(text.slice(f.start, f.end), f.text);
  });

  it('reads -o options in the short, long and stuck forms', () => {
    const opts = (i: number): string[] => tree.entries[i].options.map((o) => `${o.form}:${o.name.text}=${o.value.text}`);
    assert.deepEqual(opts(0), ['short:smtpd_tls_security_level=encrypt', 'long:smtpd_helo_restrictions=permit_mynetworks, reject']);
    assert.deepEqual(opts(1), ['short:smtp_fallback_relay=', 'long:smtp_helo_name=foo bar']);
    assert.deepEqual(opts(3), ['stuck:smtp_helo_name=x', 'missing-equals:smtp_bind_address=']);
    for (const s of tree.entries) {
      for (const o of s.options) {
        assert.equal(text.slice(o.name.start, o.name.end), o.name.text);
        assert.equal(text.slice(o.value.start, o.value.end), o.value.text);
      }
    }
  });

  it('keeps braced arguments whole', () => {
    assert.deepEqual(tree.entries[2].args.map((a) => a.text), ['flags=R', 'argv=/bin/echo', '{ hello world }', '${recipient}']);
  });

  it('reports an entry with fewer than eight fields', () => {
    const broken = tree.items.find((i) => i.kind === 'problem');
    assert.equal(broken?.kind === 'problem' && broken.problem, 'field-count');
  });
});
