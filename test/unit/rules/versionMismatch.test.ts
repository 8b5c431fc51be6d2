import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { run } from '../../helpers/analysis';
import { releasesText } from '../../../server/core/rules/versionMismatch';
import { RELEASES } from '../../../server/core/kb/knowledgeBase';

const CODE = 'version-mismatch';

describe('version-mismatch', () => {
  it('flags names added after the target release, in main.cf and in -o', () => {
    const r = run(CODE, {
      main: '[[smtpd_tls_enable_rpk]] = yes\nmyhostname = a.example\n',
      master: 'smtp inet n - n - - smtpd -o [[smtpd_hide_client_session]]=yes\n',
      version: '3.7.0',
    });
    assert.deepEqual(r.spans, r.expected);
    assert.match(r.found[0].message, /^Postfix 3\.7\.0, the release checked against, does not have "smtpd_tls_enable_rpk" \(known to Postfix from 3\.9\.0 on\): it reports the parameter as unused/);
    assert.match(r.found[1].message, /known to Postfix from 3\.10\.0 on/);
    assert.equal(r.found[0].data?.name, 'smtpd_tls_enable_rpk');
    // Backported to patch releases: 3.7.0 lacks it, 3.7.11 has it.
    const backported = run(CODE, { main: '[[smtpd_forbid_bare_newline]] = yes\n', version: '3.7.0' });
    assert.deepEqual(backported.spans, backported.expected);
    assert.match(backported.found[0].message, /known to Postfix 3\.5\.25 to 3\.5\.27, 3\.6\.20, 3\.7\.11 to 3\.7\.22 and from 3\.8\.6 on\)/);
    assert.deepEqual(run(CODE, { main: 'smtpd_forbid_bare_newline = yes\n', version: '3.7.11' }).found, []);
  });

  it('flags names removed before the target release', () => {
    const r = run(CODE, { main: '[[tls_legacy_public_key_fingerprints]] = yes\n', version: '3.11' });
    assert.deepEqual(r.spans, r.expected);
    assert.match(r.found[0].message, /known to Postfix 3\.4\.13 to 3\.10\.13\)/);
    // Documented once, but no release's postconf ever knew it: an unknown name everywhere.
    assert.deepEqual(run(CODE, { main: 'nullmx_reject_code = 556\n', version: '3.5' }).found, []);
    assert.equal(run('unknown-parameter', { main: 'nullmx_reject_code = 556\n', version: '3.5' }).found.length, 1);
  });

  it('names what a release says to do instead of a name it removed', () => {
    const r = run(CODE, { main: '[[tlsproxy_client_loglevel_parameter]] = smtp_tls_loglevel\n', version: '3.12' });
    assert.deepEqual(r.spans, r.expected);
    assert.match(r.found[0].message, /deprecated and then removed: it has no replacement: remove it/);
    assert.equal(r.found[0].data?.replacement, null);
  });

  it('stays quiet when the release has the name, or when postconf accepts it as user-defined', () => {
    assert.deepEqual(run(CODE, { main: 'smtpd_forbid_bare_newline = yes\n', version: '3.10' }).found, []);
    // Referenced as $name: postconf of any release accepts it as a user-defined parameter.
    assert.deepEqual(run(CODE, { main: 'smtpd_hide_client_session = yes\nx_y = $smtpd_hide_client_session\n', version: '3.7' }).found, []);
  });

  it('describes scattered (backported) releases as runs', () => {
    const bits = (...names: string[]): number => names.reduce((m, n) => m | 2 ** RELEASES.indexOf(n), 0);
    assert.equal(releasesText(bits('3.5.0', '3.5.8', '3.5.9')), '3.5.0 to 3.5.9');
    assert.equal(releasesText(bits('3.5.27', ...RELEASES.slice(RELEASES.indexOf('3.6.20')))), '3.5.27 and from 3.6.20 on');
    assert.equal(releasesText(bits('3.5.27', '3.6.20', ...RELEASES.slice(RELEASES.indexOf('3.7.11')))), '3.5.27, 3.6.20 and from 3.7.11 on');
  });
});
