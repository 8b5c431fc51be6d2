/**
 * The budget model on real text: the formula against the lab's measurements, every value
 * resolved as Postfix resolves it (checked against postconf -xh / -Px where postconf can
 * show it), and the code lens line.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { budgetLine, budgetOf, outboundService, visibleSessions } from '../../server/core/model/budget';
import { Configuration } from '../../server/core/model/configuration';
import { parseBoolean, parseInteger, parseTime } from '../../server/core/model/quantities';
import { transportLimits } from '../../server/core/model/transportLimits';
import { postconfAvailable } from '../helpers/postconf';

const limitsOf = (config: Configuration, name: string) => transportLimits(config, outboundService(config, name)!);

describe('visible sessions (the model)', () => {
  // Rows of test/budget-lab/README.md: [P, L, D, caching] -> the prediction; the comment is the measured peak.
  const rows: [string, number, number, number, boolean, number][] = [
    ['a: one destination, caching (measured 2)', 2, 20, 1, true, 2],
    ['c3_samehost: limit 2 x 3 next-hops (measured 6)', 10, 2, 3, true, 6],
    ['d_b_samehost: maxproc 2, caching off (measured 2)', 2, 20, 3, false, 2],
    ['d3_samehost: limit 2 x 3, caching off (measured 6)', 10, 2, 3, false, 6],
    ['f3: rate delay -> 1 x 3 (measured 3)', 10, 1, 3, true, 3],
    ['b_samehost: maxproc 2 but caching and 3 next-hops (measured 4-5)', 2, 20, 3, true, 42],
    ['classic orange with caching', 100, 1, 2, true, 2],
    ['no process limit, caching off', Infinity, 2, 3, false, 6],
    ['no concurrency limit, caching off', 5, Infinity, 3, false, 5],
    ['no limits at all', Infinity, Infinity, 1, true, Infinity],
  ];
  for (const [label, P, L, D, caching, expected] of rows) {
    it(label, () => assert.equal(visibleSessions({ processLimit: P, perDestination: L, destinations: D, caching }), expected));
  }
});

describe('transport limits as Postfix resolves them', () => {
  const main = [
    'default_process_limit = 7',
    'default_destination_concurrency_limit = 3',
    'my_limit = 2',
    'wanadoo_destination_concurrency_limit = $my_limit',
    'orange_destination_rate_delay = 10sec',
    'sfr_destination_rate_delay = 0',
    'smtp_connection_cache_on_demand = no',
    'free_destination_concurrency_limit = 0',
    '',
  ].join('\n');
  const master = [
    'qmgr      unix  n       -       n       300     1       qmgr',
    '  -o free_destination_concurrency_limit=4',
    'orange    unix  -       -       n       -       -       smtp',
    '  -o orange_destination_concurrency_limit=1',
    'wanadoo   unix  -       -       n       -       5       smtp',
    '  -o smtp_connection_cache_destinations=wanadoo.fr',
    'sfr       unix  -       -       n       -       0       lmtp',
    'free      unix  -       -       n       -       2       smtp',
    '  -o smtp_connection_cache_on_demand=yes',
    '',
  ].join('\n');
  const config = new Configuration({ mainText: main, masterText: master });

  it('maxproc "-" is default_process_limit from main.cf; 0 is no limit', () => {
    assert.equal(limitsOf(config, 'orange').processLimit, 7);
    assert.equal(limitsOf(config, 'orange').processDefault?.places[0].message, 'default_process_limit = 7');
    assert.equal(limitsOf(config, 'wanadoo').processLimit, 5);
    assert.equal(limitsOf(config, 'sfr').processLimit, Infinity);
  });

  it('qmgr parameters come from qmgr\'s -o, main.cf or the transport_* default; an -o on the transport is ignored', () => {
    const orange = limitsOf(config, 'orange');
    assert.equal(orange.concurrencyLimit, 3, 'the -o on orange itself has no effect; the template default says $default_destination_concurrency_limit');
    assert.deepEqual(orange.concurrency.via, ['default_destination_concurrency_limit']);
    assert.deepEqual(orange.concurrency.places.map((p) => p.message), ['default_destination_concurrency_limit = 3']);
    assert.equal(limitsOf(config, 'wanadoo').concurrencyLimit, 2, 'expanded through $my_limit');
    assert.equal(limitsOf(config, 'free').concurrencyLimit, 4, 'qmgr\'s own -o wins over main.cf');
    assert.equal(limitsOf(config, 'free').concurrency.places[0].file, 'master');
  });

  it('a non-zero rate delay means one session per destination ("10sec" is 10 s, as conv_time reads it)', () => {
    assert.equal(limitsOf(config, 'orange').rateDelaySeconds, 10);
    assert.equal(limitsOf(config, 'orange').perDestination, 1);
    assert.equal(limitsOf(config, 'sfr').rateDelaySeconds, 0);
    assert.equal(limitsOf(config, 'sfr').perDestination, 3);
  });

  it('caching: on-demand as the client reads it (-o > main.cf > default), or any cache destinations; lmtp reads lmtp_*', () => {
    assert.equal(limitsOf(config, 'orange').caching, false, 'main.cf turns on-demand caching off');
    assert.equal(limitsOf(config, 'wanadoo').caching, true, 'smtp_connection_cache_destinations is set for wanadoo');
    assert.equal(limitsOf(config, 'free').caching, true, 'its -o turns it back on');
    assert.equal(limitsOf(config, 'sfr').caching, true, 'lmtp_connection_cache_on_demand keeps its default');
    assert.equal(limitsOf(config, 'sfr').cacheOnDemand.name, 'lmtp_connection_cache_on_demand');
  });

  it('agrees with postconf -xh and -Px on the values postconf can show', { skip: !postconfAvailable() }, () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pf-budget-'));
    writeFileSync(path.join(dir, 'main.cf'), main);
    writeFileSync(path.join(dir, 'master.cf'), master);
    const past = new Date(Date.now() - 60_000);
    for (const f of ['main.cf', 'master.cf']) utimesSync(path.join(dir, f), past, past);
    const postconf = (...args: string[]): string => spawnSync('postconf', ['-c', dir, ...args], { encoding: 'utf8' }).stdout.trim();
    for (const t of ['orange', 'wanadoo', 'sfr']) {
      const l = limitsOf(config, t);
      assert.equal(l.concurrency.value, postconf('-xh', `${t}_destination_concurrency_limit`), `${t} limit`);
      assert.equal(l.rateDelay.value, postconf('-xh', `${t}_destination_rate_delay`), `${t} rate delay`);
      assert.equal(l.failedCohort.value, postconf('-xh', `${t}_destination_concurrency_failed_cohort_limit`));
      assert.equal(l.initial.value, postconf('-xh', `${t}_initial_destination_concurrency`));
    }
    assert.equal(limitsOf(config, 'wanadoo').cacheDestinations.value, postconf('-Ph', 'wanadoo/unix/smtp_connection_cache_destinations'));
    assert.equal(limitsOf(config, 'free').cacheOnDemand.value, postconf('-Ph', 'free/unix/smtp_connection_cache_on_demand'));
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('a receiver\'s budget', () => {
  const config = new Configuration({
    mainText: '# @receiver orange max-connections=3 transports=orange,wanadoo,nosuch other-senders=1 destinations=2\n'
      + 'orange_destination_concurrency_limit = 1\nwanadoo_destination_concurrency_limit = 1\n',
    masterText: 'orange unix - - n - 2 smtp\n  -o smtp_connection_cache_on_demand=no\nwanadoo unix - - n - 1 smtp\n  -o smtp_connection_cache_on_demand=no\n',
  });
  it('sums the transports and the other senders, and says so in the lens line', () => {
    const receiver = { name: 'orange', maxConnections: 3, transports: ['orange', 'wanadoo', 'nosuch'], otherSenders: 1, destinations: 2 };
    const b = budgetOf(config, receiver);
    assert.deepEqual(b.shares.map((s) => [s.transport, s.visible, s.formula]), [['orange', 2, 'min(1 x 2, 2) = 2'], ['wanadoo', 1, 'min(1 x 2, 1) = 1']]);
    assert.deepEqual(b.missing, ['nosuch']);
    assert.equal(b.visible, 4);
    assert.equal(b.status, 'over');
    assert.equal(budgetLine(b), 'orange: 2 + wanadoo: 1 + 1 other = 4 of 3 (expect 421)');
    assert.equal(budgetLine(budgetOf(config, { ...receiver, maxConnections: 4 })), 'orange: 2 + wanadoo: 1 + 1 other = 4 of 4 (risk zone)');
    assert.equal(budgetLine(budgetOf(config, { ...receiver, maxConnections: 9, otherSenders: 0 })), 'orange: 2 + wanadoo: 1 = 3 of 9 (ok)');
  });
});

describe('numbers, times and booleans as Postfix reads them', () => {
  it('times: digits and one unit letter, default seconds', () => {
    assert.deepEqual(['0', '1s', '2', '1m', '1h', '1d', '1w', '10sec', ' 5', '', '2x', '-1s', '1.5s', 'abc'].map((t) => parseTime(t)),
      [0, 1, 2, 60, 3600, 86400, 604800, 10, 5, undefined, undefined, undefined, undefined, undefined]);
  });
  it('integers: the whole text', () => {
    assert.deepEqual(['20', ' 3', '0', '1.5', '10k', '', '-'].map(parseInteger), [20, 3, 0, undefined, undefined, undefined, undefined]);
  });
  it('booleans: yes or no in any case', () => {
    assert.deepEqual(['yes', 'NO', 'Yes', 'true', ''].map(parseBoolean), [true, false, true, undefined, undefined]);
  });
});
