/**
 * Postfix's delivery lines (log_adhoc.c) and the replies in them (smtp_proto.c,
 * smtp_trouble.c), from the budget lab's logs, and the bounds of a delay as format_tv()
 * rounds it.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { delayBounds, isRefusal, queueIdOf, readDelivery, readRelay, readReply } from '../../../server/core/logs/delivery';

const body = (message: string): [string, string] => {
  const id = queueIdOf(message)!;
  return [id, message.slice(id.length + 2)];
};

describe('delivery lines', () => {
  it('reads a delivery over a reused session', () => {
    const d = readDelivery(...body('59BBE22495A: to=<u15@d1.test>, relay=127.0.0.1[127.0.0.1]:3300, conn_use=2, delay=19, delays=10/6/0/3, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as S6.2)'));
    assert.deepEqual(d, { queueId: '59BBE22495A', to: 'u15@d1.test', relay: '127.0.0.1[127.0.0.1]:3300', connUse: 2, delays: ['10', '6', '0', '3'], dsn: '2.0.0', status: 'sent', reason: '250 2.0.0 Ok: queued as S6.2' });
  });

  it('reads orig_to, tls= and an IPv6 relay', () => {
    const d = readDelivery(...body('3xqYkZ5XdyzB: to=<a@example.net>, orig_to=<b@example.org>, relay=mx.example.net[2001:db8::1]:25, delay=1.2, delays=0.01/0/0.5/0.7, tls=may, dsn=2.0.0, status=sent (250 ok)'))!;
    assert.deepEqual([d.to, d.relay, d.delays], ['a@example.net', 'mx.example.net[2001:db8::1]:25', ['0.01', '0', '0.5', '0.7']]);
    assert.deepEqual(readRelay(d.relay), { name: 'mx.example.net', address: '2001:db8::1', port: '25' });
    assert.equal(readRelay('none'), undefined);
  });

  it('refuses lines cut short', () => {
    const whole = '56704224958: to=<u10@d1.test>, relay=127.0.0.1[127.0.0.1]:3300, delay=0.33, delays=0.3/0.02/0/0, dsn=4.7.0, status=deferred (host x)';
    for (const cut of [40, 60, 120, whole.length - 1]) assert.equal(readDelivery(...body(whole.slice(0, cut))), undefined, whole.slice(0, cut));
    assert.equal(queueIdOf('warning: x'), undefined);
  });

  it('reads a refusal at the greeting, a reply to a command, and a suspended destination', () => {
    const greeting = readReply('host 127.0.0.1[127.0.0.1] refused to talk to me: 421 4.7.0 sink.budget.test Too many connections, try later');
    assert.deepEqual(greeting, { code: '421', phase: 'greeting', server: '127.0.0.1[127.0.0.1]', text: '421 4.7.0 sink.budget.test Too many connections, try later', suspended: false });
    assert.ok(isRefusal(greeting));
    const rcpt = readReply('host mx.example.net[192.0.2.1] said: 450 4.2.0 <a@example.net>: Recipient address rejected: Greylisted (in reply to RCPT TO command)');
    assert.deepEqual([rcpt.code, rcpt.phase, isRefusal(rcpt)], ['450', 'RCPT TO', false]);
    const ms = readReply('host x.mail.protection.outlook.com[192.0.2.5] said: 432 4.3.2 Concurrent connections limit exceeded. Visit https://aka.ms/concurrent_sending (in reply to EHLO command)');
    assert.ok(isRefusal(ms), 'a connection limit in reply to EHLO');
    const dot = readReply('host mx[192.0.2.1] said: 421 4.4.2 timeout (in reply to end of DATA command)');
    assert.deepEqual([dot.phase, isRefusal(dot)], ['end of DATA', false]);
    const suspended = readReply('delivery temporarily suspended: host 127.0.0.1[127.0.0.1] refused to talk to me: 421 4.7.0 sink.budget.test Too many connections, try later');
    assert.deepEqual([suspended.suspended, suspended.code, suspended.server], [true, '421', '127.0.0.1[127.0.0.1]']);
    assert.deepEqual(readReply('connect to mx[192.0.2.1]:25: Connection timed out').code, '');
  });

  it('bounds a delay the way format_tv() rounds it: two significant digits, at most delay_logging_resolution_limit decimals', () => {
    const b = (t: string, digits?: number): number[] => delayBounds(t, digits).map((x) => Math.round(x * 1e6) / 1e6);
    assert.deepEqual(b('19'), [18.5, 19.5]);
    assert.deepEqual(b('3'), [2.95, 3.05]);
    assert.deepEqual(b('2.5'), [2.45, 2.55]);
    assert.deepEqual(b('0.33'), [0.325, 0.335]);
    assert.deepEqual(b('0'), [0, 0.005]);
    assert.deepEqual(b('0.5', 3), [0.495, 0.505], 'two significant digits even with 3 decimals allowed');
    assert.deepEqual(b('0.057', 3), [0.0565, 0.0575]);
    assert.deepEqual(b('0', 0), [0, 0.5]);
    assert.deepEqual(b('3', 0), [2.5, 3.5]);
  });
});
