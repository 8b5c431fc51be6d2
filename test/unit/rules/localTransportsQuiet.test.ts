/**
 * The hints about providers' limits stay quiet for transports whose every next-hop is on
 * this host: a loopback content filter (amavis) and an LMTP socket (Dovecot), as published
 * configurations have them. A transport with any route off the host still gets them.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { run } from '../../helpers/analysis';

const MASTER = [
  'smtp unix - - y - - smtp',
  'lmtp unix - - y - - lmtp',
  'amavis unix - - n - 2 smtp',
  '  -o smtp_data_done_timeout=1200',
  '127.0.0.1:10025 inet n - n - - smtpd',
  '  -o content_filter=',
  '',
].join('\n');
const ROUTES = 'content_filter = amavis:[127.0.0.1]:10024\nvirtual_transport = lmtp:unix:private/dovecot-lmtp\n';

describe('provider hints on local transports', () => {
  it('recipient-limit-one: quiet on the amavis filter, still on a transport that leaves the host', () => {
    const quiet = run('recipient-limit-one', { main: `${ROUTES}amavis_destination_recipient_limit = 1\namavis_destination_concurrency_limit = 2\n`, master: MASTER });
    assert.deepEqual(quiet.found, []);
    const remote = run('recipient-limit-one', {
      main: `content_filter = amavis:[192.0.2.9]:10024\n[[amavis_destination_recipient_limit = 1]]\namavis_destination_concurrency_limit = 2\n`, master: MASTER,
    });
    assert.deepEqual(remote.spans, remote.expected);
  });

  it('failed-cohort-limit: a rate delay on the Dovecot LMTP transport says nothing; on smtp it does', () => {
    assert.deepEqual(run('failed-cohort-limit', { main: `${ROUTES}lmtp_destination_rate_delay = 1s\n`, master: MASTER }).found, []);
    const smtp = run('failed-cohort-limit', { main: `${ROUTES}smtp_destination_rate_delay = 1s\n`, master: MASTER });
    assert.deepEqual(smtp.found.map((f) => f.data?.transport), ['smtp']);
  });

  it('concurrency-above-process-limit: quiet on the loopback filter', () => {
    assert.deepEqual(run('concurrency-above-process-limit', { main: `${ROUTES}amavis_destination_concurrency_limit = 50\n`, master: MASTER }).found, []);
    const without = run('concurrency-above-process-limit', { main: '[[amavis_destination_concurrency_limit = 50]]\n', master: MASTER });
    assert.deepEqual(without.spans, without.expected, 'with no route known for amavis, the hint stays');
  });
});

describe('a local transport that serves a declared receiver', () => {
  it('keeps its hints: the directive says it reaches a provider', () => {
    const main = `${ROUTES}# @receiver lab max-connections=5 transports=amavis\n[[amavis_destination_recipient_limit = 1]]\n`;
    const r = run('recipient-limit-one', { main, master: MASTER });
    assert.deepEqual(r.spans, r.expected);
  });
});
