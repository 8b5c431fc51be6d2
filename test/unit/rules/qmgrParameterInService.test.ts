import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { fixesFor, run } from '../../helpers/analysis';

const CODE = 'qmgr-parameter-in-service';
/** Throttled transports written the common wrong way: the smtp transport's names as -o. */
const MASTER = [
  'smtp unix - - n - - smtp',
  'gmail_throttled unix - - n - 3 smtp',
  '  -o [[smtp_destination_concurrency_limit]]=3',
  '  -o [[smtp_destination_rate_delay]]=3s',
  'yahoo_throttled unix - - n - 2 smtp',
  '  -o [[default_destination_concurrency_limit]]=2',
  'inbound inet n - y - - smtpd',
  '  -o [[smtp_destination_concurrency_limit]]=4',
  '',
].join('\n');

describe('qmgr-parameter-in-service', () => {
  it('names the transport\'s own main.cf parameter, whatever prefix the -o used', () => {
    const r = run(CODE, { main: 'myhostname = mx.example.com\n', master: MASTER });
    assert.deepEqual(r.spans, r.expected);
    assert.deepEqual(r.found.map((f) => f.data?.target), [
      'gmail_throttled_destination_concurrency_limit', 'gmail_throttled_destination_rate_delay',
      'yahoo_throttled_destination_concurrency_limit', undefined,
    ]);
    assert.match(r.found[0].message, /Set "gmail_throttled_destination_concurrency_limit = 3" in main\.cf instead\./);
    assert.doesNotMatch(r.found[0].message, /"smtp_destination_concurrency_limit = 3" in main\.cf/);
    // On a service that delivers nothing, no main.cf name does what was meant: only removal.
    assert.match(r.found[3].message, /has no effect\.$/);
  });

  it('moves each throttled transport\'s settings to its own names: three transports, no conflicting values', () => {
    const master = MASTER.replace(/\[\[|\]\]/g, '');
    const { actions } = fixesFor({ main: 'myhostname = mx.example.com\n', master }, 'master', CODE);
    const moves = actions.filter((a) => a.title.startsWith('Move to main.cf'));
    assert.deepEqual(moves.map((a) => a.title), [
      'Move to main.cf as "gmail_throttled_destination_concurrency_limit = 3"',
      'Move to main.cf as "gmail_throttled_destination_rate_delay = 3s"',
      'Move to main.cf as "yahoo_throttled_destination_concurrency_limit = 2"',
    ]);
    const written = moves.flatMap((a) => Object.values(a.edit?.changes ?? {}).flat().map((e) => e.newText)).join('');
    assert.doesNotMatch(written, /^smtp_destination/m, 'the default smtp transport is not changed');
  });
});
