/**
 * The report as text and as HTML. The HTML gets log text that tries to be markup (a
 * relay, a reason, a file name with tags, quotes and event handlers): every "<" in the
 * output must open one of the report's own elements, and the self-contained file allows
 * nothing but its own style sheet.
 */
process.env.TZ = 'UTC';
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { LogReport, createLanguageService } from '../../../server/core/languageService';
import { ROOT } from '../../helpers/lspClient';
import { explainRun } from '../../helpers/logTruth';

const service = createLanguageService();
const REF = Date.UTC(2026, 11, 31) / 1000;
const OWN_ELEMENTS = new Set(['html', 'head', 'meta', 'title', 'style', 'body', 'h1', 'h2', 'h3', 'p', 'span', 'i', 'div', 'code', 'button', 'table', 'tr', 'th', 'td', 'ul', 'li', 'br', 'svg', 'g', 'text', 'rect', 'line', 'polygon', 'polyline']);
/** The attributes the report's own elements use. */
const OWN_ATTRIBUTES = new Set(['lang', 'charset', 'http-equiv', 'content', 'nonce', 'class', 'viewbox', 'width', 'height', 'role', 'aria-label', 'x', 'y', 'x1', 'x2', 'y1', 'y2', 'points', 'text-anchor', 'data-receiver']);
const HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(2)>';

function hostileReport(): LogReport {
  const s = service.explainLog({ source: `mail${HOSTILE}.log`, referenceTime: REF });
  const relay = `relay=evil<b>x</b>.example[192.0.2.66]:25`;
  s.write([
    `Dec 03 12:09:08 mx<i>1 postfix/smtp[1]: AAAAA11111: to=<${HOSTILE}@x.test>, ${relay}, delay=3, delays=0/0/0.2/2.5, dsn=2.0.0, status=sent (250 ${HOSTILE})`,
    `Dec 03 12:09:09 mx<i>1 postfix/smtp[2]: BBBBB22222: to=<a@x.test>, ${relay}, delay=0.1, delays=0/0/0.01/0, dsn=4.7.0, status=deferred (host evil<b>x</b>.example[192.0.2.66] refused to talk to me: 421 4.7.0 ${HOSTILE})`,
  ].join('\n'));
  return s.end();
}

describe('the report, rendered', () => {
  it('says what was open at each 421 and what the cap is, in text', () => {
    const text = service.renderLogReport(explainRun(path.join(ROOT, 'test', 'fixtures', 'logs', 'cohort-suspension'), { referenceTime: REF }), 'text');
    const lines = text.split('\n');
    assert.equal(lines[0], 'Postfix log explained: cohort-suspension');
    assert.equal(lines[1], 'Read 75 lines (classic syslog or maillog_file, 1 s resolution); used 26 lines.');
    assert.ok(lines.includes('Receiver 127.0.0.1'), text);
    assert.ok(lines.includes('  inferred cap: 1. The cap is 1: it accepted 1 session at once (4 times), and it refused with at most 1 open (15 refusals).'), text);
    assert.ok(lines.some((l) => /^ {4}at 12:21:48 127\.0\.0\.1\[127\.0\.0\.1\] answered 421 while this host had (up to )?1 delivery in progress and no idle session to it \(queue IDs [0-9A-F]+\)$/.test(l)), text);
    assert.ok(lines.includes('    and 5 more refusals'), text);
    assert.ok(lines.some((l) => l.startsWith('  destination suspended (failed cohort): 12:21:48 to 12:22:08 (7 deferrals)')), text);
    assert.ok(lines.some((l) => l.startsWith('  retry waves: 12:21:58 (7 attempts: 1 sent, 4 deferred, 2 suspended)')), text);
    assert.ok(lines.includes('  49 lines: Postfix lines about other things (pickup, cleanup, qmgr, smtpd, ...) (first: line 1)'), text);
  });

  it('escapes everything from the log in HTML; the file allows nothing but its own style', () => {
    const report = hostileReport();
    assert.equal(report.receivers[0].refusalCount, 1, 'the hostile lines were read');
    for (const html of [service.renderLogReport(report, 'html', { nonce: 'abc123' }), service.logReportHtml(report, { actions: true }).body]) {
      const tags = [...html.matchAll(/<\/?([A-Za-z!][A-Za-z0-9-]*)/g)].map((m) => m[1].toLowerCase()).filter((t) => t !== '!doctype');
      assert.deepEqual(tags.filter((t) => !OWN_ELEMENTS.has(t)), []);
      // Every attribute of every element is one of the report's own (no handler, no src, no style).
      const attributes = [...html.matchAll(/<[A-Za-z][A-Za-z0-9-]*((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*\/?>/g)]
        .flatMap((m) => [...m[1].matchAll(/\s+([^\s=>]+)(?:="[^"]*")?/g)].map((a) => a[1].toLowerCase()));
      assert.ok(attributes.length > 50);
      assert.deepEqual(attributes.filter((a) => !OWN_ATTRIBUTES.has(a)), []);
      assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;'));
    }
    const file = service.renderLogReport(report, 'html', { nonce: 'abc123' });
    assert.match(file, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-abc123'; img-src data:">/);
    assert.match(file, /<style nonce="abc123">/);
    assert.ok(!file.includes('<button'), 'no buttons in the file: nothing could handle them');
  });

  it('offers to write a pinned cap, and says when the evidence does not pin it', () => {
    const pinned = service.logReportHtml(explainRun(path.join(ROOT, 'test', 'fixtures', 'logs', 'cap-enforced'), { referenceTime: REF }), { actions: true }).body;
    assert.match(pinned, /<button class="apply-cap" data-receiver="0">Write max-connections=2 into # @receiver 127\.0\.0\.1<\/button>/);
    const open = service.logReportHtml(explainRun(path.join(ROOT, 'test', 'fixtures', 'logs', 'caching-refill'), { referenceTime: REF }), { actions: true }).body;
    assert.ok(!open.includes('<button'));
    assert.match(open, /The evidence does not pin the cap down, so there is nothing to write\./);
  });

  it('draws each receiver\'s chart: the band, the refusals, the suspension', () => {
    const body = service.logReportHtml(explainRun(path.join(ROOT, 'test', 'fixtures', 'logs', 'cohort-suspension'), { referenceTime: REF }), { actions: false }).body;
    assert.equal((body.match(/<svg class="chart"/g) ?? []).length, 1);
    assert.match(body, /<polygon class="band" points="[\d. ,]+"\/>/);
    assert.ok((body.match(/<line class="refusal"/g) ?? []).length >= 3);
    assert.match(body, /<rect class="suspended"/);
    assert.match(body, /<rect class="wave"/);
  });

  it('gives JSON that reads back as the same report', () => {
    const report = hostileReport();
    assert.deepEqual(JSON.parse(service.renderLogReport(report, 'json')), JSON.parse(JSON.stringify(report)));
  });
});
