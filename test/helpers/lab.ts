/**
 * What the budget lab's test files share: every case runs the harness (run_exp.py) in a
 * folder of its own under the test file's temporary root, so that nothing one case leaves
 * (a queue, a socket, a wedged daemon) can reach the next; and after the case, pass or fail,
 * whatever still works in that folder is ended and the folder removed.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, realpathSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from './lspClient';
import { postconfAvailable } from './postconf';

export const HARNESS = path.join(ROOT, 'test', 'budget-lab', 'run_exp.py');

/** Why the lab cannot run here (the first thing missing), or undefined. `openssl`: the runs need it (TLS). */
export function labProblem(openssl = false): string | undefined {
  if (process.env.BUDGET_LAB_SKIP) return 'BUDGET_LAB_SKIP is set';
  if (process.getuid?.() !== 0) return 'the budget lab needs root (it runs a private Postfix instance)';
  if (!postconfAvailable() || !existsSync('/usr/sbin/postfix')) return 'Postfix is not installed (apt-get install postfix; see .ci/install-apt.sh)';
  if (spawnSync('python3', ['--version']).status !== 0) return 'python3 is not installed';
  if (openssl && spawnSync('openssl', ['version']).status !== 0) return 'openssl is not installed (the TLS runs need it; see .ci/install-apt.sh)';
  return undefined;
}

/** A test file's temporary root for its cases' folders, open to the postfix user (who works in the queues below it). */
export function makeLabRoot(prefix: string): string {
  const root = mkdtempSync(path.join(os.tmpdir(), prefix));
  chmodSync(root, 0o755);
  return root;
}

/** The folder of case `index` under `root`; short, so that the queue's socket paths stay well under 108 bytes. */
export function caseDir(root: string, index: number): string {
  return path.join(root, `c${index}`);
}

/** The folder where the harness writes run `name`'s files (main.cf, maillog, sessions.jsonl, ...). */
export function runDir(dir: string, name: string): string {
  return path.join(dir, 'runs', name);
}

export interface HarnessRun {
  name: string;
  port: number;
  args: readonly string[];
  /** Past this the harness gets SIGTERM (it then stops what it started) and the run fails. */
  timeoutMs: number;
}

/** Runs the harness in `dir` (its BUDGET_LAB_DIR) and returns its RESULT; fails with its output when there is none. */
export function runHarness(dir: string, run: HarnessRun): Record<string, unknown> {
  const child = spawnSync('python3', [HARNESS, '--name', run.name, '--port', String(run.port), ...run.args], {
    env: { ...process.env, BUDGET_LAB_DIR: dir }, encoding: 'utf8', timeout: run.timeoutMs,
  });
  const line = child.stdout.split('\n').find((l) => l.includes(' RESULT '));
  const how = child.error ? `${child.error.message}, ${child.signal ?? ''}` : `exit ${child.status}`;
  assert.ok(line, `the harness gave no RESULT (${how}):\n${child.stdout}\n${child.stderr}`);
  const result = JSON.parse(line.slice(line.indexOf(' RESULT ') + 8)) as Record<string, unknown>;
  if (Number(result.leftover_processes) > 0) process.stdout.write(`# ${run.name}: ${result.leftover_processes} processes outlived the stopped instance and were ended\n`);
  return result;
}

export interface LabProcess {
  pid: number;
  command: string;
}

/**
 * The processes working in `dir`: the Postfix daemons of its instance (they work in its queue
 * folder) and whatever names a path in it (the sink, openssl). Nothing else is ever signalled.
 */
export function labProcesses(dir: string): LabProcess[] {
  const prefixes = [...new Set([path.resolve(dir), existsSync(dir) ? realpathSync(dir) : path.resolve(dir)])].map((p) => `${p}/`);
  const inside = (p: string): boolean => prefixes.some((x) => `${p}/`.startsWith(x));
  const found: LabProcess[] = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
      if (inside(readlinkSync(`/proc/${pid}/cwd`)) || argv.some(inside)) found.push({ pid, command: argv.join(' ') });
    } catch {
      // gone meanwhile, or a kernel thread
    }
  }
  return found;
}

/**
 * Ends a case: stops its Postfix instance if the master still runs (SIGTERM), ends what still works in
 * `dir` (TERM, and CONT for a stopped process; KILL after 3 s), and removes the folder.
 * Returns what had to be ended after the instance was stopped.
 */
export function endLabCase(dir: string): LabProcess[] {
  // What "postfix stop" does, without its logging first (a wedged postlogd would hold that up).
  const master = masterPid(dir);
  if (master) {
    signal(master, 'SIGTERM');
    for (let i = 0; i < 50 && masterPid(dir); i++) sleep(100);
  }
  const left = labProcesses(dir);
  for (const p of left) {
    signal(p.pid, 'SIGTERM');
    signal(p.pid, 'SIGCONT');
  }
  for (let i = 0; i < 30 && labProcesses(dir).some((p) => left.some((l) => l.pid === p.pid)); i++) sleep(100);
  for (const p of labProcesses(dir)) if (left.some((l) => l.pid === p.pid)) signal(p.pid, 'SIGKILL');
  rmSync(dir, { recursive: true, force: true });
  return left;
}

/** Ends every case still under a test file's root (after a crash of the file itself) and removes it. */
export function endLab(root: string): void {
  if (existsSync(root)) for (const entry of readdirSync(root)) endLabCase(path.join(root, entry));
  rmSync(root, { recursive: true, force: true });
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Whether the master process that the case's queue names runs. */
export function masterAlive(dir: string): boolean {
  return masterPid(dir) !== undefined;
}

/** The pid of the case's master process while it runs. */
function masterPid(dir: string): number | undefined {
  try {
    const pid = Number(readFileSync(path.join(dir, 'queue', 'pid', 'master.pid'), 'utf8').trim());
    if (!Number.isInteger(pid) || pid <= 0) return undefined;
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}
