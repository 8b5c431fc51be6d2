/**
 * Running generated shell scripts in tests: a scratch folder, a PATH made of chosen tools
 * only (to show how a script degrades when ss, journalctl or qshape is missing), and a
 * syntax check with `sh -n`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const scratchDirs: string[] = [];
process.on('exit', () => {
  for (const d of scratchDirs) rmSync(d, { recursive: true, force: true });
});

/** A fresh scratch folder under the system temp folder, removed when the test process exits. */
export function scratch(prefix = 'pf-diag-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  scratchDirs.push(dir);
  return dir;
}

/**
 * Writes main.cf and master.cf into `dir` (created), back-dated by a minute: postconf
 * reads a file written within the last second twice, and warns twice.
 */
export function writeConfig(dir: string, mainCf: string, masterCf: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'main.cf'), mainCf);
  writeFileSync(path.join(dir, 'master.cf'), masterCf);
  const past = new Date(Date.now() - 60_000);
  for (const f of ['main.cf', 'master.cf']) utimesSync(path.join(dir, f), past, past);
  return dir;
}

/** The absolute path of a command on the current PATH, or undefined. */
export function which(tool: string): string | undefined {
  const r = spawnSync('sh', ['-c', 'command -v "$1"', 'which', tool], { encoding: 'utf8' });
  const p = r.stdout.trim();
  return r.status === 0 && p.startsWith('/') ? p : undefined;
}

/** A folder of symlinks to exactly `tools` (those found), to use as the only PATH entry. */
export function fakeBin(dir: string, tools: readonly string[]): string {
  mkdirSync(dir, { recursive: true });
  for (const t of tools) {
    const p = which(t);
    if (p) symlinkSync(p, path.join(dir, t));
  }
  return dir;
}

/** The tools every generated script needs, besides Postfix's own. */
export const BASIC_TOOLS = ['awk', 'grep', 'sed', 'sort', 'uniq', 'head', 'tail', 'tr', 'date', 'uname', 'id', 'mv', 'rm', 'sleep', 'cat'];

export interface ScriptRun {
  stdout: string;
  stderr: string;
  status: number | null;
}

/** Runs `script` with /bin/sh (the script on stdin, as over ssh), in `cwd`, with `env`. */
export function runScript(script: string, opts: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): ScriptRun {
  const r = spawnSync('/bin/sh', ['-s'], {
    input: script,
    cwd: opts.cwd,
    env: opts.env ?? process.env,
    encoding: 'utf8',
    timeout: opts.timeoutMs ?? 60_000,
  });
  return { stdout: r.stdout ?? '', stderr: r.stderr ?? '', status: r.status };
}

/**
 * Like runScript, without blocking: several runs can overlap. Postfix's tools pause about a
 * second before exiting on a fatal error, so runs that hit many errors are run side by side.
 */
export function runScriptAsync(script: string, opts: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<ScriptRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-s'], { cwd: opts.cwd, env: opts.env ?? process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.on('error', reject);
    child.on('close', (status) => resolve({ stdout, stderr, status }));
    child.stdin.end(script);
  });
}

/** `sh -n`: the script parses, and nothing runs. Returns the shell's complaint, or ''. */
export function syntaxErrors(script: string): string {
  const r = spawnSync('/bin/sh', ['-n'], { input: script, encoding: 'utf8' });
  return r.status === 0 ? '' : r.stderr || `exit ${r.status}`;
}

/** The text of one `=== heading ===` section of a script's output, up to the next heading. */
export function section(output: string, headingStart: string): string {
  const start = output.indexOf(`=== ${headingStart}`);
  if (start < 0) return '';
  const next = output.indexOf('\n=== ', start + 4);
  return output.slice(start, next < 0 ? undefined : next);
}
