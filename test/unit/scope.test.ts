/** The scope model: which side reads a parameter, and whether a service's program does. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { counterpartFor, isQmgrParameter, programReads, scopeOf, scopeSentence } from '../../server/core/model/scope';

describe('scope of parameters', () => {
  it('classifies by the programs that read them', () => {
    const cases: [string, string][] = [
      ['smtp_tls_security_level', 'outbound'], ['lmtp_tls_security_level', 'outbound'], ['smtp_connection_cache_on_demand', 'outbound'],
      ['smtpd_tls_security_level', 'inbound'], ['smtpd_junk_command_limit', 'inbound'], ['anvil_rate_time_unit', 'inbound'],
      ['postscreen_dnsbl_sites', 'inbound'], ['tlsproxy_tls_cert_file', 'inbound'], ['tlsproxy_client_level', 'outbound'],
      ['default_destination_concurrency_limit', 'qmgr'], ['initial_destination_concurrency', 'qmgr'],
      ['orange_destination_rate_delay', 'qmgr'], ['myhostname', 'other'], ['header_checks', 'other'],
    ];
    assert.deepEqual(cases.map(([n]) => [n, scopeOf(n)]), cases);
  });

  it('has a plain sentence for each side', () => {
    assert.match(scopeSentence('inbound'), /^Inbound: applies when other systems connect to this server; it does not change outbound delivery\.$/);
    assert.match(scopeSentence('outbound'), /^Outbound: /);
    assert.match(scopeSentence('qmgr'), /^Queue manager: /);
    assert.equal(scopeSentence('other'), '');
  });

  it('knows which program reads what (lmtp is the smtp binary reading lmtp_*)', () => {
    const cases: [string, string, boolean | undefined][] = [
      ['smtpd', 'smtp_tls_security_level', false], ['smtpd', 'smtpd_tls_security_level', true], ['smtpd', 'syslog_name', true],
      ['smtp', 'smtpd_sasl_auth_enable', false], ['smtp', 'lmtp_tls_security_level', false], ['smtp', 'smtp_helo_timeout', true],
      ['lmtp', 'smtp_dns_support_level', false], ['lmtp', 'lmtp_dns_support_level', true], ['smtpd', 'non_smtpd_milters', false],
      ['postscreen', 'smtpd_tls_security_level', true], ['smtpd', 'mua_client_restrictions', undefined], ['myfilter', 'smtp_helo_timeout', undefined],
    ];
    assert.deepEqual(cases.map(([p, n]) => [p, n, programReads(p, n)]), cases);
  });

  it('finds the counterpart the service reads', () => {
    assert.equal(counterpartFor('smtp_tls_security_level', 'smtpd'), 'smtpd_tls_security_level');
    assert.equal(counterpartFor('smtpd_sasl_auth_enable', 'smtp'), 'smtp_sasl_auth_enable');
    assert.equal(counterpartFor('smtp_dns_support_level', 'lmtp'), 'lmtp_dns_support_level');
    assert.equal(counterpartFor('smtp_send_xforward_command', 'spawn'), undefined);
  });

  it('recognises queue-manager parameters', () => {
    assert.deepEqual(['turtle_destination_rate_delay', 'default_destination_rate_delay', 'qmgr_message_active_limit', 'minimal_backoff_time', 'smtp_helo_timeout'].map(isQmgrParameter),
      [true, true, true, false, false]);
  });
});
