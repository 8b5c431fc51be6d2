/**
 * service-requirement: master.cf entries that postconf accepts but master(8) or the daemon
 * refuses when it runs. Each was reproduced with a real 3.7.11 master(8) (see the report
 * in test/parity/daemonServices.test.ts for the daemon side):
 * - a private inet service: master(8) stops with "inet service cannot be private", so
 *   nothing starts (error). "-" in the private column means y.
 * - a wrong process limit: the daemon exits at once with "service X requires a process
 *   limit of 1" (qmgr, oqmgr, pickup, scache, anvil, tlsmgr, verify, postscreen, postlogd)
 *   or "... of 0" (bounce, cleanup, dnsblog, flush, tlsproxy), and master(8) keeps
 *   restarting it with throttling (error). "-" means $default_process_limit.
 * - local, pipe, spawn or virtual run unprivileged: the daemon exits with "service X
 *   requires privileged operation" (error). "-" in the unpriv column means y.
 * - pickup, qmgr or flush without a wake-up time: nothing fails, but master(5) says they
 *   need the timer; without it queued work waits for another trigger (warning).
 * The requirement goes with the program (the command field), whatever the service name.
 */
import { Finding, Severity } from '../findings';
import { ResolvedFields, resolveFields } from '../model/masterFields';
import { programOf } from '../model/services';
import { Arg, MasterEntry } from '../syntax/masterCf';
import { Rule } from './types';

const LIMIT_ONE = new Set(['qmgr', 'oqmgr', 'nqmgr', 'pickup', 'scache', 'anvil', 'tlsmgr', 'verify', 'postscreen', 'postlogd']);
const LIMIT_ZERO = new Set(['bounce', 'cleanup', 'dnsblog', 'flush', 'tlsproxy']);
const PRIVILEGED = new Set(['local', 'pipe', 'spawn', 'virtual']);
const NEEDS_WAKEUP = new Set(['pickup', 'qmgr', 'oqmgr', 'nqmgr', 'flush']);

export const serviceRequirement: Rule = {
  kind: 'configuration',
  codes: ['service-requirement'],
  check({ config }) {
    const out: Finding[] = [];
    for (const entry of config.master.entries) {
      // Most entries of a large master.cf (smtp transports) have no requirement to check:
      // skip them before their fields are made.
      if (!mayHaveRequirement(entry)) continue;
      const resolved = resolveFields(config, entry);
      const push = (severity: Severity, field: Arg, message: string): void => {
        out.push({ code: 'service-requirement', severity, file: 'master', start: field.start, end: field.end, message });
      };
      checkService(entry, resolved, push);
    }
    return out;
  },
};

/** Whether checkService can have anything to say: an inet entry, or a program with a requirement. */
function mayHaveRequirement(service: MasterEntry): boolean {
  const program = programOf(service.commandText);
  return service.typeText === 'inet' || LIMIT_ONE.has(program) || LIMIT_ZERO.has(program) || PRIVILEGED.has(program) || NEEDS_WAKEUP.has(program);
}

type Push = (severity: Severity, field: Arg, message: string) => void;

function checkService(service: MasterEntry, r: ResolvedFields, push: Push): void {
  const f = service.fields;
  const program = programOf(f.command.text);
  const name = f.service.text;
  if (f.type.text === 'inet' && r.private) {
    const why = f.private.text === '-' ? ' ("-" in the private column means y)' : '';
    push('error', f.private, `An inet service cannot be private${why}: master(8) refuses to start and no Postfix service runs. Write n.`);
  }
  const limit = LIMIT_ONE.has(program) ? 1 : LIMIT_ZERO.has(program) ? 0 : undefined;
  if (limit !== undefined && r.maxproc !== undefined && r.maxproc !== limit) {
    const shown = r.maxprocDefault ? `"-" (default_process_limit = ${r.maxproc})` : String(r.maxproc);
    push('error', f.maxproc,
      `${program} needs a process limit of ${limit}${limit === 0 ? ' (no limit)' : ''}, not ${shown}: it exits at start-up ("service ${name} requires a process limit of ${limit}") and master(8) keeps restarting it. Write ${limit}.`);
  }
  if (PRIVILEGED.has(program) && r.unpriv) {
    const why = f.unpriv.text === '-' ? ' ("-" in the unpriv column means y)' : '';
    push('error', f.unpriv, `${program} must run with privileges, but this entry runs it unprivileged${why}: it exits at start-up ("service ${name} requires privileged operation"). Write n.`);
  }
  if (NEEDS_WAKEUP.has(program) && r.wakeup === 0) {
    push('warning', f.wakeup, `${program} needs a wake-up time (master(5)); without one, work waits until something else triggers it. The stock value is ${STOCK_WAKEUP[program] ?? '300'}.`);
  }
}

/** The wake-up times of the stock master.cf. */
const STOCK_WAKEUP: Record<string, string> = { pickup: '60', qmgr: '300', oqmgr: '300', nqmgr: '300', flush: '1000?' };
