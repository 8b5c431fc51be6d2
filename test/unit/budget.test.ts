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
import { budgetLine, budgetOf, outboundService, receiverBudgets, visibleSessions } from '../../server/core/model/budget';
import { Configuration } from '../../server/core/model/configuration';
import { parseBoolean, parseInteger, parseTime } from '../../server/core/model/quantities';
import { ReceiverSetting } from '../../server/core/settings';
import { Receiver } from '../../server/core/model/receivers';
import { transportLimits } from '../../server/core/model/transportLimits';
import { postconfAvailable } from '../helpers/postconf';

const limitsOf = (config: Configuration, name: string) => transportLimits(config, outboundService(config, name)!);
const receiver = (r: Partial<Receiver> & Pick<Receiver, 'transports'>): Receiver =>
  ({ name: 'lab', maxConnections: 3, otherSenders: 0, destinations: 1, starttls: true, fallback: false, ...r });

describe('visible sessions (the model)', () => {
  // [label, P, L, D, X, caching, expected]; the label gives the lab's measured peak
  // (test/budget-lab/README.md). With caching the model is an envelope the lab reaches
  // when a queue drains and refills within the cache time; without it, exact.
  const rows: [string, number, number, number, number, boolean, number][] = [
    ['a: one destination, caching: 2 active + 2 cached (measured 2 in one burst)', 2, 20, 1, Infinity, true, 4],
    ['drain1: limit 2, one destination, queue refilled (measured 4, the old model said 2)', 10, 2, 1, Infinity, true, 4],
    ['refill, limit 1 (measured 2)', 10, 1, 1, Infinity, true, 2],
    ['refill, limit 3 (measured 6)', 10, 3, 1, Infinity, true, 6],
    ['refill, limit 2 x 3 next-hops (measured 12)', 10, 2, 3, Infinity, true, 12],
    ['b_samehost: maxproc 2, caching, 3 next-hops (measured 4-6; the old model said 42)', 2, 20, 3, Infinity, true, 8],
    ['d_b_samehost: maxproc 2, caching off (measured 2)', 2, 20, 3, Infinity, false, 2],
    ['d3_samehost: limit 2 x 3, caching off (measured 6)', 10, 2, 3, Infinity, false, 6],
    ['f3: rate delay -> 1 x 3, caching (measured 3; 2 per next-hop when refilled)', 10, 1, 3, Infinity, true, 6],
    ['xrate: transport rate delay, caching off (measured 1, the old model said 6)', 10, 2, 3, 1, false, 1],
    ['transport rate delay with caching: 1 active + 1 cached per next-hop', 10, 2, 3, 1, true, 4],
    ['rcpt1: recipient limit 1 lifts L, caching off (measured 30, the old model said 20)', 30, Infinity, 1, Infinity, false, 30],
    ['classic orange, caching off', 100, 1, 2, Infinity, false, 2],
    ['no process limit, caching off', Infinity, 2, 3, Infinity, false, 6],
    ['no concurrency limit, caching off', 5, Infinity, 3, Infinity, false, 5],
    ['a negative limit: no delivery ever starts (measured 0, the old model said 20)', 10, -1, 1, Infinity, true, 0],
    ['no limits at all', Infinity, Infinity, 1, Infinity, true, Infinity],
  ];
  for (const [label, P, L, D, X, caching, expected] of rows) {
    it(label, () => assert.equal(visibleSessions({ processLimit: P, perDestination: L, destinations: D, transportCap: X, caching }), expected));
  }

  it('a fallback relay is one address fed by every next-hop: its cached sessions match its active ones', () => {
    const relay = (D: number, caching: boolean): number => visibleSessions({ processLimit: 10, perDestination: 2, destinations: D, caching, fallback: true });
    assert.equal(relay(3, false), 6, 'fallback lab run: 3 refused next-hops at limit 2 gave the relay 6');
    assert.equal(relay(Infinity, false), 10, 'every next-hop may fall back: maxproc');
    assert.equal(relay(3, true), 12);
  });
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
    const orange = receiver({ name: 'orange', maxConnections: 3, transports: ['orange', 'wanadoo', 'nosuch'], otherSenders: 1, destinations: 2 });
    const b = budgetOf(config, orange);
    assert.deepEqual(b.shares.map((s) => [s.transport, s.visible, s.formula]), [['orange', 2, 'min(1 x 2, 2) = 2'], ['wanadoo', 1, 'min(1 x 2, 1) = 1']]);
    assert.deepEqual(b.missing, ['nosuch']);
    assert.equal(b.visible, 4);
    assert.equal(b.status, 'over');
    assert.equal(b.exact, true);
    assert.equal(budgetLine(b), 'orange: 2 + wanadoo: 1 + 1 other = 4 of 3 (expect 421)');
    assert.equal(budgetLine(budgetOf(config, { ...orange, maxConnections: 4 })), 'orange: 2 + wanadoo: 1 + 1 other = 4 of 4 (risk zone)');
    assert.equal(budgetLine(budgetOf(config, { ...orange, maxConnections: 9, otherSenders: 0 })), 'orange: 2 + wanadoo: 1 = 3 of 9 (ok)');
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

/** Receiver "lab" (cap 3 unless given) served by transport "strict", from real text, through receiverBudgets as the diagnostics see it. */
function labBudgets(main: string, master: string, r: Partial<ReceiverSetting> = {}, version?: string) {
  const config = new Configuration({ mainText: main, masterText: master, version });
  return receiverBudgets(config, [{ name: 'lab', maxConnections: 3, transports: ['strict'], ...r }]);
}
const STRICT = (maxproc: number, ...options: string[]): string => [`strict unix - - n - ${maxproc} smtp`, ...options.map((o) => `  -o ${o}`), ''].join('\n');

describe('second round: what the lab and the source overturned', () => {
  it('a refilled queue: limit 2, one destination, caching on can reach 4 (measured 4), not "at most 2"', () => {
    const [b] = labBudgets('strict_destination_concurrency_limit = 2\n', STRICT(10), { maxConnections: 4 });
    assert.deepEqual([b.visible, b.exact, b.shares[0].formula], [4, false, 'min(2 x 1, 10) + 1 x min(2, 10) cached = 4']);
    assert.equal(budgetLine(b), 'strict: 4 = 4 of 4 (can reach: risk zone)');
    const [off] = labBudgets('strict_destination_concurrency_limit = 2\n', STRICT(10, 'smtp_connection_cache_on_demand=no'), { maxConnections: 4 });
    assert.deepEqual([off.visible, off.exact, off.status], [2, true, 'under']);
  });

  it('TLS: smtp_tls_security_level = may to a receiver that offers STARTTLS caches nothing (measured 2, the old model said 42)', () => {
    const [b] = labBudgets('smtp_tls_security_level = may\n', STRICT(2), { destinations: 3 });
    assert.deepEqual([b.visible, b.exact, b.status, b.shares[0].tls, b.shares[0].cachingInEffect], [2, true, 'under', true, false]);
    const [limit2] = labBudgets('smtp_tls_security_level = may\nstrict_destination_concurrency_limit = 2\n', STRICT(2), { destinations: 3 });
    assert.equal(limit2.visible, 2, 'the old model said 6 at a limit of 2');
    assert.equal(labBudgets('smtp_tls_security_level = may\n', STRICT(2), { destinations: 3, starttls: false })[0].visible, 8, 'no STARTTLS offered: plaintext, cached');
    assert.equal(labBudgets('smtp_tls_security_level = may\n', STRICT(2, 'smtp_tls_connection_reuse=yes'), { destinations: 3 })[0].visible, 8, 'TLS reuse (-o) caches through tlsproxy');
    assert.equal(labBudgets('smtp_tls_security_level = encrypt\n', STRICT(2), { destinations: 3, starttls: false })[0].visible, 2, 'encrypt is TLS always');
    assert.equal(labBudgets('smtp_tls_security_level = none\n', STRICT(2), { destinations: 3 })[0].visible, 8, 'none is plaintext');
    assert.equal(labBudgets('smtp_use_tls = yes\n', STRICT(2), { destinations: 3 })[0].visible, 2, 'the obsolete smtp_use_tls = yes is may');
    assert.equal(labBudgets('', STRICT(2), { destinations: 3 })[0].visible, 8, 'the default of 3.7 is plaintext');
    assert.equal(labBudgets('compatibility_level = 3.11\n', STRICT(2), { destinations: 3 }, '3.11')[0].visible, 2, '3.11 at level 3.11: may by default');
    assert.equal(labBudgets('compatibility_level = 3.6\n', STRICT(2), { destinations: 3 }, '3.11')[0].visible, 8);
    const lmtp = 'strict unix - - n - 2 lmtp\n  -o lmtp_tls_security_level=may\n';
    assert.equal(labBudgets('smtp_tls_security_level = none\n', lmtp, { destinations: 3 })[0].visible, 2, 'lmtp reads lmtp_*');
  });

  it('a transport rate delay: 1 session over all next-hops (measured 1, the old model said 6)', () => {
    const [b] = labBudgets('strict_destination_concurrency_limit = 2\nstrict_transport_rate_delay = 1s\n', STRICT(10, 'smtp_connection_cache_on_demand=no'), { destinations: 3 });
    assert.deepEqual([b.visible, b.exact, b.status], [1, true, 'under']);
    assert.equal(labBudgets('default_transport_rate_delay = 2s\n', STRICT(10, 'smtp_connection_cache_on_demand=no'), { destinations: 3 })[0].visible, 1, 'default_transport_rate_delay');
  });

  it('recipient limit 1: the peak is maxproc whatever the concurrency limit (measured 30, the old model said 20)', () => {
    const [b] = labBudgets('strict_destination_recipient_limit = 1\n', STRICT(30, 'smtp_connection_cache_on_demand=no'), { maxConnections: 40 });
    assert.deepEqual([b.visible, b.exact], [30, true]);
    assert.equal(labBudgets('strict_destination_recipient_limit = 1\nstrict_destination_concurrency_limit = 2\n', STRICT(30, 'smtp_connection_cache_on_demand=no'))[0].visible, 30);
  });

  it('source addresses: transports bound to different addresses are budgeted apart (2 and 2 of 2, not "4 of 2")', () => {
    const master = `${STRICT(2, 'smtp_connection_cache_on_demand=no', 'smtp_bind_address=203.0.113.5')}${STRICT(2, 'smtp_connection_cache_on_demand=no', 'smtp_bind_address=203.0.113.6').replace('strict', 'strict2')}`;
    const main = 'inet_protocols = ipv4\nstrict_destination_concurrency_limit = 2\nstrict2_destination_concurrency_limit = 2\n';
    const budgets = labBudgets(main, master, { transports: ['strict', 'strict2'], maxConnections: 2 });
    assert.deepEqual(budgets.map((b) => [b.source, b.visible, b.status, budgetLine(b)]), [
      ['203.0.113.5', 2, 'at', 'strict: 2 = 2 of 2 from 203.0.113.5 (risk zone)'],
      ['203.0.113.6', 2, 'at', 'strict2: 2 = 2 of 2 from 203.0.113.6 (risk zone)'],
    ]);
    const only = labBudgets('', master, { transports: ['strict', 'strict2'], maxConnections: 2, source: '203.0.113.6' });
    assert.deepEqual(only.map((b) => [b.source, b.shares.map((s) => s.transport), b.apart]), [[undefined, ['strict2'], ['strict']]]);
    // With IPv6 on as well and no smtp_bind_address6, both reach an IPv6 receiver from one default address.
    const dual = labBudgets('inet_protocols = all\n', master, { transports: ['strict', 'strict2'], maxConnections: 4 });
    assert.deepEqual(dual.map((b) => [b.source, b.visible]), [['203.0.113.5', 2], ['203.0.113.6', 2], ['the default IPv6 address', 4]]);
  });

  it('source addresses: a transport with no bound address counts toward each address; IPv4 and IPv6 apart', () => {
    const off = 'smtp_connection_cache_on_demand=no';
    const master = `${STRICT(2, off, 'smtp_bind_address=203.0.113.5')}${STRICT(1, off).replace('strict', 'other')}`;
    const [b] = labBudgets('', master, { transports: ['strict', 'other'] });
    assert.deepEqual([b.visible, b.shares.length], [3, 2], 'the unbound transport may send from 203.0.113.5 too');
    const families = `${STRICT(2, off, 'inet_protocols=ipv4')}${STRICT(2, off, 'inet_protocols=ipv6').replace('strict', 'strict6')}`;
    const apart = labBudgets('', families, { transports: ['strict', 'strict6'] });
    assert.deepEqual(apart.map((x) => [x.source, x.visible]), [['the default IPv4 address', 2], ['the default IPv6 address', 2]]);
    const both = labBudgets('inet_protocols = all\n', `${STRICT(2, off)}${STRICT(2, off).replace('strict', 'strict6')}`, { transports: ['strict', 'strict6'] });
    assert.deepEqual(both.map((x) => [x.source, x.visible]), [[undefined, 4]], 'both over IPv4 and IPv6: one sum');
  });

  it('a fallback relay sees every next-hop that falls back: up to maxproc', () => {
    const main = 'smtp_fallback_relay = [relay.example.net]\nstrict_destination_concurrency_limit = 2\n';
    const [b] = labBudgets(main, STRICT(10, 'smtp_connection_cache_on_demand=no'), { fallback: true, maxConnections: 20 });
    assert.deepEqual([b.visible, b.exact, b.shares[0].formula], [10, true, '10 = 10']);
    assert.equal(labBudgets(main, STRICT(10, 'smtp_connection_cache_on_demand=no'), { fallback: true, destinations: 3 })[0].visible, 6);
  });

  it('a negative concurrency limit: qmgr starts no delivery (the old model said 20); with a rate delay it is 1', () => {
    const [b] = labBudgets('strict_destination_concurrency_limit = -1\n', STRICT(10));
    assert.deepEqual([b.visible, b.shares[0].limits.stuck], [0, true]);
    assert.equal(labBudgets('strict_destination_concurrency_limit = -1\nstrict_destination_rate_delay = 1s\n', STRICT(10, 'smtp_connection_cache_on_demand=no'))[0].visible, 1);
  });

  it('-o default_process_limit on a service changes nothing: master reads it from main.cf', () => {
    const [b] = labBudgets('default_process_limit = 7\n', 'strict unix - - n - - smtp\n  -o default_process_limit=2\n  -o smtp_connection_cache_on_demand=no\n', { maxConnections: 50 });
    assert.equal(b.shares[0].limits.processLimit, 7);
  });

  it('a failed-cohort limit of 0 or below is read as it is (dead-marking off), not as the default 1', () => {
    const config = new Configuration({ mainText: 'strict_destination_concurrency_failed_cohort_limit = 0\nsmtp_destination_concurrency_failed_cohort_limit = -1\n', masterText: `${STRICT(2)}smtp unix - - n - - smtp\n` });
    assert.deepEqual([limitsOf(config, 'strict').failedCohortLimit, limitsOf(config, 'smtp').failedCohortLimit], [0, -1]);
  });

  it('receiverBudgets gives the same budgets the rules use, one per source address', () => {
    const config = new Configuration({ mainText: '# @receiver lab max-connections=2 transports=strict source=127.0.0.1 starttls=no\n', masterText: STRICT(1, 'smtp_bind_address=127.0.0.1') });
    const [b] = receiverBudgets(config, []);
    assert.deepEqual([b.receiver.source, b.receiver.starttls, b.visible], ['127.0.0.1', false, 2]);
  });
});
