/**
 * The log explainer against the truth (npm run test:budget-lab; root, Postfix from apt,
 * python3). For each configuration the lab harness (run_exp.py) runs a private Postfix on
 * loopback against a receiver (sink.py) that records every session's open and close and
 * every refusal (sessions.jsonl, beside the run's maillog). The test explains the maillog
 * with the run's own main.cf and master.cf and checks, at every refusal, at every moment
 * the receiver reached its peak and every 0.1 s: the reconstructed "certain" count is at
 * or below the receiver's true count and the "possible" count at or above it. Where the
 * receiver enforced a cap and the run refused at that cap and accepted below it, the
 * inferred cap must be exactly that cap. Sessions last seconds (a slow receiver) so that
 * the maillog's 1 s timestamps matter little.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { caseDir, endLab, endLabCase, labProblem, makeLabRoot, runDir, runHarness } from '../helpers/lab';
import { checkTimes, explainRun, readTruth, violations } from '../helpers/logTruth';
/** Receiver ports, two apart, 100 above the budget lab's own. */
const PORT = Number(process.env.BUDGET_LAB_PORT ?? 2600) + 100;

interface TruthCase {
  name: string;
  args: string[];
  /** The cap the receiver enforces (--max-open). */
  cap?: number;
  /** A directive that makes the run's next-hops one receiver, as the receiver counts them. */
  directive?: string;
  /** The run must show a cohort suspension. */
  suspension?: boolean;
}

const OFF = ['--opt', 'smtp_connection_cache_on_demand=no'];

const CASES: TruthCase[] = [
  // Caching on: a queue drained and refilled while sessions sit in the cache (conn_use=).
  { name: 'log-caching', args: ['--maxproc', '10', '--limit', '2', '--domains', '1', '--nmsg', '8', '--second-burst', '8', '--delay', '2.5'] },
  // Caching off, three next-hops on one receiver address.
  { name: 'log-no-cache', args: ['--maxproc', '10', '--limit', '2', '--domains', '3', '--routes', 'samehost', '--nmsg', '12', '--delay', '2.5', ...OFF] },
  // A destination rate delay: one session per next-hop kept open across the pause; three receiver addresses, one receiver.
  {
    name: 'log-rate-delay', directive: '# @receiver lab max-connections=100 transports=strict',
    args: ['--maxproc', '10', '--limit', '2', '--domains', '3', '--routes', 'distinctip', '--nmsg', '9', '--delay', '2.5', '--main', 'strict_destination_rate_delay=1s'],
  },
  // A receiver that refuses a third session: 421s at the greeting.
  { name: 'log-cap-2', cap: 2, args: ['--maxproc', '10', '--domains', '1', '--nmsg', '10', '--delay', '2.5', '--max-open', '2', '--timeout', '30'] },
  // A receiver that allows one session: 421s, the destination suspended (failed-cohort limit 1), retry waves.
  // Stopped after 30 s, mail still queued: the log up to then is what matters.
  { name: 'log-cap-1-cohort', cap: 1, suspension: true, args: ['--maxproc', '10', '--domains', '1', '--nmsg', '6', '--delay', '3', '--max-open', '1', '--timeout', '30'] },
];

const problem = labProblem();
if (problem && !process.env.BUDGET_LAB_SKIP) throw new Error(`${problem}; set BUDGET_LAB_SKIP=1 to skip on purpose`);

describe('the log explainer against the receiver\'s own record', { skip: problem }, () => {
  const lab = makeLabRoot('postfix-log-lab-');
  after(() => endLab(lab));

  CASES.forEach((c, index) => {
    it(`${c.name}: certain <= true <= possible at every refusal, at the peak and every 0.1 s${c.cap ? `; cap ${c.cap} inferred` : ''}`, { timeout: 150_000 }, () => {
      const folder = caseDir(lab, index);
      try {
        check(c, folder, runHarness(folder, { name: c.name, port: PORT + 2 * index, args: ['--timeout', '60', ...c.args], timeoutMs: 140_000 }));
      } finally {
        endLabCase(folder);
      }
    });
  });
});

/** The run's maillog explained, against the receiver's own record of its sessions. */
function check(c: TruthCase, folder: string, result: Record<string, unknown>): void {
  const dir = runDir(folder, c.name);
  const truth = readTruth(path.join(dir, 'sessions.jsonl'));
  const times = checkTimes(truth);
  const report = explainRun(dir, { probes: times, directive: c.directive, referenceTime: Date.now() / 1000 });
  assert.equal(report.receivers.length, 1, `one receiver: ${report.receivers.map((r) => r.key).join(', ')}`);
  const r = report.receivers[0];
  const lane = r.lanes[0];
  process.stdout.write(`# ${c.name}: ${truth.events.filter((e) => e.ev === 'open').length} sessions, true peak ${truth.peak}, reconstructed ${lane.peakCertain.count} certain to ${lane.peakPossible.count} possible; `
    + `${truth.refusals.length} refusals${truth.refusals.length ? ` at ${[...new Set(truth.refusals.map((e) => e.open_now))].join('/')} open` : ''}; cap: ${r.cap.status}${r.cap.value ? ` ${r.cap.value}` : ''}; `
    + `${r.reusedSessions} reused, ${r.suspendedCount} suspended, ${r.waves.length} retry waves; ${times.length} probes\n`);

  assert.equal(report.probes.length, times.length, 'every probe answered');
  assert.deepEqual(violations(report, truth).slice(0, 10), [], 'certain <= true <= possible');
  assert.ok(lane.peakCertain.count <= truth.peak && lane.peakPossible.count >= truth.peak, `the true peak ${truth.peak} is within the reconstructed peak ${lane.peakCertain.count}..${lane.peakPossible.count}`);
  assert.equal(r.refusalCount, truth.refusals.length, 'every refusal the receiver made is in the log');
  assert.equal(r.deliveries.sent, Number(result.pf_sent));

  if (c.cap !== undefined) {
    const refusedAtCap = truth.refusals.some((e) => e.open_now === c.cap);
    const acceptedBelow = truth.events.some((e) => e.ev === 'open' && e.open_now <= c.cap!);
    assert.ok(refusedAtCap && acceptedBelow, 'the run refused at the cap and accepted below it');
    assert.equal(r.cap.value, c.cap, r.cap.text);
  } else {
    assert.equal(truth.refusals.length, 0);
    assert.equal(r.cap.status, 'lower-bound-only', r.cap.text);
    assert.ok(r.cap.lower!.count <= truth.peak);
  }
  if (c.suspension) {
    assert.ok(Number(result.pf_suspended) > 0, 'the destination was suspended');
    assert.equal(r.suspendedCount, Number(result.pf_suspended));
    assert.ok(r.suspensions.length >= 1 && r.waves.length >= 1, 'suspension and retry waves found');
  }
  if (c.name === 'log-caching') assert.ok(r.reusedSessions > 0, 'sessions were reused from the cache');
}
