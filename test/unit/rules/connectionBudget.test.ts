/**
 * connection-budget with the second model: the wording says "can reach" where caching
 * makes the number an envelope and mentions lingering cached sessions only then; source
 * addresses are budgeted apart; TLS, a transport rate delay and a recipient limit of 1
 * change the verdict the way the lab measured.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { run, severities } from '../../helpers/analysis';

const CODE = 'connection-budget';
const OFF = '  -o smtp_connection_cache_on_demand=no';

describe('connection-budget', () => {
  it('risk zone with caching off: exact, and no word about a lingering cached session', () => {
    const main = '# @receiver lab max-connections=2 transports=strict\nstrict_destination_concurrency_limit = 2\n';
    const r = run(CODE, { main, master: `strict unix - - n - 10 smtp\n${OFF}\n` });
    assert.deepEqual(severities(r), ['warning', 'warning']);
    assert.equal(r.found[0].message, 'Receiver "lab" can see up to 2 sessions at once from this host (strict: 2 = 2 of 2), exactly the 2 it allows: risk zone, no room for a retry wave or another sender.');
  });

  it('with caching in effect the number is what the receiver can reach, and the message says how to make it exact', () => {
    const main = '# @receiver lab max-connections=4 transports=strict\nstrict_destination_concurrency_limit = 2\n';
    const r = run(CODE, { main, master: 'strict unix - - n - 10 smtp\n' });
    assert.equal(r.found[0].message, 'Receiver "lab" can reach 4 sessions at once from this host (strict: 4 = 4 of 4), exactly the 4 it allows: risk zone, no room for a retry wave, a lingering cached session or another sender. With connection caching in effect, a destination whose queue drains and refills while sessions are still cached gets new sessions beside them; only caching off gives an exact count (smtp_connection_cache_on_demand = no for "strict").');
    assert.match(r.found[1].message, /^strict: min\(2 x 1, 10\) \+ 1 x min\(2, 10\) cached = 4 \(maxproc 10, 2 per destination, 1 destination, connection caching on\)\. /);
  });

  it('TLS with smtp_tls_security_level = may to a receiver that offers STARTTLS: no caching, 2 of 3 is fine', () => {
    const master = 'strict unix - - n - 2 smtp\n';
    const main = (keys: string) => `# @receiver lab max-connections=3 transports=strict destinations=3${keys}\nsmtp_tls_security_level = may\n`;
    assert.deepEqual(run(CODE, { main: main(''), master }).found, []);
    const plain = run(CODE, { main: main(' starttls=no'), master });
    assert.deepEqual(severities(plain), ['error', 'error']);
    assert.match(plain.found[0].message, /can reach 8 sessions/);
  });

  it('a transport rate delay: one session over three next-hops is well below 3', () => {
    const main = '# @receiver lab max-connections=3 transports=strict destinations=3\nstrict_destination_concurrency_limit = 2\nstrict_transport_rate_delay = 1s\n';
    assert.deepEqual(run(CODE, { main, master: `strict unix - - n - 10 smtp\n${OFF}\n` }).found, []);
  });

  it('recipient limit 1: maxproc 30 against a cap of 20 is an error even with no concurrency limit set', () => {
    const main = '# @receiver lab max-connections=20 transports=strict\nstrict_destination_recipient_limit = 1\n';
    const r = run(CODE, { main, master: `strict unix - - n - [[30]] smtp\n${OFF}\n` });
    assert.deepEqual(severities(r), ['error', 'error']);
    assert.match(r.found[1].message, /^strict: 30 = 30 \(maxproc 30, every recipient its own destination \(recipient limit 1\), 1 destination, connection caching off\)/);
  });

  it('two bind addresses: each source has its own 2 of 2 (risk zone), not "4 of 2, expect 421"', () => {
    const main = '# @receiver lab max-connections=2 transports=a,b\ninet_protocols = ipv4\na_destination_concurrency_limit = 2\nb_destination_concurrency_limit = 2\n';
    const master = `a unix - - n - 10 smtp\n${OFF}\n  -o smtp_bind_address=203.0.113.5\nb unix - - n - 10 smtp\n${OFF}\n  -o smtp_bind_address=203.0.113.6\n`;
    const r = run(CODE, { main, master });
    assert.deepEqual(severities(r), ['warning', 'warning', 'warning', 'warning']);
    assert.deepEqual(r.found.filter((f) => f.file === 'main').map((f) => f.message), [
      'Receiver "lab" can see up to 2 sessions at once from 203.0.113.5 (a: 2 = 2 of 2 from 203.0.113.5), exactly the 2 it allows: risk zone, no room for a retry wave or another sender.',
      'Receiver "lab" can see up to 2 sessions at once from 203.0.113.6 (b: 2 = 2 of 2 from 203.0.113.6), exactly the 2 it allows: risk zone, no room for a retry wave or another sender.',
    ]);
    assert.deepEqual(run(CODE, { main: main.replace('transports=a,b', 'transports=a,b source=203.0.113.6 max-connections=3').replace('max-connections=2 ', ''), master }).found, []);
  });

  it('a fallback relay: every next-hop of the transport can fall back, so maxproc counts', () => {
    const main = '# @receiver relay max-connections=5 transports=strict fallback=yes\nsmtp_fallback_relay = [relay.example.net]\nstrict_destination_concurrency_limit = 2\n';
    const r = run(CODE, { main, master: `strict unix - - n - [[10]] smtp\n${OFF}\n` });
    assert.deepEqual(severities(r), ['error', 'error']);
    assert.match(r.found[1].message, /^strict: 10 = 10 \(maxproc 10, 2 per destination, fallback relay of every next-hop, connection caching off\)/);
  });

  it('a transport whose negative limit stops it adds nothing', () => {
    const main = '# @receiver lab max-connections=1 transports=strict\nstrict_destination_concurrency_limit = -1\n';
    assert.deepEqual(run(CODE, { main, master: 'strict unix - - n - 10 smtp\n' }).found, []);
  });
});
