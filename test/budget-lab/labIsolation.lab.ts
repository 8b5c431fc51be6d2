/**
 * The lab's own clean-up (npm run test:budget-lab; root, Postfix from apt, python3): a case
 * that hangs or fails must leave nothing that the next case could trip over. In CI a wedged
 * postlogd once outlived its case, and every later case then waited on the stale socket in
 * the shared queue. Here one run gets a wedged postlogd (stopped with SIGSTOP) and a killed
 * receiver and is stopped as a runner's timeout stops it (SIGTERM); one cannot start Postfix
 * (a broken main.cf); one is killed outright (SIGKILL), leaving the test's clean-up to do it
 * all. After each nothing may work in its folder or hold its port; then a normal run on the
 * same port, in a fresh folder, delivers everything well within its time.
 */
import { strict as assert } from 'node:assert';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { HARNESS, caseDir, endLab, endLabCase, labProblem, labProcesses, makeLabRoot, masterAlive, runDir, runHarness } from '../helpers/lab';

/** One receiver port, above the budget lab's cases (which use up to +41) and below the log lab's (+100). */
const PORT = Number(process.env.BUDGET_LAB_PORT ?? 2600) + 60;
/** A small run: four messages, one destination, a quick receiver, no cached sessions to wait out. */
const SMALL = ['--maxproc', '2', '--domains', '1', '--nmsg', '4', '--delay', '0.2', '--opt', 'smtp_connection_cache_on_demand=no'];

const problem = labProblem();
if (problem && !process.env.BUDGET_LAB_SKIP) throw new Error(`${problem}; set BUDGET_LAB_SKIP=1 to skip on purpose`);

describe('a lab case that hangs or fails leaves nothing behind', { skip: problem }, () => {
  const lab = makeLabRoot('postfix-lab-isolation-');
  after(() => endLab(lab));

  it('a run with a wedged postlogd and a dead receiver, stopped by SIGTERM, ends everything it started', { timeout: 120_000 }, async () => {
    const dir = caseDir(lab, 0);
    try {
      // A slow receiver: the run is still delivering when its postlogd and receiver are stopped.
      const harness = startHarness(dir, 'wedged', ['--delay', '5', '--timeout', '90']);
      const postlogd = await waitFor(() => labProcesses(dir).find((p) => /\bpostlogd\b/.test(p.command)), 'postlogd started');
      const sink = await waitFor(() => labProcesses(dir).find((p) => p.command.includes('sink.py')), 'the receiver started');
      process.kill(postlogd.pid, 'SIGSTOP');
      process.kill(sink.pid, 'SIGKILL');
      await waitFor(() => masterAlive(dir) || undefined, 'the master started');
      // The queue cannot drain now: the harness would wait out its 90 s. A runner's timeout ends it.
      harness.kill('SIGTERM');
      const code = await exited(harness, 60_000);
      const log = readFileSync(path.join(runDir(dir, 'wedged'), 'driver.log'), 'utf8');
      assert.equal(code, 128 + os.constants.signals.SIGTERM, `the harness ended through its clean-up:\n${log}`);
      assert.match(log, new RegExp(`leftover process ${postlogd.pid} .*postlogd`), 'the wedged postlogd outlived the instance and was ended');
      assert.deepEqual(labProcesses(dir), [], 'nothing works in the folder');
      assert.ok(await portFree(PORT), `nothing listens on ${PORT}`);
    } finally {
      endLabCase(dir);
    }
  });

  it('a run that cannot start Postfix (a broken main.cf) fails and ends its receiver', { timeout: 120_000 }, async () => {
    const dir = caseDir(lab, 1);
    try {
      assert.throws(() => runHarness(dir, { name: 'broken', port: PORT, args: [...SMALL, '--main', 'mail_owner=no-such-lab-user'], timeoutMs: 60_000 }), /gave no RESULT/);
      const log = readFileSync(path.join(runDir(dir, 'broken'), 'driver.log'), 'utf8');
      assert.match(log, /sink pid \d+/, 'the receiver had been started');
      assert.match(log, /ERROR/);
      assert.deepEqual(labProcesses(dir), [], 'nothing works in the folder');
      assert.ok(await portFree(PORT), `nothing listens on ${PORT}`);
    } finally {
      endLabCase(dir);
    }
  });

  it('a run killed outright (SIGKILL) is ended by the case\'s clean-up, and its folder removed', { timeout: 120_000 }, async () => {
    const dir = caseDir(lab, 2);
    try {
      const harness = startHarness(dir, 'killed', ['--timeout', '90']);
      await waitFor(() => masterAlive(dir) || undefined, 'the master started');
      await waitFor(() => labProcesses(dir).find((p) => p.command.includes('sink.py')), 'the receiver started');
      harness.kill('SIGKILL');
      await exited(harness, 10_000);
      assert.ok(masterAlive(dir), 'the killed harness could not stop its instance');
      assert.ok(!(await portFree(PORT)), 'its receiver still holds the port');
    } finally {
      const ended = endLabCase(dir);
      assert.ok(ended.some((p) => p.command.includes('sink.py')), `the clean-up ended the receiver: ${JSON.stringify(ended)}`);
    }
    assert.deepEqual(labProcesses(dir), [], 'nothing works in the folder');
    assert.ok(!existsSync(dir), 'the folder is removed');
    assert.ok(await portFree(PORT), `nothing listens on ${PORT}`);
  });

  it('the next run, on the same port in a fresh folder, delivers everything well within its time', { timeout: 120_000 }, () => {
    const dir = caseDir(lab, 3);
    try {
      // 30 s for the queue, 60 s in all: a run held up by what an earlier one left waits far longer.
      const result = runHarness(dir, { name: 'next', port: PORT, args: [...SMALL, '--timeout', '30'], timeoutMs: 60_000 });
      assert.equal(result.left_in_queue, 0, 'the queue drained');
      assert.equal(result.pf_sent, 4, 'every message was delivered and logged');
      assert.equal(result.recv_total_msgs, 4, 'the receiver got every message');
    } finally {
      endLabCase(dir);
    }
    assert.ok(!existsSync(dir), 'the folder is removed');
  });
});

function startHarness(dir: string, name: string, args: string[]): ChildProcess {
  return spawn('python3', [HARNESS, '--name', name, '--port', String(PORT), ...SMALL, ...args], {
    env: { ...process.env, BUDGET_LAB_DIR: dir }, stdio: 'ignore',
  });
}

/** The first value `probe` gives within 30 s. */
async function waitFor<T>(probe: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const value = probe();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`not within 30 s: ${what}`);
}

/** The child's exit code (or 128 + its signal's number), failing past `ms`. */
function exited(child: ChildProcess, ms: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the harness did not end within ${ms} ms`)), ms);
    const done = (code: number | null, sig: NodeJS.Signals | null): void => {
      clearTimeout(timer);
      resolve(code ?? 128 + os.constants.signals[sig!]);
    };
    if (child.exitCode !== null || child.signalCode !== null) done(child.exitCode, child.signalCode);
    else child.once('exit', done);
  });
}

/** Whether 127.0.0.1:port can be bound, that is, no receiver holds it. */
function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
