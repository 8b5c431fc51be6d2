/**
 * Which receiver and transport a delivery line belongs to. The transport comes from the
 * line's syslog tag: with a configuration, the smtp/lmtp services whose syslog_name and
 * program give that tag; without one, the tag's middle part ("postfix/relay/smtp" ->
 * relay) or the program ("postfix/smtp" -> smtp). The receiver is the declared receiver
 * whose transports include it (the budget model counts all of a transport's sessions
 * against that receiver, so the log does too), else the relay host: its name, or its
 * address when the name is an address or localhost.
 */
import type { LogConfiguration, LogDeclaredReceiver } from './types';

/** Postfix's defaults: smtp_connection_cache_time_limit = 2s, connection_cache_ttl_limit = 2s. */
export const DEFAULT_CACHE_IDLE = 2;

export interface Route {
  key: string;
  declared?: LogDeclaredReceiver;
  transports: { name: string; from: 'configuration' | 'syslog-name' }[];
  caching: boolean;
  cacheIdle: number;
}

const MAX_ROUTES = 100_000;

export class Routes {
  private readonly cache = new Map<string, Route>();

  constructor(private readonly config: LogConfiguration | undefined) {}

  /** The route of a line with syslog tag `tag` to relay `name[address]`. */
  route(tag: string, name: string, address: string): Route {
    const id = `${tag}\u0000${name}\u0000${address}`;
    let r = this.cache.get(id);
    if (r) return r;
    r = this.compute(tag, name, address);
    if (this.cache.size >= MAX_ROUTES) this.cache.clear();
    this.cache.set(id, r);
    return r;
  }

  private compute(tag: string, name: string, address: string): Route {
    const known = this.config?.transports.filter((t) => t.tag === tag) ?? [];
    const transports = known.length
      ? known.map((t) => ({ name: t.name, from: 'configuration' as const }))
      : [{ name: transportFromTag(tag), from: 'syslog-name' as const }];
    const covering = (this.config?.receivers ?? []).filter((r) => transports.some((t) => r.transports.includes(t.name)));
    const declared = covering.length === 1 ? covering[0] : undefined;
    return {
      key: declared ? declared.name : relayKey(name, address),
      ...(declared ? { declared } : {}),
      transports,
      caching: known.length ? known.some((t) => t.caching) : true,
      cacheIdle: known.length ? Math.max(...known.map((t) => t.cacheIdleSeconds)) : DEFAULT_CACHE_IDLE,
    };
  }
}

/** "postfix/relay/smtp" -> "relay"; "postfix/smtp" -> "smtp". */
export function transportFromTag(tag: string): string {
  const parts = tag.split('/');
  return parts.length >= 3 ? parts[parts.length - 2] : parts[parts.length - 1];
}

const ADDRESS = /^[0-9.]+$|:/;

/** A relay host as a receiver: its name, or its address when the name says nothing (an address, localhost, unknown). */
export function relayKey(name: string, address: string): string {
  const n = name.replace(/\.$/, '');
  if (!n || n === 'localhost' || n === 'unknown' || ADDRESS.test(n) || !/[a-z]/.test(n)) return address;
  return n;
}
