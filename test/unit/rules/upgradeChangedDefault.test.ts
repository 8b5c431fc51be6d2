import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { findingsOf, run } from '../../helpers/analysis';

const CODE = 'upgrade-changed-default';

describe('upgrade-changed-default', () => {
  it('is off unless postfix.upgradeFrom is set', () => {
    assert.deepEqual(run(CODE, { main: 'lmtp_tls_protocols = $smtp_tls_protocols\n', version: '3.7' }).found, []);
  });

  it('puts a default the file does not set on line 1, a line whose value changes on that line', () => {
    const r = run(CODE, { main: '[[compatibility_level = 3.7]]\n[[lmtp_tls_protocols]] = $smtp_tls_protocols\n', version: '3.7', upgradeFrom: '3.5' });
    const first = r.found.filter((f) => f.start === 0);
    assert.deepEqual([...new Set(r.spans.map((s) => s.join(' ')))], [...new Set(r.expected.map((s) => s.join(' ')))]);
    assert.ok(first.some((f) => f.message === 'Upgrading from Postfix 3.5.27 to 3.7.22 changes smtp_tls_fingerprint_digest, which this main.cf does not set: "md5" → "sha256".'));
    const line = r.found.find((f) => f.data?.name === 'lmtp_tls_protocols');
    assert.equal(line?.message, 'Upgrading from Postfix 3.5.27 to 3.7.22 changes the value in effect of lmtp_tls_protocols: "!SSLv2, !SSLv3" → ">=TLSv1" (it reads smtp_tls_protocols, which changes).');
    assert.deepEqual(line?.data?.pin, [['smtp_tls_protocols', '!SSLv2, !SSLv3']]);
    assert.ok(r.found.every((f) => f.severity === 'information'), 'no line here keeps an old default');
  });

  it('pins a default that reads a changed default where the change comes from', () => {
    const r = run(CODE, { main: 'compatibility_level = 3.7\n', version: '3.7', upgradeFrom: '3.5' });
    assert.deepEqual(r.found.find((f) => f.data?.name === 'tlsproxy_tls_protocols')?.data?.pin, [['smtpd_tls_protocols', '!SSLv2, !SSLv3']]);
  });

  it('marks a line that keeps the old release\'s default with a hint, for adopting the new one', () => {
    const r = run(CODE, { main: 'compatibility_level = 3.7\n[[milter_default_action]] = tempfail\n', version: '3.7', upgradeFrom: '3.5' });
    const kept = r.found.filter((f) => f.data?.adopt);
    assert.deepEqual(kept.map((f) => [f.start, f.end]), r.expected.map(([, s, e]) => [s, e]));
    assert.equal(kept[0].message, 'milter_default_action = "tempfail" keeps the default of Postfix 3.5.27; the default of Postfix 3.7.22 is "shutdown".');
    assert.equal(kept[0].severity, 'hint');
  });

  it('leaves out the release number itself and names the new release adds or drops', () => {
    const names = run(CODE, { main: 'compatibility_level = 3.7\n', version: '3.7', upgradeFrom: '3.5' }).found.map((f) => f.data?.name);
    for (const n of ['mail_version', 'milter_macro_v', 'smtp_min_data_rate', 'smtp_per_record_deadline']) assert.ok(!names.includes(n), n);
  });

  it('says nothing when the releases are the same', () => {
    assert.deepEqual(run(CODE, { main: 'myhostname = a.example\n', version: '3.7.11', upgradeFrom: '3.7.11' }).found, []);
  });

  it('reports an unknown postfix.upgradeFrom once, with the known releases', () => {
    const found = findingsOf({ main: 'myhostname = a.example\n', version: '3.7', upgradeFrom: '2.11' }).filter((f) => f.code === CODE);
    assert.equal(found.length, 1);
    assert.match(found[0].message, /^postfix\.upgradeFrom: Postfix 2\.11 \(the release upgraded from\) is not among the releases known here\. Known releases: 3\.4\.13, /);
  });
});
