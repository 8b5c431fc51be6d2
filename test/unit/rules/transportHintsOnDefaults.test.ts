/**
 * The outbound hints on settings inherited from main.cf's default_* lines, as published
 * configurations write them (a global rate delay, a global concurrency limit): one finding
 * per line that can be changed, not one per transport, and none where nothing needs changing.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { fixesFor, run } from '../../helpers/analysis';

/** The stock delivery transports: smtp, relay, lmtp, local, virtual, error, retry, discard. */
const STOCK = [
  'smtp unix - - y - - smtp', 'relay unix - - y - - smtp', 'lmtp unix - - y - - lmtp', 'local unix - n n - - local',
  'virtual unix - n n - - virtual', 'error unix - - y - - error', 'retry unix - - y - - error', 'discard unix - - y - - discard',
].join('\n');

describe('failed-cohort-limit with a default_* rate delay', () => {
  it('gives one finding, on the default line, with the default_* fix', () => {
    const r = run('failed-cohort-limit', { main: '[[default_destination_rate_delay = 1s]]\n', master: `${STOCK}\n` });
    assert.deepEqual(r.spans, r.expected);
    assert.match(r.found[0].message, /^This rate delay applies to "smtp", "relay" and "lmtp", whose failed-cohort limit is 1 \(default_destination_concurrency_failed_cohort_limit\)/);
    assert.equal(r.found[0].data?.name, 'default_destination_concurrency_failed_cohort_limit');
    const { actions } = fixesFor({ main: 'default_destination_rate_delay = 1s\n', master: `${STOCK}\n` }, 'main', 'failed-cohort-limit');
    assert.deepEqual(actions.map((a) => a.title), ['Set default_destination_concurrency_failed_cohort_limit = 10 in main.cf']);
  });

  it('still names the transport whose own rate delay or limit is set', () => {
    const r = run('failed-cohort-limit', { main: '[[slow_destination_rate_delay = 1s]]\n', master: `${STOCK}\n[[slow]] unix - - y - - smtp\n` });
    assert.equal(r.found.length, 1);
    assert.match(r.found[0].message, /^"slow" has a rate delay/);
  });
});

describe('rate-delay-concurrency with a default_* rate delay', () => {
  it('notes the delay line once, and names a long transport list briefly (local has its own limit of 2; virtual delivers only here)', () => {
    const main = 'default_destination_rate_delay = 1s\n[[default_destination_concurrency_limit = 2]]\n';
    const r = run('rate-delay-concurrency', { main, master: `${STOCK}\n` });
    assert.deepEqual(r.spans, r.expected);
    assert.equal(r.found[0].related?.length, 1, 'one note for the one default_destination_rate_delay line');
    assert.match(r.found[0].message, /for "smtp", "relay", "lmtp" and 3 more transports/);
  });
});

describe('concurrency-above-process-limit', () => {
  it('leaves a limit inherited from default_destination_concurrency_limit alone', () => {
    const master = `${STOCK}\nscan unix - - n - 15 lmtp\n`;
    assert.deepEqual(run('concurrency-above-process-limit', { main: 'default_destination_concurrency_limit = 40\n', master }).found, []);
    const own = run('concurrency-above-process-limit', { main: '[[scan_destination_concurrency_limit = 40]]\n', master });
    assert.deepEqual(own.spans, own.expected);
  });
});
