/**
 * Hover on a master.cf column: what the field controls (our words; master(5) is linked)
 * and the value in effect, with `-` resolved as master(8) resolves it: private and
 * unpriv default to y, wakeup to 0, maxproc to $default_process_limit, and chroot to n,
 * or to y while compatibility_level is below 1 (COMPATIBILITY_README, "chroot=y").
 */
import { Hover } from 'vscode-languageserver-types';
import { manPageUrl, programInfo } from '../../kb/programs';
import { parseLevel } from '../../model/expand';
import { programOf, roleOf } from '../../model/services';
import { FieldName, MasterEntry } from '../../syntax/masterCf';
import { FeatureContext } from '../context';
import { locate } from '../locate';
import { code, inEffect, markdownHover, whereSet } from './describe';

const MASTER5 = '[master(5)](https://www.postfix.org/master.5.html)';

const MEANING: Record<FieldName, string> = {
  service: '**service** (column 1): the service name. For `inet` it is the `[host:]port` to listen on; for the other types the socket name in the queue directory. Transports are named by it (`default_transport`, transport maps).',
  type: '**type** (column 2): how the service is reached: `inet` (TCP), `unix` (local stream socket), `unix-dgram` (local datagram socket), `pass` (receives open connections), `fifo` (named pipe, old).',
  private: '**private** (column 3): `y` puts the socket in `private/`, for Postfix programs only; `n` puts it in `public/`, where local commands such as sendmail or postqueue reach it. An `inet` service cannot be private.',
  unpriv: '**unpriv** (column 4): `y` runs the daemon as the mail owner; `n` runs it as root. local, pipe, spawn and virtual need `n`.',
  chroot: '**chroot** (column 5): `y` locks the daemon into the queue directory (it then sees only files copied there).',
  wakeup: '**wakeup** (column 6): master(8) wakes the service every so many seconds; `0` never; a trailing `?` waits until the service has been used once. pickup, qmgr and flush need a wake-up time.',
  maxproc: '**maxproc** (column 7): the most processes of this service that run at once; `0` means no limit.',
  command: '**command** (column 8): the program master(8) runs from `$daemon_directory`, with its arguments (`-o name=value` overrides a main.cf parameter for this service only).',
};

/** Hover on one of a master.cf entry's eight fields. */
export function columnHover(ctx: FeatureContext, offset: number): Hover | null {
  const target = locate(ctx, offset);
  if (target?.kind !== 'field') return null;
  const lines = [MEANING[target.field], ...inEffectFor(ctx, target.service, target.field), MASTER5];
  return markdownHover(ctx, lines, target.arg.start, target.arg.end);
}

function inEffectFor(ctx: FeatureContext, service: MasterEntry, field: FieldName): string[] {
  const text = service.fields[field].text;
  switch (field) {
    case 'service': return [serviceWords(ctx, service)];
    case 'type': return [TYPE_WORDS[text] ? `**In effect:** \`${text}\`: ${TYPE_WORDS[text]}` : `**In effect:** ${code(text)} is not a service type master(8) knows`];
    case 'private': return [privateWords(service, text)];
    case 'unpriv': return [flag(text, 'y', (on) => (on ? `runs as the mail owner (${valueOf(ctx, 'mail_owner')})` : 'runs as root'))];
    case 'chroot': return [chrootWords(ctx, text)];
    case 'wakeup': return [wakeupWords(text)];
    case 'maxproc': return [maxprocWords(ctx, text)];
    case 'command': return commandWords(service);
  }
}

function flag(text: string, dash: 'y' | 'n', words: (on: boolean) => string): string {
  const value = text === '-' ? dash : text;
  if (value !== 'y' && value !== 'n') return `**In effect:** ${code(text)} is not valid here: use \`y\`, \`n\` or \`-\``;
  return `**In effect:** \`${value}\`${text === '-' ? ` (\`-\` = \`${dash}\`)` : ''}: ${words(value === 'y')}`;
}

function privateWords(service: MasterEntry, text: string): string {
  const words = flag(text, 'y', (on) => (on ? 'private' : 'public'));
  const isPrivate = text === '-' || text === 'y';
  return service.typeText === 'inet' && isPrivate ? `${words}; master(8) refuses to start a private \`inet\` service` : words;
}

