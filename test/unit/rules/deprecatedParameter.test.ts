import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { run } from '../../helpers/analysis';

const CODE = 'deprecated-parameter';
const MAIN = '[[smtp_use_tls]] = yes\n[[smtpd_tls_eecdh_grade]] = strong\nsmtp_tls_security_level = may\n';
const MASTER = 'amavis unix - - n - 2 smtp -o [[disable_dns_lookups]]=yes\n';

describe('deprecated-parameter', () => {
  it('flags names of the 3.9+ deprecation table, with the replacement or none', () => {
    const r = run(CODE, { main: MAIN, master: MASTER, version: '3.9' });
    assert.deepEqual(r.spans, r.expected);
    assert.ok(r.found.every((f) => f.severity === 'warning' && f.deprecated === true));
    const [useTls, eecdh, dns] = r.found;
    assert.match(useTls.message, /"smtp_use_tls" is deprecated: Postfix 3.9 warns .* use "smtp_tls_security_level" instead/);
    assert.match(useTls.message, /postconf\.5\.html#smtp_tls_security_level/);
    assert.deepEqual(useTls.data, { name: 'smtp_use_tls', replacement: 'smtp_tls_security_level' });
    assert.match(eecdh.message, /has no replacement/);
    assert.equal(eecdh.data?.replacement, null);
    assert.deepEqual(dns.data, { name: 'disable_dns_lookups', replacement: 'smtp_dns_support_level' });
  });

  it('says nothing when the target release is older than 3.9', () => {
    const r = run(CODE, { main: MAIN, master: MASTER, version: '3.8' });
    assert.deepEqual(r.found, []);
  });

  it('applies to the default release (the newest)', () => {
    assert.equal(run(CODE, { main: MAIN, master: MASTER }).found.length, 3);
  });
});
