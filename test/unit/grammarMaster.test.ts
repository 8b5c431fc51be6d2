/** The master.cf TextMate grammar: the eight fields, -o options, continuation lines. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { scopesOf, tokenize } from '../helpers/grammar';

const MASTER = 'source.postfix.master';
const NAME = 'support.type.property-name.parameter.postfix';
const REF = 'variable.other.reference.postfix';

describe('master.cf grammar', () => {
  it('scopes the eight fields of an entry', async () => {
    const t = await tokenize(MASTER, 'smtp      inet  n       -       y       -       -       smtpd');
    assert.ok(scopesOf(t, 0, 'smtp').includes('entity.name.section.service.postfix'));
    assert.ok(scopesOf(t, 0, 'inet').includes('storage.type.service.postfix'));
    assert.ok(scopesOf(t, 0, /\bn\b/).includes('constant.language.flag.private.postfix'));
    assert.ok(scopesOf(t, 0, '-', 0).includes('constant.language.flag.unpriv.postfix'));
    assert.ok(scopesOf(t, 0, /\by\b/).includes('constant.language.flag.chroot.postfix'));
    assert.ok(scopesOf(t, 0, '-', 1).includes('constant.numeric.wakeup.postfix'));
    assert.ok(scopesOf(t, 0, '-', 2).includes('constant.numeric.maxproc.postfix'));
    assert.ok(scopesOf(t, 0, 'smtpd').includes('support.function.command.postfix'));
  });

  it('marks field values master(8) rejects', async () => {
    const t = await tokenize(MASTER, 'broken tcp yes - - 10x abc smtp\npickup unix n - y 60? 1 pickup');
    assert.ok(scopesOf(t, 0, 'tcp').includes('invalid.illegal.type.postfix'));
    assert.ok(scopesOf(t, 0, 'yes').includes('invalid.illegal.flag.postfix'));
    assert.ok(scopesOf(t, 0, '10x').includes('invalid.illegal.wakeup.postfix'));
    assert.ok(scopesOf(t, 0, 'abc').includes('invalid.illegal.maxproc.postfix'));
    assert.ok(scopesOf(t, 1, '60?').includes('constant.numeric.wakeup.postfix'));
    assert.ok(scopesOf(t, 1, '1').includes('constant.numeric.maxproc.postfix'));
  });

  it('scopes -o options in the short and long forms, on continuation lines', async () => {
    const t = await tokenize(MASTER, [
      'submission inet n - y - - smtpd',
      '  -o syslog_name=postfix/$service_name',
      '# a comment inside the entry',
      '  -o { smtpd_client_restrictions = permit_sasl_authenticated, reject }',
      '  -o smtpd_tls_security_level=encrypt',
      'relay unix - - n - - smtp',
    ].join('\n'));
    assert.ok(scopesOf(t, 1, '-o').includes('keyword.other.option.postfix'));
    assert.ok(scopesOf(t, 1, 'syslog_name').includes(NAME));
    assert.ok(scopesOf(t, 1, 'service_name').includes(REF));
    assert.ok(scopesOf(t, 1, 'syslog_name').includes('meta.service.postfix'));
    assert.ok(scopesOf(t, 2, 'a comment').includes('comment.line.number-sign.postfix'));
    assert.ok(scopesOf(t, 3, 'smtpd_client_restrictions').includes(NAME));
    assert.ok(scopesOf(t, 3, 'reject').includes('meta.option.postfix'));
    assert.ok(scopesOf(t, 4, 'smtpd_tls_security_level').includes(NAME));
    assert.ok(!scopesOf(t, 4, 'encrypt').includes(NAME));
    assert.ok(scopesOf(t, 5, 'relay').includes('entity.name.section.service.postfix'));
  });

  it('scopes other arguments: flags, key=value and ${...} in pipe commands', async () => {
    const t = await tokenize(MASTER, 'maildrop unix - n n - - pipe\n  flags=DRhu user=vmail argv=/usr/bin/maildrop -d ${recipient}');
    assert.ok(scopesOf(t, 0, 'pipe').includes('support.function.command.postfix'));
    assert.ok(scopesOf(t, 1, 'flags').includes('variable.parameter.argument.postfix'));
    assert.ok(scopesOf(t, 1, '-d').includes('keyword.other.flag.postfix'));
    assert.ok(scopesOf(t, 1, 'recipient').includes(REF));
  });

  it('treats # after an argument as text, not a comment', async () => {
    const t = await tokenize(MASTER, 'smtp inet n - y - - smtpd # not a comment');
    assert.ok(!scopesOf(t, 0, '# not').includes('comment.line.number-sign.postfix'));
  });

  it('tokenizes long hostile lines quickly (no runaway backtracking)', async () => {
    const hostile = [
      'a '.repeat(5000),
      `s${' -'.repeat(3000)}x${' y'.repeat(3000)}?`,
      `${'x'.repeat(5000)} ${'-'.repeat(5000)}`,
      `s unix - - n - - smtp ${'-o '.repeat(1500)}${'x='.repeat(2000)}`,
      `s unix - - n - - smtp -o {${' '.repeat(5000)}`,
    ].join('\n');
    const started = Date.now();
    const t = await tokenize(MASTER, hostile, 3000);
    assert.equal(t.stoppedEarly, false);
    assert.ok(Date.now() - started < 3000, `took ${Date.now() - started} ms`);
  });
});
