/**
 * Preloaded into the server under test (`node --require`): records every attempt to start
 * a process, whatever the path, to the file named by POSTFIX_LSP_SPAWN_LOG, then lets it
 * proceed. Complements the fake executables on PATH, which only catch lookups by name.
 * Writes nothing to stdout (that is the LSP channel).
 */
import { appendFileSync } from 'node:fs';
import childProcess from 'node:child_process';

const log = process.env.POSTFIX_LSP_SPAWN_LOG;
if (log) {
  const methods = ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const;
  const target = childProcess as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of methods) {
    const original = target[name];
    target[name] = function recorded(this: unknown, ...args: unknown[]): unknown {
      appendFileSync(log, `${JSON.stringify({ method: name, command: args[0], args: Array.isArray(args[1]) ? args[1] : [] })}\n`);
      return original.apply(this, args);
    };
  }
}
