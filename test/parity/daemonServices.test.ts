/**
 * service-requirement against the real daemons: each program is started the way
 * master(8) starts it for a given master.cf entry (-l for a process limit of 1, -z for 0,
 * -u for an unprivileged service), and our verdict must match whether it refuses with
 * "requires a process limit of N" or "requires privileged operation".
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyze } from '../../server/core/analyze';
import { Configuration } from '../../server/core/model/configuration';
import { DEFAULT_SETTINGS } from '../../server/core/settings';
import { daemonsAvailable, runDaemon } from '../helpers/daemon';

const PROGRAMS = [
  'anvil', 'bounce', 'cleanup', 'discard', 'dnsblog', 'error', 'flush', 'lmtp', 'local', 'nqmgr', 'oqmgr',
  'pickup', 'pipe', 'postlogd', 'postscreen', 'proxymap', 'qmgr', 'qmqpd', 'scache', 'showq', 'smtp', 'smtpd',
  'spawn', 'tlsmgr', 'tlsproxy', 'trivial-rewrite', 'verify', 'virtual',
];

/** What master(8) adds to the command line for the maxproc and unpriv columns. */
const flagsFor = (maxproc: number, unpriv: boolean): string[] =>
  [...(maxproc === 1 ? ['-l'] : maxproc === 0 ? ['-z'] : []), ...(unpriv ? ['-u'] : [])];

async function daemonSays(program: string, maxproc: number, unpriv: boolean): Promise<string> {
  return runDaemon({
    program, main: 'virtual_mailbox_base = /var/mail', args: ['-t', 'unix', '-n', 'svc', ...flagsFor(maxproc, unpriv)],
    // smtpd gets past its checks and then keeps retrying proxymap: that is far enough.
    done: /fatal:|panic:|warning: connect #1/,
  });
}

function ourMessages(program: string, maxproc: number, unpriv: boolean): string[] {
  const config = new Configuration({ masterText: `svc unix n ${unpriv ? 'y' : 'n'} n - ${maxproc} ${program}\n` });
  return analyze(config, DEFAULT_SETTINGS).filter((f) => f.code === 'service-requirement' && f.severity === 'error').map((f) => f.message);
}

if (!daemonsAvailable() && !process.env.POSTFIX_LSP_SKIP_ORACLE) {
  throw new Error('the Postfix daemons (root, /var/spool/postfix) are needed: see .ci/run, or set POSTFIX_LSP_SKIP_ORACLE=1');
}

describe('service-requirement matches the daemons', { skip: !daemonsAvailable() }, () => {
  it('process limits', async () => {
    const mismatches: string[] = [];
    for (const program of PROGRAMS) {
      for (const maxproc of [0, 1, 2]) {
        const daemon = /requires a process limit of/.test(await daemonSays(program, maxproc, false));
        const ours = ourMessages(program, maxproc, false).some((m) => m.includes('process limit'));
        if (daemon !== ours) mismatches.push(`${program} maxproc ${maxproc}: daemon ${daemon ? 'refuses' : 'accepts'}, we ${ours ? 'report' : 'accept'}`);
      }
    }
    assert.deepEqual(mismatches, []);
  });

  it('privileges', async () => {
    const mismatches: string[] = [];
    for (const program of PROGRAMS) {
      // A process limit the program accepts, so only the privilege check can fail.
      const maxproc = [1, 0, 2].find((n) => !ourMessages(program, n, false).length) ?? 2;
      const daemon = /requires privileged operation/.test(await daemonSays(program, maxproc, true));
      const ours = ourMessages(program, maxproc, true).some((m) => m.includes('privileges'));
      if (daemon !== ours) mismatches.push(`${program} unprivileged: daemon ${daemon ? 'refuses' : 'accepts'}, we ${ours ? 'report' : 'accept'}`);
    }
    assert.deepEqual(mismatches, []);
  });
});
