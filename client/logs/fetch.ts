/**
 * Runs the commands of hostLog.ts one after the other until one writes a log, streaming
 * its output into a private file (folder mode 0700, file 0600) the language server then
 * explains. spawn() without a shell; cancellable; stderr kept short for the message.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { LogCommand } from './hostLog';

export interface Fetched {
  file: string;
  bytes: number;
  /** What was read, e.g. "the journal (postfix*, since -2h) on mx1". */
  reads?: string;
  /** Why each command gave nothing. */
  failures: string[];
}

/** A private folder for fetched logs; `dispose()` removes it. */
export class LogFolder {
  private dir: string | undefined;
  private count = 0;

  next(name: string): string {
    this.dir ??= mkdtempSync(path.join(os.tmpdir(), 'postfix-log-'));
    return path.join(this.dir, `${++this.count}-${name.replace(/[^A-Za-z0-9_.-]/g, '_')}.log`);
  }

  dispose(): void {
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
  }
}

/**
 * Appends the output of the first command that writes anything to `file`. `onBytes`
 * reports progress; `cancel` (checked on every chunk, and polled) stops the child.
 */
export async function fetchLog(commands: readonly LogCommand[], file: string, options: { onBytes?: (n: number) => void; cancelled?: () => boolean } = {}): Promise<Fetched> {
  const failures: string[] = [];
  for (const command of commands) {
    if (options.cancelled?.()) break;
    const { bytes, error } = await runOne(command, file, options);
    if (bytes > 0) return { file, bytes, reads: command.reads, failures };
    failures.push(`${command.reads}: ${error || 'nothing'}`);
  }
  return { file, bytes: 0, failures };
}

function runOne(command: LogCommand, file: string, options: { onBytes?: (n: number) => void; cancelled?: () => boolean }): Promise<{ bytes: number; error: string }> {
  return new Promise((resolve) => {
    const out = createWriteStream(file, { flags: 'a', mode: 0o600 });
    let bytes = 0;
    let stderr = '';
    let settled = false;
    const child = spawn(command.file, command.args, { stdio: ['ignore', 'pipe', 'pipe'], shell: false });
    const poll = setInterval(() => { if (options.cancelled?.()) child.kill('SIGTERM'); }, 200);
    const finish = (error: string): void => {
      if (settled) return;
      settled = true;
      clearInterval(poll);
      out.end(() => resolve({ bytes, error }));
    };
    child.stdout.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      out.write(chunk);
      options.onBytes?.(bytes);
      if (options.cancelled?.()) child.kill('SIGTERM');
    });
    child.stderr.on('data', (chunk: Buffer) => { if (stderr.length < 500) stderr += chunk.toString('utf8'); });
    child.on('error', (e) => finish((e as NodeJS.ErrnoException).code === 'ENOENT' ? `${command.file} is not installed` : e.message));
    child.on('close', (code) => finish(code === 0 ? '' : stderr.trim().split('\n').pop() || `exit status ${code}`));
  });
}
