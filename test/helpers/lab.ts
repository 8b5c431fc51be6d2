/** What the budget lab's test files share: stopping what a run may have left behind. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';

/**
 * Stops what the harness may have left in `lab` (only its own Postfix instance and the
 * sinks its runs started, found by pid), then removes the folder. `runs`: the run names.
 */
export function cleanUpLab(lab: string, runs: readonly string[]): void {
  const pidFile = path.join(lab, 'queue', 'pid', 'master.pid');
  if (existsSync(pidFile) && alive(Number(readFileSync(pidFile, 'utf8').trim()))) spawnSync('postfix', ['-c', path.join(lab, 'pf'), 'stop']);
  for (const name of runs) {
    const log = path.join(lab, 'runs', name, 'driver.log');
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
