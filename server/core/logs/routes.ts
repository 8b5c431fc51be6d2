/**
 * Which receiver and transport a delivery line belongs to. The transport comes from the
 * line's syslog tag: with a configuration, the smtp/lmtp services whose syslog_name and
 * program give that tag; without one, the tag's middle part ("postfix/relay/smtp" ->
 * relay) or the program ("postfix/smtp" -> smtp). The receiver is the declared receiver
 * whose transports include it (the budget model counts all of a transport's sessions
 * against that receiver, so the log does too), else the relay host: its name, or its
 * address when the name is an address or localhost.
 */
import { ownCopy } from '../syntax/logicalLines';
import type { LogConfiguration, LogDeclaredReceiver } from './types';
import type { Lane } from './sweep';

/** Postfix's defaults: smtp_connection_cache_time_limit = 2s, connection_cache_ttl_limit = 2s. */
export const DEFAULT_CACHE_IDLE = 2;

export interface Route {
  key: string;
  /** The relay as the connection cache keys sessions: "address:port". */
  endpoint: string;
  /** "name[address]", as smtp reasons name servers. */
  server: string;
  /** The last sending host this route was remembered for (see LogExplainer.rememberServer), and its lane. */
  rememberedFor?: string;
  lane?: Lane;
  /** The connection cache's key for the last sending host that used the route (sessionHost). */
  sessionHost?: string;
  session?: string;
  declared?: LogDeclaredReceiver;
  transports: { name: string; from: 'configuration' | 'syslog-name' }[];
  caching: boolean;
  cacheIdle: number;
}

const MAX_ROUTES = 100_000;

export class Routes {
  /** By syslog tag, then by the relay field as the log writes it ("mx[192.0.2.1]:25"). */
  private readonly cache = new Map<string, Map<string, Route>>();
  private size = 0;

  constructor(private readonly config: LogConfiguration | undefined) {}

  /** The route of a line with syslog tag `tag` to relay `name[address]:port` (the relay field); undefined when it names no server. */
  route(tag: string, relay: string): Route | undefined {
    let byRelay = this.cache.get(tag);
    let r = byRelay?.get(relay);
    if (r) return r;
    const open = relay.indexOf('[');
    const close = relay.lastIndexOf(']');
    if (open <= 0 || close < open) return undefined;
    const name = relay.slice(0, open).toLowerCase();
    const address = relay.slice(open + 1, close).toLowerCase();
    const port = relay.charCodeAt(close + 1) === 58 ? relay.slice(close + 2) : '';
    r = this.compute(tag, name, address);
    r.endpoint = ownCopy(`${address}:${port}`);
    if (this.size >= MAX_ROUTES) {
      this.cache.clear();
      this.size = 0;
      byRelay = undefined;
    }
    // Copies: these strings are slices of the log's text, and would keep its chunks alive.
    if (!byRelay) this.cache.set(ownCopy(tag), (byRelay = new Map()));
    byRelay.set(ownCopy(relay), r);
    this.size++;
    return r;
  }

  /** The route of a server named in a reason ("name[address]"), with no port. */
  routeOfServer(tag: string, server: string): Route | undefined {
    return this.route(tag, server);
  }

  private compute(tag: string, name: string, address: string): Route {
    const known = this.config?.transports.filter((t) => t.tag === tag) ?? [];
    const transports = known.length
      ? known.map((t) => ({ name: t.name, from: 'configuration' as const }))
      : [{ name: ownCopy(transportFromTag(tag)), from: 'syslog-name' as const }];
    const covering = (this.config?.receivers ?? []).filter((r) => transports.some((t) => r.transports.includes(t.name)));
    const declared = covering.length === 1 ? covering[0] : undefined;
    return {
      key: declared ? declared.name : ownCopy(relayKey(name, address)),
      endpoint: '',
      server: ownCopy(`${name}[${address}]`),
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
