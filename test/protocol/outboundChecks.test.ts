/**
 * The other outbound checks through the real server: failed-cohort-limit (and its fix,
 * applied until the warning is gone), rate-delay-concurrency, initial-above-limit,
 * concurrency-above-process-limit and recipient-limit-one, each with a case where the
 * defaults alone must stay silent.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { ConfigPair } from '../helpers/configPair';
import { messageOf, suiteServer, textAt } from '../helpers/lspSuite';

const OUTBOUND = ['failed-cohort-limit', 'rate-delay-concurrency', 'initial-above-limit', 'concurrency-above-process-limit', 'recipient-limit-one'];

const MASTER = [
  'smtp      unix  -       -       y       -       -       smtp',
  'relay     unix  -       -       y       -       -       smtp',
  'slow      unix  -       -       y       -       4       smtp',
  'local     unix  -       n       n       -       -       local',
  'dovecot   unix  -       n       n       -       -       pipe flags=DRhu user=vmail argv=/usr/lib/dovecot/deliver -d ${recipient}',
  '',
].join('\n');

describe('outbound checks over LSP', () => {
  const server = suiteServer();

  it('stays silent on defaults and on per-recipient local and pipe delivery', async () => {
    const pair = new ConfigPair(server.client);
    const d = await pair.open('dovecot_destination_recipient_limit = 1\ndovecot_destination_concurrency_limit = 2\nlocal_destination_recipient_limit = 1\n', MASTER);
    assert.deepEqual([...d.main, ...d.master].filter((x) => OUTBOUND.includes(String(x.code))).map((x) => x.code), []);
  });

  it('failed-cohort-limit on a rate-limited transport, and its fix applied until the warning is gone', async () => {
    const pair = new ConfigPair(server.client);
    const d = await pair.open('slow_destination_rate_delay = 1s\nslow_destination_concurrency_failed_cohort_limit = 3\n', MASTER);
    const found = d.main.filter((x) => x.code === 'failed-cohort-limit');
    assert.deepEqual(found.map((x) => textAt(pair.main, x.range)), ['slow_destination_concurrency_failed_cohort_limit = 3']);
    assert.match(messageOf(found[0]), /^"slow" has a rate delay \(slow_destination_rate_delay = 1s \(main\.cf\)\), and its failed-cohort limit is 3 .*one wave of 421 replies marks the destination dead/);
    await pair.fixAll({ code: 'failed-cohort-limit', titlePrefix: 'Set ', rounds: 3 });
    assert.deepEqual(await pair.withCode('failed-cohort-limit'), []);
    assert.equal(pair.main, 'slow_destination_rate_delay = 1s\nslow_destination_concurrency_failed_cohort_limit = 10\n');
  });

  it('failed-cohort-limit from a global rate delay lands once on that line, naming the smtp transports, and a global cohort limit of 10 ends it', async () => {
    const pair = new ConfigPair(server.client);
    const d = await pair.open('default_destination_rate_delay = 5s\n', MASTER);
    const found = [...d.main, ...d.master].filter((x) => x.code === 'failed-cohort-limit');
    assert.deepEqual(found.map((x) => textAt(pair.main, x.range)), ['default_destination_rate_delay = 5s']);
    assert.match(messageOf(found[0]), /applies to "smtp", "relay" and "slow"/);
    const fixed = new ConfigPair(server.client);
    const d2 = await fixed.open('default_destination_rate_delay = 5s\ndefault_destination_concurrency_failed_cohort_limit = 10\n', MASTER);
    assert.deepEqual([...d2.main, ...d2.master].filter((x) => x.code === 'failed-cohort-limit'), []);
  });

  it('rate-delay-concurrency: a limit above 1 next to a rate delay is dead', async () => {
    const pair = new ConfigPair(server.client);
    const d = await pair.open('relay_destination_rate_delay = 2s\nrelay_destination_concurrency_limit = 4\nsmtp_destination_concurrency_limit = 4\n', MASTER);
    const found = d.main.filter((x) => x.code === 'rate-delay-concurrency');
    assert.deepEqual(found.map((x) => [textAt(pair.main, x.range), x.severity]), [['relay_destination_concurrency_limit = 4', 3]]);
    assert.match(messageOf(found[0]), /one message at a time per destination for "relay" .* so this concurrency limit of 4 has no effect/);
  });

  it('initial-above-limit: an initial concurrency set above the limit', async () => {
    const pair = new ConfigPair(server.client);
    const d = await pair.open('slow_destination_concurrency_limit = 2\nslow_initial_destination_concurrency = 3\nsmtp_destination_concurrency_limit = 2\n', MASTER);
    const found = d.main.filter((x) => x.code === 'initial-above-limit');
    assert.deepEqual(found.map((x) => [textAt(pair.main, x.range), x.severity]), [['slow_initial_destination_concurrency = 3', 3]]);
    assert.match(messageOf(found[0]), /initial concurrency 3 is above the destination concurrency limit \(slow: slow_destination_concurrency_limit = 2 \(main\.cf\)\)/);
  });

  it('concurrency-above-process-limit: on the transport\'s own line; a global limit leaves maxproc as the deliberate cap', async () => {
    const pair = new ConfigPair(server.client);
    const d = await pair.open('slow_destination_concurrency_limit = 10\n', MASTER);
    const found = [...d.main, ...d.master].filter((x) => x.code === 'concurrency-above-process-limit');
    assert.deepEqual(found.map((x) => textAt(pair.main, x.range)), ['slow_destination_concurrency_limit = 10']);
    assert.match(messageOf(found[0]), /"slow" allows 10 deliveries per destination .* but runs at most 4 processes \(maxproc 4\): the process limit is the real cap/);
    const global = new ConfigPair(server.client);
    const g = await global.open('default_destination_concurrency_limit = 8\n', MASTER);
    assert.deepEqual([...g.main, ...g.master].filter((x) => x.code === 'concurrency-above-process-limit'), []);
  });

  it('recipient-limit-one: a per-destination limit then applies per recipient', async () => {
    const pair = new ConfigPair(server.client);
    const d = await pair.open('relay_destination_recipient_limit = 1\nrelay_destination_concurrency_limit = 2\nsmtp_destination_recipient_limit = 1\n', MASTER);
    const found = d.main.filter((x) => x.code === 'recipient-limit-one');
    assert.deepEqual(found.map((x) => [textAt(pair.main, x.range), x.severity]), [['relay_destination_recipient_limit = 1', 2]]);
    assert.match(messageOf(found[0]), /every recipient of "relay" its own destination, so relay_destination_concurrency_limit = 2 \(main\.cf\) applies per recipient/);
  });
});
