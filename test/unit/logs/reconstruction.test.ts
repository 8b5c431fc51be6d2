/**
 * Sessions over time from delivery lines, worked out by hand. RFC 3339 stamps (1 µs), so
 * the numbers below are the explainer's allowances and Postfix's rounding only: a stamp
 * follows its event by up to 0.25 s; delays between 1 and 10 s are rounded to 0.1 s (so
 * d=2.5 is 2.45..2.55), below 1 s to 0.01 s; a session not cached closes within 1 s.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { ConfigFiles, DEFAULT_SETTINGS, LogReport, createLanguageService } from '../../../server/core/languageService';

const service = createLanguageService();
const T0 = Date.UTC(2026, 11, 3, 12, 0, 0) / 1000;
const at = (s: number): string => new Date((T0 + s) * 1000).toISOString().replace('Z', '000+00:00');
const line = (s: number, text: string): string => `${at(s)} mx postfix/smtp[100]: ${text}`;
const RELAY = 'relay=mx.example.net[192.0.2.10]:25';

/** A at 10 s: c=0.5, d=2.5. B at 15 s reuses its session (conn_use=2). C at 11 s: a 421 at the greeting. */
const A = line(10, `AAAAA11111: to=<a@example.net>, ${RELAY}, delay=3.2, delays=0.1/0.1/0.5/2.5, dsn=2.0.0, status=sent (250 2.0.0 Ok)`);
const C = line(11, `CCCCC33333: to=<c@example.net>, ${RELAY}, delay=0.3, delays=0.2/0.05/0.01/0, dsn=4.7.0, status=deferred (host mx.example.net[192.0.2.10] refused to talk to me: 421 4.7.0 Too many connections)`);
const B = line(15, `BBBBB22222: to=<b@example.net>, ${RELAY}, conn_use=2, delay=2.6, delays=0.1/0/0/2.5, dsn=2.0.0, status=sent (250 2.0.0 Ok)`);

function explain(lines: string[], probes: number[], masterText?: string): LogReport {
  let config;
  if (masterText !== undefined) {
    const master = service.parse('master', 'file:///etc/postfix/master.cf', masterText) as ConfigFiles['master'];
    config = { files: { master }, settings: DEFAULT_SETTINGS };
  }
  const stream = service.explainLog({ source: 'test', probes: probes.map((p) => T0 + p) }, config);
  stream.write(lines.join('\n') + '\n');
  return stream.end();
}

const counts = (r: LogReport): [number, number, number][] => r.probes.map((p) => [Math.round((p.at - T0) * 1000) / 1000, p.open.certain, p.open.possible]);

