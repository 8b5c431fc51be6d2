/**
 * How "Postfix: Explain Log..." reads a host's log: argument arrays for spawn(), never a
 * command line for a local shell. Locally the program runs directly. Over ssh, `--` ends
 * ssh's options, the host is validated like Diagnose's (client/diagnose/validate.ts: it can
 * never start with "-"), and the remote command's words are fixed strings, each quoted for
 * the remote shell that ssh hands them to; nothing from a setting or a file becomes shell
 * code on either side. The journal first (-o short-iso-precise: microseconds); if it has
 * nothing, Postfix's maillog_file locations and the syslog files.
 */
import { shQuote } from '../diagnose/quote';
import type { Target } from '../diagnose/types';

export type LogSpan = '30min' | '2h' | '24h' | '7d';

export const SPANS: readonly { id: LogSpan; label: string; since: string }[] = [
  { id: '30min', label: 'the last 30 minutes', since: '-30min' },
  { id: '2h', label: 'the last 2 hours', since: '-2h' },
  { id: '24h', label: 'the last 24 hours', since: '-24h' },
  { id: '7d', label: 'the last 7 days', since: '-7d' },
];

/** Log files tried when the journal has no Postfix entries: the newest lines of each. */
export const LOG_FILES: readonly string[] = ['/var/log/mail.log', '/var/log/maillog', '/var/log/postfix.log'];
/** How many of a log file's newest lines are read (the journal is cut by time instead). */
export const FILE_LINES = 2_000_000;

export interface LogCommand {
  /** The program spawn() runs (never a shell). */
  file: string;
  args: string[];
  /** What it reads, for messages. */
  reads: string;
}

/** The commands that read a Postfix log on `target`, in the order to try. */
export function hostLogCommands(target: Target, span: LogSpan, sudo: boolean): LogCommand[] {
  const since = SPANS.find((s) => s.id === span)?.since;
  if (!since) throw new Error(`unknown span ${JSON.stringify(span)}`);
  const root = sudo ? ['sudo', '-n'] : [];
  const commands: { words: string[]; reads: string }[] = [
    { words: [...root, 'journalctl', '-q', '--no-pager', '-o', 'short-iso-precise', '-u', 'postfix*', '--since', since], reads: `the journal (postfix*, since ${since})` },
    ...LOG_FILES.map((f) => ({ words: [...root, 'tail', '-n', String(FILE_LINES), f], reads: f })),
  ];
  return commands.map(({ words, reads }) => (target.kind === 'local'
    ? { file: words[0], args: words.slice(1), reads }
    : { file: 'ssh', args: ['-T', '-o', 'BatchMode=yes', '--', target.host, ...words.map(shQuote)], reads: `${reads} on ${target.host}` }));
}
