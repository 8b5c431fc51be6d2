/**
 * How a generated script reaches a shell. The script is a file on the machine the extension
 * runs on; the command typed into the terminal only names that file and the host, both as
 * quoted words, so no script text is ever part of a command line:
 *   local:  sh '/tmp/postfix-diagnose-XXXX/1-diagnose.sh'
 *   ssh:    ssh -T -- 'mx1.example.com' sh -s < '/tmp/postfix-diagnose-XXXX/1-diagnose.sh'
 * `--` ends ssh's options and the host pattern cannot start with `-` anyway.
 */
import { shQuote } from './quote';
import type { Target } from './types';
import { unsafeTextReason } from './validate';

/** The terminal's name: one terminal per host, named after it. */
export function terminalName(target: Target, purpose = 'Postfix'): string {
  return `${purpose}: ${target.kind === 'ssh' ? target.host : 'local'}`;
}

/** A short label for messages (`mx1.example.com`, `this machine`). */
export function targetLabel(target: Target): string {
  return target.kind === 'ssh' ? target.host : 'this machine';
}

/** The command line that runs the script file on the target; throws on an unusable path. */
export function launchCommand(target: Target, scriptPath: string): string {
  const why = scriptPath.startsWith('/') ? unsafeTextReason(scriptPath) : 'is not an absolute path';
  if (why) throw new Error(`script path ${JSON.stringify(scriptPath)} ${why}`);
  if (target.kind === 'local') return `sh ${shQuote(scriptPath)}`;
  return `ssh -T -- ${shQuote(target.host)} sh -s < ${shQuote(scriptPath)}`;
}
