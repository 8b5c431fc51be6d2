import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { run, severities } from '../../helpers/analysis';

const CODE = 'invalid-value';

describe('invalid-value', () => {
  it('rejects what the daemons reject in main.cf: booleans, numbers, times and bounds', () => {
    const r = run(CODE, {
      main: [
        'smtp_connection_cache_on_demand = [[maybe]]',
        'smtp_tls_note_starttls_offer = YES',
        'default_destination_concurrency_limit = [[10k]]',
        'initial_destination_concurrency = [[1.5]]',
        'qmgr_message_recipient_limit = [[0]]',
        'smtp_connection_cache_time_limit = [[2x]]',
        'smtp_connect_timeout = 10sec',
        'anvil_rate_time_unit = [[0]]',
        'bounce_queue_lifetime = [[101d]]',
        'maximal_queue_lifetime = [[24855]]',
        'message_size_limit = -5',
        '[[smtpd_junk_command_limit =]]',
        'smtpd_client_connection_count_limit = $other',
        '',
      ].join('\n'),
    });
    assert.deepEqual(r.spans, r.expected);
    assert.deepEqual(new Set(severities(r)), new Set(['error']));
    const [bool, num, frac, min, time, tmin, tmax, unitless, empty] = r.found.map((f) => f.message);
    assert.match(bool, /"smtp_connection_cache_on_demand": "maybe" is not a boolean: Postfix accepts only yes or no/);
    assert.match(bool, /\(smtp\) stops with a fatal error/);
    assert.match(num, /"10k" is not a whole number/);
    assert.match(frac, /"1.5" is not a whole number/);
    assert.match(min, /0 is below the minimum of 1/);
    assert.match(time, /"2x" is not a time/);
    assert.match(tmin, /"0" \(0 s\) is below the minimum of 1 s/);
    assert.match(tmax, /"101d" \(8726400 s\) is above the maximum of 8640000 s/);
    // maximal_queue_lifetime's default is "5d", so a bare number counts days.
    assert.match(unitless, /"24855" is too large: Postfix takes at most 24854 days/);
    assert.match(empty, /An empty value is not a whole number/);
  });

  it('checks only the entry Postfix keeps', () => {
    const r = run(CODE, { main: 'smtp_connect_timeout = abc\nsmtp_connect_timeout = [[30z]]\n' });
    assert.deepEqual(r.spans, r.expected);
  });

  it('checks -o values when the service program reads the parameter', () => {
    const r = run(CODE, {
      master: [
        'relay unix - - n - - smtp -o smtp_connect_timeout=[[abc]]',
        'submission inet n - n - - smtpd -o smtp_connect_timeout=abc -o smtpd_tls_auth_only=[[maybe]]',
        'other unix - - n - - lmtp -o lmtp_connect_timeout=[[-1]]',
        'mail unix - - n - - smtp -o message_size_limit=[[1.5]]',
        'late unix - - n - - smtp -o smtp_connect_timeout=abc -o smtp_connect_timeout=5',
        '',
      ].join('\n'),
    });
    assert.deepEqual(r.spans, r.expected);
    assert.match(r.found[2].message, /"-1" is negative/);
    assert.match(r.found[3].message, /Every Postfix program stops/);
  });

  it('types per-transport names after their default_* parameter', () => {
    const r = run(CODE, {
      main: 'relay_destination_concurrency_limit = [[abc]]\nrelay_initial_destination_concurrency = [[0]]\nmypipe_time_limit = [[0]]\nrelay_destination_concurrency_positive_feedback = abc\nnosuch_destination_concurrency_limit = abc\n',
      master: 'relay unix - - n - - smtp\nmypipe unix - n n - - pipe argv=/bin/true\nqmgr unix n - n 300 1 qmgr -o relay_destination_rate_delay=[[5x]]\n',
    });
    assert.deepEqual(r.spans, r.expected);
    assert.match(r.found[0].message, /queue manager stops with a fatal error when it first delivers over the "relay" transport/);
    assert.match(r.found[2].message, /\(pipe and spawn\)/);
  });

  it('leaves names the target release does not have to other checks', () => {
    const r = run(CODE, { main: 'smtpd_forbid_bare_newline = maybe\n', version: '3.5.0' });
    assert.deepEqual(r.found, []);
  });
});
