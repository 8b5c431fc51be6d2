/**
 * master.cf fields with "-" resolved to what master(8) uses (master(5), Postfix >= 3.0):
 * private y, unpriv y, chroot n, wakeup 0 (none), maxproc $default_process_limit.
 * Also the endpoint master(8) tells services apart by.
 */
import { MasterEntry } from '../syntax/masterCf';
import type { Configuration } from './configuration';
import { expandedValue } from './effective';

export interface ResolvedFields {
  private: boolean;
  unpriv: boolean;
  chroot: boolean;
  /** Seconds between wake-ups; 0 = no wake-up. */
  wakeup: number;
  /** The process limit, or undefined when `-` resolves to something that is not a number. */
  maxproc: number | undefined;
  /** True when maxproc was "-". */
  maxprocDefault: boolean;
}

const flag = (text: string, fallback: boolean): boolean => (text === '-' ? fallback : text === 'y');

export function resolveFields(config: Configuration, service: MasterEntry): ResolvedFields {
  const f = service.fields;
  const wakeup = /^\d+/.exec(f.wakeup.text);
  const maxprocDefault = f.maxproc.text === '-';
  const maxprocText = maxprocDefault ? expandedValue(config, 'default_process_limit').value.trim() : f.maxproc.text;
  return {
    private: flag(f.private.text, true),
    unpriv: flag(f.unpriv.text, true),
    chroot: flag(f.chroot.text, false),
    wakeup: wakeup ? Number(wakeup[0]) : 0,
    maxproc: /^\d+$/.test(maxprocText) ? Number(maxprocText) : undefined,
    maxprocDefault,
  };
}

/** Port names master(8) turns into numbers (the known_tcp_ports default, also in /etc/services). */
const KNOWN_PORTS: Record<string, string> = { lmtp: '24', smtp: '25', smtps: '465', submissions: '465', submission: '587' };

/**
 * What master(8) keys a service on: an inet service by its [host:]port (port names as
 * numbers), other types by their socket path, public/NAME or private/NAME. Two entries
 * with the same key are duplicates ("using the last entry"); `a unix -` and `a unix n`
 * are not, as they listen on different sockets.
 */
export function endpointKey(service: MasterEntry): string {
  const name = service.serviceText;
  const type = service.typeText;
  if (type === 'inet') {
    const colon = name.lastIndexOf(':');
    const host = colon >= 0 ? name.slice(0, colon + 1) : '';
    const port = colon >= 0 ? name.slice(colon + 1) : name;
    const number = Object.prototype.hasOwnProperty.call(KNOWN_PORTS, port) ? KNOWN_PORTS[port] : port;
    return `inet ${host}${number}`;
  }
  return `${type} ${flag(service.fields.private.text, true) ? 'private' : 'public'}/${name}`;
}
