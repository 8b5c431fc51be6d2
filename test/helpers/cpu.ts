/**
 * Time measurements that do not depend on how busy the machine is: the CPU time a piece
 * of work (or a whole process, from /proc) used, next to the wall-clock time. Timing
 * bounds are checked on CPU time, so a loaded CI machine cannot make them flaky, while a
 * real hang or catastrophic backtracking still fails them.
 */
import { readFileSync } from 'node:fs';

/** Runs `work` and returns its result with the CPU and wall time it took, in ms. */
export function measure<T>(work: () => T): { result: T; cpuMs: number; wallMs: number } {
  const cpu = process.cpuUsage();
  const wall = performance.now();
  const result = work();
  const used = process.cpuUsage(cpu);
  return { result, cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - wall };
}

const TICKS_PER_SECOND = 100;

/**
 * CPU time (user + system) the main thread of a process has used so far, in ms; undefined
 * off Linux. The main thread is where a Node server runs JavaScript, so this is the time a
 * request kept the server busy; GC helper threads working alongside are left out.
 */
export function processCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start after the last ")".
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return ((utime + stime) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}
