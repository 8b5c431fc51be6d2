import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { run } from '../../helpers/analysis';

const CODE = 'transport-not-outbound';
/** The usual postscreen hand-off: postscreen on port 25 passes clients to a service named smtpd. */
const POSTSCREEN = 'smtp inet n - y - 1 postscreen\nsmtpd pass - - y - - smtpd\ndnsblog unix - - y - 0 dnsblog\n';

describe('transport-not-outbound', () => {
  it('leaves built-in names alone: smtpd_recipient_limit is smtpd\'s own, not "<smtpd>_recipient_limit"', () => {
    const main = 'smtpd_recipient_limit = 100\nsmtpd_recipient_overshoot_limit = 100\n';
    assert.deepEqual(run(CODE, { main, master: POSTSCREEN }).found, []);
  });

  it('still flags per-transport settings of a service that does not deliver', () => {
    const r = run(CODE, { main: '[[smtpd_destination_rate_delay]] = 1s\n', master: POSTSCREEN });
    assert.deepEqual(r.spans, r.expected);
    assert.match(r.found[0].message, /qmgr never delivers through "smtpd"/);
  });
});
