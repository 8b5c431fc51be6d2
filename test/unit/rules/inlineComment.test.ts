import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { run, severities } from '../../helpers/analysis';
import { measure } from '../../helpers/cpu';
import { Configuration } from '../../../server/core/model/configuration';
import { DEFAULT_SETTINGS } from '../../../server/core/settings';
import { inlineComment } from '../../../server/core/rules/inlineComment';
import { checkWhole } from '../../../server/core/rules/types';

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

  it('reads the rest of a commented line as the comment: a "{" in it opens nothing', () => {
    // The "{" used to hide the second comment, which moving the first one then revealed.
    const r = run(CODE, { main: 'mynetworks = 127.0.0.0/8 [[# { see below]]\n    10.0.0.0/8 [[# lan]]\n' });
    assert.deepEqual(r.spans, r.expected);
  });

  it('finds a comment on each of 200,000 continuation lines in linear time', () => {
    const main = `mynetworks = 127.0.0.0/8\n${'    10.0.0.1 # host\n'.repeat(200_000)}`;
    const config = new Configuration({ mainText: main });
    // The rule itself: analyze() would show only the first 1,000.
    const { result, cpuMs } = measure(() => checkWhole(inlineComment, { config, settings: DEFAULT_SETTINGS }));
    assert.equal(result.length, 200_000);
    // A scan of every piece per comment made this quadratic (minutes).
    assert.ok(cpuMs < 10_000, `took ${Math.round(cpuMs)} ms`);
  });

  it('after a master.cf command, reads the lines after a comment without it (a "{" in it groups nothing)', () => {
    const r = run(CODE, { master: 'smtp inet n - y - - smtpd [[# see {x]]\n  -o smtpd_tls_security_level=may [[# two]]\n' });
    assert.deepEqual(r.spans, r.expected);
  });

  it('ends a comment at a NUL byte, where Postfix stops reading the line', () => {
    // Moving the comment with the NUL used to bring the lines after it back into the entry.
    const r = run(CODE, { master: 'smtp inet n - y - - smtpd [[# a]]\0b\n  -o smtpd_tls_security_level=may # c\n' });
    assert.deepEqual(r.spans, r.expected);
  });
});
