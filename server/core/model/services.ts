/**
 * master.cf services by role. The command field names the program that runs; its role
 * decides which parameters the service reads (see scope.ts) and whether it delivers mail.
 */
import { MasterEntry } from '../syntax/masterCf';

/**
 * outbound: the smtp/lmtp client (connects to other servers);
 * delivery: other delivery agents (local, virtual, pipe, error, discard);
 * inbound: servers that accept connections from other systems (smtpd, postscreen, qmqpd);
 * internal: Postfix's own daemons (qmgr, cleanup, ...); other: anything else.
 */
export type ServiceRole = 'outbound' | 'delivery' | 'inbound' | 'internal' | 'other';

export interface Service {
  entry: MasterEntry;
  /** Field 1, e.g. "smtp", "relay", "127.0.0.1:10025". */
  name: string;
  type: string;
  /** The program: the command field's base name, e.g. "smtp" for "/usr/lib/postfix/sbin/smtp". */
  program: string;
  role: ServiceRole;
  /** "name/type", the key master(8) uses to tell services apart. */
  key: string;
}

const ROLES: Record<string, ServiceRole> = {
  smtp: 'outbound', lmtp: 'outbound',
  local: 'delivery', virtual: 'delivery', pipe: 'delivery', error: 'delivery', discard: 'delivery',
  smtpd: 'inbound', postscreen: 'inbound', qmqpd: 'inbound',
  qmgr: 'internal', oqmgr: 'internal', nqmgr: 'internal', pickup: 'internal', cleanup: 'internal',
  'trivial-rewrite': 'internal', bounce: 'internal', flush: 'internal', proxymap: 'internal',
  showq: 'internal', verify: 'internal', anvil: 'internal', scache: 'internal', tlsmgr: 'internal',
  postlogd: 'internal', spawn: 'internal', dnsblog: 'internal', tlsproxy: 'internal',
};

export function programOf(command: string): string {
  const slash = command.lastIndexOf('/');
  return slash >= 0 ? command.slice(slash + 1) : command;
}

export function roleOf(program: string): ServiceRole {
  return Object.prototype.hasOwnProperty.call(ROLES, program) ? ROLES[program] : 'other';
}

export function describeServices(services: readonly MasterEntry[]): Service[] {
  return services.map((entry) => {
    const program = programOf(entry.commandText);
    const name = entry.serviceText;
    const type = entry.typeText;
    return { entry, name, type, program, role: roleOf(program), key: `${name}/${type}` };
  });
}

/** True for programs that take mail from the queue manager (transports). */
export function isDeliveryAgent(role: ServiceRole): boolean {
  return role === 'outbound' || role === 'delivery';
}
