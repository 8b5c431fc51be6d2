/**
 * Scope: which side of the mail flow a parameter affects, from the programs that read it
 * (the `readBy` facts, taken from each daemon's configuration tables).
 * outbound = the smtp/lmtp client that delivers to other servers; inbound = the servers
 * that accept connections (smtpd, postscreen, qmqpd, the server side of tlsproxy, and
 * anvil, which counts their clients); qmgr = the queue manager's scheduling; other =
 * everything else, or parameters read on both sides.
 */
import { SERVICE_SUFFIXES, allParamNames, paramFacts } from '../kb/knowledgeBase';

export type Scope = 'outbound' | 'inbound' | 'qmgr' | 'other';

const INBOUND = new Set(['smtpd', 'postscreen', 'qmqpd', 'dnsblog', 'anvil']);
const QMGR = new Set(['qmgr', 'oqmgr']);
/** Readers that serve both sides (tlsproxy) or everyone (global) do not decide the scope. */
const NEUTRAL = new Set(['tlsproxy', 'global', 'tls', 'tlsmgr']);
/** Readers whose parameters every daemon reads (mail_params.c, the TLS library). */
const EVERYONE = new Set(['global', 'tls']);

/** The per-transport suffixes the queue manager reads (`<transport>_destination_...`). */
export const QMGR_SUFFIXES: readonly string[] = SERVICE_SUFFIXES.suffixes;

/** The qmgr suffix `name` ends with, if any (`orange_destination_rate_delay` -> `_destination_rate_delay`). */
export function qmgrSuffixOf(name: string): string | undefined {
  let best: string | undefined;
  for (const s of QMGR_SUFFIXES) if (name.endsWith(s) && name.length > s.length && (!best || s.length > best.length)) best = s;
  return best;
}

/** The programs that read `name`, for built-in and service-defined names. */
export function readersOf(name: string, serviceDefinedSuffix?: string): string[] {
  const facts = paramFacts(name);
  if (facts?.readBy) return facts.readBy;
  const suffix = serviceDefinedSuffix ?? SERVICE_SUFFIXES.suffixes.find((s) => name.endsWith(s));
  if (suffix === '_time_limit') return ['pipe', 'spawn'];
  if (suffix) return ['qmgr', 'oqmgr'];
  return [];
}

export function scopeOf(name: string, serviceDefinedSuffix?: string): Scope {
  const all = readersOf(name, serviceDefinedSuffix);
  const readers = all.filter((r) => !NEUTRAL.has(r));
  if (!readers.length) {
    // Only tlsproxy reads it: its client half works for smtp, its server half for smtpd.
    if (all.length && all.every((r) => r === 'tlsproxy')) return /^tlsproxy_client_/.test(name) ? 'outbound' : 'inbound';
    if (/^lmtp_|^smtp_/.test(name)) return 'outbound';
    if (/^smtpd_|^postscreen_/.test(name)) return 'inbound';
    return 'other';
  }
  if (readers.every((r) => r === 'smtp')) return 'outbound';
  if (readers.every((r) => INBOUND.has(r))) return 'inbound';
  if (readers.every((r) => QMGR.has(r))) return 'qmgr';
  return 'other';
}

/** One plain sentence about the scope, for hovers. */
export function scopeSentence(scope: Scope): string {
  switch (scope) {
    case 'outbound':
      return 'Outbound: applies when this server delivers mail to other servers (the smtp/lmtp client); it does not change what this server accepts.';
    case 'inbound':
      return 'Inbound: applies when other systems connect to this server; it does not change outbound delivery.';
    case 'qmgr':
      return 'Queue manager: decides how many deliveries run at once and how fast; set it in main.cf (an -o on a delivery service has no effect).';
    default:
      return '';
  }
}

/**
 * Parameters that every program reads by the generated facts, but that only master(8)
 * acts on, and master reads main.cf alone: an -o on a service changes nothing. Postfix's
 * source: only master uses default_process_limit, to fill in a maxproc field of "-".
 */
const MASTER_FROM_MAIN: ReadonlyMap<string, string> = new Map([
  ['default_process_limit', 'master(8), from main.cf only: it fills in each maxproc field of "-" when master starts'],
]);

/** Who acts on a parameter that only master(8) uses, read from main.cf; undefined for the others. */
export function masterOnlyReader(name: string): string | undefined {
  return MASTER_FROM_MAIN.get(name);
}

