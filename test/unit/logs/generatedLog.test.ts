/**
 * The benchmark's log generator (scripts/bench/generate-log.mjs), at a small size: the same
 * seed gives the same bytes, another seed other bytes, and the explainer reads every line
 * of it as a known format, in time order, with deliveries, reused sessions, 421 refusals and
 * suspensions among them. The benchmark's numbers are only worth what this log is.
 */
process.env.TZ = 'UTC';
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { createLanguageService } from '../../../server/core/languageService';
import { ROOT } from '../../helpers/lspClient';

const dir = mkdtempSync(path.join(os.tmpdir(), 'generated-log-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function generate(name: string, bytes: number, seed: number): { text: string; lines: number } {
  const file = path.join(dir, name);
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'bench', 'generate-log.mjs'), file, String(bytes), String(seed)], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return { text: readFileSync(file, 'utf8'), lines: (JSON.parse(r.stdout) as { lines: number }).lines };
}

describe('the benchmark log generator', () => {
  it('gives the same bytes for a seed, and other bytes for another', () => {
    const a = generate('a.log', 400_000, 16);
    const b = generate('b.log', 400_000, 16);
    const c = generate('c.log', 400_000, 17);
    assert.ok(a.text.length >= 400_000 && a.text.length < 420_000, `${a.text.length} bytes`);
    assert.equal(a.text, b.text);
    assert.notEqual(a.text, c.text);
    assert.equal(a.text.split('\n').length - 1, a.lines);
  });

  it('writes lines the explainer reads, in time order, with the events the benchmark is about', () => {
    const { text } = generate('d.log', 3_000_000, 16);
    const report = createLanguageService().explainLog({ source: 'generated', referenceTime: Date.UTC(2026, 11, 31) / 1000 });
    report.write(text);
    const r = report.end();
    const skipped = Object.fromEntries(r.lines.skipped.map((s) => [s.reason, s.lines]));
    assert.deepEqual(Object.keys(skipped).sort(), ['other-program', 'postfix-other'], JSON.stringify(r.lines.skipped));
    assert.equal(r.lines.used + skipped['other-program'] + skipped['postfix-other'], r.lines.total);
    assert.equal(r.formats.length, 1);
    assert.equal(r.formats[0].format, 'syslog');
    const deliveries = (text.match(/ status=/g) ?? []).length;
    assert.ok(r.lines.used >= deliveries && deliveries > 1000, `${r.lines.used} used, ${deliveries} delivery lines`);
    const strict = r.receivers.find((x) => x.key === 'smtp-in.orange.fr');
    assert.ok(strict, r.receivers.map((x) => x.key).join(', '));
    assert.ok(strict.refusalCount > 0 && strict.reusedSessions > 0, JSON.stringify({ refusals: strict.refusalCount, reused: strict.reusedSessions }));
    assert.ok(r.receivers.some((x) => x.suspendedCount > 0), 'some destination is suspended');
    // In time order: the explainer skipped nothing as out of order or as a clock jump (checked above), and the stamps never go back.
    const stamps = text.split('\n').filter(Boolean).map((l) => l.slice(0, 15));
    for (let i = 1; i < stamps.length; i++) assert.ok(stamps[i] >= stamps[i - 1], `line ${i + 1}: ${stamps[i]} after ${stamps[i - 1]}`);
  });
});