describe('sessions over time', () => {
  it('a delivery is certainly open during its transmission, possibly from its hand-off, then possibly cached for 2 s + 1 s', () => {
    // certain [10 + 1e-6 - 2.45, 10 - 0.25] = [7.55, 9.75]; possible [9.75 - 2.55 - 0.505, 10 + 1e-6 + 3] = [6.695, 13].
    const r = explain([A], [6.6, 6.8, 7.5, 7.6, 9.7, 9.8, 12.9, 13.1]);
    assert.deepEqual(counts(r), [[6.6, 0, 0], [6.8, 0, 1], [7.5, 0, 1], [7.6, 1, 1], [9.7, 1, 1], [9.8, 0, 1], [12.9, 0, 1], [13.1, 0, 0]]);
  });

  it('a reused session was certainly idle between its last possible use and its next hand-off', () => {
    // B's session was used before (conn_use=2): by A, the only use 1 that ended in time, at 10 at the latest;
    // B took it from the cache at 15 - 0.25 - 2.55 - 0.005 = 12.195 at the earliest: idle [10, 12.195].
    // A being the only possible previous use, its idle tail ends where B's hand-off can start.
    const r = explain([A, B], [11, 12.1, 12.3, 13.5]);
    assert.deepEqual(counts(r), [[11, 1, 1], [12.1, 1, 1], [12.3, 0, 1], [13.5, 1, 1]]);
    assert.equal(r.receivers[0].reusedSessions, 1);
  });

  it('with caching off for the transport, a session closes within a second of its last reply', () => {
    const r = explain([A], [10.9, 11.1, 12.5], 'smtp unix - - n - - smtp\n  -o smtp_connection_cache_on_demand=no\n');
    assert.deepEqual(counts(r), [[10.9, 0, 1], [11.1, 0, 0], [12.5, 0, 0]]);
  });

  it('explains a 421: what was open while it came, the queue IDs in progress, and the cap it pins', () => {
    const r = explain([A, C, B], []).receivers[0];
    assert.equal(r.refusalCount, 1);
    const f = r.refusals[0];
    assert.deepEqual([f.open, f.active, f.idle], [{ certain: 1, possible: 1 }, { certain: 0, possible: 0 }, { certain: 1, possible: 1 }]);
    assert.equal(f.code, '421');
    assert.equal(f.phase, 'greeting');
    assert.equal(f.queueId, 'CCCCC33333');
    assert.equal(f.relay, 'mx.example.net[192.0.2.10]');
    assert.equal(r.cap.status, 'pinned');
    assert.equal(r.cap.value, 1);
    assert.equal(r.cap.text, 'The cap is 1: it accepted 1 session at once (3 times), and it refused with at most 1 open (1 refusal).');
  });

  it('names the deliveries in progress at a refusal', () => {
    const D = line(12, `DDDDD44444: to=<d@example.net>, ${RELAY}, delay=0.2, delays=0.1/0.05/0.01/0, dsn=4.7.0, status=deferred (host mx.example.net[192.0.2.10] refused to talk to me: 421 4.7.0 Too many connections)`);
    const E = line(13, `EEEEE55555: to=<e@example.net>, ${RELAY}, delay=3, delays=0.1/0.1/0.2/2.5, dsn=2.0.0, status=sent (250 2.0.0 Ok)`);
    const f = explain([A, D, E], []).receivers[0].refusals[0];
    assert.deepEqual(f.inProgress, ['EEEEE55555']);
    assert.deepEqual(f.active, { certain: 1, possible: 1 });
  });

  it('reads the transport from the syslog name, and from the configuration when it has one', () => {
    const relayLine = line(10, `FFFFF66666: to=<f@example.org>, ${RELAY}, delay=3, delays=0.1/0.1/0.2/2.5, dsn=2.0.0, status=sent (250 2.0.0 Ok)`).replace('postfix/smtp', 'postfix/orange/smtp');
    assert.deepEqual(explain([relayLine], []).receivers[0].transports, [{ name: 'orange', from: 'syslog-name' }]);
    const master = 'smtp unix - - n - - smtp\nstrict unix - - n - 2 smtp\n  -o syslog_name=postfix/orange\n';
    assert.deepEqual(explain([relayLine], [], master).receivers[0].transports, [{ name: 'strict', from: 'configuration' }]);
  });

  it('groups a declared receiver\'s relays into one receiver, with its cap', () => {
    const two = [A, line(12, `GGGGG77777: to=<g@example.com>, relay=mx2.example.com[192.0.2.20]:25, delay=3, delays=0.1/0.1/0.2/2.5, dsn=2.0.0, status=sent (250 2.0.0 Ok)`)];
    assert.deepEqual(explain(two, []).receivers.map((r) => r.key).sort(), ['mx.example.net', 'mx2.example.com']);
    const service2 = createLanguageService();
    const main = service2.parse('main', 'file:///etc/postfix/main.cf', '# @receiver example max-connections=3 transports=smtp\n') as ConfigFiles['main'];
    const master = service2.parse('master', 'file:///etc/postfix/master.cf', 'smtp unix - - n - - smtp\n') as ConfigFiles['master'];
    const stream = service2.explainLog({ source: 'test' }, { files: { main, master }, settings: DEFAULT_SETTINGS });
    stream.write(two.join('\n'));
    const r = stream.end().receivers;
    assert.deepEqual(r.map((x) => [x.key, x.declared?.maxConnections, x.relays.length]), [['example', 3, 2]]);
  });
});