/** True for queue-manager parameters: only qmgr reads them, so an -o elsewhere does nothing. */
export function isQmgrParameter(name: string): boolean {
  const facts = paramFacts(name);
  if (facts?.readBy) return facts.readBy.every((r) => QMGR.has(r));
  return qmgrSuffixOf(name) !== undefined;
}

let knownReaders: Set<string> | undefined;
/** Programs the knowledge base has reading facts for: for others nothing can be said. */
function isKnownReader(reader: string): boolean {
  if (!knownReaders) {
    knownReaders = new Set();
    for (const name of allParamNames()) for (const r of paramFacts(name)?.readBy ?? []) knownReaders.add(r);
  }
  return knownReaders.has(reader);
}

/** The reader name of a master.cf program in the readBy facts (lmtp is the smtp binary). */
export function readerOfProgram(program: string): string {
  if (program === 'lmtp') return 'smtp';
  if (program === 'nqmgr') return 'qmgr';
  return program;
}

const PREFIXES: Record<string, string[]> = {
  smtp: ['smtp_'], lmtp: ['lmtp_'], smtpd: ['smtpd_'], postscreen: ['postscreen_', 'smtpd_'],
  qmqpd: ['qmqpd_'], tlsproxy: ['tlsproxy_', 'smtpd_'],
};
const SIDE_PREFIX = /^(smtpd|smtp|lmtp|postscreen|qmqpd|tlsproxy)_/;

/**
 * Whether `program` (a master.cf command) reads `name`. Undefined when nothing is known
 * (an unknown program or parameter). The smtp binary reads smtp_* when run as smtp and
 * lmtp_* when run as lmtp, so each of those misses the other's name.
 */
export function programReads(program: string, name: string): boolean | undefined {
  const readers = readersOf(name);
  const reader = readerOfProgram(program);
  if (!readers.length || !isKnownReader(reader)) return undefined;
  if (readers.some((r) => EVERYONE.has(r))) return true;
  if (!readers.includes(reader)) return false;
  if (program === 'smtp' && name.startsWith('lmtp_')) return false;
  if (program === 'lmtp' && name.startsWith('smtp_')) return !paramFacts(`lmtp_${name.slice(5)}`);
  return true;
}

/** The name `program` reads for what `name` means on the other side, if there is one. */
export function counterpartFor(name: string, program: string): string | undefined {
  const m = SIDE_PREFIX.exec(name);
  if (!m) return undefined;
  const rest = name.slice(m[0].length);
  for (const prefix of PREFIXES[program] ?? []) {
    const candidate = prefix + rest;
    if (candidate !== name && paramFacts(candidate) && programReads(program, candidate)) return candidate;
  }
  return undefined;
}

/** Plain words for the programs that read a parameter, for messages. */
export function describeReaders(name: string): string {
  const readers = readersOf(name).filter((r) => r !== 'oqmgr');
  switch (scopeOf(name)) {
    case 'outbound': return 'the smtp/lmtp client (outbound delivery)';
    case 'inbound': return `${readers.join(', ')} (inbound: the servers that accept mail)`;
    case 'qmgr': return 'the queue manager (qmgr)';
    default: return readers.length ? readers.join(', ') : 'no known program';
  }
}

/**
 * Inbound settings that admins often tune against outbound deferrals (421 "too many
 * connections" from a provider): they act on the systems that connect to this server,
 * never on the sessions it opens (inbound-limit-hint, and the parameter hover).
 */
export const INBOUND_LIMITS: ReadonlySet<string> = new Set([
  'smtpd_junk_command_limit', 'smtpd_client_connection_count_limit', 'smtpd_client_connection_rate_limit',
  'smtpd_client_message_rate_limit', 'smtpd_client_recipient_rate_limit', 'smtpd_client_new_tls_session_rate_limit',
  'smtpd_client_auth_rate_limit', 'smtpd_client_event_limit_exceptions', 'smtpd_recipient_limit',
  'smtpd_recipient_overshoot_limit', 'smtpd_soft_error_limit', 'smtpd_hard_error_limit', 'smtpd_error_sleep_time',
  'smtpd_timeout', 'anvil_rate_time_unit', 'anvil_status_update_time', 'postscreen_client_connection_count_limit',
]);
