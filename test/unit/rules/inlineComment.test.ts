import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { run, severities } from '../../helpers/analysis';

const CODE = 'inline-comment';

describe('inline-comment', () => {
  it('flags " # text" after a main.cf value, up to the end of its line', () => {
    const r = run(CODE, {
      main: [
        'myhostname = host.example.com [[# trailing comment]]   ',
        'mydomain = example.com#nospace',
        'mynetworks = 127.0.0.0/8 [[# loopback]]',
        '    10.0.0.0/8\t[[#lan]]',
        'relayhost = [[# none yet]]',
        'header_checks = pcre:{{/ #x/ REJECT}}',
        'mailbox_command = /usr/bin/procmail -a "$EXTENSION" # a shell comment',
        'smtpd_banner = $myhostname ESMTP ${x?{ #y}}',
        '',
      ].join('\n'),
    });
    assert.deepEqual(r.spans, r.expected);
    assert.deepEqual(new Set(severities(r)), new Set(['warning']));
    assert.match(r.found[0].message, /Postfix keeps this text as part of the value of "myhostname"/);
  });

  it('flags comments after a master.cf command and inside a long -o value', () => {
    const r = run(CODE, {
      master: [
        'smtp inet n - y - - smtpd [[# the public port]]',
        'relay unix - - n - - smtp',
        '  -o { smtp_helo_name = relay.example [[# for the ISP]] }',
        'pipe1 unix - n n - - pipe argv=/bin/echo { a # b } ${recipient}',
        'filter unix - - n - - smtp [[# one # line]]',
        '  -o smtp_helo_name=f.example [[#two]]',
        '',
      ].join('\n'),
    });
    assert.deepEqual(r.spans, r.expected);
    assert.match(r.found[0].message, /master\(8\) passes it to smtpd as extra command arguments/);
  });

  it('handles CRLF line ends without taking the CR into the comment', () => {
    const r = run(CODE, { main: 'myhostname = a [[# c]]\r\nmydomain = b\r\n' });
    assert.deepEqual(r.spans, r.expected);
  });
});
