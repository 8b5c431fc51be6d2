/**
 * The client settings each smtp/lmtp transport sends with (TLS, source addresses, fallback
 * relay), as its own process reads them: shared between the transports that override
 * nothing main.cf's values depend on, read apart for the others.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { clientSessionsOf } from '../../server/core/model/clientSessions';
import { Configuration } from '../../server/core/model/configuration';

function sessions(main: string, master: string): Map<string, ReturnType<typeof clientSessionsOf>> {
  const config = new Configuration({ mainText: main, masterText: master, version: '3.10' });
  return new Map(config.services.filter((s) => s.role === 'outbound').map((s) => [s.name, clientSessionsOf(config, s)]));
}

const MASTER = [
  'plain unix - - n - - smtp',
  'helo unix - - n - - smtp -o smtp_helo_name=x.example -o smtp_connection_cache_on_demand=no',
  'bound unix - - n - - smtp -o smtp_bind_address=192.0.2.7',
  'fallback unix - - n - - smtp -o fallback_relay=[backup.example]',
  '',
].join('\n');

describe('client sessions per transport', () => {
  it('share what main.cf gives when a transport overrides nothing it depends on', () => {
    const s = sessions('smtp_tls_security_level = may\n', MASTER);
    assert.equal(s.get('helo'), s.get('plain'), 'the same object: -o smtp_helo_name changes no client setting');
    assert.notEqual(s.get('bound'), s.get('plain'));
    assert.equal(s.get('bound')!.bind.ipv4, '192.0.2.7');
    assert.equal(s.get('plain')!.bind.ipv4, '');
  });

  it('read apart a name a default refers to: smtp_fallback_relay = $fallback_relay', () => {
    const s = sessions('', MASTER);
    assert.equal(s.get('fallback')!.fallbackRelay.value, '[backup.example]');
    assert.equal(s.get('plain')!.fallbackRelay.value, '');
  });

  it('follow a client setting that main.cf makes refer to another one', () => {
    const s = sessions('smtp_bind_address6 = $smtp_bind_address\ninet_protocols = all\n', MASTER.replace('192.0.2.7', '2001:db8::7'));
    assert.equal(s.get('bound')!.bind.ipv6, '2001:db8::7', 'the -o reaches the value that refers to it');
  });
});
