/**
 * The Postfix log TextMate grammar on lines from the budget lab and Debian 12's rsyslog:
 * timestamp, host, service and pid, queue IDs, fields, status words, reply codes. The
 * hostile-line check (grammars.test.ts) picks this grammar up by itself.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { scopesOf, tokenize } from '../helpers/grammar';
import { ROOT } from '../helpers/lspClient';
import { checkGrammar, hostileLines } from '../helpers/grammarCheck';

const LOG = 'source.postfix.log';
const SENT = 'Dec 03 12:09:11 sender budget/strict/smtp[17742]: 5A7E7224962: to=<u6@d1.test>, relay=127.0.0.1[127.0.0.1]:3300, conn_use=2, delay=13, delays=10/0/0/3, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as S4.1)';
const REFUSED = '2026-12-03T12:22:59.149348+00:00 vm budget/strict/smtp[4815]: 1F23F224889: to=<u5@d1.test>, relay=127.0.0.1[127.0.0.1]:3312, delay=0.23, delays=0.21/0.02/0/0, dsn=4.7.0, status=deferred (host 127.0.0.1[127.0.0.1] refused to talk to me: 421 4.7.0 sink.budget.test Too many connections, try later)';

describe('Postfix log grammar', () => {
  it('scopes the prefix: timestamp, host, service, pid', async () => {
    const t = await tokenize(LOG, `${SENT}\n${REFUSED}`);
    assert.ok(scopesOf(t, 0, 'Dec 03 12:09:11').includes('comment.timestamp.postfix-log'));
    assert.ok(scopesOf(t, 1, '2026-12-03T12:22:59.149348+00:00').includes('comment.timestamp.postfix-log'));
    assert.ok(scopesOf(t, 0, 'sender').includes('entity.name.tag.host.postfix-log'));
    assert.ok(scopesOf(t, 0, 'budget/strict/smtp').includes('entity.name.function.service.postfix-log'));
    assert.ok(scopesOf(t, 0, '17742').includes('constant.numeric.pid.postfix-log'));
  });

  it('scopes queue IDs, fields, status words and replies', async () => {
    const t = await tokenize(LOG, `${SENT}\n${REFUSED}`);
    assert.ok(scopesOf(t, 0, '5A7E7224962').includes('variable.other.constant.queue-id.postfix-log'));
    assert.ok(scopesOf(t, 0, 'conn_use').includes('support.type.property-name.postfix-log'));
    assert.ok(scopesOf(t, 0, '10/0/0/3').includes('constant.numeric.postfix-log'));
    assert.ok(scopesOf(t, 0, '<u6@d1.test>').includes('string.unquoted.address.postfix-log'));
    assert.ok(scopesOf(t, 0, /\bsent\b/).includes('markup.inserted.status.sent.postfix-log'));
    assert.ok(scopesOf(t, 1, 'deferred').includes('markup.changed.status.deferred.postfix-log'));
    assert.ok(scopesOf(t, 1, '421').includes('markup.changed.reply.temporary.postfix-log'));
    assert.ok(scopesOf(t, 1, 'refused to talk to me').includes('markup.changed.refusal.postfix-log'));
    assert.ok(scopesOf(t, 1, '[127.0.0.1]:3312').includes('constant.numeric.address.postfix-log'));
    assert.ok(!scopesOf(t, 0, 'S4.1').includes('variable.other.constant.queue-id.postfix-log'), 'the sink\'s own IDs are not Postfix queue IDs');
  });

  it('leaves other programs\' text alone after the prefix', async () => {
    const t = await tokenize(LOG, 'Dec 03 12:09:05 sender CRON[11]: (root) CMD (run-parts)');
    assert.ok(scopesOf(t, 0, 'CRON').includes('entity.name.function.service.postfix-log'));
    assert.deepEqual(scopesOf(t, 0, 'run-parts'), [LOG]);
  });

  it('tokenizes every line of the lab logs, and hostile lines, in bounded time', { timeout: 120_000 }, async () => {
    const dir = path.join(ROOT, 'test', 'fixtures', 'logs');
    const lines = ['cap-enforced/maillog', 'cohort-suspension/maillog', 'rfc3339-cap/mail.log'].flatMap((f) => readFileSync(path.join(dir, f), 'utf8').split('\n'));
    const long = `${REFUSED.slice(0, 60)}${'<'.repeat(50_000)}`;
    const result = await checkGrammar(path.join(ROOT, 'syntaxes', 'postfix-log.tmLanguage.json'), [...lines, ...hostileLines(), long, `${SENT} ${'[1.2.3.4]'.repeat(10_000)}`], { timeoutMs: 100_000 });
    assert.deepEqual(result.problems, []);
  });
});
