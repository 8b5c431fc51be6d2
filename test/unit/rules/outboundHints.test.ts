/**
 * The outbound hints the second model changed: failed-cohort-limit leaves 0 alone (qmgr
 * never marks a destination dead then), recipient-limit-one fires whenever the transport
 * serves a receiver, rate-delay-concurrency and inbound-limit-hint know the transport rate
 * delay, and negative-concurrency-limit reports a limit that stops a transport.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { run } from '../../helpers/analysis';

const MASTER = 'strict unix - - n - 10 smtp\nsmtp unix - - n - - smtp\nlocal unix - n n - - local\n';
const RECEIVER = '# @receiver lab max-connections=50 transports=strict\n';

describe('failed-cohort-limit', () => {
  it('says nothing about 0 or a negative limit: dead-marking is off', () => {
    for (const value of ['0', '-1']) {
      assert.deepEqual(run('failed-cohort-limit', { main: `${RECEIVER}strict_destination_concurrency_failed_cohort_limit = ${value}\n`, master: MASTER }).found, [], value);
    }
  });

  it('still warns about 1 to 9, and a transport rate delay counts as a rate delay', () => {
    const r = run('failed-cohort-limit', { main: `[[strict_destination_concurrency_failed_cohort_limit = 3]]\nstrict_transport_rate_delay = 1s\n`, master: MASTER });
    assert.deepEqual(r.spans, r.expected);
    assert.match(r.found[0].message, /^"strict" has a rate delay \(strict_transport_rate_delay = 1s \(main\.cf\)\), and its failed-cohort limit is 3 .* Set strict_destination_concurrency_failed_cohort_limit = 10 in main\.cf \(0 never marks a destination dead\)\.$/);
  });
});

describe('recipient-limit-one', () => {
  it('fires when the transport serves a declared receiver, with no concurrency limit or rate delay set', () => {
    const r = run('recipient-limit-one', { main: `${RECEIVER}[[strict_destination_recipient_limit = 1]]\n`, master: MASTER });
    assert.deepEqual(r.spans, r.expected);
    assert.equal(r.found[0].message, 'With a recipient limit of 1, qmgr makes every recipient of "strict" its own destination: receiver "lab" can get up to 10 sessions at once (its maxproc) from it.');
  });

  it('stays silent on a transport that serves no receiver and has no limit to undo', () => {
    assert.deepEqual(run('recipient-limit-one', { main: 'strict_destination_recipient_limit = 1\n', master: MASTER }).found, []);
  });
});

describe('rate-delay-concurrency', () => {
  it('a transport rate delay makes a per-destination limit above 1 dead too', () => {
    const r = run('rate-delay-concurrency', { main: 'strict_transport_rate_delay = 1s\n[[strict_destination_concurrency_limit = 4]]\n', master: MASTER });
    assert.deepEqual(r.spans, r.expected);
    assert.match(r.found[0].message, /one message at a time over the whole transport for "strict" \(strict_transport_rate_delay = 1s \(main\.cf\)\), so this concurrency limit of 4 has no effect/);
  });
});

describe('inbound-limit-hint', () => {
  it('points its related information at what bounds the outbound sessions: the directive and each transport\'s maxproc', () => {
    const r = run('inbound-limit-hint', { main: `${RECEIVER}[[smtpd_client_connection_count_limit]] = 5\n`, master: MASTER });
    assert.deepEqual(r.spans, r.expected);
    const related = (r.found[0].related ?? []).map((p) => p.message);
    assert.ok(related.some((m) => /^receiver "\w+": its sessions are bounded by its transports' limits/.test(m)), related.join(' | '));
    assert.ok(related.some((m) => /^strict maxproc \S+: bounds the sessions it opens$/.test(m)), related.join(' | '));
  });
});

describe('negative-concurrency-limit', () => {
  it('reports a negative limit on the line that set it, for every transport it stops', () => {
    const r = run('negative-concurrency-limit', { main: '[[strict_destination_concurrency_limit = -1]]\n', master: MASTER });
    assert.deepEqual(r.spans, r.expected);
    assert.equal(r.found[0].severity, 'error');
    assert.equal(r.found[0].message, 'strict_destination_concurrency_limit = -1 (main.cf): Postfix accepts a negative limit, but qmgr then never starts a delivery for "strict", and its mail stays in the queue. Use 0 for no limit, or a positive number.');
    const all = run('negative-concurrency-limit', { main: '[[default_destination_concurrency_limit = -2]]\n', master: MASTER });
    assert.deepEqual(all.spans, all.expected);
    assert.match(all.found[0].message, /never starts a delivery for "strict", "smtp", and its mail/);
  });

  it('is silent where a rate delay forces the limit to 1, and on 0 (no limit)', () => {
    assert.deepEqual(run('negative-concurrency-limit', { main: 'strict_destination_concurrency_limit = -1\nstrict_destination_rate_delay = 1s\n', master: MASTER }).found, []);
    assert.deepEqual(run('negative-concurrency-limit', { main: 'strict_destination_concurrency_limit = 0\n', master: MASTER }).found, []);
  });

  it('keeps initial-above-limit out of it', () => {
    assert.deepEqual(run('initial-above-limit', { main: 'strict_destination_concurrency_limit = -1\n', master: MASTER }).found, []);
  });
});

describe('receiver-directive: fallback=yes', () => {
  it('says when no transport of the receiver has a fallback relay', () => {
    const r = run('receiver-directive', { main: '# @receiver relay max-connections=5 transports=strict [[fallback=yes]]\n', master: MASTER });
    assert.deepEqual(r.spans, r.expected);
    assert.equal(r.found[0].message, 'fallback=yes, but smtp_fallback_relay is empty for "strict": no delivery falls back to this receiver.');
    const set = run('receiver-directive', { main: '# @receiver relay max-connections=5 transports=strict fallback=yes\nsmtp_fallback_relay = [relay.example.net]\n', master: MASTER });
    assert.deepEqual(set.found, []);
  });
});
