/**
 * The budget model against a real Postfix (npm run test:budget-lab; root, Postfix from
 * apt, python3). For each configuration the lab harness (run_exp.py, beside this file)
 * runs a private Postfix on loopback against a receiver that counts sessions; the test
 * then reads the main.cf, master.cf and transport map the lab generated, computes the
 * predicted peak with the same function the connection-budget diagnostics use, and
 * checks: the measured peak never exceeds the prediction, and equals it where caching is
 * off (every run sends enough mail to fill every slot).
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { receiverBudgets } from '../../server/core/model/budget';
import { Configuration } from '../../server/core/model/configuration';
import { ROOT } from '../helpers/lspClient';
import { postconfAvailable, postconfVersion } from '../helpers/postconf';

const HARNESS = path.join(ROOT, 'test', 'budget-lab', 'run_exp.py');

interface LabCase {
  name: string;
  args: string[];
  /** Caching off: the prediction is exact. */
  exact: boolean;
}

/** Each case sends several times as much mail as it has slots, with a slow receiver (0.5 s per message). */
const CASES: LabCase[] = [
  { name: 'one-destination-caching', args: ['--maxproc', '2', '--domains', '1', '--nmsg', '16'], exact: false },
  { name: 'three-nexthops-caching', args: ['--maxproc', '2', '--limit', '2', '--domains', '3', '--routes', 'samehost', '--nmsg', '24'], exact: false },
  { name: 'three-nexthops-no-cache', args: ['--maxproc', '2', '--limit', '2', '--domains', '3', '--routes', 'samehost', '--nmsg', '24', '--opt', 'smtp_connection_cache_on_demand=no'], exact: true },
  { name: 'three-nexthops-limit-no-cache', args: ['--maxproc', '10', '--limit', '2', '--domains', '3', '--routes', 'samehost', '--nmsg', '24', '--opt', 'smtp_connection_cache_on_demand=no'], exact: true },
  { name: 'rate-delay', args: ['--maxproc', '10', '--limit', '2', '--domains', '3', '--routes', 'samehost', '--nmsg', '12', '--main', 'strict_destination_rate_delay=1s'], exact: false },
];

function ready(): string | undefined {
  if (process.env.BUDGET_LAB_SKIP) return 'BUDGET_LAB_SKIP is set';
  if (process.getuid?.() !== 0) return 'the budget lab needs root (it runs a private Postfix instance)';
  if (!postconfAvailable() || !existsSync('/usr/sbin/postfix')) return 'Postfix is not installed (apt-get install postfix; see .ci/install-apt.sh)';
  if (spawnSync('python3', ['--version']).status !== 0) return 'python3 is not installed';
  return undefined;
}

const problem = ready();
if (problem && !process.env.BUDGET_LAB_SKIP) throw new Error(`${problem}; set BUDGET_LAB_SKIP=1 to skip on purpose`);

describe('the budget model against a real Postfix', { skip: problem }, () => {
  const lab = mkdtempSync(path.join(os.tmpdir(), 'postfix-budget-lab-'));
  const version = problem ? undefined : postconfVersion();

  after(() => cleanUp(lab));

  for (const c of CASES) {
    it(`${c.name}: measured peak ${c.exact ? '=' : '<='} predicted`, { timeout: 180_000 }, () => {
      const run = spawnSync('python3', [HARNESS, '--name', c.name, '--delay', '0.5', '--timeout', '90', ...c.args], {
        env: { ...process.env, BUDGET_LAB_DIR: lab }, encoding: 'utf8', timeout: 170_000,
      });
      const line = run.stdout.split('\n').find((l) => l.includes(' RESULT '));
      assert.ok(line, `the harness gave no RESULT (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
      const result = JSON.parse(line.slice(line.indexOf(' RESULT ') + 8)) as Record<string, unknown>;
      const predicted = predict(path.join(lab, 'runs', c.name), version);
      const measured = Number(result.recv_max_open);
      process.stdout.write(`# ${c.name}: predicted ${predicted}, measured ${measured}, sent ${result.pf_sent}/${result.nmsg}\n`);
      assert.equal(result.pf_sent, result.nmsg, 'every message was delivered');
      assert.equal(result.recv_rejected_421, 0);
      assert.ok(measured >= 1, 'the receiver saw sessions');
      assert.ok(measured <= predicted, `measured peak ${measured} above the predicted ${predicted}`);
      if (c.exact) assert.equal(measured, predicted, 'caching off: the prediction is exact');
    });
  }
});

/**
 * The predicted peak for the run's own files: receiver "lab" served by the "strict"
 * transport, with one destination per distinct next-hop the transport map routes to it.
 */
function predict(runDir: string, version?: string): number {
  const read = (f: string): string => readFileSync(path.join(runDir, f), 'utf8');
  const hops = new Set(read('transport').split('\n').map((l) => /^\S+\s+strict:(\S+)/.exec(l)?.[1]).filter(Boolean));
  const config = new Configuration({ mainText: read('main.cf'), masterText: read('master.cf'), version });
  const receiver = { name: 'lab', maxConnections: 1000, transports: ['strict'], destinations: hops.size };
  const [budget] = receiverBudgets(config, [receiver]);
  assert.equal(budget.shares.length, 1, 'the strict transport was found');
  return budget.visible;
}

/** Stops what the harness may have left (only our own instance and sinks, by pid), then removes the folder. */
function cleanUp(lab: string): void {
  const pf = path.join(lab, 'pf');
  const pidFile = path.join(lab, 'queue', 'pid', 'master.pid');
  if (existsSync(pidFile) && alive(Number(readFileSync(pidFile, 'utf8').trim()))) spawnSync('postfix', ['-c', pf, 'stop']);
  const runs = path.join(lab, 'runs');
  for (const c of CASES) {
    const log = path.join(runs, c.name, 'driver.log');
    if (!existsSync(log)) continue;
    for (const m of readFileSync(log, 'utf8').matchAll(/sink pid (\d+)/g)) {
      const pid = Number(m[1]);
      if (alive(pid) && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('sink.py')) process.kill(pid, 'SIGTERM');
    }
  }
  rmSync(lab, { recursive: true, force: true });
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
