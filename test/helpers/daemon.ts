/**
 * The runtime oracle: a Postfix daemon from /usr/lib/postfix/sbin run stand-alone on a
 * configuration of our own. It reads main.cf and its -o
 * options at start-up and logs on stderr (-V); we stop it as soon as it has said what it
 * thinks of the configuration. Needs root and an existing queue directory.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const DAEMON_DIR = '/usr/lib/postfix/sbin';
export const QUEUE_DIR = '/var/spool/postfix';

export function daemonsAvailable(): boolean {
  return existsSync(path.join(DAEMON_DIR, 'smtp')) && existsSync(QUEUE_DIR) && process.getuid?.() === 0;
}

export interface DaemonRun {
  program: string;
  /** Extra main.cf lines (queue_directory is added). */
  main?: string;
  args: string[];
  /** Output that means the daemon is past reading its configuration. */
  done?: RegExp;
  timeoutMs?: number;
}

const DONE = /fatal:|panic:|protocol.delivery_request_protocol|warning: connect #1/;

/** Runs the daemon and resolves with what it printed (stdout + stderr). */
export function runDaemon(r: DaemonRun): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pf-daemon-'));
  // A fixed host name spares the daemon a DNS lookup of its own name at start-up.
  writeFileSync(path.join(dir, 'main.cf'), `queue_directory = ${QUEUE_DIR}\nmyhostname = localhost.localdomain\n${r.main ?? ''}\n`);
  writeFileSync(path.join(dir, 'master.cf'), '');
  // Postfix re-reads a file changed within the last second (it may be mid-edit): back-date them.
  const past = new Date(Date.now() - 60_000);
  for (const f of ['main.cf', 'master.cf']) utimesSync(path.join(dir, f), past, past);
  return new Promise((resolve) => {
    const child = spawn(path.join(DAEMON_DIR, r.program), ['-V', ...r.args], {
      env: { ...process.env, MAIL_CONFIG: dir },
      // fds 5 and 6 stand in for master(8)'s status and trigger channels.
      stdio: ['ignore', 'pipe', 'pipe', 'ignore', 'ignore', 'ignore', 'ignore'],
    });
    let out = '';
    let finished = false;
    const finish = (): void => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
      resolve(out);
    };
    const timer = setTimeout(finish, r.timeoutMs ?? 8000);
    const take = (d: Buffer): void => {
      out += String(d);
      if ((r.done ?? DONE).test(out)) setTimeout(finish, 50);
    };
    child.stdout!.on('data', take);
    child.stderr!.on('data', take);
    child.on('exit', () => setTimeout(finish, 20));
    child.on('error', (e) => {
      out += `spawn error: ${e.message}`;
      finish();
    });
  });
}
