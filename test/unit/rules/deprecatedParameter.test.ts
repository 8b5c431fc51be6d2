import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { run } from '../../helpers/analysis';

const CODE = 'deprecated-parameter';
const MAIN = '[[smtp_use_tls]] = yes\n[[smtpd_tls_eecdh_grade]] = strong\nsmtp_tls_security_level = may\n';
const MASTER = 'amavis unix - - n - 2 smtp -o [[disable_dns_lookups]]=yes\n';

describe('deprecated-parameter', () => {
  it('flags names of the target release\'s deprecation table, with the replacement or none', () => {
    const r = run(CODE, { main: MAIN, master: MASTER, version: '3.9' });
    assert.deepEqual(r.spans, r.expected);
    assert.ok(r.found.every((f) => f.severity === 'warning' && f.deprecated === true));
    const [useTls, eecdh, dns] = r.found;
    assert.match(useTls.message, /"smtp_use_tls" is deprecated: Postfix 3\.9\.14 warns .* use "smtp_tls_security_level" instead/);
    assert.doesNotMatch(useTls.message, /https?:/, 'no links in messages: the diagnostic links to its documentation');
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

  it('follows each release: 3.11 deprecates names that 3.10 reads silently, in main.cf and -o', () => {
    const main = '[[virtual_maps]] = hash:/etc/postfix/virtual\n[[smtp_cname_overrides_servername]] = no\n';
    const master = 'relay unix - - n - - smtp -o [[fallback_relay]]=[backup.example]\n';
    const r = run(CODE, { main, master, version: '3.11' });
    assert.deepEqual(r.spans, r.expected);
    assert.deepEqual(r.found.map((f) => f.data?.replacement), ['virtual_alias_maps', null, 'smtp_fallback_relay']);
    assert.match(r.found[1].message, /no replacement: remove it/);
    assert.deepEqual(run(CODE, { main, master, version: '3.10' }).found, []);
  });

  it('reports pre-3.6 postscreen names as deprecated in 3.11, not as unknown', () => {
    const main = '[[postscreen_blacklist_action]] = drop\n[[postscreen_dnsbl_whitelist_threshold]] = -1\n';
    const r = run(CODE, { main, version: '3.11' });
    assert.deepEqual(r.spans, r.expected);
    assert.deepEqual(r.found.map((f) => f.data?.replacement), ['postscreen_denylist_action', 'postscreen_dnsbl_allowlist_threshold']);
    for (const version of ['3.5', '3.6', '3.10']) {
      assert.deepEqual(run(CODE, { main, version }).found, [], version);
      assert.deepEqual(run('unknown-parameter', { main, version }).found, [], `${version}: a name its postconf reads`);
      assert.deepEqual(run('version-mismatch', { main, version }).found, [], `${version}: a name its postconf reads`);
    }
  });
});
