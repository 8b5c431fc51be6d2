/**
 * The log explainer on logs the budget lab recorded (test/fixtures/logs/, a real Postfix
 * 3.7.11 against a receiver that recorded every session): at every refusal, at every rise
 * to the peak and every 0.1 s, the certain count is at or below what the receiver really
 * had open and the possible count at or above it; the cap is inferred where the run
 * refused at its cap and accepted up to it. The live version runs in the lab
 * (test/budget-lab/logTruth.lab.ts).
 */
process.env.TZ = 'UTC'; // the maillog_file fixtures were stamped in UTC, without a zone
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from '../../helpers/lspClient';
import { checkTimes, explainRun, readTruth, violations } from '../../helpers/logTruth';

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'logs');
/** The runs were made in December 2026. */
const REFERENCE = Date.UTC(2026, 11, 31) / 1000;

interface Case {
  dir: string;
  cap?: number;
  /** A directive that makes the run's next-hops one receiver (the receiver counted all its addresses together). */
  directive?: string;
  receivers: number;
}

const CASES: Case[] = [
  { dir: 'cap-enforced', cap: 2, receivers: 1 },
  { dir: 'cohort-suspension', cap: 1, receivers: 1 },
  { dir: 'rfc3339-cap', cap: 2, receivers: 1 },
  { dir: 'caching-refill', receivers: 1 },
  { dir: 'no-cache-nexthops', receivers: 1 },
  { dir: 'rate-delay', directive: '# @receiver lab max-connections=100 transports=strict', receivers: 1 },
];

describe('the log explainer against the lab receiver\'s record', () => {
  for (const c of CASES) {
    it(`${c.dir}: certain <= true <= possible at every refusal, at the peak and every 0.1 s${c.cap ? `; cap ${c.cap} inferred` : ''}`, () => {
      const dir = path.join(FIXTURES, c.dir);
      const truth = readTruth(path.join(dir, 'sessions.jsonl'));
      const times = checkTimes(truth);
      const report = explainRun(dir, { probes: times, directive: c.directive, referenceTime: REFERENCE });
      assert.equal(report.receivers.length, c.receivers, report.receivers.map((r) => r.key).join(', '));
      assert.equal(report.probes.length, times.length * c.receivers, 'every probe answered');
      assert.deepEqual(violations(report, truth).slice(0, 10), []);
      const r = report.receivers[0];
      assert.ok(r.lanes[0].peakCertain.count <= truth.peak && r.lanes[0].peakPossible.count >= truth.peak, `peak ${truth.peak} within ${r.lanes[0].peakCertain.count}..${r.lanes[0].peakPossible.count}`);
      if (c.cap !== undefined) {
        assert.equal(truth.refusals.length > 0 && truth.refusals.every((e) => e.open_now === c.cap), true, 'the receiver refused at its cap');
        assert.equal(r.cap.status, 'pinned', r.cap.text);
        assert.equal(r.cap.value, c.cap, r.cap.text);
        assert.equal(r.refusalCount, truth.refusals.length, 'every refusal the receiver made is in the log');
      } else {
        assert.equal(r.cap.status, 'lower-bound-only', r.cap.text);
        assert.ok(r.cap.lower!.count <= truth.peak);
      }
    });
  }

  it('splits the same log into any chunks and reads the same report', () => {
    const dir = path.join(FIXTURES, 'cohort-suspension');
    const whole = explainRun(dir, { referenceTime: REFERENCE });
    for (const chunk of [1, 7, 100, 4096]) assert.deepEqual(explainRun(dir, { referenceTime: REFERENCE, chunk }), whole, `chunks of ${chunk}`);
  });

  it('finds the cohort suspension and the retry waves of a receiver allowing one session', () => {
    const report = explainRun(path.join(FIXTURES, 'cohort-suspension'), { referenceTime: REFERENCE });
    const r = report.receivers[0];
    assert.equal(r.suspendedCount, 7);
    assert.equal(r.suspensions.length, 1);
    assert.equal(r.suspensions[0].deferrals, 7);
    assert.deepEqual(r.waves.map((w) => [w.attempts, w.sent]), [[7, 1], [6, 1], [5, 1]]);
    assert.deepEqual(r.transports, [{ name: 'strict', from: 'configuration' }]);
    assert.equal(report.lines.total, 75);
  });
});
