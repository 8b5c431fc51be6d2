/**
 * Bad input never crashes the explainer: lines from other programs, cut short, in no
 * known format, far out of order or far ahead, a reused pid, no delivery at all, huge
 * lines, random bytes. Each is skipped and counted, and every line is accounted for.
 */
process.env.TZ = 'UTC';
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { LogReport, createLanguageService } from '../../../server/core/languageService';
import { ROOT } from '../../helpers/lspClient';

const service = createLanguageService();
const REF = Date.UTC(2026, 11, 31) / 1000;
const LAB = readFileSync(path.join(ROOT, 'test', 'fixtures', 'logs', 'cap-enforced', 'maillog'), 'utf8');

function explain(...chunks: string[]): LogReport {
  const s = service.explainLog({ source: 'test', referenceTime: REF });
  for (const c of chunks) s.write(c);
  return s.end();
}

const skipped = (r: LogReport): Record<string, number> => Object.fromEntries(r.lines.skipped.map((s) => [s.reason, s.lines]));
const accounted = (r: LogReport): number => r.lines.used + r.lines.skipped.reduce((n, s) => n + s.lines, 0);

const DELIVERY = 'Dec 03 12:09:11 sender budget/strict/smtp[17742]: 5B3F6224960: to=<u8@d1.test>, relay=127.0.0.1[127.0.0.1]:3300, delay=3.4, delays=0.38/0.01/0.01/3, dsn=2.0.0, status=sent (250 2.0.0 Ok)';

describe('bad input', () => {
  it('counts lines from other programs, lines cut short and lines in no known format, and explains the rest', () => {
    const lines = [
      'Dec 03 12:09:05 sender CRON[11]: (root) CMD (run-parts /etc/cron.hourly)',
      'Dec 03 12:09:06 sender dovecot: imap-login: Login: user=<a>',
      DELIVERY.slice(0, 90),
      'garbage without a timestamp',
      '\u0000\u0001binary\u00ff',
      DELIVERY,
    ];
    const r = explain(lines.join('\n') + '\n');
    assert.deepEqual(skipped(r), { 'other-program': 2, malformed: 1, 'unknown-format': 2 });
    assert.equal(r.lines.used, 1);
    assert.equal(r.lines.total, 6);
    assert.equal(r.lines.skipped.find((s) => s.reason === 'malformed')?.example, 3, 'the first such line is named');
  });

  it('explains a log without any delivery line, and an empty one', () => {
    const r = explain('Dec 03 12:09:05 sender budget/qmgr[1]: 5B3F6224960: removed\n');
    assert.deepEqual([r.receivers.length, r.lines.used, skipped(r)], [0, 0, { 'postfix-other': 1 }]);
    const empty = explain('');
    assert.deepEqual([empty.lines.total, empty.receivers.length, empty.timeRange], [0, 0, undefined]);
  });

  it('skips a line far out of order, and one garbled line far ahead, but follows a clock that really jumped', () => {
    const back = DELIVERY.replace('12:09:11', '11:00:00');
    const ahead = DELIVERY.replace('Dec 03', 'Dec 29');
    const later = (s: string): string => DELIVERY.replace('Dec 03 12:09:11', `Dec 30 10:00:${s}`);
    const r = explain([DELIVERY, DELIVERY.replace('12:09:11', '12:30:00'), back, ahead, DELIVERY.replace('12:09:11', '12:30:05')].join('\n'));
    assert.deepEqual(skipped(r), { 'out-of-order': 1, 'clock-jump': 1 });
    const jumped = explain([DELIVERY, later('01'), later('02'), later('03'), later('04')].join('\n'));
    assert.deepEqual(skipped(jumped), { 'clock-jump': 2 }, 'two lines wait, the third confirms the new time');
    assert.equal(jumped.lines.used, 3);
    assert.ok(jumped.receivers[0].lanes[0].chart.buckets.length <= 600, 'a chart over four weeks stays small');
  });

  it('reads a reused pid as any other line: no state is kept per process', () => {
    const lines = LAB.split('\n');
    const samePid = lines.map((l) => l.replace(/smtp\[\d+\]/, 'smtp[4242]')).join('\n');
    const a = explain(LAB).receivers[0];
    const b = explain(samePid).receivers[0];
    assert.deepEqual(b.cap, a.cap);
    assert.deepEqual(b.lanes, a.lanes);
  });

  it('drops a line of megabytes without keeping it, and goes on', () => {
    const huge = 'x'.repeat(256 * 1024);
    const r = explain(DELIVERY + '\n', huge, huge, huge, '\n', DELIVERY.replace('12:09:11', '12:09:20') + '\n');
    assert.deepEqual(skipped(r), { overlong: 1 });
    assert.equal(r.lines.used, 2);
  });

  it('accounts for every line of random input, in any chunks, and never throws', () => {
    const piece = fc.oneof(
      fc.constantFrom(...LAB.split('\n').slice(10, 40)),
      fc.string({ maxLength: 200 }),
      fc.constantFrom('\n', '\r\n', '{', '{"__REALTIME_TIMESTAMP": "x", "MESSAGE": 5}', 'Dec 03 12:09:08 ', 'to=<', '2026-12-03T12:00:00.1Z h p/smtp[1]: A1B2C3D4E5: to=<'),
    );
    fc.assert(fc.property(fc.array(piece, { maxLength: 60 }), fc.integer({ min: 1, max: 50 }), (pieces, size) => {
      const text = pieces.join('\n');
      const chunks: string[] = [];
      for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
      const r = explain(...chunks);
      assert.equal(accounted(r), r.lines.total);
      assert.equal(r.lines.total, text === '' ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0));
      JSON.stringify(r);
    }), { numRuns: 300, seed: 16 });
  });
});
