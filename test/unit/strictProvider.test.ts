/**
 * The strict-provider pattern: the exact text, that our own checks find nothing to say
 * about its budget, and that postconf accepts every name in it.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyze } from '../../server/core/analyze';
import { strictProviderTexts } from '../../server/core/features/strictProvider';
import { checkStrictProviderInput, splitDomains } from '../../server/core/features/strictProviderInput';
import { budgetLine, receiverBudgets } from '../../server/core/model/budget';
import { Configuration } from '../../server/core/model/configuration';
import { DEFAULT_SETTINGS } from '../../server/core/settings';
import { postconfAvailable, runPostconf } from '../helpers/postconf';

const STOCK_MASTER = 'smtp      inet  n       -       y       -       -       smtpd\nsmtp      unix  -       -       y       -       -       smtp\n';

describe('strict provider pattern', () => {
  it('writes the transport, its controls, the directive and the routes', () => {
    const config = new Configuration({ mainText: 'transport_maps = hash:/etc/postfix/transport\n', masterText: STOCK_MASTER });
    const t = strictProviderTexts({ name: 'orange', maxConnections: 3, domains: ['orange.fr', 'wanadoo.fr'] }, config);
    assert.deepEqual(t.master, [
      '# Strict provider "orange": at most 2 sessions at once, none kept idle (its cap is 3; see "@receiver orange" in main.cf).',
      'orange    unix  -       -       y       -       2       smtp',
      '  -o syslog_name=postfix/orange',
      '  -o smtp_connection_cache_on_demand=no',
    ]);
    assert.deepEqual(t.main, [
      '# Strict provider "orange": one delivery at a time per destination with a short pause,',
      '# a fresh session each time, and ten failed waves before a destination counts as dead.',
      '# @receiver orange max-connections=3 transports=orange destinations=2',
      'orange_initial_destination_concurrency = 1',
      'orange_destination_concurrency_limit = 1',
      'orange_destination_rate_delay = 1s',
      'orange_destination_concurrency_failed_cohort_limit = 10',
      '# Route the provider\'s domains through "orange" in your transport map (transport_maps = hash:/etc/postfix/transport), then run postmap:',
      '#   orange.fr   orange:',
      '#   wanadoo.fr  orange:',
    ]);
    assert.equal(t.visible, 2);
  });

  it('uses a transport rate delay when the cap leaves room for one session: one delivery at a time over all domains', () => {
    const t = strictProviderTexts({ name: 'orange', maxConnections: 2, domains: ['a.example', 'b.example', 'c.example'] });
    assert.deepEqual(t.main.slice(0, 6), [
      '# Strict provider "orange": one delivery at a time over all its domains with a short pause,',
      '# a fresh session each time, and ten failed waves before a destination counts as dead.',
      '# @receiver orange max-connections=2 transports=orange destinations=3',
      'orange_initial_destination_concurrency = 1',
      'orange_transport_rate_delay = 1s',
      'orange_destination_concurrency_failed_cohort_limit = 10',
    ]);
    assert.equal(t.master[1], 'orange    unix  -       -       -       -       1       smtp');
    assert.equal(t.visible, 1);
  });

  for (const [cap, domains, line] of [
    [3, ['orange.fr', 'wanadoo.fr'], 'orange: 2 = 2 of 3 (ok)'],
    [2, ['a.example', 'b.example', 'c.example'], 'orange: 1 = 1 of 2 (ok)'],
    [10, ['a.example'], 'orange: 1 = 1 of 10 (ok)'],
    [1, ['a.example'], 'orange: 1 = 1 of 1 (risk zone)'],
  ] as const) {
    it(`stays below a cap of ${cap} with ${domains.length} domain(s) by our own model`, () => {
      const t = strictProviderTexts({ name: 'orange', maxConnections: cap, domains: [...domains] });
      const config = new Configuration({ mainText: `${t.main.join('\n')}\n`, masterText: `${STOCK_MASTER}${t.master.join('\n')}\n` });
      const [budget] = receiverBudgets(config, []);
      assert.equal(budgetLine(budget), line);
      const findings = analyze(config, DEFAULT_SETTINGS).filter((f) => f.code !== 'connection-budget' || cap > 1);
      assert.deepEqual(findings.map((f) => `${f.code}: ${f.message}`), []);
    });
  }

  it('names nothing postconf would call unused', { skip: !postconfAvailable() }, () => {
    const t = strictProviderTexts({ name: 'orange', maxConnections: 3, domains: ['orange.fr'] });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pf-strict-'));
    writeFileSync(path.join(dir, 'main.cf'), `${t.main.join('\n')}\n`);
    writeFileSync(path.join(dir, 'master.cf'), `${STOCK_MASTER}${t.master.join('\n')}\n`);
    const w = runPostconf(dir);
    rmSync(dir, { recursive: true, force: true });
    assert.deepEqual([w.unusedMain, w.unusedMaster, w.undefined, w.fatal, w.other], [[], [], [], [], []]);
  });

  it('checks the input', () => {
    assert.equal(checkStrictProviderInput({ name: 'orange', maxConnections: 3, domains: ['orange.fr'] }), undefined);
    assert.match(checkStrictProviderInput({ name: 'my transport', maxConnections: 3, domains: [] })!, /cannot be a transport name/);
    assert.match(checkStrictProviderInput({ name: 'orange', maxConnections: 0, domains: [] })!, /at least 1/);
    assert.match(checkStrictProviderInput({ name: 'orange', maxConnections: 2, domains: ['bad domain!'] })!, /"bad domain!" is not a domain name/);
    assert.deepEqual(splitDomains(' Orange.fr, wanadoo.fr;orange.fr  .sub.example '), ['orange.fr', 'wanadoo.fr', '.sub.example']);
  });
});
