/**
 * The line formats the explainer reads, and the time step each allows: classic syslog and
 * Postfix's maillog_file (1 s, no year, local time), RFC 3339 as Debian 12's rsyslog writes
 * it and journalctl -o short-iso-precise (the fraction's step, microseconds), journalctl
 * -o json (microseconds). Lines are real: from the budget lab, or in the documented format.
 */
process.env.TZ = 'UTC';
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { FormatId, PrefixReader, Quick, classify } from '../../../server/core/logs/lineFormat';
import { ROOT } from '../../helpers/lspClient';

const REF = Date.UTC(2026, 11, 31) / 1000;

function read(line: string, reader = new PrefixReader(REF)): Record<string, unknown> | string {
  const r = reader.read(line);
  if (r !== 'ok') return r;
  const p = reader.prefix;
  return { format: p.format, time: new Date(Math.round(p.time * 1e6) / 1e3).toISOString(), micro: Math.round((p.time % 1) * 1e6), resolution: p.resolution, host: p.host, tag: p.tag, program: p.program, pid: p.pid, message: p.message };
}

describe('log line formats', () => {
  it('reads maillog_file and classic syslog lines: 1 s, the year from the reference time', () => {
    assert.deepEqual(read('Dec 03 12:09:08 sender budget/strict/smtp[17745]: 56704224958: to=<u10@d1.test>, relay=none'), {
      format: 'syslog', time: '2026-12-03T12:09:08.000Z', micro: 0, resolution: 1, host: 'sender', tag: 'budget/strict/smtp', program: 'smtp', pid: '17745', message: '56704224958: to=<u10@d1.test>, relay=none',
    });
    assert.equal((read('Nov  3 01:02:03 mx1 postfix/qmgr[9]: x') as { time: string }).time, '2026-11-03T01:02:03.000Z');
  });

  it('reads journalctl -o short-precise: the fraction sets the step', () => {
    const r = read('Dec 03 12:09:08.123456 mx1 postfix/smtp[1]: x') as { micro: number; resolution: number };
    assert.equal(r.micro, 123456);
    assert.ok(Math.abs(r.resolution - 1e-6) < 1e-12);
  });

  it('gives a classic line dated after the reference time the year before, and counts on across New Year', () => {
    const reader = new PrefixReader(Date.UTC(2027, 0, 2) / 1000);
    assert.equal((read('Dec 31 23:59:59 mx postfix/smtp[1]: a', reader) as { time: string }).time, '2026-12-31T23:59:59.000Z');
    assert.equal((read('Jan  1 00:00:01 mx postfix/smtp[1]: b', reader) as { time: string }).time, '2027-01-01T00:00:01.000Z');
  });

  it('reads RFC 3339 as Debian 12\'s rsyslog writes it, and short-iso-precise with +HHMM', () => {
    const r = read('2026-12-03T12:22:59.149348+00:00 vm budget/strict/smtp[4815]: 1F23F224889: to=<u5@d1.test>') as Record<string, unknown>;
    assert.deepEqual([r.format, r.time, r.micro, r.host, r.tag, r.pid], ['rfc3339', '2026-12-03T12:22:59.149Z', 149348, 'vm', 'budget/strict/smtp', '4815']);
    assert.equal((read('2026-12-03T14:22:59.5+0200 mx1 postfix/smtp[1]: x') as { time: string }).time, '2026-12-03T12:22:59.500Z');
    assert.equal((read('2026-12-03T12:22:59Z mx1 postfix/smtp[1]: x') as { resolution: number }).resolution, 1);
  });

  it('reads journalctl -o json, with MESSAGE as text or as bytes', () => {
    const record = { __REALTIME_TIMESTAMP: '1796300579149348', _HOSTNAME: 'mx1', SYSLOG_IDENTIFIER: 'postfix/smtp', SYSLOG_PID: '4815', MESSAGE: '1F23F224889: to=<u5@d1.test>' };
    const r = read(JSON.stringify(record)) as Record<string, unknown>;
    assert.deepEqual([r.format, r.micro, r.resolution, r.host, r.tag, r.pid, r.message], ['journal-json', 149348, 1e-6, 'mx1', 'postfix/smtp', '4815', '1F23F224889: to=<u5@d1.test>']);
    const bytes = read(JSON.stringify({ ...record, MESSAGE: [...Buffer.from('A1B2C3D4E5: to=<ü@x.test>')] })) as Record<string, unknown>;
    assert.equal(bytes.message, 'A1B2C3D4E5: to=<ü@x.test>');
  });

  it('tells other programs and unknown formats apart', () => {
    assert.equal(read('Dec 03 12:09:08 mx1 CRON[123]: (root) CMD (true)'), 'other-program');
    assert.equal(read('Dec 03 12:09:08 mx1 dovecot: imap-login: Login'), 'other-program');
    assert.equal(read('Dec 03 12:09:08 mx1 postfix/policy-spf[1]: x'), 'other-program');
    assert.equal(typeof read('Dec 03 12:09:08 sender postfix[4667]: warning: x'), 'object', 'the postfix command logs without a slash');
    for (const bad of ['', 'hello world', 'Dec 03 1x:09:08 mx postfix/smtp[1]: x', 'Foo 03 12:09:08 mx postfix/smtp[1]: x', '2026-13-45T99:00:00Z mx postfix/smtp[1]: x', '{"not": "journal"}', '{broken', 'Dec 03 12:09:08 mx', '\u0000\u0001\u0002']) {
      assert.equal(read(bad), 'unknown-format', JSON.stringify(bad));
    }
  });

  it('the quick look agrees with the full reading on format, step and program, on real and mangled lines', () => {
    const real = [['caching-refill', 'maillog'], ['rfc3339-cap', 'mail.log']].flatMap(([d, f]) => readFileSync(path.join(ROOT, 'test', 'fixtures', 'logs', d, f), 'utf8').split('\n').filter(Boolean).slice(0, 60));
    real.push('Dec 03 12:09:08.123456 mx1 postfix/smtp[1]: x', '2024-05-01 10:02:03 mx1 postfix/qmgr[2]: y', '2024-05-01T10:02:03.412+0200 mx1 postfix/smtp[3]: z',
      'Dec 03 12:09:08 mx1 CRON[123]: (root) CMD (true)', 'Dec 03 12:09:08 sender postfix[4667]: warning: x', 'Dec 03 12:09:08 mx1 some tool[9]: x');
    /** What the full reader says, in the quick look's terms. */
    const full = (line: string): [string, FormatId?, number?] => {
      const reader = new PrefixReader(REF);
      const r = reader.read(line);
      if (r === 'unknown-format') return ['unknown'];
      if (r === 'other-program') return ['other', reader.prefix.format, reader.prefix.resolution];
      return ['postfix', reader.prefix.format, reader.prefix.resolution];
    };
    const quick = (line: string): [string, FormatId?, number?] => {
      const out = { format: 'syslog' as FormatId, resolution: 0 };
      const q = classify(`>>${line}<<`, 2, line.length + 2, out);
      if (q === Quick.Unknown) return ['unknown'];
      return [q === Quick.Other ? 'other' : 'postfix', out.format, out.resolution];
    };
    const mangle = fc.tuple(fc.constantFrom(...real), fc.nat(200), fc.nat(3), fc.constantFrom(' ', ':', '.', '9', '0', '[', ']', '/', 'x', 'Z', '+', '-', 'T', ''));
    fc.assert(fc.property(mangle, ([line, at, len, insert]) => {
      const i = at % (line.length + 1);
      const mangled = line.slice(0, i) + insert + line.slice(i + len);
      assert.deepEqual(quick(mangled), full(mangled), JSON.stringify(mangled));
    }), { numRuns: 3000, seed: 16 });
    for (const line of real) assert.deepEqual(quick(line), full(line), line);
  });
});