/** The expanded value of a main.cf parameter, as a code span (or "computed on the server"). */
function valueOf(ctx: FeatureContext, name: string): string {
  const value = inEffect(ctx.config, name);
  return value.expanded === undefined ? `\`$${name}\`, computed on the mail server` : `\`${name}\` = ${code(value.expanded)}`;
}

function chrootWords(ctx: FeatureContext, text: string): string {
  if (text !== '-') return flag(text, 'n', (on) => (on ? 'chrooted to the queue directory' : 'not chrooted'));
  const level = inEffect(ctx.config, 'compatibility_level').expanded ?? '';
  const parsed = parseLevel(level);
  if (!parsed) return `**In effect:** unknown: \`compatibility_level\` = ${code(level)} is not a valid level`;
  const old = parsed[0] < 1;
  return `**In effect:** \`${old ? 'y' : 'n'}\` (\`-\` = \`${old ? 'y' : 'n'}\` because \`compatibility_level\` = ${code(level)} is ${old ? 'below' : 'at least'} 1): ${old ? 'chrooted to the queue directory' : 'not chrooted'}`;
}

function wakeupWords(text: string): string {
  if (text === '-' || text === '0') return `**In effect:** \`0\`${text === '-' ? ' (`-` = `0`)' : ''}: no wake-up`;
  const m = /^(\d+)(\?)?$/.exec(text);
  if (!m) return `**In effect:** ${code(text)} is not valid here: use a number of seconds, optionally followed by \`?\`, or \`-\``;
  return `**In effect:** every ${Number(m[1])} seconds${m[2] ? ', starting after the first time the service is used' : ''}`;
}

function maxprocWords(ctx: FeatureContext, text: string): string {
  if (text === '0') return '**In effect:** `0`: no process limit';
  if (/^\d+$/.test(text)) return `**In effect:** at most ${Number(text)} process${text === '1' ? '' : 'es'}`;
  if (text !== '-') return `**In effect:** ${code(text)} is not valid here: use a number or \`-\``;
  const value = inEffect(ctx.config, 'default_process_limit');
  const shown = value.expanded === undefined ? 'computed on the mail server' : code(value.expanded);
  const where = value.raw ? whereSet(ctx, value.raw) : 'nowhere';
  return `**In effect:** ${shown} (\`-\` = \`default_process_limit\`, from ${where})`;
}

function serviceWords(ctx: FeatureContext, service: MasterEntry): string {
  const name = service.serviceText;
  if (service.typeText === 'inet') {
    const colon = name.lastIndexOf(':');
    const port = name.slice(colon + 1);
    if (colon < 0) return `**Listens on:** port ${code(port)} on the addresses of \`inet_interfaces\` (${valueOf(ctx, 'inet_interfaces')})`;
    return `**Listens on:** port ${code(port)} of ${code(name.slice(0, colon).replace(/^\[(.*)\]$/, '$1') || '*')}`;
  }
  const priv = service.fields.private.text;
  const folder = priv === 'n' ? 'public' : 'private';
  return `**Socket:** ${code(`${folder}/${name}`)} in the queue directory`;
}

function commandWords(service: MasterEntry): string[] {
  const program = programOf(service.commandText);
  const info = programInfo(program);
  if (!info) return [`${code(program)} is not a Postfix daemon program; master(8) runs ${code(`$daemon_directory/${service.commandText}`)}.`];
  const role = ROLE_WORDS[roleOf(program)];
  return [`**\`${program}\`:** ${info.summary}${role ? ` (${role})` : ''}. [${info.manPage}(8)](${manPageUrl(info)})`];
}

const TYPE_WORDS: Record<string, string> = {
  inet: 'a TCP socket; other machines can connect unless the address is local',
  unix: 'a UNIX-domain stream socket; local clients only',
  'unix-dgram': 'a UNIX-domain datagram socket; local clients only',
  pass: 'a UNIX-domain socket over which the service receives already open connections',
  fifo: 'a named pipe; local clients only (an old service type)',
};

const ROLE_WORDS: Record<string, string> = {
  outbound: 'outbound: it connects to other servers',
  delivery: 'a delivery agent',
  inbound: 'inbound: other systems connect to it',
  internal: 'an internal Postfix service',
};
