import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { applyFix, findingsOf, fixesFor } from '../../helpers/analysis';

const V = '3.9';
const deprecated = (texts: { main?: string; master?: string }) => findingsOf({ ...texts, version: V }).filter((f) => f.code === 'deprecated-parameter');

describe('quick-fix: replace a deprecated parameter', () => {
  it('translates smtpd_use_tls = yes to smtpd_tls_security_level = may', () => {
    const main = '# TLS\nsmtpd_use_tls = yes\nsmtpd_tls_cert_file = /etc/ssl/c.pem\n';
    const { title, after } = applyFix({ main, version: V }, 'main', 'deprecated-parameter');
    assert.equal(title, 'Replace with "smtpd_tls_security_level = may"');
    assert.equal(after, '# TLS\nsmtpd_tls_security_level = may\nsmtpd_tls_cert_file = /etc/ssl/c.pem\n');
    assert.deepEqual(findingsOf({ main: after, version: V }), []);
  });

  it('reads use and enforce together and removes the other one', () => {
    const main = 'smtp_use_tls = yes\nmyhostname = a.example\nsmtp_enforce_tls = yes\nsmtp_tls_enforce_peername = no\n';
    const { title, after } = applyFix({ main, version: V }, 'main', 'deprecated-parameter');
    assert.equal(title, 'Replace with "smtp_tls_security_level = encrypt" and remove "smtp_enforce_tls"');
    assert.equal(after, 'smtp_tls_security_level = encrypt\nmyhostname = a.example\nsmtp_tls_enforce_peername = no\n');
    assert.deepEqual(deprecated({ main: after }), []);
    // With the peer name check at its default (yes), enforcing TLS meant "verify".
    assert.match(applyFix({ main: 'smtp_enforce_tls = yes\n', version: V }, 'main', 'deprecated-parameter').after, /^smtp_tls_security_level = verify\n$/);
  });

  it('replaces -o disable_dns_lookups=yes with -o smtp_dns_support_level=disabled', () => {
    const master = 'amavis unix - - n - 2 smtp\n  -o smtp_data_done_timeout=1200\n  -o disable_dns_lookups=yes\n  -o max_use=20\n';
    const { title, after } = applyFix({ master, version: V }, 'master', 'deprecated-parameter');
    assert.equal(title, 'Replace with "-o smtp_dns_support_level=disabled"');
    assert.equal(after, 'amavis unix - - n - 2 smtp\n  -o smtp_data_done_timeout=1200\n  -o smtp_dns_support_level=disabled\n  -o max_use=20\n');
    assert.deepEqual(findingsOf({ master: after, version: V }), []);
  });

  it('removes the deprecated name when the replacement is set and wins', () => {
    const main = 'smtpd_tls_security_level = encrypt\nsmtpd_use_tls = yes\nmydomain = example.com\n';
    const { title, after } = applyFix({ main, version: V }, 'main', 'deprecated-parameter');
    assert.equal(title, 'Remove "smtpd_use_tls" (Postfix ignores it while "smtpd_tls_security_level" is not empty)');
    assert.equal(after, 'smtpd_tls_security_level = encrypt\nmydomain = example.com\n');
  });

  it('offers nothing without a safe translation', () => {
    for (const main of ['smtpd_tls_eecdh_grade = strong\n', 'smtp_tls_per_site = hash:/etc/postfix/tls\n', 'smtp_use_tls = $x\nx = yes\n']) {
      const { actions, diagnostics } = fixesFor({ main, version: V }, 'main', 'deprecated-parameter');
      assert.equal(diagnostics.length, 1, main);
      assert.deepEqual(actions, [], main);
    }
  });
});

describe('quick-fix: deprecated names whose replacement defaults to another parameter', () => {
  it('removes postscreen_use_tls when smtpd_tls_security_level gives postscreen its level', () => {
    const main = 'smtpd_tls_security_level = encrypt\npostscreen_use_tls = yes\n';
    const { title, after } = applyFix({ main, version: V }, 'main', 'deprecated-parameter');
    assert.equal(title, 'Remove "postscreen_use_tls" (Postfix ignores it while "postscreen_tls_security_level" is not empty)');
    assert.equal(after, 'smtpd_tls_security_level = encrypt\n');
  });

  it('translates postscreen_use_tls when nothing sets a level', () => {
    const main = 'postscreen_use_tls = yes\n';
    assert.equal(applyFix({ main, version: V }, 'main', 'deprecated-parameter').after, 'postscreen_tls_security_level = may\n');
  });
});
