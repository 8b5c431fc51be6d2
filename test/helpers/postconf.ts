/**
 * The oracle: the real postconf from Debian's postfix package, run on a copy of a
 * configuration folder. Its warnings are what our diagnostics must match.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, utimesSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export function postconfAvailable(): boolean {
  return spawnSync('postconf', ['-d', 'mail_version'], { encoding: 'utf8' }).status === 0;
}

export function postconfVersion(): string {
  return execFileSync('postconf', ['-dh', 'mail_version'], { encoding: 'utf8' }).trim();
}

export interface OracleWarnings {
  unusedMain: string[];
  unusedMaster: string[];
  undefined: string[];
  overriding: string[];
  fatal: string[];
  other: string[];
  exitCode: number;
}

/** Copies main.cf/master.cf to a temp folder, back-dates them, runs `postconf -c DIR -n`. */
export function runPostconf(dir: string, mode: string[] = ['-n']): OracleWarnings {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'pf-oracle-'));
  const past = new Date(Date.now() - 60_000);
  for (const f of ['main.cf', 'master.cf']) {
    const src = path.join(dir, f);
    if (!existsSync(src)) continue;
    copyFileSync(src, path.join(tmp, f));
    utimesSync(path.join(tmp, f), past, past);
  }
  const r = spawnSync('postconf', ['-c', tmp, ...mode], { encoding: 'utf8' });
  const w: OracleWarnings = { unusedMain: [], unusedMaster: [], undefined: [], overriding: [], fatal: [], other: [], exitCode: r.status ?? -1 };
  for (const line of r.stderr.split('\n')) {
    let m: RegExpExecArray | null;
    if (!line.trim()) continue;
    if ((m = /: warning: .*\/main\.cf: unused parameter: ([^=]*)=/.exec(line))) w.unusedMain.push(m[1]);
    else if ((m = /: warning: .*\/master\.cf: unused parameter: ([^=]*)=/.exec(line))) w.unusedMaster.push(m[1]);
    else if ((m = /: warning: .*: undefined parameter: (.*)$/.exec(line))) w.undefined.push(m[1]);
    else if ((m = /: warning: .*main\.cf, line \d+: overriding earlier entry: ([^=]*)=/.exec(line))) w.overriding.push(m[1]);
    else if (/: fatal: /.test(line)) w.fatal.push(line);
    else if (!/open "(mysql|pgsql|ldap|sqlite|memcache)" configuration/.test(line)) w.other.push(line);
  }
  return w;
}
