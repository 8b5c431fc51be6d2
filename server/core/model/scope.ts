/**
 * Scope: which side of the mail flow a parameter affects, from the programs that read it.
 * outbound = the smtp/lmtp client that delivers to other servers; inbound = the servers
 * that accept connections (smtpd, postscreen, qmqpd, and anvil, which counts their
 * clients); qmgr = the queue manager's scheduling; other = everything else.
 */
import { SERVICE_SUFFIXES, paramFacts } from '../kb/knowledgeBase';

export type Scope = 'outbound' | 'inbound' | 'qmgr' | 'other';

const INBOUND = new Set(['smtpd', 'postscreen', 'qmqpd', 'dnsblog', 'anvil']);
const QMGR = new Set(['qmgr', 'oqmgr']);
/** Readers that serve both sides (tlsproxy) or everyone (global) do not decide the scope. */
const NEUTRAL = new Set(['tlsproxy', 'global', 'tls', 'tlsmgr']);

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
  const readers = readersOf(name, serviceDefinedSuffix).filter((r) => !NEUTRAL.has(r));
  if (!readers.length) {
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
