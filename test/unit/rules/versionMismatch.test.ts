import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { run } from '../../helpers/analysis';
import { releasesText } from '../../../server/core/rules/versionMismatch';

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
    assert.match(backported.found[0].message, /known to Postfix 3\.5\.27, 3\.6\.20, 3\.7\.11 to 3\.7\.22 and from 3\.8\.20 on\)/);
    assert.deepEqual(run(CODE, { main: 'smtpd_forbid_bare_newline = yes\n', version: '3.7.11' }).found, []);
  });

  it('flags names removed before the target release', () => {
    const r = run(CODE, { main: '[[nullmx_reject_code]] = 556\n', version: '3.10' });
    assert.deepEqual(r.spans, r.expected);
    assert.match(r.found[0].message, /known to Postfix 3\.5\.0 to 3\.6\.20\)/);
  });

  it('stays quiet when the release has the name, or when postconf accepts it as user-defined', () => {
    assert.deepEqual(run(CODE, { main: 'smtpd_forbid_bare_newline = yes\n', version: '3.10' }).found, []);
    // Referenced as $name: postconf of any release accepts it as a user-defined parameter.
    assert.deepEqual(run(CODE, { main: 'smtpd_hide_client_session = yes\nx_y = $smtpd_hide_client_session\n', version: '3.7' }).found, []);
  });

  it('describes scattered (backported) releases as runs', () => {
    assert.equal(releasesText(0b1111000000000000 >> 12), '3.5.0 to 3.6.20');
    assert.equal(releasesText(0b1111111111111010), '3.5.27 and from 3.6.20 on');
    assert.equal(releasesText(0b1111111111101010), '3.5.27, 3.6.20 and from 3.7.11 on');
  });
});
