/**
 * Scope diagnostics through the real server: scope-mismatch, qmgr-parameter-in-service,
 * transport-not-outbound and inbound-limit-hint, and the quick-fixes of the first two
 * applied and re-checked until the diagnostic is gone.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { ConfigPair } from '../helpers/configPair';
import { messageOf, suiteServer, textAt } from '../helpers/lspSuite';

const MASTER = [
  'smtp      inet  n       -       y       -       -       smtpd',
  'submission inet n       -       y       -       -       smtpd',
  '  -o smtp_tls_security_level=encrypt',
  '  -o smtpd_sasl_auth_enable=yes',
  'relay     unix  -       -       n       -       -       smtp',
  '  -o smtpd_tls_security_level=may',
  '  -o smtp_helo_timeout=5',
  'dovecot   unix  -       -       n       -       -       lmtp',
  '  -o smtp_dns_support_level=disabled',
  'turtle    unix  -       -       n       -       -       smtp',
  '  -o turtle_destination_rate_delay=1s',
  '  -o default_destination_concurrency_limit=2',
  '  -o syslog_name=postfix/turtle',
  'qmgr      unix  n       -       n       300     1       qmgr',
  '  -o qmgr_message_active_limit=5000',
  '',
].join('\n');

describe('scope diagnostics over LSP', () => {
  const server = suiteServer();

  it('scope-mismatch: names the reading side and the counterpart', async () => {
    const pair = new ConfigPair(server.client);
    const d = await pair.open('myhostname = mx.example.com\n', MASTER);
    const found = d.master.filter((x) => x.code === 'scope-mismatch');
    assert.deepEqual(found.map((x) => [x.range.start.line, textAt(pair.master, x.range), x.severity]), [
      [2, 'smtp_tls_security_level', 2], [5, 'smtpd_tls_security_level', 2], [8, 'smtp_dns_support_level', 2],
    ]);
    assert.equal(messageOf(found[0]), '"smtp_tls_security_level" is read by the smtp/lmtp client (outbound delivery), but "submission" runs smtpd: this -o has no effect. Did you mean "smtpd_tls_security_level"?');
    assert.equal(messageOf(found[1]), '"smtpd_tls_security_level" is read by postscreen, smtpd, tlsproxy (inbound: the servers that accept mail), but "relay" runs smtp: this -o has no effect. Did you mean "smtp_tls_security_level"?');
    assert.match(messageOf(found[2]), /but "dovecot" runs lmtp: .* Did you mean "lmtp_dns_support_level"\?/);
  });

  it('scope-mismatch quick-fix renames to the counterpart, and the warning is gone', async () => {
    const pair = new ConfigPair(server.client);
    await pair.open('myhostname = mx.example.com\n', MASTER);
    await pair.fixAll({ code: 'scope-mismatch', titlePrefix: 'Rename to', rounds: 5 });
    assert.deepEqual(await pair.withCode('scope-mismatch'), []);
    assert.match(pair.master, /^ {2}-o smtpd_tls_security_level=encrypt$/m);
    assert.match(pair.master, /^relay .*\n {2}-o smtp_tls_security_level=may$/m);
    assert.match(pair.master, /^ {2}-o lmtp_dns_support_level=disabled$/m);
  });

  it('qmgr-parameter-in-service: only qmgr reads them; the qmgr line itself is fine', async () => {
    const pair = new ConfigPair(server.client);
    const d = await pair.open('myhostname = mx.example.com\n', MASTER);
    const found = d.master.filter((x) => x.code === 'qmgr-parameter-in-service');
    assert.deepEqual(found.map((x) => textAt(pair.master, x.range)), ['turtle_destination_rate_delay', 'default_destination_concurrency_limit']);
    assert.equal(messageOf(found[1]), '"default_destination_concurrency_limit" is a queue-manager parameter: only qmgr reads it, so this -o on "turtle" has no effect. Set "turtle_destination_concurrency_limit = 2" in main.cf instead.');
  });

  it('qmgr-parameter-in-service quick-fix moves the setting to main.cf under the transport\'s name', async () => {
    const pair = new ConfigPair(server.client);
    await pair.open('myhostname = mx.example.com\nturtle_destination_concurrency_limit = 20\n', MASTER);
    await pair.fixAll({ code: 'qmgr-parameter-in-service', titlePrefix: 'Move to main.cf', rounds: 4 });
    assert.deepEqual(await pair.withCode('qmgr-parameter-in-service'), []);
    assert.equal(pair.main, 'myhostname = mx.example.com\nturtle_destination_concurrency_limit = 2\nturtle_destination_rate_delay = 1s\n');
    assert.match(pair.master, /^turtle    unix  -       -       n       -       -       smtp\n {2}-o syslog_name=postfix\/turtle\nqmgr/m);
  });

  it('transport-not-outbound: per-transport settings, transport references and receivers naming an smtpd service', async () => {
    const pair = new ConfigPair(server.client);
    const main = [
      'submission_destination_concurrency_limit = 2',
      'relay_destination_concurrency_limit = 2',
      'content_filter = submission:[127.0.0.1]:10025',
      '# @receiver orange max-connections=2 transports=submission',
      '',
    ].join('\n');
    const d = await pair.open(main, MASTER);
    const found = d.main.filter((x) => x.code === 'transport-not-outbound');
    assert.deepEqual(found.map((x) => [x.range.start.line, textAt(pair.main, x.range)]), [[0, 'submission_destination_concurrency_limit'], [2, 'submission'], [3, 'submission']]);
    assert.match(messageOf(found[0]), /"submission" runs smtpd \(inet\): it accepts mail, it does not deliver it\. A delivery transport is declared as "submission unix - - n - N smtp"\./);
    assert.equal(found[0].relatedInformation?.[0].location.range.start.line, 1);
  });

  it('inbound-limit-hint: only in a configuration that declares a receiver', async () => {
    const main = 'smtpd_junk_command_limit = 5\nanvil_rate_time_unit = 60s\n';
    const master = 'smtp inet n - y - - smtpd\n  -o smtpd_client_connection_rate_limit=10\norange unix - - n - 1 smtp\n';
    const without = new ConfigPair(server.client);
    const d0 = await without.open(main, master);
    assert.deepEqual([...d0.main, ...d0.master].filter((x) => x.code === 'inbound-limit-hint'), []);
    const pair = new ConfigPair(server.client);
    const d = await pair.open(`${main}# @receiver orange max-connections=3 transports=orange\n`, master);
    const hints = [...d.main, ...d.master].filter((x) => x.code === 'inbound-limit-hint');
    assert.deepEqual(hints.map((x) => [x.severity, x.range.start.line]), [[3, 0], [3, 1], [3, 1]]);
    assert.match(messageOf(hints[0]), /^"smtpd_junk_command_limit" applies to the clients that connect to this server; .* opens to "orange"\./);
  });
});
